// Losses over data sets (sum_over, mean_over, rows with a scale, penalties), the per-sample losses
// squared_error and bce_with_logits, and predict. References are written out by hand.
#include <array>
#include <cmath>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <boost/test/unit_test.hpp>

#include <typegrad.hpp>

#include "training_helpers.hpp"

namespace tg = typegrad;
using typegrad_test::close;
using typegrad_test::contains;

namespace {
constexpr auto x = tg::input<"x">;
constexpr auto y = tg::input<"y">;
constexpr auto w = tg::param<"w">;
constexpr auto b = tg::param<"b">;
constexpr auto c = tg::param<"c">;
constexpr auto z = tg::param<"z">;

const std::vector<double> xs{0.5, 2.3, 2.9, -1.0};
const std::vector<double> ys{1.4, 1.9, 3.2, 0.1};


// By hand: the line w x + b, residual r_i = y_i - (w x_i + b); SSR = sum r_i^2,
// dSSR/dw = sum -2 r_i x_i, dSSR/db = sum -2 r_i.
struct by_hand {
    double value = 0, dw = 0, db = 0;
};
by_hand line_ssr(double wv, double bv, std::span<const std::size_t> rows) {
    by_hand h;
    for (std::size_t i : rows) {
        const double r = ys[i] - (wv * xs[i] + bv);
        h.value += r * r;
        h.dw += -2 * r * xs[i];
        h.db += -2 * r;
    }
    return h;
}
constexpr std::array<std::size_t, 4> all_rows{0, 1, 2, 3};
}  // namespace

BOOST_AUTO_TEST_SUITE(data_loss)

BOOST_AUTO_TEST_CASE(sum_over_gives_the_sum_of_squared_residuals_and_its_gradient) {
    const auto loss = tg::sum_over(tg::squared_error(w * x + b, y), tg::data(x = xs, y = ys));
    auto theta = tg::parameters_of(loss);
    static_assert(decltype(theta)::size() == 2);
    theta[w] = 0.7;
    theta[b] = -0.2;
    const auto h = line_ssr(0.7, -0.2, all_rows);
    const auto [value, g] = loss.value_and_gradient(theta);
    BOOST_TEST(close(value, h.value, 1e-15));
    BOOST_TEST(close(loss.value(theta), h.value, 1e-15));
    BOOST_TEST(close(g[w], h.dw, 1e-15));
    BOOST_TEST(close(g[b], h.db, 1e-15));
    BOOST_TEST(loss.size() == 4u);
}

BOOST_AUTO_TEST_CASE(a_sum_starts_from_its_first_rows_terms_and_value_agrees_with_value_and_gradient) {
    // One row: exactly that row's value_and_gradient, bit for bit (the sums are not started at zero:
    // at x = 0 the row's d/dw is 2 r x = -0.0 (r = -2.1), which 0 + d/dw would turn into +0.0).
    const std::vector<double> one_x{0.0}, one_y{1.9};
    const auto one = tg::sum_over(tg::squared_error(w * x + b, y), tg::data(x = one_x, y = one_y));
    auto theta = tg::parameters_of(one);
    theta[w] = 0.7;
    theta[b] = -0.2;
    const auto s = one.value_and_gradient(theta);
    const auto r = tg::value_and_gradient(tg::squared_error(w * x + b, y), theta, x = 0.0, y = 1.9);
    BOOST_TEST(s.value == r.value);
    BOOST_TEST(s.gradient[w] == r.gradient[w]);
    BOOST_TEST(std::signbit(r.gradient[w]));
    BOOST_TEST(std::signbit(s.gradient[w]));
    BOOST_TEST(s.gradient[b] == r.gradient[b]);
    BOOST_TEST(one.value(theta) == s.value);
    // Several rows, sums and means, with and without a row list: value() gives value_and_gradient's value.
    const auto d = tg::data(x = xs, y = ys);
    const auto sum = tg::sum_over(tg::squared_error(w * x + b, y), d);
    const auto mean = tg::mean_over(tg::square(tg::softplus(w * x) - y), d);
    BOOST_TEST(sum.value(theta) == sum.value_and_gradient(theta).value);
    BOOST_TEST(mean.value(theta) == mean.value_and_gradient(theta).value);
    // A parameter of the set that no row uses gets +0, not -0.
    tg::parameter_set<double, "b", "w", "z"> wide;
    wide[w] = 0.7;
    const auto g = sum.value_and_gradient(wide).gradient;
    BOOST_TEST(g[z] == 0.0);
    BOOST_TEST(!std::signbit(g[z]));
}

