// Must not compile: 2.0 is passed where a binding is expected.
#include <typegrad.hpp>

int main() {
    constexpr auto x = typegrad::input<"x">;
    return static_cast<int>(typegrad::eval(typegrad::square(x), 2.0));
}
