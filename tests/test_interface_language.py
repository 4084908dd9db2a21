"""In Chromium: a Japanese or Spanish reader meets no English interface string.

Every page of ja and es, each language's 404 (GitHub Pages serves one
/404.html for every URL) and pages with a fallback or an outdated notice are
walked in the light and the dark palette. Collected: every text node outside
the article (inside it on the 404, whose article is the message), hidden or
not (Material shows "Back to top" only after scrolling), plus the `aria-label`,
`title`, `placeholder` and `alt` of every element, and the document title.
Anything inside an element marked with another language (`lang="en"`: the
article of a fallback page, "English" in the language menu) is that language
on purpose and is skipped.

A string is flagged when it holds an English word: on Japanese pages any word
of three or more Latin letters; on Spanish pages (Spanish is written in Latin
letters too) a word of the English interface vocabulary: this site's
data/strings/en.yml, Material's English interface strings, the English pages'
titles and headings, and a few more. Proper names the language really uses are
allowed.

On the FAQ page and the 404 the walk is repeated with the search dialog open,
showing results, then showing none.
"""

from __future__ import annotations

import re
from importlib.resources import files

import pytest
import yaml

from alliance_site.interface import mark_permalinks, palette_toggle_names
from alliance_site.harness import LANGUAGES, PAGES, ROOT, SEARCH_DIALOG, open_search, page_url


EMAIL = "info@globalsmartcitiesalliance.org"
# Proper names written in Latin script by each language: Japanese writes the
# Alliance's name in English (CONTRIBUTING.md, Style); Spanish translates it.
ALLOWED = {
    "ja": {"G20", "Global", "Smart", "Cities", "Alliance", "Technology", "Governance"},
    "es": {"G20", "Global"},
}
# Words of the interface that neither file below holds, and the Alliance's name.
MORE_ENGLISH = """
    the and for with this that page pages home back top skip content link links permanent
    switch dark light mode theme header footer menu navigation search close open dismiss
    language select previous next read english translate help site smart cities alliance
    technology governance mail contact email not found table contents
""".split()

# Words written the same in Spanish: never evidence of English on a Spanish page.
SPANISH_TOO = {"original", "global"}

WORD = re.compile(r"[^\W\d_]+")


def material_english() -> list[str]:
    """Values of Material's English interface strings (not its search settings)."""
    source = (files("material") / "templates/partials/languages/en.html").read_text("utf-8")
    pairs = re.findall(r'^\s*"([^"]+)": "(.*)",?$', source, re.M)
    return [value for key, value in pairs if key not in ("language", "direction") and not key.startswith("search.config")]


def english_titles() -> list[str]:
    """The English pages' titles and headings: what a fallback page's chrome
    (title, table of contents) would show if it were left in English."""
    titles = []
    for page in sorted((ROOT / "docs" / "en").glob("*.md")):
        text = page.read_text("utf-8")
        titles += re.findall(r"^title: (.*)$", text, re.M) + re.findall(r"^#+ (.*?)(?: \{.*\})?$", text, re.M)
    return titles


def english_vocabulary() -> set[str]:
    ours = yaml.safe_load((ROOT / "data" / "strings" / "en.yml").read_text("utf-8"))
    texts = [str(value) for key, value in ours.items() if key != "og_locale"] + material_english() + english_titles()
    words = {word.lower() for text in texts for word in WORD.findall(text) if len(word) >= 3}
    return (words | set(MORE_ENGLISH)) - SPANISH_TOO


ENGLISH = english_vocabulary()


def english_words(text: str, lang: str) -> list[str]:
    words = WORD.findall(text.replace(EMAIL, " "))
    return [
        word for word in words
        if word.isascii() and len(word) >= 3 and word not in ALLOWED[lang]
        and (lang == "ja" or word.lower() in ENGLISH)
    ]


# Returns [where, string] pairs for everything a reader (or a screen reader) meets
# in the page's own language. `withArticle`: the 404's article is interface too.
INTERFACE_STRINGS = """
(withArticle) => {
  const pageLang = document.documentElement.lang;
  const ownLanguage = (element) => element.closest("[lang]").getAttribute("lang") === pageLang;
  const where = (element) =>
    element.tagName.toLowerCase() + (element.id ? "#" + element.id : "") +
    [...element.classList].map((name) => "." + name).join("");
  const found = [["title", document.title]];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const element = node.parentElement;
    const text = node.textContent.trim();
    if (!text || element.closest("script, style, template, noscript, svg") || !ownLanguage(element)) continue;
    if (!withArticle && element.closest("article")) continue;
    found.push([where(element), text]);
  }
  for (const element of document.querySelectorAll("[aria-label], [title], [placeholder], [alt]")) {
    if (!ownLanguage(element)) continue;
    for (const name of ["aria-label", "title", "placeholder", "alt"]) {
      if (element.hasAttribute(name)) found.push([`${where(element)}[${name}]`, element.getAttribute(name)]);
    }
  }
  return found;
}
"""

SCHEMES = {"light": "default", "dark": "slate"}


@pytest.fixture(params=list(SCHEMES))
def palette_page(request, open_page):
    return page_in(open_page, request.param)


@pytest.fixture
def light_page(open_page):
    """The notices' words do not change with the palette (every page above is walked in both)."""
    return page_in(open_page, "light")


def page_in(open_page, scheme: str):
    """A browser page whose system preference selects the light or dark palette."""
    page = open_page(scheme=scheme)
    page.scheme = SCHEMES[scheme]
    return page


def english_in(page, lang: str, with_article: bool) -> list[str]:
    strings = page.evaluate(INTERFACE_STRINGS, with_article)
    assert any(where.startswith("header") or where.startswith("nav") for where, _ in strings), "nothing collected"
    return [f"{where}: {text!r}" for where, text in strings if english_words(text, lang)]


