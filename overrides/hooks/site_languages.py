"""Language data shared by the hooks: which languages are built, and their interface strings.

Not a hook itself (mkdocs.yml does not list it); the hooks import it.
Interface strings live once per language in data/strings/<lang>.yml.
"""

from __future__ import annotations

import importlib.util
import sys
from functools import lru_cache
from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError

PROJECT_ROOT = Path(__file__).resolve().parents[2]
STRINGS_DIR = PROJECT_ROOT / "data" / "strings"
SOURCE_LANGUAGE = "en"


def load_strings(lang: str) -> dict[str, str]:
    """Return the strings of one language, checked against English (cached
    until the file changes, so live reload picks up edits)."""
    path = STRINGS_DIR / f"{lang}.yml"
    english = STRINGS_DIR / f"{SOURCE_LANGUAGE}.yml"
    return _load_strings(lang, _mtime(path), _mtime(english))


def _mtime(path: Path) -> int:
    return path.stat().st_mtime_ns if path.is_file() else 0


@lru_cache(maxsize=None)
def _load_strings(lang: str, modified: int, english_modified: int) -> dict[str, str]:
    """The cache key carries both files' modification times; the body reads files."""
    path = STRINGS_DIR / f"{lang}.yml"
    if not path.is_file():
        raise PluginError(
            f"{path}: missing interface strings for language '{lang}'. "
            f"Copy {SOURCE_LANGUAGE}.yml to {lang}.yml and translate its values "
            "(for a language not yet in mkdocs.yml, `python scripts/l10n.py new-language CODE` does all of it)."
        )
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise PluginError(
            f"{path}: not valid YAML: {error}. A value containing ': ' or starting "
            "with a quote must be written in double quotes."
        ) from error
    if not isinstance(data, dict):
        raise PluginError(f"{path}: expected 'key: text' lines.")
    if lang != SOURCE_LANGUAGE:
        expected = set(load_strings(SOURCE_LANGUAGE))
        missing, extra = expected - set(data), set(data) - expected
        if missing or extra:
            raise PluginError(
                f"{path}: keys differ from {SOURCE_LANGUAGE}.yml "
                f"(missing: {sorted(missing)}, unknown: {sorted(extra)}). "
                f"Use exactly the keys of {SOURCE_LANGUAGE}.yml."
            )
    return {key: str(value) for key, value in data.items()}


def check_theme_supports(lang: str, config) -> None:
    """Material has interface translations for a fixed set of codes; any other
    would fail deep inside a template with a Jinja traceback."""
    template = f"partials/languages/{lang}.html"
    if not any((Path(folder) / template).is_file() for folder in config.theme.dirs):
        raise PluginError(
            f"{config.config_file_path}: language '{lang}' is not supported by Material for MkDocs "
            f"(no {template}). Use a code Material knows (for example fr, de, pt-BR, zh-TW)."
        )


def i18n_languages(config) -> dict:
    """Each configured language's mkdocs-static-i18n entry, by code."""
    return {lang.locale: lang for lang in config.plugins["i18n"].config.languages}


def built_languages(config) -> list[str]:
    """Languages the i18n plugin builds, default first."""
    languages = config.plugins["i18n"].config.languages
    ordered = sorted(languages, key=lambda lang: not lang.default)
    return [lang.locale for lang in ordered if lang.build]


@lru_cache(maxsize=None)
def l10n_tool(root: Path = PROJECT_ROOT):
    """scripts/l10n.py, the translators' tool: hooks reuse its rules, so the
    site and `python scripts/l10n.py` never disagree."""
    spec = importlib.util.spec_from_file_location("l10n", root / "scripts" / "l10n.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look themselves up there
    spec.loader.exec_module(module)
    return module
