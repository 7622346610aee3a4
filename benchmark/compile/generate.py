#!/usr/bin/env python3
"""Writes scalar networks of one fixed shape at growing size, as typegrad code and as plain C++.

Shape: K inputs x0..x{K-1}; H hidden softplus units h_j = softplus(sum_k w_j_k*x_k + b_j), the sums
unrolled left to right; output o = sum_j v_j*h_j + c, unrolled left to right; loss = (y - o)^2.
Unique nodes (leaves included): K + 1 inputs, H*(K + 2) + 1 parameters, H*(2K + 1) sum/product nodes
plus H softplus nodes, 2H + 1 output nodes, 2 loss nodes.

Two plain C++ versions (no templates) of the same gradient:
- plain_K_H.cpp: factored by hand (the hidden unit's adjoint computed once and reused), the least code;
- sweep_K_H.cpp: what a fused sweep is after inlining, one statement per unique node going forward and
  one per operand going backward (adjoints accumulated with +=): the same computation typegrad emits,
  written out, so it is the floor for a compiler's optimizer on that code.

The typegrad file includes typegrad/gradient.hpp, the library's header for expressions and their
gradients (about 0.3 s less than the umbrella header typegrad.hpp on g++ 12, at every size).
typegrad_sum_K_H.cpp is the same network with each sum written as tg::sum(...) instead of with +: the
same expression type, built by one function per sum instead of one per +.

usage: generate.py K H OUT_DIR   -> OUT_DIR/{typegrad,typegrad_sum,plain,sweep}_K_H.cpp
"""
import sys


def unique_nodes(k, h):
    inputs = k + 1
    params = h * (k + 2) + 1
    hidden = h * (2 * k + 1)  # K products, K additions (K-1 within the sum, 1 for the bias), softplus
    output = 2 * h + 1        # H products, H additions (H-1 within the sum, 1 for c)... and c itself counted above
    loss = 2                  # y - o, square
    return inputs + params + hidden + output + loss - 1


def typegrad_source(k, h, with_sum=False):
    def add(terms):  # t1 + t2 + ... + tn, or tg::sum(t1, t2, ..., tn): the same expression
        return "tg::sum(" + ", ".join(terms) + ")" if with_sum else " + ".join(terms)

    lines = ["#include <typegrad/gradient.hpp>", "namespace tg = typegrad;", "namespace {"]
    for i in range(k):
        lines.append(f'constexpr auto x{i} = tg::input<"x{i}">;')
    lines.append('constexpr auto y = tg::input<"y">;')
    units = []
    for j in range(h):
        s = add([f'tg::param<"w{j}_{i}"> * x{i}' for i in range(k)] + [f'tg::param<"b{j}">'])
        units.append(f'tg::param<"v{j}"> * tg::softplus({s})')
    lines.append("constexpr auto net = " + add(units + ['tg::param<"c">']) + ";")
    lines.append("constexpr auto loss = tg::square(y - net);")
    lines.append("using parameters = tg::parameter_set_for_t<double, decltype(loss)>;")
    lines.append("}  // namespace")
    args = ", ".join(f"x{i} = xs[{i}]" for i in range(k))
    lines.append(
        "double gradient(const parameters& theta, const double* xs, double yv, parameters& g) {\n"
        f"    const auto r = tg::value_and_gradient(loss, theta, {args}, y = yv);\n"
        "    g = r.gradient;\n    return r.value;\n}")
    return "\n".join(lines) + "\n"


def plain_source(k, h):
    n_params = h * (k + 2) + 1
    out = ["#include <cmath>",
           "// The same gradient as straight-line C++: the floor any approach pays at -O2.",
           "double gradient(const double* p, const double* xs, double y, double* g) {"]
    # parameter layout: for unit j: w_j_0..w_j_{k-1}, b_j, v_j; then c
    def w(j, i): return f"p[{j * (k + 2) + i}]"
    def b(j): return f"p[{j * (k + 2) + k}]"
    def v(j): return f"p[{j * (k + 2) + k + 1}]"
    c = f"p[{h * (k + 2)}]"
    for j in range(h):
        terms = " + ".join(f"{w(j, i)} * xs[{i}]" for i in range(k))
        out.append(f"    const double z{j} = {terms} + {b(j)};")
        out.append(f"    const double e{j} = std::exp(-std::fabs(z{j}));")
        out.append(f"    const double a{j} = (z{j} > 0 ? z{j} : 0) + std::log1p(e{j});")
        out.append(f"    const double s{j} = z{j} >= 0 ? 1 / (1 + e{j}) : e{j} / (1 + e{j});")
    out.append("    const double o = " + " + ".join(f"{v(j)} * a{j}" for j in range(h)) + f" + {c};")
    out.append("    const double r = y - o;")
    out.append("    const double dr = -2 * r;")
    for j in range(h):
        out.append(f"    g[{j * (k + 2) + k + 1}] = dr * a{j};")
        out.append(f"    const double t{j} = dr * {v(j)} * s{j};")
        out.append(f"    g[{j * (k + 2) + k}] = t{j};")
        for i in range(k):
            out.append(f"    g[{j * (k + 2) + i}] = t{j} * xs[{i}];")
    out.append(f"    g[{h * (k + 2)}] = dr;")
    out.append("    return r * r;\n}")
    _ = n_params
    return "\n".join(out) + "\n"


