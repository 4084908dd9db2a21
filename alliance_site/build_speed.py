"""What keeps builds and previews fast.

- mkdocs-static-i18n builds every language as a full MkDocs build, each with a
  new Jinja environment that parses and compiles all of Material's templates
  again. A shared in-memory bytecode cache compiles each template once per
  process: once per `mkdocs build`, once per `mkdocs serve` session. Jinja keys
  the cache by template name and a checksum of its source, so an edited
  template is compiled afresh.
- Each language build also lists every file of the theme's folders to find
  static files to copy; Material's folder holds some 14,000 files (its icons),
  which costs 0.1-0.2 s per language. The installed theme does not change
  during a build or a preview session, so its listing (filtered by MkDocs'
  own rule) is kept per process; the project's overrides/ is listed afresh
  every time, as it may change under a preview.
- `mkdocs serve` polls the file system every half second; a translator's
  preview uses the operating system's file events instead (inotify, FSEvents,
  ReadDirectoryChangesW through watchdog, which MkDocs already depends on).
  Only changes count: inotify also reports files being opened and read, and
  the build reads every watched file, which would start the next rebuild.
"""

from __future__ import annotations

from pathlib import Path

import jinja2
from watchdog.events import (
    DirCreatedEvent, DirDeletedEvent, DirMovedEvent, FileClosedEvent, FileCreatedEvent, FileDeletedEvent,
    FileModifiedEvent, FileMovedEvent,
)
from watchdog.observers import Observer


class MemoryBytecodeCache(jinja2.BytecodeCache):
    def __init__(self):
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.store.get(bucket.key + bucket.checksum)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key + bucket.checksum] = bucket.bytecode_to_string()


TEMPLATE_CACHE = MemoryBytecodeCache()


CHANGES = [FileModifiedEvent, FileCreatedEvent, FileDeletedEvent, FileMovedEvent, FileClosedEvent,
           DirCreatedEvent, DirDeletedEvent, DirMovedEvent]


class ChangeObserver(Observer):
    """The platform's file events, changes only (not opening or reading a file)."""

    def schedule(self, event_handler, path, *, recursive=False, event_filter=None, follow_symlink=False):
        return super().schedule(event_handler, path, recursive=recursive, event_filter=event_filter or CHANGES,
                                follow_symlink=follow_symlink)


def use_file_events(server, watched: list[str]) -> None:
    """Swap a LiveReloadServer's polling observer for the platform's file events,
    through its public watch()/unwatch(), before the server starts. `watched`:
    what `mkdocs serve` watches before its on_serve event (docs_dir, mkdocs.yml)."""
    for path in watched:
        server.unwatch(path)
    server.observer = ChangeObserver()
    for path in watched:
        server.watch(path)


class ThemeLoader(jinja2.FileSystemLoader):
    """Material's FileSystemLoader, with the listing of unchanging folders kept."""

    listings: dict[str, tuple[str, ...]] = {}

    def __init__(self, searchpath: list[str], changing: set[str]):
        super().__init__(searchpath)
        self.changing = changing

    def list_templates(self) -> list[str]:
        found: set[str] = set()
        for folder in self.searchpath:
            if folder in self.changing or folder not in self.listings:
                listing = tuple(jinja2.FileSystemLoader(folder).list_templates())
                if folder in self.changing:
                    found.update(listing)
                    continue
                self.listings[folder] = listing
            found.update(self.listings[folder])
        return sorted(found)


_filtered: dict[tuple, list[str]] = {}


def list_theme_files(env: jinja2.Environment, static_templates: tuple[str, ...]):
    """env.list_templates, remembering what MkDocs' static-file filter kept
    (add_files_from_theme is its only caller with a filter; its rule depends
    only on the name and the theme's static templates)."""
    listing = env.list_templates

    def list_templates(extensions=None, filter_func=None):
        if filter_func is None or extensions is not None:
            return listing(extensions, filter_func)
        names = tuple(env.loader.list_templates())
        key = (names, static_templates)
        if key not in _filtered:
            _filtered[key] = [name for name in names if filter_func(name)]
        return _filtered[key]

    return list_templates


def cache_theme_listing(theme, project_root: Path) -> None:
    """Make `theme.get_env()` (called once per language build) use ThemeLoader."""
    if getattr(theme, "_listing_cached", False):
        return
    build_env = theme.get_env
    changing = {folder for folder in theme.dirs if Path(folder).resolve().is_relative_to(project_root.resolve())}

    def get_env() -> jinja2.Environment:
        env = build_env()
        env.loader = ThemeLoader(list(theme.dirs), changing)
        env.list_templates = list_theme_files(env, tuple(theme.static_templates))
        return env

    theme.get_env = get_env
    theme._listing_cached = True
