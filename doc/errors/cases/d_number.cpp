// Must not compile: d(e, v) with v a number.
#include <typegrad.hpp>
int main() {
    constexpr auto x = typegrad::input<"x">;
    const auto e = typegrad::d(typegrad::square(x), 2.0);
    (void)e;
}
