#!/usr/bin/env python3
"""P3's instruction counts (callgrind), one line per thread: run by run.sh for each build.

usage: p3_callgrind.py BENCH OUT_DIR TAG      writes OUT_DIR/TAG.p3.instructions

Lines "PROBLEM IMPL THREAD INSTRUCTIONS_PER_GRADIENT", THREAD being "main" (the calling thread) or
"worker-K" (the other threads an implementation ran on, K from 1).

- P3 and P3L/1 (one thread): one valgrind run of `bench --count` with every (implementation, problem,
  calls) triple, --toggle-collect=count_gradients and --dump-after=count_gradients as run.sh does for
  P1-P5: each dump's total, less count_gradients' own loop, divided by the calls.
- P3L/2 (two threads): callgrind's collection switch and its dumps triggered by a function are per
  thread (a dump after count_gradients holds the calling thread only), so: two runs with
  --separate-threads=yes, collection on throughout, --dump-before and --dump-after=count_gradients, the
  first with CALLS_A calls per triple, the second with CALLS_B. The calling thread: its dump after
  count_gradients (which starts at the dump before it), less count_gradients' own loop, divided by the
  calls. The other threads: their whole-run totals (the last dump, one file per thread) in the second
  run less those in the first, divided by CALLS_B - CALLS_A; everything else they did (starting, the
  agreement check) is the same in both runs and cancels. Each such thread is given to the
  implementation whose code it ran (from its functions' names).
- bench --count starts callgrind's instrumentation after its agreement check (a client request), so
  every run here uses --instr-atstart=no where bench was built with valgrind's header (bench --list
  says "count-starts-instrumentation yes"): the start-up (libtorch's alone is about 2.5e9
  instructions) and the check run at full speed.
- OMP_WAIT_POLICY=PASSIVE for every run: libtorch's OpenMP threads then sleep instead of spinning
  between parallel regions, so they count work, not waiting. Instructions spent in a thread library's
  own spin loops (libtorch also starts a pthreadpool that spins) still count.
"""
import os
import re
import subprocess
import sys

CALLS_A, CALLS_B = 1, 3


def calls_for(problem, impl):
    if problem == "P3":
        return {"hand-simd": 500, "typegrad": 500, "eigen": 50}.get(impl, 100)
    return {"hand-simd": 5, "typegrad": 5, "eigen": 1}.get(impl, 2)  # P3L/1: 100,000 points a call


def annotate(path):
    """(program total, count_gradients' own instructions, the report's text) of one callgrind file."""
    text = subprocess.run(["callgrind_annotate", "--threshold=100", path], capture_output=True, text=True,
                          check=True).stdout
    total = driver = 0
    for line in text.splitlines():
        fields = line.split()
        if "PROGRAM TOTALS" in line:
            total = int(fields[0].replace(",", ""))
        elif re.search(r":count_gradients ", line):
            driver = int(fields[0].replace(",", ""))
    return total, driver, text


def owner(text):
    """The implementation whose code a thread ran."""
    if "hand_simd::" in text:
        return "hand-simd"
    if "bench::hand::" in text:
        return "hand"
    if "typegrad::" in text:
        return "typegrad"
    if re.search(r"torch|gomp|sleef|pthreadpool", text):
        return "libtorch"
    return "other"


def valgrind(bench, out_file, options, triples, late_start):
    args = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out_file}"] + options
    if late_start:
        args.append("--instr-atstart=no")
    args += [bench, "--count"]
    for impl, problem, calls in triples:
        args += [impl, problem, str(calls)]
    env = dict(os.environ, OMP_WAIT_POLICY="PASSIVE")
    with open(out_file + ".count", "w") as out, open(out_file + ".valgrind", "w") as err:
        subprocess.run(args, stdout=out, stderr=err, env=env, check=True)


def main():
    bench, out, tag = sys.argv[1:4]
    listed = [line.split() for line in subprocess.run([bench, "--list"], capture_output=True, text=True,
                                                      check=True).stdout.splitlines()]
    threads = {f[1]: int(f[4]) for f in listed if f[0] == "data-problem"}
    impls = [(f[1], f[2]) for f in listed if f[0] == "data-implementation"]
    late_start = ["count-starts-instrumentation", "yes"] in listed
    lines = []

    # One thread.
    single = [(i, p, calls_for(p, i)) for p, i in impls if threads[p] == 1]
    prefix = os.path.join(out, tag + ".p3.cg")
    for name in os.listdir(out):
        if name.startswith(tag + ".p3.cg"):
            os.remove(os.path.join(out, name))
    valgrind(bench, prefix, ["--toggle-collect=count_gradients", "--dump-after=count_gradients"], single, late_start)
    for k, (impl, problem, calls) in enumerate(single, start=1):
        total, driver, _ = annotate(f"{prefix}.{k}")
        lines.append(f"{problem} {impl} main {(total - driver) / calls:.1f}")

    # Two threads.
    multi = [(i, p) for p, i in impls if threads[p] > 1]
    workers = {}
    for calls in (CALLS_A, CALLS_B):
        run = f"{prefix}.threads{calls}"
        valgrind(bench, run, ["--separate-threads=yes", "--dump-before=count_gradients",
                              "--dump-after=count_gradients"], [(i, p, calls) for i, p in multi], late_start)
        if calls == CALLS_B:
            for k, (impl, problem) in enumerate(multi, start=1):
                total, driver, _ = annotate(f"{run}.{2 * k}-01")  # dump 2k: after triple k
                lines.append(f"{problem} {impl} main {(total - driver) / calls:.1f}")
        for name in sorted(os.listdir(out)):
            m = re.fullmatch(re.escape(os.path.basename(run)) + r"-(\d+)", name)
            if m and m.group(1) != "01":
                total, _, text = annotate(os.path.join(out, name))
                workers.setdefault((owner(text), m.group(1)), {})[calls] = total
    for impl, problem in multi:
        mine = sorted(t for (o, t) in workers if o == impl)
        if not mine:
            sys.exit(f"p3_callgrind.py: no thread of {impl} found for {problem}")
        n = 0
        for t in mine:
            counts = workers[(impl, t)]
            per_call = (counts.get(CALLS_B, 0) - counts.get(CALLS_A, 0)) / (CALLS_B - CALLS_A)
            if per_call < 1:  # a thread that did nothing during the calls (libtorch's idle pthreadpool)
                continue
            n += 1
            lines.append(f"{problem} {impl} worker-{n} {per_call:.1f}")
    with open(os.path.join(out, tag + ".p3.instructions"), "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
