// typegrad/optim/train.hpp: the training loops. Bad settings are rejected before any work; a non-finite
// loss or gradient stops the run with the parameters of the last finite step; results come back as
// values (a report with a message), never as exceptions.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <span>
#include <string>
#include <type_traits>
#include <utility>

#include "typegrad/data/random.hpp"
#include "typegrad/io/print.hpp"
#include "typegrad/loss/data_loss.hpp"
#include "typegrad/optim/optimizers.hpp"

namespace typegrad {

/// Why a run stopped.
enum class stop_reason {
    converged,       // every parameter's step fell below the tolerance (that step was applied)
    step_limit,      // max_steps (or epochs) done
    diverged,        // a non-finite loss or gradient: theta holds the last finite step's parameters
    stopped,         // the callback asked to stop
    invalid_input    // bad settings or data: nothing was done
};

/// What a run did. Converts to true when it ran without error (converged, step limit or stopped).
template <class T>
struct [[nodiscard]] train_report {
    std::size_t steps = 0;  // updates applied
    T loss = T(0);          // the loss at the final parameters
    stop_reason reason = stop_reason::step_limit;
    std::string message;    // empty unless diverged or invalid_input

    explicit operator bool() const { return reason != stop_reason::diverged && reason != stop_reason::invalid_input; }
};

/// Settings of a full-batch run.
struct train_options {
    std::size_t max_steps = 1000;
    double tolerance = 0;  // stop once every parameter's step is below this (0: never)
};

/// What a callback sees after each step (or epoch); returning false stops the run. Set is the type of
/// the trained theta: a parameter set, or a parameter_map.
template <class Set>
struct progress {
    std::size_t step;
    typename Set::value_type loss;  // the loss before this step's update
    const Set& theta;               // the parameters after it
};

namespace detail {
struct no_callback {
    template <class P>
    constexpr bool operator()(const P&) const { return true; }
};

/// A number in its shortest round-trip form (0.07, -1, inf), for messages.
inline std::string format_number(double value) {
    std::string text;
    append_number(text, value);  // as expressions print their numbers
    return text;
}

template <class Optimizer>
std::string check_learning_rate(const Optimizer& optimizer) {
    if (!(optimizer.learning_rate > 0) || !std::isfinite(optimizer.learning_rate))
        return "the learning rate must be finite and positive, not " + format_number(optimizer.learning_rate);
    return {};
}

/// A loss is either a data loss (sum_over, mean_over) or a plain expression of parameters only.
template <class Loss, class Set>
auto loss_value_and_gradient(const Loss& loss, const Set& theta) {
    if constexpr (expression<Loss>) return typegrad::value_and_gradient(loss, theta);
    else return loss.value_and_gradient(theta);
}
template <class Loss, class Set>
typename Set::value_type loss_value(const Loss& loss, const Set& theta) {
    if constexpr (expression<Loss>) return eval(loss, theta);
    else return loss.value(theta);
}

/// The checks of a trained theta: a parameter set named by the caller (so the result lands there), or a
/// parameter_map over writable memory.
template <class Theta>
constexpr void check_trained() {
    using A = std::remove_cvref_t<Theta>;
    static_assert(is_parameter_source<A>::value,
                  "typegrad: training needs theta to be a parameter set (see parameters_of) or a parameter_map (see "
                  "map_parameters)");
    static_assert(writable<std::remove_reference_t<Theta>>::value,
                  "typegrad: training writes the trained parameters into theta: it must not be a const parameter set "
                  "or a map over read-only (const) memory");
    static_assert(std::is_lvalue_reference_v<Theta> || is_parameter_map<A>::value,
                  "typegrad: training writes the trained parameters into theta: pass a parameter set by name, not a "
                  "temporary that is gone when the call returns");
}

/// A parameter set holding theta's values (theta: a set or a map).
template <class Theta>
constexpr set_type_t<Theta> copy_of(const Theta& theta) {
    if constexpr (is_parameter_map<Theta>::value) return theta.to_set();
    else return theta;
}
/// Puts a set's values back into theta (a set or a map).
template <class Theta, class Set>
constexpr void restore(Theta& theta, const Set& values) {
    for (std::size_t i = 0; i < Set::size(); ++i) theta.values[i] = values.values[i];
}

template <class Set>
bool all_finite(typename Set::value_type loss, const Set& gradient) {
    if (!std::isfinite(loss)) return false;
    for (auto g : gradient.values)
        if (!std::isfinite(g)) return false;
    return true;
}

/// The message for a non-finite loss or gradient found after `updates` updates, when the parameters
/// are put back to those after `kept` updates.
template <class Set>
std::string first_non_finite(typename Set::value_type loss, const Set& gradient, std::size_t updates,
                             std::size_t kept) {
    std::string what = !std::isfinite(loss) ? "the loss is " + format_number(static_cast<double>(loss)) : std::string{};
    for (std::size_t i = 0; what.empty() && i < Set::size(); ++i)
        if (!std::isfinite(gradient.values[i]))
            what = "the gradient for '" + std::string(Set::names[i]) + "' is " +
                   format_number(static_cast<double>(gradient.values[i]));
    const std::string where = updates == 0 ? "at the starting parameters" : "after step " + std::to_string(updates);
    const std::string back = kept == 0 ? "the starting parameters" : "the parameters after step " + std::to_string(kept);
    return "diverged " + where + ": " + what + "; kept " + back + ", the last finite ones (try a smaller learning rate)";
}
}  // namespace detail

/// train(loss, theta, optimizer, options[, callback]): full-batch training. Each step takes the loss and
/// gradient at theta and applies the optimizer's update; the run stops after max_steps, or once every
/// parameter's step is below options.tolerance (that step is applied first), or when the loss or
/// gradient is not finite (theta then holds the parameters of the last finite step), or when the
/// callback returns false. theta is a parameter set, or a parameter_map over the caller's memory (then
/// trained in place). See example/line_fit.cpp.
template <class Loss, class Theta, class Optimizer, class Callback = detail::no_callback>
train_report<typename std::remove_cvref_t<Theta>::value_type> train(const Loss& loss, Theta&& theta, const Optimizer& optimizer,
                                                                    const train_options& options = {}, Callback callback = {}) {
    detail::check_trained<Theta>();
    using Set = detail::set_type_t<std::remove_cvref_t<Theta>>;
    using T = typename Set::value_type;
    train_report<T> report;
    report.message = detail::check_learning_rate(optimizer);
    if constexpr (requires { loss.data.check(); }) {  // data losses: check the data first
        if (report.message.empty()) report.message = loss.data.check().message;
    }
    if (!report.message.empty()) {
        report.reason = stop_reason::invalid_input;
        return report;
    }
    typename Optimizer::template state<Set> state{};
    Set last_good = detail::copy_of(theta);  // the parameters of the last step whose loss and gradient were finite
    T last_good_loss = T(0);
    const auto diverged = [&](T value, const Set& gradient) {
        report.reason = stop_reason::diverged;
        const std::size_t updates = report.steps;
        if (updates > 0) {  // undo the update that led here
            detail::restore(theta, last_good);
            --report.steps;
            report.loss = last_good_loss;
        } else {
            report.loss = value;
        }
        report.message = detail::first_non_finite(value, gradient, updates, report.steps);
        return report;
    };
    for (std::size_t step = 1;; ++step) {
        if (step > options.max_steps) {  // the final loss only: no gradient needed
            const T value = detail::loss_value(loss, theta);
            if (!std::isfinite(value)) return diverged(value, Set{});
            report.loss = value;
            report.reason = stop_reason::step_limit;
            return report;
        }
        const auto [value, gradient] = detail::loss_value_and_gradient(loss, theta);
        if (!detail::all_finite(value, gradient)) return diverged(value, gradient);
        report.loss = value;
        last_good = detail::copy_of(theta);
        last_good_loss = value;
        optimizer.step(theta, gradient, state);
        ++report.steps;
        bool all_small = options.tolerance > 0;
        for (std::size_t i = 0; all_small && i < Set::size(); ++i)
            all_small = std::fabs(theta.values[i] - last_good.values[i]) < static_cast<T>(options.tolerance);
        if (!callback(progress<std::remove_cvref_t<Theta>>{step, value, theta})) {
            report.reason = stop_reason::stopped;
            report.loss = detail::loss_value(loss, theta);
            return report;
        }
        if (all_small) {
            const T final_loss = detail::loss_value(loss, theta);
            if (!std::isfinite(final_loss)) continue;  // the next evaluation reports the divergence
            report.reason = stop_reason::converged;
            report.loss = final_loss;
            return report;
        }
    }
}

/// gradient_descent(loss, theta, {.learning_rate, .max_steps, .tolerance}): the primer's plain descent.
struct descent_options {
    double learning_rate = 0.01;
    std::size_t max_steps = 1000;
    double tolerance = 0;  // stop once every parameter's step is below this (that step is applied)
};

template <class Loss, class Theta, class Callback = detail::no_callback>
train_report<typename std::remove_cvref_t<Theta>::value_type> gradient_descent(const Loss& loss, Theta&& theta,
                                                                               const descent_options& options,
                                                                               Callback callback = {}) {
    return train(loss, std::forward<Theta>(theta), sgd{options.learning_rate},  // train checks theta
                 train_options{options.max_steps, options.tolerance}, callback);
}

/// Settings of a mini-batch run.
struct minibatch_options {
    std::size_t batch_size = 10;  // 1: stochastic; N: full batch
    std::size_t epochs = 100;
    std::uint64_t seed = 0;       // the shuffle's seed: a seed gives the same run everywhere
    bool shuffle = true;
};

/// train_minibatch(loss, theta, optimizer, options[, callback]): stochastic / mini-batch training over a
/// data loss. Each epoch visits the rows in a seeded random order in batches of batch_size; a batch's
/// gradient is its rows' sum times N/B (its mean times N), so with batches of equal size one epoch's
/// batch gradients average to the full-batch gradient, and batch_size = N is full-batch descent exactly
/// (each batch is summed in data order). The last batch of an epoch may be smaller (N mod B rows): it is
/// used, scaled by N over its own size, so every row counts once per epoch. The callback is called after
/// each epoch with the epoch's mean batch loss. A non-finite batch loss or gradient stops the run as in
/// train(): theta holds the parameters of the last step whose batch was finite. `rows` is the caller's
/// buffer of N indices, so that no step allocates. theta is a parameter set or a parameter_map, as for
/// train().
template <class E, class Data, bool Mean, class Penalty, class Theta, class Optimizer, class Callback = detail::no_callback>
train_report<typename std::remove_cvref_t<Theta>::value_type> train_minibatch(
    const data_loss<E, Data, Mean, Penalty>& loss, Theta&& theta, const Optimizer& optimizer,
    const minibatch_options& options, std::span<std::size_t> rows, Callback callback = {}) {
    detail::check_trained<Theta>();
    using Set = detail::set_type_t<std::remove_cvref_t<Theta>>;
    using T = typename Set::value_type;
    train_report<T> report;
    const std::size_t n = loss.data.size();
    report.message = detail::check_learning_rate(optimizer);
    if (report.message.empty()) report.message = loss.data.check().message;
    if (report.message.empty() && (options.batch_size == 0 || options.batch_size > n))
        report.message = "the batch size must be between 1 and the number of rows (" + std::to_string(n) + "), not " +
                         std::to_string(options.batch_size);
    if (report.message.empty() && rows.size() != n)
        report.message = "the row buffer has " + std::to_string(rows.size()) + " places but the data has " +
                         std::to_string(n) + " rows";
    if (!report.message.empty()) {
        report.reason = stop_reason::invalid_input;
        return report;
    }
    typename Optimizer::template state<Set> state{};
    Set last_good = detail::copy_of(theta);  // the parameters before the last update, whose batch was finite
    random_generator rng(options.seed);
    for (std::size_t i = 0; i < n; ++i) rows[i] = i;
    for (std::size_t epoch = 1; epoch <= options.epochs; ++epoch) {
        if (options.shuffle) {
            for (std::size_t i = 0; i < n; ++i) rows[i] = i;
            rng.shuffle(rows);
        }
        T epoch_loss = T(0);
        std::size_t batches = 0;
        for (std::size_t first = 0; first < n; first += options.batch_size) {
            const std::size_t size = first + options.batch_size <= n ? options.batch_size : n - first;
            const std::span<std::size_t> batch = rows.subspan(first, size);
            std::sort(batch.begin(), batch.end());  // sum in data order
            const auto [value, gradient] =
                loss.value_and_gradient(theta, std::span<const std::size_t>(batch), static_cast<T>(n) / static_cast<T>(size));
            if (!detail::all_finite(value, gradient)) {
                report.reason = stop_reason::diverged;
                const std::size_t updates = report.steps;
                if (report.steps > 0) {  // undo the update that led here, as train() does
                    detail::restore(theta, last_good);
                    --report.steps;
                }
                report.message = detail::first_non_finite(value, gradient, updates, report.steps);
                report.loss = loss.value(theta);
                return report;
            }
            last_good = detail::copy_of(theta);
            optimizer.step(theta, gradient, state);
            bool finite = true;
            for (std::size_t i = 0; i < Set::size(); ++i) finite = finite && std::isfinite(theta.values[i]);
            if (!finite) {
                detail::restore(theta, last_good);
                report.reason = stop_reason::diverged;
                report.message = "diverged at step " + std::to_string(report.steps + 1) +
                                 ": the update gave non-finite parameters; kept the last finite ones";
                report.loss = loss.value(theta);
                return report;
            }
            ++report.steps;
            epoch_loss += value;
            ++batches;
        }
        if (!callback(progress<std::remove_cvref_t<Theta>>{epoch, epoch_loss / static_cast<T>(batches), theta})) {
            report.reason = stop_reason::stopped;
            report.loss = loss.value(theta);
            return report;
        }
    }
    report.reason = stop_reason::step_limit;
    report.loss = loss.value(theta);
    return report;
}

}  // namespace typegrad
