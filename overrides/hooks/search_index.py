"""Index the built site with Pagefind (alliance_site/search.py), each language as
soon as it is built, while mkdocs-static-i18n builds the next; the build ends when
every language is indexed. Feeds partials/search.html and assets/site.js.

A preview keeps indexing out of the edit-to-reload path (search may lag a save).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority

from alliance_site.config import SESSION, built_languages, is_fallback
from alliance_site.problems import ProjectError
from alliance_site.search import LanguageIndexer, index_site, language_glob, preview_indexer

_indexer: dict[str, LanguageIndexer] = {}  # the published build's, while it runs
# Languages of this build with a page of their own (marked data-pagefind-body).
# A language with none is not indexed: Pagefind, given no marked page, would
# index the English fallbacks' whole bodies instead.
_translated: set[str] = set()


def i18n_is_building_other_languages(config) -> bool:
    """mkdocs-static-i18n builds each extra language inside its own on_post_build."""
    return bool(getattr(config.plugins.get("i18n"), "building", False))


def on_pre_build(config):
    if not i18n_is_building_other_languages(config):
        _translated.clear()


def on_post_page(output, page, config):
    if not is_fallback(page, config):
        _translated.add(config.theme["language"])
    return output


@event_priority(-50)  # a language's files are written; static-i18n (-100) has not started the next
def _index_this_language(config):
    if SESSION.previewing:
        return
    site_dir = Path(config.site_dir)
    if not i18n_is_building_other_languages(config):  # the default language: the build's first
        _indexer["build"] = LanguageIndexer(site_dir)
    code, codes = config.theme["language"], [language.code for language in built_languages(config)]
    if code not in _translated:
        return
    try:
        _indexer["build"].add(language_glob(site_dir, code, codes[0], codes))
    except ProjectError as error:
        raise PluginError(str(error)) from error


@event_priority(-200)  # after mkdocs-static-i18n (-100) has built every language
def _finish_index(config):
    if i18n_is_building_other_languages(config):
        return
    try:
        if SESSION.previewing:
            preview_indexer().after_build(Path(config.site_dir))
        else:
            _indexer.pop("build").finish()
    except ProjectError as error:
        raise PluginError(str(error)) from error


on_post_build = CombinedEvent(_index_this_language, _finish_index)
