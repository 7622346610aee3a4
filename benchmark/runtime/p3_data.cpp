// P3's points (see p3.hpp): splitmix64 from a fixed seed, x in [0, 1), y = exp(-8 (x - 0.5)^2).
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "p3.hpp"

namespace bench::p3 {
namespace {
struct columns {
    std::vector<double> x, y;
    explicit columns(std::size_t count) : x(count), y(count) {
        std::uint64_t state = seed;
        for (std::size_t i = 0; i < count; ++i) {
            state += 0x9e3779b97f4a7c15ull;
            std::uint64_t z = state;
            z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
            z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
            z ^= z >> 31;
            x[i] = static_cast<double>(z >> 11) * 0x1.0p-53;
            const double d = x[i] - 0.5;
            y[i] = std::exp(-8 * d * d);
        }
    }
};
}  // namespace

points_view data(std::size_t count) {
    static const columns small(points), large(large_points);
    if (count == points) return {small.x.data(), small.y.data(), points};
    if (count == large_points) return {large.x.data(), large.y.data(), large_points};
    std::fprintf(stderr, "bench::p3::data: no data set of %zu points\n", count);
    std::abort();
}
}  // namespace bench::p3
