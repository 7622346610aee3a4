// typegrad/loss/losses.hpp: per-sample losses as expressions, and an L2 penalty.
#pragma once

#include "typegrad/ops/arithmetic.hpp"
#include "typegrad/ops/softplus.hpp"
#include "typegrad/ops/square.hpp"

namespace typegrad {

/// squared_error(prediction, target) = (prediction - target)^2: one sample's squared residual. Summed
/// over a data set (sum_over) it is the sum of squared residuals (SSR); averaged (mean_over), the MSE.
template <operand P, operand Y>
constexpr auto squared_error(const P& prediction, const Y& target) {
    return square(prediction - target);
}

/// bce_with_logits(z, y) = softplus(z) - y*z: binary cross-entropy of a logit z against a label y in
/// [0, 1], i.e. -(y log sigmoid(z) + (1 - y) log(1 - sigmoid(z))), written through the stable softplus so
/// it stays finite at any z (the sigmoid-then-log form gives log(0) for |z| above about 37).
template <operand Z, operand Y>
constexpr auto bce_with_logits(const Z& logit, const Y& label) {
    return softplus(logit) - label * logit;
}

/// l2(p1, p2, ...) = p1^2 + p2^2 + ...: an L2 penalty on the given parameters, to add to a loss with a
/// weight (`sum_over(e, data) + 0.01 * l2(w1, w2)`).
template <leaf_expression... Leaves>
constexpr auto l2(const Leaves&... leaves) {
    static_assert(sizeof...(Leaves) > 0, "typegrad: l2(...) needs at least one parameter");
    return (square(leaves) + ...);
}

}  // namespace typegrad
