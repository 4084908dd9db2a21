"""Privacy and hardening in the page itself: same-origin requests only, a
Content-Security-Policy that breaks nothing, clean print."""

from urllib.parse import urlsplit

import pytest

from alliance_site.csp import content_security_policy
from alliance_site.harness import (
    LANGUAGES, PAGES, SEARCH_DIALOG, choose_language, csp_violations, open_search, page_url, record_csp_violations,
)


@pytest.fixture
def guarded_page(browser_page):
    record_csp_violations(browser_page)
    return browser_page


def foreign_requests(page, base_url):
    origin = urlsplit(base_url).netloc
    return [url for url in page.log.requests if urlsplit(url).scheme in ("http", "https") and urlsplit(url).netloc != origin]


def test_every_page_loads_with_own_origin_only_and_no_csp_violation(guarded_page, base_url):
    page = guarded_page
    for url in [page_url(lang, p) for lang in LANGUAGES for p in PAGES] + ["no-such-page/"]:
        page.goto(base_url + url)
        assert csp_violations(page) == [], url
    assert foreign_requests(page, base_url) == []
    assert page.log.requests  # the log did record the requests


def test_palette_toggle_language_switch_and_search_break_nothing(guarded_page, base_url):
    page = guarded_page
    page.goto(base_url + "faq/#cost")
    page.click("label[for='__palette_1']")
    page.wait_for_function("() => document.body.dataset.mdColorScheme === 'slate'")
    choose_language(page, "ja")
    open_search(page, "技術ガバナンス")
    page.wait_for_selector(f"{SEARCH_DIALOG} a[href*='/ja/']")
    assert csp_violations(page) == []
    assert foreign_requests(page, base_url) == []
    assert any("pagefind" in url for url in page.log.requests)


def test_every_page_declares_a_same_origin_policy(soup):
    for lang in LANGUAGES:
        for page in PAGES:
            meta = soup(lang, page).select_one('meta[http-equiv="Content-Security-Policy"]')
            policy = dict(part.strip().split(" ", 1) for part in meta["content"].split(";"))
            for directive in ("default-src", "style-src", "font-src", "connect-src"):
                assert policy[directive] == "'self'", directive
            assert policy["img-src"] == "'self' data:"
            assert "unsafe-inline" not in meta["content"] and "http" not in meta["content"]


def test_inline_scripts_are_allowed_by_hash_only():
    html = '<meta charset="utf-8"><script>alert(1)</script><script type="application/json">{}</script><script src="a.js"></script>'
    policy = content_security_policy(html)
    assert policy.count("'sha256-") == 1


def test_print_shows_content_only_with_link_targets(browser_page, base_url):
    page = browser_page
    page.goto(base_url + "faq/")
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-tabs", ".md-sidebar--primary", "[data-site-search]", ".md-footer"):
        assert not page.locator(selector).first.is_visible(), selector
    assert page.locator("article").is_visible()
    after = page.evaluate("""getComputedStyle(document.querySelector('article a[href^="mailto:"]'), '::after').content""")
    assert "mailto:info@globalsmartcitiesalliance.org" in after
