#!/usr/bin/env bash
# Instructions per gradient (callgrind, 1000 calls each), compile time and peak memory of the TU, and
# the assembly of both functions, for g++ 12 and clang 19 at -O2 and -O3 -march=native -mno-avx512f.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$here/../.."
out="${1:-/tmp/typegrad-codegen}"
mkdir -p "$out"
for cxx in g++-12 clang++-19; do
  for flags in "-O2" "-O3 -march=native -mno-avx512f"; do
    tag="$cxx$(echo "$flags" | tr -d ' =')"
    # shellcheck disable=SC2086
    /usr/bin/time -f "%e s %M KB" -o "$out/$tag.time" \
      "$cxx" -std=c++20 $flags -DNDEBUG -I"$root/include" "$here/primer_network.cpp" -o "$out/$tag"
    "$out/$tag" >/dev/null
    count() {
      valgrind --tool=callgrind --callgrind-out-file="$out/$tag.$1.cg" --toggle-collect="$1" "$out/$tag" >/dev/null 2>&1
      callgrind_annotate "$out/$tag.$1.cg" 2>/dev/null | awk '/PROGRAM TOTALS/ {gsub(",", "", $1); print $1}'
    }
    tg=$(count typegrad_gradient)
    hand=$(count hand_gradient)
    objdump -d --no-show-raw-insn -C "$out/$tag" |
      awk '/<typegrad_gradient>:/,/^$/' > "$out/$tag.typegrad.s"
    objdump -d --no-show-raw-insn -C "$out/$tag" | awk '/<hand_gradient>:/,/^$/' > "$out/$tag.hand.s"
    calls=$(grep -c "call" "$out/$tag.typegrad.s" || true)
    printf "%-12s %-32s typegrad %6d  hand %6d  ratio %.3f  (per gradient over 3 points; %s calls in typegrad's asm: %s)  compile %s\n" \
      "$cxx" "$flags" $((tg / 1000)) $((hand / 1000)) "$(echo "$tg / $hand" | bc -l)" "$calls" \
      "$(grep call "$out/$tag.typegrad.s" | awk '{print $NF}' | sort | uniq -c | tr '\n' ' ')" "$(cat "$out/$tag.time")"
  done
done
