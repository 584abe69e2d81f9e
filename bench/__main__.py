"""Run benchmarks: ``uv run --frozen python -m bench [NAME ...] [--quick]``.

Each ``bench/<name>.py`` defines ``main(argv) -> int``; it prints a table and writes
``bench/results/<name>.json`` through :func:`bench.results.publish`. With no NAME every
benchmark runs. Benchmarks read ``../shared/data`` and say so clearly when it is missing.
"""

from __future__ import annotations

import importlib
import sys

BENCHMARKS = ("extraction", "linkage", "estimation", "incidents")


def main(argv: list[str]) -> int:
    names = [a for a in argv if not a.startswith("-")] or list(BENCHMARKS)
    flags = [a for a in argv if a.startswith("-")]
    unknown = [n for n in names if n not in BENCHMARKS]
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; choose from {', '.join(BENCHMARKS)}")
        return 2
    worst = 0
    for name in names:
        module = importlib.import_module(f"bench.{name}")
        worst = max(worst, int(module.main(flags)))
    return worst


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
