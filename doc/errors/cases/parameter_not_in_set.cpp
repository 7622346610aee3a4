// Must not compile: theta has no slot for b.
#include <typegrad.hpp>

int main() {
    constexpr auto x = typegrad::input<"x">;
    constexpr auto w = typegrad::param<"w">;
    constexpr auto b = typegrad::param<"b">;
    auto theta = typegrad::parameters_of(w * x);
    theta[b] = 1.0;
}
