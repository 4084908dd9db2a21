"""Build, serve and browse the site as readers and CI do: shared by the tests
and the benchmark (which import it; it imports neither)."""

from __future__ import annotations

import contextlib
import functools
import http.server
import io
import os
import shutil
import socket
import subprocess
import sys
import threading
import urllib.request
from pathlib import Path

from alliance_site.config import PROJECT_ROOT, markdown_pages, site_languages

ROOT = PROJECT_ROOT
# The published languages (default first) and the pages of the real site.
LANGUAGES = [language.code for language in site_languages(PROJECT_ROOT) if not language.draft]
PAGES = markdown_pages(PROJECT_ROOT / "docs" / LANGUAGES[0])
# What the build reads: a throwaway copy of these builds like the project.
PROJECT_FILES = ["mkdocs.yml", "docs", "overrides", "data"]
BUILD_ENV = {"NO_MKDOCS_2_WARNING": "1"}
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


def page_url(lang: str, page: str, default: str = "en") -> str:
    """Site-relative URL of a page: ("ja", "faq.md") -> "ja/faq/"."""
    prefix = "" if lang == default else f"{lang}/"
    stem = page.removesuffix(".md")
    return prefix if stem == "index" else f"{prefix}{stem}/"


def build_site(project: Path, site_dir: Path, env: dict | None = None, config: Path | None = None,
               ) -> subprocess.CompletedProcess:
    """Run the strict build of a project tree; returns the finished process."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)]
    if config is not None:
        command += ["--config-file", str(config)]
    return subprocess.run(command, cwd=project, env={**os.environ, **BUILD_ENV, **(env or {})},
                          capture_output=True, text=True, check=False)


def copy_project(target: Path, skip_content: tuple[str, ...] = ()) -> Path:
    """A throwaway copy of what the build reads, to break or change; `skip_content`
    leaves out those docs/<lang>/ folders."""
    for name in PROJECT_FILES:
        source = PROJECT_ROOT / name
        if source.is_dir():
            ignore = shutil.ignore_patterns("node_modules", "__pycache__", *(skip_content if name == "docs" else ()))
            shutil.copytree(source, target / name, ignore=ignore)
        else:
            shutil.copy(source, target / name)
    return target


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

    def log_message(self, *args):  # keep test and benchmark output readable
        pass


def serve(directory: Path, handler: type = GitHubPagesHandler):
    """Serve `directory` on an ephemeral loopback port; returns (base URL, server)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    # A short poll: shutting a server down waits for it (0.5 s by default).
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


def free_port() -> int:
    """A loopback port nothing listens on now (for `mkdocs serve --dev-addr`)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str, timeout: float = 5) -> bytes | None:
    """The body at url, or None if nothing answers (yet)."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.read()
    except OSError:  # URLError, refused, timed out
        return None


def system_chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if path := shutil.which(name):
            return path
    return None


def chromium_executable() -> str | None:
    """The system Chromium; else (a laptop with internet) Playwright's own, installed once.
    USE_PLAYWRIGHT_CHROMIUM=1 (GitHub's runners) always takes Playwright's."""
    executable = None if os.environ.get("USE_PLAYWRIGHT_CHROMIUM") == "1" else system_chromium()
    if executable is None:
        subprocess.run([sys.executable, "-m", "playwright", "install", "chromium"], check=True)
    return executable


def launch_chromium(playwright):
    return playwright.chromium.launch(executable_path=chromium_executable(), args=CHROMIUM_ARGS)


# --------------------------------------------------------------------------- throwaway git repositories


def git_env(top: Path, date: str = "2024-01-01T12:00:00+00:00") -> dict:
    """A git environment independent of the machine's config, with a fixed identity and date."""
    return {
        **os.environ,
        "GIT_AUTHOR_NAME": "Translator", "GIT_AUTHOR_EMAIL": "translator@example.org",
        "GIT_COMMITTER_NAME": "Translator", "GIT_COMMITTER_EMAIL": "translator@example.org",
        "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date,
        "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
        # Never pick up a repository above the throwaway one.
        "GIT_CEILING_DIRECTORIES": str(Path(top).parent),
    }


def git(repo: Path, *args: str, date: str = "2024-01-01T12:00:00+00:00") -> None:
    subprocess.run(["git", *args], cwd=repo, env=git_env(repo, date), check=True, capture_output=True)


def commit(repo: Path, day: int, message: str = "change") -> None:
    """Commit everything, dated 2024-01-<day> (ordering translation and English commits)."""
    date = f"2024-01-{day:02d}T12:00:00+00:00"
    git(repo, "add", "-A", date=date)
    git(repo, "commit", "-q", "-m", message, date=date)


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")


def markdown_page(title: str, body: str) -> str:
    """A minimal valid page: front matter, a title with an explicit id, a body."""
    return f"---\ntitle: {title}\ndescription: {title}.\n---\n\n# {title} {{#top}}\n\n{body}\n"


# A site with three languages and nothing else, for translation-state tests.
MINIMAL_CONFIG = """\
site_name: Test
site_url: !ENV [SITE_URL, "http://127.0.0.1:8000/"]
plugins:
  - i18n:
      docs_structure: folder
      languages:
        - locale: en
          name: English
          default: true
        - locale: ja
          name: 日本語
        - locale: es
          name: Español
"""


@contextlib.contextmanager
def environment(env: dict):
    """os.environ replaced by `env` for the block (the git commands a run starts see it too)."""
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


def run_l10n(root: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """`python scripts/l10n.py --root ROOT ...` as a translator runs it: the
    script's one call, alliance_site.cli.main, run in this process (a Python start
    per call would cost more than most of them), with its exit code and output."""
    from alliance_site.cli import main  # the command line, not needed by builds and serves

    env = env or {**os.environ, "GIT_CEILING_DIRECTORIES": str(Path(root).parent)}
    argv = ["--root", str(root), *args]
    stdout, stderr = io.StringIO(), io.StringIO()
    with environment(env), contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        try:
            code = main(argv)
        except SystemExit as exit:  # argparse refusing the arguments; mapped as Python maps it
            if exit.code is None or isinstance(exit.code, int):
                code = exit.code or 0
            else:
                print(exit.code, file=sys.stderr)
                code = 1
    return subprocess.CompletedProcess(["scripts/l10n.py", *argv], code, stdout.getvalue(), stderr.getvalue())


# --------------------------------------------------------------------------- browser steps


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
