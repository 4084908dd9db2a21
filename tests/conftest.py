"""Shared fixtures (only fixtures: helpers live in alliance_site.harness): the
site and a few variants of it are built once per test session, served on
loopback, and driven in a real Chromium."""

from __future__ import annotations

import functools
import shutil
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from alliance_site.scaffold import new_language
from alliance_site.harness import (
    LANGUAGES, MINIMAL_CONFIG, ROOT, RequestLog, build_site, commit, copy_project, git, launch_chromium, markdown_page,
    page_url, serve, write,
)



def built(project: Path, target: Path, env: dict | None = None) -> Path:
    """`target`, holding the strict build of `project` (the test stops if it fails)."""
    result = build_site(project, target, env=env)
    assert result.returncode == 0, result.stderr
    return target


def serving(site: Path):
    """For a fixture: yield the URL of `site` served on loopback, then stop the server."""
    url, server = serve(site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("site")
    return built(ROOT, target)


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
    yield from serving(site_dir)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()


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
def draft_codes() -> list[str]:
    return DRAFTS


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
    return built(drafts_project, target, env={"SITE_DRAFTS": "1"})


@pytest.fixture(scope="session")
def drafts_url(drafts_site):
    yield from serving(drafts_site)


GUIDE_URL = "https://example.org/repo/blob/main/CONTRIBUTING.md"


@pytest.fixture(scope="session")
def guide_url() -> str:
    """Where the fallback notice sends would-be translators (CI passes the real one)."""
    return GUIDE_URL


@pytest.fixture(scope="session")
def variants_site(tmp_path_factory) -> Path:
    """The site mid-translation, in a git repository: docs/ja/partners.md and
    docs/es/get-involved.md not translated yet (English fallbacks with a notice),
    English faq.md changed after both translations (outdated notices; one of
    its FAQ headings now carries a class). Built once, with the translation
    guide's URL (CI passes it)."""
    project = copy_project(tmp_path_factory.mktemp("variants-project"))
    (project / "docs" / "ja" / "partners.md").unlink()
    (project / "docs" / "es" / "get-involved.md").unlink()
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "site")
    english = project / "docs" / "en" / "faq.md"
    english.write_text(english.read_text("utf-8").replace("{#cost}", "{#cost .q}") + "\nA new sentence.\n", "utf-8")
    git(project, "commit", "-qam", "English changed")
    return built(project, project / "site", env={"TRANSLATION_GUIDE_URL": GUIDE_URL})


@pytest.fixture(scope="session")
def variants_url(variants_site):
    yield from serving(variants_site)


SUBPATH_URL = "https://example.org/gsca/"


@pytest.fixture(scope="session")
def subpath_url() -> str:
    return SUBPATH_URL


@pytest.fixture(scope="session")
def subpath_site(tmp_path_factory) -> Path:
    """The site built for a sub-path, as GitHub Pages serves a project site (/<repo>/)."""
    target = tmp_path_factory.mktemp("subpath-site")
    return built(ROOT, target, env={"SITE_URL": SUBPATH_URL})


@pytest.fixture
def repo(tmp_path) -> Path:
    """A git repository with English and Japanese page.md committed together on day 1."""
    write(tmp_path / "mkdocs.yml", MINIMAL_CONFIG)
    write(tmp_path / "docs" / "en" / "page.md", markdown_page("Page", "Old sentence."))
    write(tmp_path / "docs" / "ja" / "page.md", markdown_page("ページ", "古い文。"))
    git(tmp_path, "init", "-q")
    commit(tmp_path, 1, "English and Japanese")
    return tmp_path
