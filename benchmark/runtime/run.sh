#!/usr/bin/env bash
# Run-time benchmarks against other libraries: builds benchmark/runtime with g++ 12 and clang 19, each at
# -O2 and at -O3 -march=native -mno-avx512f (Release; valgrind 3.19 cannot run AVX-512 code), and for
# each of the four builds:
#   - checks that every implementation agrees with the hand-written one (bench --check; fails if not),
#   - counts heap allocations per gradient / training step (bench --allocs),
#   - times every problem and implementation with Google Benchmark (repetitions, median CPU time),
#   - counts instructions with callgrind: one valgrind run of bench --count with every (implementation,
#     problem, calls) triple, one dump per triple (--toggle-collect and --dump-after=count_gradients);
#     count_gradients' own loop is left out;
#   - counts P3's instructions per thread (p3_callgrind.py: three shorter valgrind runs, see there).
# Then writes OUT_DIR/table.md (report.py) and the chart doc/runtime_ratio.png (gnuplot): instructions
# relative to hand-written, log scale, one panel per build.
#   bash benchmark/runtime/run.sh [OUT_DIR]        (default /tmp/typegrad-runtime)
# Environment: TYPEGRAD_BENCH_REPETITIONS (5), TYPEGRAD_BENCH_MIN_TIME (0.05 seconds per repetition),
# TYPEGRAD_JOBS (build jobs, 1), TYPEGRAD_BENCH_CHART (where the PNG goes, doc/runtime_ratio.png),
# TYPEGRAD_BENCH_COMPILERS ("g++-12 clang++-19"), TYPEGRAD_BENCH_P3_ONLY (1: P3 alone: its benchmarks,
# its counts and its tables; no P1-P5 callgrind run and no chart).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="${1:-/tmp/typegrad-runtime}"
repetitions="${TYPEGRAD_BENCH_REPETITIONS:-5}"
min_time="${TYPEGRAD_BENCH_MIN_TIME:-0.05}"
jobs="${TYPEGRAD_JOBS:-1}"
chart="${TYPEGRAD_BENCH_CHART:-$root/doc/runtime_ratio.png}"
read -r -a compilers <<< "${TYPEGRAD_BENCH_COMPILERS:-g++-12 clang++-19}"
p3_only="${TYPEGRAD_BENCH_P3_ONLY:-0}"
benchmark_filter=()
[ "$p3_only" = 1 ] && benchmark_filter=(--benchmark_filter='^P3')

# Every library compared is required: the Debian packages are installed if missing, and the run fails
# if one is still missing (CMake fails too), so a comparison is never skipped silently.
packages=(cmake g++-12 clang-19 libboost1.81-dev libbenchmark-dev libeigen3-dev libtrilinos-sacado-dev
          libadolc-dev libtorch-dev valgrind gnuplot-nox python3)
missing() {
  local p
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || echo "$p"
  done
}
mapfile -t need < <(missing)
if ((${#need[@]})); then
  echo "=== installing ${need[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${need[@]}" >/dev/null
  mapfile -t need < <(missing)
  if ((${#need[@]})); then
    echo "run.sh: still missing after apt-get install: ${need[*]}" >&2
    exit 1
  fi
fi

# Calls per callgrind count: enough for a stable mean, few for the slow ones (P4 is 1,000 steps a call).
calls_for() {
  local problem="$1" impl="$2"
  case "$problem:$impl" in
    P4:hand | P4:typegrad | P4:eigen | P4:sacado-*) echo 5 ;;
    P4:*) echo 1 ;;
    P5:boost-fvar) echo 5 ;;
    P5:hand | P5:typegrad) echo 1000 ;;
    P5:*) echo 100 ;;
    *:libtorch | *:adolc-* ) echo 200 ;;
    P2:boost-fvar) echo 200 ;;
    *) echo 1000 ;;
  esac
}

