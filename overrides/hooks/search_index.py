"""Index the built site with Pagefind once every language has been built
(alliance_site/search.py). Feeds partials/search.html and assets/site.js.

A preview keeps indexing out of the edit-to-reload path (search may lag a save).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from alliance_site.config import SESSION
from alliance_site.problems import ProjectError
from alliance_site.search import index_site, preview_indexer

def i18n_is_building_other_languages(config) -> bool:
    """mkdocs-static-i18n builds each extra language inside its own on_post_build."""
    return bool(getattr(config.plugins.get("i18n"), "building", False))


@event_priority(-200)  # after mkdocs-static-i18n (-100) has built every language
def on_post_build(config):
    if i18n_is_building_other_languages(config):
        return
    if SESSION.previewing:
        preview_indexer().after_build(Path(config.site_dir))
        return
    try:
        index_site(Path(config.site_dir))
    except ProjectError as error:
        raise PluginError(str(error)) from error
