"""Translators' tool for docs/<lang>/: status, diff, check and new-language.

    python scripts/l10n.py status [--json]   which translations are up to date
    python scripts/l10n.py diff LANG PAGE     what changed in English since the
                                              translation's last commit
    python scripts/l10n.py check              structure, links, glossary, interface
                                              strings, nav labels (exit 1 on problems)
    python scripts/l10n.py new-language CODE  scaffold a language

Languages come from the i18n plugin in mkdocs.yml; pages are the *.md files
under docs/<default language>/. `--root DIR` points the tool at another tree.

A translation's state, read from git history:
  translated  the last commit touching the English page is an ancestor of (or
              is) the last commit touching the translation; a translation with
              uncommitted changes (or not yet committed) counts as changed now
              (`diff` ignores such edits: it shows English since the last commit).
  outdated    English was committed after the translation was last changed.
  missing     no translation file: the site shows the English page.
  orphan      a translation whose English page no longer exists.
  unknown     no git history to compare (not a git work tree, git not
              installed, or the English page never committed). A shallow clone
              (depth 1) makes every page look translated: fetch full history.

Only the standard library and PyYAML; importing this module has no side effects,
so MkDocs hooks can call translation_state().
"""

from __future__ import annotations

import argparse
import difflib
import json
import posixpath
import re
import subprocess
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
STATES = ("translated", "outdated", "missing", "orphan", "unknown")

# ISO 639-1 codes this tool can scaffold (all supported by Material's interface),
# with the language's own name for the language menu.
KNOWN_LANGUAGES = {
    "ar": "العربية", "bn": "বাংলা", "ca": "Català", "cs": "Čeština", "da": "Dansk",
    "de": "Deutsch", "el": "Ελληνικά", "en": "English", "es": "Español", "fa": "فارسی",
    "fi": "Suomi", "fr": "Français", "he": "עברית", "hi": "हिन्दी", "hu": "Magyar",
    "id": "Bahasa Indonesia", "it": "Italiano", "ja": "日本語", "ko": "한국어",
    "ms": "Bahasa Melayu", "nl": "Nederlands", "pl": "Polski", "pt": "Português",
    "ro": "Română", "ru": "Русский", "sv": "Svenska", "th": "ไทย", "tr": "Türkçe",
    "uk": "Українська", "vi": "Tiếng Việt", "zh": "中文",
}
# Regional variants Material's interface is translated into.
KNOWN_REGIONS = {"pt-BR": "Português (Brasil)", "zh-TW": "中文（台灣）"}
# Open Graph locales (language_TERRITORY) where the territory is not the
# language code in capitals; og_locale() guesses the rest (fr -> fr_FR).
OG_LOCALES = {
    "ar": "ar_AR", "bn": "bn_IN", "ca": "ca_ES", "cs": "cs_CZ", "da": "da_DK", "el": "el_GR",
    "en": "en_US", "fa": "fa_IR", "he": "he_IL", "hi": "hi_IN", "ja": "ja_JP", "ko": "ko_KR",
    "ms": "ms_MY", "sv": "sv_SE", "uk": "uk_UA", "vi": "vi_VN", "zh": "zh_CN",
}
LANGUAGE_CODE = re.compile(r"[a-z]{2}(-[A-Z]{2})?")

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*\n", re.S)
REQUIRED_KEYS = ("title", "description")
FENCE = re.compile(r"^\s*(```|~~~)")
HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*$")
ATTR_LIST = re.compile(r"\{:?([^{}]*)\}")
ATTR_ID = re.compile(r"(?:^|\s)#([^\s}]+)")
HTML_ID = re.compile(r"""\bid=["']([^"']+)["']""")
INLINE_LINK = re.compile(r"\]\(\s*<?([^)\s>]*)>?(?:\s+[\"'(][^)]*)?\)")
REFERENCE_LINK = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)")
CODE_SPAN = re.compile(r"`[^`]*`")
URL_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:|^//")
SNIPPET = re.compile(r"""^\s*--8<--\s+(["']?)(partners/[^"'\s]+)\1\s*$""")
LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(.*)$")
FAQ_PAGES = {"faq.md"}
LATIN_LETTERS = "A-Za-z\u00c0-\u024f"
YAML_HINT = "values containing ': ' or starting with a quote must be in double quotes"


class L10nError(Exception):
    """A problem the user must fix; main() prints it and exits 2."""


@dataclass
class Problem:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


