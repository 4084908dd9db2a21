"""Edit-to-reload latency of a preview: from saving docs/ja/faq.md to
`mkdocs serve` serving /ja/faq/ with the change, for plain Material +
mkdocs-static-i18n and for this site's translator preview (`make serve ONLY=ja`),
on the real site (3 languages) and with 7 more languages scaffolded (10)."""

from __future__ import annotations

import json
import os
import secrets
import signal
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from alliance_site.harness import BUILD_ENV, fetch, free_port
from alliance_site.search import BUNDLE

from benchmark import trees
from benchmark.report import Section, milliseconds, ratio, runs, seconds, table
from benchmark.workspace import Workspace, progress

EDITED = ("ja", "docs/ja/faq.md", "ja/faq/")  # language, file saved, page polled
POLL = 0.02  # seconds between two requests for the page
START_LIMIT = 180.0  # seconds for a server's first build
SAMPLE_LIMIT = 120.0  # seconds for one save to show
IDLE_WINDOW = 5.0  # seconds watched for rebuilds nobody asked for
IDLE_LIMIT = 2.0  # seconds to wait at most for a server to settle after a save
SEARCH_LIMIT = 15.0  # seconds after a save for the search to find it
TARGET = 0.5  # issue 9: the site's preview at most half the time of plain Material's
SEARCH_ENTRY = f"{BUNDLE}/pagefind-entry.json"

# The served Pagefind bundle, queried in the page as the site's search UI would.
SEARCH = """async ([bundle, term]) => {
  const pagefind = await import(bundle + 'pagefind.js');
  await pagefind.init();
  const search = await pagefind.search(term);
  const pages = await Promise.all(search.results.map((result) => result.data()));
  return pages.map((page) => page.url);
}"""




def has_children(pid: int) -> bool:
    """Does the process run a child now (Pagefind, in the site's preview)? Linux's /proc; False elsewhere."""
    try:
        return any((task / "children").read_text().split() for task in Path(f"/proc/{pid}/task").iterdir())
    except OSError:
        return False


@dataclass
class Preview:
    """One `mkdocs serve` on its own copy of a tree."""

    name: str
    tree: Path
    config: str | None  # None: the tree's mkdocs.yml
    env: dict
    port: int = field(default_factory=free_port)
    process: subprocess.Popen | None = None
    log: list[str] = field(default_factory=list)
    last_save: float = 0.0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def start(self, scratch: Path) -> None:
        command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{self.port}"]
        if self.config:
            command += ["--config-file", self.config]
        scratch.mkdir(parents=True, exist_ok=True)
        env = {key: value for key, value in os.environ.items() if key not in ("SITE_DRAFTS", "SITE_ONLY")}
        env |= {**BUILD_ENV, **self.env, "TMPDIR": str(scratch)}  # the served site lives in scratch
        self.process = subprocess.Popen(command, cwd=self.tree, env=env, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.PIPE, text=True)
        threading.Thread(target=self._read_log, daemon=True).start()

    def _read_log(self) -> None:
        for line in self.process.stderr:
            self.log.append(line.rstrip())

    def failure(self, what: str) -> RuntimeError:
        tail = "\n".join(self.log[-30:])
        return RuntimeError(f"{self.name} preview of {self.tree}: {what}\n{tail}")

    def wait_ready(self, searchable: bool) -> None:
        deadline = time.monotonic() + START_LIMIT
        wanted = [EDITED[2]] + ([SEARCH_ENTRY] if searchable else [])
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise self.failure(f"mkdocs serve exited ({self.process.returncode})")
            if all(fetch(self.url + path, timeout=SAMPLE_LIMIT) is not None for path in wanted):
                self.wait_idle()
                return
            time.sleep(0.2)
        raise self.failure(f"not serving after {START_LIMIT:.0f} s")

    def wait_idle(self) -> None:
        """Until the server has run no child process (Pagefind) for 0.3 s, IDLE_LIMIT seconds at most."""
        quiet_since = time.monotonic()
        deadline = quiet_since + IDLE_LIMIT
        while time.monotonic() < deadline:
            if has_children(self.process.pid):
                quiet_since = time.monotonic()
            elif time.monotonic() - quiet_since >= 0.3:
                return
            time.sleep(0.05)

    def search_hash(self) -> str | None:
        body = fetch(self.url + SEARCH_ENTRY, timeout=SAMPLE_LIMIT)
        try:
            return json.loads(body)["languages"][EDITED[0]]["hash"] if body else None
        except (ValueError, KeyError):
            return None

    def save_and_wait(self, original: str, searchable: bool) -> tuple[float, float | None, str]:
        """Append a unique marker to the page's file; seconds until the served page
        shows it, and (searchable) until the served search index changed."""
        marker = f"benchmarkmarker{secrets.token_hex(4)}"
        source = self.tree / EDITED[1]
        before = self.search_hash() if searchable else None
        start = self.last_save = time.perf_counter()
        source.write_text(f"{original.rstrip()}\n\n{marker}\n", encoding="utf-8")
        shown = None
        while time.perf_counter() - start < SAMPLE_LIMIT:
            body = fetch(self.url + EDITED[2], timeout=SAMPLE_LIMIT)
            if body and marker.encode() in body:
                shown = time.perf_counter() - start
                break
            if self.process.poll() is not None:
                raise self.failure("mkdocs serve exited")
            time.sleep(POLL)
        if shown is None:
            raise self.failure(f"the saved marker did not show within {SAMPLE_LIMIT:.0f} s")
        indexed = None
        while searchable and time.perf_counter() - start < SEARCH_LIMIT:
            if self.search_hash() not in (None, before):
                indexed = time.perf_counter() - start
                break
            time.sleep(POLL)
        self.wait_idle()
        return shown, indexed, marker

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGINT)  # as Ctrl+C: mkdocs serve shuts down
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def search_finds(browser, preview: Preview, marker: str) -> str:
    """Search the served bundle for the last saved marker in Chromium, as the page's
    search would (its own language's index), until it is found or SEARCH_LIMIT
    seconds after the save. Each try is a fresh browser context (no cached index);
    live reload is blocked so that rebuilds do not navigate the page away."""
    while True:
        context = browser.new_context()
        context.route("**/livereload/**", lambda route: route.abort())
        try:
            page = context.new_page()
            page.goto(preview.url + EDITED[2])
            urls = page.evaluate(SEARCH, [preview.url + BUNDLE + "/", marker])
            problem = "not found"
        except Exception as error:  # report it, do not stop the benchmark
            urls, problem = [], f"search failed ({str(error).splitlines()[0]})"
        finally:
            context.close()
        elapsed = time.perf_counter() - preview.last_save
        if any(url.rstrip("/").endswith(EDITED[2].rstrip("/")) for url in urls):
            return f"found on `/{EDITED[2]}` {seconds(elapsed)} after the last save"
        if elapsed > SEARCH_LIMIT:
            return f"{problem} {SEARCH_LIMIT:.0f} s after the last save"
        time.sleep(0.5)


