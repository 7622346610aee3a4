// value_and_gradient, a training step (loss gradient + optimizer update) and whole train() /
// train_minibatch() runs allocate nothing: every global operator new and delete is replaced by a counter.
// A control test proves the counters see std::vector and std::make_unique<T[]>. Without sanitizers
// (which own malloc), malloc itself is counted too.
#include <atomic>
#include <cmath>
#include <cstdlib>
#include <memory>
#include <new>
#include <span>
#include <type_traits>
#include <vector>

#include <boost/test/unit_test.hpp>

#include <typegrad.hpp>

#include "primer.hpp"

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
using namespace typegrad_test::primer;  // x, y, w1..b3 and the primer's net

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

BOOST_AUTO_TEST_CASE(a_training_step_allocates_nothing_for_sgd_momentum_and_adam) {
    // The data live in vectors made before counting; the loss, its gradient and each update must not
    // touch the heap, over all rows and over a mini-batch of rows.
    const std::vector<double> xs{0.5, 2.3, 2.9, 1.1}, ys{1.4, 1.9, 3.2, 1.0};
    const std::size_t batch[] = {3, 0};
    const auto loss = tg::sum_over(tg::squared_error(w1 * tg::softplus(w2 * x + b1) + b2, y), tg::data(x = xs, y = ys)) +
                      0.01 * tg::l2(w1, w2);
    const auto run = [&](const auto& optimizer) {
        using O = std::remove_cvref_t<decltype(optimizer)>;
        auto theta = tg::parameters_of(loss);
        theta[w1] = 0.3;
        theta[w2] = -0.2;
        typename O::template state<decltype(theta)> state{};
        double sink = 0;
        const auto c = count([&] {
            for (int i = 0; i < 3; ++i) {
                const auto [value, g] = loss.value_and_gradient(theta);
                optimizer.step(theta, g, state);
                const auto [batch_value, batch_g] = loss.value_and_gradient(theta, batch, 2.0);
                optimizer.step(theta, batch_g, state);
                sink += value + batch_value;
            }
        });
        BOOST_TEST(c.news == 0);
        BOOST_TEST(c.mallocs == 0);
        BOOST_TEST(std::isfinite(sink));
        BOOST_TEST(theta[w1] != 0.3);  // the steps really ran
    };
    run(tg::sgd{.learning_rate = 0.01});
    run(tg::momentum{.learning_rate = 0.01, .beta = 0.9});
    run(tg::adam{.learning_rate = 0.01});
}

BOOST_AUTO_TEST_CASE(a_training_run_that_converges_allocates_nothing) {
    const std::vector<double> xs{0.5, 2.3, 2.9}, ys{1.4, 1.9, 3.2};
    const auto loss = tg::sum_over(tg::squared_error(w1 * x + b1, y), tg::data(x = xs, y = ys));
    auto theta = tg::parameters_of(loss);
    std::size_t steps = 0;
    tg::stop_reason reason = tg::stop_reason::invalid_input;
    const auto c = count([&] {
        const auto report = tg::train(loss, theta, tg::sgd{.learning_rate = 0.01}, {.max_steps = 20000, .tolerance = 1e-6});
        steps = report.steps;
        reason = report.reason;
    });
    BOOST_TEST(c.news == 0);
    BOOST_TEST(c.mallocs == 0);
    BOOST_TEST((reason == tg::stop_reason::converged));
    BOOST_TEST(steps > 100u);
}

BOOST_AUTO_TEST_CASE(a_mini_batch_run_allocates_nothing) {
    const std::vector<double> xs{0.5, 2.3, 2.9, 1.1, -0.4, 0.0, 1.7}, ys{1.4, 1.9, 3.2, 1.0, 0.2, 0.6, 2.0};
    const auto loss = tg::mean_over(tg::squared_error(w1 * x + b1, y), tg::data(x = xs, y = ys));
    std::vector<std::size_t> rows(xs.size());
    auto theta = tg::parameters_of(loss);
    std::size_t steps = 0;
    const auto c = count([&] {
        const auto report = tg::train_minibatch(loss, theta, tg::adam{.learning_rate = 0.01}, {.batch_size = 3, .epochs = 20},
                                                std::span<std::size_t>(rows));
        steps = report.steps;
    });
    BOOST_TEST(c.news == 0);
    BOOST_TEST(c.mallocs == 0);
    BOOST_TEST(steps == 20 * 3u);
}

BOOST_AUTO_TEST_CASE(batched_and_threaded_calls_allocate_nothing_after_set_up) {
    std::vector<double> xs(1001), ys(1001), out(1001);
    for (std::size_t i = 0; i < xs.size(); ++i) {
        xs[i] = static_cast<double>(i) / 1001.0;
        ys[i] = std::exp(-8 * (xs[i] - 0.5) * (xs[i] - 0.5));
    }
    const auto d = tg::data(x = xs, y = ys);
    const auto ssr = tg::sum_over(tg::squared_error(net, y), d);
    auto theta = tg::parameters_of(ssr);
    theta[w1] = 2.74, theta[w2] = -1.13, theta[w3] = 0.36, theta[w4] = 0.63;
    tg::thread_pool pool(2);  // set-up: starts a thread, allocates
    const auto on_pool = ssr.on(pool);
    double sink = on_pool.value_and_gradient(theta).value;  // the first call sizes the pool's scratch memory
    const auto c = count([&] {
        for (int repeat = 0; repeat < 3; ++repeat) {
            sink += ssr.value_and_gradient(theta).gradient[w1];      // SIMD lanes, calling thread
            sink += on_pool.value_and_gradient(theta).gradient[w2];  // lanes on two threads
            sink += on_pool.value(theta);
            sink += tg::predict(net, theta, d, std::span<double>(out), pool).ok() ? out[7] : 0.0;
        }
    });
    BOOST_TEST(c.news == 0);
#if !defined(TYPEGRAD_TEST_SANITIZED)
    BOOST_TEST(c.mallocs == 0);
#endif
    BOOST_TEST(std::isfinite(sink));
}

BOOST_AUTO_TEST_SUITE_END()
