// typegrad/data/data_set.hpp: data sets bound by name to the user's own storage, without copying.
#pragma once

#include <cmath>
#include <cstddef>
#include <iterator>
#include <span>
#include <string>
#include <tuple>
#include <type_traits>

#include "typegrad/core/nodes.hpp"
#include "typegrad/engine/bindings.hpp"

namespace typegrad {

/// A column of values for the input `Leaf`: a view of the user's storage (never a copy).
template <class Leaf, class T>
struct column {
    using leaf = Leaf;
    using value_type = T;
    std::span<const T> values;
};

namespace detail {
/// A sized range whose values lie contiguously in memory: std::ranges::contiguous_range and
/// std::ranges::sized_range, written with <iterator>'s range access (the cost of compiling <ranges> is
/// most of a small program's). ranges::data alone would not do: it takes any type whose data() returns
/// a pointer, strided views included.
template <class Range>
concept contiguous_values = requires(Range& r) {
    { std::ranges::begin(r) } -> std::contiguous_iterator;
    std::ranges::end(r);
    std::ranges::data(r);
    std::ranges::size(r);
};

/// A range whose data outlives the expression that names it: an lvalue, or a view such as std::span
/// (std::ranges::borrowed_range; ranges::data takes an rvalue only of a borrowed range).
template <class Range>
concept lasting_values = std::is_lvalue_reference_v<Range> || requires(Range&& r) {
    std::ranges::data(static_cast<Range&&>(r));
};

/// An error here means: a temporary container was bound to an input (`x = std::vector{...}` or
/// `x = make_values()`); the data set would point into memory freed at the end of the statement.
template <class Range>
struct temporary_container_bound {
    static_assert(sizeof(Range) == 0 && sizeof(Range) != 0,
                  "typegrad: binding a temporary container to an input would leave the data set dangling; "
                  "bind a named container (x = xs) or a std::span");
};
}  // namespace detail

/// Makes a column from a contiguous range; the range must outlive the data set.
template <class Leaf, class Range>
constexpr auto make_column(const Leaf&, Range&& values) {
    if constexpr (std::is_same_v<std::remove_cvref_t<Range>, bool>) {
        // `x = true` stops in input_node::operator= first; this is for a direct make_column(x, true).
        static_assert(!std::is_same_v<std::remove_cvref_t<Range>, bool>,
                      "typegrad: an input binds a number (x = 0.5) or a column of numbers (x = xs), not a bool");
        return binding<Leaf, double>{};  // a binding, so that the call reports nothing more
    } else if constexpr (!detail::contiguous_values<Range>) {
        static_assert(detail::contiguous_values<Range>,
                      "typegrad: a column binds a contiguous range (std::vector, std::array, std::span or an array)");
        return column<Leaf, double>{};
    } else if constexpr (!detail::lasting_values<Range>) {
        (void)sizeof(detail::temporary_container_bound<std::remove_cvref_t<Range>>);
        return column<Leaf, double>{};
    } else {
        using T = std::remove_cv_t<std::remove_pointer_t<decltype(std::ranges::data(values))>>;
        return column<Leaf, T>{std::span<const T>(std::ranges::data(values), std::ranges::size(values))};
    }
}

/// What went wrong with a data set, or nothing (`ok()`).
struct [[nodiscard]] data_error {
    std::string message;
    [[nodiscard]] bool ok() const { return message.empty(); }
};

namespace detail {
/// The values of rows index(0..W-1) of a column, in lanes.
template <class B, class T, class Index>
constexpr B gather(std::span<const T> values, Index index) {
    B b;
    for (int l = 0; l < B::width; ++l) b.set(l, static_cast<double>(values[index(l)]));
    return b;
}
}  // namespace detail

/// Named columns of equal length: row i binds every column's i-th value to its input. Columns the
/// expression does not use are allowed (a prediction with `net` over data that also has `y`).
template <class... Columns>
struct data_set {
    std::tuple<Columns...> columns;

    [[nodiscard]] constexpr std::size_t size() const {
        if constexpr (sizeof...(Columns) == 0) return 0;
        else return std::get<0>(columns).values.size();
    }

    /// Row i as a sample (bindings by name, extra entries allowed).
    [[nodiscard]] constexpr auto row(std::size_t i) const {
        return std::apply(
            [i](const Columns&... c) {
                return sample_t<binding<typename Columns::leaf, typename Columns::value_type>...>{{{c.values[i]}...}};
            },
            columns);
    }

    /// Rows index(0), ..., index(B::width - 1) as one sample of lanes: each input's value is a B (a
    /// simd::batch) whose lane l holds row index(l).
    template <class B, class Index>
    [[nodiscard]] constexpr auto rows(Index index) const {
        return std::apply(
            [&index](const Columns&... c) {
                return sample_t<binding<typename Columns::leaf, B>...>{{{detail::gather<B>(c.values, index)}...}};
            },
            columns);
    }

    /// Checks the data before any work: columns of equal length, not empty, every value finite.
    /// Returns a message naming the column and row at fault, or an empty message.
    [[nodiscard]] data_error check() const {
        data_error error;
        if constexpr (sizeof...(Columns) == 0) {
            error.message = "the data set has no columns";
        } else {
            const std::size_t n = size();
            // Names become strings only when there is something to report: checking allocates nothing.
            const std::string_view first_name = std::tuple_element_t<0, std::tuple<Columns...>>::leaf::name.view();
            std::apply(
                [&](const Columns&... c) {
                    const auto check_one = [&](const auto& col) {
                        if (!error.ok()) return;
                        const std::string_view name = std::remove_cvref_t<decltype(col)>::leaf::name.view();
                        if (col.values.size() != n) {
                            error.message = "column '" + std::string(name) + "' has " + std::to_string(col.values.size()) +
                                            " values but column '" + std::string(first_name) + "' has " + std::to_string(n);
                            return;
                        }
                        for (std::size_t i = 0; i < n; ++i)
                            if (!std::isfinite(static_cast<double>(col.values[i]))) {
                                error.message = "column '" + std::string(name) + "' holds a non-finite value (" +
                                                std::to_string(static_cast<double>(col.values[i])) + ") at row " +
                                                std::to_string(i);
                                return;
                            }
                    };
                    (check_one(c), ...);
                },
                columns);
            if (error.ok() && n == 0) error.message = "the data set is empty";
        }
        return error;
    }
};

/// data(x = xs, y = ys): a data set over the user's columns (not copied; they must outlive it).
template <class... Leaves, class... Ts>
constexpr data_set<column<Leaves, Ts>...> data(const column<Leaves, Ts>&... columns) {
    return {{columns...}};
}

}  // namespace typegrad
