// typegrad/data/random.hpp: a small seeded random generator and distributions of our own, so that a
// seed gives the same numbers with every standard library (std::uniform_real_distribution and
// std::normal_distribution differ between implementations).
#pragma once

#include <cmath>
#include <cstdint>
#include <iterator>
#include <numbers>
#include <span>

namespace typegrad {

/// xoshiro256** seeded through splitmix64: fast, small state, good statistical quality.
class random_generator {
public:
    explicit constexpr random_generator(std::uint64_t seed = 0) {
        std::uint64_t x = seed;
        for (auto& s : state_) {
            x += 0x9e3779b97f4a7c15ull;
            std::uint64_t z = x;
            z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
            z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
            s = z ^ (z >> 31);
        }
    }

    /// The next 64 random bits.
    constexpr std::uint64_t next() {
        const std::uint64_t result = rotl(state_[1] * 5, 7) * 9;
        const std::uint64_t t = state_[1] << 17;
        state_[2] ^= state_[0];
        state_[3] ^= state_[1];
        state_[1] ^= state_[2];
        state_[0] ^= state_[3];
        state_[2] ^= t;
        state_[3] = rotl(state_[3], 45);
        return result;
    }

    /// Uniform in [0, 1), from the top 53 bits.
    constexpr double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

    /// Uniform in [low, high).
    constexpr double uniform(double low, double high) { return low + (high - low) * uniform(); }

    /// Uniform integer in [0, n), n > 0, without modulo bias (values below 2^64 mod n are rejected).
    constexpr std::uint64_t below(std::uint64_t n) {
        const std::uint64_t threshold = (0 - n) % n;
        while (true) {
            const std::uint64_t r = next();
            if (r >= threshold) return r % n;
        }
    }

    /// Normal with the given mean and standard deviation (Box-Muller; one value per call).
    double normal(double mean = 0, double sd = 1) {
        const double u1 = 1.0 - uniform();  // in (0, 1]
        const double u2 = uniform();
        return mean + sd * std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
    }

    /// Shuffles a contiguous range in place (Fisher-Yates): a std::span, std::vector, std::array or array.
    template <class Range>
    constexpr void shuffle(Range&& range) {
        const std::span values(std::ranges::data(range), std::ranges::size(range));
        for (std::size_t i = values.size(); i > 1; --i) {
            const std::size_t j = static_cast<std::size_t>(below(i));
            const auto t = values[i - 1];
            values[i - 1] = values[j];
            values[j] = t;
        }
    }

private:
    static constexpr std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    std::uint64_t state_[4]{};
};

}  // namespace typegrad
