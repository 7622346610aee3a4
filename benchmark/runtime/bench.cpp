// Run-time benchmarks: every problem of problems.hpp by every implementation.
//
//   bench [Google Benchmark flags]   checks that every implementation agrees with the hand-written one
//                                    (exits 1 if not), then runs the benchmarks: calls/s and heap
//                                    allocations per gradient or training step
//   bench --check                    the agreement check only
//   bench --allocs                   the check, then heap allocations per gradient (per step for the
//                                    training problems), after one warm-up call, for every implementation;
//                                    exits 1 if the hand-written code or typegrad allocates
//   bench --list                     problems (name, parameters, steps per call) and implementations;
//                                    P3's as "data-problem NAME PARAMETERS POINTS THREADS" and
//                                    "data-implementation PROBLEM IMPL" lines
//   bench --count IMPL PROBLEM N [IMPL PROBLEM N ...]
//                                    the check, then for each triple N calls in count_gradients(), for
//                                    valgrind --tool=callgrind --toggle-collect=count_gradients
//                                    --dump-after=count_gradients (one dump per triple, in order)
//
// P3 (p3.hpp: the primer's network over 1,000 and 100,000 points, one and two threads) has implementations
// of its own (hand, hand-simd, typegrad, typegrad-seq, eigen, libtorch); its agreement check compares
// every component with hand's scalar loop to 1e-10 times that component's sum of |per-point terms|. Its
// benchmarks report real (wall) time, since P3L/2 runs on two threads.
//
// Heap allocations are counted by replacing the global operator new and the C allocator (malloc,
// calloc, realloc, memalign, posix_memalign, aligned_alloc, valloc, forwarded to glibc's __libc_*), so
// that the C allocations of ADOL-C and of libtorch's tensors count too. One allocation is one call.
#include <atomic>
#include <cerrno>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iterator>
#include <new>
#include <string>

#include <benchmark/benchmark.h>

// --count starts callgrind's instrumentation after the agreement check, so that a run under
// `valgrind --tool=callgrind --instr-atstart=no` does the start-up and the check at full speed and
// counts nothing but the calls (P3's threaded counts rely on it: see p3_callgrind.py). Without the
// header (valgrind not installed) --list says so and the counts are taken with instrumentation on.
#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#define TG_BENCH_START_INSTRUMENTATION() CALLGRIND_START_INSTRUMENTATION
#define TG_BENCH_HAS_START_INSTRUMENTATION 1
#else
#define TG_BENCH_START_INSTRUMENTATION() ((void)0)
#define TG_BENCH_HAS_START_INSTRUMENTATION 0
#endif

#include "p3.hpp"
#include "problems.hpp"

// --- counting heap allocations ----------------------------------------------------------------------
namespace {
std::atomic<std::size_t> allocations{0};
void count_allocation() { allocations.fetch_add(1, std::memory_order_relaxed); }
}  // namespace

extern "C" {
void* __libc_malloc(std::size_t size);
void* __libc_calloc(std::size_t count, std::size_t size);
void* __libc_realloc(void* p, std::size_t size);
void* __libc_memalign(std::size_t alignment, std::size_t size);
void __libc_free(void* p);

void* malloc(std::size_t size) noexcept {
    count_allocation();
    return __libc_malloc(size);
}
void* calloc(std::size_t count, std::size_t size) noexcept {
    count_allocation();
    return __libc_calloc(count, size);
}
void* realloc(void* p, std::size_t size) noexcept {
    count_allocation();
    return __libc_realloc(p, size);
}
void free(void* p) noexcept { __libc_free(p); }
void* memalign(std::size_t alignment, std::size_t size) noexcept {
    count_allocation();
    return __libc_memalign(alignment, size);
}
void* aligned_alloc(std::size_t alignment, std::size_t size) noexcept {
    count_allocation();
    return __libc_memalign(alignment, size);
}
void* valloc(std::size_t size) noexcept {
    count_allocation();
    return __libc_memalign(4096, size);
}
int posix_memalign(void** out, std::size_t alignment, std::size_t size) noexcept {
    if (alignment % sizeof(void*) != 0 || (alignment & (alignment - 1)) != 0) return EINVAL;
    count_allocation();
    void* p = __libc_memalign(alignment, size);
    if (p == nullptr) return ENOMEM;
    *out = p;
    return 0;
}
}