# --------------------------------------------------------------------------- config


class TolerantLoader(yaml.SafeLoader):
    """SafeLoader that reads unknown tags (!ENV, !!python/...) as plain values."""


def _construct_unknown(loader, node):
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_scalar(node)


TolerantLoader.add_constructor(None, _construct_unknown)


def read_config(root: Path) -> dict:
    path = Path(root) / "mkdocs.yml"
    if not path.is_file():
        raise L10nError(f"{path}: not found. Run from the repository root or pass --root.")
    try:
        config = yaml.load(path.read_text("utf-8"), Loader=TolerantLoader)
    except yaml.YAMLError as error:
        raise L10nError(f"{path}: not valid YAML ({error}).") from error
    return config if isinstance(config, dict) else {}


def i18n_languages(config: dict) -> list[dict]:
    """The `languages` list of the i18n plugin (empty if there is none)."""
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and isinstance(plugin.get("i18n"), dict):
            return [lang for lang in plugin["i18n"].get("languages") or [] if isinstance(lang, dict)]
    return []


def load_languages(root: Path) -> tuple[str, list[str]]:
    """(default language, the other languages) from mkdocs.yml."""
    languages = i18n_languages(read_config(root))
    if not languages:
        raise L10nError(f"{Path(root) / 'mkdocs.yml'}: no i18n plugin 'languages' list.")
    default = next((lang for lang in languages if lang.get("default")), languages[0])
    others = [str(lang["locale"]) for lang in languages if lang is not default and "locale" in lang]
    return str(default["locale"]), others


def nav_labels(nav) -> list[str]:
    """Every label of the nav (sections and pages), in order, without duplicates."""
    labels = []
    for item in nav or []:
        if isinstance(item, dict):
            for label, value in item.items():
                labels.append(str(label))
                if isinstance(value, list):
                    labels += nav_labels(value)
    return list(dict.fromkeys(labels))


def markdown_pages(folder: Path) -> list[str]:
    """Relative posix paths of the *.md files under a folder, sorted."""
    if not folder.is_dir():
        return []
    return sorted(path.relative_to(folder).as_posix() for path in folder.rglob("*.md"))


# --------------------------------------------------------------------------- git


def git(root: Path, *args: str) -> subprocess.CompletedProcess | None:
    """Run git in root; None when git is not installed."""
    try:
        return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=False)
    except OSError:
        return None


def has_git(root: Path) -> bool:
    result = git(root, "rev-parse", "--is-inside-work-tree")
    return bool(result and result.returncode == 0 and result.stdout.strip() == "true")


def last_commit(root: Path, path: str) -> str | None:
    """Hash of the last commit touching path, or None."""
    result = git(root, "log", "-1", "--format=%H %ct", "--", path)
    if not result or result.returncode != 0 or not result.stdout.strip():
        return None
    return result.stdout.split()[0]


def is_ancestor(root: Path, older: str, newer: str) -> bool:
    if older == newer:
        return True
    result = git(root, "merge-base", "--is-ancestor", older, newer)
    return bool(result and result.returncode == 0)


@dataclass
class GitSnapshot:
    """What translation_state needs from git, read in three commands for the
    whole docs/ tree: a build asks for every page at once."""

    last_commits: dict[str, str]
    changed: set[str]

    @classmethod
    def read(cls, root: Path) -> "GitSnapshot | None":
        if not has_git(root):
            return None
        log = git(root, "log", "--format=%x00%H", "--name-only", "--", "docs")
        last_commits: dict[str, str] = {}
        commit = None
        for line in log.stdout.splitlines() if log and log.returncode == 0 else []:
            if line.startswith("\0"):
                commit = line[1:]
            elif line and commit:
                last_commits.setdefault(line, commit)  # newest first
        status = git(root, "status", "--porcelain", "--untracked-files=all", "--", "docs")
        changed = {line[3:].strip('"') for line in status.stdout.splitlines()} if status and status.returncode == 0 else set()
        return cls(last_commits, changed)


# --------------------------------------------------------------------------- status


