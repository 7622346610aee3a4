// Run-time benchmarks: every problem of problems.hpp by every implementation.
//
//   bench [Google Benchmark flags]   checks that every implementation agrees with the hand-written one
//                                    (exits 1 if not), then runs the benchmarks: gradients/s and heap
//                                    allocations per gradient (global operator new is replaced to count)
//   bench --check                    the agreement check only
//   bench --count IMPL PROBLEM N     the check, then N gradients in count_gradients(), for
//                                    valgrind --tool=callgrind --toggle-collect=count_gradients
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "problems.hpp"

// --- counting heap allocations ----------------------------------------------------------------------
namespace {
std::size_t allocations = 0;

void* counted_allocate(std::size_t size) {
    ++allocations;
    if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
    throw std::bad_alloc();
}
void* counted_allocate(std::size_t size, std::align_val_t align) {
    ++allocations;
    const auto a = static_cast<std::size_t>(align);
    if (void* p = std::aligned_alloc(a, (size + a - 1) / a * a)) return p;
    throw std::bad_alloc();
}
}  // namespace

void* operator new(std::size_t size) { return counted_allocate(size); }
void* operator new[](std::size_t size) { return counted_allocate(size); }
void* operator new(std::size_t size, std::align_val_t align) { return counted_allocate(size, align); }
void* operator new[](std::size_t size, std::align_val_t align) { return counted_allocate(size, align); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }

namespace {
constexpr std::size_t max_parameters = 16;

/// Every implementation against the hand-written one, value and each gradient entry, to 1e-10 relative.
bool check_agreement() {
    bool ok = true;
    for (const auto& prob : bench::problems) {
        double reference[max_parameters];
        const double reference_value = prob.implementations[0].gradient(prob.start, reference);
        for (const auto& impl : prob.implementations) {
            double g[max_parameters];
            const double value = impl.gradient(prob.start, g);
            const auto rel = [](double a, double b) { return std::fabs(a - b) / std::fmax(std::fabs(b), 1e-300); };
            double worst = rel(value, reference_value);
            for (std::size_t k = 0; k < prob.parameters; ++k) worst = std::fmax(worst, rel(g[k], reference[k]));
            const bool agrees = worst <= 1e-10;  // NaN fails too
            std::printf("check %s %-9s value %.17g  worst relative difference %.3g  %s\n", prob.name, impl.name,
                        value, worst, agrees ? "ok" : "DISAGREES");
            ok = ok && agrees;
        }
    }
    return ok;
}

/// The function callgrind counts: n gradients, nothing else.
extern "C" __attribute__((noinline)) double count_gradients(bench::gradient_fn f, const double* p, double* g,
                                                            long n) {
    double s = 0;
    for (long i = 0; i < n; ++i) {
        s += f(p, g);
        benchmark::DoNotOptimize(g);
    }
    return s;
}

void run_benchmark(benchmark::State& state, bench::gradient_fn f, const double* start, std::size_t n) {
    double p[max_parameters], g[max_parameters];
    std::memcpy(p, start, n * sizeof(double));
    const std::size_t before = allocations;
    for (auto _ : state) {
        benchmark::DoNotOptimize(p);
        double value = f(p, g);
        benchmark::DoNotOptimize(value);
        benchmark::DoNotOptimize(g);
        benchmark::ClobberMemory();
    }
    const std::size_t allocated = allocations - before;  // before the counters' own map nodes
    const double iterations = static_cast<double>(state.iterations());
    state.counters["gradients/s"] = benchmark::Counter(iterations, benchmark::Counter::kIsRate);
    state.counters["allocs/gradient"] = static_cast<double>(allocated) / iterations;
}
}  // namespace

int main(int argc, char** argv) {
    if (argc == 2 && std::strcmp(argv[1], "--check") == 0) return check_agreement() ? EXIT_SUCCESS : EXIT_FAILURE;
    if (argc >= 2 && std::strcmp(argv[1], "--count") == 0) {
        if (argc != 5) {
            std::fprintf(stderr, "usage: %s --count IMPL PROBLEM N\n", argv[0]);
            return 2;
        }
        if (!check_agreement()) return EXIT_FAILURE;
        for (const auto& prob : bench::problems) {
            if (std::strcmp(prob.name, argv[3]) != 0) continue;
            for (const auto& impl : prob.implementations) {
                if (std::strcmp(impl.name, argv[2]) != 0) continue;
                double g[max_parameters];
                const long n = std::atol(argv[4]);
                const double s = count_gradients(impl.gradient, prob.start, g, n);
                std::printf("%s %s: %ld gradients, mean value %.17g\n", prob.name, impl.name, n, s / double(n));
                return EXIT_SUCCESS;
            }
        }
        std::fprintf(stderr, "no implementation %s for problem %s\n", argv[2], argv[3]);
        return 2;
    }

    if (!check_agreement()) {
        std::fprintf(stderr, "implementations disagree; no timings\n");
        return EXIT_FAILURE;
    }
    for (const auto& prob : bench::problems)
        for (const auto& impl : prob.implementations)
            benchmark::RegisterBenchmark((std::string(prob.name) + "/" + impl.name).c_str(), run_benchmark,
                                         impl.gradient, prob.start, prob.parameters);
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 2;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return EXIT_SUCCESS;
}
