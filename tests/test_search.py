"""In Chromium: search answers in the reader's language only, speaks that
language in every state, opens and closes from the keyboard, and stays light
on the first search."""

import gzip
import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from alliance_site.harness import SEARCH_DIALOG, open_search, page_url

RESULTS = f"{SEARCH_DIALOG} [data-search-results] a[href]"
STATUS = f"{SEARCH_DIALOG} [role=status]"
BUDGET = 90 * 1024  # gzip bytes of the first search on /ja/faq/ (issue 10)
TEXT_TYPES = (".html", ".css", ".js", ".json", "/")  # what a server gzips


def search(page, base_url, lang, query):
    """Search `query` from the FAQ page of `lang`; return the result URLs."""
    page.goto(f"{base_url}{page_url(lang, 'faq.md')}")
    open_search(page, query)
    page.locator(RESULTS).first.wait_for()
    return page.locator(RESULTS).evaluate_all("links => links.map(a => a.href)")


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


def test_first_view_downloads_nothing_for_search(fresh_page, base_url):
    page = fresh_page
    page.goto(f"{base_url}ja/faq/")
    assert not [url for url in page.log.requests if "pagefind" in url or "search.js" in url]


FIRST_VIEW_BUDGET = 72 * 1024  # gzip bytes of a first view of /ja/faq/, search not included


def test_first_view_stays_within_its_budget(fresh_page, base_url):
    """A page's first view (HTML, CSS, JS, icons), gzipped as a server sends text:
    the bytes are the build's, so they do not vary from run to run."""
    page = fresh_page
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(f"{base_url}ja/faq/")
    sizes = {response.url.removeprefix(base_url): len(gzip.compress(response.body(), 9)) for response in responses}
    assert "ja/faq/" in sizes and any(url.endswith(".css") for url in sizes)
    assert sum(sizes.values()) <= FIRST_VIEW_BUDGET, sizes


def test_first_search_stays_within_its_budget(fresh_page, base_url):
    """Everything requested from the click to the results, gzipped as a server
    sends text (Pagefind's own files are compressed already)."""
    page = fresh_page
    page.goto(f"{base_url}ja/faq/")
    responses = []
    page.on("response", lambda response: responses.append(response))
    open_search(page, "技術ガバナンス")
    page.locator(RESULTS).first.wait_for()  # fragments are fetched before results are shown
    sizes = {}
    for response in responses:
        body = response.body()
        text = urlsplit(response.url).path.endswith(TEXT_TYPES)
        sizes[response.url.removeprefix(base_url)] = len(gzip.compress(body, 9)) if text else len(body)
    assert not [url for url in sizes if "component-ui" in url or "worker" in url]
    assert any(url.endswith(".pf_fragment") for url in sizes)  # the count did see the results come
    assert sum(sizes.values()) <= BUDGET, sizes


OPENINGS = ["/", "s", "f", "Control+k", "Meta+k", "Enter on the button", "click"]


def test_search_opens_every_way_and_escape_gives_focus_back(browser_page, base_url):
    """Each way to open search, one after the other on one page."""
    page = browser_page
    page.goto(f"{base_url}es/faq/")
    dialog = page.locator(SEARCH_DIALOG)
    for open_with in OPENINGS:
        if open_with == "click":
            page.click("[data-site-search]")
        else:
            page.focus("[data-site-search]" if open_with == "Enter on the button" else "article p a[href]")
            page.keyboard.press("Enter" if open_with == "Enter on the button" else open_with)
        expect(dialog.locator("input[type=search]"), open_with).to_be_focused()
        page.keyboard.press("Control+a")
        page.keyboard.type("costo")  # Esc closes at once, even with text in the field
        page.locator(RESULTS).first.wait_for()
        page.keyboard.press("Escape")
        expect(dialog, open_with).to_have_count(0)
        # Focus is back where the reader was: the button, or the link they were on.
        where = "[data-site-search]" if open_with in ("click", "Enter on the button") else "article p a[href]"
        expect(page.locator(where).first, open_with).to_be_focused()


def test_shortcut_keys_type_into_fields(browser_page, base_url):
    """`s`, `f` and `/` typed in the search field are text, not shortcuts."""
    page = browser_page
    page.goto(f"{base_url}es/")
    open_search(page, "f/s")
    expect(page.locator(f"{SEARCH_DIALOG} input")).to_have_value("f/s")


def test_close_button_and_result_link_close_the_dialog(browser_page, base_url):
    page = browser_page
    page.goto(f"{base_url}faq/")
    open_search(page, "funding")
    page.click(f"{SEARCH_DIALOG} .site-search__close")
    expect(page.locator(SEARCH_DIALOG)).to_have_count(0)
    page.keyboard.press("/")
    # A heading of this very page: no page load, yet the dialog closes.
    page.click(f"{RESULTS}[href$='#funding']")
    expect(page.locator(SEARCH_DIALOG)).to_have_count(0)
    assert page.url.endswith("/faq/#funding")


