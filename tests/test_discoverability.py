"""Search engines and shared links: hreflang, canonical, Open Graph, sitemap,
JSON-LD — built with SITE_URL on a sub-path, as on GitHub Pages project sites."""

import json
import re
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup

from alliance_site.harness import LANGUAGES, PAGES, ROOT, page_url

OG_LOCALES = {"en": "en_US", "ja": "ja_JP", "es": "es_LA"}


@pytest.fixture(scope="module")
def head(subpath_site):
    def parse(lang, page):
        html = (subpath_site / page_url(lang, page) / "index.html").read_text("utf-8")
        return BeautifulSoup(html, "html.parser")
    return parse


@pytest.fixture(scope="module")
def absolute(subpath_url):
    """The absolute URL of a page on the sub-path site: absolute("ja", "faq.md")."""
    return lambda lang, page: subpath_url + page_url(lang, page)


def hreflangs(page_soup):
    return {link["hreflang"]: link["href"] for link in page_soup.select("link[hreflang]")
            if link["rel"] == ["alternate"]}


def front_matter(lang, page):
    text = (ROOT / "docs" / lang / page).read_text("utf-8")
    return dict(re.findall(r"^(title|description): ?(.*)$", text.split("---")[1], re.M))


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", PAGES)
def test_hreflang_is_absolute_reciprocal_with_x_default(head, lang, page, absolute):
    links = hreflangs(head(lang, page))
    expected = {code: absolute(code, page) for code in LANGUAGES}
    assert links == {**expected, "x-default": absolute("en", page)}
    for code, url in expected.items():  # every alternate links back here
        assert hreflangs(head(code, page))[lang] == absolute(lang, page)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", PAGES)
def test_canonical_description_and_open_graph(head, lang, page, absolute):
    soup = head(lang, page)
    assert soup.select_one('link[rel="canonical"]')["href"] == absolute(lang, page)
    description = soup.select_one('meta[name="description"]')["content"]
    assert description and description.strip('"') in front_matter(lang, page)["description"]
    og = {meta["property"]: meta["content"] for meta in soup.select("meta[property^='og:']")
          if meta["property"] != "og:locale:alternate"}
    assert og["og:url"] == absolute(lang, page)
    assert og["og:description"] == description
    assert og["og:title"] == soup.select_one("article h1").get_text().rstrip("¶").strip()
    assert og["og:locale"] == OG_LOCALES[lang]
    alternates = {meta["content"] for meta in soup.select("meta[property='og:locale:alternate']")}
    assert alternates == {OG_LOCALES[code] for code in LANGUAGES if code != lang}


def test_sitemap_lists_every_page_with_alternates(subpath_site, absolute):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.parse(subpath_site / "sitemap.xml").getroot()
    entries = {url.find("s:loc", ns).text: {link.get("hreflang"): link.get("href") for link in url.findall("x:link", ns)}
               for url in root.findall("s:url", ns)}
    assert set(entries) == {absolute(lang, page) for lang in LANGUAGES for page in PAGES}
    for lang in LANGUAGES:
        for page in PAGES:
            assert entries[absolute(lang, page)] == {
                **{code: absolute(code, page) for code in LANGUAGES}, "x-default": absolute("en", page)}


def json_ld(page_soup):
    scripts = page_soup.select('script[type="application/ld+json"]')
    return [json.loads(script.string) for script in scripts]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_home_pages_describe_the_organization(head, strings, lang, absolute):
    [data] = json_ld(head(lang, "index.md"))
    assert data["@type"] == "Organization" and data["inLanguage"] == lang
    assert data["name"] == strings[lang]["organization_name"]
    assert data["email"] == "info@globalsmartcitiesalliance.org"
    assert data["url"] == absolute(lang, "index.md")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_faq_pages_carry_faqpage_from_the_visible_faq(head, lang):
    soup = head(lang, "faq.md")
    [data] = json_ld(soup)
    assert data["@type"] == "FAQPage" and data["inLanguage"] == lang
    headings = [h2.get_text().rstrip("¶").strip() for h2 in soup.select("article h2")]
    assert [question["name"] for question in data["mainEntity"]] == headings
    assert len(headings) == 8
    for question, h2 in zip(data["mainEntity"], soup.select("article h2")):
        answer = " ".join(p.get_text() for p in h2.find_next_siblings("p", limit=1))
        assert question["acceptedAnswer"]["text"].startswith(" ".join(answer.split()))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_faq_answers_have_no_stray_spaces_where_links_were(head, lang):
    [data] = json_ld(head(lang, "faq.md"))
    for question in data["mainEntity"]:
        text = question["acceptedAnswer"]["text"]
        assert not re.search(r"「 | 」| [.,;:)」、。]", text), text


@pytest.mark.parametrize("page", ["partners.md", "get-involved.md"])
def test_other_pages_carry_no_structured_data(head, page):
    assert json_ld(head("en", page)) == []


def test_faq_heading_with_a_class_stays_a_question(variants_site):
    """`## Question? {#cost .q}` (English FAQ there) is still one of the eight questions."""
    html = (variants_site / "faq" / "index.html").read_text("utf-8")
    assert 'class="q"' in html
    [data] = json_ld(BeautifulSoup(html, "html.parser"))
    assert len(data["mainEntity"]) == 8