# A query with results in each language, and one with none.
SEARCHES = {"ja": "ガバナンス", "es": "gobernanza"}
NO_RESULTS = {"ja": "ぬぬぬぬ", "es": "zzzqqq"}  # not an English word either


def english_on(page, url: str, lang: str, status: int, search: bool = False) -> list[str]:
    """Open `url` and return each English interface string found, with where it is;
    with `search`, also with the search dialog open, showing results and none."""
    response = page.goto(url)
    assert response.status == status, url
    # The 404's script switches <html lang> to the URL's language.
    page.wait_for_function("lang => document.documentElement.lang === lang", arg=lang)
    page.wait_for_function("scheme => document.body.dataset.mdColorScheme === scheme", arg=page.scheme)
    found = english_in(page, lang, status == 404)
    if search:
        open_search(page, SEARCHES[lang])
        page.locator(f"{SEARCH_DIALOG} [data-search-results] a[href]").first.wait_for()
        found += english_in(page, lang, status == 404)
        page.fill(f"{SEARCH_DIALOG} input[type=search]", NO_RESULTS[lang])
        page.wait_for_function("q => document.querySelector('dialog[open] [role=status]').textContent.includes(q)",
                               arg=NO_RESULTS[lang])
        found += english_in(page, lang, status == 404)
    return found


def test_english_words_are_recognised():
    assert english_words("Switch to dark mode", "ja") == ["Switch", "dark", "mode"]
    assert english_words("Back to top", "es") == ["Back", "top"]
    assert english_words("Permanent link", "es") == ["Permanent", "link"]
    assert english_words("Volver al principio", "es") == []
    assert english_words("Alianza Global de Ciudades Inteligentes del G20", "es") == []
    assert english_words("G20 Global Smart Cities Alliance", "es") == ["Smart", "Cities", "Alliance"]
    assert english_words(f"アライアンスへのメール：{EMAIL}", "ja") == []
    assert english_words("G20 Global Smart Cities Alliance", "ja") == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_palette_and_permalink_titles_follow_the_page_language(soup, strings, lang):
    """mkdocs.yml names them once; each language's build gets its own strings."""
    page = soup(lang, "faq.md")
    assert {a["title"] for a in page.select("a.headerlink")} == {strings[lang]["permalink_title"]}
    assert [i["aria-label"] for i in page.select("input[name=__palette]")] == [
        strings[lang]["palette_toggle_to_slate"], strings[lang]["palette_toggle_to_default"]]
    assert [label["title"] for label in page.select("label[for^=__palette_]")] == [
        strings[lang]["palette_toggle_to_slate"], strings[lang]["palette_toggle_to_default"]]


def test_each_palette_toggle_is_named_after_the_scheme_it_switches_to(strings):
    toggle = {"icon": "material/brightness-auto"}
    palette = [{"scheme": "default", "toggle": toggle}, {"scheme": "slate", "toggle": toggle}, {"scheme": "slate"}]
    assert palette_toggle_names(palette, strings["es"]) == [
        "Cambiar al modo oscuro", "Cambiar al modo oscuro", None]
    with pytest.raises(KeyError, match="palette_toggle_to_sepia"):
        palette_toggle_names([{"scheme": "default", "toggle": toggle}, {"scheme": "sepia"}], strings["es"])


def test_permalinks_are_marked_with_the_readers_language():
    html = '<h2 id="a">A<a class="headerlink" href="#a" title="この見出しへのリンク">¶</a></h2><a href="/">x</a>'
    assert mark_permalinks(html, "ja") == (
        '<h2 id="a">A<a lang="ja" class="headerlink" href="#a" title="この見出しへのリンク">¶</a></h2><a href="/">x</a>')


@pytest.mark.parametrize("lang", ["ja", "es"])
def test_no_english_interface_string_on_any_page_or_404(palette_page, base_url, lang):
    found = {}
    for page in PAGES:
        url = page_url(lang, page)
        if english := english_on(palette_page, base_url + url, lang, 200, search=page == "faq.md"):
            found[url] = english
    for url in (f"{lang}/no-such-page/", f"{lang}/faq/typo"):
        if english := english_on(palette_page, base_url + url, lang, 404, search=url.endswith("typo")):
            found[url] = english
    assert not found, "English interface strings:\n" + "\n".join(
        f"  {url}  {item}" for url, items in found.items() for item in items)


@pytest.fixture(scope="module")
def notices_url(variants_url):
    """ja/partners.md and es/get-involved.md missing (fallback notice), English
    faq.md changed after its translations (outdated notice): see conftest.py."""
    return variants_url


@pytest.mark.parametrize("lang,url", [
    ("ja", "ja/partners/"), ("es", "es/get-involved/"),  # fallback notice
    ("ja", "ja/faq/"), ("es", "es/faq/"),  # outdated notice
])
def test_no_english_interface_string_in_the_notices(light_page, notices_url, lang, url):
    english = english_on(light_page, notices_url + url, lang, 200)
    notice = light_page.locator(".site-notice")
    assert notice.count() == 1
    # The link to the English page is worded in the reader's language, so the walk read it.
    link = notice.locator('a[hreflang="en"]')
    assert link.evaluate("a => a.closest('[lang]').lang") == lang
    # On a fallback page the ¶ links sit in the English article; their titles are the reader's.
    permalinks = light_page.locator("article a.headerlink")
    assert permalinks.count() > 0
    assert set(permalinks.evaluate_all("links => links.map((a) => a.closest('[lang]').lang)")) == {lang}
    assert not english, "English interface strings:\n" + "\n".join(f"  {url}  {item}" for item in english)
