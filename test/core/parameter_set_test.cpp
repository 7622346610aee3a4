// Parameter sets: std::array storage with a compile-time name table, ordered by name.
#include <string>
#include <type_traits>

#include <boost/test/unit_test.hpp>

#include <typegrad.hpp>

namespace tg = typegrad;

namespace {
constexpr auto x = tg::input<"x">;
constexpr auto w1 = tg::param<"w1">;
constexpr auto b1 = tg::param<"b1">;
constexpr auto a = tg::param<"a">;
}  // namespace

BOOST_AUTO_TEST_SUITE(parameter_sets)

BOOST_AUTO_TEST_CASE(a_set_has_one_slot_per_distinct_parameter_ordered_by_name) {
    const auto e = w1 * x + b1 + w1;
    using set = decltype(tg::parameters_of(e));
    static_assert(std::is_same_v<set, tg::parameter_set<double, "b1", "w1">>);
    static_assert(set::size() == 2);
    static_assert(set::names[0] == "b1" && set::names[1] == "w1");
    static_assert(sizeof(set) == 2 * sizeof(double));
    static_assert(std::is_trivially_copyable_v<set>);
}

BOOST_AUTO_TEST_CASE(loss_and_loss_plus_penalty_agree_on_the_order) {
    const auto loss = tg::square(w1 * x + b1);
    const auto penalty = tg::square(w1);
    static_assert(std::is_same_v<decltype(tg::parameters_of(loss)), decltype(tg::parameters_of(loss + penalty))>);
    static_assert(std::is_same_v<decltype(tg::parameters_of(penalty + loss)), decltype(tg::parameters_of(loss + penalty))>);
}

BOOST_AUTO_TEST_CASE(entries_are_addressed_by_the_parameter_object) {
    auto theta = tg::parameters_of(w1 * x + b1);
    theta[w1] = 2.5;
    theta[b1] = -1.0;
    BOOST_TEST(theta.values[1] == 2.5);
    BOOST_TEST(theta.values[0] == -1.0);
    const auto& view = theta;
    BOOST_TEST(view[w1] == 2.5);
}

BOOST_AUTO_TEST_CASE(a_set_iterates_as_names_and_values) {
    auto theta = tg::parameters_of(w1 * x + b1 + a);
    theta[a] = 1;
    theta[b1] = 2;
    theta[w1] = 3;
    std::string seen;
    for (auto [name, value] : theta) seen += std::string(name) + "=" + std::to_string(static_cast<int>(value)) + " ";
    BOOST_TEST(seen == "a=1 b1=2 w1=3 ");
    for (auto [name, value] : theta) value *= 2;  // references into the set
    BOOST_TEST(theta[w1] == 6);
}

BOOST_AUTO_TEST_CASE(a_larger_set_is_accepted) {
    const auto small = w1 * x;
    auto theta = tg::parameters_of(w1 * x + b1 + a);
    theta[w1] = 3;
    theta[b1] = 100;
    const auto [value, gradient] = tg::value_and_gradient(small, theta, x = 2.0);
    BOOST_TEST(value == 6.0);
    BOOST_TEST(gradient[w1] == 2.0);
    BOOST_TEST(gradient[b1] == 0.0);
    BOOST_TEST(gradient[a] == 0.0);
}

BOOST_AUTO_TEST_CASE(float_sets_hold_floats) {
    auto theta = tg::parameters_of<float>(w1 * x);
    static_assert(std::is_same_v<decltype(theta.values)::value_type, float>);
    theta[w1] = 0.5f;
    const auto [value, gradient] = tg::value_and_gradient(tg::square(w1 * x), theta, x = 3.0);
    static_assert(std::is_same_v<std::remove_cvref_t<decltype(value)>, float>);
    BOOST_TEST(value == 2.25f);
    BOOST_TEST(gradient[w1] == 9.0f);
}

BOOST_AUTO_TEST_SUITE_END()
