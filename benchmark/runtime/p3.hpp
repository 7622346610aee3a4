// P3, whole data sets: the primer's network over many points, its SSR gradient (value and the seven
// partials), on one thread and on two. Plain C++17 like problems.hpp (p3_torch.cpp is built as C++17).
//
//   P3:    the SSR of w3*softplus(w1*x+b1) + w4*softplus(w2*x+b2) + b3 over 1,000 points, and its
//          gradient, at P2's parameters (p = {b1, b2, b3, w1, w2, w3, w4} = {0, 0, 0, 2.74, -1.13, 0.36,
//          0.63}). x_i uniform in [0, 1), y_i = exp(-8 (x_i - 0.5)^2).
//   P3L/1: the same over 100,000 points (the first 1,000 are P3's), on one thread.
//   P3L/2: P3L/1 split over two threads (the calling thread and one started once, at the first call).
//
// The points: x_i = (splitmix64 output i >> 11) * 2^-53 for i = 0, 1, ..., with splitmix64's state
// starting at `seed` (below) and advanced by 0x9e3779b97f4a7c15 before each output (Steele, Lea and
// Flood's finalizer: z ^= z >> 30, z *= 0xbf58476d1ce4e5b9, z ^= z >> 27, z *= 0x94d049bb133111eb,
// z ^= z >> 31). Integer arithmetic only, so every compiler and library gets the same points; y_i uses
// libm's exp, computed once (p3_data.cpp) and shared by every implementation.
//
// Every implementation has the signature of problems.hpp, `double f(const double* p, double* g, double*)`.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "problems.hpp"

namespace bench {
namespace p3 {
inline constexpr std::size_t n = 7;
inline constexpr std::size_t points = 1000;
inline constexpr std::size_t large_points = 100000;
inline constexpr std::uint64_t seed = 0x7479706567726164ull;  // "typegrad" in ASCII
inline constexpr std::array<double, n> start = p2::start;  // b1 b2 b3 w1 w2 w3 w4

struct points_view {
    const double* x;
    const double* y;
    std::size_t size;
};

/// The first `count` points of the sequence above (count is `points` or `large_points`), built on the
/// first call for that count and kept; later calls return the same storage.
points_view data(std::size_t count);
}  // namespace p3

// hand: the scalar loop (p3_hand.cpp); hand_simd: the SIMD loop with glibc's vector maths
// (p3_hand_simd.cpp); typegrad: lanes (default); typegrad_seq: .sequential(); eigen: AutoDiffScalar
// looped over the points (one thread only); libtorch: tensors of all the points.
namespace hand {
double p3(const double* p, double* g, double* next);
double p3l1(const double* p, double* g, double* next);
double p3l2(const double* p, double* g, double* next);
/// The reference for the agreement check: hand's scalar loop over the first `count` points on one
/// thread, with each component's sum of |per-point terms| in abs_terms[0] (the value) and
/// abs_terms[1 + k] (gradient entry k).
double p3_reference(std::size_t count, const double* p, double* g, double* abs_terms);
}  // namespace hand
namespace hand_simd {
double p3(const double* p, double* g, double* next);
double p3l1(const double* p, double* g, double* next);
double p3l2(const double* p, double* g, double* next);
/// What the SIMD loop runs on: its lane count and the vector maths it calls.
extern const char* const description;
}  // namespace hand_simd
namespace typegrad {
double p3(const double* p, double* g, double* next);
double p3l1(const double* p, double* g, double* next);
double p3l2(const double* p, double* g, double* next);
}  // namespace typegrad
namespace typegrad_seq {
double p3(const double* p, double* g, double* next);
double p3l1(const double* p, double* g, double* next);
}  // namespace typegrad_seq
namespace eigen {
double p3(const double* p, double* g, double* next);
double p3l1(const double* p, double* g, double* next);
}  // namespace eigen
namespace libtorch {
double p3(const double* p, double* g, double* next);
double p3l1(const double* p, double* g, double* next);
double p3l2(const double* p, double* g, double* next);
}  // namespace libtorch
}  // namespace bench
