"""In Chromium, against a GitHub-Pages-like server: the one 404.html speaks the
language of the URL the reader mistyped."""

import pytest

NOT_FOUND_TITLES = {"en": "Page not found", "ja": "ページが見つかりません", "es": "Página no encontrada"}
# Material's own words (partials/languages/<lang>.html).
HEADER = {"en": "Header", "ja": "ヘッダー", "es": "Cabecera"}
BACK_TO_TOP = {"en": "Back to top", "ja": "ページトップへ戻る", "es": "Volver al principio"}
SITE_NAME = {"en": "G20 Global Smart Cities Alliance", "ja": "G20 Global Smart Cities Alliance",
             "es": "Alianza Global de Ciudades Inteligentes del G20"}


@pytest.mark.parametrize("path,lang,home", [
    ("no-such-page/", "en", "/"),
    ("ja/no-such-page/", "ja", "/ja/"),
    ("es/faq/typo", "es", "/es/"),
    ("ja", "ja", "/ja/"),  # folder without trailing slash: 301, then the home page
])
def test_404_speaks_the_language_of_the_url(browser_page, base_url, strings, path, lang, home):
    page = browser_page
    response = page.goto(base_url + path)
    if path == "ja":
        assert page.log.redirects == [base_url + "ja"]
        assert response.status == 200 and page.url == base_url + "ja/"
        return
    assert response.status == 404
    visible = page.locator("section[data-not-found]:visible")
    assert visible.count() == 1
    assert visible.get_attribute("lang") == lang
    assert visible.locator("h1").inner_text() == strings[lang]["not_found_title"] == NOT_FOUND_TITLES[lang]
    assert page.evaluate("document.documentElement.lang") == lang
    footer_label = page.locator("footer [data-not-found]:visible")
    assert footer_label.inner_text() == strings[lang]["contact_email_label"]
    assert visible.locator("a").get_attribute("href") == home
    assert_chrome_speaks(page, strings[lang], lang, home)
    with page.expect_navigation():
        visible.locator("a").click()
    assert page.url == base_url + home.lstrip("/") and page.evaluate("document.documentElement.lang") == lang


def assert_chrome_speaks(page, strings, lang, home):
    """The header, palette toggle, search button and "Back to top" of the 404."""
    assert page.locator(".md-header__inner").get_attribute("aria-label") == HEADER[lang]
    logo = page.locator(".md-header .md-logo")
    assert logo.get_attribute("href") == home
    assert logo.get_attribute("aria-label") == logo.get_attribute("title") == SITE_NAME[lang]
    assert page.locator(".md-header__topic").first.inner_text().strip() == SITE_NAME[lang]
    search = page.locator("[data-site-search]:not([hidden])")
    assert search.get_attribute("aria-label") == strings["search_open"]
    assert search.get_attribute("title") == strings["search_open"] + " (/)"
    to_dark, to_light = strings["palette_toggle_to_slate"], strings["palette_toggle_to_default"]
    assert page.locator("#__palette_0").get_attribute("aria-label") == to_dark
    assert page.locator("label[for='__palette_1']").get_attribute("title") == to_dark
    assert page.locator("#__palette_1").get_attribute("aria-label") == to_light
    assert page.locator("label[for='__palette_0']").get_attribute("title") == to_light
    top = page.locator(".md-top")
    assert top.text_content().strip() == BACK_TO_TOP[lang]
    assert top.locator("svg").count() == 1  # the icon stays


def test_404_without_javascript_is_english(browser, base_url, strings):
    """The swap needs JavaScript; without it the one 404.html is all English."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    response = page.goto(base_url + "ja/no-such-page/")
    assert response.status == 404
    assert page.locator("section[data-not-found]:visible").get_attribute("lang") == "en"
    assert page.locator("html").get_attribute("lang") == "en"
    assert_chrome_speaks(page, strings["en"], "en", "/.")
    context.close()