def sweep_source(k, h):
    # The unique nodes in topological order: (name, op, operands); leaves have op "p" (parameter) or "x".
    nodes = []
    index = {}

    def node(op, *args):
        key = (op,) + args
        if key not in index:
            index[key] = len(nodes)
            nodes.append(key)
        return index[key]

    pnum = {}

    def param(name):
        if name not in pnum:
            pnum[name] = len(pnum)
        return node("p", pnum[name])

    xs = [node("x", i) for i in range(k)]
    y = node("y")
    total = None
    for j in range(h):
        s = None
        for i in range(k):
            t = node("*", param(f"w{j}_{i}"), xs[i])
            s = t if s is None else node("+", s, t)
        s = node("+", s, param(f"b{j}"))
        u = node("*", param(f"v{j}"), node("softplus", s))
        total = u if total is None else node("+", total, u)
    total = node("+", total, param("c"))
    loss = node("square", node("-", y, total))

    out = ["#include <cmath>",
           "// The same gradient as a fused sweep written out: one statement per node, then per operand.",
           "double gradient(const double* p, const double* xs, double y, double* g) {"]
    for n, key in enumerate(nodes):
        op = key[0]
        if op == "p":
            out.append(f"    const double v{n} = p[{key[1]}];")
        elif op == "x":
            out.append(f"    const double v{n} = xs[{key[1]}];")
        elif op == "y":
            out.append(f"    const double v{n} = y;")
        elif op == "softplus":
            a = key[1]
            out.append(f"    const double e{n} = std::exp(-std::fabs(v{a}));")
            out.append(f"    const double v{n} = (v{a} > 0 ? v{a} : 0) + std::log1p(e{n});")
        elif op == "square":
            out.append(f"    const double v{n} = v{key[1]} * v{key[1]};")
        else:
            out.append(f"    const double v{n} = v{key[1]} {op} v{key[2]};")
    for n in range(len(nodes)):
        out.append(f"    double a{n} = {'1' if n == loss else '0'};")
    for n in reversed(range(len(nodes))):
        key = nodes[n]
        op = key[0]
        if op == "softplus":
            a = key[1]
            out.append(f"    a{a} += a{n} * (v{a} >= 0 ? 1 / (1 + e{n}) : e{n} / (1 + e{n}));")
        elif op == "square":
            out.append(f"    a{key[1]} += a{n} * 2 * v{key[1]};")
        elif op == "*":
            out.append(f"    a{key[1]} += a{n} * v{key[2]};")
            out.append(f"    a{key[2]} += a{n} * v{key[1]};")
        elif op == "+":
            out.append(f"    a{key[1]} += a{n};")
            out.append(f"    a{key[2]} += a{n};")
        elif op == "-":
            out.append(f"    a{key[1]} += a{n};")
            out.append(f"    a{key[2]} -= a{n};")
        elif op == "p":
            out.append(f"    g[{key[1]}] = a{n};")
    out.append(f"    return v{loss};\n}}")
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    k, h, out_dir = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    with open(f"{out_dir}/typegrad_{k}_{h}.cpp", "w") as f:
        f.write(typegrad_source(k, h))
    with open(f"{out_dir}/typegrad_sum_{k}_{h}.cpp", "w") as f:
        f.write(typegrad_source(k, h, with_sum=True))
    with open(f"{out_dir}/plain_{k}_{h}.cpp", "w") as f:
        f.write(plain_source(k, h))
    with open(f"{out_dir}/sweep_{k}_{h}.cpp", "w") as f:
        f.write(sweep_source(k, h))
    print(unique_nodes(k, h))
