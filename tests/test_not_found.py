"""In Chromium, against a GitHub-Pages-like server: the one 404.html speaks the
language of the URL the reader mistyped."""

import pytest

NOT_FOUND_TITLES = {"en": "Page not found", "ja": "ページが見つかりません", "es": "Página no encontrada"}


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
    with page.expect_navigation():
        visible.locator("a").click()
    assert page.url == base_url + home.lstrip("/") and page.evaluate("document.documentElement.lang") == lang
