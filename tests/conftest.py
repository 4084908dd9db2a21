"""Shared fixtures (only fixtures: helpers live in alliance_site.harness): the
site and a few variants of it are built once per test session, served on
loopback, and driven in a real Chromium."""

from __future__ import annotations

import fcntl
import functools
import os
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup

from alliance_site.scaffold import new_language
from alliance_site.harness import (
    LANGUAGES, MINIMAL_CONFIG, ROOT, RequestLog, build_site, commit, copy_project, git, launch_chromium, markdown_page,
    page_url, serve, write,
)



def made_once(tmp_path_factory, name: str, make) -> Path:
    """`make(path)` run once per test session, whatever the number of xdist
    workers: the first worker to ask makes it, the others wait and share it
    (fixtures built this way are read, never changed, by the tests)."""
    workers = os.environ.get("PYTEST_XDIST_WORKER")
    shared = tmp_path_factory.getbasetemp().parent if workers else tmp_path_factory.getbasetemp()
    target, done = shared / name, shared / f"{name}.done"
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not done.exists():
            shutil.rmtree(target, ignore_errors=True)
            target.mkdir()
            make(target)
            done.touch()
    return target


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
    return made_once(tmp_path_factory, "site", lambda target: built(ROOT, target))


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


@pytest.fixture(scope="session")
def shared_context(browser):
    """shared_context(locale): one browser context per locale and test worker.
    A page in it costs a fraction of a fresh context's (no new renderer process,
    warm caches); each test's storage is forgotten after it (see open_page).
    Routes, init scripts and permissions belong on a test's page, never on a
    shared context: they would outlive the test.
    Tests that count bytes, or need touch or no JavaScript, open a context of
    their own."""
    contexts = {}

    def context_for(locale: str = "en-US"):
        if locale not in contexts:
            context = contexts[locale] = browser.new_context(locale=locale)
            context.set_default_timeout(10_000)
            context.new_page()  # kept open (blank): Chromium keeps the context's processes warm for the next page
        return contexts[locale]

    yield context_for
    for context in contexts.values():
        context.close()


def forget_storage(context, page) -> None:
    """Clear what a test stored (the palette, remembered choices) for the next
    one, on every origin the page requested from (its request log)."""
    origins = {urlsplit(url)._replace(path="", query="", fragment="").geturl() for url in page.log.requests}
    session = context.new_cdp_session(page)
    for origin in sorted(origin for origin in origins if origin.startswith("http")):
        session.send("Storage.clearDataForOrigin", {"origin": origin, "storageTypes": "local_storage,indexeddb,cache_storage"})
    session.detach()
    context.clear_cookies()


@pytest.fixture
def open_page(shared_context):
    """Open a page of a shared context: open_page(width, height, scheme, locale),
    the scheme being the system preference ("light" or "dark"); each with its
    request log at `page.log`."""
    pages = []

    def open_(width: int = 1280, height: int = 800, scheme: str = "light", locale: str = "en-US"):
        page = shared_context(locale).new_page()
        page.set_viewport_size({"width": width, "height": height})
        page.emulate_media(color_scheme=scheme)
        page.log = RequestLog(page)
        pages.append(page)
        return page

    yield open_
    problems = []
    for page in pages:
        try:
            forget_storage(page.context, page)
        except Exception as error:  # every page is closed all the same; the first problem is reported
            problems.append(error)
        finally:
            page.close()
    if problems:
        raise problems[0]


@pytest.fixture
def browser_page(open_page):
    """A fresh page at 1280 x 800, light palette."""
    return open_page()


@pytest.fixture
def fresh_page(browser):
    """A page in a context of its own (empty cache): for tests that count what is downloaded."""
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
    def make(project: Path) -> None:
        copy_project(project)
        for code in DRAFTS:
            new_language(project, code)
            shutil.copy(FIXTURES / "drafts" / code / "index.md", project / "docs" / code / "index.md")

    return made_once(tmp_path_factory, "drafts-project", make)


@pytest.fixture(scope="session")
def drafts_site(drafts_project, tmp_path_factory) -> Path:
    """The drafts project as a preview builds it (SITE_DRAFTS=1)."""
    return made_once(tmp_path_factory, "drafts-site", lambda target: built(drafts_project, target, env={"SITE_DRAFTS": "1"}))


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
    def make(project: Path) -> None:
        copy_project(project)
        (project / "docs" / "ja" / "partners.md").unlink()
        (project / "docs" / "es" / "get-involved.md").unlink()
        git(project, "init", "-q")
        git(project, "add", "-A")
        git(project, "commit", "-qm", "site")
        english = project / "docs" / "en" / "faq.md"
        english.write_text(english.read_text("utf-8").replace("{#cost}", "{#cost .q}") + "\nA new sentence.\n", "utf-8")
        git(project, "commit", "-qam", "English changed")
        built(project, project / "site", env={"TRANSLATION_GUIDE_URL": GUIDE_URL})

    return made_once(tmp_path_factory, "variants-project", make) / "site"


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
    return made_once(tmp_path_factory, "subpath-site", lambda target: built(ROOT, target, env={"SITE_URL": SUBPATH_URL}))


@pytest.fixture
def repo(tmp_path) -> Path:
    """A git repository with English and Japanese page.md committed together on day 1."""
    write(tmp_path / "mkdocs.yml", MINIMAL_CONFIG)
    write(tmp_path / "docs" / "en" / "page.md", markdown_page("Page", "Old sentence."))
    write(tmp_path / "docs" / "ja" / "page.md", markdown_page("ページ", "古い文。"))
    git(tmp_path, "init", "-q")
    commit(tmp_path, 1, "English and Japanese")
    return tmp_path
