// The primer's smallest example of descent: the lowest point of y = x^2. At x = -1 the derivative 2x
// is -2; its opposite, +2, points right, toward the minimum at 0. Each step moves x by -0.1 times the
// derivative, so x becomes 0.8x: -0.8, -0.64, ... and approaches 0 from the left.
//
// Here x itself is the parameter, and there is no data: the step is written out with
// tg::value_and_gradient, which is what tg::gradient_descent does for a loss over a data set.
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include <typegrad.hpp>

namespace tg = typegrad;

int main() {
    //! [parabola]
    constexpr auto x = tg::param<"x">;
    constexpr auto f = tg::square(x);
    std::printf("f(x) = %s, f'(x) = %s\n", tg::to_string(f).c_str(), tg::to_string(tg::d(f, x)).c_str());

    auto theta = tg::parameters_of(f);
    theta[x] = -1.0;
    const double learning_rate = 0.1;
    std::printf("step  x         f(x)      f'(x)\n");
    for (int step = 0; step <= 30; ++step) {
        const auto [value, gradient] = tg::value_and_gradient(f, theta);
        if (step <= 5 || step % 10 == 0)
            std::printf("%4d  %8.5f  %8.5f  %8.5f\n", step, theta[x], value, gradient[x]);
        theta[x] -= learning_rate * gradient[x];  // a step against the derivative
    }
    //! [parabola]

    // Reference: x_k = -(1 - 2*0.1)^k = -0.8^k after k steps; the derivative at -1 is -2.
    const auto at_start = tg::value_and_gradient(f, tg::wrt(x), x = -1.0);
    const bool ok = at_start.value == 1.0 && at_start.gradient[x] == -2.0 &&
                    std::fabs(theta[x] - -std::pow(0.8, 31)) < 1e-15 && theta[x] < 0;
    if (!ok) std::fprintf(stderr, "parabola: x = %.17g, expected %.17g\n", theta[x], -std::pow(0.8, 31));
    return ok ? EXIT_SUCCESS : EXIT_FAILURE;
}
