"""Index the built site with Pagefind (alliance_site/search.py), each language as
soon as it is built, while mkdocs-static-i18n builds the next; the build ends when
every language is indexed. Feeds partials/search.html and assets/site.js.

A preview keeps indexing out of the edit-to-reload path (search may lag a save).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority

from alliance_site.config import SESSION, building_other_languages, built_languages
from alliance_site.problems import ProjectError
from alliance_site.search import LanguageIndexer, preview_indexer

_indexer: dict[str, LanguageIndexer] = {}  # the published build's, while it runs


@event_priority(-50)  # a language's files are written; static-i18n (-100) has not started the next
def _index_this_language(config):
    if SESSION.previewing:
        return
    if not building_other_languages(config):  # the default language: the build's first
        _indexer["build"] = LanguageIndexer(Path(config.site_dir))
    codes = [language.code for language in built_languages(config)]
    try:
        _indexer["build"].add_language(config.theme["language"], codes[0], codes)
    except ProjectError as error:
        raise PluginError(str(error)) from error


@event_priority(-200)  # after mkdocs-static-i18n (-100) has built every language
def _finish_index(config):
    if building_other_languages(config):
        return
    try:
        if SESSION.previewing:
            preview_indexer().after_build(Path(config.site_dir))
        else:
            _indexer.pop("build").finish()
    except ProjectError as error:
        raise PluginError(str(error)) from error


on_post_build = CombinedEvent(_index_this_language, _finish_index)


def on_build_error(error):
    """No Pagefind outlives a failed build (it would write into the next one's folder)."""
    if indexer := _indexer.pop("build", None):
        indexer.stop()
