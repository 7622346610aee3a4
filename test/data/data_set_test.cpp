// Data sets: columns bound by name to the caller's own storage (never copied), and check()'s messages,
// which must name the column and the row at fault.
#include <array>
#include <cmath>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <boost/test/unit_test.hpp>

#include <typegrad.hpp>

#include "training_helpers.hpp"

namespace tg = typegrad;
using typegrad_test::contains;

namespace {
constexpr auto x = tg::input<"x">;
constexpr auto y = tg::input<"y">;
constexpr auto weight = tg::input<"weight">;

constexpr double nan_value = std::numeric_limits<double>::quiet_NaN();
constexpr double inf = std::numeric_limits<double>::infinity();

}  // namespace

BOOST_AUTO_TEST_SUITE(data_set)

BOOST_AUTO_TEST_CASE(columns_view_the_callers_storage_so_later_changes_are_seen) {
    std::vector<double> xs{1, 2, 3};
    std::array<double, 3> ys{4, 5, 6};
    const auto d = tg::data(x = xs, y = ys);
    BOOST_TEST(d.size() == 3u);
    BOOST_TEST(std::get<0>(d.columns).values.data() == xs.data());
    BOOST_TEST(std::get<1>(d.columns).values.data() == ys.data());
    BOOST_TEST(tg::eval(x + 10 * y, d.row(1)) == 52.0);
    xs[1] = 20;
    ys[1] = 0.5;
    BOOST_TEST(tg::eval(x + 10 * y, d.row(1)) == 25.0);
}

BOOST_AUTO_TEST_CASE(vectors_arrays_spans_and_raw_arrays_all_bind_as_columns) {
    const std::vector<double> v{1, 2, 3};
    const std::array<double, 3> a{10, 20, 30};
    double raw[3] = {100, 200, 300};
    const std::span<const double> s(raw);
    const auto d = tg::data(x = v, y = a, weight = raw);
    const auto d2 = tg::data(x = s, y = std::span<const double>(v));  // a span is a view: a temporary one is fine
    BOOST_TEST(d.check().ok());
    BOOST_TEST(d2.check().ok());
    for (std::size_t i = 0; i < 3; ++i) {
        BOOST_TEST(tg::eval(x + y + weight, d.row(i)) == v[i] + a[i] + raw[i]);
        BOOST_TEST(tg::eval(x - y, d2.row(i)) == raw[i] - v[i]);
    }
    BOOST_TEST(std::get<2>(d.columns).values.data() == &raw[0]);
    BOOST_TEST(std::get<0>(d2.columns).values.data() == &raw[0]);
}

BOOST_AUTO_TEST_CASE(a_column_keeps_the_value_type_of_its_container) {
    const std::vector<float> xs{1.5f, 2.5f};
    const int counts[2] = {3, 4};
    const auto d = tg::data(x = xs, y = counts);
    static_assert(std::is_same_v<typename std::tuple_element_t<0, decltype(d.columns)>::value_type, float>);
    static_assert(std::is_same_v<typename std::tuple_element_t<1, decltype(d.columns)>::value_type, int>);
    BOOST_TEST(d.check().ok());
    BOOST_TEST(tg::eval(x * y, d.row(1)) == 10.0);
}

BOOST_AUTO_TEST_CASE(a_row_may_carry_columns_the_expression_does_not_use) {
    const std::vector<double> xs{2, 3}, ys{7, 8}, ws{0.5, 0.25};
    const auto d = tg::data(x = xs, y = ys, weight = ws);
    BOOST_TEST(tg::eval(tg::square(x), d.row(1)) == 9.0);
}

BOOST_AUTO_TEST_CASE(well_formed_data_passes_the_check_with_an_empty_message) {
    const std::vector<double> xs{0.5, 2.3, 2.9}, ys{1.4, 1.9, 3.2};
    const tg::data_error e = tg::data(x = xs, y = ys).check();
    BOOST_TEST(e.ok());
    BOOST_TEST(e.message.empty());
}

