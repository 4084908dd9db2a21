"""`python -m benchmark [PART ...]`: run the parts named (default: all), print the report."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from benchmark import builds, git_processes, lighthouse, preview, traffic
from benchmark.report import render
from benchmark.workspace import Workspace

PARTS = {
    "traffic": traffic.run,
    "lighthouse": lighthouse.run,
    "builds": builds.run,
    "search-languages": traffic.run_languages,
    "preview": preview.run,
    "git": git_processes.run,
}


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmark", description=__doc__.splitlines()[0])
    parser.add_argument("parts", nargs="*", metavar="PART",
                        help=f"what to measure, one or more of: {', '.join(PARTS)} (default: all, in that order)")
    parser.add_argument("--repeats", type=int, default=5, help="timed builds and status runs per figure (default 5)")
    parser.add_argument("--samples", type=int, default=7, help="saves per preview (default 7)")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="work in DIR and keep it (trees, builds, logs)")
    args = parser.parse_args(argv)
    if unknown := [name for name in args.parts if name not in PARTS]:
        parser.error(f"unknown part(s): {', '.join(unknown)} (choose from {', '.join(PARTS)})")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse(sys.argv[1:] if argv is None else argv)
    chosen = [name for name in PARTS if name in args.parts] if args.parts else list(PARTS)
    started = time.perf_counter()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    with tempfile.TemporaryDirectory(prefix="bench-") as temp:
        root = args.keep or Path(temp)
        root.mkdir(parents=True, exist_ok=True)
        work = Workspace(root.resolve(), args.repeats, args.samples)
        sections = []
        try:
            for name in chosen:
                sections += PARTS[name](work)
        finally:
            work.close()
    details = [f"{os.cpu_count()} CPUs"] + ([f"load average {load:.1f} at start"] if load is not None else [])
    details += [value for value in work.details.values()]
    print(render(sections, details, time.perf_counter() - started))
    return 0


if __name__ == "__main__":
    sys.exit(main())
