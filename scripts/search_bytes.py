"""Bytes of the first search: `python scripts/search_bytes.py [SITE_DIR]`.

Serves a built site (default: builds into a temporary folder) on loopback with
gzip, opens each page below in a fresh Chromium context (empty cache), waits
until the network is idle, then clicks the search button, types the query and
waits until result links are shown and the network is idle again. Counted:
every request made from the click on. "raw" is the sum of the response bodies;
"gzip" is what this server sends: HTML, CSS, JS, JSON, SVG, XML gzipped at
level 9, everything else (Pagefind's .pf_* and wasm files, already
gzip-compressed by Pagefind) as is. Prints a Markdown table, one row per page,
and the files of each first search with their gzip size. The first view (from
navigation to network idle) is counted the same way, for the cost of the
search button and dialog on every page.

Standalone on purpose (no import from bench.py) so that `make bench` can fold
`first_search()` in as it is.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from conftest import CHROMIUM_ARGS, GitHubPagesHandler, system_chromium  # noqa: E402

# (page, query in the page's language)
PAGES = [("", "secretariat"), ("ja/faq/", "技術ガバナンス"), ("es/partners/", "tecnologia")]
COMPRESSIBLE = {".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt"}
# What "results shown" means: a result link in the open search dialog.
RESULT_LINK = "dialog[open] [data-search-results] a[href]"
SEARCH_INPUT = "dialog[open] input[type=search]"


def compressible(url: str) -> bool:
    path = urlsplit(url).path
    return path.endswith("/") or Path(path).suffix.lower() in COMPRESSIBLE


def served_size(url: str, body: bytes) -> int:
    return len(gzip.compress(body, compresslevel=9, mtime=0)) if compressible(url) else len(body)


class GzipHandler(GitHubPagesHandler):
    """The tests' GitHub-Pages-like handler, gzipping text types at level 9."""

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and urlsplit(self.path).path.endswith("/"):
            path = path / "index.html"
        if not (path.is_file() and compressible(path.name) and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().do_GET()
        body = gzip.compress(path.read_bytes(), compresslevel=9, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class Traffic:
    """Responses of a browser context, and how many requests are in flight."""

    def __init__(self, context):
        self.responses, self.in_flight, self.last_event = [], 0, time.monotonic()
        context.on("request", lambda _request: self._event(+1))
        context.on("requestfinished", lambda _request: self._event(-1))
        context.on("requestfailed", lambda _request: self._event(-1))
        context.on("response", lambda response: self.responses.append(response))

    def _event(self, change: int) -> None:
        self.in_flight += change
        self.last_event = time.monotonic()

    def wait_idle(self, page, quiet: float = 0.7, limit: float = 20.0) -> None:
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            if self.in_flight <= 0 and time.monotonic() - self.last_event >= quiet:
                return
            page.wait_for_timeout(50)


def sizes(responses) -> list[tuple[str, int, int]]:
    """(url, raw bytes, gzip bytes) of each response."""
    rows = []
    for response in responses:
        try:
            body = response.body()
        except Exception:  # a redirect or an aborted request has no body
            body = b""
        rows.append((response.url, len(body), served_size(response.url, body)))
    return rows


def first_search(browser, url: str, query: str) -> tuple[list, list]:
    """Sizes of the first view's responses, and of those from the search click to the results."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.set_default_timeout(20_000)
    traffic = Traffic(context)
    try:
        page = context.new_page()
        page.goto(url, wait_until="networkidle")
        traffic.wait_idle(page)
        mark = len(traffic.responses)
        page.click("[data-site-search]")
        page.locator(SEARCH_INPUT).wait_for(state="visible")
        page.keyboard.type(query)
        page.locator(RESULT_LINK).first.wait_for(state="visible")
        traffic.wait_idle(page)
        return sizes(traffic.responses[:mark]), sizes(traffic.responses[mark:])
    finally:
        context.close()


def kib(size: int) -> str:
    return f"{size / 1024:.1f} KiB"


def main() -> int:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as work:
        if len(sys.argv) > 1:
            site = Path(sys.argv[1])
        else:
            site = Path(work) / "site"
            subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)],
                           cwd=ROOT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, check=True)
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=system_chromium(), args=CHROMIUM_ARGS)
            measured = [(path, query, first_search(browser, base + path, query)) for path, query in PAGES]
            browser.close()
        server.shutdown()
    print("| page | first view: requests | gzip | first search: query | requests | raw | gzip |")
    print("|---|---|---|---|---|---|---|")
    for path, query, (view, rows) in measured:
        print(f"| `/{path}` | {len(view)} | {kib(sum(r[2] for r in view))} | {query} | {len(rows)} "
              f"| {kib(sum(r[1] for r in rows))} | {kib(sum(r[2] for r in rows))} |")
    for path, _query, (_view, rows) in measured:
        print(f"\n`/{path}`:")
        for url, _raw, wire in rows:
            print(f"  {wire:7d}  {urlsplit(url).path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
