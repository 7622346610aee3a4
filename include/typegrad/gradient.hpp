// typegrad/gradient.hpp: expressions and their gradients, and nothing more. Parameters, inputs and
// constants, every op and activation, d(), evaluate, value_and_gradient, parameter sets,
// check_gradient and the one-sample losses; no data sets, training, threads, SIMD batches, printing
// or files. For a program that only takes gradients it is the cheaper include: it brings no standard
// header heavier than <tuple> (not <cmath> or <algorithm>; the maths of numbers are the compilers'
// builtins), and costs about a quarter of the umbrella header's compile time. typegrad.hpp includes it
// first.
#pragma once

#include "typegrad/core/fixed_string.hpp"
#include "typegrad/core/math.hpp"
#include "typegrad/core/nodes.hpp"
#include "typegrad/core/op_contract.hpp"
#include "typegrad/core/parameter_set.hpp"
#include "typegrad/ops/abs.hpp"
#include "typegrad/ops/arithmetic.hpp"
#include "typegrad/ops/elu.hpp"
#include "typegrad/ops/exp.hpp"
#include "typegrad/ops/gelu.hpp"
#include "typegrad/ops/hyperbolic.hpp"
#include "typegrad/ops/log.hpp"
#include "typegrad/ops/log1p.hpp"
#include "typegrad/ops/pow.hpp"
#include "typegrad/ops/relu.hpp"
#include "typegrad/ops/sigmoid.hpp"
#include "typegrad/ops/silu.hpp"
#include "typegrad/ops/softplus.hpp"
#include "typegrad/ops/sqrt.hpp"
#include "typegrad/ops/square.hpp"
#include "typegrad/ops/step.hpp"
#include "typegrad/ops/tanh.hpp"
#include "typegrad/engine/bindings.hpp"
#include "typegrad/engine/check_gradient.hpp"
#include "typegrad/engine/derivative.hpp"
#include "typegrad/engine/evaluate.hpp"
#include "typegrad/engine/graph.hpp"
#include "typegrad/engine/parameters.hpp"
#include "typegrad/loss/losses.hpp"
