// Must not compile: a parameter set whose names are not sorted.
#include <typegrad.hpp>
int main() {
    typegrad::parameter_set<double, "w", "b"> theta{};
    (void)theta;
}
