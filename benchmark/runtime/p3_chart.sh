#!/usr/bin/env bash
# Draws P3's instructions per gradient (1,000 points, one thread) for each implementation and build,
# relative to the hand-written scalar loop, from the table run.sh writes (OUT_DIR/table.md). Needs
# gnuplot (Debian: gnuplot-nox).
# usage: p3_chart.sh TABLE.md OUT.png
set -euo pipefail
table="$1"; out="$2"
data="$(mktemp)"
# rows "| compiler | flags | P3 | hand scalar | hand SIMD | typegrad | sequential | Eigen | libtorch |":
# keep the counts (before the parentheses), divided by the hand scalar loop's.
awk -F'|' '/^P3 instructions per gradient/ { on = 1 } on && /^$/ && seen { on = 0 } on && $4 ~ /^ P3 $/ { seen = 1
  gsub(/^ +| +$/, "", $2); gsub(/^ +| +$/, "", $3); sub(/ -march=native -mno-avx512f/, " AVX2", $3); sub(/-O2/, "-O2 SSE2", $3); sub(/\+\+ 12/, "++", $2); sub(/ 19/, "", $2)
  printf "\"%s %s\"", $2, $3
  for (i = 5; i <= 10; i++) { v = $i; sub(/\(.*/, "", v); gsub(/[ ,]/, "", v); if (i == 5) base = v; printf " %s", v / base }
  printf "\n" }' "$table" > "$data"
gnuplot <<GNUPLOT
set terminal pngcairo size 1100,450 font "sans,10" noenhanced
set output "$out"
set title "P3: the primer network's SSR gradient over 1,000 points, instructions relative to a hand-written scalar loop (callgrind)"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set logscale y
set yrange [0.1:5]
set grid ytics
set ylabel "instructions / hand-written scalar loop (log scale)"
set key top left horizontal
plot "$data" using 2:xtic(1) title "hand scalar", "" using 3 title "hand SIMD (glibc vector maths)", \
     "" using 4 title "typegrad (lanes)", "" using 5 title "typegrad sequential()", \
     "" using 6 title "Eigen AutoDiffScalar", "" using 7 title "libtorch"
GNUPLOT
rm -f "$data"
