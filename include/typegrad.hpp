// typegrad.hpp: the whole library. `#include <typegrad.hpp>` and `namespace tg = typegrad;`.
#pragma once

#include "typegrad/gradient.hpp"  // expressions, ops, derivatives and gradients

#include "typegrad/data/data_set.hpp"
#include "typegrad/data/random.hpp"
#include "typegrad/loss/data_loss.hpp"
#include "typegrad/nn/init.hpp"
#include "typegrad/optim/optimizers.hpp"
#include "typegrad/optim/train.hpp"
#include "typegrad/parallel/thread_pool.hpp"
#include "typegrad/simd/batch.hpp"

#include "typegrad/io/dot.hpp"
#include "typegrad/io/export.hpp"
#include "typegrad/io/latex.hpp"
#include "typegrad/io/print.hpp"
