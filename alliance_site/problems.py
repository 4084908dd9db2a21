"""What the rules report: a Problem points at a file and line; a ProjectError stops a command."""

from __future__ import annotations

from dataclasses import dataclass


class ProjectError(Exception):
    """A problem the user must fix before anything else can run (the CLI exits 2)."""


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def report(problems: list[Problem]) -> str:
    return "\n".join(map(str, problems))
