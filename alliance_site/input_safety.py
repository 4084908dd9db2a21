"""Translation input that English does not have is refused, with file:line and a hint.

A contributed translation is reviewed by people who may not read its language,
so the pipeline must refuse what the English page does not have: left-over
merge-conflict markers (a `=======` line would even turn the line above into a
heading). (Text saved in decomposed Unicode is not refused: every rule and the
build read it NFC-normalised, see markdown.read_text.)
"""

from __future__ import annotations

import re

from alliance_site.problems import Problem

CONFLICT_MARKER = re.compile(r"^(<{7}|={7}|>{7}|\|{7})(?:\s|$)")


def conflict_markers(rel: str, lines: list[str]) -> list[Problem]:
    return [
        Problem(rel, number, f"left-over merge-conflict marker '{match.group(1)}': resolve the conflict "
                             "(keep one version of the text) and delete the marker lines")
        for number, line in enumerate(lines, 1) if (match := CONFLICT_MARKER.match(line))
    ]


def input_problems(rel: str, text: str, english: str) -> list[Problem]:
    """Everything in a translation's text that English does not have and a reader must not get."""
    lines = text.splitlines()
    return conflict_markers(rel, lines)