namespace {
void* counted_new(std::size_t size) {
    if (void* p = std::malloc(size == 0 ? 1 : size)) return p;  // counted in malloc
    throw std::bad_alloc();
}
void* counted_new(std::size_t size, std::align_val_t align) {
    const auto a = static_cast<std::size_t>(align);
    if (void* p = std::aligned_alloc(a, (size + a - 1) / a * a)) return p;  // counted in aligned_alloc
    throw std::bad_alloc();
}
}  // namespace

void* operator new(std::size_t size) { return counted_new(size); }
void* operator new[](std::size_t size) { return counted_new(size); }
void* operator new(std::size_t size, std::align_val_t align) { return counted_new(size, align); }
void* operator new[](std::size_t size, std::align_val_t align) { return counted_new(size, align); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }

// --- the problems and the implementations -----------------------------------------------------------
namespace {
struct library {
    const char* name;
    bench::function p1, p2, p4, p5;
};

// [0] is the reference.
const library libraries[] = {
    {"hand", bench::hand::p1, bench::hand::p2, bench::hand::p4, bench::hand::p5},
    {"typegrad", bench::typegrad::p1, bench::typegrad::p2, bench::typegrad::p4, bench::typegrad::p5},
    {"eigen", bench::eigen::p1, bench::eigen::p2, bench::eigen::p4, bench::eigen::p5},
    {"sacado-sfad", bench::sacado_sfad::p1, bench::sacado_sfad::p2, bench::sacado_sfad::p4, bench::sacado_sfad::p5},
    {"sacado-elrfad", bench::sacado_elrfad::p1, bench::sacado_elrfad::p2, bench::sacado_elrfad::p4,
     bench::sacado_elrfad::p5},
    {"adolc-once", bench::adolc_once::p1, bench::adolc_once::p2, bench::adolc_once::p4, bench::adolc_once::p5},
    {"adolc-retape", bench::adolc_retape::p1, bench::adolc_retape::p2, bench::adolc_retape::p4,
     bench::adolc_retape::p5},
    {"boost-fvar", bench::boost_fvar::p1, bench::boost_fvar::p2, bench::boost_fvar::p4, bench::boost_fvar::p5},
    {"libtorch", bench::libtorch::p1, bench::libtorch::p2, bench::libtorch::p4, bench::libtorch::p5},
};

/// What the agreement check compares.
enum class compared {
    gradient,  // the value and the gradient
    step,      // the value, the gradient and the parameters after the step
    trained,   // the parameters after training only: P4's final loss (about 3e-15) and gradient (about 1e-7)
               // are residual-sized numbers that rounding alone moves by 1e-7 relative
};

struct problem {
    const char* name;
    std::size_t parameters;
    std::size_t steps;  // gradients (training steps) per call
    compared what;
    const double* start;
    bench::function library::*function;

