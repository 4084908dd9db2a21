"""`python scripts/l10n.py status` on a long history: how many git processes
it starts, and its wall time."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import time
from collections import Counter

from alliance_site.config import PROJECT_ROOT

from benchmark import trees
from benchmark.report import Section, runs, table
from benchmark.workspace import Workspace, progress


def git_logger(folder, real_git: str, log) -> None:
    """A `git` that logs its arguments, one call a line, then runs the real one."""
    script = folder / "git"
    script.write_text(f'#!/bin/sh\nprintf "%s\\n" "$*" >> {shlex.quote(str(log))}\n'
                      f'exec {shlex.quote(real_git)} "$@"\n', encoding="utf-8")
    script.chmod(0o755)


def status(tree, env=None) -> subprocess.CompletedProcess:
    command = [sys.executable, str(PROJECT_ROOT / "scripts" / "l10n.py"), "--root", str(tree), "status"]
    return subprocess.run(command, cwd=PROJECT_ROOT, env={**os.environ, **(env or {})},
                          capture_output=True, text=True, check=False)


def subcommand(call: str) -> str:
    """`-C /tmp/x log -z ...` -> `log`."""
    words = call.split()
    while words and words[0].startswith("-"):
        words = words[2:] if words[0] in ("-C", "-c") else words[1:]
    return words[0] if words else "?"


def run(work: Workspace) -> list[Section]:
    real_git = shutil.which("git")
    if real_git is None:
        return [Section("Git processes for `status`", "git not found: not measured")]
    progress("Writing a git history for status...")
    tree = work.root / "history"
    expected, commits = trees.history_tree(tree)
    pages = trees.HISTORY_PAGES

    log, bin_dir = work.root / "git-calls.log", work.folder("git-logger")
    git_logger(bin_dir, real_git, log)
    counted = status(tree, {"PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"})
    calls = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
    progress(f"Timing status (x{work.repeats})...")
    walls = []
    for _ in range(work.repeats):
        start = time.perf_counter()
        result = status(tree)
        walls.append(time.perf_counter() - start)
    if counted.returncode != 0 or result.returncode != 0:
        raise RuntimeError(f"l10n.py status failed:\n{counted.stderr}{result.stderr}")

    found = {state: int(number) for number, state in re.findall(r"(\d+) (translated|outdated)", counted.stdout)}
    kinds = ", ".join(f"{name} {number}" for name, number in Counter(map(subcommand, calls)).items())
    rows = [[f"{pages} English + {pages} Japanese pages, {commits} commits "
             f"({expected['outdated']} translations outdated)", str(len(calls)), kinds, runs(walls)]]
    header = ["history", "git processes", "by subcommand", f"wall time of `status`, median of {work.repeats} (runs)"]
    check = "as generated" if found == expected else f"expected {expected}"
    return [Section("Git processes for `python scripts/l10n.py status`", table(header, rows), [
        f"`status` reported {found.get('translated', 0)} translated and {found.get('outdated', 0)} outdated ({check})."])]
