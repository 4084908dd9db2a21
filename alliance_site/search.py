"""Pagefind, the site's search: one index per `<html lang>`, each language
indexed as soon as it is built, while the next one builds. Only elements marked `data-pagefind-body` are indexed (see
overrides/main.html), so English fallback pages stay out of other languages'
indexes.

A published build has every language indexed before it finishes. A preview (`make serve`) keeps
indexing out of the edit-to-reload path: the last index is copied into the new
build at once, and a fresh one is made in the background (search may lag a save
by a second or two, and always works).
"""

from __future__ import annotations

import json
import queue
import shutil
import subprocess
import tempfile
import threading
from functools import cache
from pathlib import Path

from alliance_site.problems import ProjectError

BUNDLE = "pagefind"
# Heading permalinks ("¶") are not content.
EXCLUDE_SELECTORS = [".headerlink"]


@cache
def pagefind_executable() -> str:
    """The binary of pagefind[extended], run directly: `python -m pagefind` starts
    Python only to replace itself with it, on every run (and a build runs one per language)."""
    try:
        from pagefind_bin_extended import get_executable
    except ImportError:
        raise ProjectError("Pagefind is not installed: install 'pagefind[extended]' from requirements.txt.") from None
    return str(get_executable())


def pagefind_command(site_dir: Path, output: Path | None = None) -> list[str]:
    command = [pagefind_executable(), "--site", str(site_dir), "--quiet"]
    for selector in EXCLUDE_SELECTORS:
        command += ["--exclude-selectors", selector]
    if output is not None:
        command += ["--output-path", str(output)]
    return command


def write_entry_file(bundle: Path, entry: dict) -> None:
    """Pagefind writes its language map in hash order, which changes from run to
    run; sorted, two builds of the same commit give identical files."""
    text = json.dumps(entry, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    (bundle / "pagefind-entry.json").write_text(text, encoding="utf-8")


def read_entry_file(bundle: Path) -> dict:
    return json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))


def run_pagefind(command: list[str], site_dir: Path, timeout: float | None = None) -> None:
    """ProjectError, with Pagefind's output, when it fails or takes longer than timeout."""
    try:
        result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise ProjectError(f"Pagefind did not finish indexing {site_dir} within {timeout} s.") from None
    if result.returncode != 0:
        raise ProjectError(
            f"Pagefind could not index {site_dir} (exit {result.returncode}):\n{result.stdout}{result.stderr}\n"
            "Is 'pagefind[extended]' from requirements.txt installed?"
        )


def index_site(site_dir: Path, output: Path | None = None) -> Path:
    """Index a built site in one run; returns the bundle folder. ProjectError if Pagefind fails."""
    run_pagefind(pagefind_command(site_dir, output), site_dir)
    bundle = output or Path(site_dir) / BUNDLE
    write_entry_file(bundle, read_entry_file(bundle))
    return bundle


# Characters with a meaning in Pagefind's --glob (the wax syntax), which a
# top-level name must not contain to be listed in one.
GLOB_SYNTAX = set("{}[]<>*?,:!\\")


def language_glob(site_dir: Path, code: str, default: str, codes: list[str]) -> str:
    """The HTML files of one built language. Every language but the default one
    lives in its own folder; the default one is the rest of the site, listed by its
    top-level names (Pagefind's glob cannot exclude)."""
    if code != default:
        return f"{code}/**/*.html"
    names = []
    for path in sorted(Path(site_dir).iterdir()):
        if path.name in codes or path.name == BUNDLE:
            continue
        if GLOB_SYNTAX & set(path.name):
            raise ProjectError(
                f"{path}: this name cannot be given to Pagefind. Rename the page it comes from "
                f"(docs/{default}/...) without any of {''.join(sorted(GLOB_SYNTAX))}."
            )
        if path.is_dir():
            names.append(f"{path.name}/**/*.html")
        elif path.suffix == ".html":
            names.append(path.name)
    return "{" + ",".join(names) + "}"


class LanguageIndexer:
    """Indexes each language while mkdocs-static-i18n builds the next one.

    Pagefind runs as a process of its own, so it uses the core the Python build
    leaves idle; runs follow each other in one worker thread, all writing into the
    one bundle. Its files are named by their content, so runs never clash; only
    pagefind-entry.json names one language per run, and the language maps are
    merged at the end. The result is byte-identical to one run over the whole site
    (tests/test_search.py).
    """

    TIMEOUT = 300  # seconds per language; a stuck Pagefind fails the build

    def __init__(self, site_dir: Path):
        self.site_dir = Path(site_dir)
        self.bundle = self.site_dir / BUNDLE
        self.entry: dict = {}
        self.error: ProjectError | None = None
        self.globs: queue.Queue[str | None] = queue.Queue()
        self.worker = threading.Thread(target=self._work, name="pagefind", daemon=True)
        self.worker.start()

    def add(self, glob: str) -> None:
        self.globs.put(glob)

    def finish(self) -> Path:
        """Wait for every language; the bundle folder, or ProjectError."""
        self.globs.put(None)
        self.worker.join()
        if self.error:
            raise self.error
        if not self.entry:
            raise ProjectError(f"{self.site_dir}: no language has a page of its own for Pagefind to index.")
        write_entry_file(self.bundle, self.entry)
        return self.bundle

    def _work(self) -> None:
        while (glob := self.globs.get()) is not None:
            if self.error is None:
                try:
                    self._index(glob)
                except ProjectError as error:
                    self.error = error
                except Exception as error:  # noqa: BLE001 - any failure must fail the build, not end the thread
                    self.error = ProjectError(f"Pagefind indexing of {self.site_dir} ({glob}) failed: {error!r}")

    def _index(self, glob: str) -> None:
        run_pagefind(pagefind_command(self.site_dir, self.bundle) + ["--glob", glob], self.site_dir, self.TIMEOUT)
        entry = read_entry_file(self.bundle)
        languages = entry.pop("languages")
        if self.entry and {k: v for k, v in self.entry.items() if k != "languages"} != entry:
            raise ProjectError(f"Pagefind indexed {glob} with other settings than the languages before it: {entry}")
        self.entry = {**entry, "languages": {**self.entry.get("languages", {}), **languages}}


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
