#!/usr/bin/env python3
"""Builds the run-time tables (markdown) and the chart's data from what run.sh measured.

usage: report.py [--p3-only] OUT_DIR BUILD_TAG... > table.md   (--p3-only: P3's tables alone)
Reads, for each build tag T (written by run.sh): OUT_DIR/T.label (compiler | flags), OUT_DIR/T.list
(bench --list), OUT_DIR/T.instructions ("PROBLEM IMPL INSTRUCTIONS_PER_STEP" lines), OUT_DIR/T.allocs
(bench --allocs) and OUT_DIR/T.json (Google Benchmark, repetitions with aggregates), and for P3
OUT_DIR/T.p3.instructions (p3_callgrind.py: "PROBLEM IMPL THREAD INSTRUCTIONS" lines). Writes
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


P3_NAMES = {
    "hand": "hand scalar",
    "hand-simd": "hand SIMD",
    "typegrad": "typegrad",
    "typegrad-seq": "typegrad sequential()",
    "eigen": "Eigen AutoDiffScalar",
    "libtorch": "libtorch",
}


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
    p3_only = sys.argv[1] == "--p3-only"
    args = sys.argv[2:] if p3_only else sys.argv[1:]
    out, tags = args[0], args[1:]
    builds, p3_builds = [], []
    for tag in tags:
        label = open(os.path.join(out, tag + ".label")).read().strip().split("|")
        problems, impls = read_list(os.path.join(out, tag + ".list"))
        steps = {p: s for p, _, s in problems}
        instr = {}
        for line in open(os.path.join(out, tag + ".instructions")) if not p3_only else []:
            p, i, v = line.split()
            instr[(p, i)] = float(v)
        allocs = {}
        for line in open(os.path.join(out, tag + ".allocs")):
            f = line.split()
            if f and f[0] == "allocs":
                allocs[(f[1], f[2])] = float(f[3])
        times, p3_times = {}, {}
        for b in json.load(open(os.path.join(out, tag + ".json")))["benchmarks"]:
            if b.get("aggregate_name") != "median":
                continue
            name = b["run_name"]
            if name.endswith("/real_time"):
                name = name[: -len("/real_time")]
            p, i = name.rsplit("/", 1)
            scale = {"ns": 1, "us": 1e3, "ms": 1e6, "s": 1e9}[b["time_unit"]]
            if p in steps:
                times[(p, i)] = b["cpu_time"] * scale / steps[p]
            else:  # P3: wall time (P3L/2 runs on two threads)
                p3_times[(p, i)] = b["real_time"] * scale
        for p, _, _ in problems if not p3_only else []:
            for i in impls:
                for what, d in (("instructions", instr), ("allocations", allocs), ("time", times)):
                    if (p, i) not in d:
                        sys.exit(f"report.py: no {what} for {p} {i} in build {tag}")
        builds.append((tag, label[0].strip(), label[1].strip(), problems, impls, instr, allocs, times))
        p3_builds.append(read_p3(out, tag, label[0].strip(), label[1].strip(), allocs, p3_times))

    if p3_only:
        p3_tables(p3_builds)
        return

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

    p3_tables(p3_builds)

    for tag, _, _, problems, _, instr, _, _ in builds:
        with open(os.path.join(out, tag + ".ratio.dat"), "w") as f:
            f.write("problem " + " ".join('"' + NAMES[i] + '"' for i in others) + "\n")
            for p, _, _ in problems:
                f.write(p + " " + " ".join(f"{instr[(p, i)] / instr[(p, 'hand')]:.6g}" for i in others) + "\n")


def read_p3(out, tag, compiler, flags, allocs, times):
    """One build's P3 figures: problems [(name, points, threads)], implementations per problem, and
    per (problem, impl): instructions per thread [main, worker-1, ...], wall time (ns), allocations."""
    problems, impls = [], {}
    for line in open(os.path.join(out, tag + ".list")):
        f = line.split()
        if f[0] == "data-problem":
            problems.append((f[1], int(f[3]), int(f[4])))
        elif f[0] == "data-implementation":
            impls.setdefault(f[1], []).append(f[2])
    threads = {}
    for line in open(os.path.join(out, tag + ".p3.instructions")):
        p, i, t, v = line.split()
        threads.setdefault((p, i), {})[t] = float(v)
    instr = {}
    for key, d in threads.items():
        instr[key] = [d["main"]] + [d[t] for t in sorted(d) if t != "main"]
    for p, _, _ in problems:
        for i in impls[p]:
            for what, d in (("instructions", instr), ("allocations", allocs), ("time", times)):
                if (p, i) not in d:
                    sys.exit(f"report.py: no P3 {what} for {p} {i} in build {tag}")
    return dict(tag=tag, compiler=compiler, flags=flags, problems=problems, impls=impls, instr=instr,
                allocs=allocs, times=times)


def p3_tables(p3_builds):
    order = list(P3_NAMES)
    columns = [i for i in order if any(i in b["impls"][p] for b in p3_builds for p, _, _ in b["problems"])]
    header = "| compiler | flags | problem | " + " | ".join(P3_NAMES[i] for i in columns) + " |"
    rule = "|---|---|---|" + "---:|" * len(columns)

    def table(title, value, fmt):
        print(title)
        print()
        print(header)
        print(rule)
        for b in p3_builds:
            for p, _, _ in b["problems"]:
                simd, scalar = value(b, p, "hand-simd"), value(b, p, "hand")
                cells = []
                for i in columns:
                    if i not in b["impls"][p]:
                        cells.append("-")
                    elif i == "hand":
                        cells.append(f"{fmt(scalar)} ({fmt_ratio(scalar / simd)} / 1)")
                    elif i == "hand-simd":
                        cells.append(f"{fmt(simd)} (1 / {fmt_ratio(simd / scalar)})")
                    else:
                        v = value(b, p, i)
                        cells.append(f"{fmt(v)} ({fmt_ratio(v / simd)} / {fmt_ratio(v / scalar)})")
                print(f"| {b['compiler']} | {b['flags']} | {p} | " + " | ".join(cells) + " |")
        print()

    table("P3 instructions per gradient, callgrind (two threads: the threads' total); in parentheses the "
          "ratio to the hand-written SIMD loop / to the hand-written scalar loop:",
          lambda b, p, i: sum(b["instr"][(p, i)]), fmt_count)
    table("P3 median wall time in microseconds per gradient, Google Benchmark; in parentheses the ratio to "
          "the hand-written SIMD loop / to the hand-written scalar loop:",
          lambda b, p, i: b["times"][(p, i)] / 1e3, fmt_time)

    print("P3L/2, instructions per thread per gradient (callgrind, --separate-threads=yes): the calling "
          "thread, the other thread(s), their total against P3L/1's one thread, and the largest thread "
          "over the smallest. Targets: every thread's share within 5% of the others, two-thread total at "
          "most 1.05x the one-thread total:")
    print()
    print("| compiler | flags | implementation | one thread (P3L/1) | calling thread | other thread(s) | "
          "two-thread total | total / one thread | largest / smallest thread | targets |")
    print("|---|---|---|---:|---:|---:|---:|---:|---:|---|")
    for b in p3_builds:
        for p, _, threads in b["problems"]:
            if threads < 2:
                continue
            points_of = {q: points for q, points, _ in b["problems"]}
            one = next(q for q, points, t in b["problems"] if t == 1 and points == points_of[p])
            for i in b["impls"][p]:
                per_thread = b["instr"][(p, i)]
                total, single = sum(per_thread), sum(b["instr"][(one, i)])
                spread = max(per_thread) / min(per_thread)
                met = len(per_thread) == threads and spread <= 1.05 and total <= 1.05 * single
                print(f"| {b['compiler']} | {b['flags']} | {P3_NAMES[i]} | {fmt_count(single)} | "
                      f"{fmt_count(per_thread[0])} | {' + '.join(fmt_count(v) for v in per_thread[1:])} | "
                      f"{fmt_count(total)} | {total / single:.3f} | {spread:.3f} | {'met' if met else 'not met'} |")
    print()

    print("Wall-time speedup of two threads over one (P3L/1 median time / P3L/2 median time; reported, "
          "not a target):")
    print()
    multi = [i for i in columns if any(i in b["impls"][p] for b in p3_builds for p, _, t in b["problems"] if t > 1)]
    print("| compiler | flags | " + " | ".join(P3_NAMES[i] for i in multi) + " |")
    print("|---|---|" + "---:|" * len(multi))
    for b in p3_builds:
        cells = []
        for i in multi:
            cells.append(f"{b['times'][('P3L/1', i)] / b['times'][('P3L/2', i)]:.2f}")
        print(f"| {b['compiler']} | {b['flags']} | " + " | ".join(cells) + " |")
    print()

    print("typegrad against the hand-written SIMD loop in instructions (target: at most 1.2x in the AVX2 "
          "builds, -O3 -march=native -mno-avx512f):")
    print()
    print("| compiler | flags | problem | typegrad / hand SIMD | hand SIMD / hand scalar | target |")
    print("|---|---|---|---:|---:|---|")
    for b in p3_builds:
        for p, _, _ in b["problems"]:
            tg, simd, scalar = (sum(b["instr"][(p, i)]) for i in ("typegrad", "hand-simd", "hand"))
            avx2 = "-march=native" in b["flags"] or "-mavx2" in b["flags"]
            verdict = ("met" if tg <= 1.2 * simd else "not met") if avx2 else "(SSE2: reported)"
            print(f"| {b['compiler']} | {b['flags']} | {p} | {tg / simd:.3f} | {simd / scalar:.3f} | {verdict} |")
    print()

    same = all(b["allocs"] == p3_builds[0]["allocs"] for b in p3_builds)
    print("P3 heap allocations per gradient, bench --allocs" + (" (the same in every build):" if same else ":"))
    print()
    rows = p3_builds[:1] if same else p3_builds
    print(("| problem | " if same else "| compiler | flags | problem | ") + " | ".join(P3_NAMES[i] for i in columns) + " |")
    print(("|---|" if same else "|---|---|---|") + "---:|" * len(columns))
    for b in rows:
        for p, _, _ in b["problems"]:
            lead = f"| {p} | " if same else f"| {b['compiler']} | {b['flags']} | {p} | "
            print(lead + " | ".join(f"{b['allocs'][(p, i)]:g}" if i in b["impls"][p] else "-" for i in columns) + " |")
    print()


if __name__ == "__main__":
    main()
