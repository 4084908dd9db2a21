"""A page not yet translated falls back to English: readable, announced, marked
lang="en", and not advertised as a translation (hreflang, sitemap, search)."""

import os
import subprocess

import pytest
from bs4 import BeautifulSoup

from conftest import build_site, copy_project, open_search, serve

SITE_URL = "http://127.0.0.1:8000/"
GUIDE = "https://example.org/repo/blob/main/CONTRIBUTING.md"


@pytest.fixture(scope="module")
def fallback_site(tmp_path_factory):
    """The site with docs/ja/partners.md missing."""
    project = copy_project(tmp_path_factory.mktemp("fallback-project"))
    (project / "docs" / "ja" / "partners.md").unlink()
    result = build_site(project, project / "site", env={"SITE_URL": SITE_URL, "TRANSLATION_GUIDE_URL": GUIDE})
    assert result.returncode == 0, result.stderr
    return project / "site"


def parse(site, path):
    return BeautifulSoup((site / path / "index.html").read_text("utf-8"), "html.parser")


def test_fallback_page_shows_english_content_marked_as_english(fallback_site, strings):
    page = parse(fallback_site, "ja/partners")
    assert page.html["lang"] == "ja"
    article = page.select_one("article")
    assert article["lang"] == "en"
    assert "Our institutional partners" in article.get_text()
    notice = page.select_one(".site-notice")
    assert strings["ja"]["fallback_notice"] in notice.get_text()
    # It leads to the English page, worded in the reader's language (no lang="en").
    link = notice.select_one('a[hreflang="en"]')
    assert link["href"] == "../../partners/" and "lang" not in link.attrs
    assert link.get_text() == strings["ja"]["fallback_read_original"]
    # Chrome in the reader's language: title and header from the translated nav
    # label; the table of contents lists the English headings, marked as English.
    assert page.title.get_text() == "パートナー - G20 Global Smart Cities Alliance"
    assert page.select(".md-header__topic .md-ellipsis")[1].get_text(strip=True) == "パートナー"
    entries = page.select_one(".md-sidebar--secondary ul.md-nav__list")
    assert entries["lang"] == "en" and entries["dir"] == "ltr"
    assert {link["title"] for link in article.select("a.headerlink")} == {strings["ja"]["permalink_title"]}
    assert {link["lang"] for link in article.select("a.headerlink")} == {"ja"}
    guide = notice.select_one(f'a[href="{GUIDE}"]')
    assert guide.get_text() == strings["ja"]["fallback_help_translate"]


def test_fallback_page_points_search_engines_to_english(fallback_site):
    page = parse(fallback_site, "ja/partners")
    assert page.select_one('link[rel="canonical"]')["href"] == SITE_URL + "partners/"
    english = parse(fallback_site, "partners")
    hreflangs = {link["hreflang"] for link in english.select("link[hreflang]") if link["rel"] == ["alternate"]}
    assert hreflangs == {"en", "es", "x-default"}
    sitemap = (fallback_site / "sitemap.xml").read_text("utf-8")
    assert "/ja/partners/" not in sitemap and "/ja/faq/" in sitemap


def test_translated_pages_carry_no_notice(fallback_site):
    assert parse(fallback_site, "ja/faq").select_one(".site-notice") is None
    assert parse(fallback_site, "ja/faq").select_one("article[data-pagefind-body]")


def test_fallback_page_is_left_out_of_the_languages_search(fallback_site, browser):
    base_url, server = serve(fallback_site)
    try:
        page = browser.new_page()
        page.goto(base_url + "ja/")
        open_search(page, "Accenture")  # only on the (English) partners page
        # The summary line repeats the query once the search has run.
        page.wait_for_function("() => document.querySelector('pagefind-modal').innerText.includes('Accenture')")
        page.wait_for_timeout(500)
        assert page.locator("pagefind-modal a[href*='partners']").count() == 0
        page.keyboard.press("Control+a")
        page.keyboard.type("ガバナンス")  # a Japanese word the translated pages carry
        page.wait_for_selector("pagefind-modal a[href*='/ja/']")
        page.close()
    finally:
        server.shutdown()


def git(project, *args):
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org", "PATH": os.environ["PATH"]}
    subprocess.run(["git", *args], cwd=project, env=env, check=True, capture_output=True)


def test_outdated_translation_shows_a_notice(tmp_path, strings):
    """English faq.md changes after the translations: they say so, others don't."""
    project = copy_project(tmp_path)
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "site")
    english = project / "docs" / "en" / "faq.md"
    english.write_text(english.read_text("utf-8") + "\nA new sentence.\n", "utf-8")
    git(project, "commit", "-qam", "English changed")
    assert build_site(project, project / "site").returncode == 0
    for lang in ("ja", "es"):
        notice = parse(project / "site", f"{lang}/faq").select_one(".site-notice")
        assert strings[lang]["outdated_notice"] in notice.get_text()
        link = notice.select_one('a[hreflang="en"]')
        assert link["href"] == "../../faq/" and "lang" not in link.attrs
        assert link.get_text() == strings[lang]["outdated_read_original"]
        assert parse(project / "site", f"{lang}/partners").select_one(".site-notice") is None
