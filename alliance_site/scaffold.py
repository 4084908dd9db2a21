"""Adding a language (`new-language`, always as a draft) and publishing it (`publish`).

A new language starts as a draft: built by previews (`make serve`,
SITE_DRAFTS=1) and absent from every published build, so English placeholders
never reach readers. `publish` is the one explicit step that makes it public,
and it refuses while any interface string, nav label, site name or description
is still a placeholder or an English copy.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml
from mkdocs.utils.yaml import yaml_load

from alliance_site.checks import readiness_problems
from alliance_site.config import CONFIG_FILE, Language, i18n_entries, nav_labels, read_config, site_languages
from alliance_site.languages import native_name, og_locale
from alliance_site.problems import ProjectError, report
from alliance_site.strings import STRINGS_DIR, strings_problems, strings_rel

DRAFT_LINE = "draft: true  # preview only (make serve); publish: python scripts/l10n.py publish {code}"


def yaml_scalar(text: str) -> str:
    """text as a YAML scalar: plain when it reads back unchanged, else double-quoted."""
    try:
        plain_ok = yaml.safe_load(f"k: {text}") == {"k": text} and "#" not in text
    except yaml.YAMLError:
        plain_ok = False
    return text if plain_ok else json.dumps(text, ensure_ascii=False)


def language_block(code: str, name: str, config: dict, indent: str) -> list[str]:
    """mkdocs.yml lines for a new i18n language entry, at the indent of the others."""
    inner = indent + "  "
    lines = [
        f"{indent}- locale: {code}",
        f"{inner}name: {yaml_scalar(name)}",
        f"{inner}build: true",
        f"{inner}extra:",
        f"{inner}  {DRAFT_LINE.format(code=code)}",
        f"{inner}site_name: {yaml_scalar(str(config.get('site_name', '')))}  # TODO translate",
    ]
    if config.get("site_description"):
        lines.append(f"{inner}site_description: {yaml_scalar(str(config['site_description']))}  # TODO translate")
    lines += [f"{inner}nav_translations:  # TODO translate the labels on the right"]
    lines += [f"{inner}  {yaml_scalar(label)}: {yaml_scalar(label)}" for label in nav_labels(config.get("nav"))]
    return lines


def entry_span(lines: list[str], code: str | None = None) -> tuple[int, int, str]:
    """(first line, last line, indent) of a language's i18n entry, or of the last entry."""
    entries = [number for number, line in enumerate(lines) if re.match(r"^\s*- locale:", line)]
    if code is not None:
        entries = [number for number in entries if re.match(rf"""^\s*- locale:\s*["']?{re.escape(code)}["']?\s*(#.*)?$""", lines[number])]
    if not entries:
        raise ProjectError(f"{CONFIG_FILE}: no '- locale: {code or '…'}' entry in the i18n plugin's languages: edit it by hand.")
    start = entries[-1]
    indent = re.match(r"^(\s*)", lines[start]).group(1)
    end = start
    for number in range(start + 1, len(lines)):
        line = lines[number]
        if line.strip() and len(line) - len(line.lstrip()) <= len(indent):
            break
        if line.strip():
            end = number
    return start, end, indent


def insert_language(text: str, block_for) -> str:
    """mkdocs.yml text with a language block inserted after the last i18n language entry."""
    lines = text.splitlines()
    _, end, indent = entry_span(lines)
    new = lines[: end + 1] + block_for(indent) + lines[end + 1:]
    return "\n".join(new) + ("\n" if text.endswith("\n") else "")


def strings_file(english: str, code: str, name: str) -> str:
    header = (
        f"# Interface strings for {name} ({code}), copied from en.yml by scripts/l10n.py.\n"
        "# TODO translate every value (keep the keys as they are), then remove these two lines.\n"
    )
    body = re.sub(r"(?m)^og_locale:.*$", f"og_locale: {og_locale(code)}  # TODO check", english, count=1)
    return header + body


