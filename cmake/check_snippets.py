#!/usr/bin/env python3
"""Checks that every code block the docs quote from an example is still what the example says.

A quoted block is written as
    <!-- snippet: example/FILE.cpp#name -->
    ```cpp
    ...the lines between `//! [name]` and the next `//! [name]` in example/FILE.cpp...
    ```
usage: check_snippets.py ROOT   (exit status 1 and a line per stale block if any differ)
"""
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).resolve().parent.parent)
marker = re.compile(r"<!-- snippet: (\S+)#(\S+) -->")
stale = 0
checked = 0
for md in sorted((root / "doc").glob("*.md")) + [root / "README.md"]:
    lines = md.read_text().split("\n")
    for i, line in enumerate(lines):
        m = marker.match(line.strip())
        if not m:
            continue
        source = (root / m[1]).read_text().split("\n")
        ends = [k for k, l in enumerate(source) if l.strip() == f"//! [{m[2]}]"]
        if len(ends) != 2:
            print(f"{md.relative_to(root)}:{i + 1}: {m[1]} has {len(ends)} '//! [{m[2]}]' markers, not 2")
            stale += 1
            continue
        want = source[ends[0] + 1:ends[1]]
        if not lines[i + 1].startswith("```"):
            print(f"{md.relative_to(root)}:{i + 1}: no code block after the snippet marker")
            stale += 1
            continue
        end = i + 2
        while end < len(lines) and lines[end] != "```":
            end += 1
        if lines[i + 2:end] != want:
            print(f"{md.relative_to(root)}:{i + 1}: the block differs from {m[1]}#{m[2]}")
            stale += 1
        checked += 1
print(f"{checked} quoted blocks checked, {stale} stale")
sys.exit(1 if stale else 0)
