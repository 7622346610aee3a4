// Uses the network trained by export_train.cpp without training it: the trained parameters are compiled
// in from the header it wrote (trained_params.hpp, in the build directory). Writes the predictions at the
// same 11 points to argv[1]; CTest compares them with export_train's, byte for byte.
#include <cstdio>
#include <cstdlib>

#include <typegrad.hpp>

#include "export_network.hpp"
#include "trained_params.hpp"  // generated: trained_names, trained_values

namespace tg = typegrad;
using namespace export_example;

//! [parameter_set_from]
// The names are checked against the network's at compile time: a header written for another network
// does not compile.
constexpr auto theta = tg::parameter_set_from<decltype(tg::parameters_of(net))>(trained_names, trained_values);
//! [parameter_set_from]

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: export_use PREDICTIONS\n");
        return EXIT_FAILURE;
    }
    return write_predictions(theta, argv[1]) ? EXIT_SUCCESS : EXIT_FAILURE;
}
