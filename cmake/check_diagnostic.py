#!/usr/bin/env python3
"""Checks a compile error as a user meets it.

usage: check_diagnostic.py FIRST_ERROR MENTIONS MAX_ERRORS -- COMPILER ARGS...

Runs the compiler command, which must fail, and checks that its first error line matches the regular
expression FIRST_ERROR, that some line matches MENTIONS (the offending name), and that it reports at
most MAX_ERRORS error lines. Prints the error lines (cut to 300 characters) and the diagnostic's size.
"""
import re
import subprocess
import sys


def main(argv):
    if len(argv) < 6 or argv[4] != "--":
        sys.exit(__doc__)
    first_error, mentions, max_errors, command = argv[1], argv[2], int(argv[3]), argv[5:]
    run = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, errors="replace")
    if run.returncode == 0:
        sys.exit("the program compiled; it must not")
    lines = run.stdout.splitlines()
    errors = [line for line in lines if re.search(r": (fatal )?error: ", line)]
    for line in errors:
        print(line[:300])
    print(f"{len(errors)} error line(s), {len(run.stdout)} characters of diagnostic")
    if not errors:
        sys.exit("no error line in the diagnostic")
    if not re.search(first_error, errors[0]):
        sys.exit(f"the first error does not match '{first_error}'")
    if not any(re.search(mentions, line) for line in lines):
        sys.exit(f"no line of the diagnostic matches '{mentions}'")
    if len(errors) > max_errors:
        sys.exit(f"{len(errors)} error lines; at most {max_errors} expected")


if __name__ == "__main__":
    main(sys.argv)
