#!/usr/bin/env python3
"""Checks that every program output the docs quote is what the example prints now.

A quoted output is written as
    <!-- output: example/FILE.cpp -->            (all of the example's standard output)
    <!-- output: example/FILE.cpp, lines A-B --> (its lines A to B, counted from 1)
    ```text
    ...
    ```
and the example is run as BIN_DIR/example.FILE, with no arguments.
usage: check_outputs.py ROOT BIN_DIR   (exit status 1 and a report per stale block if any differ)
"""
import difflib
import pathlib
import re
import subprocess
import sys

root = pathlib.Path(sys.argv[1])
bin_dir = pathlib.Path(sys.argv[2])
marker = re.compile(r"<!-- output: example/(\w+)\.cpp(?:, lines (\d+)-(\d+))? -->")
outputs = {}


def output_of(name):
    if name not in outputs:
        run = subprocess.run([str(bin_dir / f"example.{name}")], capture_output=True, text=True, timeout=300)
        if run.returncode != 0:
            sys.exit(f"check_outputs.py: example.{name} exited with status {run.returncode}:\n{run.stderr}")
        outputs[name] = run.stdout.split("\n")
    return outputs[name]


stale = 0
checked = 0
for md in sorted((root / "doc").glob("*.md")) + [root / "README.md"]:
    lines = md.read_text().split("\n")
    for i, line in enumerate(lines):
        m = marker.fullmatch(line.strip())
        if not m:
            continue
        where = f"{md.relative_to(root)}:{i + 1}"
        if i + 1 >= len(lines) or lines[i + 1].strip() != "```text":
            print(f"{where}: the output marker is not followed by a ```text block")
            stale += 1
            continue
        end = next((k for k in range(i + 2, len(lines)) if lines[k].strip() == "```"), None)
        if end is None:
            print(f"{where}: the ```text block is not closed")
            stale += 1
            continue
        quoted = lines[i + 2:end]
        printed = output_of(m[1])
        if m[2]:
            first, last = int(m[2]), int(m[3])
            actual = printed[first - 1:last]
        else:
            actual = printed[:-1] if printed and printed[-1] == "" else printed
        checked += 1
        if quoted != actual:
            stale += 1
            print(f"{where}: example.{m[1]} prints something else now:")
            sys.stdout.writelines(difflib.unified_diff([q + "\n" for q in quoted], [a + "\n" for a in actual],
                                                       "quoted", "printed"))
print(f"{checked} quoted outputs checked, {stale} stale")
sys.exit(1 if stale else 0)
