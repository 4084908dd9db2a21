"""`check`: every translation in line with its English page, and every
published language ready for readers.

Links and anchors are not checked here: MkDocs' own validation (mkdocs.yml,
`validation:`) refuses them in the strict build, in every language.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from alliance_site.config import CONFIG_FILE, Language, entry_value, i18n_entries, markdown_pages, nav_labels, read_config
from alliance_site.input_safety import encoding_problem, input_problems, interface_text_problem
from alliance_site.markdown import (
    LIST_ITEM, body_lines, front_matter_problems, headings, list_items, read_text, snippet_lines, term_pattern,
    yaml_error_problem,
)
from alliance_site.problems import Problem
from alliance_site.strings import read_strings_file, strings_problems

FAQ_PAGES = {"faq.md"}
PARTNERS_DIR = Path("data") / "partners"


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


def check_front_matter(project: Project, path: Path) -> list[Problem]:
    """Front matter parses and gives title and description."""
    rel = project.rel(path)
    return [Problem(rel, line, message) for line, message in front_matter_problems(read_text(path))]


def check_headings(project: Project, lang: str, page: str) -> list[Problem]:
    """The translation has the English headings' ids, in the same order."""
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


def heading_label(page: str, level: int) -> str:
    return "FAQ question" if page in FAQ_PAGES and level == 2 else "heading"


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


def partner_names(root: Path) -> list[str]:
    """Every partner named in data/partners/*.md, in file order."""
    names = []
    for path in sorted((Path(root) / PARTNERS_DIR).glob("*.md")):
        names += list_items(read_text(path))
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


def check_english_heading_ids(project: Project, page: str) -> list[Problem]:
    """English headings need an explicit {#id}: it is the anchor every translation copies."""
    path = project.page(project.default, page)
    return [
        Problem(project.rel(path), number, "heading has no {#id}: add one (translations copy it)")
        for number, _, hid, _ in headings(body_lines(read_text(path))) if hid is None
    ]


def locale_line(text: str, lang: str) -> int:
    """Line of a language's '- locale: xx' entry in mkdocs.yml (1 if not found)."""
    pattern = re.compile(rf"""^\s*-?\s*locale:\s*["']?{re.escape(lang)}["']?\s*(#.*)?$""")
    return next((number for number, line in enumerate(text.splitlines(), 1) if pattern.match(line)), 1)


def language_text_problems(entry) -> list[str]:
    """A language entry's site name, description and nav labels are plain text
    (templates print them): for `check` and for the build (hooks/languages.py)."""
    lang = entry_value(entry, "locale")
    texts = {"site_name": entry_value(entry, "site_name"), "site_description": entry_value(entry, "site_description"),
             **{f"nav label '{label}'": value for label, value in (entry_value(entry, "nav_translations") or {}).items()}}
    return [f"{lang} {what}: {reason}" for what, value in texts.items()
            if isinstance(value, str) and (reason := interface_text_problem(value))]


def check_nav_translations(root: Path, default: str) -> list[Problem]:
    """Every nav label has a translation in each other language's nav_translations."""
    config = read_config(root)
    text = (Path(root) / "mkdocs.yml").read_text("utf-8")
    labels, problems = nav_labels(config.get("nav")), []
    for language in i18n_entries(config):
        lang = str(language.get("locale"))
        if lang == default or language.get("default"):
            continue
        translations = language.get("nav_translations") or {}
        problems += [Problem("mkdocs.yml", locale_line(text, lang), reason) for reason in language_text_problems(language)]
        problems += [
            Problem("mkdocs.yml", locale_line(text, lang),
                    f"nav label '{label}' has no {lang} translation in nav_translations: "
                    f"add a line '{label}: …' under it")
            for label in labels if label not in translations
        ]
    return problems


# --------------------------------------------------------------------------- ready to publish

# Values a translation may keep exactly as in English: proper names (the
# Alliance's name stays in Latin script in Japanese, see the glossary) and
# the site name. Any other value equal to English is an untranslated copy,
# unless its line says so with the comment `# same as English`.
MAY_EQUAL_ENGLISH = {"organization_name", "og_locale"}
SAME_AS_ENGLISH = re.compile(r"#.*\bsame as English\b", re.I)
PLACEHOLDER = re.compile(r"#.*\bTODO\b")


def placeholder_problem(rel: str, line: int, text: str, what: str, english_copy: bool) -> Problem | None:
    if PLACEHOLDER.search(text):
        return Problem(rel, line, f"{what} is still a placeholder (TODO): translate it and remove the TODO comment")
    if english_copy and not SAME_AS_ENGLISH.search(text):
        return Problem(rel, line, f"{what} is a copy of the English text: translate it "
                                  "(or, if it really is the same in this language, end the line with '# same as English')")
    return None


def strings_readiness(root: Path, lang: str, default: str) -> list[Problem]:
    """Interface strings translated: no TODO left, no value copied from English."""
    english, target = read_strings_file(root, default, default), read_strings_file(root, lang, default)
    if english.values is None or target.values is None:
        return []
    problems = []
    for number, text in enumerate(target.text_lines, 1):
        if text.lstrip().startswith("#") and PLACEHOLDER.search(text):
            problems.append(Problem(target.rel, number, "the file still says TODO: translate every value, then remove this comment"))
    for key, line in target.lines.items():
        copy = key not in MAY_EQUAL_ENGLISH and target.values.get(key) == english.values.get(key)
        text = target.text_lines[line - 1]
        if not text.lstrip().startswith("#") and (found := placeholder_problem(target.rel, line, text, f"interface string '{key}'", copy)):
            problems.append(found)
    return problems


