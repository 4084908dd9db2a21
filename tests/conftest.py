"""Shared fixtures: the site is built once per test session, served on
loopback, and driven in a real Chromium."""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from alliance_site.config import PROJECT_ROOT
from alliance_site.scaffold import new_language
from alliance_site.harness import build_site, copy_project, launch_chromium, page_url, serve  # noqa: F401  (re-exported for tests)

ROOT = PROJECT_ROOT
LANGUAGES = ["en", "ja", "es"]
PAGES = ["index.md", "partners.md", "get-involved.md", "faq.md"]


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


@pytest.fixture(scope="session")
def base_url(site_dir):
    """The built site served on an ephemeral loopback port."""
    url, server = serve(site_dir)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
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


DRAFTS = ["ar", "zh", "ko"]
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def drafts_project(tmp_path_factory) -> Path:
    """A copy of the project with ar, zh and ko added as a coordinator does
    (new-language: drafts), each with its About page translated
    (tests/fixtures/drafts/); every other page falls back to English."""
    project = copy_project(tmp_path_factory.mktemp("drafts-project"))
    for code in DRAFTS:
        new_language(project, code)
        shutil.copy(FIXTURES / "drafts" / code / "index.md", project / "docs" / code / "index.md")
    return project


@pytest.fixture(scope="session")
def drafts_site(drafts_project, tmp_path_factory) -> Path:
    """The drafts project as a preview builds it (SITE_DRAFTS=1)."""
    target = tmp_path_factory.mktemp("drafts-site")
    result = build_site(drafts_project, target, env={"SITE_DRAFTS": "1"})
    assert result.returncode == 0, result.stderr
    return target


@pytest.fixture(scope="session")
def drafts_url(drafts_site):
    url, server = serve(drafts_site)
    yield url
    server.shutdown()


def git(project, *args):
    """git with a fixed identity, for throwaway repositories."""
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_CONFIG_GLOBAL": os.devnull,
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org", "PATH": os.environ["PATH"]}
    subprocess.run(["git", *args], cwd=project, env=env, check=True, capture_output=True)


GUIDE_URL = "https://example.org/repo/blob/main/CONTRIBUTING.md"


@pytest.fixture(scope="session")
def variants_site(tmp_path_factory) -> Path:
    """The site mid-translation, in a git repository: docs/ja/partners.md and
    docs/es/get-involved.md not translated yet (English fallbacks with a notice),
    English faq.md changed after both translations (outdated notices), and a
    Spanish FAQ question whose heading carries a class. Built once, with the
    translation guide's URL (CI passes it)."""
    project = copy_project(tmp_path_factory.mktemp("variants-project"))
    (project / "docs" / "ja" / "partners.md").unlink()
    (project / "docs" / "es" / "get-involved.md").unlink()
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "site")
    english = project / "docs" / "en" / "faq.md"
    english.write_text(english.read_text("utf-8").replace("{#cost}", "{#cost .q}") + "\nA new sentence.\n", "utf-8")
    git(project, "commit", "-qam", "English changed")
    result = build_site(project, project / "site", env={"TRANSLATION_GUIDE_URL": GUIDE_URL})
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.fixture(scope="session")
def variants_url(variants_site):
    url, server = serve(variants_site)
    yield url
    server.shutdown()


SUBPATH_URL = "https://example.org/gsca/"


@pytest.fixture(scope="session")
def subpath_site(tmp_path_factory) -> Path:
    """The site built for a sub-path, as GitHub Pages serves a project site (/<repo>/)."""
    target = tmp_path_factory.mktemp("subpath-site")
    result = build_site(ROOT, target, env={"SITE_URL": SUBPATH_URL})
    assert result.returncode == 0, result.stderr
    return target
