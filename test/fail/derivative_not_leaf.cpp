// Must not compile: d(e, v) with v = w*x, which is not a parameter or an input.
#include <typegrad.hpp>

int main() {
    constexpr auto x = typegrad::input<"x">;
    constexpr auto w = typegrad::param<"w">;
    const auto e = typegrad::square(w * x);
    const auto de = typegrad::d(e, w * x);
    (void)de;
}
