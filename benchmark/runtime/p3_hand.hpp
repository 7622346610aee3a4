// P3's hand-written code, shared by the scalar loop (p3_hand.cpp) and the SIMD loop (p3_hand_simd.cpp):
// the per-point scalar kernel (the SIMD loop's tail), and a fixed pair of threads for P3L/2.
#pragma once

#include <condition_variable>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <thread>

#include "p3.hpp"

namespace bench::p3_hand {

/// The value and the seven gradient entries (p's order) summed over some points.
struct sums {
    double value = 0;
    double g[p3::n] = {};

    void add(const sums& other) {
        value += other.value;
        for (std::size_t k = 0; k < p3::n; ++k) g[k] += other.g[k];
    }
    double write(double* out) const {
        for (std::size_t k = 0; k < p3::n; ++k) out[k] = g[k];
        return value;
    }
};

/// One point's fused forward and reverse, as P2's hand-written gradient (hand.cpp): the stable softplus
/// max(z, 0) + log1p(e) with e = exp(-|z|), its e reused for the sigmoid.
inline void add_point(const double* p, double xv, double yv, sums& s) {
    const double b1v = p[0], b2v = p[1], b3v = p[2], w1v = p[3], w2v = p[4], w3v = p[5], w4v = p[6];
    const double z1 = w1v * xv + b1v, z2 = w2v * xv + b2v;
    const double e1 = std::exp(-std::fabs(z1)), e2 = std::exp(-std::fabs(z2));
    const double a1 = (z1 > 0 ? z1 : 0) + std::log1p(e1), a2 = (z2 > 0 ? z2 : 0) + std::log1p(e2);
    const double s1 = z1 >= 0 ? 1 / (1 + e1) : e1 / (1 + e1), s2 = z2 >= 0 ? 1 / (1 + e2) : e2 / (1 + e2);
    const double r = (w3v * a1 + w4v * a2 + b3v) - yv;
    s.value += r * r;
    const double dr = 2 * r;
    const double t1 = dr * w3v * s1, t2 = dr * w4v * s2;
    s.g[0] += t1;
    s.g[1] += t2;
    s.g[2] += dr;
    s.g[3] += t1 * xv;
    s.g[4] += t2 * xv;
    s.g[5] += dr * a1;
    s.g[6] += dr * a2;
}

/// Part t (0 or 1) of a fixed two-way split of [0, count), cut at a multiple of `width`.
constexpr std::size_t half(std::size_t count, std::size_t t, std::size_t width) {
    return t == 0 ? 0 : t == 1 ? count / width / 2 * width : count;
}

/// The calling thread and one more, started once (at construction): run(f) calls f(1) on the other
/// thread and f(0) on the caller, and returns when both are done. The same handshake as
/// typegrad::thread_pool (a mutex and two condition variables), so neither side has a cheaper one.
class two_threads {
public:
    two_threads() : worker_([this] { work(); }) {}
    two_threads(const two_threads&) = delete;
    two_threads& operator=(const two_threads&) = delete;
    ~two_threads() {
        {
            const std::lock_guard lock(mutex_);
            stopping_ = true;
        }
        start_.notify_all();
        worker_.join();
    }

    template <class F>
    void run(F& f) {
        {
            const std::lock_guard lock(mutex_);
            task_ = [](void* context, std::size_t t) { (*static_cast<F*>(context))(t); };
            context_ = &f;
            pending_ = true;
            ++generation_;
        }
        start_.notify_all();
        f(std::size_t{0});
        std::unique_lock lock(mutex_);
        done_.wait(lock, [this] { return !pending_; });
    }

private:
    void work() {
        std::uint64_t seen = 0;
        for (;;) {
            void (*task)(void*, std::size_t) = nullptr;
            void* context = nullptr;
            {
                std::unique_lock lock(mutex_);
                start_.wait(lock, [&] { return stopping_ || generation_ != seen; });
                if (stopping_) return;
                seen = generation_;
                task = task_;
                context = context_;
            }
            task(context, 1);
            {
                const std::lock_guard lock(mutex_);
                pending_ = false;
                done_.notify_one();
            }
        }
    }

    std::mutex mutex_;
    std::condition_variable start_;
    std::condition_variable done_;
    std::uint64_t generation_ = 0;
    bool pending_ = false;
    bool stopping_ = false;
    void (*task_)(void*, std::size_t) = nullptr;
    void* context_ = nullptr;
    std::thread worker_;  // last: started once everything it uses is constructed
};

/// Runs part(begin, end) -> sums over the two halves of `count` points on `threads`, and adds the
/// halves in order (first, then second).
template <class Part>
double on_two_threads(two_threads& threads, std::size_t count, std::size_t width, Part part, double* g) {
    sums results[2];
    auto task = [&](std::size_t t) { results[t] = part(half(count, t, width), half(count, t + 1, width)); };
    threads.run(task);
    sums total = results[0];
    total.add(results[1]);
    return total.write(g);
}

}  // namespace bench::p3_hand
