// value_and_gradient allocates nothing: every global operator new and delete is replaced by a counter.
// A control test proves the counters see std::vector and std::make_unique<T[]>. Without sanitizers
// (which own malloc), malloc itself is counted too.
#include <atomic>
#include <cstdlib>
#include <memory>
#include <new>
#include <vector>

#include <boost/test/unit_test.hpp>

#include <typegrad.hpp>

#if !defined(TYPEGRAD_TEST_SANITIZED)
#include <dlfcn.h>
#endif

namespace {
std::atomic<long> news{0};
std::atomic<long> mallocs{0};

void* counted_new(std::size_t size) {
    ++news;
    if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
    throw std::bad_alloc();
}
void* counted_new_aligned(std::size_t size, std::align_val_t align) {
    ++news;
    const std::size_t a = static_cast<std::size_t>(align);
    if (void* p = std::aligned_alloc(a, (size + a - 1) / a * a)) return p;
    throw std::bad_alloc();
}
}  // namespace

void* operator new(std::size_t size) { return counted_new(size); }
void* operator new[](std::size_t size) { return counted_new(size); }
void* operator new(std::size_t size, const std::nothrow_t&) noexcept { try { return counted_new(size); } catch (...) { return nullptr; } }
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept { try { return counted_new(size); } catch (...) { return nullptr; } }
void* operator new(std::size_t size, std::align_val_t a) { return counted_new_aligned(size, a); }
void* operator new[](std::size_t size, std::align_val_t a) { return counted_new_aligned(size, a); }
void* operator new(std::size_t size, std::align_val_t a, const std::nothrow_t&) noexcept { try { return counted_new_aligned(size, a); } catch (...) { return nullptr; } }
void* operator new[](std::size_t size, std::align_val_t a, const std::nothrow_t&) noexcept { try { return counted_new_aligned(size, a); } catch (...) { return nullptr; } }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t, const std::nothrow_t&) noexcept { std::free(p); }

#if !defined(TYPEGRAD_TEST_SANITIZED)
// Counts every malloc in the process while `counting_mallocs` is set (forwarding to the real one).
namespace {
std::atomic<bool> counting_mallocs{false};
}
extern "C" void* malloc(std::size_t size) {
    using real_malloc_t = void* (*)(std::size_t);
    static const real_malloc_t real = reinterpret_cast<real_malloc_t>(dlsym(RTLD_NEXT, "malloc"));
    if (counting_mallocs) ++mallocs;
    return real(size);
}
#endif

namespace tg = typegrad;

namespace {
constexpr auto x = tg::input<"x">;
constexpr auto y = tg::input<"y">;
constexpr auto w1 = tg::param<"w1">;
constexpr auto w2 = tg::param<"w2">;
constexpr auto w3 = tg::param<"w3">;
constexpr auto w4 = tg::param<"w4">;
constexpr auto b1 = tg::param<"b1">;
constexpr auto b2 = tg::param<"b2">;
constexpr auto b3 = tg::param<"b3">;

struct counts {
    long news;
    long mallocs;
};
template <class F>
counts count(F f) {
    const long n0 = news, m0 = mallocs;
#if !defined(TYPEGRAD_TEST_SANITIZED)
    counting_mallocs = true;
#endif
    f();
#if !defined(TYPEGRAD_TEST_SANITIZED)
    counting_mallocs = false;
#endif
    return {news - n0, mallocs - m0};
}
}  // namespace

BOOST_AUTO_TEST_SUITE(allocation)

BOOST_AUTO_TEST_CASE(the_counters_see_vectors_and_arrays) {
    const auto c = count([] {
        std::vector<double> v(100);
        auto a = std::make_unique<double[]>(50);
        v[3] = a[2] = 1.0;
    });
    BOOST_TEST(c.news == 2);
#if !defined(TYPEGRAD_TEST_SANITIZED)
    BOOST_TEST(c.mallocs >= 2);
#endif
}

BOOST_AUTO_TEST_CASE(value_and_gradient_allocates_nothing) {
    constexpr auto net = w3 * tg::softplus(w1 * x + b1) + w4 * tg::softplus(w2 * x + b2) + b3;
    const auto loss = tg::square(y - net) + tg::gelu(w1) * tg::tanh(w2) + tg::sigmoid(b3 * x) + tg::elu<>(w4);
    auto theta = tg::parameters_of(loss);
    for (std::size_t i = 0; i < theta.size(); ++i) theta.values[i] = 0.1 * static_cast<double>(i) - 0.3;
    double sink = 0;
    const auto c = count([&] {
        for (double xv : {0.0, 0.5, 1.0}) {
            const auto [value, g] = tg::value_and_gradient(loss, theta, x = xv, y = 1.0 - xv);
            sink += value + g[w1];
        }
        sink += tg::eval(loss, theta, x = 0.3, y = 0.2);
    });
    BOOST_TEST(c.news == 0);
    BOOST_TEST(c.mallocs == 0);
    BOOST_TEST(std::isfinite(sink));
}

BOOST_AUTO_TEST_SUITE_END()
