// typegrad/loss/data_loss.hpp: a per-sample expression summed (or averaged) over a data set.
#pragma once

#include <array>
#include <cstddef>
#include <memory>
#include <span>
#include <tuple>
#include <type_traits>

#include "typegrad/core/parameter_set.hpp"
#include "typegrad/data/data_set.hpp"
#include "typegrad/engine/evaluate.hpp"
#include "typegrad/parallel/thread_pool.hpp"
#include "typegrad/simd/batch.hpp"

namespace typegrad {

namespace detail {
/// Part t of `parts` equal parts of [0, count), cut at multiples of `width` (the last part takes the
/// rest), so every part's lanes are whole batches of the same rows whatever the split.
constexpr std::size_t part_begin(std::size_t count, std::size_t parts, std::size_t t, std::size_t width) {
    if (t >= parts) return count;
    return (count / width) * t / parts * width;
}

// ---- how a data loss runs its rows ---------------------------------------------------------------------
// The work is done by the functions below, not by member functions of data_loss: a member's name starts
// with its class, data_loss<E, Data, Mean, Penalty>, so everything else in it (the parameter set, again
// as the gradient's set, the row index) comes after the expression's type, where g++'s mangler searches
// a substitution table that holds every subtree for each part of it (see doc/benchmarks.md); and a
// lambda written in a member is named after that member, in every function it is a template argument
// of (the pool's tasks, std::apply, std::addressof, ...). These functions take the loss's type as their
// last template argument, so that only the data set's columns (and a penalty's type) follow the
// expression's type in their names, and the loss as their first argument, where a member has `this`; the row indices the
// members pass are named types, not lambdas (a lambda written here is named after one of these
// functions, which is cheap).

/// The rows of a call, by position: every row in order, or the caller's list (a mini-batch).
struct all_rows {
    constexpr std::size_t operator()(std::size_t i) const { return i; }
};
struct listed_rows {
    std::span<const std::size_t> rows;
    constexpr std::size_t operator()(std::size_t k) const { return rows[k]; }
};
/// Whether a value of type T runs in lanes in a call of `loss` (lanes hold doubles).
template <class T, class Loss>
constexpr bool use_lanes(const Loss& loss) {
    if constexpr (std::is_same_v<T, double>) return loss.lanes && !std::is_constant_evaluated();
    else return false;
}
/// Whether the rows of `loss` run on the calling thread (no pool, a pool of one, or constant evaluation).
template <class Loss>
constexpr bool on_calling_thread(const Loss& loss) {
    return std::is_constant_evaluated() || loss.pool == nullptr || loss.pool->size() == 1;
}

/// Whether the one-row sums start with the first row's own sweep (peeled off the loop), rather than
/// at zero: 0 + a is not a when a is -0.0, so no compiler may drop the first row's additions to
/// zeros, and the peeled sweep lets it simplify that row (P2: 975 -> 944 instructions with g++ -O2,
/// 848 -> 775 with clang -O2). It is a second copy of the sweep in the code, so only for small
/// expressions: at 998 nodes it cost 34% more compile time and 27% more code for a data loss.
constexpr bool peel_first_row(std::size_t slots) { return slots <= 256; }

/// Lanes pay for themselves from a few batches on (each call zeroes and finally adds up one batch
/// per gradient component); fewer rows run one at a time.
inline constexpr std::size_t min_lane_rows = 2 * static_cast<std::size_t>(simd::native_width);

/// Runs part(begin, end, result) on pool->size() fixed parts of [0, count), one per thread, and
/// combines their results into `total` in part order.
template <class T, class R, class Part, class Combine, class Loss>
void run_on_pool(const Loss& loss, std::size_t count, R& total, Part part, Combine combine) {
    const std::size_t width = detail::use_lanes<T>(loss) ? static_cast<std::size_t>(simd::native_width) : 1;
    const std::size_t parts = loss.pool->size();
    R* results = static_cast<R*>(loss.pool->scratch(parts * sizeof(R)));
    auto task = [&](std::size_t t) {
        R r = total;  // a copy of the zero result
        part(detail::part_begin(count, parts, t, width), detail::part_begin(count, parts, t + 1, width), r);
        std::construct_at(results + t, r);
    };
    loss.pool->run(task);
    for (std::size_t t = 0; t < parts; ++t) combine(total, results[t]);
}

/// The sum of the expression's value over positions [begin, end) of `index`. Each row's value is
/// added as value_and_gradient adds it (add_root), so the two give the same loss.
template <class Theta, class Index, class Loss>
constexpr typename Theta::value_type sum_values(const Loss& loss, const Theta& theta, Index index, std::size_t begin,
                                                std::size_t end) {
    using T = typename Theta::value_type;
    using E = decltype(loss.expression);
    const auto& expression = loss.expression;
    const auto& data = loss.data;
    T total = T(0);
    std::size_t k = begin;
    const auto row_value = [&](std::size_t i) {
        const auto s = data.row(index(i));
        using S = std::remove_cvref_t<decltype(s)>;
        return detail::forward_sweep<T>(expression, arguments<S, Theta>{{{s}, {theta}}});
    };
    if constexpr (std::is_same_v<T, double>) {
        if (detail::use_lanes<T>(loss) && end - begin >= min_lane_rows) {
            using B = simd::native_batch;
            B sum(0.0);
            for (; k + B::width <= end; k += B::width) {
                const auto s = data.template rows<B>([&](int l) { return index(k + static_cast<std::size_t>(l)); });
                using S = std::remove_cvref_t<decltype(s)>;
                sum = detail::add_root<B, E>(sum, detail::forward_sweep<B>(expression, arguments<S, Theta>{{{s}, {theta}}}));
            }
            total += sum.sum();
        }
    }
    if (peel_first_row(plan_v<E>.slots) && k == begin && k < end)
        total = row_value(k++)[folded(plan_v<E>.slots - 1)].value;  // as sum_rows
    for (; k < end; ++k) total = detail::add_root<T, E>(total, row_value(k));
    return total;
}

/// Adds the value and gradient of the whole batches of lanes in positions [begin, end) of `index`
/// into `out`; returns where they stop. A function of its own, so that the one-row loop around it
/// stays small enough to be inlined (and, for a known short data set, unrolled).
template <class Theta, class Index, class Set, class Loss>
std::size_t sum_rows_in_lanes(const Loss& loss, const Theta& theta, Index index, std::size_t begin, std::size_t end,
                              value_and_gradient_result<double, Set>& out) {
    using B = simd::native_batch;
    const auto& expression = loss.expression;
    const auto& data = loss.data;
    B value(0.0);
    std::array<B, Set::size()> gradient;
    for (auto& g : gradient) g = B(0.0);
    std::size_t k = begin;
    for (; k + B::width <= end; k += B::width) {
        const auto s = data.template rows<B>([&](int l) { return index(k + static_cast<std::size_t>(l)); });
        using S = std::remove_cvref_t<decltype(s)>;
        value = detail::fused_sweep<B, Set, true>(expression, arguments<S, Theta>{{{s}, {theta}}}, gradient, value);
    }
    out.value += value.sum();
    for (std::size_t j = 0; j < Set::size(); ++j) out.gradient.values[j] += gradient[j].sum();
    return k;
}

/// The value and gradient summed over positions [begin, end) of `index`, into `out`, which holds
/// zeros on entry.
template <class Theta, class Index, class Set, class Loss>
[[gnu::always_inline]] constexpr void sum_rows(const Loss& loss, const Theta& theta, Index index, std::size_t begin,
                                               std::size_t end, value_and_gradient_result<typename Set::value_type, Set>& out) {
    using T = typename Set::value_type;
    using E = decltype(loss.expression);
    const auto& expression = loss.expression;
    const auto& data = loss.data;
    std::size_t k = begin;
    if constexpr (std::is_same_v<T, double>) {
        if (detail::use_lanes<T>(loss) && end - begin >= min_lane_rows)
            k = detail::sum_rows_in_lanes<Theta, Index, Set>(loss, theta, index, begin, end, out);
    }
    if (k == end) return;
    // Sums in a local copy of `out`, not in `out`: a store through a reference the compiler cannot
    // prove distinct from theta and the data would keep every sum in memory.
    T value;
    Set gradient{unset};
    // `if constexpr`: above peel_first_row's size, the peeled row's sweep (one that does not add into
    // the sums) is not even instantiated, a third copy of the sweep for the compiler's front end.
    if constexpr (peel_first_row(plan_v<E>.slots)) {
        if (k == begin) {  // the sums start with the first row's terms
            const auto s = data.row(index(k));
            using S = std::remove_cvref_t<decltype(s)>;
            value = detail::fused_sweep<T, Set>(expression, arguments<S, Theta>{{{s}, {theta}}}, gradient.values);
            ++k;
        } else {
            value = out.value;
            gradient = out.gradient;
        }
    } else {
        value = out.value;
        gradient = out.gradient;
    }
    for (; k < end; ++k) {
        const auto s = data.row(index(k));
        using S = std::remove_cvref_t<decltype(s)>;
        value = detail::fused_sweep<T, Set, true>(expression, arguments<S, Theta>{{{s}, {theta}}}, gradient.values, value);
    }
    out.value = value;
    out.gradient = gradient;
}

/// The loss over all rows at theta (see data_loss::value).
template <class Theta, class Loss>
constexpr typename Theta::value_type data_loss_value(const Loss& loss, const Theta& theta) {
    using T = typename Theta::value_type;
    T total = T(0);
    if (detail::on_calling_thread(loss)) {
        total = detail::sum_values(loss, theta, all_rows{}, 0, loss.data.size());
    } else {
        detail::run_on_pool<T>(loss, loss.data.size(), total, [&](std::size_t begin, std::size_t end, T& part) {
            part = detail::sum_values(loss, theta, all_rows{}, begin, end);
        }, [](T& into, const T& part) { into += part; });
    }
    // scaled as value_and_gradient scales it (times 1/n, not divided by n), so the two agree
    if constexpr (Loss::mean) total *= T(1) / static_cast<T>(loss.data.size());
    if constexpr (Loss::has_penalty) total += eval(loss.penalty, theta);
    return total;
}

/// The value and gradient over `count` positions of `index`, each row's contribution times `scale`
/// (see data_loss::value_and_gradient).
template <class Theta, class Set = set_type_t<Theta>, class Index, class Loss>
[[gnu::always_inline]] constexpr value_and_gradient_result<typename Set::value_type, Set>
data_loss_value_and_gradient(const Loss& loss, const Theta& theta, Index index, std::size_t count, typename Set::value_type scale) {
    using T = typename Set::value_type;
    using R = value_and_gradient_result<T, Set>;
    R total{T(0), Set{}};
    if (detail::on_calling_thread(loss)) {
        detail::sum_rows<Theta, Index, Set>(loss, theta, index, 0, count, total);
    } else {
        detail::run_on_pool<T>(loss, count, total, [&](std::size_t begin, std::size_t end, R& part) {
            detail::sum_rows<Theta, Index, Set>(loss, theta, index, begin, end, part);
        }, [](R& into, const R& part) {
            into.value += part.value;
            for (std::size_t j = 0; j < Set::size(); ++j) into.gradient.values[j] += part.gradient.values[j];
        });
    }
    T factor = scale;
    if constexpr (Loss::mean) factor /= static_cast<T>(loss.data.size());
    if (factor != T(1)) {
        total.value *= factor;
        for (auto& g : total.gradient.values) g *= factor;
    }
    if constexpr (Loss::has_penalty) {
        const auto p = typegrad::value_and_gradient(loss.penalty, theta);
        total.value += p.value;
        for (std::size_t j = 0; j < Set::size(); ++j) total.gradient.values[j] += p.gradient.values[j];
    }
    return total;
}
}  // namespace detail

/// sum_over(e, data) (Mean = false) or mean_over(e, data) (Mean = true): the loss sum_i e(row i), or
/// its mean. Its gradient is the sum (or mean) of per-sample fused gradients, with no allocation.
/// An optional penalty expression (no inputs) is added once: `sum_over(e, data) + 0.01 * l2(w1)`.
///
/// How the rows are run: by default in SIMD lanes (simd::native_width samples per sweep, each lane
/// keeping its own sums, added lane by lane at the end; the rows that do not fill a batch run one at a
/// time), on the calling thread. `loss.on(pool)` splits the rows into pool.size() fixed parts run on
/// the pool's threads and adds the parts in order; `loss.sequential()` runs one sample per sweep (the
/// reference the batched results are tested against: they agree within 1e-13 of the sum of |terms|).
/// A given mode and thread count always gives the same bits. (The work is done by functions in
/// namespace detail that take the loss as their first argument and its type as their last template
/// argument: see there.)
template <class E, class Data, bool Mean, class Penalty = void>
struct data_loss {
    E expression;
    Data data;
    [[no_unique_address]] std::conditional_t<std::is_void_v<Penalty>, std::tuple<>, Penalty> penalty{};
    thread_pool* pool = nullptr;  // the user's threads, or none: the calling thread
    bool lanes = true;            // samples in SIMD lanes, or one per sweep