BOOST_AUTO_TEST_CASE(the_primers_sum_of_squared_residuals_at_intercept_zero_is_3_1559_with_slope_minus_5_704) {
    const std::vector<double> px{0.5, 2.3, 2.9}, py{1.4, 1.9, 3.2};
    const auto ssr = tg::sum_over(tg::squared_error(0.64 * x + b, y), tg::data(x = px, y = py));
    auto theta = tg::parameters_of(ssr);
    static_assert(decltype(theta)::size() == 1);
    theta[b] = 0;
    const auto [value, g] = ssr.value_and_gradient(theta);
    // (1.4 - 0.32)^2 + (1.9 - 1.472)^2 + (3.2 - 1.856)^2 = 1.1664 + 0.183184 + 1.806336
    BOOST_TEST(close(value, 3.15592, 1e-14));
    // -2 (1.08 + 0.428 + 1.344)
    BOOST_TEST(close(g[b], -5.704, 1e-14));
}

BOOST_AUTO_TEST_CASE(mean_over_is_sum_over_divided_by_the_number_of_rows) {
    const auto d = tg::data(x = xs, y = ys);
    const auto sum = tg::sum_over(tg::squared_error(w * x + b, y), d);
    const auto mean = tg::mean_over(tg::squared_error(w * x + b, y), d);
    auto theta = tg::parameters_of(sum);
    theta[w] = 1.3;
    theta[b] = 0.4;
    const auto s = sum.value_and_gradient(theta);
    const auto m = mean.value_and_gradient(theta);
    BOOST_TEST(close(m.value, s.value / 4, 1e-15));
    BOOST_TEST(close(mean.value(theta), s.value / 4, 1e-15));
    BOOST_TEST(close(m.gradient[w], s.gradient[w] / 4, 1e-15));
    BOOST_TEST(close(m.gradient[b], s.gradient[b] / 4, 1e-15));
    BOOST_TEST(std::fabs(m.value - s.value) > 1.0);  // the two really differ
}

BOOST_AUTO_TEST_CASE(a_list_of_rows_with_a_scale_gives_the_scaled_sum_over_those_rows) {
    const auto loss = tg::sum_over(tg::squared_error(w * x + b, y), tg::data(x = xs, y = ys));
    auto theta = tg::parameters_of(loss);
    theta[w] = 0.9;
    theta[b] = 0.1;
    const std::array<std::size_t, 2> rows{3, 1};
    const auto h = line_ssr(0.9, 0.1, rows);
    const auto r = loss.value_and_gradient(theta, rows, 2.0);
    BOOST_TEST(close(r.value, 2 * h.value, 1e-15));
    BOOST_TEST(close(r.gradient[w], 2 * h.dw, 1e-15));
    BOOST_TEST(close(r.gradient[b], 2 * h.db, 1e-15));
    // A row listed twice counts twice; scale 1 over every row is the full loss.
    const std::array<std::size_t, 2> twice{2, 2};
    const std::array<std::size_t, 1> once{2};
    BOOST_TEST(close(loss.value_and_gradient(theta, twice, 1.0).value, 2 * line_ssr(0.9, 0.1, once).value, 1e-15));
    const auto full = loss.value_and_gradient(theta, all_rows, 1.0);
    BOOST_TEST(full.value == loss.value_and_gradient(theta).value);
    BOOST_TEST(full.gradient[w] == loss.value_and_gradient(theta).gradient[w]);
    // mean_over over rows: the rows' sum times scale / N.
    const auto mean = tg::mean_over(tg::squared_error(w * x + b, y), tg::data(x = xs, y = ys));
    BOOST_TEST(close(mean.value_and_gradient(theta, rows, 2.0).value, 2 * h.value / 4, 1e-15));
    BOOST_TEST(close(mean.value_and_gradient(theta, rows, 2.0).gradient[b], 2 * h.db / 4, 1e-15));
}

