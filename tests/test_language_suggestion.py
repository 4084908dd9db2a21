"""In Chromium with different browser locales: a dismissible suggestion in the
reader's language on English pages, never a redirect, remembered locally."""

import pytest

from alliance_site.harness import choose_language


@pytest.fixture
def page_in(open_page):
    """page_in(locale): a page of a browser whose language is `locale`."""
    return lambda locale: open_page(locale=locale)


@pytest.mark.parametrize("locale,lang,path,target", [
    ("ja-JP", "ja", "", "ja/"),
    ("es-ES", "es", "faq/", "es/faq/"),
])
def test_suggestion_in_the_readers_language_links_to_the_same_page(page_in, base_url, strings, locale, lang, path, target):
    page = page_in(locale)
    page.goto(base_url + path)
    note = page.locator(".site-suggestion")
    assert note.get_attribute("lang") == lang
    assert strings[lang]["suggestion_text"] in note.inner_text()
    assert page.url == base_url + path  # no redirect
    assert page.log.redirects == []
    with page.expect_navigation():
        note.get_by_role("link").click()
    assert page.url == base_url + target


def test_english_reader_sees_nothing(page_in, base_url):
    page = page_in("en-US")
    page.goto(base_url + "faq/")
    page.wait_for_load_state("load")  # site.js has run
    assert page.locator(".site-suggestion").count() == 0


def test_no_suggestion_on_a_page_already_in_the_readers_language(page_in, base_url):
    page = page_in("ja-JP")
    page.goto(base_url + "ja/faq/")
    page.wait_for_load_state("load")  # site.js has run
    assert page.locator(".site-suggestion").count() == 0


def test_dismissal_is_remembered_without_cookies(page_in, base_url, strings):
    page = page_in("es-ES")
    page.goto(base_url)
    page.get_by_role("button", name=strings["es"]["suggestion_dismiss"]).click()
    assert page.locator(".site-suggestion").count() == 0
    page.goto(base_url + "partners/")
    page.wait_for_load_state("load")  # site.js has run
    assert page.locator(".site-suggestion").count() == 0
    assert page.context.cookies() == []
    assert page.evaluate("localStorage.getItem('site-language-choice')") == "dismissed"


def test_switcher_choice_is_remembered(page_in, base_url):
    page = page_in("ja-JP")
    page.goto(base_url + "faq/")
    choose_language(page, "en")  # the reader chose English
    page.goto(base_url + "partners/")
    page.wait_for_load_state("load")  # site.js has run
    assert page.locator(".site-suggestion").count() == 0
