// Must not compile: the gradient would be written into a map over const (read-only) memory.
#include <typegrad.hpp>

int main() {
    constexpr auto w = typegrad::param<"w">;
    constexpr auto x = typegrad::input<"x">;
    using set = decltype(typegrad::parameters_of(w * x));
    const double p[] = {2.0};
    const double g[] = {0.0};
    return static_cast<int>(typegrad::value_and_gradient_into(typegrad::map_parameters<set>(g), w * x,
                                                              typegrad::map_parameters<set>(p), x = 1.0));
}
