// typegrad/core/fixed_string.hpp: a string usable as a template argument.
#pragma once

#include <cstddef>
#include <string_view>

namespace typegrad {

/// A string literal carried as a non-type template argument: `param<"w1">` stores "w1" in its type.
/// `N` counts the terminating zero, so `fixed_string{"x0"}` is `fixed_string<3>`; compilers print it in
/// diagnostics as `fixed_string<3>{"x0"}`, which is how our error messages name a leaf.
template <std::size_t N>
struct fixed_string {
    char value[N]{};

    constexpr fixed_string() = default;
    constexpr fixed_string(const char (&text)[N]) {
        for (std::size_t i = 0; i < N; ++i) value[i] = text[i];
    }

    [[nodiscard]] constexpr std::string_view view() const { return {value, N - 1}; }
    [[nodiscard]] static constexpr std::size_t size() { return N - 1; }

    template <std::size_t M>
    [[nodiscard]] constexpr bool operator==(const fixed_string<M>& other) const {
        return view() == other.view();
    }
};

namespace detail {
/// A 64-bit FNV-1a hash of a name, for constant-time comparisons in compile-time lookups.
constexpr unsigned long long name_hash(std::string_view name) {
    unsigned long long h = 14695981039346656037ull;
    for (char ch : name) {
        h ^= static_cast<unsigned char>(ch);
        h *= 1099511628211ull;
    }
    return h;
}

/// Builds a fixed_string of a known length from a constant string_view (used to turn a sorted
/// constexpr array of names back into template arguments).
template <std::size_t N>
constexpr fixed_string<N + 1> to_fixed_string(std::string_view text) {
    fixed_string<N + 1> out{};
    for (std::size_t i = 0; i < N; ++i) out.value[i] = text[i];
    return out;
}
}  // namespace detail

}  // namespace typegrad
