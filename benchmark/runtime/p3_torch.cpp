// P3 with libtorch 1.13, vectorized over the points: float64 tensors of all 1,000 (P3) or 100,000 (P3L)
// points, made once; the seven parameters are 0-d leaf tensors that requires_grad, kept from call to
// call (as torch.cpp does). Each call writes p into them, builds the SSR with tensor operations
// (torch::softplus), resets the gradients to undefined, runs backward() and reads the gradients.
// Threads: at::set_num_threads(1) for P3 and P3L/1, 2 for P3L/2, set at the start of a call when the
// current count differs (the count is process-wide; the other torch problems run on tensors of three
// or sixteen entries, far below ATen's parallel grain of 32,768, so they never use a second thread).
// Compiled as C++17 with torch.cpp.
#include <cstddef>
#include <cstring>
#include <vector>

#include <ATen/Parallel.h>
#include <torch/torch.h>

#include "p3.hpp"

namespace bench {
namespace {
using ::torch::Tensor;

torch::TensorOptions float64() { return torch::TensorOptions().dtype(torch::kFloat64); }

Tensor column(const double* values, std::size_t count) {
    return torch::from_blob(const_cast<double*>(values), {static_cast<int64_t>(count)}, float64()).clone();
}

struct model {
    std::vector<Tensor> params;  // b1 b2 b3 w1 w2 w3 w4
    Tensor xs, ys;
    explicit model(std::size_t count) {
        for (std::size_t k = 0; k < p3::n; ++k) params.push_back(torch::zeros({}, float64()).requires_grad_());
        const p3::points_view d = p3::data(count);
        xs = column(d.x, d.size);
        ys = column(d.y, d.size);
    }
    Tensor loss() const {
        const Tensor &b1 = params[0], &b2 = params[1], &b3 = params[2], &w1 = params[3], &w2 = params[4],
                     &w3 = params[5], &w4 = params[6];
        const Tensor net = w3 * torch::softplus(w1 * xs + b1) + w4 * torch::softplus(w2 * xs + b2) + b3;
        return (net - ys).square().sum();
    }
};

model& model_of(std::size_t count) {
    static model* small = new model(p3::points);  // never destroyed: no teardown order to get wrong at exit
    static model* large = new model(p3::large_points);
    return count == p3::points ? *small : *large;
}

double gradient(std::size_t count, int threads, const double* p, double* g) {
    if (at::get_num_threads() != threads) at::set_num_threads(threads);
    model& m = model_of(count);
    for (std::size_t k = 0; k < p3::n; ++k) {
        m.params[k].data_ptr<double>()[0] = p[k];
        m.params[k].mutable_grad().reset();
    }
    const Tensor loss = m.loss();
    loss.backward();
    for (std::size_t k = 0; k < p3::n; ++k) g[k] = m.params[k].grad().data_ptr<double>()[0];
    return loss.data_ptr<double>()[0];
}
}  // namespace

double libtorch::p3(const double* p, double* g, double*) { return gradient(p3::points, 1, p, g); }
double libtorch::p3l1(const double* p, double* g, double*) { return gradient(p3::large_points, 1, p, g); }
double libtorch::p3l2(const double* p, double* g, double*) { return gradient(p3::large_points, 2, p, g); }
}  // namespace bench
