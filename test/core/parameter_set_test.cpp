// Parameter sets: std::array storage with a compile-time name table, ordered by name.
#include <algorithm>
#include <array>
#include <string>
#include <string_view>
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

// The names below share long prefixes (the sort compares eight characters at once, then whole names),
// are prefixes of one another (one by an embedded zero), and hold bytes above 127, first and after an
// ASCII character, which std::string_view orders as unsigned.
namespace {
constexpr auto tricky = tg::param<"layer_one_weight_10"> + tg::param<"layer_one_weight_2"> +
                        tg::param<"layer_one_bias"> + tg::param<"layer_on"> + tg::param<"layer_one"> +
                        tg::param<"w"> + tg::param<"w10"> + tg::param<"w1_"> + tg::param<"w1"> +
                        tg::param<"\xc3\xa9t\xc3\xa9"> + tg::param<"z"> + tg::param<"Z"> + tg::param<"_"> +
                        tg::param<"w\xc3\xa9"> + tg::param<"x"> + tg::param<"a"> + tg::param<"a\0">;
using tricky_set = decltype(tg::parameters_of(tricky));
constexpr std::array<std::string_view, 17> tricky_names = {
    "layer_one_weight_10", "layer_one_weight_2", "layer_one_bias", "layer_on", "layer_one", "w", "w10",
    "w1_", "w1", "\xc3\xa9t\xc3\xa9", "z", "Z", "_", "w\xc3\xa9", "x", "a", std::string_view("a\0", 2)};

constexpr bool set_order_is_string_order() {
    auto sorted = tricky_names;
    std::sort(sorted.begin(), sorted.end());
    return sorted == tricky_set::names;
}
constexpr bool every_name_is_found_at_its_index() {
    for (std::size_t i = 0; i < tricky_set::size(); ++i)
        if (tricky_set::index_of(tricky_set::names[i]) != i) return false;
    return true;
}
}  // namespace

BOOST_AUTO_TEST_CASE(names_are_ordered_and_found_as_strings_compare) {
    static_assert(tricky_set::size() == tricky_names.size());
    static_assert(set_order_is_string_order());
    static_assert(every_name_is_found_at_its_index());
    static_assert(tricky_set::index_of("layer_one_weight_1") == tricky_set::npos);
    static_assert(tricky_set::index_of("layer_one_") == tricky_set::npos);
    static_assert(tricky_set::index_of("") == tricky_set::npos);
    static_assert(tricky_set::index_of("w1__") == tricky_set::npos);
    static_assert(tg::parameter_set<double>::index_of("w") == tg::parameter_set<double>::npos);  // no names
    // the same at run time, from strings the compiler does not see as constants
    std::array<std::string, 17> runtime_names;
    for (std::size_t i = 0; i < runtime_names.size(); ++i) runtime_names[i] = std::string(tricky_names[i]);
    std::array<std::string_view, 17> expected = tricky_names;
    std::sort(expected.begin(), expected.end());
    for (const std::string& name : runtime_names) {
        const std::size_t i = tricky_set::index_of(name);
        BOOST_TEST_REQUIRE(i != tricky_set::npos, name);
        BOOST_TEST(tricky_set::names[i] == name);
        BOOST_TEST(expected[i] == name);
        BOOST_TEST(tricky_set::index_of(name + "x") == tricky_set::npos);
        const std::string shorter = name.substr(0, name.size() - 1);
        const bool listed = std::find(tricky_names.begin(), tricky_names.end(), shorter) != tricky_names.end();
        BOOST_TEST((tricky_set::index_of(shorter) != tricky_set::npos) == listed, shorter);
    }
}

BOOST_AUTO_TEST_CASE(name_order_matches_string_view_order) {
    // every pair of the tricky names (order and equality), and the sort of all of them (run time)
    for (std::string_view a : tricky_names)
        for (std::string_view b : tricky_names) {
            BOOST_TEST(tg::detail::name_less(a, b) == (a < b), a << " < " << b);
            BOOST_TEST(tg::detail::name_equal(a, b) == (a == b), a << " == " << b);
        }
    std::array<std::string_view, 17> names = tricky_names, scratch{}, expected = tricky_names;
    std::array<unsigned long long, 34> keys{};
    tg::detail::sort_names(names.data(), scratch.data(), keys.data(), names.size());
    std::sort(expected.begin(), expected.end());
    BOOST_TEST(names == expected);
}

BOOST_AUTO_TEST_SUITE_END()
