#include "odr.hpp"

double odr::gradient_b(const parameters& theta, parameters& g) {
    const auto r = tg::value_and_gradient(loss, theta, x = 0.5, y = 1.0);
    g = r.gradient;
    return r.value;
}

odr::times_operator odr::times_in_b() { return &tg::operator*<tg::parameter_node<"w">, tg::input_node<"x">>; }

const void* odr::plan_in_b() { return &tg::detail::plan_v<std::remove_cvref_t<decltype(loss)>>; }
