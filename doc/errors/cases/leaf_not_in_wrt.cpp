// Must not compile: the gradient was asked for x only.
#include <typegrad.hpp>

int main() {
    constexpr auto x = typegrad::input<"x">;
    constexpr auto w = typegrad::param<"w">;
    const auto r = typegrad::value_and_gradient(w * x, typegrad::wrt(x), w = 2.0, x = 1.0);
    return static_cast<int>(r.gradient[w]);
}
