// Must not compile: z = 1.0 binds a name the expression does not use (a typo for x?).
#include <typegrad.hpp>

int main() {
    constexpr auto x = typegrad::input<"x">;
    constexpr auto z = typegrad::input<"z">;
    return static_cast<int>(typegrad::eval(typegrad::square(x), x = 2.0, z = 1.0));
}
