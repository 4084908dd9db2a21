"""mkdocs.yml as the site's rules see it: its languages (default, translations,
drafts), which of them a build makes, and the nav.

mkdocs.yml is read with MkDocs' own YAML loader, so `!ENV` and the Python tags
mean what they mean to MkDocs. The i18n plugin's `languages` list is the one
list of languages; a *draft* is an entry with `extra: {draft: true}`: built by
previews (`make serve`, SITE_DRAFTS=1) and left out of published builds, so a
language appears nowhere on the site until a coordinator publishes it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from mkdocs.exceptions import ConfigurationError
from mkdocs.utils.yaml import yaml_load

from alliance_site.problems import ProjectError

PROJECT_ROOT = Path(__file__).resolve().parent.parent
CONFIG_FILE = "mkdocs.yml"
TRUE_VALUES = {"1", "true", "yes", "on"}


def read_config(root: Path) -> dict:
    path = Path(root) / CONFIG_FILE
    if not path.is_file():
        raise ProjectError(f"{path}: not found. Run from the repository root or pass --root.")
    try:
        with path.open("rb") as file:
            config = yaml_load(file)
    except ConfigurationError as error:
        raise ProjectError(f"{path}: {error}") from error
    return config if isinstance(config, dict) else {}


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    default: bool = False
    draft: bool = False


def entry_value(entry, key: str):
    """A field of an i18n language entry: a dict (read from YAML) or the plugin's validated config."""
    return entry.get(key) if isinstance(entry, Mapping) else getattr(entry, key, None)


def is_draft(entry) -> bool:
    extra = entry_value(entry, "extra") or {}
    return bool(isinstance(extra, Mapping) and extra.get("draft"))


def to_language(entry) -> Language:
    return Language(
        code=str(entry_value(entry, "locale")),
        name=str(entry_value(entry, "name") or entry_value(entry, "locale")),
        default=bool(entry_value(entry, "default")),
        draft=is_draft(entry),
    )


def i18n_entries(config: dict) -> list[dict]:
    """The i18n plugin's `languages` list in a mkdocs.yml read as data (empty if none)."""
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and isinstance(plugin.get("i18n"), dict):
            return [entry for entry in plugin["i18n"].get("languages") or [] if isinstance(entry, dict) and "locale" in entry]
    return []


def ordered(languages: list[Language]) -> list[Language]:
    """The default language first (the i18n plugin's build order), then the others as written."""
    if languages and not any(language.default for language in languages):
        languages = [Language(languages[0].code, languages[0].name, True, False), *languages[1:]]
    return sorted(languages, key=lambda language: not language.default)


def site_languages(root: Path) -> list[Language]:
    """Every language in mkdocs.yml, drafts included, default first."""
    languages = ordered([to_language(entry) for entry in i18n_entries(read_config(root))])
    if not languages:
        raise ProjectError(f"{Path(root) / CONFIG_FILE}: no i18n plugin 'languages' list.")
    return languages


# --------------------------------------------------------------------------- which languages a build makes


def drafts_wanted(environ: Mapping[str, str] = os.environ) -> bool:
    return environ.get("SITE_DRAFTS", "").strip().lower() in TRUE_VALUES


def only_codes(environ: Mapping[str, str] = os.environ) -> list[str]:
    """SITE_ONLY=ja (or ja,es): a translator's preview builds English plus these."""
    return [code.strip() for code in environ.get("SITE_ONLY", "").split(",") if code.strip()]


def selection_problems(languages: list[Language], environ: Mapping[str, str] = os.environ) -> list[str]:
    known = {language.code for language in languages}
    return [
        f"SITE_ONLY names '{code}', which is not a language of this site (mkdocs.yml has: {', '.join(sorted(known))})"
        for code in only_codes(environ) if code not in known
    ]


def is_built(language: Language, environ: Mapping[str, str] = os.environ) -> bool:
    """The default language is always built; a draft only when SITE_DRAFTS is set;
    with SITE_ONLY, only the languages it names."""
    if language.default:
        return True
    only = only_codes(environ)
    if only and language.code not in only:
        return False
    return not language.draft or drafts_wanted(environ) or language.code in only


# --------------------------------------------------------------------------- nav and pages


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


# --------------------------------------------------------------------------- during a build


@dataclass
class Session:
    """How MkDocs was started. `on_startup` runs once per `mkdocs build` or
    `mkdocs serve`, while hooks are re-loaded on every preview rebuild: what
    must last the whole session lives here, in an imported module."""

    command: str = "build"

    @property
    def previewing(self) -> bool:
        return self.command == "serve"


SESSION = Session()


def plugin_entries(config) -> list:
    """The i18n plugin's validated language entries of a loaded MkDocsConfig."""
    return list(config.plugins["i18n"].config.languages)


def building_other_languages(config) -> bool:
    """True inside the builds of the languages after the first: mkdocs-static-i18n
    builds each of them within the first build's on_post_build."""
    return bool(getattr(config.plugins.get("i18n"), "building", False))


def built_languages(config) -> list[Language]:
    """Languages this build makes (the i18n plugin's `build` flags), default first.

    Asked for on every page by several hooks, so answered once per build: the
    flags are final once hooks/languages.py has set them (forget_built_languages),
    and a preview's rebuild comes with a new plugin instance."""
    plugin = config.plugins["i18n"]
    if _BUILT.get("plugin") is not plugin:
        _BUILT.update(plugin=plugin, languages=ordered([to_language(entry) for entry in plugin_entries(config) if entry.build]))
    return _BUILT["languages"]


def forget_built_languages() -> None:
    _BUILT.clear()


_BUILT: dict = {}


def project_root(config) -> Path:
    return _folder_of(config.config_file_path)


@lru_cache(maxsize=8)
def _folder_of(path: str) -> Path:
    return Path(path).resolve().parent


def is_fallback(page, config) -> bool:
    """True when the page is shown in the default language in place of a translation."""
    return getattr(page.file, "locale", None) not in (None, config.theme["language"])
