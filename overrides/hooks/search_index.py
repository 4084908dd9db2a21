"""Index the built site with Pagefind (alliance_site/search.py). Feeds
partials/search.html and assets/search.js.

A published build hands each language's pages to Pagefind as soon as that
language is built (indexing runs while the next one builds) and writes the
bundle once the last one is; a preview indexes in the background after each
rebuild (search may lag a save).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from alliance_site.config import SESSION, built_languages
from alliance_site.problems import ProjectError
from alliance_site.search import BuildIndexer, preview_indexer

_build: dict = {}


def on_pre_build(config):
    is_first = config.theme["language"] == built_languages(config)[0].code
    if is_first and not SESSION.previewing:
        _build["indexer"] = BuildIndexer()


# mkdocs-static-i18n builds the next language in its own on_post_build (-100):
# this runs before it, once per language.
@event_priority(-50)
def on_post_build(config):
    languages, language = built_languages(config), config.theme["language"]
    site = Path(config.site_dir)
    if SESSION.previewing:
        if language == languages[-1].code:  # every language is built
            preview_indexer().after_build(site)
        return
    # The default language is built first, into a clean site: all of it is its own.
    _build["indexer"].add_folder(site, "**/*.html" if language == languages[0].code else f"{language}/**/*.html")
    if language == languages[-1].code:
        try:
            _build.pop("indexer").write(site)
        except ProjectError as error:
            raise PluginError(str(error)) from error
