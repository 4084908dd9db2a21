"""Build, serve and browse the site as readers and CI do: shared by the tests
and the benchmark (which import it; it imports neither)."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

from alliance_site.config import PROJECT_ROOT

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
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


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
