// The Boost.Test entry point shared by every test executable (linked with the compiled library).
#define BOOST_TEST_MODULE typegrad
#include <boost/test/unit_test.hpp>
