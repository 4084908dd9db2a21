"""Chinese and Korean drafts (one translated page each) are searchable in their
own language, with nothing from another language's pages in the results."""

from __future__ import annotations

import pytest

SEARCH = """async ([bundle, query]) => {
  const pagefind = await import(bundle);
  await pagefind.init();
  const found = await pagefind.search(query);
  const data = await Promise.all(found.results.map((result) => result.data()));
  return data.map((result) => result.url);
}"""


def search(page, base_url: str, lang: str, query: str) -> list[str]:
    """Pagefind's own API on a page of `lang`: it loads the index of <html lang>."""
    page.goto(f"{base_url}{lang}/")
    return page.evaluate(SEARCH, [f"{base_url}pagefind/pagefind.js", query])


@pytest.mark.parametrize("lang, query", [
    ("zh", "技术治理"),  # technology governance, written without spaces
    ("zh", "智慧城市技术"),  # smart city technologies
    ("ko", "스마트시티"),  # smart city
    ("ko", "자연재해"),  # natural disasters
])
def test_compound_query_finds_the_translated_page_only(browser_page, drafts_url, lang, query):
    urls = search(browser_page, drafts_url, lang, query)
    assert urls, f"nothing found for {query} on /{lang}/"
    assert all(url.startswith(f"/{lang}/") for url in urls), urls
    assert f"/{lang}/" in urls


@pytest.mark.parametrize("lang", ["zh", "ko"])
def test_english_fallback_pages_are_not_in_the_index(browser_page, drafts_url, lang):
    """'Accenture' is on the Partners page, which zh and ko show in English."""
    assert search(browser_page, drafts_url, lang, "Accenture") == []
