"""Every page's own input, checked and cleaned before it is rendered.

- Front matter must parse and give `title` and `description` (main.html needs
  them for <title>, the description and Open Graph). MkDocs on its own would
  publish a block that is not valid YAML as page text.
- A translation may not bring in what its English page lacks (raw HTML,
  scripts, other hosts, merge-conflict markers): alliance_site/input_safety.py.
- A page that is not UTF-8 (Shift_JIS, Windows-1252...) is refused by name
  and line, before MkDocs would stop on a UnicodeDecodeError traceback.
- Text is normalised to NFC, so accents saved decomposed (macOS) render right.

Same rules and words as `python scripts/l10n.py check`.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from alliance_site.config import built_languages
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
    return Path(path).relative_to(Path(config.config_file_path).parent).as_posix()


def on_page_read_source(page, config):
    path = page.file.abs_src_path
    if problem := encoding_problem(project_rel(path, config), Path(path).read_bytes()):
        raise PluginError(str(problem))
    return None  # MkDocs reads the file itself


def on_page_markdown(markdown, page, config, files):
    path = page.file.abs_src_path
    rel = project_rel(path, config)
    problems = [] if has_required_keys(page.meta) else [
        Problem(rel, line, message) for line, message in front_matter_problems(read_text(path))]
    english = english_source(page, config)
    if english is not None and english.is_file():
        problems += input_problems(rel, read_text(path), read_text(english), project_rel(english, config))
    if problems:
        raise PluginError(report(problems))
    page.meta = {key: nfc(value) if isinstance(value, str) else value for key, value in page.meta.items()}
    return nfc(markdown)