def added_summary(code: str, name: str) -> str:
    """What new-language created, one aligned line per file."""
    rows = [
        (CONFIG_FILE, "new draft entry in the i18n languages (site_name, site_description, nav labels: TODO translate)"),
        (f"docs/{code}/", "translations go here; until then every page shows English"),
        (strings_rel(code), "interface strings to translate (og_locale: TODO check)"),
    ]
    width = max(len(path) for path, _ in rows)
    lines = [f"  {path.ljust(width)}  {text}" for path, text in rows]
    return "\n".join([
        f"Added {name} ({code}) as a draft: previews show it (make serve), published builds do not.", *lines,
        "Next: .venv/bin/python scripts/l10n.py status; when translated: .venv/bin/python scripts/l10n.py publish " + code,
    ])


def new_language(root: Path, code: str) -> str:
    """Scaffold a draft language; returns the summary to print."""
    config_path = Path(root) / CONFIG_FILE
    config = read_config(root)
    languages = site_languages(root)
    name = native_name(code, [language.code for language in languages])
    english_strings = Path(root) / STRINGS_DIR / f"{languages[0].code}.yml"
    if not english_strings.is_file():
        raise ProjectError(f"{english_strings}: not found; it is the model for the new language's interface strings.")
    updated = insert_language(config_path.read_text("utf-8"), lambda indent: language_block(code, name, config, indent))
    if code not in [str(entry.get("locale")) for entry in i18n_entries(yaml_load(updated))]:
        raise ProjectError(f"{config_path}: could not add '{code}' to the i18n languages: add it by hand.")
    config_path.write_text(updated, "utf-8")
    folder = Path(root) / "docs" / code
    folder.mkdir(parents=True, exist_ok=True)
    if not any(folder.iterdir()):
        (folder / ".gitkeep").write_text("", "utf-8")
    strings = Path(root) / strings_rel(code)
    if not strings.exists():
        strings.write_text(strings_file(english_strings.read_text("utf-8"), code, name), "utf-8")
    return added_summary(code, name)


def draft_language(languages: list[Language], code: str) -> Language:
    found = next((language for language in languages if language.code == code), None)
    if found is None:
        raise ProjectError(f"'{code}' is not a language of this site (mkdocs.yml has: {', '.join(l.code for l in languages)}).")
    if not found.draft:
        raise ProjectError(f"'{code}' is already published: nothing to do.")
    return found


def without_draft_flag(text: str, code: str) -> str:
    """mkdocs.yml text with the language's `draft: true` line (and an `extra:` left empty) removed."""
    lines = text.splitlines()
    start, end, _ = entry_span(lines, code)
    block = lines[start:end + 1]
    draft = next((i for i, line in enumerate(block) if re.match(r"^\s*draft:\s*true\b", line)), None)
    if draft is None:
        raise ProjectError(f"{CONFIG_FILE}: no 'draft: true' line under '- locale: {code}': edit it by hand.")
    del block[draft]
    extra = draft - 1
    if re.match(r"^\s*extra:\s*(#.*)?$", block[extra]) and (
            extra + 1 >= len(block) or len(block[extra + 1]) - len(block[extra + 1].lstrip()) <= len(block[extra]) - len(block[extra].lstrip())):
        del block[extra]
    new = lines[:start] + block + lines[end + 1:]
    return "\n".join(new) + ("\n" if text.endswith("\n") else "")


def publish(root: Path, code: str) -> str:
    """Make a draft language public, if it is ready for readers."""
    languages = site_languages(root)
    draft_language(languages, code)
    default = languages[0].code
    problems = strings_problems(root, code, default) + readiness_problems(root, code, default)
    if problems:
        raise ProjectError(f"'{code}' is not ready to publish ({len(problems)} problem(s)):\n{report(problems)}")
    path = Path(root) / CONFIG_FILE
    path.write_text(without_draft_flag(path.read_text("utf-8"), code), "utf-8")
    return (f"Published {code}: the next published build (make build, CI's deploy) includes /{code}/ in every page's "
            "language menu, hreflang, sitemap and search. Commit mkdocs.yml.")
