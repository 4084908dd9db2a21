"""Shared fixtures: the site is built once per test session, served on
loopback, and driven in a real Chromium."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ["en", "ja", "es"]
PAGES = ["index.md", "partners.md", "get-involved.md", "faq.md"]
# Flags for Chromium on machines without network access beyond the registries.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless=new",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]


def page_url(lang: str, page: str) -> str:
    """Site-relative URL of a page: ("ja", "faq.md") -> "ja/faq/"."""
    prefix = "" if lang == "en" else f"{lang}/"
    stem = page.removesuffix(".md")
    return prefix if stem == "index" else f"{prefix}{stem}/"


def build_site(project: Path, site_dir: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the strict build of a project tree; returns the finished process."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
        capture_output=True,
        text=True,
        check=False,
    )


PROJECT_FILES = ["mkdocs.yml", "docs", "overrides", "data", "scripts"]


def copy_project(target: Path) -> Path:
    """A throwaway copy of what the build reads, to break or change in a test."""
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("node_modules", "__pycache__"))
        else:
            shutil.copy(source, target / name)
    return target


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("site")
    result = build_site(ROOT, target)
    assert result.returncode == 0, result.stderr
    return target


@pytest.fixture(scope="session")
def soup(site_dir):
    """Parsed HTML of a built page: soup("ja", "faq.md")."""

    @functools.cache
    def parse(lang: str, page: str) -> BeautifulSoup:
        path = site_dir / page_url(lang, page) / "index.html"
        return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")

    return parse


@pytest.fixture(scope="session")
def strings():
    return {lang: yaml.safe_load((ROOT / "data" / "strings" / f"{lang}.yml").read_text("utf-8")) for lang in LANGUAGES}


class GitHubPagesHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a built site as GitHub Pages does: a folder URL without its
    trailing slash gets a 301; an unknown path gets /404.html with status 404."""

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, *args):  # keep pytest output readable
        pass


def serve(directory: Path):
    """Start a GitHub-Pages-like server for `directory`; returns (base URL, server)."""
    handler = functools.partial(GitHubPagesHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


@pytest.fixture(scope="session")
def base_url(site_dir):
    """The built site served on an ephemeral loopback port."""
    url, server = serve(site_dir)
    yield url
    server.shutdown()


def system_chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if path := shutil.which(name):
            return path
    return None


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    executable = system_chromium()
    if os.environ.get("USE_PLAYWRIGHT_CHROMIUM") == "1":  # GitHub runners: Playwright's own build
        executable = None
    if executable is None:  # a developer laptop with internet access
        subprocess.run([sys.executable, "-m", "playwright", "install", "chromium"], check=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class RequestLog:
    """Every request a page makes, and every one that failed or redirected."""

    def __init__(self, page):
        self.requests, self.failures, self.redirects = [], [], []
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("requestfailed", lambda request: self.failures.append(request.url))
        page.on("response", self._on_response)

    def _on_response(self, response):
        if response.status in (301, 302, 303, 307, 308):
            self.redirects.append(response.url)
        elif response.status >= 400:
            self.failures.append(f"{response.status} {response.url}")


SEARCH_DIALOG = "dialog[data-site-search-dialog][open]"


def open_search(page, query: str) -> None:
    """Open the search dialog from the header button and type a query (the
    field has focus once the dialog is open)."""
    page.click("[data-site-search]:visible")
    page.locator(f"{SEARCH_DIALOG} input[type=search]").wait_for(state="visible")
    page.keyboard.type(query)


def choose_language(page, lang: str) -> None:
    """Pick a language in the header switcher and wait for the new page."""
    page.hover(".md-select")
    with page.expect_navigation():
        page.click(f'a[data-site-language][hreflang="{lang}"]')


RECORD_CSP_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation',
    (e) => window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
"""


def record_csp_violations(page) -> None:
    """From the next navigation on, keep every Content-Security-Policy violation."""
    page.context.add_init_script(RECORD_CSP_VIOLATIONS)


def csp_violations(page) -> list[str]:
    return page.evaluate("window.__cspViolations")


@pytest.fixture
def browser_page(browser):
    """A fresh browser page with its request log at `page.log`."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="en-US")
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.log = RequestLog(page)
    yield page
    context.close()