def test_enter_opens_the_first_result_but_not_while_an_input_method_converts(browser_page, base_url):
    page = browser_page
    page.goto(f"{base_url}ja/")
    open_search(page, "資金")
    page.locator(RESULTS).first.wait_for()
    # Esc cancelling, Enter confirming a conversion (synthetic events: no IME here).
    composing = """([selector, key]) => document.querySelector(selector).dispatchEvent(
        new KeyboardEvent("keydown", {key, isComposing: true, bubbles: true}))"""
    page.evaluate(composing, [f"{SEARCH_DIALOG} input", "Escape"])
    assert page.locator(SEARCH_DIALOG).count() == 1, "Esc closed the dialog during a conversion"
    page.evaluate(composing, [f"{SEARCH_DIALOG} input", "Enter"])
    # Following a result closes the dialog at once, before the next page loads.
    assert page.locator(SEARCH_DIALOG).count() == 1, "Enter opened a result during a conversion"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == f"{base_url}ja/faq/"


def interface_words(page, query="") -> str:
    """The dialog's own words (not the results' page text, nor the reader's query):
    its accessible name, the field's label and placeholder, the close button,
    the status line, and the search button's name."""
    texts = page.evaluate("""(selector) => {
        const dialog = document.querySelector(selector);
        const input = dialog.querySelector('input');
        const name = document.getElementById(dialog.getAttribute('aria-labelledby')).textContent;
        const button = document.querySelector('[data-site-search]:not([hidden])');
        return [name, input.labels[0].textContent, input.placeholder,
                dialog.querySelector('.site-search__close').textContent,
                dialog.querySelector('[role=status]').textContent, button.ariaLabel, button.title];
    }""", SEARCH_DIALOG)
    return " ".join(texts).replace(query, "")


def english_words(strings) -> set[str]:
    """Words of four letters or more in the English search strings."""
    values = " ".join(value for key, value in strings["en"].items() if key.startswith("search_"))
    return {word.lower() for word in re.findall(r"[A-Za-z]{4,}", re.sub(r"\{\w+\}", "", values))}


def assert_no_english(page, strings, lang, query=""):
    if lang == "en":
        return
    words = interface_words(page, query)
    found = {word for word in re.findall(r"[A-Za-z]+", words) if word.lower() in english_words(strings)}
    assert not found, f"English in the {lang} search interface: {found} ({words!r})"
    if lang == "ja":  # Japanese interface text has no Latin letters at all
        assert not re.search(r"[A-Za-z]", words), words


@pytest.mark.parametrize("lang,one,several,none", [
    ("ja", "資金", "パートナー", "xyzzy"),
    ("es", "financiación", "socios", "qwxz"),
    ("en", "funding", "partners", "qwxz"),
])
def test_dialog_speaks_the_page_language_in_every_state(browser_page, base_url, strings, lang, one, several, none):
    page, s = browser_page, strings[lang]
    held = []  # Pagefind's runtime, held back: the loading state lasts until it is let through
    page.route("**/pagefind/pagefind.js", lambda route: held.append(route))
    page.goto(f"{base_url}{page_url(lang, 'partners.md')}")
    expect(page.locator("[data-site-search]")).to_have_attribute("aria-label", s["search_open"])
    with page.expect_request("**/pagefind/pagefind.js"):
        page.click("[data-site-search]")
    dialog = page.get_by_role("dialog", name=s["search_dialog_label"])
    expect(dialog).to_be_visible()
    field = dialog.get_by_role("searchbox", name=s["search_dialog_label"])
    expect(field).to_have_attribute("placeholder", s["search_placeholder"])
    expect(dialog.get_by_role("button", name=s["search_close"])).to_be_visible()
    status = page.locator(STATUS)
    expect(status).to_have_text(s["search_loading"])
    assert_no_english(page, strings, lang)

    assert held, "pagefind.js was requested but not held"
    held[0].continue_()
    expect(status).to_have_text("")  # ready, nothing typed yet: the empty state
    assert_no_english(page, strings, lang)

    field.fill(one)
    expect(status).to_have_text(s["search_result_one"])
    field.fill(several)
    expect(status).to_have_text(s["search_result_other"].replace("{count}", "4"))
    assert_no_english(page, strings, lang)
    field.fill(none)
    expect(status).to_have_text(s["search_no_results"].replace("{query}", none))
    expect(page.locator(RESULTS)).to_have_count(0)
    assert_no_english(page, strings, lang, none)


@pytest.mark.parametrize("lang", ["ja", "es"])
def test_dialog_says_when_search_cannot_load(browser_page, base_url, strings, lang):
    page = browser_page
    page.route("**/pagefind/pagefind.js", lambda route: route.abort())
    page.goto(f"{base_url}{page_url(lang, 'index.md')}")
    open_search(page, "x")
    expect(page.locator(STATUS)).to_have_text(strings[lang]["search_error"])
    assert_no_english(page, strings, lang)


@pytest.mark.parametrize("url,lang", [("ja/no-such-page/", "ja"), ("es/no-such-page/", "es")])
def test_not_found_page_searches_in_the_urls_language(browser_page, base_url, strings, url, lang):
    page = browser_page
    page.goto(base_url + url)
    open_search(page, "パートナー" if lang == "ja" else "socios")
    expect(page.get_by_role("dialog", name=strings[lang]["search_dialog_label"])).to_be_visible()
    page.locator(RESULTS).first.wait_for()
    assert result_pages(page.locator(RESULTS).evaluate_all("links => links.map(a => a.href)"), base_url) <= {
        page_url(lang, p) for p in ("index.md", "partners.md", "get-involved.md", "faq.md")}
    assert_no_english(page, strings, lang)
