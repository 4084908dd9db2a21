"""The structure of a Markdown page as the rules compare it across languages:
front matter, headings and their {#id}s, partner-list snippets, list items,
glossary terms. Line numbers are kept everywhere, for file:line messages."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import yaml

from alliance_site.problems import Problem

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*\n", re.S)
REQUIRED_KEYS = ("title", "description")
FENCE = re.compile(r"^\s*(```|~~~)")
HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*$")
ATTR_LIST = re.compile(r"\{:?([^{}]*)\}")
ATTR_ID = re.compile(r"(?:^|\s)#([^\s}]+)")
SNIPPET = re.compile(r"""^\s*--8<--\s+(["']?)(partners/[^"'\s]+)\1\s*$""")
LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(.*)$")
LATIN_LETTERS = "A-Za-z\u00c0-\u024f"
YAML_HINT = "values containing ': ' or starting with a quote must be in double quotes"


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def read_text(path: Path) -> str:
    """A source file as every rule reads it: UTF-8 (a BOM is dropped), NFC-normalised,
    so accents saved decomposed (as some macOS tools do) compare and render as typed."""
    return nfc(Path(path).read_text("utf-8-sig"))


def body_lines(text: str) -> list[str]:
    """Lines of a page with front matter and fenced code blanked (line numbers kept)."""
    lines = text.splitlines()
    match = FRONT_MATTER.match(text)
    skip = match.group(0).count("\n") if match else 0
    body, fenced = [], False
    for number, line in enumerate(lines):
        if FENCE.match(line):
            fenced = not fenced
            body.append("")
        else:
            body.append("" if number < skip or fenced else line)
    return body


def heading_id(text: str) -> str | None:
    """The explicit {#id} at the end of a heading's text, if any."""
    attrs = ATTR_LIST.search(text)
    if not attrs or text[attrs.end():].strip():
        return None
    found = ATTR_ID.search(attrs.group(1))
    return found.group(1) if found else None


def headings(lines: list[str]) -> list[tuple[int, int, str | None, str]]:
    """(line number, level, explicit id or None, text) of every ATX heading."""
    found = []
    for number, line in enumerate(lines, 1):
        match = HEADING.match(line)
        if match:
            found.append((number, len(match.group(1)), heading_id(match.group(2)), match.group(2)))
    return found


def snippet_lines(lines: list[str]) -> list[tuple[int, str]]:
    """(line number, data path) of every `--8<-- "partners/…"` line."""
    return [(number, match.group(2)) for number, line in enumerate(lines, 1) if (match := SNIPPET.match(line))]


def list_items(text: str) -> list[str]:
    return [match.group(1).strip() for line in text.splitlines() if (match := LIST_ITEM.match(line))]


def front_matter_problems(text: str) -> list[tuple[int, str]]:
    """(line, message) for front matter that does not parse or lacks title/description.

    The build (overrides/hooks/front_matter.py) and `check` both call this, so
    they reject the same pages with the same words."""
    match = FRONT_MATTER.match(text)
    if not match:
        return [(1, "no front matter: start the file with a '---' block giving title and description")]
    try:
        data = yaml.safe_load(match.group(1))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark else 1
        problem = getattr(error, "problem", None) or "invalid YAML"
        return [(line, f"front matter is not valid YAML ({problem}): fix the block between the '---' lines; {YAML_HINT}")]
    if not isinstance(data, dict):
        return [(2, "front matter must be 'key: value' lines")]
    return [
        (1, f"front matter needs a non-empty '{key}: ...' line")
        for key in REQUIRED_KEYS
        if not isinstance(data.get(key), str) or not data[key].strip()
    ]


def has_required_keys(meta: dict) -> bool:
    return all(isinstance(meta.get(key), str) and meta[key].strip() for key in REQUIRED_KEYS)


def is_latin_letter(char: str) -> bool:
    return char.isalpha() and unicodedata.name(char, "").startswith("LATIN")


def term_pattern(term: str) -> re.Pattern:
    """Case-sensitive match of a term; Latin words must not be part of a longer word."""
    before = f"(?<![{LATIN_LETTERS}])" if is_latin_letter(term[0]) else ""
    after = f"(?![{LATIN_LETTERS}])" if is_latin_letter(term[-1]) else ""
    return re.compile(before + re.escape(term) + after)


def yaml_error_problem(rel: str, error: yaml.YAMLError) -> Problem:
    """A YAML file that does not parse, at the line of the error, with the usual cause."""
    mark = getattr(error, "problem_mark", None)
    problem = getattr(error, "problem", None) or "invalid YAML"
    return Problem(rel, mark.line + 1 if mark else 1, f"not valid YAML ({problem}): {YAML_HINT}")
