// Must not compile: the expression uses b, and the set (made for w*x) does not hold it.
#include <typegrad.hpp>

int main() {
    constexpr auto x = typegrad::input<"x">;
    constexpr auto w = typegrad::param<"w">;
    constexpr auto b = typegrad::param<"b">;
    const auto theta = typegrad::parameters_of(w * x);
    const auto r = typegrad::value_and_gradient(w * x + b, theta, x = 1.0);
    return static_cast<int>(r.value);
}