    static constexpr bool has_penalty = !std::is_void_v<Penalty>;
    static constexpr bool mean = Mean;

    [[nodiscard]] std::size_t size() const { return data.size(); }

    /// The same loss, its rows split across the threads of `threads` (which must outlive the use).
    [[nodiscard]] constexpr data_loss on(thread_pool& threads) const {
        data_loss copy = *this;
        copy.pool = &threads;
        return copy;
    }
    /// The same loss, one sample per sweep (no SIMD lanes).
    [[nodiscard]] constexpr data_loss sequential() const {
        data_loss copy = *this;
        copy.lanes = false;
        return copy;
    }

    /// The loss over all rows at theta (a parameter set, or a parameter_map over the caller's memory).
    template <class Theta>
        requires detail::is_parameter_source<Theta>::value
    [[nodiscard]] constexpr typename Theta::value_type value(const Theta& theta) const {
        detail::check(detail::call_checks_t<E, decltype(data.row(0)), Theta>{});
        return detail::data_loss_value(*this, theta);
    }

    /// Value and gradient over all rows; theta is a parameter set or a parameter_map, the gradient a
    /// parameter set of its set type.
    template <class Theta>
        requires detail::is_parameter_source<Theta>::value
    [[nodiscard, gnu::always_inline]] constexpr value_and_gradient_result<typename Theta::value_type, detail::set_type_t<Theta>>
    value_and_gradient(const Theta& theta) const {
        detail::check(detail::call_checks_t<E, decltype(data.row(0)), Theta>{});
        return detail::data_loss_value_and_gradient(*this, theta, detail::all_rows{}, data.size(), typename Theta::value_type(1));
    }

