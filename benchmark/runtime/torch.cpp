// libtorch (PyTorch's C++ API, 1.13), float64, one thread (torch::set_num_threads(1)), autograd: the
// parameters are leaf tensors that requires_grad, kept from call to call as a PyTorch user keeps a
// model's; each call writes p into them, builds the loss with tensor operations (the data as small
// tensors, P5's layer as torch::mv and torch::dot), runs backward(), and for P4/P5 lets
// torch::optim::SGD (lr 0.1, no momentum) update them. Gradients are reset to undefined before each
// backward (zero_grad(set_to_none)). Compiled as C++17: libtorch 1.13's headers do not compile with
// clang 19 in C++20 mode.
#include <cstddef>
#include <cstring>
#include <vector>

#include <torch/torch.h>

#include "problems.hpp"

namespace bench {
namespace {
using ::torch::Tensor;

torch::TensorOptions float64() {
    static const bool one_thread = (torch::set_num_threads(1), true);
    (void)one_thread;
    return torch::TensorOptions().dtype(torch::kFloat64);
}

Tensor parameter(std::vector<int64_t> shape = {}) { return torch::zeros(shape, float64()).requires_grad_(); }

template <std::size_t N>
Tensor constant(const std::array<double, N>& values) {
    return torch::from_blob(const_cast<double*>(values.data()), {static_cast<int64_t>(N)}, float64()).clone();
}

double scalar(const Tensor& t) { return t.data_ptr<double>()[0]; }

void clear_gradients(std::vector<Tensor>& params) {
    for (auto& t : params) t.mutable_grad().reset();
}

// Copies between p and a list of tensors laid out one after the other in p's order.
void write(std::vector<Tensor>& params, const double* p) {
    for (auto& t : params) {
        std::memcpy(t.data_ptr<double>(), p, static_cast<std::size_t>(t.numel()) * sizeof(double));
        p += t.numel();
    }
}
void read(const std::vector<Tensor>& tensors, double* p) {
    for (const auto& t : tensors) {
        const Tensor c = t.contiguous();
        std::memcpy(p, c.data_ptr<double>(), static_cast<std::size_t>(c.numel()) * sizeof(double));
        p += c.numel();
    }
}
std::vector<Tensor> gradients(const std::vector<Tensor>& params) {
    std::vector<Tensor> out;
    out.reserve(params.size());
    for (const auto& t : params) out.push_back(t.grad());
    return out;
}

struct p1_model {
    std::vector<Tensor> params{parameter(), parameter()};  // intercept, slope
    Tensor xs = constant(p1::xs), ys = constant(p1::ys);
    Tensor loss() { return ((params[1] * xs + params[0]) - ys).square().sum(); }
};

struct p2_model {
    std::vector<Tensor> params{parameter(), parameter(), parameter(), parameter(),
                               parameter(), parameter(), parameter()};  // b1 b2 b3 w1 w2 w3 w4
    Tensor xs = constant(p2::xs), ys = constant(p2::ys);
    Tensor loss() {
        const Tensor &b1 = params[0], &b2 = params[1], &b3 = params[2], &w1 = params[3], &w2 = params[4],
                     &w3 = params[5], &w4 = params[6];
        const Tensor net = w3 * torch::softplus(w1 * xs + b1) + w4 * torch::softplus(w2 * xs + b2) + b3;
        return (net - ys).square().sum();
    }
};

struct p5_model {
    // In p's order: b (16), c, v (16), W (16 x 8, row-major).
    std::vector<Tensor> params{parameter({p5::hidden}), parameter(), parameter({p5::hidden}),
                               parameter({p5::hidden, p5::inputs})};
    Tensor x = constant(p5::x);
    Tensor loss() {
        const Tensor h = torch::tanh(torch::mv(params[3], x) + params[0]);
        const Tensor o = torch::dot(params[2], h) + params[1];
        return (o - p5::y).square();
    }
};

template <class Model>
Model& model() {
    static Model* m = new Model;  // never destroyed: no teardown order to get wrong at exit
    return *m;
}

template <class Model>
double gradient(const double* p, double* g) {
    Model& m = model<Model>();
    write(m.params, p);
    clear_gradients(m.params);
    const Tensor loss = m.loss();
    loss.backward();
    read(gradients(m.params), g);
    return scalar(loss);
}

template <class Model>
struct trainer {
    Model m;
    torch::optim::SGD optimizer{m.params, torch::optim::SGDOptions(0.1)};
};

template <class Model>
double train(const double* p, double* g, double* next, std::size_t steps) {
    trainer<Model>& t = model<trainer<Model>>();
    {
        torch::NoGradGuard no_grad;
        write(t.m.params, p);
    }
    double value = 0;
    for (std::size_t step = 0; step < steps; ++step) {
        clear_gradients(t.m.params);
        const Tensor loss = t.m.loss();
        loss.backward();
        value = scalar(loss);
        t.optimizer.step();
    }
    read(gradients(t.m.params), g);
    read(t.m.params, next);
    return value;
}
}  // namespace

static_assert(p4::learning_rate == 0.1 && p5::learning_rate == 0.1, "the SGD options above say 0.1");

double libtorch::p1(const double* p, double* g, double*) { return gradient<p1_model>(p, g); }
double libtorch::p2(const double* p, double* g, double*) { return gradient<p2_model>(p, g); }
double libtorch::p4(const double* p, double* g, double* next) { return train<p2_model>(p, g, next, p4::steps); }
double libtorch::p5(const double* p, double* g, double* next) { return train<p5_model>(p, g, next, 1); }
}  // namespace bench
