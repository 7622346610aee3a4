// Full-batch training (train, gradient_descent) and the optimizers' update rules. References are
// computed independently: closed-form recurrences, least squares, and the update rules written out.
#include <cmath>
#include <limits>
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

// The primer's three points.
const std::vector<double> xs{0.5, 2.3, 2.9};
const std::vector<double> ys{1.4, 1.9, 3.2};

const auto line_loss = tg::sum_over(tg::squared_error(w * x + b, y), tg::data(x = xs, y = ys));
using line_set = decltype(tg::parameters_of(line_loss));

constexpr double nan_value = std::numeric_limits<double>::quiet_NaN();
constexpr double inf = std::numeric_limits<double>::infinity();


/// The least-squares line through (xs, ys), from the normal equations.
struct line {
    double slope, intercept;
};
line least_squares() {
    double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
    for (std::size_t i = 0; i < xs.size(); ++i) {
        n += 1;
        sx += xs[i];
        sy += ys[i];
        sxx += xs[i] * xs[i];
        sxy += xs[i] * ys[i];
    }
    const double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
    return {slope, (sy - slope * sx) / n};
}

/// The SSR gradient of the line at (wv, bv), by hand: d/dw = sum 2 (w x + b - y) x, d/db = sum 2 (w x + b - y).
struct grad2 {
    double dw, db;
};
grad2 line_gradient(double wv, double bv) {
    grad2 g{0, 0};
    for (std::size_t i = 0; i < xs.size(); ++i) {
        const double r = wv * xs[i] + bv - ys[i];
        g.dw += 2 * r * xs[i];
        g.db += 2 * r;
    }
    return g;
}

