#!/usr/bin/env python3
"""Checks that doc/errors.md still quotes what the compiler says: compiles every case the gallery shows
(each ```cpp block is found among test/fail/*.cpp and doc/errors/cases/*.cpp by its text) once, and
compares the error lines it prints with those quoted for this compiler ("g++ 12:" or "clang 19:").

Line and column numbers are not compared, nor file names: each error line is reduced to its message,
and a `static assertion failed` message to its `typegrad: ...` sentence (clang's "due to requirement
'...'" part names internal types). The messages of C++ itself, which are not typegrad's, are compared
too when the compiler is the gallery's version (g++ 12 or clang 19), and skipped for other versions.

usage: check.py CXX FAMILY MAJOR [INCLUDE_DIR]...
  FAMILY: gcc or clang; MAJOR: the compiler's major version; INCLUDE_DIR: Boost's, if not a system one
Exit status 1 and a line per stale case if any differ; then regenerate with python3 doc/errors/generate.py.
"""
import pathlib
import re
import subprocess
import sys

root = pathlib.Path(__file__).resolve().parents[2]
GALLERY_VERSION = {"gcc": ("g++ 12:", "12"), "clang": ("clang 19:", "19")}


def message(line):
    """The message of an `error:` line, without its location; a static assertion's typegrad sentence."""
    text = line.split(": error: ", 1)[1].replace("\u2018", "'").replace("\u2019", "'")
    if text.startswith("static assertion failed") and "typegrad: " in text:
        return "static assertion: " + text[text.index("typegrad: "):]
    return text


def is_typegrad(msg):
    return msg.startswith("static assertion: typegrad: ")


def blocks(lines, start):
    """The fenced blocks from line `start` up to the next heading: (language, first line index, body)."""
    found = []
    i = start
    while i < len(lines) and not lines[i].startswith("#"):
        m = re.match(r"^```(\w*)$", lines[i])
        if m:
            end = lines.index("```", i + 1)
            found.append((m[1], i, lines[i + 1:end]))
            i = end
        i += 1
    return found


def main(argv):
    if len(argv) < 3 or argv[1] not in GALLERY_VERSION:
        print(__doc__, file=sys.stderr)
        return 2
    cxx, family, major, includes = argv[0], argv[1], argv[2], argv[3:]
    label, gallery_major = GALLERY_VERSION[family]
    exact = major == gallery_major
    no_caret = "-fno-diagnostics-show-caret" if family == "gcc" else "-fno-caret-diagnostics"

    sources = {}
    for path in sorted((root / "test" / "fail").glob("*.cpp")) + sorted((root / "doc" / "errors" / "cases").glob("*.cpp")):
        sources[path.read_text().rstrip("\n")] = path

    lines = (root / "doc" / "errors.md").read_text().split("\n")
    stale, checked, shown = [], 0, set()
    for n, line in enumerate(lines):
        if not (line.startswith("## ") or line.startswith("### ")):
            continue
        section = blocks(lines, n + 1)
        code = [b for b in section if b[0] == "cpp"]
        if not code:
            continue  # an introduction, not a case
        title = line.lstrip("# ")
        text = "\n".join(code[0][2])
        if text not in sources:
            stale.append(f"{title}: the quoted source is no longer a file in test/fail or doc/errors/cases")
            continue
        path = sources[text]
        shown.add(path)
        # The quoted error lines for this compiler: the text block after the label line ("## " cases), or
        # the part of the one text block that follows the label ("### " cases, first error line only).
        quoted = None
        for language, at, body in section:
            if language == "text" and lines[at - 2] == label:
                quoted = body
            elif language == "text" and label in body:
                start = body.index(label) + 1
                quoted = body[start:body.index("", start) if "" in body[start:] else len(body)]
        if quoted is None:
            stale.append(f"{title}: no '{label}' block")
            continue
        first_only = line.startswith("### ")
        want = [message(l) for l in quoted if ": error: " in l]

        result = subprocess.run([cxx, "-std=c++20", "-fsyntax-only", no_caret, "-I" + str(root / "include")] +
                                ["-I" + d for d in includes] + [path.name],
                                cwd=path.parent, capture_output=True, text=True)
        if result.returncode == 0:
            stale.append(f"{title}: {path.relative_to(root)} compiles, but the gallery shows it failing")
            continue
        got = [message(l) for l in result.stderr.split("\n") if ": error: " in l]
        if first_only:
            got = got[:1]
        if not exact:
            want, got = [m for m in want if is_typegrad(m)], [m for m in got if is_typegrad(m)]
        checked += 1
        if want != got:
            stale.append(f"{title} ({path.relative_to(root)}):\n  doc/errors.md quotes:\n    " +
                         "\n    ".join(want) + "\n  the compiler prints now:\n    " + "\n    ".join(got))

    for problem in stale:
        print(problem)
    untested = [p.relative_to(root).as_posix() for p in sorted((root / "test" / "fail").glob("*.cpp")) if p not in shown]
    if untested:
        print("note: compile-fail tests the gallery does not show:", ", ".join(untested))
    scope = "every error line" if exact else "the typegrad messages (not the gallery's compiler version)"
    print(f"{checked} cases compiled with {cxx}, {scope} compared: {len(stale)} stale")
    if stale:
        print("regenerate the gallery with: python3 doc/errors/generate.py")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
