// The chain rule, as in the primer: f(x) = (2x - 1)^2 has derivative 4(2x - 1), which is 4 at x = 1.
// typegrad derives it at compile time; the derivative is an expression you can print and evaluate.
#include <cstdlib>
#include <iostream>
#include <string>

#include <typegrad.hpp>

namespace tg = typegrad;

int main() {
    //! [chain_rule]
    constexpr auto x = tg::input<"x">;
    constexpr auto f = tg::square(2 * x - 1);
    const auto df = tg::d(f, x);  // an expression, built by the chain rule

    std::cout << "f(x)   = " << f << '\n';
    std::cout << "f'(x)  = " << df << '\n';
    std::cout << "f'(1)  = " << tg::eval(df, x = 1.0) << '\n';
    //! [chain_rule]

    //! [compile_time]
    // The same with compile-time constants: the derivative's type is 4*(2*x - 1), known to the compiler.
    constexpr auto g = tg::square(tg::c<2> * x - tg::c<1>);
    static_assert(tg::eval(tg::d(g, x), x = 1.0) == 4.0);
    //! [compile_time]

    const bool ok = tg::to_string(df) == "4*(2*x - 1)" && tg::eval(df, x = 1.0) == 4.0 &&
                    tg::to_string(tg::d(g, x)) == "4*(2*x - 1)";
    if (!ok) std::cerr << "chain_rule: unexpected result\n";
    return ok ? EXIT_SUCCESS : EXIT_FAILURE;
}