    bool trains() const { return what != compared::gradient; }
};

const problem problems[] = {
    {"P1", bench::p1::n, 1, compared::gradient, bench::p1::start.data(), &library::p1},
    {"P2", bench::p2::n, 1, compared::gradient, bench::p2::start.data(), &library::p2},
    {"P4", bench::p4::n, bench::p4::steps, compared::trained, bench::p2::start.data(), &library::p4},
    {"P5", bench::p5::n, 1, compared::step, bench::p5::start.data(), &library::p5},
};

constexpr std::size_t np = bench::max_parameters;

// --- P3: whole data sets ------------------------------------------------------------------------------
struct data_problem {
    const char* name;
    std::size_t points;
    int threads;
};
const data_problem data_problems[] = {
    {"P3", bench::p3::points, 1},
    {"P3L/1", bench::p3::large_points, 1},
    {"P3L/2", bench::p3::large_points, 2},
};
struct data_implementation {
    const char* problem;
    const char* name;
    bench::function f;
};
const data_implementation data_implementations[] = {
    {"P3", "hand", bench::hand::p3},
    {"P3", "hand-simd", bench::hand_simd::p3},
    {"P3", "typegrad", bench::typegrad::p3},
    {"P3", "typegrad-seq", bench::typegrad_seq::p3},
    {"P3", "eigen", bench::eigen::p3},
    {"P3", "libtorch", bench::libtorch::p3},
    {"P3L/1", "hand", bench::hand::p3l1},
    {"P3L/1", "hand-simd", bench::hand_simd::p3l1},
    {"P3L/1", "typegrad", bench::typegrad::p3l1},
    {"P3L/1", "typegrad-seq", bench::typegrad_seq::p3l1},
    {"P3L/1", "eigen", bench::eigen::p3l1},
    {"P3L/1", "libtorch", bench::libtorch::p3l1},
    {"P3L/2", "hand", bench::hand::p3l2},
    {"P3L/2", "hand-simd", bench::hand_simd::p3l2},
    {"P3L/2", "typegrad", bench::typegrad::p3l2},
    {"P3L/2", "libtorch", bench::libtorch::p3l2},
};
const data_problem* find_data_problem(const char* name) {
    for (const auto& prob : data_problems)
        if (std::strcmp(prob.name, name) == 0) return &prob;
    return nullptr;
}
const data_implementation* find_data_implementation(const char* impl, const char* problem) {
    for (const auto& d : data_implementations)
        if (std::strcmp(d.name, impl) == 0 && std::strcmp(d.problem, problem) == 0) return &d;
    return nullptr;
}

struct result {
    double value;
    double g[np];
    double next[np];
};

result run(const problem& prob, const library& lib, const double* p) {
    result r;
    for (std::size_t k = 0; k < np; ++k) r.g[k] = r.next[k] = std::nan("");
    r.value = (lib.*prob.function)(p, r.g, r.next);
    return r;
}

double relative(double a, double b) { return std::fabs(a - b) / std::fmax(std::fabs(b), 1e-300); }

/// The worst relative difference of what the problem compares.
double worst_difference(const problem& prob, const result& r, const result& reference) {
    const bool value_and_gradient = prob.what != compared::trained;
    double worst = value_and_gradient ? relative(r.value, reference.value) : 0;
    for (std::size_t k = 0; k < prob.parameters; ++k) {
        if (value_and_gradient) worst = std::fmax(worst, relative(r.g[k], reference.g[k]));
        if (prob.trains()) worst = std::fmax(worst, relative(r.next[k], reference.next[k]));
    }
    return worst;
}

constexpr double tolerance = 1e-10;

/// Every implementation against the hand-written one, to 1e-10 relative in every entry: P1, P2 the value
/// and the gradient; P5 the value, the gradient and the parameters after the step; P4 the parameters
/// after the 1,000 steps. At two points: the problem's start, and a second point (the
/// hand-written result of training for P4/P5, the start moved by +-0.25 per entry for P1/P2), which
/// checks that implementations that keep state between calls (ADOL-C's recorded tape, libtorch's
/// tensors) follow the parameters they are given.
bool check_classic_agreement() {
    bool ok = true;
    for (const auto& prob : problems) {
        double second[np];
        const result at_start = run(prob, libraries[0], prob.start);
        for (std::size_t k = 0; k < prob.parameters; ++k)
            second[k] = prob.trains() ? at_start.next[k] : prob.start[k] + (k % 2 == 0 ? 0.25 : -0.25);
        for (const double* point : {prob.start, static_cast<const double*>(second)}) {
            const result reference = run(prob, libraries[0], point);
            // The check itself must be able to fail: a reference with one entry off by 1e-9 is rejected.
            result perturbed = reference;
            (prob.trains() ? perturbed.next : perturbed.g)[prob.parameters - 1] *= 1 + 1e-9;
            if (!(worst_difference(prob, perturbed, reference) > tolerance)) {
                std::printf("check %s: the comparison does not see a 1e-9 difference\n", prob.name);
                ok = false;
            }
            for (const auto& lib : libraries) {
                const result r = run(prob, lib, point);
                const double worst = worst_difference(prob, r, reference);
                const bool agrees = worst <= tolerance;  // NaN fails too
                std::printf("check %s %-13s %s value %.17g  worst relative difference %.3g  %s\n", prob.name,
                            lib.name, point == prob.start ? "start " : "second", r.value, worst,
                            agrees ? "ok" : "DISAGREES");
                ok = ok && agrees;
            }
        }
    }
    return ok;
}

constexpr double data_tolerance = 1e-10;

/// The worst difference of P3's value and gradient from the reference, each component's difference
/// divided by its sum of |per-point terms| (abs_terms: the value's, then the gradient's).
double worst_data_difference(double value, const double* g, double ref_value, const double* ref_g,
                             const double* abs_terms) {
    double worst = std::fabs(value - ref_value) / abs_terms[0];
    for (std::size_t k = 0; k < bench::p3::n; ++k) worst = std::fmax(worst, std::fabs(g[k] - ref_g[k]) / abs_terms[1 + k]);
    return std::isnan(value) ? std::nan("") : worst;
}

/// P3: every implementation against hand's scalar loop on one thread over the same points, to 1e-10 of
/// the sum of |per-point terms| in every component, at P3's start and at the start moved by +-0.25 per
/// entry; and the comparison must reject the reference with one entry moved by 1e-9 of its |terms|.
/// `only`: the problems to check (index into data_problems), or null for all.
bool check_data_agreement(const bool* only = nullptr) {
    bool ok = true;
    std::printf("check P3 hand-simd runs on %s\n", bench::hand_simd::description);
    for (const auto& prob : data_problems) {
        if (only != nullptr && !only[&prob - data_problems]) continue;
        double second[bench::p3::n];
        for (std::size_t k = 0; k < bench::p3::n; ++k) second[k] = bench::p3::start[k] + (k % 2 == 0 ? 0.25 : -0.25);
        for (const double* point : {bench::p3::start.data(), static_cast<const double*>(second)}) {
            double ref_g[bench::p3::n], abs_terms[1 + bench::p3::n];
            const double ref_value = bench::hand::p3_reference(prob.points, point, ref_g, abs_terms);
            double perturbed[bench::p3::n];
            for (std::size_t k = 0; k < bench::p3::n; ++k) perturbed[k] = ref_g[k];
            perturbed[bench::p3::n - 1] += 1e-9 * abs_terms[bench::p3::n];
            if (!(worst_data_difference(ref_value, perturbed, ref_value, ref_g, abs_terms) > data_tolerance)) {
                std::printf("check %s: the comparison does not see a 1e-9 difference\n", prob.name);
                ok = false;
            }
            for (const auto& d : data_implementations) {
                if (std::strcmp(d.problem, prob.name) != 0) continue;
                double g[np];
                for (auto& v : g) v = std::nan("");
                const double value = d.f(point, g, nullptr);
                const double worst = worst_data_difference(value, g, ref_value, ref_g, abs_terms);
                const bool agrees = worst <= data_tolerance;  // NaN fails too
                std::printf("check %s %-13s %s value %.17g  worst difference / sum|terms| %.3g  %s\n", prob.name,
                            d.name, point == bench::p3::start.data() ? "start " : "second", value, worst,
                            agrees ? "ok" : "DISAGREES");
                ok = ok && agrees;
            }
        }
    }
    return ok;
}

/// The agreement checks: P1, P2, P4, P5 (classic) and P3 (data; `only`: which of its problems, or all).
bool check_agreement(bool classic = true, bool data = true, const bool* only = nullptr) {
    const bool classic_ok = !classic || check_classic_agreement();
    const bool data_ok = !data || check_data_agreement(only);
    return classic_ok && data_ok;
}

/// The function callgrind counts: n calls, nothing else.
extern "C" __attribute__((noinline)) double count_gradients(bench::function f, const double* p, double* g,
                                                            double* next, long n) {
    double s = 0;
    for (long i = 0; i < n; ++i) {
        s += f(p, g, next);
        benchmark::DoNotOptimize(g);
        benchmark::DoNotOptimize(next);
    }
    return s;
}

/// Heap allocations per gradient (per training step), after one warm-up call. False if the hand-written
/// code or typegrad allocates (neither may).
bool print_allocations() {
    bool ok = true;
    for (const auto& prob : problems)
        for (const auto& lib : libraries) {
            double g[np], next[np];
            const auto f = lib.*prob.function;
            f(prob.start, g, next);
            const long calls = prob.steps > 1 ? 2 : 10;
            const std::size_t before = allocations.load();
            for (long i = 0; i < calls; ++i) {
                f(prob.start, g, next);
                benchmark::DoNotOptimize(g);
                benchmark::DoNotOptimize(next);
            }
            const std::size_t counted = allocations.load() - before;
            const bool must_not_allocate = std::strcmp(lib.name, "hand") == 0 || std::strcmp(lib.name, "typegrad") == 0;
            std::printf("allocs %s %s %.6g%s\n", prob.name, lib.name,
                        static_cast<double>(counted) / static_cast<double>(calls * static_cast<long>(prob.steps)),
                        must_not_allocate && counted != 0 ? "  ALLOCATES (must not)" : "");
            ok = ok && !(must_not_allocate && counted != 0);
        }
    for (const auto& d : data_implementations) {
        double g[np];
        d.f(bench::p3::start.data(), g, nullptr);  // the warm-up call (threads and scratch are set up by now)
        const long calls = find_data_problem(d.problem)->points > bench::p3::points ? 2 : 10;
        const std::size_t before = allocations.load();
        for (long i = 0; i < calls; ++i) {
            d.f(bench::p3::start.data(), g, nullptr);
            benchmark::DoNotOptimize(g);
        }
        const std::size_t counted = allocations.load() - before;
        const bool must_not_allocate = std::strncmp(d.name, "hand", 4) == 0 || std::strncmp(d.name, "typegrad", 8) == 0;
        std::printf("allocs %s %s %.6g%s\n", d.problem, d.name, static_cast<double>(counted) / static_cast<double>(calls),
                    must_not_allocate && counted != 0 ? "  ALLOCATES (must not)" : "");
        ok = ok && !(must_not_allocate && counted != 0);
    }
    return ok;
}

void run_benchmark(benchmark::State& state, bench::function f, const double* start, std::size_t steps) {
    double g[np], next[np];
    const std::size_t before = allocations.load();
    for (auto _ : state) {
        benchmark::DoNotOptimize(start);
        double value = f(start, g, next);
        benchmark::DoNotOptimize(value);
        benchmark::DoNotOptimize(g);
        benchmark::DoNotOptimize(next);
        benchmark::ClobberMemory();
    }
    const std::size_t allocated = allocations.load() - before;  // before the counters' own map nodes
    const double iterations = static_cast<double>(state.iterations());
    state.counters["steps/call"] = static_cast<double>(steps);
    state.counters["allocs/step"] = static_cast<double>(allocated) / (iterations * static_cast<double>(steps));
}

const library* find_library(const char* name) {
    for (const auto& lib : libraries)
        if (std::strcmp(lib.name, name) == 0) return &lib;
    return nullptr;
}
const problem* find_problem(const char* name) {
    for (const auto& prob : problems)
        if (std::strcmp(prob.name, name) == 0) return &prob;
    return nullptr;
}
}  // namespace

