#!/usr/bin/env python3
"""Builds a Compiler Explorer link that opens cmake/godbolt_source.cpp (the primer's network and its
gradient) with typegrad's single header included from its raw URL, x86-64 gcc 12.2, `-std=c++20 -O2`
and the Boost library selected.

The link needs no short-link service: it is https://godbolt.org/clientstate/ followed by the
Compiler Explorer client state (JSON: sessions, each with its source and compilers) in base64 with the
URL-safe alphabet (`-` and `_` for `+` and `/`), which the site's decoder also reads.

usage:
  godbolt_link.py [--header-url URL]           print the link
  godbolt_link.py [--header-url URL] --check [README]
      decode the link back and check that it gives the expected state (the source with the header's URL
      in place of `#include <typegrad_single.hpp>`, compiler g122, the options, Boost 1.81); with
      README, also check that the file carries this very link. Exit status 1 and a line per problem.

The default header URL is that of the main branch of the typegrad repository on GitHub:
  https://raw.githubusercontent.com/typegrad/typegrad/main/include/typegrad_single.hpp
"""
import base64
import json
import pathlib
import sys

DEFAULT_HEADER_URL = "https://raw.githubusercontent.com/typegrad/typegrad/main/include/typegrad_single.hpp"
LINK_PREFIX = "https://godbolt.org/clientstate/"
LOCAL_INCLUDE = "#include <typegrad_single.hpp>"
COMPILER = "g122"  # x86-64 gcc 12.2
OPTIONS = "-std=c++20 -O2"
LIBRARIES = [{"name": "boost", "ver": "181"}]  # Boost 1.81, the version typegrad is tested with
SOURCE = pathlib.Path(__file__).resolve().parent / "godbolt_source.cpp"


def source_for(header_url):
    text = SOURCE.read_text()
    if text.count(LOCAL_INCLUDE) != 1:
        raise SystemExit(f"{SOURCE} must contain '{LOCAL_INCLUDE}' exactly once")
    return text.replace(LOCAL_INCLUDE, f"#include <{header_url}>")


def client_state(header_url):
    """The state that Compiler Explorer's /clientstate/ route reads: one editor with one compiler."""
    return {
        "sessions": [{
            "id": 1,
            "language": "c++",
            "source": source_for(header_url),
            "compilers": [{
                "id": COMPILER,
                "options": OPTIONS,
                "libs": LIBRARIES,
                "filters": {"binary": False, "commentOnly": True, "demangle": True, "directives": True,
                            "execute": False, "intel": True, "labels": True, "trim": False},
            }],
            "executors": [],
        }]
    }


def encode(state):
    data = json.dumps(state, separators=(",", ":"), sort_keys=True).encode()
    return LINK_PREFIX + base64.urlsafe_b64encode(data).decode()


def decode(link):
    if not link.startswith(LINK_PREFIX):
        raise ValueError(f"not a {LINK_PREFIX} link")
    return json.loads(base64.urlsafe_b64decode(link[len(LINK_PREFIX):]))


def check(header_url, readme):
    problems = []
    expected = client_state(header_url)
    link = encode(expected)
    try:
        state = decode(link)
    except ValueError as error:
        state = None
        problems.append(f"the link does not decode: {error}")
    if state is not None:
        if state != expected:
            problems.append("the link decodes to a different state than it was built from")
        session = state["sessions"][0]
        compiler = session["compilers"][0]
        if f"#include <{header_url}>" not in session["source"] or LOCAL_INCLUDE in session["source"]:
            problems.append("the source does not include the single header by its URL")
        if "value_and_gradient" not in session["source"]:
            problems.append("the source does not compute the gradient")
        if (compiler["id"], compiler["options"], compiler["libs"]) != (COMPILER, OPTIONS, LIBRARIES):
            problems.append(f"compiler, options or libraries differ: {compiler}")
    if readme is not None and link not in pathlib.Path(readme).read_text():
        problems.append(f"{readme} does not carry the current link; replace it with:\n{link}")
    for problem in problems:
        print(problem)
    print(f"link of {len(link)} characters checked, {len(problems)} problems")
    return 1 if problems else 0


def main(argv):
    header_url = DEFAULT_HEADER_URL
    args = list(argv)
    if args[:1] == ["--header-url"] and len(args) >= 2:
        header_url = args[1]
        args = args[2:]
    if not args:
        print(encode(client_state(header_url)))
        return 0
    if args[0] == "--check" and len(args) <= 2:
        return check(header_url, args[1] if len(args) == 2 else None)
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
