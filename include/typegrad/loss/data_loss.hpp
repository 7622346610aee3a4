// typegrad/loss/data_loss.hpp: a per-sample expression summed (or averaged) over a data set.
#pragma once

#include <cstddef>
#include <span>

#include "typegrad/core/parameter_set.hpp"
#include "typegrad/data/data_set.hpp"
#include "typegrad/engine/evaluate.hpp"

namespace typegrad {

/// sum_over(e, data) (Mean = false) or mean_over(e, data) (Mean = true): the loss sum_i e(row i), or
/// its mean. Its gradient is the sum (or mean) of per-sample fused gradients, with no allocation.
/// An optional penalty expression (no inputs) is added once: `sum_over(e, data) + 0.01 * l2(w1)`.
template <class E, class Data, bool Mean, class Penalty = void>
struct data_loss {
    E expression;
    Data data;
    [[no_unique_address]] std::conditional_t<std::is_void_v<Penalty>, std::tuple<>, Penalty> penalty{};

    static constexpr bool has_penalty = !std::is_void_v<Penalty>;

    [[nodiscard]] std::size_t size() const { return data.size(); }

    /// The loss over all rows at theta.
    template <class Set>
    [[nodiscard]] constexpr typename Set::value_type value(const Set& theta) const {
        using T = typename Set::value_type;
        T total = T(0);
        const std::size_t n = data.size();
        for (std::size_t i = 0; i < n; ++i) total += eval(expression, theta, data.row(i));
        if constexpr (Mean) total /= static_cast<T>(n);
        if constexpr (has_penalty) total += eval(penalty, theta);
        return total;
    }

    /// Value and gradient over all rows.
    template <class Set>
    [[nodiscard]] constexpr value_and_gradient_result<typename Set::value_type, Set> value_and_gradient(
        const Set& theta) const {
        return over_rows(theta, [](std::size_t i) { return i; }, data.size(), typename Set::value_type(1));
    }

    /// Value and gradient over the rows listed in `rows` (summed in the order given), each row's
    /// contribution multiplied by `scale` (mini-batches use N/B, so a batch estimates the full sum).
    template <class Set>
    [[nodiscard]] constexpr value_and_gradient_result<typename Set::value_type, Set> value_and_gradient(
        const Set& theta, std::span<const std::size_t> rows, typename Set::value_type scale) const {
        return over_rows(theta, [rows](std::size_t k) { return rows[k]; }, rows.size(), scale);
    }

private:
    template <class Set, class Index>
    constexpr value_and_gradient_result<typename Set::value_type, Set> over_rows(const Set& theta, Index index,
                                                                                 std::size_t count,
                                                                                 typename Set::value_type scale) const {
        using T = typename Set::value_type;
        value_and_gradient_result<T, Set> total{T(0), Set{}};
        for (std::size_t k = 0; k < count; ++k) {
            const auto r = typegrad::value_and_gradient(expression, theta, data.row(index(k)));
            total.value += r.value;
            for (std::size_t j = 0; j < Set::size(); ++j) total.gradient.values[j] += r.gradient.values[j];
        }
        T factor = scale;
        if constexpr (Mean) factor /= static_cast<T>(data.size());
        if (factor != T(1)) {
            total.value *= factor;
            for (auto& g : total.gradient.values) g *= factor;
        }
        if constexpr (has_penalty) {
            const auto p = typegrad::value_and_gradient(penalty, theta);
            total.value += p.value;
            for (std::size_t j = 0; j < Set::size(); ++j) total.gradient.values[j] += p.gradient.values[j];
        }
        return total;
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
    return {loss.expression, loss.data, penalty};
}

/// The parameter set of a data loss: that of its expression plus its penalty.
template <class T = double, class E, class Data, bool Mean, class Penalty>
[[nodiscard]] constexpr auto parameters_of(const data_loss<E, Data, Mean, Penalty>& loss) {
    if constexpr (std::is_void_v<Penalty>) return parameters_of<T>(loss.expression);
    else return parameters_of<T>(loss.expression + loss.penalty);
}

/// predict(net, theta, data, out): writes net's value for every row into out (the user's storage).
/// Returns an error if out's size differs from the data's.
template <expression E, class Set, class... Columns, class U>
[[nodiscard]] data_error predict(const E& net, const Set& theta, const data_set<Columns...>& d, std::span<U> out) {
    data_error error = d.check();
    if (!error.ok()) return error;
    if (out.size() != d.size()) {
        error.message = "predict: the output has " + std::to_string(out.size()) + " places but the data has " +
                        std::to_string(d.size()) + " rows";
        return error;
    }
    for (std::size_t i = 0; i < d.size(); ++i) out[i] = static_cast<U>(eval(net, theta, d.row(i)));
    return error;
}

}  // namespace typegrad
