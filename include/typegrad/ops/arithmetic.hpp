// typegrad/ops/arithmetic.hpp: + - * / and unary minus, with constant folding.
#pragma once

#include "typegrad/ops/add.hpp"
#include "typegrad/ops/divide.hpp"
#include "typegrad/ops/multiply.hpp"
#include "typegrad/ops/negate.hpp"
#include "typegrad/ops/subtract.hpp"