BOOST_AUTO_TEST_CASE(an_l2_penalty_adds_lambda_times_the_squares_and_two_lambda_w_to_the_gradient) {
    const auto base = tg::sum_over(tg::squared_error(w * x + b, y), tg::data(x = xs, y = ys));
    const auto penalised = base + 0.01 * tg::l2(w, b);
    auto theta = tg::parameters_of(penalised);
    theta[w] = 1.7;
    theta[b] = -2.5;
    const auto p = penalised.value_and_gradient(theta);
    const auto q = base.value_and_gradient(theta);
    BOOST_TEST(close(p.value, q.value + 0.01 * (1.7 * 1.7 + 2.5 * 2.5), 1e-15));
    BOOST_TEST(close(penalised.value(theta), p.value, 1e-15));
    BOOST_TEST(close(p.gradient[w] - q.gradient[w], 2 * 0.01 * 1.7, 1e-13));
    BOOST_TEST(close(p.gradient[b] - q.gradient[b], 2 * 0.01 * -2.5, 1e-13));
}

BOOST_AUTO_TEST_CASE(a_penalised_parameter_the_data_term_does_not_use_joins_the_parameter_set) {
    const auto loss = tg::sum_over(tg::squared_error(w * x, y), tg::data(x = xs, y = ys)) + 0.5 * tg::l2(c);
    auto theta = tg::parameters_of(loss);
    static_assert(decltype(theta)::size() == 2);
    theta[w] = 1.0;
    theta[c] = 3.0;
    const auto [value, g] = loss.value_and_gradient(theta);
    BOOST_TEST(g[c] == 2 * 0.5 * 3.0);
    BOOST_TEST(close(value, line_ssr(1.0, 0.0, all_rows).value + 0.5 * 9.0, 1e-15));
}

BOOST_AUTO_TEST_CASE(the_penalty_is_added_once_whatever_the_rows_scale_or_mean) {
    const auto d = tg::data(x = xs, y = ys);
    const auto sum = tg::sum_over(tg::squared_error(w * x + b, y), d) + 0.1 * tg::l2(w);
    const auto mean = tg::mean_over(tg::squared_error(w * x + b, y), d) + 0.1 * tg::l2(w);
    auto theta = tg::parameters_of(sum);
    theta[w] = 2.0;
    theta[b] = 0.5;
    const std::array<std::size_t, 2> rows{0, 2};
    const auto h = line_ssr(2.0, 0.5, rows);
    const auto r = sum.value_and_gradient(theta, rows, 3.0);
    BOOST_TEST(close(r.value, 3 * h.value + 0.1 * 4.0, 1e-15));
    BOOST_TEST(close(r.gradient[w], 3 * h.dw + 2 * 0.1 * 2.0, 1e-15));
    BOOST_TEST(close(r.gradient[b], 3 * h.db, 1e-15));
    const auto all = line_ssr(2.0, 0.5, all_rows);
    BOOST_TEST(close(mean.value(theta), all.value / 4 + 0.1 * 4.0, 1e-15));
    BOOST_TEST(close(mean.value_and_gradient(theta).gradient[w], all.dw / 4 + 2 * 0.1 * 2.0, 1e-15));
}

