// Must not compile: a bool bound to an input.
#include <typegrad.hpp>
int main() {
    constexpr auto x = typegrad::input<"x">;
    return static_cast<int>(typegrad::eval(typegrad::square(x), x = true));
}
