#!/usr/bin/env bash
# Compile time and peak memory of the generated networks' value_and_gradient TU at -O2, for typegrad and
# for the same gradient written as plain C++, on g++ 12 and clang 19. Prints a table (one row per size and
# compiler); also times the front end alone (-fsyntax-only) and an empty file for the marginal cost.
# Two plain C++ files are measured: "plain" (the gradient factored by hand, the least code) and "sweep"
# (one statement per node forward and per operand backward: the code a fused sweep becomes). Times are
# CPU seconds (user + system), which a busy machine disturbs less than wall time. With
# TYPEGRAD_COMPILE_RUNS=N, each compile runs N times and the table keeps the smallest time and the smallest
# peak memory (single compiles vary by 10% or more on a shared machine, small files most).
# usage: [TYPEGRAD_COMPILE_RUNS=N] measure.sh [OUT_DIR] [SIZES...]   (a size is K:H, e.g. 8:32)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$here/../.."
out="${1:-/tmp/typegrad-compile}"
shift || true
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(4:4 4:16 8:16 8:32 8:64 12:80 16:80)
mkdir -p "$out"
runs="${TYPEGRAD_COMPILE_RUNS:-1}"
[[ $runs =~ ^[1-9][0-9]*$ ]] || { echo "measure.sh: TYPEGRAD_COMPILE_RUNS must be a positive integer, not '$runs'" >&2; exit 2; }
measure() {  # prints "seconds peak_MB", the smallest of $runs runs each
  : >"$out/times.txt"
  for ((r = 0; r < runs; ++r)); do
    /usr/bin/time -f "%U %S %M" -o "$out/time.txt" "$@" >/dev/null 2>"$out/err.txt" || { cat "$out/err.txt" | head -5 >&2; echo "FAIL FAIL"; return; }
    cat "$out/time.txt" >>"$out/times.txt"
  done
  awk 'NR == 1 || $1 + $2 < s {s = $1 + $2} NR == 1 || $3 < m {m = $3} END {printf "%.2f %.0f", s, m / 1024}' "$out/times.txt"
}
echo 'int main() {}' > "$out/empty.cpp"
printf "%-10s %6s %6s | %-12s %8s %8s %8s | %8s %8s | %8s %8s | %8s %8s\n" compiler nodes params "" "tg_s" "tg_MB" "obj_KB" "plain_s" "plain_MB" "syntax_s" "empty_s" "sweep_s" "sweep_MB"
for cxx in g++-12 clang++-19; do
  empty=$(measure "$cxx" -std=c++20 -fsyntax-only "$out/empty.cpp" | cut -d' ' -f1)
  for size in "${sizes[@]}"; do
    k=${size%:*}; h=${size#*:}
    nodes=$(python3 "$here/generate.py" "$k" "$h" "$out")
    params=$((h * (k + 2) + 1))
    read -r tg_s tg_mb <<<"$(measure "$cxx" -std=c++20 -O2 -I"$root/include" -c "$out/typegrad_${k}_${h}.cpp" -o "$out/t.o")"
    obj=$(( $(stat -c %s "$out/t.o" 2>/dev/null || echo 0) / 1024 ))
    read -r pl_s pl_mb <<<"$(measure "$cxx" -std=c++20 -O2 -c "$out/plain_${k}_${h}.cpp" -o "$out/p.o")"
    read -r sw_s sw_mb <<<"$(measure "$cxx" -std=c++20 -O2 -c "$out/sweep_${k}_${h}.cpp" -o "$out/p.o")"
    syn=$(measure "$cxx" -std=c++20 -fsyntax-only -I"$root/include" "$out/typegrad_${k}_${h}.cpp" | cut -d' ' -f1)
    printf "%-10s %6s %6s | %-12s %8s %8s %8s | %8s %8s | %8s %8s | %8s %8s\n" "$cxx" "$nodes" "$params" "K=$k H=$h" "$tg_s" "$tg_mb" "$obj" "$pl_s" "$pl_mb" "$syn" "$empty" "$sw_s" "$sw_mb"
  done
done