BOOST_AUTO_TEST_CASE(float_parameter_sets_and_float_columns_give_float_losses) {
    const std::vector<float> fx{0.5f, 2.3f, 2.9f, -1.0f}, fy{1.4f, 1.9f, 3.2f, 0.1f};
    const auto loss = tg::sum_over(tg::squared_error(w * x + b, y), tg::data(x = fx, y = fy));
    auto theta = tg::parameters_of<float>(loss);
    theta[w] = 0.7f;
    theta[b] = -0.2f;
    const auto r = loss.value_and_gradient(theta);
    static_assert(std::is_same_v<decltype(r.value), float>);
    static_assert(std::is_same_v<decltype(loss.value(theta)), float>);
    const auto h = line_ssr(0.7, -0.2, all_rows);
    BOOST_TEST(close(r.value, h.value, 1e-5));
    BOOST_TEST(close(r.gradient[w], h.dw, 1e-5));
    BOOST_TEST(close(r.gradient[b], h.db, 1e-5));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(losses)

BOOST_AUTO_TEST_CASE(squared_error_is_the_squared_residual_with_gradient_minus_two_residual) {
    const auto e = tg::squared_error(w, y);
    auto theta = tg::parameters_of(e);
    theta[w] = 1.25;
    const auto [value, g] = tg::value_and_gradient(e, theta, y = 3.0);
    BOOST_TEST(value == 1.75 * 1.75);
    BOOST_TEST(g[w] == -2 * 1.75);
}

BOOST_AUTO_TEST_CASE(squared_error_is_the_square_of_prediction_minus_target_with_derivative_two_r) {
    // The residual is prediction - target (documented; its derivative in the prediction is +1), printed
    // so, with d/dw = 2 r x and d/db = 2 r for r = w x + b - y.
    const auto e = tg::squared_error(w * x + b, y);
    BOOST_TEST(tg::to_string(e) == "(w*x + b - y)^2");
    BOOST_TEST(tg::to_string(tg::squared_error(w * x, y)) == "(w*x - y)^2");
    tg::parameter_set<double, "b", "w"> theta;
    theta[w] = 0.7;
    theta[b] = -0.2;
    const auto r = tg::value_and_gradient(e, theta, x = 2.0, y = 1.9);
    const double residual = 0.7 * 2.0 - 0.2 - 1.9;  // -0.7
    BOOST_TEST(close(r.value, residual * residual, 1e-15));
    BOOST_TEST(close(r.gradient[w], 2 * residual * 2.0, 1e-15));
    BOOST_TEST(close(r.gradient[b], 2 * residual, 1e-15));
}

BOOST_AUTO_TEST_CASE(bce_with_logits_equals_the_cross_entropy_of_the_sigmoid_at_moderate_logits) {
    const auto e = tg::bce_with_logits(z, y);
    auto theta = tg::parameters_of(e);
    for (double zv : {-6.0, -1.5, -0.25, 0.0, 0.5, 2.0, 7.0}) {
        for (double yv : {0.0, 0.3, 1.0}) {
            theta[z] = zv;
            const double s = 1 / (1 + std::exp(-zv));
            const double reference = -(yv * std::log(s) + (1 - yv) * std::log(1 - s));
            const auto [value, g] = tg::value_and_gradient(e, theta, y = yv);
            BOOST_TEST(close(value, reference, 1e-13), "z " << zv << " y " << yv << ": " << value << " vs " << reference);
            BOOST_TEST(close(g[z], s - yv, 1e-13), "z " << zv << " y " << yv);
        }
    }
}

BOOST_AUTO_TEST_CASE(bce_with_logits_stays_finite_and_exact_at_logits_of_plus_and_minus_ten_thousand) {
    const auto e = tg::bce_with_logits(z, y);
    auto theta = tg::parameters_of(e);
    struct case_t {
        double z, y, value, gradient;
    };
    // A confident right answer costs 0; a confident wrong one costs |z|; the gradient is sigmoid(z) - y.
    for (const case_t k : {case_t{1e4, 1, 0, 0}, case_t{-1e4, 0, 0, 0}, case_t{-1e4, 1, 1e4, -1}, case_t{1e4, 0, 1e4, 1}}) {
        theta[z] = k.z;
        const auto [value, g] = tg::value_and_gradient(e, theta, y = k.y);
        BOOST_TEST(std::isfinite(value));
        BOOST_TEST(std::isfinite(g[z]));
        BOOST_TEST(value == k.value, "z " << k.z << " y " << k.y);
        BOOST_TEST(g[z] == k.gradient, "z " << k.z << " y " << k.y);
    }
}

BOOST_AUTO_TEST_CASE(bce_with_logits_summed_over_data_with_huge_logits_is_finite) {
    const std::vector<double> inputs{-50, -5, 5, 50}, labels{0, 1, 0, 1};
    const auto loss = tg::sum_over(tg::bce_with_logits(w * x + b, y), tg::data(x = inputs, y = labels));
    auto theta = tg::parameters_of(loss);
    theta[w] = 200.0;  // logits up to +-1e4
    const auto [value, g] = loss.value_and_gradient(theta);
    BOOST_TEST(std::isfinite(value));
    BOOST_TEST(std::isfinite(g[w]));
    BOOST_TEST(std::isfinite(g[b]));
    // Rows 1 and 2 are wrong by a logit of 1000 each; rows 0 and 3 cost nothing.
    BOOST_TEST(close(value, 2000.0, 1e-15));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(predict)

BOOST_AUTO_TEST_CASE(predict_writes_the_net_for_every_row_into_the_callers_span) {
    const auto net = w * x + b;
    auto theta = tg::parameters_of(net);
    theta[w] = 2.0;
    theta[b] = -1.0;
    std::vector<double> out(4, -99.0);
    const auto error = tg::predict(net, theta, tg::data(x = xs, y = ys), std::span<double>(out));
    BOOST_TEST(error.ok(), error.message);
    for (std::size_t i = 0; i < 4; ++i) BOOST_TEST(out[i] == 2.0 * xs[i] - 1.0);
    std::array<float, 4> out_f{};
    BOOST_TEST(tg::predict(net, theta, tg::data(x = xs), std::span<float>(out_f)).ok());
    BOOST_TEST(out_f[2] == static_cast<float>(2.0 * 2.9 - 1.0));
    // The parameters read in place from the caller's array (b, w: the set's order).
    const double p[2] = {-1.0, 2.0};
    std::vector<double> out_map(4, -99.0);
    BOOST_TEST(tg::predict(net, tg::map_parameters<decltype(theta)>(p), tg::data(x = xs), std::span<double>(out_map)).ok());
    BOOST_TEST(out_map == out);
}

BOOST_AUTO_TEST_CASE(predict_reports_an_output_of_the_wrong_size_and_writes_nothing) {
    const auto net = w * x + b;
    const auto theta = tg::parameters_of(net);
    for (std::size_t size : {3u, 5u, 0u}) {
        std::vector<double> out(size, -99.0);
        const auto error = tg::predict(net, theta, tg::data(x = xs), std::span<double>(out));
        BOOST_TEST(!error.ok());
        BOOST_TEST(contains(error.message, "the output has " + std::to_string(size) + " places"), error.message);
        BOOST_TEST(contains(error.message, "4 rows"), error.message);
        for (double v : out) BOOST_TEST(v == -99.0);
    }
}

BOOST_AUTO_TEST_CASE(predict_reports_bad_data_and_writes_nothing) {
    const auto net = w * x + b;
    const auto theta = tg::parameters_of(net);
    const std::vector<double> bad{1, 2, std::nan("")};
    std::vector<double> out(3, -99.0);
    const auto error = tg::predict(net, theta, tg::data(x = bad), std::span<double>(out));
    BOOST_TEST(contains(error.message, "column 'x'"), error.message);
    BOOST_TEST(contains(error.message, "row 2"), error.message);
    for (double v : out) BOOST_TEST(v == -99.0);
}

BOOST_AUTO_TEST_SUITE_END()