def translation_state(root: Path | str, lang: str, page: str, default_lang: str = "en",
                      snapshot: GitSnapshot | None = None) -> str:
    """State of docs/<lang>/<page> against docs/<default_lang>/<page> (see module docstring).

    Pass a GitSnapshot.read(root) to answer many pages with three git commands."""
    root = Path(root)
    source, target = f"docs/{default_lang}/{page}", f"docs/{lang}/{page}"
    source_exists, target_exists = (root / source).is_file(), (root / target).is_file()
    if not target_exists:
        return "missing"
    if not source_exists:
        return "orphan"
    if snapshot is None:
        snapshot = GitSnapshot.read(root)
    if snapshot is None:
        return "unknown"
    if target in snapshot.changed:
        return "translated"
    english, translation = snapshot.last_commits.get(source), snapshot.last_commits.get(target)
    if english is None or translation is None:
        return "unknown"
    return "translated" if is_ancestor(root, english, translation) else "outdated"


def status_rows(root: Path) -> list[dict]:
    """One row per (page, language) where the English page or the translation exists."""
    default, others = load_languages(root)
    english = markdown_pages(root / "docs" / default)
    snapshot = GitSnapshot.read(root)
    rows = []
    for lang in others:
        for page in sorted(set(english) | set(markdown_pages(root / "docs" / lang))):
            state = translation_state(root, lang, page, default, snapshot)
            rows.append({"page": page, "lang": lang, "state": state, "path": f"docs/{lang}/{page}"})
    return rows


def format_table(rows: list[dict], languages: list[str]) -> str:
    pages = sorted({row["page"] for row in rows})
    cells = {(row["page"], row["lang"]): row["state"] for row in rows}
    width = max([len("page"), *map(len, pages)])
    lines = ["page".ljust(width) + "".join(f"  {lang:<10}" for lang in languages)]
    for page in pages:
        lines.append(page.ljust(width) + "".join(f"  {cells.get((page, lang), '-'):<10}" for lang in languages))
    return "\n".join(line.rstrip() for line in lines)


def summary(rows: list[dict]) -> str:
    counts = {state: sum(row["state"] == state for row in rows) for state in STATES}
    text = ", ".join(f"{count} {state}" for state, count in counts.items() if count)
    if counts["outdated"]:
        text += "\nSee what changed in English: .venv/bin/python scripts/l10n.py diff LANG PAGE"
    if counts["unknown"]:
        text += "\nunknown: no git history to compare (commit the pages, or run inside a git clone)."
    return text or "no pages"


def cmd_status(args) -> int:
    root = args.root
    rows = status_rows(root)
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        print(format_table(rows, load_languages(root)[1]))
        print(summary(rows))
    return 0


# --------------------------------------------------------------------------- diff


def normalize_page(page: str, languages: tuple[str, ...] = ()) -> str:
    """'faq', 'faq.md', 'docs/ja/faq.md' or 'docs/en/faq.md' -> 'faq.md'."""
    page = page.replace("\\", "/").strip("/").removeprefix("./")
    for lang in languages:
        page = page.removeprefix(f"docs/{lang}/")
    return page if page.endswith(".md") else f"{page}.md"


def has_uncommitted_edits(root: Path, path: str) -> bool:
    result = git(root, "status", "--porcelain", "--untracked-files=all", "--", path)
    return bool(result and result.returncode == 0 and result.stdout.strip())


def diff_page(root: Path, lang: str, default: str, page: str) -> int:
    """Print the English changes since the translation's last *commit* (uncommitted
    edits to the translation are not taken as a review of English)."""
    source, target = f"docs/{default}/{page}", f"docs/{lang}/{page}"
    english = last_commit(root, source) if has_git(root) else None
    translation = last_commit(root, target) if english else None
    if english is None:
        print(f"No git history to compare {target} with {source}: run inside a git clone with both committed.")
        return 1
    if translation is None:
        print(f"{target} has never been committed: compare it with the whole of {source}, then commit it.")
        return 0
    if has_uncommitted_edits(root, target):
        print(f"{target} has uncommitted edits; showing English changes since its last commit")
    if is_ancestor(root, english, translation):
        print(f"{target} is up to date with {source}: nothing to do.")
        return 0
    print(f"{target} is outdated. English changes since its last commit ({translation[:10]}):\n", flush=True)
    result = git(root, "--no-pager", "diff", "--no-color", "--no-ext-diff", f"{translation}..HEAD", "--", source)
    print(result.stdout if result else "", end="")
    return 0


