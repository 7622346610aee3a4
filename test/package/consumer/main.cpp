// The smallest real use: the primer's chain-rule example, checked.
#include <typegrad.hpp>

int main() {
    namespace tg = typegrad;
    constexpr auto x = tg::input<"x">;
    const auto df = tg::d(tg::square(2 * x - 1), x);
    return tg::to_string(df) == "4*(2*x - 1)" && tg::eval(df, x = 1.0) == 4.0 ? 0 : 1;
}