BOOST_AUTO_TEST_CASE(unequal_columns_are_reported_with_both_names_and_lengths) {
    const std::vector<double> three{1, 2, 3}, two{1, 2};
    const auto shorter_second = tg::data(x = three, y = two).check();
    BOOST_TEST(!shorter_second.ok());
    BOOST_TEST(contains(shorter_second.message, "column 'y' has 2 values but column 'x' has 3"), shorter_second.message);
    const auto longer_second = tg::data(x = two, y = three).check();
    BOOST_TEST(!longer_second.ok());
    BOOST_TEST(contains(longer_second.message, "column 'y' has 3 values but column 'x' has 2"), longer_second.message);
    const auto third = tg::data(x = three, y = three, weight = two).check();
    BOOST_TEST(contains(third.message, "'weight' has 2 values"), third.message);
}

BOOST_AUTO_TEST_CASE(an_empty_data_set_is_reported) {
    const std::vector<double> none;
    const auto e = tg::data(x = none, y = none).check();
    BOOST_TEST(!e.ok());
    BOOST_TEST(contains(e.message, "empty"), e.message);
    const auto no_columns = tg::data().check();
    BOOST_TEST(!no_columns.ok());
    BOOST_TEST(contains(no_columns.message, "no columns"), no_columns.message);
}

BOOST_AUTO_TEST_CASE(a_nan_is_reported_with_its_column_and_row) {
    const std::vector<double> xs{1, 2, 3, 4}, ys{1, 2, nan_value, 4};
    const auto e = tg::data(x = xs, y = ys).check();
    BOOST_TEST(!e.ok());
    BOOST_TEST(contains(e.message, "column 'y'"), e.message);
    BOOST_TEST(contains(e.message, "row 2"), e.message);
    BOOST_TEST(contains(e.message, "non-finite"), e.message);
    BOOST_TEST(contains(e.message, "nan"), e.message);
}

BOOST_AUTO_TEST_CASE(infinities_are_reported_with_their_column_and_row) {
    const std::vector<double> xs{inf, 2, 3}, ys{1, 2, 3};
    const auto e = tg::data(x = xs, y = ys).check();
    BOOST_TEST(contains(e.message, "column 'x'"), e.message);
    BOOST_TEST(contains(e.message, "row 0"), e.message);
    BOOST_TEST(contains(e.message, "inf"), e.message);
    const std::vector<double> last{1, 2, -inf};
    const auto e2 = tg::data(x = xs, y = last).check();
    BOOST_TEST(contains(e2.message, "column 'x'"), e2.message);  // the first bad column is named
    const auto e3 = tg::data(x = ys, y = last).check();
    BOOST_TEST(contains(e3.message, "column 'y'"), e3.message);
    BOOST_TEST(contains(e3.message, "row 2"), e3.message);
}

BOOST_AUTO_TEST_CASE(the_first_non_finite_row_is_the_one_named) {
    const std::vector<double> xs{1, 2, 3, 4, 5}, ys{1, nan_value, 3, inf, 5};
    const auto e = tg::data(x = xs, y = ys).check();
    BOOST_TEST(contains(e.message, "row 1"), e.message);
    BOOST_TEST(!contains(e.message, "row 3"), e.message);
}

BOOST_AUTO_TEST_CASE(non_finite_floats_are_caught_too) {
    const std::vector<float> xs{1.0f, std::numeric_limits<float>::quiet_NaN()};
    const std::vector<float> ys{1.0f, 2.0f};
    const auto e = tg::data(x = xs, y = ys).check();
    BOOST_TEST(contains(e.message, "column 'x'"), e.message);
    BOOST_TEST(contains(e.message, "row 1"), e.message);
}

BOOST_AUTO_TEST_CASE(a_non_finite_value_in_a_column_the_loss_does_not_use_is_still_reported) {
    const std::vector<double> xs{1, 2}, ys{1, 2}, ws{1, inf};
    const auto e = tg::data(x = xs, y = ys, weight = ws).check();
    BOOST_TEST(contains(e.message, "column 'weight'"), e.message);
    BOOST_TEST(contains(e.message, "row 1"), e.message);
}

BOOST_AUTO_TEST_SUITE_END()
