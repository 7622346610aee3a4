// The primer's network and the gradient of its squared error with respect to all seven parameters: one
// forward and one reverse sweep, compiled to straight-line code. cmake/godbolt_link.py puts this file into
// a Compiler Explorer link, with the include below replaced by the single header's URL.
#include <typegrad_single.hpp>

namespace tg = typegrad;

constexpr auto x = tg::input<"x">;
constexpr auto y = tg::input<"y">;
constexpr auto w1 = tg::param<"w1">;
constexpr auto b1 = tg::param<"b1">;
constexpr auto w2 = tg::param<"w2">;
constexpr auto b2 = tg::param<"b2">;
constexpr auto w3 = tg::param<"w3">;
constexpr auto w4 = tg::param<"w4">;
constexpr auto b3 = tg::param<"b3">;
constexpr auto net = w3 * tg::softplus(w1 * x + b1) + w4 * tg::softplus(w2 * x + b2) + b3;
constexpr auto loss = tg::square(y - net);
using parameters = tg::parameter_set_for_t<double, decltype(loss)>;  // b1 b2 b3 w1 w2 w3 w4

// One sample's loss; its seven derivatives go to `gradient`, in the order of the names above.
double loss_and_gradient(const parameters& theta, double x_value, double y_value, parameters& gradient) {
    const auto [value, g] = tg::value_and_gradient(loss, theta, x = x_value, y = y_value);
    gradient = g;
    return value;
}
