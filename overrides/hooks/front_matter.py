"""Every page's own input, checked and cleaned before it is rendered.

- Front matter must parse and give `title` and `description` (main.html needs
  them for <title>, the description and Open Graph). MkDocs on its own would
  publish a block that is not valid YAML as page text.
- A translation may not bring in what its English page lacks (raw HTML,
  scripts, other hosts, merge-conflict markers): alliance_site/input_safety.py.
- A page that is not UTF-8 (Shift_JIS, Windows-1252...) is refused by name
  and line, before MkDocs would stop on a UnicodeDecodeError traceback.
- Each page is read once, as every rule reads it: UTF-8, NFC-normalised (accents
  saved decomposed by macOS tools render right), newlines as "\\n".

Same rules and words as `python scripts/l10n.py check`.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.exceptions import PluginError

from alliance_site.config import built_languages, project_root
from alliance_site.input_safety import encoding_problem, input_problems
from alliance_site.markdown import front_matter_problems, has_required_keys, nfc, read_text
from alliance_site.problems import Problem, report


def english_source(page, config) -> Path | None:
    """docs/en/<page> for a translated page; None for English itself and for fallbacks."""
    default = built_languages(config)[0].code
    locale = getattr(page.file, "locale", default)
    parts = Path(page.file.src_uri).parts
    if locale == default or parts[0] != locale:
        return None
    return Path(config.docs_dir, default, *parts[1:])


def project_rel(path, config) -> str:
    return Path(os.path.relpath(path, project_root(config))).as_posix()


_sources: dict[str, str] = {}  # this build's page sources, read once
_english: dict[Path, str] = {}  # English pages, read once for all their translations


def english_text(path: Path) -> str:
    if path not in _english:
        _english[path] = read_text(path)
    return _english[path]


def on_page_read_source(page, config):
    """Read the page once, as every rule reads it (UTF-8, NFC); refuse other encodings."""
    path = page.file.abs_src_path
    data = Path(path).read_bytes()
    if problem := encoding_problem(project_rel(path, config), data):
        raise PluginError(str(problem))
    text = nfc(data.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n"))
    _sources[path] = text
    return text


def on_page_markdown(markdown, page, config, files):
    path = page.file.abs_src_path
    rel, text = project_rel(path, config), _sources.pop(path)
    problems = [] if has_required_keys(page.meta) else [
        Problem(rel, line, message) for line, message in front_matter_problems(text)]
    english = english_source(page, config)
    if english is not None and english.is_file():
        problems += input_problems(rel, text, english_text(english), project_rel(english, config))
    if problems:
        raise PluginError(report(problems))
    return markdown
