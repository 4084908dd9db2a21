"""Pagefind, the site's search: one index per `<html lang>`, built after every
language is built. Only elements marked `data-pagefind-body` are indexed (see
overrides/main.html), so English fallback pages stay out of other languages'
indexes.

A published build indexes while it builds: each language's pages go to
Pagefind's indexing service (its own process, so it runs on the other core) as
soon as that language is built, while the next one builds; the bundle is
written once every language is built. (A language at a time, not a page at a
time: Pagefind's Python client waits 0.1 s for each answer.) A preview
(`make serve`) keeps indexing out of the edit-to-reload path: the last index is
copied into the new build at once, and a fresh one is made in the background
(search may lag a save by a second or two, and always works).
"""

from __future__ import annotations

import asyncio
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


class BuildIndexer:
    """Pagefind's own Python API, fed a language at a time during a build.

    If its service fails or stalls (it has no timeouts of its own), the
    finished site is indexed with the command line instead: slower, never wrong.
    """

    STALL = 30  # seconds the last language and the writing may take

    def __init__(self):
        from pagefind.index import IndexConfig, PagefindIndex

        self.loop = asyncio.new_event_loop()
        threading.Thread(target=self.loop.run_forever, daemon=True).start()
        self.index = PagefindIndex(config=IndexConfig(exclude_selectors=EXCLUDE_SELECTORS))
        self.last = asyncio.run_coroutine_threadsafe(self.index._start(), self.loop)

    def add_folder(self, site_dir: Path, glob: str) -> None:
        """Queue the pages under site_dir matching glob, after what is queued; indexing goes on meanwhile."""
        self.last = asyncio.run_coroutine_threadsafe(self._add(self.last, str(site_dir), glob), self.loop)

    async def _add(self, previous, site_dir: str, glob: str):
        await asyncio.wrap_future(previous)  # one request at a time, in order
        return await self.index.add_directory(site_dir, glob=glob)

    def write(self, site_dir: Path) -> Path:
        """Wait for every language, write the bundle into site_dir, stop the service."""
        bundle = Path(site_dir) / BUNDLE
        try:
            self.last.result(timeout=self.STALL)
            written = asyncio.run_coroutine_threadsafe(self.index.write_files(output_path=str(bundle)), self.loop)
            written.result(timeout=self.STALL)
            asyncio.run_coroutine_threadsafe(self.index._service.close(), self.loop).result(timeout=self.STALL)
        except Exception:  # noqa: BLE001  any failure of the service: the command line does it all again
            shutil.rmtree(bundle, ignore_errors=True)
            return index_site(Path(site_dir))
        finally:
            self.loop.call_soon_threadsafe(self.loop.stop)
        sort_entry_file(bundle)
        return bundle