def rebuilds_without_saves(preview: Preview) -> int:
    """Rebuilds the server starts in IDLE_WINDOW seconds while nothing is saved."""
    before = sum("Detected file changes" in line for line in preview.log)
    time.sleep(IDLE_WINDOW)
    return sum("Detected file changes" in line for line in preview.log) - before


def measure(work: Workspace, preview: Preview, scratch: Path, searchable: bool) -> dict:
    """Start a preview, save the page once to warm it up, then `work.samples` times."""
    original = (preview.tree / EDITED[1]).read_text(encoding="utf-8")
    found = {"shown": []}
    try:
        preview.start(scratch)
        preview.wait_ready(searchable)
        found["first"], found["indexed"], marker = preview.save_and_wait(original, searchable)
        for _ in range(work.samples):
            shown, _indexed, marker = preview.save_and_wait(original, searchable=False)
            found["shown"].append(shown)
        found["idle_rebuilds"] = rebuilds_without_saves(preview)
        if searchable:
            found["search"] = search_finds(work.browser(), preview, marker)
    finally:
        preview.stop()
    return found


def measure_tree(work: Workspace, label: str, scaffold: list[str]) -> dict:
    """Both previews on copies of one tree, one after the other (neither server
    competes with the other for the CPU)."""
    folder = work.folder(f"preview-{len(scaffold)}")
    previews = [
        Preview("plain", trees.project_copy(folder / "plain", scaffold), trees.PLAIN_CONFIG, {}),
        Preview("ours", trees.project_copy(folder / "ours", scaffold), None,
                {"SITE_DRAFTS": "1", "SITE_ONLY": EDITED[0]}),
    ]
    results = {}
    for preview in previews:
        progress(f"Preview latency, {label}, {preview.name}: {work.samples} saves...")
        results[preview.name] = measure(work, preview, folder / f"tmp-{preview.name}", preview.name == "ours")
    return results


def run(work: Workspace) -> list[Section]:
    trees_measured = [("the site: 3 languages", []),
                      (f"the site + {len(trees.SCAFFOLDED)} scaffolded drafts: "
                       f"{3 + len(trees.SCAFFOLDED)} languages", trees.SCAFFOLDED)]
    rows, notes = [], []
    for label, scaffold in trees_measured:
        found = measure_tree(work, label, scaffold)
        plain, ours = found["plain"], found["ours"]
        rows.append([label, runs(plain["shown"], milliseconds), runs(ours["shown"], milliseconds),
                     f"**{ratio(statistics.median(ours['shown']), statistics.median(plain['shown']))}**",
                     f"{milliseconds(plain['first'])} / {milliseconds(ours['first'])}",
                     f"{plain['idle_rebuilds']} / {ours['idle_rebuilds']}"])
        indexed = ours["indexed"]
        lag = (f"the served search index changed {seconds(indexed)} after the first save" if indexed is not None
               else f"the served search index had not changed {SEARCH_LIMIT:.0f} s after the first save")
        notes.append(f"{label}, this site's preview: {lag}; a search (Pagefind in Chromium) for the marker of "
                     f"the last save: {ours['search']}.")
    header = ["tree", f"plain Material + static-i18n, median of {work.samples} (runs, ms)",
              f"this site's preview, `make serve ONLY={EDITED[0]}` (runs, ms)",
              f"ratio this site / plain (target <= {TARGET})",
              "first save after start, plain / this site",
              f"rebuilds in {IDLE_WINDOW:.0f} s without a save, plain / this site"]
    return [Section(f"Preview: from saving `{EDITED[1]}` to `mkdocs serve` serving `/{EDITED[2]}` with it",
                    table(header, rows), notes)]