line_set start(double wv, double bv) {
    line_set theta{};
    theta[w] = wv;
    theta[b] = bv;
    return theta;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(train)

BOOST_AUTO_TEST_CASE(the_primers_intercept_converges_in_eight_steps_to_0_95004) {
    const auto ssr = tg::sum_over(tg::squared_error(0.64 * x + b, y), tg::data(x = xs, y = ys));
    auto theta = tg::parameters_of(ssr);
    theta[b] = 0;
    BOOST_TEST(close(ssr.value(theta), 3.1559, 1e-5));
    BOOST_TEST(close(ssr.value_and_gradient(theta).gradient[b], -5.704, 1e-14));

    // Reference: b_{k+1} = b_k - 0.1 dSSR/db = b_k + 0.1 * 2 (sum y - 0.64 sum x - 3 b_k), until a step is
    // below the tolerance (that step is taken).
    const double sum_y = 1.4 + 1.9 + 3.2, sum_x = 0.5 + 2.3 + 2.9;
    std::vector<double> reference{0.0};
    while (true) {
        const double bk = reference.back();
        const double next = bk + 0.1 * 2 * (sum_y - 0.64 * sum_x - 3 * bk);
        reference.push_back(next);
        if (std::fabs(next - bk) < 0.001) break;
    }
    BOOST_REQUIRE(reference.size() == 9u);  // 8 steps

    std::vector<double> seen;
    const auto report = tg::gradient_descent(ssr, theta, {.learning_rate = 0.1, .max_steps = 1000, .tolerance = 0.001},
                                             [&](const auto& p) {
                                                 seen.push_back(p.theta[b]);
                                                 return true;
                                             });
    BOOST_TEST(report.reason == tg::stop_reason::converged);
    BOOST_TEST(static_cast<bool>(report));
    BOOST_TEST(report.message.empty());
    BOOST_TEST(report.steps == 8u);
    BOOST_TEST(close(theta[b], 0.95004, 1e-5));
    BOOST_TEST(close(theta[b], reference.back(), 1e-13));
    BOOST_REQUIRE(seen.size() == 8u);
    for (std::size_t k = 0; k < 8; ++k) BOOST_TEST(close(seen[k], reference[k + 1], 1e-13), "step " << k + 1);
    theta[b] = reference.back();
    BOOST_TEST(close(report.loss, ssr.value(theta), 1e-13));
}

BOOST_AUTO_TEST_CASE(a_line_fit_reaches_the_least_squares_line) {
    auto theta = start(0, 0);
    const auto report = tg::gradient_descent(line_loss, theta, {.learning_rate = 0.01, .max_steps = 20000, .tolerance = 1e-6});
    const line ls = least_squares();
    BOOST_TEST(report.reason == tg::stop_reason::converged);
    BOOST_TEST(report.steps <= 20000u);
    BOOST_TEST(report.steps > 100u);
    BOOST_TEST(std::fabs(theta[w] - ls.slope) < 1e-4, theta[w] << " vs " << ls.slope);
    BOOST_TEST(std::fabs(theta[b] - ls.intercept) < 1e-4, theta[b] << " vs " << ls.intercept);
    BOOST_TEST(report.loss == line_loss.value(theta));
}

BOOST_AUTO_TEST_CASE(train_with_sgd_is_gradient_descent) {
    auto a = start(0.1, 0.2), c = start(0.1, 0.2);
    const auto ra = tg::gradient_descent(line_loss, a, {.learning_rate = 0.02, .max_steps = 37});
    const auto rc = tg::train(line_loss, c, tg::sgd{.learning_rate = 0.02}, {.max_steps = 37});
    BOOST_TEST((a == c));
    BOOST_TEST(ra.steps == 37u);
    BOOST_TEST(rc.steps == 37u);
    BOOST_TEST(ra.loss == rc.loss);
    BOOST_TEST(rc.reason == tg::stop_reason::step_limit);
    BOOST_TEST(static_cast<bool>(rc));
}

BOOST_AUTO_TEST_CASE(the_callback_sees_every_step_with_the_loss_before_and_the_parameters_after_it) {
    auto theta = start(0.3, -0.1);
    line_set previous = theta;
    std::size_t calls = 0;
    const auto report = tg::train(line_loss, theta, tg::sgd{.learning_rate = 0.01}, {.max_steps = 25},
                                  [&](const tg::progress<line_set>& p) {
                                      ++calls;
                                      BOOST_TEST(p.step == calls);
                                      BOOST_TEST(p.loss == line_loss.value(previous));
                                      const grad2 g = line_gradient(previous[w], previous[b]);
                                      BOOST_TEST(close(p.theta[w], previous[w] - 0.01 * g.dw, 1e-14));
                                      BOOST_TEST(close(p.theta[b], previous[b] - 0.01 * g.db, 1e-14));
                                      previous = p.theta;
                                      return true;
                                  });
    BOOST_TEST(calls == 25u);
    BOOST_TEST(report.steps == 25u);
    BOOST_TEST((theta == previous));
}

BOOST_AUTO_TEST_CASE(a_callback_returning_false_stops_the_run_after_that_step) {
    auto theta = start(0, 0);
    line_set at_stop{};
    std::size_t calls = 0;
    const auto report = tg::train(line_loss, theta, tg::adam{.learning_rate = 0.05}, {.max_steps = 1000, .tolerance = 1e-9},
                                  [&](const auto& p) {
                                      ++calls;
                                      at_stop = p.theta;
                                      return p.step < 4;
                                  });
    BOOST_TEST(report.reason == tg::stop_reason::stopped);
    BOOST_TEST(static_cast<bool>(report));
    BOOST_TEST(report.message.empty());
    BOOST_TEST(calls == 4u);
    BOOST_TEST(report.steps == 4u);
    BOOST_TEST((theta == at_stop));
    BOOST_TEST(report.loss == line_loss.value(theta));
}

BOOST_AUTO_TEST_CASE(zero_steps_leave_theta_alone_and_report_its_loss) {
    auto theta = start(0.5, 0.5);
    const auto before = theta;
    const auto report = tg::train(line_loss, theta, tg::sgd{.learning_rate = 0.01}, {.max_steps = 0});
    BOOST_TEST(report.reason == tg::stop_reason::step_limit);
    BOOST_TEST(report.steps == 0u);
    BOOST_TEST((theta == before));
    BOOST_TEST(report.loss == line_loss.value(before));
}

BOOST_AUTO_TEST_CASE(a_diverging_run_keeps_the_last_parameters_whose_loss_was_finite) {
    // lr 0.07 is above 2 / (largest Hessian eigenvalue, about 32.8): the iterates grow until the loss
    // overflows. First record every iterate with a callback, then find the last one that was finite.
    std::vector<line_set> iterates{start(0, 0)};
    {
        auto theta = start(0, 0);
        (void)tg::gradient_descent(line_loss, theta, {.learning_rate = 0.07, .max_steps = 100000}, [&](const auto& p) {
            iterates.push_back(p.theta);
            return true;
        });
    }
    const auto finite_at = [](const line_set& t) {
        const auto [value, g] = line_loss.value_and_gradient(t);
        return std::isfinite(value) && std::isfinite(g[w]) && std::isfinite(g[b]);
    };
    std::size_t first_bad = 0;
    while (first_bad < iterates.size() && finite_at(iterates[first_bad])) ++first_bad;
    BOOST_REQUIRE(first_bad < iterates.size());
    BOOST_REQUIRE(first_bad > 10u);  // it really ran for a while before overflowing
    const line_set& last_good = iterates[first_bad - 1];

    auto theta = start(0, 0);
    const auto report = tg::gradient_descent(line_loss, theta, {.learning_rate = 0.07, .max_steps = 100000});
    BOOST_TEST(report.reason == tg::stop_reason::diverged);
    BOOST_TEST(!static_cast<bool>(report));
    BOOST_TEST(contains(report.message, "diverged"), report.message);
    BOOST_TEST(contains(report.message, "smaller learning rate"), report.message);
    BOOST_TEST((theta == last_good));
    BOOST_TEST(report.steps == first_bad - 1);
    BOOST_TEST(std::isfinite(report.loss));
    BOOST_TEST(report.loss == line_loss.value(theta));
    BOOST_TEST(report.loss > 1e300);  // the loss had grown hugely, but was still finite
}

BOOST_AUTO_TEST_CASE(an_update_that_overflows_the_parameters_is_undone) {
    auto theta = start(0.5, 0.5);
    const auto before = theta;
    const auto report = tg::train(line_loss, theta, tg::sgd{.learning_rate = 1e308}, {.max_steps = 10});
    BOOST_TEST(report.reason == tg::stop_reason::diverged);
    BOOST_TEST(contains(report.message, "diverged"), report.message);
    BOOST_TEST((theta == before));
    BOOST_TEST(report.steps == 0u);
    BOOST_TEST(report.loss == line_loss.value(before));
}

BOOST_AUTO_TEST_CASE(a_non_finite_loss_at_the_start_is_reported_and_theta_is_untouched) {
    const auto loss = tg::sum_over(tg::squared_error(tg::log(w) * x + b, y), tg::data(x = xs, y = ys));
    auto theta = tg::parameters_of(loss);
    theta[w] = -1.0;  // log(-1) is NaN
    const auto before = theta;
    const auto report = tg::train(loss, theta, tg::sgd{.learning_rate = 0.01}, {.max_steps = 10});
    BOOST_TEST(report.reason == tg::stop_reason::diverged);
    BOOST_TEST(contains(report.message, "diverged at the starting parameters"), report.message);
    BOOST_TEST((theta == before));
    BOOST_TEST(report.steps == 0u);
}

BOOST_AUTO_TEST_CASE(a_plain_expression_of_parameters_trains_like_a_data_loss) {
    // y = x^2 from x = -1 (the primer's parabola, with x a parameter): lr 0.1 multiplies x by 0.8 per step.
    constexpr auto p = tg::param<"p">;
    auto theta = tg::parameters_of(tg::square(p));
    theta[p] = -1.0;
    const auto report = tg::gradient_descent(tg::square(p), theta, {.learning_rate = 0.1, .max_steps = 5});
    BOOST_TEST(report.reason == tg::stop_reason::step_limit);
    BOOST_TEST(report.steps == 5u);
    BOOST_TEST(theta[p] == -std::pow(0.8, 5), boost::test_tools::tolerance(1e-15));
    BOOST_TEST(report.loss == std::pow(0.8, 10), boost::test_tools::tolerance(1e-14));
}

BOOST_AUTO_TEST_CASE(bad_learning_rates_are_rejected_before_any_work_for_every_optimizer) {
    const auto check = [](const auto& optimizer, double lr) {
        auto theta = start(0.25, 0.75);
        const auto before = theta;
        bool called = false;
        const auto report = tg::train(line_loss, theta, optimizer, {.max_steps = 10}, [&](const auto&) {
            called = true;
            return true;
        });
        BOOST_TEST(report.reason == tg::stop_reason::invalid_input, "lr " << lr);
        BOOST_TEST(!static_cast<bool>(report));
        BOOST_TEST(contains(report.message, "learning rate must be finite and positive"), report.message);
        BOOST_TEST(report.steps == 0u);
        BOOST_TEST((theta == before));
        BOOST_TEST(!called);
    };
    for (double lr : {0.0, -0.1, -inf, nan_value, inf}) {
        check(tg::sgd{.learning_rate = lr}, lr);
        check(tg::momentum{.learning_rate = lr, .beta = 0.9}, lr);
        check(tg::adam{.learning_rate = lr}, lr);
        auto theta = start(0.25, 0.75);
        const auto report = tg::gradient_descent(line_loss, theta, {.learning_rate = lr, .max_steps = 10});
        BOOST_TEST(report.reason == tg::stop_reason::invalid_input);
        BOOST_TEST(contains(report.message, "learning rate"), report.message);
        BOOST_TEST((theta == start(0.25, 0.75)));
    }
    auto theta = start(0, 0);
    const auto report = tg::train(line_loss, theta, tg::sgd{.learning_rate = -0.5}, {});
    BOOST_TEST(contains(report.message, "-0.5"), report.message);  // the message shows the value given
}

BOOST_AUTO_TEST_CASE(bad_data_is_rejected_with_the_columns_message_and_theta_untouched) {
    const std::vector<double> short_y{1, 2}, empty, with_nan{1, nan_value, 3}, with_inf{1, 2, inf};
    const auto run = [](const auto& loss) {
        auto theta = tg::parameters_of(loss);
        theta[w] = 0.5;
        const auto before = theta;
        const auto report = tg::train(loss, theta, tg::momentum{.learning_rate = 0.01}, {.max_steps = 10});
        BOOST_TEST(report.reason == tg::stop_reason::invalid_input);
        BOOST_TEST(report.steps == 0u);
        BOOST_TEST((theta == before));
        BOOST_TEST(report.message == loss.data.check().message);
        return report.message;
    };
    const std::string unequal = run(tg::sum_over(tg::squared_error(w * x + b, y), tg::data(x = xs, y = short_y)));
    BOOST_TEST(contains(unequal, "column 'y' has 2 values but column 'x' has 3"), unequal);
    const std::string none = run(tg::mean_over(tg::squared_error(w * x + b, y), tg::data(x = empty, y = empty)));
    BOOST_TEST(contains(none, "empty"), none);
    const std::string not_a_number = run(tg::sum_over(tg::squared_error(w * x + b, y), tg::data(x = xs, y = with_nan)));
    BOOST_TEST(contains(not_a_number, "column 'y'"), not_a_number);
    BOOST_TEST(contains(not_a_number, "row 1"), not_a_number);
    const std::string infinite = run(tg::sum_over(tg::squared_error(w * x + b, y), tg::data(x = with_inf, y = ys)));
    BOOST_TEST(contains(infinite, "column 'x'"), infinite);
    BOOST_TEST(contains(infinite, "row 2"), infinite);
}

BOOST_AUTO_TEST_CASE(float_parameter_sets_train_to_the_least_squares_line) {
    const std::vector<float> fx{0.5f, 2.3f, 2.9f}, fy{1.4f, 1.9f, 3.2f};
    const auto loss = tg::sum_over(tg::squared_error(w * x + b, y), tg::data(x = fx, y = fy));
    auto theta = tg::parameters_of<float>(loss);
    const auto report = tg::train(loss, theta, tg::sgd{.learning_rate = 0.01}, {.max_steps = 20000, .tolerance = 1e-5});
    static_assert(std::is_same_v<decltype(report.loss), float>);
    const line ls = least_squares();
    BOOST_TEST(report.reason == tg::stop_reason::converged);
    BOOST_TEST(std::fabs(theta[w] - ls.slope) < 2e-3, theta[w] << " vs " << ls.slope);
    BOOST_TEST(std::fabs(theta[b] - ls.intercept) < 2e-3, theta[b] << " vs " << ls.intercept);
    auto theta_adam = tg::parameters_of<float>(loss);
    const auto r2 = tg::train(loss, theta_adam, tg::adam{.learning_rate = 0.01}, {.max_steps = 5000});
    BOOST_TEST(static_cast<bool>(r2));
    BOOST_TEST(std::fabs(theta_adam[w] - ls.slope) < 1e-2, theta_adam[w] << " vs " << ls.slope);
}

BOOST_AUTO_TEST_CASE(momentum_and_adam_train_the_line_to_least_squares) {
    const line ls = least_squares();
    auto m = start(0, 0);
    const auto rm = tg::train(line_loss, m, tg::momentum{.learning_rate = 0.005, .beta = 0.9}, {.max_steps = 20000, .tolerance = 1e-9});
    BOOST_TEST(rm.reason == tg::stop_reason::converged);
    BOOST_TEST(std::fabs(m[w] - ls.slope) < 1e-6);
    BOOST_TEST(std::fabs(m[b] - ls.intercept) < 1e-6);
    // Adam reaches the line to rounding within 5,000 steps here. Run on far past that, its second-moment
    // estimate decays towards zero with the gradient and its steps grow again (bursts of about 2e-3,
    // from between 10,000 and 15,000 steps on), so where it stands at step 20,000 depends on the last
    // bits of rounding.
    auto a = start(0, 0);
    const auto ra = tg::train(line_loss, a, tg::adam{.learning_rate = 0.01}, {.max_steps = 5000});
    BOOST_TEST(static_cast<bool>(ra));
    BOOST_TEST(std::fabs(a[w] - ls.slope) < 1e-9);
    BOOST_TEST(std::fabs(a[b] - ls.intercept) < 1e-9);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(optimizers)

BOOST_AUTO_TEST_CASE(sgd_subtracts_the_learning_rate_times_the_gradient) {
    auto theta = start(1.0, 2.0);
    const line_set gradient = start(4.0, -8.0);
    tg::sgd::state<line_set> state{};
    tg::sgd{.learning_rate = 0.25}.step(theta, gradient, state);
    BOOST_TEST(theta[w] == 0.0);
    BOOST_TEST(theta[b] == 4.0);
}

BOOST_AUTO_TEST_CASE(every_optimizer_steps_parameter_maps_as_it_steps_sets) {
    // theta and the gradient in the caller's arrays (b, w: the set's order), in any mix with sets: the
    // same bits as with parameter sets, over several steps with state.
    const auto check = [](const auto& optimizer) {
        using O = std::remove_cvref_t<decltype(optimizer)>;
        auto theta = start(0.1, 0.1);
        double p[2] = {0.1, 0.1};
        double g[2];
        typename O::template state<line_set> by_set{}, by_map{};
        for (int i = 0; i < 6; ++i) {
            const auto [value, grad] = line_loss.value_and_gradient(theta);
            (void)value;
            optimizer.step(theta, grad, by_set);
            const auto r = line_loss.value_and_gradient(tg::map_parameters<line_set>(p).to_set());
            for (std::size_t k = 0; k < 2; ++k) g[k] = r.gradient.values[k];
            if (i % 2 == 0) optimizer.step(tg::map_parameters<line_set>(p), tg::map_parameters<line_set>(g), by_map);
            else optimizer.step(tg::map_parameters<line_set>(p), r.gradient, by_map);
            BOOST_TEST(p[0] == theta.values[0]);
            BOOST_TEST(p[1] == theta.values[1]);
        }
    };
    check(tg::sgd{.learning_rate = 0.01});
    check(tg::momentum{.learning_rate = 0.01, .beta = 0.8});
    check(tg::adam{.learning_rate = 0.05});
}

BOOST_AUTO_TEST_CASE(data_losses_and_training_take_parameter_maps_over_the_callers_memory) {
    // A data loss at a map: the same bits as at a set holding the same values.
    double p[2] = {0.3, 0.8};  // b, w: the set's order
    const auto at_set = line_loss.value_and_gradient(start(0.8, 0.3));
    const auto at_map = line_loss.value_and_gradient(tg::map_parameters<line_set>(p));
    BOOST_TEST(at_map.value == at_set.value);
    BOOST_TEST((at_map.gradient == at_set.gradient));
    BOOST_TEST(line_loss.value(tg::map_parameters<line_set>(p)) == at_set.value);
    const std::size_t some_rows[] = {0, 2};
    BOOST_TEST(line_loss.value_and_gradient(tg::map_parameters<line_set>(p), some_rows, 1.5).value ==
               line_loss.value_and_gradient(start(0.8, 0.3), some_rows, 1.5).value);

    // train and gradient_descent train the caller's array in place: the same steps and bits as a set,
    // and the callback sees the map.
    for (const bool descent : {false, true}) {
        auto theta = start(0, 0);
        double q[2] = {0, 0};
        const tg::train_options options{.max_steps = 300, .tolerance = 1e-9};
        std::size_t calls = 0;
        const auto by_set = descent ? tg::gradient_descent(line_loss, theta, {.learning_rate = 0.02, .max_steps = 300, .tolerance = 1e-9})
                                    : tg::train(line_loss, theta, tg::momentum{.learning_rate = 0.01}, options);
        const auto see = [&](const auto& progress) {
            ++calls;
            BOOST_TEST(progress.theta[w] == q[1]);  // the map over q, updated in place
            return true;
        };
        const auto by_map = descent ? tg::gradient_descent(line_loss, tg::map_parameters<line_set>(q),
                                                           {.learning_rate = 0.02, .max_steps = 300, .tolerance = 1e-9}, see)
                                    : tg::train(line_loss, tg::map_parameters<line_set>(q), tg::momentum{.learning_rate = 0.01},
                                                options, see);
        BOOST_TEST(by_map.steps == by_set.steps);
        BOOST_TEST(calls == by_set.steps);
        BOOST_TEST(by_map.loss == by_set.loss);
        BOOST_TEST(q[0] == theta[b]);
        BOOST_TEST(q[1] == theta[w]);
    }

    // A diverging run puts the last finite parameters back into the caller's memory.
    auto theta = start(0, 0);
    double r[2] = {0, 0};
    const auto diverged_set = tg::gradient_descent(line_loss, theta, {.learning_rate = 0.07, .max_steps = 100000});
    const auto diverged_map = tg::gradient_descent(line_loss, tg::map_parameters<line_set>(r), {.learning_rate = 0.07, .max_steps = 100000});
    BOOST_TEST(diverged_map.reason == tg::stop_reason::diverged);
    BOOST_TEST(diverged_map.steps == diverged_set.steps);
    BOOST_TEST(r[0] == theta[b]);
    BOOST_TEST(r[1] == theta[w]);
    BOOST_TEST(std::isfinite(r[1]));
}

BOOST_AUTO_TEST_CASE(momentum_matches_its_first_two_steps_by_hand) {
    const double lr = 0.01, beta = 0.9;
    // By hand: v1 = g(theta0), theta1 = theta0 - lr v1; v2 = beta v1 + g(theta1), theta2 = theta1 - lr v2.
    const double w0 = 0.5, b0 = -0.5;
    const grad2 g0 = line_gradient(w0, b0);
    const double vw1 = g0.dw, vb1 = g0.db;
    const double w1 = w0 - lr * vw1, b1 = b0 - lr * vb1;
    const grad2 g1 = line_gradient(w1, b1);
    const double vw2 = beta * vw1 + g1.dw, vb2 = beta * vb1 + g1.db;
    const double w2 = w1 - lr * vw2, b2 = b1 - lr * vb2;

    auto theta = start(w0, b0);
    std::vector<line_set> seen;
    const auto report = tg::train(line_loss, theta, tg::momentum{.learning_rate = lr, .beta = beta}, {.max_steps = 2},
                                  [&](const auto& p) {
                                      seen.push_back(p.theta);
                                      return true;
                                  });
    BOOST_TEST(report.steps == 2u);
    BOOST_REQUIRE(seen.size() == 2u);
    BOOST_TEST(close(seen[0][w], w1, 1e-14));
    BOOST_TEST(close(seen[0][b], b1, 1e-14));
    BOOST_TEST(close(seen[1][w], w2, 1e-14));
    BOOST_TEST(close(seen[1][b], b2, 1e-14));
    // Plain descent would be elsewhere after two steps: the velocity mattered.
    const grad2 plain = line_gradient(w1, b1);
    BOOST_TEST(std::fabs((w1 - lr * plain.dw) - w2) > 1e-3);
}

BOOST_AUTO_TEST_CASE(adam_matches_its_first_two_steps_by_hand) {
    const double lr = 0.1, b1c = 0.9, b2c = 0.999, eps = 1e-8;
    // By hand, per parameter: m = b1 m + (1 - b1) g, v = b2 v + (1 - b2) g^2,
    // theta -= lr (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps).
    const auto update = [&](double& p, double& m, double& v, double g, int t) {
        m = b1c * m + (1 - b1c) * g;
        v = b2c * v + (1 - b2c) * g * g;
        const double m_hat = m / (1 - std::pow(b1c, t));
        const double v_hat = v / (1 - std::pow(b2c, t));
        p -= lr * m_hat / (std::sqrt(v_hat) + eps);
    };
    double wv = 0.5, bv = -0.5, mw = 0, vw = 0, mb = 0, vb = 0;
    const grad2 g0 = line_gradient(wv, bv);
    update(wv, mw, vw, g0.dw, 1);
    update(bv, mb, vb, g0.db, 1);
    const double w1 = wv, b1 = bv;
    const grad2 g1 = line_gradient(wv, bv);
    update(wv, mw, vw, g1.dw, 2);
    update(bv, mb, vb, g1.db, 2);

    // The first Adam step moves every parameter by about lr, against the gradient's sign.
    BOOST_TEST(close(std::fabs(w1 - 0.5), lr, 1e-6));
    BOOST_TEST(close(std::fabs(b1 + 0.5), lr, 1e-6));

    auto theta = start(0.5, -0.5);
    std::vector<line_set> seen;
    const auto report = tg::train(line_loss, theta, tg::adam{.learning_rate = lr, .beta1 = b1c, .beta2 = b2c, .epsilon = eps},
                                  {.max_steps = 2}, [&](const auto& p) {
                                      seen.push_back(p.theta);
                                      return true;
                                  });
    BOOST_TEST(report.steps == 2u);
    BOOST_REQUIRE(seen.size() == 2u);
    BOOST_TEST(close(seen[0][w], w1, 1e-14));
    BOOST_TEST(close(seen[0][b], b1, 1e-14));
    BOOST_TEST(close(seen[1][w], wv, 1e-14));
    BOOST_TEST(close(seen[1][b], bv, 1e-14));
}

BOOST_AUTO_TEST_CASE(adam_uses_the_betas_and_epsilon_it_is_given) {
    // A large epsilon damps the first step: |step| = lr |g| / (|g| + eps).
    auto theta = start(0.5, -0.5);
    const double g = line_gradient(0.5, -0.5).dw;
    tg::adam::state<line_set> state{};
    line_set gradient{};
    gradient[w] = g;
    tg::adam{.learning_rate = 0.1, .beta1 = 0.5, .beta2 = 0.5, .epsilon = 100.0}.step(theta, gradient, state);
    BOOST_TEST(close(theta[w], 0.5 - 0.1 * g / (std::fabs(g) + 100.0), 1e-14));
    BOOST_TEST(theta[b] == -0.5);  // a zero gradient moves nothing
    BOOST_TEST(state.t == 1u);
    BOOST_TEST(close(state.m[w], 0.5 * g, 1e-15));
    BOOST_TEST(close(state.v[w], 0.5 * g * g, 1e-15));
}

BOOST_AUTO_TEST_CASE(optimizer_state_can_be_copied_mid_run_and_restored) {
    const auto check = [](const auto& optimizer, bool state_matters) {
        using O = std::remove_cvref_t<decltype(optimizer)>;
        auto theta = start(0.1, 0.1);
        typename O::template state<line_set> state{};
        const auto steps = [&](line_set& t, typename O::template state<line_set>& s, int n) {
            for (int i = 0; i < n; ++i) {
                const auto [value, g] = line_loss.value_and_gradient(t);
                (void)value;
                optimizer.step(t, g, s);
            }
        };
        steps(theta, state, 5);
        // Copy mid-run; both continue and stay identical.
        auto theta_copy = theta;
        auto state_copy = state;
        steps(theta, state, 7);
        steps(theta_copy, state_copy, 7);
        BOOST_TEST((theta == theta_copy));
        // Restore an earlier snapshot and replay: the same parameters again.
        const auto saved_theta = theta;
        const auto saved_state = state;
        steps(theta, state, 3);
        const auto after = theta;
        theta = saved_theta;
        state = saved_state;
        steps(theta, state, 3);
        BOOST_TEST((theta == after));
        // The state really carries something: a fresh state from the snapshot goes elsewhere.
        auto fresh_theta = saved_theta;
        typename O::template state<line_set> fresh{};
        steps(fresh_theta, fresh, 3);
        BOOST_TEST(((fresh_theta == after) != state_matters));
    };
    check(tg::sgd{.learning_rate = 0.01}, false);
    check(tg::momentum{.learning_rate = 0.01, .beta = 0.9}, true);
    check(tg::adam{.learning_rate = 0.01}, true);
}

BOOST_AUTO_TEST_SUITE_END()
