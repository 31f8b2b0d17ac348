#!/usr/bin/env python3
"""Print a greeting for each name given on the command line."""

import sys


def greet(name: str) -> str:
    return f"Hello, {name}!"


def main(argv: list[str]) -> int:
    names = argv[1:] or ["world"]
    for name in names:
        print(greet(name))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
