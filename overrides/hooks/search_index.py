"""Build the Pagefind search index once every language has been built.

Feeds partials/search.html. Pagefind writes one index per `<html lang>`, so a
reader only ever downloads the index of the language they are reading. Only
elements marked `data-pagefind-body` are indexed (see main.html): English
fallback pages under /ja/ or /es/ carry no such mark and stay out of the
Japanese and Spanish indexes.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority


def i18n_is_building_other_languages(config) -> bool:
    """mkdocs-static-i18n builds each extra language inside its own on_post_build."""
    return bool(getattr(config.plugins.get("i18n"), "building", False))


def run_pagefind(site_dir: str) -> None:
    command = [
        sys.executable, "-m", "pagefind", "--site", site_dir, "--quiet",
        # Heading permalinks ("¶") are not content.
        "--exclude-selectors", ".headerlink",
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise PluginError(
            f"Pagefind could not index {site_dir} (exit {result.returncode}):\n"
            f"{result.stdout}{result.stderr}\n"
            "Is 'pagefind[extended]' from requirements.txt installed?"
        )


def sort_entry_file(site_dir: str) -> None:
    """Pagefind writes its language map in hash order, which changes from run to
    run; sorted, two builds of the same commit give identical files."""
    entry = Path(site_dir) / "pagefind" / "pagefind-entry.json"
    data = json.loads(entry.read_text(encoding="utf-8"))
    entry.write_text(json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


@event_priority(-200)  # after mkdocs-static-i18n (-100) has built every language
def on_post_build(config):
    if not i18n_is_building_other_languages(config):
        run_pagefind(config.site_dir)
        sort_entry_file(config.site_dir)
