// typegrad/parallel/thread_pool.hpp: threads that the user creates once and passes to data losses,
// predictions and training (`loss.on(pool)`); the library keeps no pool of its own.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <thread>
#include <type_traits>
#include <vector>

namespace typegrad {

/// A fixed set of threads. thread_pool(n) runs work on n threads: the calling thread and n - 1 started
/// here (thread_pool(1) starts none). run(f) calls f(0), ..., f(n - 1) at once, f(0) on the caller, and
/// returns when all are done; it allocates nothing. Work is split by the caller into n fixed parts and
/// reduced in part order, so the same n always gives the same bits. One run at a time: a pool is not
/// shared between threads that call run() concurrently.
class thread_pool {
public:
    explicit thread_pool(std::size_t threads) : size_(threads == 0 ? 1 : threads) {
        workers_.reserve(size_ - 1);
        for (std::size_t t = 1; t < size_; ++t) workers_.emplace_back([this, t] { work(t); });
    }
    thread_pool(const thread_pool&) = delete;
    thread_pool& operator=(const thread_pool&) = delete;
    ~thread_pool() {
        {
            const std::lock_guard lock(mutex_);
            stopping_ = true;
        }
        start_.notify_all();
        for (auto& w : workers_) w.join();
    }

    /// The number of threads work is split across (the caller included).
    [[nodiscard]] std::size_t size() const { return size_; }

    /// Calls f(t) for every t in [0, size()), concurrently; f must not throw.
    template <class F>
    void run(F&& f) {
        using Fn = std::remove_reference_t<F>;
        if (size_ == 1) {
            f(std::size_t{0});
            return;
        }
        {
            const std::lock_guard lock(mutex_);
            task_ = [](void* context, std::size_t t) { (*static_cast<Fn*>(context))(t); };
            context_ = const_cast<void*>(static_cast<const void*>(std::addressof(f)));
            pending_ = size_ - 1;
            ++generation_;
        }
        start_.notify_all();
        f(std::size_t{0});
        std::unique_lock lock(mutex_);
        done_.wait(lock, [this] { return pending_ == 0; });
    }

    /// Scratch memory for per-thread partial results, grown on first need and kept (no allocation on
    /// later calls of the same size): bytes in which objects of types aligned for new (arrays of
    /// doubles, parameter sets) may be created.
    [[nodiscard]] void* scratch(std::size_t bytes) {
        if (bytes > scratch_size_) {
            scratch_ = std::make_unique<std::byte[]>(bytes);
            scratch_size_ = bytes;
        }
        return scratch_.get();
    }

private:
    void work(std::size_t t) {
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
            task(context, t);
            {
                const std::lock_guard lock(mutex_);
                if (--pending_ == 0) done_.notify_one();
            }
        }
    }

    std::size_t size_;
    std::vector<std::thread> workers_;
    std::mutex mutex_;
    std::condition_variable start_;
    std::condition_variable done_;
    std::uint64_t generation_ = 0;
    std::size_t pending_ = 0;
    bool stopping_ = false;
    void (*task_)(void*, std::size_t) = nullptr;
    void* context_ = nullptr;
    std::unique_ptr<std::byte[]> scratch_;
    std::size_t scratch_size_ = 0;
};

}  // namespace typegrad
