// typegrad/core/fixed_string.hpp: a string usable as a template argument.
#pragma once

#include <cstddef>
#include <cstdint>
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
/// A 64-bit FNV-1a hash of text, from `seed` (the FNV offset basis, or another seed for a second,
/// independent hash).
constexpr std::uint64_t fnv1a(std::string_view text, std::uint64_t seed) {
    std::uint64_t h = seed;
    const char* p = text.data();  // (a range-for is calls per character for a constant evaluator)
    for (std::size_t i = 0; i < text.size(); ++i) {
        h ^= static_cast<unsigned char>(p[i]);
        h *= 1099511628211ull;
    }
    return h;
}

/// A 64-bit FNV-1a hash of a name, for constant-time comparisons in compile-time lookups.
constexpr unsigned long long name_hash(std::string_view name) { return fnv1a(name, 14695981039346656037ull); }

/// a < b as std::string_view orders them (by unsigned characters, then by length), read through
/// pointers: in a constant evaluation, std::string_view's < is several calls per character.
constexpr bool name_less(std::string_view a, std::string_view b) {
    const char* p = a.data();
    const char* q = b.data();
    const std::size_t n = a.size() < b.size() ? a.size() : b.size();
    for (std::size_t i = 0; i < n; ++i)
        if (p[i] != q[i]) return static_cast<unsigned char>(p[i]) < static_cast<unsigned char>(q[i]);
    return a.size() < b.size();
}

/// a == b, read through pointers (see name_less).
constexpr bool name_equal(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    const char* p = a.data();
    const char* q = b.data();
    for (std::size_t i = 0; i < a.size(); ++i)
        if (p[i] != q[i]) return false;
    return true;
}

/// A name's first eight characters as one number, big-endian and zero-padded: where two names' numbers
/// differ, they order the names as name_less does.
constexpr unsigned long long name_prefix(std::string_view name) {
    const char* p = name.data();
    unsigned long long k = 0;
    for (std::size_t i = 0; i < 8; ++i) k = (k << 8) | (i < name.size() ? static_cast<unsigned char>(p[i]) : 0u);
    return k;
}

/// Sorts names[0, n) as name_less orders them, using scratch[0, n) and keys[0, 2n): a bottom-up merge
/// sort that compares the names' prefixes (name_prefix) and the names themselves only where those are
/// equal. Far fewer steps for a compiler's constant evaluator than std::sort of std::string_view.
constexpr void sort_names(std::string_view* names, std::string_view* scratch, unsigned long long* keys, std::size_t n) {
    unsigned long long* scratch_keys = keys + n;
    for (std::size_t i = 0; i < n; ++i) keys[i] = name_prefix(names[i]);
    for (std::size_t width = 1; width < n; width *= 2) {
        for (std::size_t lo = 0; lo < n; lo += 2 * width) {
            const std::size_t mid = lo + width < n ? lo + width : n;
            const std::size_t hi = lo + 2 * width < n ? lo + 2 * width : n;
            std::size_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi) {
                const bool right = keys[j] != keys[i] ? keys[j] < keys[i] : name_less(names[j], names[i]);
                const std::size_t from = right ? j++ : i++;
                scratch[k] = names[from];
                scratch_keys[k++] = keys[from];
            }
            for (; i < mid; ++i, ++k) scratch[k] = names[i], scratch_keys[k] = keys[i];
            for (; j < hi; ++j, ++k) scratch[k] = names[j], scratch_keys[k] = keys[j];
        }
        for (std::size_t i = 0; i < n; ++i) names[i] = scratch[i], keys[i] = scratch_keys[i];
    }
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
