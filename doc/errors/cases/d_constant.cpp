// Must not compile: d(e, v) with v a constant.
#include <typegrad.hpp>
int main() {
    constexpr auto x = typegrad::input<"x">;
    const auto e = typegrad::d(typegrad::square(x), typegrad::c<2>);
    (void)e;
}
