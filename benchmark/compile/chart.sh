#!/usr/bin/env bash
# Draws compile seconds and peak MB against unique nodes (log-log, both compilers, typegrad and the two plain
# C++ files) from a table written by measure.sh. Needs gnuplot (Debian: gnuplot-nox).
# usage: chart.sh TABLE OUT.png
set -euo pipefail
table="$1"; out="$2"
data="$(mktemp -d)"
for cxx in g++-12 clang++-19; do
  awk -v c="$cxx" '$1 == c && $7 != "FAIL" {print $2, $7, $8, $11, $12, $17, $18}' "$table" > "$data/$cxx.dat"
done
gnuplot <<GNUPLOT
set terminal pngcairo size 1100,450 font "sans,10" noenhanced
set output "$out"
set multiplot layout 1,2 title "Compile time and memory of a value_and_gradient TU at -O2 (generated softplus networks)"
set logscale xy
set grid
set key top left
set xlabel "unique nodes"
set ylabel "seconds"
plot "$data/g++-12.dat" using 1:2 with linespoints title "typegrad, g++ 12", \
     "$data/clang++-19.dat" using 1:2 with linespoints title "typegrad, clang 19", \
     "$data/g++-12.dat" using 1:4 with linespoints dashtype 2 title "plain C++, g++ 12", \
     "$data/clang++-19.dat" using 1:4 with linespoints dashtype 2 title "plain C++, clang 19", \
     "$data/g++-12.dat" using 1:6 with linespoints dashtype 3 title "plain sweep, g++ 12", \
     "$data/clang++-19.dat" using 1:6 with linespoints dashtype 3 title "plain sweep, clang 19"
set ylabel "peak MB"
plot "$data/g++-12.dat" using 1:3 with linespoints title "typegrad, g++ 12", \
     "$data/clang++-19.dat" using 1:3 with linespoints title "typegrad, clang 19", \
     "$data/g++-12.dat" using 1:5 with linespoints dashtype 2 title "plain C++, g++ 12", \
     "$data/clang++-19.dat" using 1:5 with linespoints dashtype 2 title "plain C++, clang 19", \
     "$data/g++-12.dat" using 1:7 with linespoints dashtype 3 title "plain sweep, g++ 12", \
     "$data/clang++-19.dat" using 1:7 with linespoints dashtype 3 title "plain sweep, clang 19"
unset multiplot
GNUPLOT
rm -r "$data"