def cmd_diff(args) -> int:
    root = args.root
    default, others = load_languages(root)
    if args.lang not in others:
        raise L10nError(f"unknown language '{args.lang}': mkdocs.yml translates into {', '.join(others)}.")
    page = normalize_page(args.page, (args.lang, default))
    if not (root / "docs" / default / page).is_file():
        pages = ", ".join(markdown_pages(root / "docs" / default))
        raise L10nError(f"docs/{default}/{page}: no such English page (pages: {pages}).")
    if not (root / "docs" / args.lang / page).is_file():
        print(f"docs/{args.lang}/{page} does not exist yet: translate the whole of docs/{default}/{page}.")
        return 0
    return diff_page(root, args.lang, default, page)


# --------------------------------------------------------------------------- check: parsing


def read_text(path: Path) -> str:
    return path.read_text("utf-8-sig")


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


def auto_slug(text: str) -> str:
    """Approximate toc slug of a heading without an explicit id."""
    text = ATTR_LIST.sub("", text).strip().lower()
    return re.sub(r"\s+", "-", re.sub(r"[^\w\s-]", "", text))


def anchors(path: Path) -> set[str]:
    """Every id a link can target in a page: explicit, HTML and heading slugs."""
    lines = body_lines(read_text(path))
    ids = set()
    for line in lines:
        for attrs in ATTR_LIST.findall(line):
            ids.update(ATTR_ID.findall(attrs))
        ids.update(HTML_ID.findall(line))
    ids.update(heading_id(text) or auto_slug(text) for _, _, _, text in headings(lines))
    return ids


def links(lines: list[str]) -> list[tuple[int, str]]:
    """(line number, target) of inline and reference links, code spans skipped."""
    found = []
    for number, line in enumerate(lines, 1):
        line = CODE_SPAN.sub("", line)
        found += [(number, target) for target in INLINE_LINK.findall(line)]
        reference = REFERENCE_LINK.match(line)
        if reference:
            found.append((number, reference.group(1)))
    return found


