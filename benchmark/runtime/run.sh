#!/usr/bin/env bash
# Run-time benchmarks against other libraries: builds benchmark/runtime at -O2 and at
# -O3 -march=native -mno-avx512f (Release, g++ 12), checks that every implementation agrees with the
# hand-written one, runs Google Benchmark briefly, and counts instructions per gradient with callgrind
# (N gradients in count_gradients(), --toggle-collect; the driver loop's own instructions are left out),
# printing a table with ratios to hand-written.
#   bash benchmark/runtime/run.sh [OUT_DIR]        (default /tmp/typegrad-runtime)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="${1:-/tmp/typegrad-runtime}"
calls=1000
cxx="${CXX:-g++-12}"

# The Debian packages this needs, installed if missing (as .ci/install does).
packages=(cmake g++-12 libboost1.81-dev libbenchmark-dev libeigen3-dev valgrind bc)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "=== installing ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi

mkdir -p "$out"
table="$out/table.md"
echo "| compiler | flags | problem | implementation | instructions per gradient | ratio to hand-written |" > "$table"
echo "|---|---|---|---|---:|---:|" >> "$table"
for flags in "-O2" "-O3 -march=native -mno-avx512f"; do
  tag="$(echo "$flags" | tr -d ' =')"
  build="$out/build$tag"
  echo "=== $cxx $flags"
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_COMPILER="$cxx" \
    -DCMAKE_CXX_FLAGS_RELEASE="$flags -DNDEBUG" -DTYPEGRAD_BUILD_BENCHMARKS=ON \
    -DTYPEGRAD_BUILD_TESTS=OFF -DTYPEGRAD_BUILD_EXAMPLES=OFF >/dev/null
  cmake --build "$build" --target typegrad_runtime_bench -j1
  bin="$build/benchmark/runtime/bench"
  "$bin" --check
  "$bin" --benchmark_min_time=0.1 2>&1 | tee "$out/benchmark$tag.txt"
  for problem in P1 P2; do
    hand=""
    for impl in hand typegrad eigen boost; do
      cg="$out/$tag.$problem.$impl.cg"
      valgrind --tool=callgrind --callgrind-out-file="$cg" --toggle-collect=count_gradients \
        "$bin" --count "$impl" "$problem" "$calls" >/dev/null 2>&1
      # everything under count_gradients, less its own loop and indirect call (about 9 per gradient)
      total=$(callgrind_annotate --threshold=100 "$cg" 2>/dev/null | awk '/PROGRAM TOTALS/ {gsub(",", "", $1); print $1}')
      driver=$(callgrind_annotate --threshold=100 "$cg" 2>/dev/null | awk '/:count_gradients / {gsub(",", "", $1); print $1}')
      per=$(((total - ${driver:-0}) / calls))
      [ -n "$hand" ] || hand=$per
      printf "| %s | %s | %s | %s | %d | %.2f |\n" "${cxx/g++-/g++ }" "$flags" "$problem" "$impl" "$per" \
        "$(echo "$per / $hand" | bc -l)" >> "$table"
    done
  done
done
echo
cat "$table"