    /// Value and gradient over the rows listed in `rows` (summed in the order given), each row's
    /// contribution multiplied by `scale` (mini-batches use N/B, so a batch estimates the full sum).
    template <class Theta>
        requires detail::is_parameter_source<Theta>::value
    [[nodiscard, gnu::always_inline]] constexpr value_and_gradient_result<typename Theta::value_type, detail::set_type_t<Theta>>
    value_and_gradient(const Theta& theta, std::span<const std::size_t> rows, typename Theta::value_type scale) const {
        detail::check(detail::call_checks_t<E, decltype(data.row(0)), Theta>{});
        return detail::data_loss_value_and_gradient(*this, theta, detail::listed_rows{rows}, rows.size(), scale);
    }
};

/// sum_over(e, data): sum_i e(row i), e.g. the SSR `sum_over(squared_error(net, y), data(x = xs, y = ys))`.
template <expression E, class... Columns>
constexpr data_loss<E, data_set<Columns...>, false> sum_over(const E& e, const data_set<Columns...>& d) {
    return {e, d};
}

/// mean_over(e, data): the mean of e over the rows (e.g. the mean squared error).
template <expression E, class... Columns>
constexpr data_loss<E, data_set<Columns...>, true> mean_over(const E& e, const data_set<Columns...>& d) {
    return {e, d};
}

/// loss + penalty: adds an expression without inputs (such as 0.01 * l2(w1, w2)) to a data loss.
template <class E, class Data, bool Mean, expression P>
constexpr data_loss<E, Data, Mean, P> operator+(const data_loss<E, Data, Mean>& loss, const P& penalty) {
    return {loss.expression, loss.data, penalty, loss.pool, loss.lanes};
}

/// The parameter set of a data loss: that of its expression plus its penalty.
template <class T = double, class E, class Data, bool Mean, class Penalty>
[[nodiscard]] constexpr auto parameters_of(const data_loss<E, Data, Mean, Penalty>& loss) {
    if constexpr (std::is_void_v<Penalty>) return parameters_of<T>(loss.expression);
    else return parameters_of<T>(loss.expression + loss.penalty);
}

namespace detail {
/// net's value for rows [begin, end) into out: in SIMD lanes, the rows that do not fill a batch one by one.
template <class E, class Set, class Data, class U>
void predict_rows(const E& net, const Set& theta, const Data& d, std::span<U> out, std::size_t begin, std::size_t end) {
    using T = typename Set::value_type;
    std::size_t i = begin;
    if constexpr (std::is_same_v<T, double>) {
        using B = simd::native_batch;
        for (; i + B::width <= end; i += B::width) {
            const auto s = d.template rows<B>([i](int l) { return i + static_cast<std::size_t>(l); });
            using S = std::remove_cvref_t<decltype(s)>;
            const B v = detail::forward_sweep<B>(net, detail::arguments<S, Set>{{{s}, {theta}}})[folded(plan_v<E>.slots - 1)].value;
            for (int l = 0; l < B::width; ++l) out[i + static_cast<std::size_t>(l)] = static_cast<U>(v[l]);
        }
    }
    for (; i < end; ++i) out[i] = static_cast<U>(eval(net, theta, d.row(i)));
}

template <class Data, class U>
data_error check_prediction(const Data& d, std::span<U> out) {
    data_error error = d.check();
    if (error.ok() && out.size() != d.size())
        error.message = "predict: the output has " + std::to_string(out.size()) + " places but the data has " +
                        std::to_string(d.size()) + " rows";
    return error;
}
}  // namespace detail

/// predict(net, theta, data, out): writes net's value for every row into out (the user's storage), in
/// SIMD lanes. Returns an error, and writes nothing, if the data is bad or out's size differs from the
/// data's.
template <expression E, class Set, class... Columns, class U>
[[nodiscard]] data_error predict(const E& net, const Set& theta, const data_set<Columns...>& d, std::span<U> out) {
    detail::check(detail::call_checks_t<E, decltype(d.row(0)), Set>{});
    data_error error = detail::check_prediction(d, out);
    if (error.ok()) detail::predict_rows(net, theta, d, out, 0, d.size());
    return error;
}

/// predict(net, theta, data, out, pool): the same, the rows split across the pool's threads.
template <expression E, class Set, class... Columns, class U>
[[nodiscard]] data_error predict(const E& net, const Set& theta, const data_set<Columns...>& d, std::span<U> out,
                                 thread_pool& pool) {
    detail::check(detail::call_checks_t<E, decltype(d.row(0)), Set>{});
    data_error error = detail::check_prediction(d, out);
    if (!error.ok()) return error;
    const std::size_t parts = pool.size();
    auto task = [&](std::size_t t) {
        detail::predict_rows(net, theta, d, out, detail::part_begin(d.size(), parts, t, simd::native_width),
                             detail::part_begin(d.size(), parts, t + 1, simd::native_width));
    };
    pool.run(task);
    return error;
}

}  // namespace typegrad
