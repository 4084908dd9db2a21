"""In Chromium: the switcher lands on the same page and question, directly."""


import pytest

from alliance_site.harness import LANGUAGES, choose_language, page_url

NAMES = {"en": "English", "ja": "日本語", "es": "Español"}


# A cycle through the languages: each one is left once and reached once.
@pytest.mark.parametrize("source,target", list(zip(LANGUAGES, LANGUAGES[1:] + LANGUAGES[:1])))
def test_switch_keeps_page_and_anchor_without_redirect(browser_page, base_url, source, target):
    page = browser_page
    page.goto(f"{base_url}{page_url(source, 'faq.md')}#cost")
    page.wait_for_load_state("load")
    choose_language(page, target)
    assert page.url == f"{base_url}{page_url(target, 'faq.md')}#cost"
    assert page.evaluate("document.documentElement.lang") == target
    page.wait_for_load_state("load")
    assert page.log.redirects == []
    assert page.log.failures == []
    assert not [url for url in page.log.requests if "sitemap" in url]


def test_anchor_followed_after_load_is_carried_too(browser_page, base_url):
    page = browser_page
    page.goto(f"{base_url}ja/faq/")
    page.click('.md-sidebar--secondary a[href="#funding"]')
    choose_language(page, "es")
    assert page.url == f"{base_url}es/faq/#funding"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_switcher_names_languages_in_their_own_script_and_marks_current(browser_page, base_url, lang):
    page = browser_page
    page.goto(f"{base_url}{page_url(lang, 'partners.md')}")
    links = page.locator("a[data-site-language]")
    assert [text.strip() for text in links.all_text_contents()] == [NAMES[code] for code in LANGUAGES]
    current = page.locator('a[data-site-language][aria-current="true"]')
    assert current.get_attribute("hreflang") == lang


def test_switcher_is_operable_by_keyboard(browser_page, base_url):
    page = browser_page
    page.goto(f"{base_url}faq/#events")
    page.focus(".md-select button")
    page.keyboard.press("Tab")  # English (current)
    page.keyboard.press("Tab")  # 日本語
    assert page.evaluate("document.activeElement.getAttribute('hreflang')") == "ja"
    assert page.locator('a[data-site-language][hreflang="ja"]').is_visible()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == f"{base_url}ja/faq/#events"
