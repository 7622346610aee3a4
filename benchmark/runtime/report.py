#!/usr/bin/env python3
"""Builds the run-time tables (markdown) and the chart's data from what run.sh measured.

usage: report.py OUT_DIR BUILD_TAG... > table.md
Reads, for each build tag T (written by run.sh): OUT_DIR/T.label (compiler | flags), OUT_DIR/T.list
(bench --list), OUT_DIR/T.instructions ("PROBLEM IMPL INSTRUCTIONS_PER_STEP" lines), OUT_DIR/T.allocs
(bench --allocs) and OUT_DIR/T.json (Google Benchmark, repetitions with aggregates). Writes
OUT_DIR/T.ratio.dat (instruction ratios to hand-written, a row per problem, a column per implementation)
for the chart.
"""
import json
import os
import sys

NAMES = {
    "hand": "hand-written",
    "typegrad": "typegrad",
    "eigen": "Eigen AutoDiffScalar",
    "sacado-sfad": "Sacado SFad",
    "sacado-elrfad": "Sacado ELRFad",
    "adolc-once": "ADOL-C tape once",
    "adolc-retape": "ADOL-C re-tape",
    "boost-fvar": "Boost.Math fvar",
    "libtorch": "libtorch",
}


def fmt_count(x):
    return f"{x:,.0f}"


def fmt_time(ns):
    if ns >= 100:
        return f"{ns:,.0f}"
    if ns >= 10:
        return f"{ns:.1f}"
    return f"{ns:.2f}"


def fmt_ratio(r):
    if r >= 100:
        return f"{r:,.0f}"
    if r >= 10:
        return f"{r:.1f}"
    return f"{r:.2f}"


def read_list(path):
    problems, impls = [], []
    for line in open(path):
        f = line.split()
        if f[0] == "problem":
            problems.append((f[1], int(f[2]), int(f[3])))
        elif f[0] == "implementation":
            impls.append(f[1])
    return problems, impls


def main():
    out, tags = sys.argv[1], sys.argv[2:]
    builds = []
    for tag in tags:
        label = open(os.path.join(out, tag + ".label")).read().strip().split("|")
        problems, impls = read_list(os.path.join(out, tag + ".list"))
        steps = {p: s for p, _, s in problems}
        instr = {}
        for line in open(os.path.join(out, tag + ".instructions")):
            p, i, v = line.split()
            instr[(p, i)] = float(v)
        allocs = {}
        for line in open(os.path.join(out, tag + ".allocs")):
            f = line.split()
            if f and f[0] == "allocs":
                allocs[(f[1], f[2])] = float(f[3])
        times = {}
        for b in json.load(open(os.path.join(out, tag + ".json")))["benchmarks"]:
            if b.get("aggregate_name") != "median":
                continue
            p, i = b["run_name"].split("/")
            scale = {"ns": 1, "us": 1e3, "ms": 1e6, "s": 1e9}[b["time_unit"]]
            times[(p, i)] = b["cpu_time"] * scale / steps[p]
        for p, _, _ in problems:
            for i in impls:
                for what, d in (("instructions", instr), ("allocations", allocs), ("time", times)):
                    if (p, i) not in d:
                        sys.exit(f"report.py: no {what} for {p} {i} in build {tag}")
        builds.append((tag, label[0].strip(), label[1].strip(), problems, impls, instr, allocs, times))

    impls = builds[0][4]
    others = [i for i in impls if i != "hand"]
    header = "| compiler | flags | problem | " + " | ".join(NAMES[i] for i in impls) + " |"
    rule = "|---|---|---|" + "---:|" * len(impls)

    def table(title, metric, fmt):
        print(title)
        print()
        print(header)
        print(rule)
        for tag, compiler, flags, problems, _, instr, allocs, times in builds:
            d = {"instructions": instr, "time": times}[metric]
            for p, _, _ in problems:
                hand = d[(p, "hand")]
                cells = [fmt(hand)] + [f"{fmt(d[(p, i)])} ({fmt_ratio(d[(p, i)] / hand)})" for i in others]
                print(f"| {compiler} | {flags} | {p} | " + " | ".join(cells) + " |")
        print()

    table("Instructions per gradient (P4, P5: per training step), callgrind; ratio to hand-written in "
          "parentheses:", "instructions", fmt_count)
    table("Median CPU time in ns per gradient (P4, P5: per training step), Google Benchmark; ratio to "
          "hand-written in parentheses:", "time", fmt_time)

    # Allocations: one table if every build counted the same, else one row per build.
    same = all(b[6] == builds[0][6] for b in builds)
    print("Heap allocations per gradient (P4, P5: per training step), counted by bench --allocs"
          + (" (the same in all four builds):" if same else ":"))
    print()
    if same:
        print("| problem | " + " | ".join(NAMES[i] for i in impls) + " |")
        print("|---|" + "---:|" * len(impls))
        for p, _, _ in builds[0][3]:
            print(f"| {p} | " + " | ".join(f"{builds[0][6][(p, i)]:g}" for i in impls) + " |")
    else:
        print(header)
        print(rule)
        for tag, compiler, flags, problems, _, _, allocs, _ in builds:
            for p, _, _ in problems:
                print(f"| {compiler} | {flags} | {p} | " + " | ".join(f"{allocs[(p, i)]:g}" for i in impls) + " |")
    print()

    for tag, _, _, problems, _, instr, _, _ in builds:
        with open(os.path.join(out, tag + ".ratio.dat"), "w") as f:
            f.write("problem " + " ".join('"' + NAMES[i] + '"' for i in others) + "\n")
            for p, _, _ in problems:
                f.write(p + " " + " ".join(f"{instr[(p, i)] / instr[(p, 'hand')]:.6g}" for i in others) + "\n")


if __name__ == "__main__":
    main()
