"""Pagefind, the site's search: one index per `<html lang>`, each language
indexed as soon as it is built, while the next one builds. Only elements marked
`data-pagefind-body` are indexed (see overrides/main.html), so English fallback
pages stay out of other languages' indexes.

A published build has every language indexed before it finishes. A preview
(`make serve`) keeps indexing out of the edit-to-reload path: the last index is copied into the new
build at once, and a fresh one is made in the background (search may lag a save
by a second or two, and always works).
"""

from __future__ import annotations

import json
import os
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


def pagefind_failure(site_dir: Path, code: int, output: str) -> ProjectError:
    return ProjectError(f"Pagefind could not index {site_dir} (exit {code}):\n{output}\n"
                        "Is 'pagefind[extended]' from requirements.txt installed?")


def index_site(site_dir: Path, output: Path | None = None) -> Path:
    """Index a built site in one run; returns the bundle folder. ProjectError if Pagefind fails."""
    result = subprocess.run(pagefind_command(site_dir, output), capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise pagefind_failure(site_dir, result.returncode, result.stdout + result.stderr)
    bundle = output or Path(site_dir) / BUNDLE
    write_entry_file(bundle, read_entry_file(bundle))
    return bundle


# Characters with a meaning in Pagefind's --glob (the wax syntax): escaped with
# a backslash in a listed name. A backslash itself cannot be escaped.
GLOB_SYNTAX = set("{}[]<>()*?$,:")
MARKER = "data-pagefind-body"  # on a language's own pages only (overrides/main.html)


def language_paths(site_dir: Path, code: str, default: str, codes: list[str]) -> list[Path]:
    """The top-level folders and HTML files of one built language: its folder,
    or for the default language the rest of the site."""
    if code != default:
        return [Path(site_dir) / code]
    return [path for path in sorted(Path(site_dir).iterdir())
            if path.name not in codes and path.name != BUNDLE and (path.is_dir() or path.suffix == ".html")]


def language_glob(paths: list[Path], default: str) -> str:
    """A Pagefind --glob for exactly these top-level folders and HTML files
    (Pagefind's glob cannot exclude, so the default language lists its own)."""
    names = []
    for path in paths:
        if "\\" in path.name:
            raise ProjectError(f"{path}: Pagefind cannot be given a name with a backslash. Rename the page "
                               f"it comes from (docs/{default}/...) without it.")
        name = "".join(f"\\{char}" if char in GLOB_SYNTAX else char for char in path.name)
        names.append(f"{name}/**/*.html" if path.is_dir() else name)
    return "{" + ",".join(names) + "}"


def has_marked_page(paths: list[Path]) -> bool:
    """Whether any HTML file under `paths` is marked for Pagefind. A language with
    none (every page an English fallback) is not indexed: given no marked page,
    Pagefind would index the fallbacks' whole bodies."""
    files = (file for path in paths for file in ([path] if path.is_file() else sorted(path.rglob("*.html"))))
    return any(MARKER in file.read_text(encoding="utf-8", errors="replace") for file in files)


class LanguageIndexer:
    """Indexes each language while mkdocs-static-i18n builds the next one.

    Pagefind runs as a process of its own, so it uses the core the Python build
    leaves idle; runs follow each other in one worker thread, all writing into the
    one bundle. Its files are named by their content, so runs never clash; only
    pagefind-entry.json names one language per run, and the language maps are
    merged at the end. The result is byte-identical to one run over the whole site
    (tests/test_search_index.py).
    """

    TIMEOUT = 300  # seconds per language; a stuck Pagefind fails the build

    def __init__(self, site_dir: Path):
        self.site_dir = Path(site_dir)
        self.bundle = self.site_dir / BUNDLE
        self.settings: dict | None = None  # what every run must agree on (version, characters)
        self.languages: dict = {}
        self.error: ProjectError | None = None
        self.stopped = False
        self.process: subprocess.Popen | None = None
        self.globs: queue.Queue[tuple[str, dict] | None] = queue.Queue()
        self.worker = threading.Thread(target=self._work, name="pagefind", daemon=True)
        self.worker.start()

    def add_language(self, code: str, default: str, codes: list[str]) -> None:
        """Queue a language whose files are all written (before the next one is)."""
        paths = language_paths(self.site_dir, code, default, codes)
        if has_marked_page(paths):
            self.add(language_glob(paths, default), alongside_build=code != codes[-1])

    def add(self, glob: str, alongside_build: bool = False) -> None:
        """Queue a run. One alongside the build gets one thread (Pagefind's rayon
        pool), so that the single-threaded build keeps a core of its own; the last
        language's run, which the build waits for, gets them all."""
        self.globs.put((glob, {"RAYON_NUM_THREADS": "1"} if alongside_build else {}))

    def finish(self) -> Path:
        """Wait for every language; the bundle folder, or ProjectError."""
        self.globs.put(None)
        self.worker.join()
        if self.error:
            raise self.error
        if not self.languages:
            raise ProjectError(f"{self.site_dir}: no language has a page of its own for Pagefind to index.")
        write_entry_file(self.bundle, {**self.settings, "languages": self.languages})
        return self.bundle

    def stop(self) -> None:
        """The build failed: index nothing more, and stop the run in progress, so
        no Pagefind outlives the build and writes into the next one's folder."""
        self.stopped = True
        self.globs.put(None)
        if (process := self.process) is not None:
            process.kill()
        self.worker.join()

    def _work(self) -> None:
        while (run := self.globs.get()) is not None:
            glob, env = run
            if self.error is None and not self.stopped:
                try:
                    self._index(glob, env)
                except ProjectError as error:
                    self.error = error
                except Exception as error:  # noqa: BLE001 - any failure must fail the build, not end the thread
                    self.error = ProjectError(f"Pagefind indexing of {self.site_dir} ({glob}) failed: {error!r}")

    def _run(self, command: list[str], env: dict) -> None:
        with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              env={**os.environ, **env}) as process:
            self.process = process
            try:
                output, _ = process.communicate(timeout=self.TIMEOUT)
            except subprocess.TimeoutExpired:
                process.kill()
                raise ProjectError(f"Pagefind did not finish indexing {self.site_dir} within {self.TIMEOUT} s.") from None
            finally:
                self.process = None
        if process.returncode != 0 and not self.stopped:
            raise pagefind_failure(self.site_dir, process.returncode, output)

    def _index(self, glob: str, env: dict) -> None:
        self._run(pagefind_command(self.site_dir, self.bundle) + ["--glob", glob], env)
        if self.stopped:
            return
        settings = read_entry_file(self.bundle)
        languages = settings.pop("languages")
        if self.settings is not None and settings != self.settings:
            raise ProjectError(f"Pagefind indexed {glob} with other settings than the languages before it: {settings}")
        if twice := sorted(languages.keys() & self.languages.keys()):
            raise ProjectError(f"{self.site_dir}: pages of {', '.join(twice)} (by their <html lang>) are in more than "
                               f"one language's folder; the last found in {glob}. Give each page its folder's language.")
        self.settings = settings
        self.languages.update(languages)

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