@dataclass
class Project:
    """What `check` compares: paths, languages and shared data."""

    root: Path
    default: str
    others: list[str]

    def rel(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def page(self, lang: str, page: str) -> Path:
        return self.root / "docs" / lang / page


# --------------------------------------------------------------------------- check: rules


def front_matter_problems(text: str) -> list[tuple[int, str]]:
    """(line, message) for front matter that does not parse or lacks title/description.

    Also used by the MkDocs hook overrides/hooks/front_matter.py, so the build
    and `check` reject the same pages with the same words."""
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


def check_front_matter(project: Project, path: Path) -> list[Problem]:
    """(e) front matter parses and gives title and description."""
    rel = project.rel(path)
    return [Problem(rel, line, message) for line, message in front_matter_problems(read_text(path))]


def heading_label(page: str, level: int) -> str:
    return "FAQ question" if page in FAQ_PAGES and level == 2 else "heading"


def check_headings(project: Project, lang: str, page: str) -> list[Problem]:
    """(a)(b) the translation has the English headings' ids, in the same order."""
    source = headings(body_lines(read_text(project.page(project.default, page))))
    target_path = project.page(lang, page)
    target = headings(body_lines(read_text(target_path)))
    rel, english = project.rel(target_path), project.rel(project.page(project.default, page))
    problems = [Problem(rel, number, message) for number, message in headings_without_id(source, target, english)]
    problems += [Problem(rel, number, message) for number, message in heading_id_changes(source, target, page, english)]
    source_ids = [hid for _, _, hid, _ in source if hid]
    target_ids = [hid for _, _, hid, _ in target if hid]
    common = [hid for hid in source_ids if hid in target_ids]
    if not problems and common != [hid for hid in target_ids if hid in source_ids]:
        order = " ".join(f"#{hid}" for hid in source_ids)
        problems.append(Problem(rel, target[0][0], f"headings are in a different order from {english}: {order}"))
    return problems


def headings_without_id(source, target, english: str) -> list[tuple[int, str]]:
    """(line, message) for translated headings with no {#id}. The English heading
    at the same position is named when it has no id either: there is none to copy."""
    found = []
    for index, (number, _, hid, _) in enumerate(target):
        if hid is not None:
            continue
        if index < len(source) and source[index][2] is None:
            found.append((number, f"heading has no {{#id}}: neither has the English heading {english}:{source[index][0]}; "
                                  "once it has one, copy it here"))
        else:
            found.append((number, "heading has no {#id}: end it with the {#id} of the matching English heading"))
    return found


def renamed_ids(source_ids: list[str], target_ids: list[str]) -> dict[str, str]:
    """{translation id: English id} for ids that differ at the same position
    (a typo such as #costs for #cost), rather than a missing plus an extra heading."""
    renamed = {}
    matcher = difflib.SequenceMatcher(None, source_ids, target_ids, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "replace" and i2 - i1 == j2 - j1:
            for old, new in zip(source_ids[i1:i2], target_ids[j1:j2]):
                if old not in target_ids and new not in source_ids:
                    renamed[new] = old
    return renamed


def heading_id_changes(source, target, page: str, english: str) -> list[tuple[int, str]]:
    """(line, message) for renamed, missing and extra heading ids."""
    source_ids = [hid for _, _, hid, _ in source if hid]
    target_ids = [hid for _, _, hid, _ in target if hid]
    renamed = renamed_ids(source_ids, target_ids)
    english_line = {hid: number for number, _, hid, _ in source if hid}
    found = []
    for number, level, hid, _ in source:
        if hid and hid not in target_ids and hid not in renamed.values():
            line = next_heading_line(source, target, hid)
            found.append((line, f"missing {heading_label(page, level)} #{hid} (English: {english}:{number})"))
    for number, level, hid, _ in target:
        if hid in renamed:
            found.append((number, f"heading id #{hid} should be #{renamed[hid]} "
                                  f"(English: {english}:{english_line[renamed[hid]]})"))
        elif hid and hid not in source_ids:
            found.append((number, f"extra {heading_label(page, level)} #{hid}: {english} has no such id"))
    return sorted(found)


def next_heading_line(source, target, missing_id: str) -> int:
    """Line in the translation where a missing heading belongs: before the next shared one."""
    target_lines = {hid: number for number, _, hid, _ in target if hid}
    ids = [hid for _, _, hid, _ in source]
    for hid in ids[ids.index(missing_id) + 1:]:
        if hid in target_lines:
            return target_lines[hid]
    return target[-1][0] if target else 1


def resolve_link(project: Project, lang: str, page: str, target: str) -> tuple[Path | None, str, str]:
    """(file the link points to, or None if missing; page path; anchor)."""
    path, _, anchor = target.partition("#")
    if not path:
        return project.page(lang, page), page, anchor
    linked = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    for candidate_lang in (lang, project.default):
        candidate = project.page(candidate_lang, linked)
        if candidate.is_file():
            return candidate, linked, anchor
    return None, linked, anchor


def check_links(project: Project, lang: str, page: str) -> list[Problem]:
    """(c) relative .md links and #anchors point to pages and ids that exist."""
    path = project.page(lang, page)
    rel, problems = project.rel(path), []
    for number, target in links(body_lines(read_text(path))):
        link_path = target.partition("#")[0]
        if not target or URL_SCHEME.match(target) or target.startswith("/"):
            continue
        if link_path and not link_path.endswith(".md"):
            continue
        found, linked, anchor = resolve_link(project, lang, page, target)
        if linked.startswith("../"):
            continue
        if found is None:
            problems.append(Problem(rel, number, f"link to missing page '{target}': neither "
                                                 f"docs/{lang}/{linked} nor docs/{project.default}/{linked} exists"))
        elif anchor and anchor not in anchors(found):
            problems.append(Problem(rel, number, f"link to missing anchor '{target}': {project.rel(found)} has no {{#{anchor}}}"))
    return problems


def snippet_lines(lines: list[str]) -> list[tuple[int, str]]:
    return [(number, match.group(2)) for number, line in enumerate(lines, 1) if (match := SNIPPET.match(line))]


def partner_names(root: Path) -> list[str]:
    names = []
    for path in sorted((root / "data" / "partners").glob("*.md")):
        names += [match.group(1).strip() for line in read_text(path).splitlines() if (match := LIST_ITEM.match(line))]
    return [name for name in names if name]


def check_partner_snippets(project: Project, lang: str, page: str) -> list[Problem]:
    """(f) the translation includes exactly the English page's partner lists."""
    source = [name for _, name in snippet_lines(body_lines(read_text(project.page(project.default, page))))]
    path = project.page(lang, page)
    target = snippet_lines(body_lines(read_text(path)))
    rel, problems = project.rel(path), []
    names = [name for _, name in target]
    for name in source:
        if name not in names:
            problems.append(Problem(rel, 1, f'missing partner list: add the line --8<-- "{name}" as in English'))
    for number, name in target:
        if name not in source:
            problems.append(Problem(rel, number, f'extra partner list --8<-- "{name}": English does not include it'))
    if not problems and names != source:
        problems.append(Problem(rel, target[0][0], "partner lists are in a different order from English"))
    return problems


def check_handwritten_partners(project: Project, lang: str, page: str, partners: list[str]) -> list[Problem]:
    """(f) a Partners page lists partners only through data/partners/ snippets."""
    path = project.page(lang, page)
    problems = []
    for number, line in enumerate(body_lines(read_text(path)), 1):
        item = LIST_ITEM.match(line)
        named = [name for name in partners if item and term_pattern(name).search(item.group(1))]
        if named:
            problems.append(Problem(
                project.rel(path), number,
                f"hand-written list item names partner '{named[0]}': partner lists live in data/partners/; "
                'include them with --8<-- "partners/….md" instead',
            ))
    return problems


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


def load_glossary(root: Path) -> tuple[list[dict], list[Problem]]:
    """Entries of data/glossary.yml, and problems with the file itself."""
    path = root / "data" / "glossary.yml"
    if not path.is_file():
        return [], []
    try:
        entries = yaml.safe_load(read_text(path)) or []
    except yaml.YAMLError as error:
        return [], [yaml_error_problem("data/glossary.yml", error)]
    if not isinstance(entries, list) or not all(isinstance(entry, dict) and "en" in entry for entry in entries):
        message = "expected a list of entries, each with 'en:' and per language 'use:' and 'avoid:'"
        return [], [Problem("data/glossary.yml", 1, message)]
    return entries, []


def check_glossary(project: Project, lang: str, page: str, glossary: list[dict]) -> list[Problem]:
    """(g) no non-glossary form of a term in this language's page."""
    path = project.page(lang, page)
    problems = []
    for number, line in enumerate(read_text(path).splitlines(), 1):
        for entry in glossary:
            rule = entry.get(lang) or {}
            for variant in rule.get("avoid") or []:
                if term_pattern(str(variant)).search(line):
                    problems.append(Problem(
                        project.rel(path), number,
                        f"'{variant}' is not the glossary form of '{entry['en']}': "
                        f"use '{rule.get('use')}' (data/glossary.yml)",
                    ))
    return problems


def check_translation(project: Project, lang: str, page: str,
                      glossary: list[dict], partners: list[str]) -> list[Problem]:
    """Every rule for one translated page."""
    problems = check_front_matter(project, project.page(lang, page))
    problems += check_headings(project, lang, page)
    problems += check_links(project, lang, page)
    problems += check_partner_snippets(project, lang, page)
    if snippet_lines(body_lines(read_text(project.page(project.default, page)))):
        problems += check_handwritten_partners(project, lang, page, partners)
    problems += check_glossary(project, lang, page, glossary)
    return problems


def check_english_heading_ids(project: Project, page: str) -> list[Problem]:
    """English headings need an explicit {#id}: it is the anchor every translation copies."""
    path = project.page(project.default, page)
    return [
        Problem(project.rel(path), number, "heading has no {#id}: add one (translations copy it)")
        for number, _, hid, _ in headings(body_lines(read_text(path))) if hid is None
    ]


def check_english(project: Project, page: str, partners: list[str]) -> list[Problem]:
    path = project.page(project.default, page)
    problems = check_front_matter(project, path) + check_links(project, project.default, page)
    problems += check_english_heading_ids(project, page)
    if snippet_lines(body_lines(read_text(path))):
        problems += check_handwritten_partners(project, project.default, page, partners)
    return problems


def read_strings(root: Path, lang: str, default: str) -> tuple[dict[str, int] | None, list[Problem]]:
    """({key: line} of data/strings/<lang>.yml, or None if unusable; its problems)."""
    rel = f"data/strings/{lang}.yml"
    path = root / rel
    if not path.is_file():
        return None, [Problem(rel, 1, f"missing interface strings for '{lang}' (a language in mkdocs.yml): "
                                      f"copy {default}.yml to this name and translate its values")]
    try:
        text = read_text(path)
        node = yaml.compose(text)
        yaml.safe_load(text)  # also rejects what composes but does not load (unknown tags)
    except yaml.YAMLError as error:
        return None, [yaml_error_problem(rel, error)]
    if not isinstance(node, yaml.MappingNode):
        return None, [Problem(rel, 1, "expected 'key: text' lines, one per interface string")]
    return {str(key.value): key.start_mark.line + 1 for key, _ in node.value}, []


def check_strings(root: Path, default: str, others: list[str]) -> list[Problem]:
    """data/strings/<lang>.yml parses and has exactly the keys of <default>.yml."""
    if not (root / "data" / "strings").is_dir():
        return []
    source, problems = read_strings(root, default, default)
    for lang in others:
        keys, found = read_strings(root, lang, default)
        problems += found
        if source is None or keys is None:
            continue
        rel = f"data/strings/{lang}.yml"
        problems += [Problem(rel, 1, f"missing key '{key}' (copy it from {default}.yml and translate its value)")
                     for key in source if key not in keys]
        problems += [Problem(rel, line, f"unknown key '{key}': {default}.yml has no such key "
                                        f"(rename it to a key of {default}.yml or delete it)")
                     for key, line in keys.items() if key not in source]
    return problems


def locale_line(text: str, lang: str) -> int:
    """Line of a language's '- locale: xx' entry in mkdocs.yml (1 if not found)."""
    pattern = re.compile(rf"""^\s*-?\s*locale:\s*["']?{re.escape(lang)}["']?\s*(#.*)?$""")
    return next((number for number, line in enumerate(text.splitlines(), 1) if pattern.match(line)), 1)


def check_nav_translations(root: Path, default: str) -> list[Problem]:
    """Every nav label has a translation in each other language's nav_translations."""
    config = read_config(root)
    text = (Path(root) / "mkdocs.yml").read_text("utf-8")
    labels, problems = nav_labels(config.get("nav")), []
    for language in i18n_languages(config):
        lang = str(language.get("locale"))
        if lang == default or language.get("default"):
            continue
        translations = language.get("nav_translations") or {}
        problems += [
            Problem("mkdocs.yml", locale_line(text, lang),
                    f"nav label '{label}' has no {lang} translation in nav_translations: "
                    f"add a line '{label}: …' under it")
            for label in labels if label not in translations
        ]
    return problems


def check_project(root: Path) -> list[Problem]:
    """Every problem in the tree, English first, then each language."""
    default, others = load_languages(root)
    project = Project(Path(root), default, others)
    english = markdown_pages(root / "docs" / default)
    glossary, problems = load_glossary(root)
    problems += check_strings(root, default, others) + check_nav_translations(root, default)
    partners = partner_names(root)
    for page in english:
        problems += check_english(project, page, partners)
    for lang in others:
        for page in markdown_pages(root / "docs" / lang):
            if page not in english:
                problems.append(Problem(
                    f"docs/{lang}/{page}", 1,
                    f"orphan translation: docs/{default}/{page} does not exist; "
                    "delete this file or rename it after its English page",
                ))
            else:
                problems += check_translation(project, lang, page, glossary, partners)
    return problems


def cmd_check(args) -> int:
    root = args.root
    problems = check_project(root)
    for problem in problems:
        print(problem)
    if problems:
        print(f"l10n check: {len(problems)} problem(s) found.", file=sys.stderr)
        return 1
    default, others = load_languages(root)
    count = len(markdown_pages(root / "docs" / default))
    print(f"l10n check: OK ({count} pages; {', '.join(others) or 'no translations'} in line with {default}).")
    return 0


# --------------------------------------------------------------------------- new-language


def validate_new_code(code: str, existing: list[str]) -> str:
    """The native name of a language this tool can add; L10nError otherwise."""
    if not LANGUAGE_CODE.fullmatch(code):
        raise L10nError(
            f"'{code}' is not a language code: use two lowercase ISO 639-1 letters (fr), "
            "optionally with an uppercase region (pt-BR)."
        )
    if code.lower() in {lang.lower().replace("_", "-") for lang in existing}:
        raise L10nError(f"'{code}' is already a language of this site (mkdocs.yml): nothing to do.")
    base = code[:2]
    if base not in KNOWN_LANGUAGES:
        raise L10nError(f"'{base}' is not a known ISO 639-1 code here. Known: {', '.join(sorted(KNOWN_LANGUAGES))}.")
    if "-" in code and code not in KNOWN_REGIONS:
        raise L10nError(f"'{code}': regional variant not supported. Use '{base}' or one of: {', '.join(KNOWN_REGIONS)}.")
    return KNOWN_REGIONS.get(code) or KNOWN_LANGUAGES[base]


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
        f"{inner}site_name: {yaml_scalar(str(config.get('site_name', '')))}  # TODO translate",
    ]
    if config.get("site_description"):
        lines.append(f"{inner}site_description: {yaml_scalar(str(config['site_description']))}  # TODO translate")
    lines += [
        f"{inner}nav_translations:  # TODO translate the labels on the right",
    ]
    lines += [f"{inner}  {yaml_scalar(label)}: {yaml_scalar(label)}" for label in nav_labels(config.get("nav"))]
    return lines


def insert_language(text: str, block_for) -> str:
    """mkdocs.yml text with a language block inserted after the last i18n language entry."""
    lines = text.splitlines()
    entries = [number for number, line in enumerate(lines) if re.match(r"^\s*- locale:", line)]
    if not entries:
        raise L10nError("mkdocs.yml: no '- locale:' entry in the i18n plugin's languages: add the language by hand.")
    indent = re.match(r"^(\s*)", lines[entries[-1]]).group(1)
    end = entries[-1]
    for number in range(entries[-1] + 1, len(lines)):
        line = lines[number]
        if line.strip() and len(line) - len(line.lstrip()) <= len(indent):
            break
        if line.strip():
            end = number
    new = lines[: end + 1] + block_for(indent) + lines[end + 1:]
    return "\n".join(new) + ("\n" if text.endswith("\n") else "")


def og_locale(code: str) -> str:
    """A guess at the Open Graph locale of a language code: fr -> fr_FR, pt-BR -> pt_BR."""
    if "-" in code:
        return code.replace("-", "_")
    return OG_LOCALES.get(code, f"{code}_{code.upper()}")


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
        ("mkdocs.yml", "new entry in the i18n languages (site_name, site_description, nav labels: TODO translate)"),
        (f"docs/{code}/", "translations go here; until then every page shows English"),
        (f"data/strings/{code}.yml", "interface strings to translate (og_locale: TODO check)"),
    ]
    width = max(len(path) for path, _ in rows)
    lines = [f"  {path.ljust(width)}  {text}" for path, text in rows]
    return "\n".join([f"Added {name} ({code}):", *lines, "Next: .venv/bin/python scripts/l10n.py status"])


