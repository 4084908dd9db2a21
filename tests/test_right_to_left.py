"""Right-to-left languages (an Arabic draft with its About page translated):
mirrored chrome, Arabic text right to left, English fallback content left to right."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

DIRECTION = "(element) => getComputedStyle(element).direction"


@pytest.fixture
def arabic_page(open_page, request):
    return open_page(getattr(request, "param", 1280), 900, locale="ar")


def directions(page, selector: str) -> set[str]:
    return set(page.locator(selector).evaluate_all(f"elements => elements.map({DIRECTION})"))


def test_fallback_page_reads_left_to_right_inside_rtl_chrome(arabic_page, drafts_url):
    page = arabic_page
    page.goto(drafts_url + "ar/faq/")
    assert page.evaluate("document.body.dir") == "rtl"
    assert page.evaluate(f"({DIRECTION})(document.querySelector('.md-header'))") == "rtl"
    article = page.locator("article")
    assert article.get_attribute("lang") == "en" and article.get_attribute("dir") == "ltr"
    assert directions(page, "article h1, article h2") == {"ltr"}
    assert directions(page, "article p") == {"ltr"}
    assert directions(page, ".md-sidebar--secondary .md-nav__list .md-nav__link") == {"ltr"}
    assert directions(page, ".site-notice") == {"rtl"}  # the notice is in Arabic


def test_translated_page_reads_right_to_left(arabic_page, drafts_url):
    page = arabic_page
    page.goto(drafts_url + "ar/")
    assert page.locator("article").get_attribute("lang") is None
    assert directions(page, "article h1, article p") == {"rtl"}
    assert directions(page, "footer a[href^='mailto:']") == {"ltr"}  # addresses stay left to right


def test_switcher_names_arabic_right_to_left_on_english_pages(arabic_page, drafts_url):
    page = arabic_page
    page.goto(drafts_url + "faq/")
    link = page.locator('a[data-site-language][hreflang="ar"]')
    assert link.get_attribute("dir") == "rtl"
    assert directions(page, 'a[data-site-language][hreflang="en"]') == {"ltr"}


def test_language_suggestion_for_an_arabic_reader_is_right_to_left(arabic_page, drafts_url):
    page = arabic_page
    page.goto(drafts_url)
    note = page.locator(".site-suggestion")
    note.wait_for()
    assert note.get_attribute("lang") == "ar"
    assert note.evaluate(DIRECTION) == "rtl"


def test_not_found_under_ar_is_right_to_left(arabic_page, drafts_url):
    page = arabic_page
    page.goto(drafts_url + "ar/no-such-page/")
    page.wait_for_function("document.documentElement.lang === 'ar'")
    assert page.evaluate("document.body.dir") == "rtl"
    assert directions(page, "section[lang='ar']") == {"rtl"}


@pytest.mark.parametrize("arabic_page", [375, 1280], indirect=True, ids=["phone", "desktop"])
def test_no_axe_violations_in_arabic(arabic_page, drafts_url):
    page = arabic_page
    axe = Axe()
    found = {}
    for url in ("ar/", "ar/faq/"):
        page.goto(drafts_url + url)
        violations = axe.run(page).response["violations"]
        if violations:
            found[url] = [f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}" for v in violations]
    assert found == {}


def test_site_css_uses_logical_properties_only():
    """So that everything of the site's own mirrors in right-to-left languages."""
    import re

    from alliance_site.harness import ROOT
    css = re.sub(r"/\*.*?\*/", "", (ROOT / "docs" / "assets" / "site.css").read_text("utf-8"), flags=re.S)
    assert not re.findall(r"\b(?:margin|padding|border)-(?:left|right)\b|\b(?:left|right)\s*:|text-align:\s*(?:left|right)", css)


def test_search_dialog_is_right_to_left_in_arabic(arabic_page, drafts_url):
    from alliance_site.harness import SEARCH_DIALOG, open_search
    page = arabic_page
    page.goto(drafts_url + "ar/")
    open_search(page, "حوكمة التكنولوجيا")
    page.locator(f"{SEARCH_DIALOG} [data-search-results] a[href*='/ar/']").first.wait_for()
    assert page.locator(SEARCH_DIALOG).evaluate(DIRECTION) == "rtl"
