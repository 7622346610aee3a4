#!/usr/bin/env bash
# Draws the pictures of the docs from what the examples compute: builds the examples in a temporary
# directory, runs each with `--data DIR` to write its tables and Graphviz files, then draws them with
# gnuplot (doc/pictures/plots.gp) and Graphviz `dot` into doc/pictures/*.png.
#
# usage: bash doc/pictures/render.sh [OUTPUT_DIR]   (default: doc/pictures)
# Installs the Debian packages it needs if any are missing (those of .ci/install, and gnuplot-nox and
# graphviz), using sudo unless run as root. TYPEGRAD_JOBS sets the build's parallelism.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$(mkdir -p "${1:-$here}" && cd "${1:-$here}" && pwd)"

# shellcheck source=.ci/install
source "$root/.ci/install"
picture_packages=(gnuplot-nox graphviz)
picture_missing=()
for p in "${picture_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || picture_missing+=("$p")
done
if ((${#picture_missing[@]})); then
  echo "=== installing ${picture_missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${picture_missing[@]}" >/dev/null
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
data="$work/data"
mkdir -p "$data"

examples=(curves graph neuron intercept line_fit backprop minibatch)
echo "=== building the examples in $work/build"
cmake -S "$root" -B "$work/build" -G Ninja -DCMAKE_CXX_COMPILER=g++-12 -DCMAKE_BUILD_TYPE=Release \
      -DTYPEGRAD_BUILD_TESTS=OFF >/dev/null
cmake --build "$work/build" -j "${TYPEGRAD_JOBS:-$(nproc)}" --target "${examples[@]/#/example.}" >/dev/null

for example in "${examples[@]}"; do
  echo "=== example/$example.cpp --data"
  "$work/build/example/example.$example" --data "$data" | grep '^wrote'
done

echo "=== gnuplot"
gnuplot -e "data='$data'; out='$out'" "$here/plots.gp"
echo "=== dot"
# Graph attributes from the command line, so that the .dot text stays exactly what to_dot wrote.
dot -Tpng -Gdpi=96 -Gpad=0.2 -Nfontname="DejaVu Sans" -Efontname="DejaVu Sans" -Efontsize=10 \
    "$data/network.dot" -o "$out/graph_network.png"
dot -Tpng -Gdpi=96 -Gpad=0.2 -Nfontname="DejaVu Sans" -Efontname="DejaVu Sans" -Efontsize=10 \
    "$data/d_loss_w1.dot" -o "$out/graph_d_loss_w1.png"
ls -l "$out"/*.png
