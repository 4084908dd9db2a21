"""Pagefind, the site's search: one index per `<html lang>`, built after every
language is built. Only elements marked `data-pagefind-body` are indexed (see
overrides/main.html), so English fallback pages stay out of other languages'
indexes.

A published build indexes before it finishes. A preview (`make serve`) keeps
indexing out of the edit-to-reload path: the last index is copied into the new
build at once, and a fresh one is made in the background (search may lag a save
by a second or two, and always works).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import threading
from functools import cache
from pathlib import Path

from alliance_site.problems import ProjectError

BUNDLE = "pagefind"
# Heading permalinks ("¶") are not content.
EXCLUDE_SELECTORS = [".headerlink"]


def pagefind_command(site_dir: Path, output: Path | None = None) -> list[str]:
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--quiet"]
    for selector in EXCLUDE_SELECTORS:
        command += ["--exclude-selectors", selector]
    if output is not None:
        command += ["--output-path", str(output)]
    return command


def sort_entry_file(bundle: Path) -> None:
    """Pagefind writes its language map in hash order, which changes from run to
    run; sorted, two builds of the same commit give identical files."""
    entry = bundle / "pagefind-entry.json"
    data = json.loads(entry.read_text(encoding="utf-8"))
    entry.write_text(json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def index_site(site_dir: Path, output: Path | None = None) -> Path:
    """Index a built site; returns the bundle folder. ProjectError if Pagefind fails."""
    result = subprocess.run(pagefind_command(site_dir, output), capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise ProjectError(
            f"Pagefind could not index {site_dir} (exit {result.returncode}):\n{result.stdout}{result.stderr}\n"
            "Is 'pagefind[extended]' from requirements.txt installed?"
        )
    bundle = output or Path(site_dir) / BUNDLE
    sort_entry_file(bundle)
    return bundle


class PreviewIndexer:
    """Keeps a preview's search working without holding up its reloads."""

    def __init__(self, cache: Path):
        self.cache = cache
        self.lock = threading.Lock()
        self.generation = 0

    def after_build(self, site_dir: Path) -> None:
        site_dir = Path(site_dir)
        with self.lock:
            self.generation += 1
            generation = self.generation
            self._copy_into(site_dir)
        threading.Thread(target=self._reindex, args=(site_dir, generation), daemon=True).start()

    def _copy_into(self, site_dir: Path) -> None:
        if (self.cache / "pagefind-entry.json").is_file():
            shutil.copytree(self.cache, site_dir / BUNDLE, dirs_exist_ok=True)

    def _reindex(self, site_dir: Path, generation: int) -> None:
        fresh = self.cache.with_name(f"{self.cache.name}-{generation}")
        try:
            index_site(site_dir, fresh)
        except (ProjectError, OSError):
            return  # a newer build replaced the site meanwhile; its own indexing follows
        with self.lock:
            if generation == self.generation:
                shutil.rmtree(self.cache, ignore_errors=True)
                fresh.rename(self.cache)
                self._copy_into(site_dir)
            else:
                shutil.rmtree(fresh, ignore_errors=True)


@cache
def preview_indexer() -> PreviewIndexer:
    """The one indexer of a preview session (hooks are reloaded on every rebuild; this module is not)."""
    return PreviewIndexer(Path(tempfile.mkdtemp(prefix="pagefind-preview-")) / "bundle")
