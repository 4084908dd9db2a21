"""Markdown output: tables, units, and the report's heading."""

from __future__ import annotations

import statistics
import subprocess
from dataclasses import dataclass, field

from alliance_site.config import PROJECT_ROOT


def kib(size: float) -> str:
    return f"{size / 1024:.1f} KiB"


def seconds(value: float) -> str:
    return f"{value:.2f} s"


def milliseconds(value: float) -> str:
    return f"{value * 1000:.0f} ms"


def runs(values: list[float], unit=seconds) -> str:
    """The median, then every run: "1.23 s (runs: 1.20, 1.23, 1.31)"."""
    if unit is milliseconds:
        every = ", ".join(f"{value * 1000:.0f}" for value in values)
    else:
        every = ", ".join(f"{value:.2f}" for value in values)
    return f"{unit(statistics.median(values))} (runs: {every})"


def ratio(ours: float, plain: float) -> str:
    return f"{ours / plain:.2f}" if plain else "n/a"


def table(header: list[str], rows: list[list]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


@dataclass
class Section:
    """One figure of the report: a heading, a table, and lines below it."""

    title: str
    body: str
    notes: list[str] = field(default_factory=list)

    def markdown(self) -> str:
        return "\n\n".join([f"#### {self.title}", self.body, *self.notes])


def git_revision() -> str:
    """HEAD's short hash, marked when the work tree has uncommitted changes (read-only git calls)."""
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=PROJECT_ROOT, capture_output=True, text=True)
    status = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=PROJECT_ROOT,
                            capture_output=True, text=True)
    dirty = " + uncommitted changes" if status.stdout.strip() else ""
    return (head.stdout.strip() or "unknown") + dirty


def heading(details: list[str]) -> str:
    return f"`make bench` at commit {git_revision()}; {'; '.join(details)}."


def render(sections: list[Section], details: list[str], elapsed: float) -> str:
    parts = [heading(details), *(section.markdown() for section in sections),
             f"`python -m benchmark` ran in {elapsed:.0f} s. What each figure means: benchmark/README.md."]
    return "\n\n".join(parts) + "\n"
