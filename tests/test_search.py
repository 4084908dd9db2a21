"""In Chromium: Pagefind search answers in the reader's language only."""

import pytest

from conftest import LANGUAGES, open_search, page_url


def search(page, base_url, lang, query):
    """Open search on the FAQ page of `lang`, type `query`, return result URLs."""
    page.goto(f"{base_url}{page_url(lang, 'faq.md')}")
    page.wait_for_load_state("networkidle")
    open_search(page, query)
    results = page.locator("pagefind-modal .pf-result-link, pagefind-modal a[href]")
    page.wait_for_function(
        "() => document.querySelector('pagefind-modal') && "
        "/\\d/.test(document.querySelector('pagefind-modal').innerText)"
    )
    page.wait_for_timeout(300)
    return [href for href in results.evaluate_all("els => els.map(e => e.href)") if href]


def result_pages(urls, base_url):
    return {url.removeprefix(base_url).split("#")[0] for url in urls}


@pytest.mark.parametrize("lang,query,expected", [
    ("ja", "技術ガバナンス", {"ja/", "ja/partners/"}),
    ("es", "tecnologia", {"es/", "es/partners/", "es/get-involved/"}),
    ("en", "secretariat", {"", "faq/"}),
])
def test_search_finds_pages_in_the_readers_language_only(browser_page, base_url, lang, query, expected):
    urls = search(browser_page, base_url, lang, query)
    pages = result_pages(urls, base_url)
    assert expected <= pages, pages
    for page in pages:
        in_language = page.startswith(f"{lang}/") if lang != "en" else not page.startswith(("ja/", "es/"))
        assert in_language, f"{page} is not a {lang} page"


def test_first_view_downloads_nothing_for_search(browser_page, base_url):
    page = browser_page
    page.goto(f"{base_url}ja/faq/")
    page.wait_for_load_state("networkidle")
    assert not [url for url in page.log.requests if "pagefind" in url]


@pytest.mark.parametrize("open_with", ["/", "s", "Control+k", "button"])
def test_search_opens_with_keyboard_and_closes_with_escape(browser_page, base_url, open_with):
    page = browser_page
    page.goto(f"{base_url}es/")
    page.wait_for_load_state("networkidle")
    if open_with == "button":
        page.focus("[data-site-search]")
        page.keyboard.press("Enter")
    else:
        page.keyboard.press(open_with)
    field = page.locator("pagefind-modal input").first
    field.wait_for(state="visible")
    page.wait_for_function("() => document.activeElement && document.activeElement.tagName === 'INPUT'")
    page.keyboard.press("Escape")
    field.wait_for(state="hidden")
    if open_with == "button":  # focus goes back where the reader was
        page.wait_for_function("() => document.activeElement.hasAttribute('data-site-search')")
