"""Interface strings of this site's own templates (footer, notices, 404,
language suggestion, search…): data/strings/<lang>.yml, one file per language,
each with exactly the keys of the default language's file.

One rule for the build (which stops on any problem) and `check` (which lists them).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from alliance_site.input_safety import interface_text_problem
from alliance_site.markdown import read_text, yaml_error_problem
from alliance_site.problems import Problem, ProjectError, report

STRINGS_DIR = Path("data") / "strings"


def strings_rel(lang: str) -> str:
    return (STRINGS_DIR / f"{lang}.yml").as_posix()


@dataclass
class StringsFile:
    """A parsed strings file: values, the line of each key, raw lines, problems."""

    rel: str
    values: dict[str, str] | None = None
    lines: dict[str, int] = field(default_factory=dict)
    text_lines: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def read_strings_file(root: Path, lang: str, default: str) -> StringsFile:
    rel = strings_rel(lang)
    result = StringsFile(rel)
    path = Path(root) / rel
    if not path.is_file():
        result.problems.append(Problem(rel, 1, f"missing interface strings for '{lang}' (a language in mkdocs.yml): "
                                               f"copy {default}.yml to this name and translate its values "
                                               "(for a new language, `python scripts/l10n.py new-language CODE` does all of it)"))
        return result
    try:
        text = read_text(path)
        node = yaml.compose(text)
        data = yaml.safe_load(text)  # also rejects what composes but does not load (unknown tags)
    except yaml.YAMLError as error:
        result.problems.append(yaml_error_problem(rel, error))
        return result
    if not isinstance(node, yaml.MappingNode) or not isinstance(data, dict):
        result.problems.append(Problem(rel, 1, "expected 'key: text' lines, one per interface string"))
        return result
    result.values = {str(key): "" if value is None else str(value) for key, value in data.items()}
    result.lines = {str(key.value): key.start_mark.line + 1 for key, _ in node.value}
    result.text_lines = text.splitlines()
    return result


def checked_strings(root: Path, lang: str, default: str) -> tuple[StringsFile, list[Problem]]:
    """A language's strings file, read once, and its problems: it parses, has
    exactly the keys of <default>.yml, and every value is plain text."""
    target = read_strings_file(root, lang, default)
    if target.values is None:
        return target, target.problems
    problems = []
    source = read_strings_file(root, default, default) if lang != default else target
    if source.values is not None and source is not target:
        rel = target.rel
        problems += [Problem(rel, 1, f"missing key '{key}' (copy it from {default}.yml and translate its value)")
                     for key in source.values if key not in target.values]
        problems += [Problem(rel, line, f"unknown key '{key}': {default}.yml has no such key "
                                        f"(rename it to a key of {default}.yml or delete it)")
                     for key, line in target.lines.items() if key not in source.values]
    problems += [Problem(target.rel, target.lines.get(key, 1), f"interface string '{key}': {reason}")
                 for key, value in target.values.items() if (reason := interface_text_problem(value))]
    return target, problems


def strings_problems(root: Path, lang: str, default: str) -> list[Problem]:
    return checked_strings(Path(root), lang, default)[1]


@lru_cache(maxsize=64)
def load_strings(root: Path, lang: str, default: str) -> dict[str, str]:
    """The strings of one language for the templates; ProjectError listing every
    problem otherwise. Read once per build: a build starts with forget_strings()
    (hooks/languages.py), so a preview's rebuild sees every edit."""
    target, problems = checked_strings(Path(root), lang, default)
    if problems:
        raise ProjectError(report(problems))
    return target.values


def forget_strings() -> None:
    load_strings.cache_clear()
