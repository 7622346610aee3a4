// P3L's wall times on one and two threads without Google Benchmark, libtorch or the other libraries:
// for a machine that has none of them (it needs glibc 2.35+ for libmvec's log1p, and the C++ runtime).
// Same implementations and data as bench (p3_hand.cpp, p3_hand_simd.cpp, p3_typegrad.cpp), checked
// first against the scalar reference as bench --check does.
//
//   p3_threads [REPETITIONS]   (default 21) for hand, hand-simd and typegrad: the median over the
//                               repetitions of the wall time per call (each repetition times enough
//                               calls for at least 20 ms) on one thread (P3L/1) and on two (P3L/2),
//                               and their ratio
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "p3.hpp"

namespace {
struct implementation {
    const char* name;
    bench::function one, two;
};
const implementation implementations[] = {
    {"hand", bench::hand::p3l1, bench::hand::p3l2},
    {"hand-simd", bench::hand_simd::p3l1, bench::hand_simd::p3l2},
    {"typegrad", bench::typegrad::p3l1, bench::typegrad::p3l2},
};

volatile double sink;

double median_microseconds(bench::function f, int repetitions) {
    double g[bench::p3::n];
    using clock = std::chrono::steady_clock;
    long calls = 1;
    for (;;) {  // calls per repetition: at least 20 ms
        const auto t0 = clock::now();
        for (long i = 0; i < calls; ++i) sink = f(bench::p3::start.data(), g, nullptr);
        if (clock::now() - t0 >= std::chrono::milliseconds(20)) break;
        calls *= 2;
    }
    std::vector<double> times;
    for (int r = 0; r < repetitions; ++r) {
        const auto t0 = clock::now();
        for (long i = 0; i < calls; ++i) sink = f(bench::p3::start.data(), g, nullptr);
        times.push_back(std::chrono::duration<double, std::micro>(clock::now() - t0).count() / double(calls));
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}
}  // namespace

int main(int argc, char** argv) {
    const int repetitions = argc > 1 ? std::atoi(argv[1]) : 21;
    std::printf("hand-simd runs on %s\n", bench::hand_simd::description);
    double ref_g[bench::p3::n], abs_terms[1 + bench::p3::n];
    const double ref = bench::hand::p3_reference(bench::p3::large_points, bench::p3::start.data(), ref_g, abs_terms);
    bool ok = true;
    for (const auto& impl : implementations)
        for (const bench::function f : {impl.one, impl.two}) {
            double g[bench::p3::n];
            const double v = f(bench::p3::start.data(), g, nullptr);
            double worst = std::fabs(v - ref) / abs_terms[0];
            for (std::size_t k = 0; k < bench::p3::n; ++k) worst = std::fmax(worst, std::fabs(g[k] - ref_g[k]) / abs_terms[1 + k]);
            const bool agrees = worst <= 1e-10;
            std::printf("check %s %s worst difference / sum|terms| %.3g %s\n", f == impl.one ? "P3L/1" : "P3L/2",
                        impl.name, worst, agrees ? "ok" : "DISAGREES");
            ok = ok && agrees;
        }
    if (!ok) return EXIT_FAILURE;
    std::printf("%-10s %14s %14s %8s\n", "impl", "P3L/1 us", "P3L/2 us", "speedup");
    for (const auto& impl : implementations) {
        const double one = median_microseconds(impl.one, repetitions), two = median_microseconds(impl.two, repetitions);
        std::printf("%-10s %14.1f %14.1f %8.2f\n", impl.name, one, two, one / two);
    }
    return EXIT_SUCCESS;
}