def cmd_new_language(args) -> int:
    root, code = args.root, args.code
    config_path = root / "mkdocs.yml"
    config = read_config(root)
    default, others = load_languages(root)
    name = validate_new_code(code, [default, *others])
    english_strings = root / "data" / "strings" / f"{default}.yml"
    if not english_strings.is_file():
        raise L10nError(f"{english_strings}: not found; it is the model for the new language's interface strings.")
    updated = insert_language(config_path.read_text("utf-8"), lambda indent: language_block(code, name, config, indent))
    if code not in [str(lang.get("locale")) for lang in i18n_languages(yaml.load(updated, Loader=TolerantLoader))]:
        raise L10nError(f"{config_path}: could not add '{code}' to the i18n languages: add it by hand.")
    config_path.write_text(updated, "utf-8")
    folder = root / "docs" / code
    folder.mkdir(parents=True, exist_ok=True)
    if not any(folder.iterdir()):
        (folder / ".gitkeep").write_text("", "utf-8")
    strings = root / "data" / "strings" / f"{code}.yml"
    if not strings.exists():
        strings.write_text(strings_file(english_strings.read_text("utf-8"), code, name), "utf-8")
    print(added_summary(code, name))
    return 0


# --------------------------------------------------------------------------- CLI


def build_parser() -> argparse.ArgumentParser:
    root_option = argparse.ArgumentParser(add_help=False)
    root_option.add_argument("--root", type=Path, default=argparse.SUPPRESS,
                             help="project directory (default: the repository root)")
    parser = argparse.ArgumentParser(prog="l10n.py", description=__doc__.split("\n\n")[0], parents=[root_option])
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    status = commands.add_parser("status", parents=[root_option], help="state of every translation")
    status.add_argument("--json", action="store_true", help="print a JSON list of {page, lang, state, path}")
    status.set_defaults(run=cmd_status)
    diff = commands.add_parser("diff", parents=[root_option], help="English changes since a translation was last updated")
    diff.add_argument("lang")
    diff.add_argument("page", help="e.g. faq.md, faq or docs/ja/faq.md")
    diff.set_defaults(run=cmd_diff)
    check = commands.add_parser("check", parents=[root_option], help="translations in line with English (exit 1 if not)")
    check.set_defaults(run=cmd_check)
    new = commands.add_parser("new-language", parents=[root_option], help="scaffold a language, e.g. fr")
    new.add_argument("code")
    new.set_defaults(run=cmd_new_language)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    args.root = Path(getattr(args, "root", ROOT)).resolve()
    try:
        return args.run(args)
    except L10nError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
