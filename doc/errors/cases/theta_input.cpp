// Must not compile: a parameter set indexed by an input.
#include <typegrad.hpp>
int main() {
    constexpr auto x = typegrad::input<"x">;
    constexpr auto w = typegrad::param<"w">;
    auto theta = typegrad::parameters_of(w * x);
    theta[x] = 1.0;
}
