// Exporting trained parameters: save/load through a text file (bit-exact, atomic, and strict about bad
// files, which must leave the caller's parameters untouched) and to_cpp_header (pinned output, read back
// at compile time by parameter_set_from).
#include <array>
#include <bit>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <initializer_list>
#include <limits>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <boost/test/unit_test.hpp>

#include <typegrad.hpp>

#if defined(_WIN32)
#include <process.h>
#else
#include <unistd.h>
#endif

namespace tg = typegrad;
namespace fs = std::filesystem;

namespace {
constexpr auto x = tg::input<"x">;
constexpr auto w = tg::param<"w">;
constexpr auto b = tg::param<"b">;
constexpr auto p0 = tg::param<"p0">;
constexpr auto p1 = tg::param<"p1">;
constexpr auto p2 = tg::param<"p2">;
constexpr auto p3 = tg::param<"p3">;
constexpr auto p4 = tg::param<"p4">;
constexpr auto p5 = tg::param<"p5">;
constexpr auto p6 = tg::param<"p6">;
constexpr auto p7 = tg::param<"p7">;
constexpr auto p8 = tg::param<"p8">;
constexpr auto p9 = tg::param<"p9">;

const auto line = w * x + b;
using line_set = decltype(tg::parameters_of(line));
const auto ten = p0 + p1 + p2 + p3 + p4 + p5 + p6 + p7 + p8 + p9;

bool contains(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

/// A fresh, empty directory for one test, removed with everything in it at the end.
struct scratch_directory {
    fs::path path;
    scratch_directory() {
        static int count = 0;
#if defined(_WIN32)
        const long id = static_cast<long>(::_getpid());
#else
        const long id = static_cast<long>(::getpid());
#endif
        path = fs::temp_directory_path() /
               ("typegrad_export_test_" + std::to_string(id) + "_" + std::to_string(count++));
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~scratch_directory() {
        std::error_code ignored;
        fs::remove_all(path, ignored);
    }
    std::string file(const std::string& name) const { return (path / name).string(); }
    /// The names of the files in the directory.
    std::vector<std::string> listing() const {
        std::vector<std::string> names;
        for (const auto& entry : fs::directory_iterator(path)) names.push_back(entry.path().filename().string());
        return names;
    }
};

void write_text(const std::string& path, std::string_view text) {
    std::FILE* file = std::fopen(path.c_str(), "wb");
    BOOST_REQUIRE(file != nullptr);
    BOOST_REQUIRE(std::fwrite(text.data(), 1, text.size(), file) == text.size());
    std::fclose(file);
}

std::string read_text(const std::string& path) {
    std::string text;
    std::FILE* file = std::fopen(path.c_str(), "rb");
    BOOST_REQUIRE(file != nullptr);
    char buffer[256];
    std::size_t n = 0;
    while ((n = std::fread(buffer, 1, sizeof buffer, file)) > 0) text.append(buffer, n);
    std::fclose(file);
    return text;
}

template <class T>
auto bits(T v) {
    if constexpr (std::is_same_v<T, double>) return std::bit_cast<std::uint64_t>(v);
    else return std::bit_cast<std::uint32_t>(v);
}

/// Ten values that are hard to write and read back: a tenth, tiny, negative zero, the smallest
/// denormal, the largest and smallest finite numbers, the smallest normal, a third, and large integers.
template <class T>
auto awkward_values() {
    using limits = std::numeric_limits<T>;
    auto theta = tg::parameters_of<T>(ten);
    theta[p0] = T(0.1);
    theta[p1] = std::is_same_v<T, double> ? T(1e-300) : T(1e-30f);
    theta[p2] = -T(0);
    theta[p3] = limits::denorm_min();
    theta[p4] = limits::max();
    theta[p5] = limits::lowest();
    theta[p6] = limits::min();
    theta[p7] = T(1) / T(3);
    theta[p8] = T(1e21);
    theta[p9] = -T(123456789);
    return theta;
}

template <class T>
void check_round_trip_bit_for_bit() {
    scratch_directory dir;
    const auto saved = awkward_values<T>();
    BOOST_TEST_REQUIRE(tg::save(saved, dir.file("theta.txt")).message == "");
    auto loaded = tg::parameters_of<T>(ten);
    BOOST_TEST_REQUIRE(tg::load(loaded, dir.file("theta.txt")).message == "");
    for (std::size_t i = 0; i < saved.size(); ++i) BOOST_TEST(bits(loaded.values[i]) == bits(saved.values[i]));
}

/// Loads `text` as a file into a line set holding 7 and 8, expecting an error whose message holds every
/// part; the set must come back untouched.
void check_rejected(std::string_view text, std::initializer_list<std::string_view> parts) {
    scratch_directory dir;
    const std::string path = dir.file("bad.txt");
    write_text(path, text);
    line_set theta{};
    theta[w] = 7;
    theta[b] = 8;
    const line_set before = theta;
    const tg::file_error error = tg::load(theta, path);
    BOOST_TEST(!error.ok());
    for (std::string_view part : parts) BOOST_TEST(contains(error.message, part), error.message << " lacks " << part);
    BOOST_TEST(contains(error.message, path), error.message << " lacks the path");
    BOOST_TEST((theta == before));
}
}  // namespace

BOOST_AUTO_TEST_SUITE(saving_and_loading)

BOOST_AUTO_TEST_CASE(doubles_come_back_bit_for_bit_including_negative_zero_denormals_and_the_extremes) {
    check_round_trip_bit_for_bit<double>();
}

BOOST_AUTO_TEST_CASE(floats_come_back_bit_for_bit_including_negative_zero_denormals_and_the_extremes) {
    check_round_trip_bit_for_bit<float>();
}

BOOST_AUTO_TEST_CASE(the_file_is_a_first_line_then_one_name_and_shortest_value_per_line_in_name_order) {
    scratch_directory dir;
    line_set theta{};
    theta[w] = 0.1;
    theta[b] = -0.0;
    BOOST_TEST_REQUIRE(tg::save(theta, dir.file("line.txt")).message == "");
    BOOST_TEST(read_text(dir.file("line.txt")) == "typegrad-parameters 1 double 2\nb -0\nw 0.1\n");

    auto single = tg::parameters_of<float>(line);
    single[w] = 0.1f;
    single[b] = 3.0f;
    BOOST_TEST_REQUIRE(tg::save(single, dir.file("float.txt")).message == "");
    BOOST_TEST(read_text(dir.file("float.txt")) == "typegrad-parameters 1 float 2\nb 3\nw 0.1\n");
}

BOOST_AUTO_TEST_CASE(loading_accepts_any_order_blank_lines_and_windows_line_ends) {
    scratch_directory dir;
    write_text(dir.file("edited.txt"), "typegrad-parameters 1 double 2\r\n\r\nw  2.5\r\n\tb -1e-3\r\n\n");
    line_set theta{};
    const tg::file_error error = tg::load(theta, dir.file("edited.txt"));
    BOOST_TEST(error.message == "");
    BOOST_TEST(theta[w] == 2.5);
    BOOST_TEST(theta[b] == -1e-3);
}

BOOST_AUTO_TEST_CASE(a_missing_file_is_reported_and_leaves_the_parameters_untouched) {
    scratch_directory dir;
    line_set theta{};
    theta[w] = 7;
    const tg::file_error error = tg::load(theta, dir.file("absent.txt"));
    BOOST_TEST(contains(error.message, "cannot open '" + dir.file("absent.txt") + "'"), error.message);
    BOOST_TEST(theta[w] == 7);
}

BOOST_AUTO_TEST_CASE(an_empty_file_or_a_wrong_first_line_is_reported_on_line_1) {
    check_rejected("", {"line 1 of", "the file is empty", "expected 'typegrad-parameters 1 double 2'"});
    check_rejected("b 1\nw 2\n", {"line 1 of", "not a typegrad parameter file", "found 'b 1'"});
    check_rejected("typegrad-parameters 1 double\nb 1\nw 2\n", {"line 1 of", "not a typegrad parameter file"});
    check_rejected("typegrad-parameters 2 double 2\nb 1\nw 2\n", {"line 1 of", "format version '2' is not supported"});
    check_rejected("typegrad-parameters 1 float 2\nb 1\nw 2\n",
                   {"line 1 of", "the file holds 'float' values, but the parameter set holds double"});
}

BOOST_AUTO_TEST_CASE(a_count_that_differs_from_the_set_is_reported_on_line_1) {
    check_rejected("typegrad-parameters 1 double 3\nb 1\nw 2\nc 3\n",
                   {"line 1 of", "the file holds '3' parameters, but the parameter set has 2"});
    check_rejected("typegrad-parameters 1 double two\nb 1\nw 2\n", {"line 1 of", "the file holds 'two' parameters"});
}

BOOST_AUTO_TEST_CASE(a_file_that_ends_early_names_the_parameter_without_a_value) {
    check_rejected("typegrad-parameters 1 double 2\nb 1\n",
                   {"line 3 of", "the file ends after 1 of the 2 parameters", "'w' has no value"});
    check_rejected("typegrad-parameters 1 double 2\n", {"line 2 of", "ends after 0 of the 2", "'b' has no value"});
}

BOOST_AUTO_TEST_CASE(a_malformed_line_is_reported_with_its_number) {
    check_rejected("typegrad-parameters 1 double 2\nb 1\nw\n", {"line 3 of", "expected 'name value', found 'w'"});
    check_rejected("typegrad-parameters 1 double 2\nb 1 2\nw 1\n", {"line 2 of", "expected 'name value', found 'b 1 2'"});
}

BOOST_AUTO_TEST_CASE(a_number_that_does_not_parse_is_reported_with_its_name_and_line) {
    check_rejected("typegrad-parameters 1 double 2\nb 1\nw abc\n", {"line 3 of", "the value of 'w', 'abc', is not a number"});
    check_rejected("typegrad-parameters 1 double 2\nb 1.5x\nw 1\n", {"line 2 of", "'1.5x', is not a number"});
    check_rejected("typegrad-parameters 1 double 2\nb +1\nw 1\n", {"line 2 of", "'+1', is not a number"});
    check_rejected("typegrad-parameters 1 double 2\nb 1\nw 1e400\n", {"line 3 of", "'1e400', is out of the range of double"});
}

BOOST_AUTO_TEST_CASE(a_non_finite_number_is_reported_with_its_name_and_line) {
    check_rejected("typegrad-parameters 1 double 2\nb 1\nw inf\n", {"line 3 of", "the value of 'w' is not finite (inf)"});
    check_rejected("typegrad-parameters 1 double 2\nb nan\nw 1\n", {"line 2 of", "the value of 'b' is not finite (nan)"});
}

BOOST_AUTO_TEST_CASE(an_unknown_name_is_reported_with_its_line) {
    check_rejected("typegrad-parameters 1 double 2\nb 1\nwx 2\n", {"line 3 of", "'wx' is not a parameter of the set"});
}

BOOST_AUTO_TEST_CASE(a_repeated_name_is_reported_with_both_lines) {
    check_rejected("typegrad-parameters 1 double 2\nb 1\nb 2\n", {"line 3 of", "'b' appears again (first on line 2)"});
}

BOOST_AUTO_TEST_CASE(saving_a_non_finite_value_fails_and_leaves_the_old_file) {
    scratch_directory dir;
    const std::string path = dir.file("theta.txt");
    write_text(path, "old contents\n");
    line_set theta{};
    theta[w] = std::numeric_limits<double>::infinity();
    const tg::file_error error = tg::save(theta, path);
    BOOST_TEST(error.message == "cannot save '" + path + "': the value of 'w' is not finite (inf)");
    BOOST_TEST(read_text(path) == "old contents\n");
    BOOST_TEST(dir.listing().size() == 1u);
}

BOOST_AUTO_TEST_CASE(saving_over_a_longer_file_replaces_it_whole_and_leaves_no_temporary_file) {
    scratch_directory dir;
    const std::string path = dir.file("theta.txt");
    write_text(path, std::string(10000, 'x'));
    line_set theta{};
    theta[w] = 2;
    theta[b] = 1;
    BOOST_TEST_REQUIRE(tg::save(theta, path).message == "");
    BOOST_TEST(read_text(path) == "typegrad-parameters 1 double 2\nb 1\nw 2\n");
    BOOST_TEST(dir.listing() == std::vector<std::string>{"theta.txt"});
}

BOOST_AUTO_TEST_CASE(a_save_whose_temporary_file_cannot_be_made_leaves_the_old_file_intact) {
    // A directory where the temporary file would go: creating it fails even for root.
    scratch_directory dir;
    const std::string path = dir.file("theta.txt");
    write_text(path, "old contents\n");
    fs::create_directory(tg::detail::temporary_path_for(path));
    const tg::file_error error = tg::save(line_set{}, path);
    BOOST_TEST(contains(error.message, "cannot create '" + tg::detail::temporary_path_for(path) + "'"), error.message);
    BOOST_TEST(read_text(path) == "old contents\n");
}

BOOST_AUTO_TEST_CASE(a_save_that_cannot_replace_its_target_removes_its_temporary_file) {
    // The target is a directory: the temporary file is written, but the rename over it fails.
    scratch_directory dir;
    const std::string path = dir.file("taken");
    fs::create_directory(path);
    const tg::file_error error = tg::save(line_set{}, path);
    BOOST_TEST(contains(error.message, "cannot replace '" + path + "'"), error.message);
    BOOST_TEST(fs::is_directory(path));
    BOOST_TEST(dir.listing() == std::vector<std::string>{"taken"});
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(cpp_headers)

BOOST_AUTO_TEST_CASE(a_header_defines_the_names_and_the_values_as_bit_exact_literals) {
    line_set theta{};
    theta[w] = 0.1;
    theta[b] = -0.0;
    BOOST_TEST(tg::to_cpp_header(theta, "line") ==
               "// line: 2 trained parameters (double), written by typegrad::to_cpp_header; regenerate it rather than "
               "edit it.\n"
               "// Each value is the shortest decimal that reads back as the same double, so the values are bit-exact.\n"
               "// With typegrad:\n"
               "//   constexpr auto theta = tg::parameter_set_from<decltype(tg::parameters_of(net))>(line_names, "
               "line_values);\n"
               "#pragma once\n"
               "\n"
               "#include <array>\n"
               "#include <string_view>\n"
               "\n"
               "inline constexpr std::array<std::string_view, 2> line_names{\n"
               "    \"b\",\n"
               "    \"w\",\n"
               "};\n"
               "\n"
               "inline constexpr std::array<double, 2> line_values{\n"
               "    -0.0,  // b\n"
               "    0.1,  // w\n"
               "};\n");
}

BOOST_AUTO_TEST_CASE(float_values_are_written_as_float_literals) {
    auto theta = tg::parameters_of<float>(line);
    theta[w] = std::numeric_limits<float>::denorm_min();
    theta[b] = 3.0f;
    const std::string header = tg::to_cpp_header(theta, "small");
    BOOST_TEST(contains(header, "tg::parameters_of<float>(net)"), header);
    BOOST_TEST(contains(header, "inline constexpr std::array<float, 2> small_values{\n"
                                "    3.0f,  // b\n"
                                "    1e-45f,  // w\n"
                                "};\n"),
               header);
}

BOOST_AUTO_TEST_CASE(names_that_are_awkward_in_cpp_are_escaped) {
    constexpr auto odd = tg::param<"a\"\\\x01">;
    const auto theta = tg::parameters_of(odd + w);
    const std::string header = tg::to_cpp_header(theta, "odd");
    BOOST_TEST(contains(header, "    \"a\\\"\\\\\\001\",\n"), header);    // "a\"\\\001",
    BOOST_TEST(contains(header, "    0.0,  // \"a\\\"\\\\\\001\"\n"), header);  // a comment cannot end in a backslash
}

BOOST_AUTO_TEST_CASE(write_cpp_header_writes_what_to_cpp_header_returns) {
    scratch_directory dir;
    const auto theta = awkward_values<double>();
    BOOST_TEST_REQUIRE(tg::write_cpp_header(theta, "awkward", dir.file("awkward.hpp")).message == "");
    BOOST_TEST(read_text(dir.file("awkward.hpp")) == tg::to_cpp_header(theta, "awkward"));
    BOOST_TEST(dir.listing() == std::vector<std::string>{"awkward.hpp"});
}

BOOST_AUTO_TEST_CASE(write_cpp_header_refuses_a_name_that_is_not_an_identifier_or_a_non_finite_value) {
    scratch_directory dir;
    line_set theta{};
    const std::string path = dir.file("h.hpp");
    BOOST_TEST(tg::write_cpp_header(theta, "2fast", path).message ==
               "cannot write '" + path + "': the header's name '2fast' is not a C++ identifier (letters, digits and _, "
               "not starting with a digit)");
    BOOST_TEST(!tg::write_cpp_header(theta, "my-net", path).ok());
    BOOST_TEST(!tg::write_cpp_header(theta, "", path).ok());
    theta[b] = std::numeric_limits<double>::quiet_NaN();
    BOOST_TEST(tg::write_cpp_header(theta, "net", path).message ==
               "cannot write '" + path + "': the value of 'b' is not finite (nan)");
    BOOST_TEST(dir.listing().empty());
}

// What a generated header holds, written out here, read back at compile time.
inline constexpr std::array<std::string_view, 2> pinned_names{"b", "w"};
inline constexpr std::array<double, 2> pinned_values{-0.0, 5e-324};
inline constexpr std::array<float, 2> pinned_float_values{0.1f, 1e-45f};

BOOST_AUTO_TEST_CASE(parameter_set_from_reads_a_header_back_at_compile_time) {
    constexpr auto theta = tg::parameter_set_from<line_set>(pinned_names, pinned_values);
    static_assert(std::is_same_v<decltype(theta), const line_set>);
    static_assert(std::bit_cast<std::uint64_t>(theta[b]) == std::bit_cast<std::uint64_t>(-0.0));
    static_assert(theta[w] == std::numeric_limits<double>::denorm_min());
    constexpr auto single = tg::parameter_set_from<decltype(tg::parameters_of<float>(line))>(pinned_names, pinned_float_values);
    static_assert(single[b] == 0.1f && single[w] == std::numeric_limits<float>::denorm_min());
    BOOST_TEST(tg::eval(line, theta, x = 1e300) == 5e-324 * 1e300);
}

BOOST_AUTO_TEST_SUITE_END()
