"""A page not yet translated falls back to English: readable, announced, marked
lang="en", and not advertised as a translation (hreflang, sitemap, search)."""

import pytest
from bs4 import BeautifulSoup

from playwright.sync_api import expect

from alliance_site.harness import SEARCH_DIALOG, open_search

SITE_URL = "http://127.0.0.1:8000/"  # the build's default


@pytest.fixture(scope="module")
def fallback_site(variants_site):
    """docs/ja/partners.md is missing there (see conftest.py)."""
    return variants_site


def parse(site, path):
    return BeautifulSoup((site / path / "index.html").read_text("utf-8"), "html.parser")


def test_fallback_page_shows_english_content_marked_as_english(fallback_site, strings, guide_url):
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
    guide = notice.select_one(f'a[href="{guide_url}"]')
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
    assert parse(fallback_site, "ja").select_one(".site-notice") is None
    assert parse(fallback_site, "ja").select_one("article[data-pagefind-body]")


def test_fallback_page_is_left_out_of_the_languages_search(variants_url, browser_page):
    page = browser_page
    page.goto(variants_url + "ja/")
    open_search(page, "Accenture")  # only on the (English) partners page
    status = page.locator(f"{SEARCH_DIALOG} [role=status]")
    expect(status).to_contain_text("Accenture")  # the search has run: "no page matches"
    assert page.locator(f"{SEARCH_DIALOG} [data-search-results] a").count() == 0
    page.fill(f"{SEARCH_DIALOG} input[type=search]", "ガバナンス")  # a Japanese word the translated pages carry
    expect(page.locator(f"{SEARCH_DIALOG} [data-search-results] a[href*='/ja/']").first).to_be_visible()


def test_outdated_translation_shows_a_notice(fallback_site, strings):
    """English faq.md changed after the translations: they say so, others don't."""
    for lang in ("ja", "es"):
        notice = parse(fallback_site, f"{lang}/faq").select_one(".site-notice")
        assert strings[lang]["outdated_notice"] in notice.get_text()
        link = notice.select_one('a[hreflang="en"]')
        assert link["href"] == "../../faq/" and "lang" not in link.attrs
        assert link.get_text() == strings[lang]["outdated_read_original"]
        assert parse(fallback_site, lang).select_one(".site-notice") is None
