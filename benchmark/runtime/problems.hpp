// The run-time benchmark problems, each defined once here and implemented by every library compared
// (one file per library: hand.cpp, typegrad.cpp, eigen.cpp, sacado.cpp, adolc.cpp, boost.cpp,
// torch.cpp). This header is plain C++17 with no library in it, because libtorch 1.13's headers do not
// compile with clang 19 in C++20 mode and torch.cpp is therefore built as C++17.
//
// Every implementation has the same signature, `double f(const double* p, double* g, double* next)`:
// p holds the parameters in the problem's order (below); f writes a gradient to g and, for the training
// problems, the parameters after training to next; it returns a loss. Each lives in a translation unit
// of its own (no LTO), so the benchmarks and callgrind measure the same machine code.
//
// Every implementation writes a residual as prediction - target (typegrad's squared_error does): its
// derivative with respect to the prediction is +1, so none carries a negation that the others do not.
//
//   P1 (line fit): SSR of slope*x + intercept over (0.5,1.4), (2.3,1.9), (2.9,3.2);
//      p = {intercept, slope}, evaluated at slope 1, intercept 0. Returns the SSR, g its gradient.
//   P2 (the primer's network): SSR of w3*softplus(w1*x+b1) + w4*softplus(w2*x+b2) + b3 over
//      (0,0), (0.5,1), (1,0); p = {b1, b2, b3, w1, w2, w3, w4}, evaluated at w1=2.74, b1=0,
//      w2=-1.13, b2=0, w3=0.36, w4=0.63, b3=0. Returns the SSR, g its gradient.
//   P4 (training P2): 1,000 full-batch gradient-descent steps on P2 from P2's start, each one gradient
//      and the update p -= 0.1*g. next: the parameters after the 1,000 steps; g and the return value:
//      the gradient and the SSR computed by the last step (at the parameters before its update).
//   P5 (one SGD step of an MLP): 8 inputs, 16 tanh hidden units, 1 linear output, squared error on one
//      sample, 161 parameters: o = sum_j v_j*tanh(sum_k w_jk*x_k + b_j) + c, loss (o - y)^2.
//      One step: the loss and gradient at p (returned, and written to g), next = p - 0.1*g.
//      Parameter order (the names sorted, as typegrad orders them): b00..b15, c, v00..v15,
//      w00_0..w00_7, w01_0, ..., w15_7. The sample and the start are fixed numbers, below.
#pragma once

#include <array>
#include <cstddef>

namespace bench {

using function = double (*)(const double* p, double* g, double* next);

inline constexpr std::size_t max_parameters = 161;

// ---------------------------------------------------------------------------------------------------
namespace p1 {
inline constexpr std::size_t n = 2;
inline constexpr std::array<double, 3> xs{0.5, 2.3, 2.9};
inline constexpr std::array<double, 3> ys{1.4, 1.9, 3.2};
inline constexpr std::array<double, n> start{0.0, 1.0};  // intercept, slope
}  // namespace p1

namespace p2 {
inline constexpr std::size_t n = 7;
inline constexpr std::array<double, 3> xs{0.0, 0.5, 1.0};
inline constexpr std::array<double, 3> ys{0.0, 1.0, 0.0};
inline constexpr std::array<double, n> start{0.0, 0.0, 0.0, 2.74, -1.13, 0.36, 0.63};  // b1 b2 b3 w1 w2 w3 w4
}  // namespace p2

namespace p4 {
inline constexpr std::size_t n = p2::n;
inline constexpr std::size_t steps = 1000;
inline constexpr double learning_rate = 0.1;
}  // namespace p4

namespace p5 {
inline constexpr std::size_t inputs = 8;
inline constexpr std::size_t hidden = 16;
inline constexpr std::size_t n = hidden * (inputs + 2) + 1;  // 161
inline constexpr double learning_rate = 0.1;

// Where each parameter sits in p (the names' sorted order).
constexpr std::size_t b(std::size_t j) { return j; }
inline constexpr std::size_t c = hidden;
constexpr std::size_t v(std::size_t j) { return hidden + 1 + j; }
constexpr std::size_t w(std::size_t j, std::size_t k) { return 2 * hidden + 1 + j * inputs + k; }

// The sample.
inline constexpr std::array<double, inputs> x{0.9, -0.4, 0.3, -0.8, 0.6, 0.1, -0.7, 0.5};
inline constexpr double y = 0.5;

// The start: exact binary fractions from integer formulas, so every compiler gets the same numbers.
//   w_jk = ((37*(8j+k) + 11) mod 97 - 48) / 96    in [-0.5, 0.5]
//   b_j  = ((13j + 5) mod 17 - 8) / 32             in [-0.25, 0.25]
//   v_j  = ((29j + 3) mod 23 - 11) / 22            in [-0.5, 0.5]
//   c    = 0.125
constexpr std::array<double, n> make_start() {
    std::array<double, n> p{};
    for (std::size_t j = 0; j < hidden; ++j) {
        for (std::size_t k = 0; k < inputs; ++k)
            p[w(j, k)] = (static_cast<double>((37 * (inputs * j + k) + 11) % 97) - 48) / 96;
        p[b(j)] = (static_cast<double>((13 * j + 5) % 17) - 8) / 32;
        p[v(j)] = (static_cast<double>((29 * j + 3) % 23) - 11) / 22;
    }
    p[c] = 0.125;
    return p;
}
inline constexpr std::array<double, n> start = make_start();
}  // namespace p5

// Each library's file defines these four functions in a namespace of its own (bench::hand, ...).
#define TG_BENCH_DECLARE_PROBLEMS(lib)                   \
    namespace lib {                                      \
    double p1(const double* p, double* g, double* next); \
    double p2(const double* p, double* g, double* next); \
    double p4(const double* p, double* g, double* next); \
    double p5(const double* p, double* g, double* next); \
    }

TG_BENCH_DECLARE_PROBLEMS(hand)
TG_BENCH_DECLARE_PROBLEMS(typegrad)
TG_BENCH_DECLARE_PROBLEMS(eigen)
TG_BENCH_DECLARE_PROBLEMS(sacado_sfad)
TG_BENCH_DECLARE_PROBLEMS(sacado_elrfad)
TG_BENCH_DECLARE_PROBLEMS(adolc_once)
TG_BENCH_DECLARE_PROBLEMS(adolc_retape)
TG_BENCH_DECLARE_PROBLEMS(boost_fvar)
TG_BENCH_DECLARE_PROBLEMS(libtorch)
#undef TG_BENCH_DECLARE_PROBLEMS

}  // namespace bench
