"""What keeps builds and previews fast.

- mkdocs-static-i18n builds every language as a full MkDocs build, each with a
  new Jinja environment that parses and compiles all of Material's templates
  again. A shared in-memory bytecode cache compiles each template once per
  process: once per `mkdocs build`, once per `mkdocs serve` session. Jinja keys
  the cache by template name and a checksum of its source, so an edited
  template is compiled afresh.
- `mkdocs serve` polls the file system every half second; a translator's
  preview uses the operating system's file events instead (inotify, FSEvents,
  ReadDirectoryChangesW through watchdog, which MkDocs already depends on).
"""

from __future__ import annotations

import jinja2
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


def use_file_events(server, watched: list[str]) -> None:
    """Swap a LiveReloadServer's polling observer for the platform's file events,
    through its public watch()/unwatch(), before the server starts. `watched`:
    what `mkdocs serve` watches before its on_serve event (docs_dir, mkdocs.yml)."""
    for path in watched:
        server.unwatch(path)
    server.observer = Observer()
    for path in watched:
        server.watch(path)
