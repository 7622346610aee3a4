// Must not compile: the expression uses the input x0, and nothing binds it.
#include <typegrad.hpp>

int main() {
    constexpr auto x0 = typegrad::input<"x0">;
    constexpr auto w = typegrad::param<"w">;
    return static_cast<int>(typegrad::eval(w * x0, w = 2.0));
}
