// Mini-batch training: batch_size = N is full-batch training exactly, batch gradients are unbiased
// estimates of the full gradient, the last partial batch is used and rescaled, a seed fixes the run,
// and bad settings are rejected before any work.
#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numeric>
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

constexpr std::size_t N = 20;

/// 20 points near the line 1.5 x - 0.5, with a fixed wiggle.
struct points {
    std::vector<double> xs, ys;
    points() {
        for (std::size_t i = 0; i < N; ++i) {
            const double xv = 0.1 * static_cast<double>(i) - 0.6;
            xs.push_back(xv);
            ys.push_back(1.5 * xv - 0.5 + 0.3 * std::sin(3.0 * static_cast<double>(i)));
        }
    }
};
const points data_points;
const auto d = tg::data(x = data_points.xs, y = data_points.ys);
const auto sum_loss = tg::sum_over(tg::squared_error(w * x + b, y), d);
const auto mean_loss = tg::mean_over(tg::squared_error(w * x + b, y), d);
using line_set = decltype(tg::parameters_of(sum_loss));

constexpr double nan_value = std::numeric_limits<double>::quiet_NaN();
constexpr double inf = std::numeric_limits<double>::infinity();


line_set start(double wv, double bv) {
    line_set theta{};
    theta[w] = wv;
    theta[b] = bv;
    return theta;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(minibatch)

BOOST_AUTO_TEST_CASE(a_batch_of_every_row_is_full_batch_training_bit_for_bit) {
    std::array<std::size_t, N> rows{};
    const auto compare = [&](const auto& loss, const auto& optimizer) {
        auto full = start(0.2, -0.1), batched = full;
        const auto rf = tg::train(loss, full, optimizer, {.max_steps = 6});
        const auto rb = tg::train_minibatch(loss, batched, optimizer, {.batch_size = N, .epochs = 6, .seed = 3}, rows);
        BOOST_TEST(rf.steps == 6u);
        BOOST_TEST(rb.steps == 6u);
        BOOST_TEST(rb.reason == tg::stop_reason::step_limit);
        BOOST_TEST(full.values[0] == batched.values[0]);
        BOOST_TEST(full.values[1] == batched.values[1]);
        BOOST_TEST(full[w] != 0.2);
    };
    compare(sum_loss, tg::sgd{.learning_rate = 0.01});
    compare(mean_loss, tg::sgd{.learning_rate = 0.3});
    compare(sum_loss + 0.1 * tg::l2(w), tg::sgd{.learning_rate = 0.01});
    compare(sum_loss, tg::momentum{.learning_rate = 0.01, .beta = 0.8});
    compare(mean_loss, tg::adam{.learning_rate = 0.05});
}

BOOST_AUTO_TEST_CASE(equal_batches_scaled_by_n_over_b_average_to_the_full_gradient) {
    const auto theta = start(0.7, 0.3);
    std::array<std::size_t, N> rows{};
    std::iota(rows.begin(), rows.end(), std::size_t{0});
    tg::random_generator rng(21);
    rng.shuffle(std::span<std::size_t>(rows));
    for (std::size_t batch : {std::size_t{1}, std::size_t{4}, std::size_t{5}, std::size_t{10}}) {
        const std::size_t batches = N / batch;
        const double scale = static_cast<double>(N) / static_cast<double>(batch);
        double value = 0, dw = 0, db = 0, mean_dw = 0;
        for (std::size_t k = 0; k < batches; ++k) {
            const std::span<const std::size_t> rows_k(rows.data() + k * batch, batch);
            const auto r = sum_loss.value_and_gradient(theta, rows_k, scale);
            value += r.value / static_cast<double>(batches);
            dw += r.gradient[w] / static_cast<double>(batches);
            db += r.gradient[b] / static_cast<double>(batches);
            mean_dw += mean_loss.value_and_gradient(theta, rows_k, scale).gradient[w] / static_cast<double>(batches);
        }
        const auto full = sum_loss.value_and_gradient(theta);
        BOOST_TEST(close(value, full.value, 1e-13), "batch " << batch);
        BOOST_TEST(close(dw, full.gradient[w], 1e-13), "batch " << batch);
        BOOST_TEST(close(db, full.gradient[b], 1e-13), "batch " << batch);
        BOOST_TEST(close(mean_dw, mean_loss.value_and_gradient(theta).gradient[w], 1e-13), "batch " << batch);
        // One batch alone is not the full gradient (the test above is not vacuous).
        if (batch < N) {
            const std::span<const std::size_t> first(rows.data(), batch);
            BOOST_TEST(!close(sum_loss.value_and_gradient(theta, first, scale).gradient[w], full.gradient[w], 1e-3));
        }
    }
}

BOOST_AUTO_TEST_CASE(with_1000_rows_in_batches_of_7_the_last_6_rows_are_used_and_scaled_by_1000_over_6) {
    // loss = sum_i w x_i with x_i = 1: every batch's gradient is its size times N / size = N, so each of
    // the ceil(1000 / 7) = 143 steps of plain descent moves w by exactly lr N, the partial batch included.
    std::vector<double> ones(1000, 1.0);
    const auto loss = tg::sum_over(w * x, tg::data(x = ones));
    std::vector<std::size_t> rows(1000);
    auto theta = tg::parameters_of(loss);
    const auto report = tg::train_minibatch(loss, theta, tg::sgd{.learning_rate = 1e-3},
                                            {.batch_size = 7, .epochs = 3, .seed = 1}, std::span<std::size_t>(rows));
    BOOST_TEST(report.reason == tg::stop_reason::step_limit);
    BOOST_TEST(report.steps == 3 * 143u);
    BOOST_TEST(close(theta[w], -1e-3 * 1000 * 429, 1e-12), theta[w]);
}

BOOST_AUTO_TEST_CASE(with_1000_rows_in_batches_of_7_every_row_counts_exactly_once_per_epoch) {
    // x is 1 at row r and 0 elsewhere: one epoch of descent with lr 1 moves w by N / (size of r's batch):
    // 1000 / 7 for a row in a full batch, 1000 / 6 for one in the last; a row skipped would give 0, a row
    // seen twice twice that. The column is a view, so the same data set sees each new indicator.
    std::vector<double> indicator(1000, 0.0);
    const auto loss = tg::sum_over(w * x, tg::data(x = indicator));
    std::vector<std::size_t> rows(1000);
    std::size_t in_full = 0, in_last = 0, other = 0;
    for (std::size_t r = 0; r < 1000; ++r) {
        indicator[r] = 1.0;
        auto theta = tg::parameters_of(loss);
        const auto report = tg::train_minibatch(loss, theta, tg::sgd{.learning_rate = 1.0},
                                                {.batch_size = 7, .epochs = 1, .seed = 5}, std::span<std::size_t>(rows));
        indicator[r] = 0.0;
        BOOST_REQUIRE(report.steps == 143u);
        if (close(theta[w], -1000.0 / 7, 1e-14)) ++in_full;
        else if (close(theta[w], -1000.0 / 6, 1e-14)) ++in_last;
        else ++other;
    }
    BOOST_TEST(in_full == 994u);
    BOOST_TEST(in_last == 6u);
    BOOST_TEST(other == 0u);
}

BOOST_AUTO_TEST_CASE(the_same_seed_gives_the_same_run_and_another_seed_a_different_one) {
    std::array<std::size_t, N> rows{};
    const auto run = [&](std::uint64_t seed, bool shuffle, std::vector<double>& losses) {
        auto theta = start(0, 0);
        const auto report = tg::train_minibatch(sum_loss, theta, tg::momentum{.learning_rate = 0.005, .beta = 0.5},
                                                {.batch_size = 3, .epochs = 4, .seed = seed, .shuffle = shuffle}, rows,
                                                [&](const auto& p) {
                                                    losses.push_back(p.loss);
                                                    return true;
                                                });
        BOOST_TEST(report.steps == 4 * 7u);  // 20 rows in batches of 3: 6 full and one of 2
        return theta;
    };
    std::vector<double> la, lb, lc, ld, le;
    const auto a = run(17, true, la);
    const auto b2 = run(17, true, lb);
    const auto c = run(18, true, lc);
    BOOST_TEST((a == b2));
    BOOST_TEST(la == lb, boost::test_tools::per_element());
    BOOST_TEST((a != c));
    BOOST_TEST(la.back() != lc.back());
    // Without shuffling the seed plays no part.
    const auto unshuffled_1 = run(1, false, ld);
    const auto unshuffled_2 = run(2, false, le);
    BOOST_TEST((unshuffled_1 == unshuffled_2));
    BOOST_TEST((unshuffled_1 != a));
}

BOOST_AUTO_TEST_CASE(without_shuffling_batches_are_consecutive_rows_and_the_callback_gets_the_mean_batch_loss) {
    std::array<std::size_t, N> rows{};
    auto theta = start(0.1, 0.1);
    const tg::sgd sgd{.learning_rate = 0.004};
    std::vector<double> epoch_losses;
    const auto report = tg::train_minibatch(sum_loss, theta, sgd, {.batch_size = 6, .epochs = 3, .shuffle = false}, rows,
                                            [&](const auto& p) {
                                                epoch_losses.push_back(p.loss);
                                                return true;
                                            });
    BOOST_TEST(report.steps == 3 * 4u);
    // By hand: batches {0..5}, {6..11}, {12..17}, {18, 19}, each scaled by N / its size; an epoch's loss
    // is the mean of its four batch losses, each taken before that batch's step.
    auto expected = start(0.1, 0.1);
    std::vector<double> expected_losses;
    tg::sgd::state<line_set> state{};
    for (int epoch = 0; epoch < 3; ++epoch) {
        double sum = 0;
        for (std::size_t first = 0; first < N; first += 6) {
            const std::size_t size = std::min<std::size_t>(6, N - first);
            std::array<std::size_t, 6> batch{};
            std::iota(batch.begin(), batch.begin() + static_cast<std::ptrdiff_t>(size), first);
            const auto [value, g] =
                sum_loss.value_and_gradient(expected, std::span<const std::size_t>(batch.data(), size),
                                            static_cast<double>(N) / static_cast<double>(size));
            sum += value;
            sgd.step(expected, g, state);
        }
        expected_losses.push_back(sum / 4);
    }
    BOOST_TEST(theta.values[0] == expected.values[0]);
    BOOST_TEST(theta.values[1] == expected.values[1]);
    BOOST_REQUIRE(epoch_losses.size() == 3u);
    for (std::size_t e = 0; e < 3; ++e) BOOST_TEST(close(epoch_losses[e], expected_losses[e], 1e-14), "epoch " << e + 1);
}

BOOST_AUTO_TEST_CASE(the_callback_is_called_once_per_epoch_with_the_mean_batch_loss_and_can_stop_the_run) {
    std::array<std::size_t, N> rows{};
    auto theta = start(0, 0);
    std::vector<std::size_t> epochs_seen;
    line_set at_stop{};
    const auto report = tg::train_minibatch(sum_loss, theta, tg::sgd{.learning_rate = 0.002},
                                            {.batch_size = 5, .epochs = 50, .seed = 4}, rows, [&](const auto& p) {
                                                epochs_seen.push_back(p.step);
                                                BOOST_TEST(std::isfinite(p.loss));
                                                BOOST_TEST(p.loss > 0.0);
                                                at_stop = p.theta;
                                                return p.step < 3;
                                            });
    BOOST_TEST(report.reason == tg::stop_reason::stopped);
    BOOST_TEST(static_cast<bool>(report));
    BOOST_TEST(epochs_seen == (std::vector<std::size_t>{1, 2, 3}), boost::test_tools::per_element());
    BOOST_TEST(report.steps == 3 * 4u);
    BOOST_TEST((theta == at_stop));
    BOOST_TEST(report.loss == sum_loss.value(theta));

    // With a single batch per epoch, the epoch's loss is that batch's loss: the full loss before the step.
    auto theta2 = start(0.3, 0.3);
    auto before = theta2;
    std::size_t calls = 0;
    (void)tg::train_minibatch(sum_loss, theta2, tg::sgd{.learning_rate = 0.002}, {.batch_size = N, .epochs = 4}, rows,
                              [&](const auto& p) {
                                  ++calls;
                                  BOOST_TEST(close(p.loss, sum_loss.value(before), 1e-14));
                                  before = p.theta;
                                  return true;
                              });
    BOOST_TEST(calls == 4u);
}

BOOST_AUTO_TEST_CASE(a_parameter_map_trains_in_mini_batches_as_a_set_does) {
    std::vector<std::size_t> rows(sum_loss.size());
    auto theta = tg::parameters_of(sum_loss);
    double p[2] = {0, 0};  // b, w
    const tg::minibatch_options options{.batch_size = 7, .epochs = 3, .seed = 5};
    const auto by_set = tg::train_minibatch(sum_loss, theta, tg::sgd{.learning_rate = 1e-4}, options, rows);
    std::size_t epochs = 0;
    const auto by_map = tg::train_minibatch(sum_loss, tg::map_parameters<line_set>(p), tg::sgd{.learning_rate = 1e-4}, options,
                                            rows, [&](const auto& progress) {
                                                ++epochs;
                                                return progress.theta[b] == p[0];
                                            });
    BOOST_TEST(by_map.steps == by_set.steps);
    BOOST_TEST(by_map.loss == by_set.loss);
    BOOST_TEST(epochs == 3u);
    BOOST_TEST(p[0] == theta[b]);
    BOOST_TEST(p[1] == theta[w]);
}

BOOST_AUTO_TEST_CASE(small_batches_still_approach_the_least_squares_line) {
    double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
    for (std::size_t i = 0; i < N; ++i) {
        const double xv = data_points.xs[i], yv = data_points.ys[i];
        n += 1, sx += xv, sy += yv, sxx += xv * xv, sxy += xv * yv;
    }
    const double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
    const double intercept = (sy - slope * sx) / n;
    std::array<std::size_t, N> rows{};
    auto theta = start(0, 0);
    const auto report =
        tg::train_minibatch(mean_loss, theta, tg::sgd{.learning_rate = 0.02}, {.batch_size = 4, .epochs = 3000, .seed = 9}, rows);
    BOOST_TEST(report.reason == tg::stop_reason::step_limit);
    BOOST_TEST(std::fabs(theta[w] - slope) < 0.05, theta[w] << " vs " << slope);
    BOOST_TEST(std::fabs(theta[b] - intercept) < 0.05, theta[b] << " vs " << intercept);
}

BOOST_AUTO_TEST_CASE(float_parameter_sets_train_in_mini_batches) {
    std::vector<float> fx, fy;
    for (std::size_t i = 0; i < N; ++i) {
        fx.push_back(static_cast<float>(data_points.xs[i]));
        fy.push_back(static_cast<float>(data_points.ys[i]));
    }
    const auto loss = tg::mean_over(tg::squared_error(w * x + b, y), tg::data(x = fx, y = fy));
    auto theta = tg::parameters_of<float>(loss);
    std::array<std::size_t, N> rows{};
    const float before = loss.value(theta);
    const auto report = tg::train_minibatch(loss, theta, tg::adam{.learning_rate = 0.01}, {.batch_size = 4, .epochs = 200}, rows);
    static_assert(std::is_same_v<decltype(report.loss), float>);
    BOOST_TEST(report.reason == tg::stop_reason::step_limit);
    BOOST_TEST(report.loss < 0.2f * before);
    BOOST_TEST(std::fabs(theta[w] - 1.5f) < 0.3f);
}

BOOST_AUTO_TEST_CASE(batch_sizes_of_zero_or_more_than_the_rows_are_rejected_and_theta_is_untouched) {
    std::array<std::size_t, N> rows{};
    for (std::size_t batch : {std::size_t{0}, N + 1, std::size_t{1000}}) {
        auto theta = start(0.4, 0.6);
        bool called = false;
        const auto report = tg::train_minibatch(sum_loss, theta, tg::sgd{.learning_rate = 0.01},
                                                {.batch_size = batch, .epochs = 2}, rows, [&](const auto&) {
                                                    called = true;
                                                    return true;
                                                });
        BOOST_TEST(report.reason == tg::stop_reason::invalid_input);
        BOOST_TEST(!static_cast<bool>(report));
        BOOST_TEST(report.steps == 0u);
        BOOST_TEST(contains(report.message, "batch size must be between 1 and the number of rows (20), not " +
                                                std::to_string(batch)),
                   report.message);
        BOOST_TEST((theta == start(0.4, 0.6)));
        BOOST_TEST(!called);
    }
    auto theta = start(0.4, 0.6);  // 1 and N are the bounds, both allowed
    BOOST_TEST(static_cast<bool>(tg::train_minibatch(sum_loss, theta, tg::sgd{.learning_rate = 0.001}, {.batch_size = 1, .epochs = 1}, rows)));
    BOOST_TEST(static_cast<bool>(tg::train_minibatch(sum_loss, theta, tg::sgd{.learning_rate = 0.001}, {.batch_size = N, .epochs = 1}, rows)));
}

BOOST_AUTO_TEST_CASE(bad_learning_rates_are_rejected_for_every_optimizer) {
    std::array<std::size_t, N> rows{};
    const auto check = [&](const auto& optimizer) {
        auto theta = start(0.4, 0.6);
        const auto report = tg::train_minibatch(sum_loss, theta, optimizer, {.batch_size = 4, .epochs = 2}, rows);
        BOOST_TEST(report.reason == tg::stop_reason::invalid_input);
        BOOST_TEST(contains(report.message, "learning rate must be finite and positive"), report.message);
        BOOST_TEST(report.steps == 0u);
        BOOST_TEST((theta == start(0.4, 0.6)));
    };
    for (double lr : {0.0, -1.0, nan_value, inf, -inf}) {
        check(tg::sgd{.learning_rate = lr});
        check(tg::momentum{.learning_rate = lr});
        check(tg::adam{.learning_rate = lr});
    }
}

BOOST_AUTO_TEST_CASE(bad_data_and_a_row_buffer_of_the_wrong_size_are_rejected) {
    const std::vector<double> xs{1, 2, 3}, short_y{1, 2}, nan_y{1, 2, nan_value}, empty;
    std::array<std::size_t, 3> rows{};
    const auto run = [&](const auto& loss, std::span<std::size_t> buffer) {
        auto theta = tg::parameters_of(loss);
        theta[w] = 0.25;
        const auto before = theta;
        const auto report = tg::train_minibatch(loss, theta, tg::sgd{.learning_rate = 0.01}, {.batch_size = 1, .epochs = 1}, buffer);
        BOOST_TEST(report.reason == tg::stop_reason::invalid_input);
        BOOST_TEST(report.steps == 0u);
        BOOST_TEST((theta == before));
        return report.message;
    };
    const std::string unequal = run(tg::sum_over(tg::squared_error(w * x + b, y), tg::data(x = xs, y = short_y)), rows);
    BOOST_TEST(contains(unequal, "column 'y' has 2 values but column 'x' has 3"), unequal);
    const std::string not_a_number = run(tg::sum_over(tg::squared_error(w * x + b, y), tg::data(x = xs, y = nan_y)), rows);
    BOOST_TEST(contains(not_a_number, "column 'y'"), not_a_number);
    BOOST_TEST(contains(not_a_number, "row 2"), not_a_number);
    const std::string none = run(tg::sum_over(tg::squared_error(w * x + b, y), tg::data(x = empty, y = empty)),
                                 std::span<std::size_t>());
    BOOST_TEST(contains(none, "empty"), none);
    const std::string small_buffer =
        run(tg::sum_over(tg::squared_error(w * x + b, y), tg::data(x = xs, y = xs)), std::span<std::size_t>(rows.data(), 2));
    BOOST_TEST(contains(small_buffer, "the row buffer has 2 places but the data has 3 rows"), small_buffer);
}

BOOST_AUTO_TEST_CASE(a_diverging_full_batch_run_stops_exactly_where_train_does) {
    // The primer's points with lr 0.07 overflow after a while; with batch_size = N mini-batch training is
    // full-batch descent, divergence included: theta holds the last parameters whose loss was finite.
    const std::vector<double> px{0.5, 2.3, 2.9}, py{1.4, 1.9, 3.2};
    const auto loss = tg::sum_over(tg::squared_error(w * x + b, y), tg::data(x = px, y = py));
    auto full = tg::parameters_of(loss);
    auto batched = full;
    std::array<std::size_t, 3> rows{};
    const auto rf = tg::train(loss, full, tg::sgd{.learning_rate = 0.07}, {.max_steps = 100000});
    const auto rb = tg::train_minibatch(loss, batched, tg::sgd{.learning_rate = 0.07}, {.batch_size = 3, .epochs = 100000}, rows);
    BOOST_REQUIRE(rf.reason == tg::stop_reason::diverged);
    BOOST_TEST(rb.reason == tg::stop_reason::diverged);
    BOOST_TEST(!static_cast<bool>(rb));
    BOOST_TEST(contains(rb.message, "diverged"), rb.message);
    BOOST_TEST(rb.steps == rf.steps);
    BOOST_TEST(full.values[0] == batched.values[0]);
    BOOST_TEST(full.values[1] == batched.values[1]);
    BOOST_TEST(std::isfinite(rb.loss));
    BOOST_TEST(close(rb.loss, rf.loss, 1e-15));
}

BOOST_AUTO_TEST_CASE(a_diverging_small_batch_run_stops_with_finite_parameters) {
    std::array<std::size_t, N> rows{};
    auto theta = start(0, 0);
    const auto report = tg::train_minibatch(sum_loss, theta, tg::sgd{.learning_rate = 0.5}, {.batch_size = 2, .epochs = 100000}, rows);
    BOOST_TEST(report.reason == tg::stop_reason::diverged);
    BOOST_TEST(contains(report.message, "diverged"), report.message);
    BOOST_TEST(std::isfinite(theta[w]));
    BOOST_TEST(std::isfinite(theta[b]));
    BOOST_TEST(report.steps > 10u);  // it ran a while first
    BOOST_TEST(std::fmax(std::fabs(theta[w]), std::fabs(theta[b])) > 1e100);  // and grew far before overflowing
}

BOOST_AUTO_TEST_CASE(an_update_that_overflows_the_parameters_is_undone) {
    std::array<std::size_t, N> rows{};
    auto theta = start(0.5, 0.5);
    const auto report = tg::train_minibatch(sum_loss, theta, tg::sgd{.learning_rate = 1e308}, {.batch_size = 5, .epochs = 3}, rows);
    BOOST_TEST(report.reason == tg::stop_reason::diverged);
    BOOST_TEST(contains(report.message, "diverged at step 1"), report.message);
    BOOST_TEST((theta == start(0.5, 0.5)));
    BOOST_TEST(report.steps == 0u);
    BOOST_TEST(report.loss == sum_loss.value(theta));
}

BOOST_AUTO_TEST_SUITE_END()