def mapping_items(node) -> dict[str, tuple]:
    return {str(key.value): (key, value) for key, value in node.value} if isinstance(node, yaml.MappingNode) else {}


def language_entry_node(root: Path, lang: str):
    """The YAML node of a language's i18n entry in mkdocs.yml (for line numbers)."""
    node = yaml.compose((Path(root) / CONFIG_FILE).read_text("utf-8"))
    plugins = mapping_items(node).get("plugins", (None, None))[1]
    for plugin in getattr(plugins, "value", []):
        i18n = mapping_items(plugin).get("i18n", (None, None))[1]
        for entry in getattr(mapping_items(i18n).get("languages", (None, None))[1], "value", []):
            locale = mapping_items(entry).get("locale", (None, None))[1]
            if locale is not None and str(locale.value) == lang:
                return entry
    return None


def config_readiness(root: Path, lang: str) -> list[Problem]:
    """mkdocs.yml: site name, description and nav labels of the language translated."""
    config = read_config(root)
    entry, lines = language_entry_node(root, lang), (Path(root) / CONFIG_FILE).read_text("utf-8").splitlines()
    if entry is None:
        return []
    items, problems = mapping_items(entry), []
    english = {"site_name": str(config.get("site_name", "")), "site_description": str(config.get("site_description", ""))}
    for key in ("site_name", "site_description"):
        if key not in items:
            problems.append(Problem(CONFIG_FILE, entry.start_mark.line + 1, f"language '{lang}' has no {key}: add a translated one"))
            continue
        key_node, value = items[key]
        text = lines[key_node.start_mark.line]
        copy = key != "site_name" and " ".join(str(value.value).split()) == " ".join(english[key].split())
        if found := placeholder_problem(CONFIG_FILE, key_node.start_mark.line + 1, text, f"{lang} {key}", copy):
            problems.append(found)
    if "nav_translations" in items:
        key_node, labels = items["nav_translations"]
        if found := placeholder_problem(CONFIG_FILE, key_node.start_mark.line + 1, lines[key_node.start_mark.line],
                                        f"{lang} nav_translations", False):
            problems.append(found)
        for label, (label_node, value) in mapping_items(labels).items():
            text = lines[label_node.start_mark.line]
            if found := placeholder_problem(CONFIG_FILE, label_node.start_mark.line + 1, text,
                                            f"{lang} nav label '{label}'", str(value.value) == label):
                problems.append(found)
    return problems


def readiness_problems(root: Path, lang: str, default: str) -> list[Problem]:
    """What stops a language from being published (and a published one from being deployed)."""
    return strings_readiness(root, lang, default) + config_readiness(root, lang)


# --------------------------------------------------------------------------- the whole tree


def check_translation(project: Project, lang: str, page: str,
                      glossary: list[dict], partners: list[str]) -> list[Problem]:
    """Every rule for one translated page."""
    english_path = project.page(project.default, page)
    english = read_text(english_path)
    path = project.page(lang, page)
    problems = check_front_matter(project, path)
    problems += input_problems(project.rel(path), read_text(path), english, project.rel(english_path))
    problems += check_headings(project, lang, page)
    problems += check_partner_snippets(project, lang, page)
    if snippet_lines(body_lines(english)):
        problems += check_handwritten_partners(project, lang, page, partners)
    problems += check_glossary(project, lang, page, glossary)
    return problems


def check_english(project: Project, page: str, partners: list[str]) -> list[Problem]:
    path = project.page(project.default, page)
    problems = check_front_matter(project, path) + check_english_heading_ids(project, page)
    if snippet_lines(body_lines(read_text(path))):
        problems += check_handwritten_partners(project, project.default, page, partners)
    return problems


def not_utf8(project: Project, languages: list[str]) -> dict[tuple[str, str], Problem]:
    """{(language, page): problem} for pages no rule can read: not UTF-8."""
    found = {}
    for lang in languages:
        for page in markdown_pages(project.root / "docs" / lang):
            path = project.page(lang, page)
            if problem := encoding_problem(project.rel(path), path.read_bytes()):
                found[(lang, page)] = problem
    return found


def check_project(root: Path, languages: list[Language]) -> list[Problem]:
    """Every problem in the tree: shared files, English, then each language
    (drafts too, except that only published languages must be ready for readers)."""
    root = Path(root)
    default, others = languages[0].code, languages[1:]
    project = Project(root, default, [language.code for language in others])
    english = markdown_pages(root / "docs" / default)
    glossary, problems = load_glossary(root)
    for language in languages:
        problems += strings_problems(root, language.code, default)
    problems += check_nav_translations(root, default)
    for language in others:
        if not language.draft:
            problems += readiness_problems(root, language.code, default)
    partners = partner_names(root)
    unreadable = not_utf8(project, [default, *project.others])
    problems += list(unreadable.values())
    for page in english:
        if (default, page) not in unreadable:
            problems += check_english(project, page, partners)
    for lang in project.others:
        for page in markdown_pages(root / "docs" / lang):
            if {(lang, page), (default, page)} & set(unreadable):
                continue
            if page not in english:
                problems.append(Problem(
                    f"docs/{lang}/{page}", 1,
                    f"orphan translation: docs/{default}/{page} does not exist; "
                    "delete this file or rename it after its English page",
                ))
            else:
                problems += check_translation(project, lang, page, glossary, partners)
    return problems