mkdir -p "$out"
lscpu | sed -n 's/^Model name:[[:space:]]*//p' | head -1 > "$out/machine.txt"
{ g++-12 --version | head -1; clang++-19 --version | head -1; } > "$out/compilers.txt"
tags=()
for cxx in "${compilers[@]}"; do
  for flags in "-O2" "-O3 -march=native -mno-avx512f"; do
    case "$cxx" in g++*) name="g++ 12"; short=gcc ;; *) name="clang 19"; short=clang ;; esac
    tag="$short$(echo "$flags" | awk '{print $1}')"
    [ "$flags" = "-O2" ] || tag="$tag-native"
    tags+=("$tag")
    echo "$name | $flags" > "$out/$tag.label"
    build="$out/build-$tag"
    echo "=== $cxx $flags: build"
    start=$SECONDS
    cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_COMPILER="$cxx" \
      -DCMAKE_CXX_FLAGS_RELEASE="$flags -DNDEBUG" -DTYPEGRAD_BUILD_BENCHMARKS=ON \
      -DTYPEGRAD_BUILD_TESTS=OFF -DTYPEGRAD_BUILD_EXAMPLES=OFF >/dev/null
    cmake --build "$build" --target typegrad_runtime_bench -j "$jobs"
    echo "=== $cxx $flags: built in $((SECONDS - start)) s"
    bin="$build/benchmark/runtime/bench"
    "$bin" --list > "$out/$tag.list"
    "$bin" --check > "$out/$tag.check" || { cat "$out/$tag.check"; echo "run.sh: implementations disagree" >&2; exit 1; }
    "$bin" --allocs > "$out/$tag.allocs"
    echo "=== $cxx $flags: Google Benchmark"
    "$bin" --benchmark_repetitions="$repetitions" --benchmark_report_aggregates_only=true \
      --benchmark_min_time="$min_time" --benchmark_out="$out/$tag.json" --benchmark_out_format=json \
      "${benchmark_filter[@]}" > "$out/$tag.benchmark.txt"

    echo "=== $cxx $flags: P3 callgrind"
    start=$SECONDS
    python3 "$here/p3_callgrind.py" "$bin" "$out" "$tag"
    echo "=== $cxx $flags: P3 callgrind took $((SECONDS - start)) s"
    [ "$p3_only" = 1 ] && continue

    echo "=== $cxx $flags: callgrind"
    start=$SECONDS
    triples=()
    mapfile -t problems < <(awk '$1 == "problem" {print $2}' "$out/$tag.list")
    mapfile -t impls < <(awk '$1 == "implementation" {print $2}' "$out/$tag.list")
    for problem in "${problems[@]}"; do
      for impl in "${impls[@]}"; do triples+=("$impl" "$problem" "$(calls_for "$problem" "$impl")"); done
    done
    rm -f "$out/$tag.cg" "$out/$tag.cg".*
    valgrind --tool=callgrind --callgrind-out-file="$out/$tag.cg" --toggle-collect=count_gradients \
      --dump-after=count_gradients "$bin" --count "${triples[@]}" > "$out/$tag.count" 2> "$out/$tag.valgrind"
    : > "$out/$tag.instructions"
    k=0
    for ((t = 0; t < ${#triples[@]}; t += 3)); do
      k=$((k + 1))
      impl="${triples[t]}" problem="${triples[t + 1]}" calls="${triples[t + 2]}"
      steps=$(awk -v p="$problem" '$1 == "problem" && $2 == p {print $4}' "$out/$tag.list")
      dump="$out/$tag.cg.$k"
      [ -f "$dump" ] || { echo "run.sh: callgrind dump $dump is missing" >&2; exit 1; }
      annotated="$(callgrind_annotate --threshold=100 "$dump" 2>/dev/null)"
      total=$(awk '/PROGRAM TOTALS/ {gsub(",", "", $1); print $1}' <<<"$annotated")
      driver=$(awk '/:count_gradients / {gsub(",", "", $1); print $1}' <<<"$annotated")
      awk -v p="$problem" -v i="$impl" -v t="$total" -v d="${driver:-0}" -v n="$calls" -v s="$steps" \
        'BEGIN {printf "%s %s %.1f\n", p, i, (t - d) / (n * s)}' >> "$out/$tag.instructions"
    done
    echo "=== $cxx $flags: callgrind took $((SECONDS - start)) s"
  done
done

if [ "$p3_only" = 1 ]; then
  python3 "$here/report.py" --p3-only "$out" "${tags[@]}" > "$out/table.md"
  echo
  echo "machine: $(cat "$out/machine.txt")"
  cat "$out/compilers.txt"
  cat "$out/table.md"
  exit 0
fi
python3 "$here/report.py" "$out" "${tags[@]}" > "$out/table.md"

mkdir -p "$(dirname "$chart")"
gnuplot <<GNUPLOT
set terminal pngcairo size 1400,900 font "sans,10" noenhanced
set output "$chart"
set multiplot layout 2,2 title "Instructions per gradient (P4, P5: per training step) relative to hand-written, callgrind"
set logscale y
set yrange [0.5:100000]
set grid ytics
set ylabel "ratio to hand-written (log scale)"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.85 border -1
set boxwidth 0.9
set key top left horizontal font ",8"
$(for tag in "${tags[@]}"; do
  printf 'set title "%s"\nplot for [i=2:9] "%s" using i:xtic(1) title columnheader(i)\n' \
    "$(sed 's/ | /, /' "$out/$tag.label")" "$out/$tag.ratio.dat"
done)
unset multiplot
GNUPLOT

p3_chart="$(dirname "$chart")/p3_ratio.png"
bash "$here/p3_chart.sh" "$out/table.md" "$p3_chart"

echo
echo "machine: $(cat "$out/machine.txt")"
cat "$out/compilers.txt"
cat "$out/table.md"
echo "charts: $chart $p3_chart"
