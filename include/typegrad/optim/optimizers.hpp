// typegrad/optim/optimizers.hpp: update rules behind one interface. State is plain values (parameter
// sets) that the user can copy, save and restore; no step allocates.
//
// An optimizer O provides
//   template <class Set> struct state;                    // what it remembers between steps
//   void step(theta, gradient, state<Set>&) const;         // theta -= its update
//   double learning_rate;                                  // checked before a run (finite, > 0)
// theta and the gradient are parameter sets of type Set, or parameter maps of it (memory the caller
// owns, see map_parameters), in any mix.
#pragma once

#include <cmath>
#include <cstddef>

#include "typegrad/core/parameter_set.hpp"

namespace typegrad {

/// Plain gradient descent: theta -= learning_rate * gradient.
struct sgd {
    double learning_rate = 0.01;

    template <class Set>
    struct state {};

    template <class Set, class Theta, class Gradient>
    constexpr void step(Theta&& theta, const Gradient& gradient, state<Set>&) const {
        detail::check_step<Set, Theta, Gradient>();
        using T = typename Set::value_type;
        for (std::size_t i = 0; i < Set::size(); ++i) theta.values[i] -= static_cast<T>(learning_rate) * gradient.values[i];
    }
};

/// Gradient descent with (heavy-ball) momentum: v = beta*v + gradient; theta -= learning_rate * v.
struct momentum {
    double learning_rate = 0.01;
    double beta = 0.9;

    template <class Set>
    struct state {
        Set velocity{};
    };

    template <class Set, class Theta, class Gradient>
    constexpr void step(Theta&& theta, const Gradient& gradient, state<Set>& s) const {
        detail::check_step<Set, Theta, Gradient>();
        using T = typename Set::value_type;
        for (std::size_t i = 0; i < Set::size(); ++i) {
            s.velocity.values[i] = static_cast<T>(beta) * s.velocity.values[i] + gradient.values[i];
            theta.values[i] -= static_cast<T>(learning_rate) * s.velocity.values[i];
        }
    }
};

/// Adam (Kingma and Ba) with bias correction and the usual defaults:
/// m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g^2; theta -= lr * m^ / (sqrt(v^) + eps),
/// with m^ = m/(1 - b1^t), v^ = v/(1 - b2^t) at step t.
struct adam {
    double learning_rate = 0.001;
    double beta1 = 0.9;
    double beta2 = 0.999;
    double epsilon = 1e-8;

    template <class Set>
    struct state {
        Set m{};
        Set v{};
        std::size_t t = 0;
        double beta1_power = 1;  // beta1^t, kept to avoid pow() per step
        double beta2_power = 1;
    };

    template <class Set, class Theta, class Gradient>
    void step(Theta&& theta, const Gradient& gradient, state<Set>& s) const {
        detail::check_step<Set, Theta, Gradient>();
        using T = typename Set::value_type;
        ++s.t;
        s.beta1_power *= beta1;
        s.beta2_power *= beta2;
        const T c1 = static_cast<T>(1 - s.beta1_power);
        const T c2 = static_cast<T>(1 - s.beta2_power);
        for (std::size_t i = 0; i < Set::size(); ++i) {
            const T g = gradient.values[i];
            s.m.values[i] = static_cast<T>(beta1) * s.m.values[i] + static_cast<T>(1 - beta1) * g;
            s.v.values[i] = static_cast<T>(beta2) * s.v.values[i] + static_cast<T>(1 - beta2) * g * g;
            const T m_hat = s.m.values[i] / c1;
            const T v_hat = s.v.values[i] / c2;
            theta.values[i] -= static_cast<T>(learning_rate) * m_hat / (std::sqrt(v_hat) + static_cast<T>(epsilon));
        }
    }
};

}  // namespace typegrad