int main(int argc, char** argv) {
    if (argc == 2 && std::strcmp(argv[1], "--list") == 0) {
        for (const auto& prob : problems) std::printf("problem %s %zu %zu\n", prob.name, prob.parameters, prob.steps);
        for (const auto& lib : libraries) std::printf("implementation %s\n", lib.name);
        for (const auto& prob : data_problems)
            std::printf("data-problem %s %zu %zu %d\n", prob.name, bench::p3::n, prob.points, prob.threads);
        for (const auto& d : data_implementations) std::printf("data-implementation %s %s\n", d.problem, d.name);
        std::printf("count-starts-instrumentation %s\n", TG_BENCH_HAS_START_INSTRUMENTATION ? "yes" : "no");
        return EXIT_SUCCESS;
    }
    if (argc == 2 && std::strcmp(argv[1], "--check") == 0) return check_agreement() ? EXIT_SUCCESS : EXIT_FAILURE;
    if (argc == 2 && std::strcmp(argv[1], "--allocs") == 0) {
        if (!check_agreement()) return EXIT_FAILURE;
        return print_allocations() ? EXIT_SUCCESS : EXIT_FAILURE;
    }
    if (argc >= 2 && std::strcmp(argv[1], "--count") == 0) {
        if (argc < 5 || (argc - 2) % 3 != 0) {
            std::fprintf(stderr, "usage: %s --count IMPL PROBLEM N [IMPL PROBLEM N ...]\n", argv[0]);
            return 2;
        }
        bool classic = false, data = false;  // which agreement checks the counted problems need
        bool data_only[std::size(data_problems)] = {};
        for (int a = 2; a < argc; a += 3) {
            const bool is_classic = find_library(argv[a]) != nullptr && find_problem(argv[a + 1]) != nullptr;
            const bool is_data = find_data_implementation(argv[a], argv[a + 1]) != nullptr;
            if (!(is_classic || is_data) || std::atol(argv[a + 2]) < 1) {
                std::fprintf(stderr, "no implementation %s for problem %s, or N %s < 1\n", argv[a], argv[a + 1],
                             argv[a + 2]);
                return 2;
            }
            classic = classic || is_classic;
            data = data || is_data;
            if (is_data) data_only[find_data_problem(argv[a + 1]) - data_problems] = true;
        }
        if (!check_agreement(classic, data, data_only)) return EXIT_FAILURE;
        TG_BENCH_START_INSTRUMENTATION();
        for (int a = 2; a < argc; a += 3) {
            const long n = std::atol(argv[a + 2]);
            if (const data_implementation* d = find_data_implementation(argv[a], argv[a + 1])) {
                double g[np];
                const double s = count_gradients(d->f, bench::p3::start.data(), g, nullptr, n);
                std::printf("count %s %s %ld calls 1 steps each, mean value %.17g\n", d->problem, d->name, n,
                            s / double(n));
                continue;
            }
            const library& lib = *find_library(argv[a]);
            const problem& prob = *find_problem(argv[a + 1]);
            double g[np], next[np];
            const double s = count_gradients(lib.*prob.function, prob.start, g, next, n);
            std::printf("count %s %s %ld calls %zu steps each, mean value %.17g\n", prob.name, lib.name, n, prob.steps,
                        s / double(n));
        }
        return EXIT_SUCCESS;
    }

    if (!check_agreement()) {
        std::fprintf(stderr, "implementations disagree; no timings\n");
        return EXIT_FAILURE;
    }
    for (const auto& prob : problems)
        for (const auto& lib : libraries)
            benchmark::RegisterBenchmark((std::string(prob.name) + "/" + lib.name).c_str(), run_benchmark,
                                         lib.*prob.function, prob.start, prob.steps);
    for (const auto& d : data_implementations)  // wall time: P3L/2 runs on two threads
        benchmark::RegisterBenchmark((std::string(d.problem) + "/" + d.name).c_str(), run_benchmark, d.f,
                                     bench::p3::start.data(), std::size_t{1})
            ->UseRealTime();
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 2;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return EXIT_SUCCESS;
}
