"""In Chromium with axe-core: no violations (every rule, best practices
included) on every page of every language, at desktop and phone widths, in
light and dark palettes; and the keyboard paths readers rely on."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from alliance_site.harness import LANGUAGES, PAGES, SEARCH_DIALOG, open_search, page_url

VIEWPORTS = {"desktop": (1280, 800), "phone": (375, 812)}
URLS = [page_url(lang, page) for lang in LANGUAGES for page in PAGES] + ["ja/no-such-page/"]
# The palette changes colours, the width changes layout: every page is checked
# in both palettes and at both widths (light at desktop width, dark on a phone);
# the two other combinations on one page per language and the 404.
DIAGONAL = [("light", "desktop"), ("dark", "phone")]
CROSS = [("dark", "desktop"), ("light", "phone")]
CROSS_URLS = [page_url(lang, "faq.md") for lang in LANGUAGES] + ["ja/no-such-page/"]


@pytest.fixture(scope="module")
def axe():
    return Axe()


def violations(axe, page):
    return [
        f"{v['id']} ({v['impact']}): {[node['target'] for node in v['nodes']][:3]}"
        for v in axe.run(page).response["violations"]
    ]


def combination_id(combination) -> str:
    return "-".join(combination)


@pytest.fixture(params=DIAGONAL + CROSS, ids=combination_id)
def themed_page(request, open_page):
    scheme, viewport = request.param
    page = open_page(*VIEWPORTS[viewport], scheme)
    page.combination = request.param
    return page


def test_no_axe_violations_on_any_page(axe, themed_page, base_url):
    found = {}
    for url in URLS if themed_page.combination in DIAGONAL else CROSS_URLS:
        themed_page.goto(base_url + url)
        if problems := violations(axe, themed_page):
            found[url] = problems
    assert found == {}


@pytest.mark.parametrize("combination", DIAGONAL, ids=combination_id)
@pytest.mark.parametrize("url", ["ja/partners/", "es/faq/"], ids=["fallback-notice", "outdated-notice"])
def test_no_axe_violations_on_pages_with_a_notice(axe, open_page, variants_url, combination, url):
    scheme, viewport = combination
    page = open_page(*VIEWPORTS[viewport], scheme)
    page.goto(variants_url + url)
    assert page.locator(".site-notice").count() == 1
    assert violations(axe, page) == []


def test_no_axe_violations_with_search_open(axe, themed_page, base_url):
    """With results, and with none (colour contrast included, in both palettes)."""
    themed_page.goto(base_url + "ja/faq/")
    open_search(themed_page, "技術ガバナンス")
    themed_page.wait_for_selector(f"{SEARCH_DIALOG} a[href*='/ja/']")
    assert violations(axe, themed_page) == []
    themed_page.fill(f"{SEARCH_DIALOG} input[type=search]", "ぬぬぬぬ")
    themed_page.wait_for_function("() => !document.querySelector('dialog[open] [data-search-results] a')")
    assert violations(axe, themed_page) == []


def test_no_axe_violations_with_the_language_suggestion(axe, open_page, base_url):
    page = open_page(locale="es-ES")
    page.goto(base_url + "faq/")
    page.wait_for_selector(".site-suggestion")
    assert violations(axe, page) == []


def focused(page) -> str:
    return page.evaluate("document.activeElement.outerHTML.slice(0, 120)")


def has_visible_focus(page) -> bool:
    """The focused element (or, for Material's hidden palette radio, its label)
    shows an outline or a box shadow."""
    return page.evaluate("""() => {
        const active = document.activeElement;
        const shown = active.matches('input.md-option') ? active.nextElementSibling : active;
        const style = getComputedStyle(shown);
        return (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0)
            || style.boxShadow !== 'none';
    }""")


def tab_to(page, selector, limit=40):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} not reachable by Tab; stopped at {focused(page)}")


def test_skip_link_moves_focus_to_the_content(browser_page, base_url):
    page = browser_page
    page.goto(base_url + "es/faq/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('md-skip')")
    assert page.locator(".md-skip").is_visible()
    page.keyboard.press("Enter")
    assert page.url.endswith("#faq")


@pytest.mark.parametrize("selector", [
    "[data-site-search]",
    ".md-select button",
    "label[for='__palette_1'], input[name='__palette']",
])
def test_header_controls_are_reachable_by_keyboard_with_visible_focus(browser_page, base_url, selector):
    page = browser_page
    page.goto(base_url + "ja/")
    tab_to(page, selector)
    assert has_visible_focus(page), focused(page)


def test_palette_toggle_works_by_keyboard(browser_page, base_url):
    page = browser_page
    page.goto(base_url)
    before = page.evaluate("document.body.dataset.mdColorScheme")
    tab_to(page, "input[name='__palette']")
    page.keyboard.press("Enter")
    page.wait_for_function(f"() => document.body.dataset.mdColorScheme !== '{before}'")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_headings_are_in_order(soup, lang):
    for page in PAGES:
        levels = [int(h.name[1]) for h in soup(lang, page).select("article h1, article h2, article h3, article h4")]
        assert levels[0] == 1 and levels.count(1) == 1, page
        assert all(b - a <= 1 for a, b in zip(levels, levels[1:])), f"{lang}/{page}: {levels}"


def test_touch_phone_headings_leave_no_empty_line(browser, base_url):
    """A heading's hidden permalink must not wrap onto a line of its own (no hover on touch screens)."""
    context = browser.new_context(viewport={"width": 375, "height": 700}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(base_url + "faq/")
    heading = page.locator("article h2#join")
    line_height = heading.evaluate("h => parseFloat(getComputedStyle(h).lineHeight)")
    assert heading.bounding_box()["height"] < 1.5 * line_height  # "How can I join the Alliance?" fits one line
    context.close()
