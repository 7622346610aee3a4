// Must not compile: a constant divided by the constant zero.
#include <typegrad.hpp>
int main() {
    constexpr auto x = typegrad::input<"x">;
    const auto e = x * (typegrad::c<1> / typegrad::c<0>);
    (void)e;
}
