"""Bytes and requests of a first view and of a first search, in Chromium,
against a local server that gzips as GitHub Pages does; and how the search
download changes with the number of languages."""

from __future__ import annotations

import contextlib
import functools
import gzip
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from alliance_site.harness import GitHubPagesHandler, serve
from alliance_site.search import BUNDLE, read_entry_file

from benchmark import trees
from benchmark.report import Section, kib, table
from benchmark.workspace import Workspace, progress

# (path, a query in the page's language)
PAGES = [
    ("", "secretariat"),
    ("ja/faq/", "技術ガバナンス"),
    ("es/partners/", "tecnologia"),
]
TREE_QUERY = ("ja", "ガバナンス")  # the first search measured on the generated trees
QUIET = 0.7  # seconds without a request in flight: the page is done
LIMIT = 30.0  # seconds to wait for anything at most

# What the local server (and so the "gzip" figures) compresses.
COMPRESSIBLE = {".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".map"}

# The element that has the keyboard focus, looking into shadow roots: is it a text field?
FOCUS_IN_TEXT_FIELD = """() => {
  let element = document.activeElement;
  while (element && element.shadowRoot && element.shadowRoot.activeElement) element = element.shadowRoot.activeElement;
  return !!element && (element.tagName === 'INPUT' || element.tagName === 'TEXTAREA' || element.isContentEditable);
}"""


# --------------------------------------------------------------------------- serving with gzip


def compressible(path: str) -> bool:
    """True for what the server gzips; URLs ending in / are HTML pages."""
    path = urlsplit(path).path
    return path.endswith("/") or Path(path).suffix.lower() in COMPRESSIBLE


@functools.lru_cache(maxsize=None)
def gzip9_size(body: bytes) -> int:
    return len(gzip.compress(body, compresslevel=9, mtime=0))


def served_size(url: str, body: bytes) -> int:
    """Bytes on the wire from the gzip server for this body."""
    return gzip9_size(body) if compressible(url) else len(body)


class GzipHandler(GitHubPagesHandler):
    """alliance_site.harness's GitHub-Pages-like handler, plus gzip (level 9) for text types."""

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and urlsplit(self.path).path.endswith("/"):
            path = path / "index.html"
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts_gzip and path.is_file() and compressible(path.name)):
            return super().do_GET()
        body = gzip.compress(path.read_bytes(), compresslevel=9, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        self.wfile.write(body)


@contextlib.contextmanager
def gzip_server(directory: Path):
    """The directory on an ephemeral loopback port; yields the base URL."""
    url, server = serve(directory, GzipHandler)
    try:
        yield url
    finally:
        server.shutdown()
        server.server_close()


# --------------------------------------------------------------------------- what the browser fetches


@dataclass
class Traffic:
    """Requests of a browser context, and their responses."""

    responses: list = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    in_flight: int = 0
    last_event: float = field(default_factory=time.monotonic)

    def attach(self, context) -> None:
        context.on("request", self._on_request)
        context.on("requestfinished", self._on_done)
        context.on("requestfailed", self._on_done)
        context.on("response", self._on_response)

    def _on_request(self, request):
        self.urls.append(request.url)
        self.in_flight += 1
        self.last_event = time.monotonic()

    def _on_response(self, response):
        self.responses.append(response)

    def _on_done(self, _request):
        self.in_flight -= 1
        self.last_event = time.monotonic()

    def wait_quiet(self, page, since: tuple[int, int] = (0, 0), needs: str = "") -> bool:
        """Until no request has been in flight for QUIET seconds (and, with `needs`,
        a URL containing it was requested after `since`). False after LIMIT seconds."""
        deadline = time.monotonic() + LIMIT
        while time.monotonic() < deadline:
            seen = not needs or any(needs in url for url in self.urls[since[1]:])
            if seen and self.in_flight <= 0 and time.monotonic() - self.last_event >= QUIET:
                return True
            page.wait_for_timeout(50)
        return False

    def mark(self) -> tuple[int, int]:
        return len(self.responses), len(self.urls)


@dataclass
class Bytes:
    requests: int
    raw: int
    gzip: int
    types: dict
    problem: str = ""

    def cells(self) -> list[str]:
        if self.problem:
            return [self.problem, "", ""]
        return [str(self.requests), kib(self.raw), kib(self.gzip)]


def resource_type(url: str, content_type: str) -> str:
    kind = content_type.split(";")[0].strip()
    for name, needle in [("html", "html"), ("css", "css"), ("js", "javascript"), ("json", "json"),
                         ("font", "font"), ("svg", "svg"), ("image", "image")]:
        if needle in kind:
            return name
    return "pagefind" if f"/{BUNDLE}/" in url else (kind or "other")


def tally(traffic: Traffic, since: tuple[int, int] = (0, 0), problem: str = "") -> Bytes:
    """Sizes of the responses (and count of the requests) after a mark."""
    raw = wire = 0
    types: dict[str, int] = {}
    for response in traffic.responses[since[0]:]:
        try:
            body = response.body()
        except Exception:  # a redirect or an aborted request has no body
            body = b""
        raw += len(body)
        wire += served_size(response.url, body)
        kind = resource_type(response.url, response.headers.get("content-type", ""))
        types[kind] = types.get(kind, 0) + 1
    return Bytes(len(traffic.urls) - since[1], raw, wire, types, problem)


def first_view_and_search(browser, url: str, query: str) -> tuple[Bytes, Bytes]:
    """Bytes of a cold first view, then of the first search on that page: click
    `[data-site-search]`, type the query once a text field has the focus, wait
    for a Pagefind fragment (a result) and a quiet network. UI-agnostic."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.set_default_timeout(LIMIT * 1000)
    traffic = Traffic()
    traffic.attach(context)
    try:
        page = context.new_page()
        page.goto(url, wait_until="load")
        traffic.wait_quiet(page)
        view = tally(traffic)
        mark = traffic.mark()
        page.click("[data-site-search]")
        problem = ""
        try:
            page.wait_for_function(FOCUS_IN_TEXT_FIELD)
        except Exception:
            problem = "no text field took the focus after the click"
        else:
            page.keyboard.type(query)
            if not traffic.wait_quiet(page, since=mark, needs=".pf_fragment"):
                problem = f"no Pagefind fragment requested within {LIMIT:.0f} s"
        search = tally(traffic, since=mark, problem=problem)
    finally:
        context.close()
    return view, search


# --------------------------------------------------------------------------- parts


def run(work: Workspace) -> list[Section]:
    """First view and first search on three pages of the site."""
    site = work.built_site()
    progress("Measuring first view and first search...")
    rows = []
    with gzip_server(site) as base_url:
        for path, query in PAGES:
            view, search = first_view_and_search(work.browser(), base_url + path, query)
            mix = ", ".join(f"{kind} {count}" for kind, count in sorted(view.types.items()))
            rows.append([f"`/{path}`", *view.cells(), mix, query, *search.cells()])
    header = ["page", "first view: requests", "raw", "gzip", "first view: by type",
              "first search: query", "requests", "raw", "gzip"]
    return [Section("Bytes and requests (empty cache; gzip as GitHub Pages sends it)", table(header, rows))]


def language_files(bundle: Path, lang: str) -> list[Path]:
    """The files of a Pagefind bundle that belong to one language: its metadata,
    WebAssembly, index, fragment and filter chunks (the UI's code is shared)."""
    entry = read_entry_file(bundle)
    info = entry["languages"][lang]
    files = [bundle / f"pagefind.{info['hash']}.pf_meta", bundle / f"wasm.{info['wasm'] or 'unknown'}.pagefind"]
    for folder in ("index", "fragment", "filter"):
        files += sorted((bundle / folder).glob(f"{lang}_*"))
    return [path for path in files if path.is_file()]


def size_of(paths) -> int:
    return sum(path.stat().st_size for path in paths)


def run_languages(work: Workspace) -> list[Section]:
    """The same generated pages with 3 and with 10 languages: the bundle grows,
    a reader's first search does not."""
    lang, query = TREE_QUERY
    rows = []
    for count in (3, len(trees.TREE_LANGUAGES)):
        site = work.built_tree(count)
        progress(f"First search on the {count}-language tree...")
        with gzip_server(site) as base_url:
            _view, search = first_view_and_search(work.browser(), f"{base_url}{lang}/", query)
        bundle = site / BUNDLE
        total, own = size_of(p for p in bundle.rglob("*") if p.is_file()), size_of(language_files(bundle, lang))
        rows.append([f"{count} languages x {trees.TREE_PAGES} pages", kib(total), kib(own), *search.cells()])
    header = ["generated tree", "pagefind/ total", f"`{lang}` files (meta, wasm, index, fragments, filters)",
              f"first search on `/{lang}/` ({query}): requests", "raw", "gzip"]
    return [Section("Search bytes vs number of languages (generated pages, built with the hooks)", table(header, rows))]
