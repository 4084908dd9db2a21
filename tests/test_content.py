"""The built site: every page in every language, with the source's facts."""

import re

import pytest

from alliance_site.harness import LANGUAGES, PAGES, ROOT

FAQ_IDS = ["join", "cost", "non-g20", "events", "world-economic-forum",
           "institutional-partners", "become-partner", "funding"]
NAV_LABELS = {
    "en": ["About", "Partners", "Get involved", "FAQ"],
    "ja": ["概要", "パートナー", "参加する", "よくある質問"],
    "es": ["Acerca de", "Socios", "Participe", "Preguntas frecuentes"],
}
EMAIL = "info@globalsmartcitiesalliance.org"


def partner_names() -> list[str]:
    names = []
    for path in sorted((ROOT / "data" / "partners").glob("*.md")):
        names += [line[2:].strip() for line in path.read_text("utf-8").splitlines() if line.startswith("- ")]
    return names


def article_text(page_soup) -> str:
    return " ".join(page_soup.select_one("article").get_text(" ").split())


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", PAGES)
def test_every_page_exists_in_every_language_with_its_lang(soup, lang, page):
    html = soup(lang, page).html
    assert html["lang"] == lang
    assert soup(lang, page).select_one("article h1"), f"{lang}/{page} has no title"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_nav_labels_are_translated(soup, lang):
    tabs = [a.get_text(strip=True) for a in soup(lang, "faq.md").select(".md-tabs__link")]
    assert tabs == NAV_LABELS[lang]


@pytest.mark.parametrize("sentence", [
    "Established in June 2019, the G20 Global Smart Cities Alliance on Technology Governance unites municipal, regional and national governments",
    "The World Economic Forum, the International Organization for Public-Private Cooperation, serves as secretariat for the Alliance.",
])
def test_about_page_carries_the_source_text(soup, sentence):
    assert sentence in article_text(soup("en", "index.md"))


@pytest.mark.parametrize("sentence", [
    "Our institutional partners represent more than 200,000 cities and local governments",
    "founding contributions from C4IR Japan partners",
])
def test_partners_page_carries_the_source_text(soup, sentence):
    assert sentence in article_text(soup("en", "partners.md"))


def test_english_faq_answers_carry_the_source_text(soup):
    text = article_text(soup("en", "faq.md"))
    assert "No. There is no cost to join the Alliance." in text
    assert "funded by partner contributions to the World Economic Forum Centre for the Fourth Industrial Revolution Japan" in text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_faq_has_the_eight_questions_with_shared_ids(soup, lang):
    ids = [h2["id"] for h2 in soup(lang, "faq.md").select("article h2")]
    assert ids == FAQ_IDS


@pytest.mark.parametrize("lang", LANGUAGES)
def test_heading_ids_are_readable(soup, lang):
    for page in PAGES:
        for heading in soup(lang, page).select("article [id]"):
            assert not re.fullmatch(r"_\d+", heading["id"]), f"{lang}/{page}: unreadable id {heading['id']}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_partner_is_named_on_every_partners_page(soup, lang):
    items = [li.get_text(strip=True) for li in soup(lang, "partners.md").select("article li")]
    assert len(partner_names()) == 21
    assert items == partner_names()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_email_is_a_mailto_link_in_faq_and_footer(soup, lang):
    page = soup(lang, "faq.md")
    assert page.select_one(f'article a[href="mailto:{EMAIL}"]')
    assert page.select_one(f'footer a[href="mailto:{EMAIL}"]')


@pytest.mark.parametrize("lang", LANGUAGES)
def test_faq_links_to_get_involved_in_the_same_language(soup, lang):
    hrefs = [a["href"] for a in soup(lang, "faq.md").select("article a[href]")]
    assert "../get-involved/" in hrefs and "../get-involved/#events" in hrefs


@pytest.mark.parametrize("lang", LANGUAGES)
def test_site_name_and_ui_strings_follow_the_language(soup, strings, lang):
    page = soup(lang, "index.md")
    assert strings[lang]["contact_email_label"] in page.select_one("footer").get_text(" ")
    assert page.select_one("[data-site-search]")["aria-label"] == strings[lang]["search_open"]


def test_every_page_is_translated_not_a_fallback(soup, strings):
    """Outdated notices may come and go as English changes (that is `status`'s
    business); a page shown in English in place of a translation may not."""
    for lang in LANGUAGES:
        for page in PAGES:
            assert soup(lang, page).select_one("article[data-pagefind-body]"), f"{lang}/{page}"
            notice = soup(lang, page).select_one(".site-notice")
            assert notice is None or strings[lang]["fallback_notice"] not in notice.get_text(), f"{lang}/{page}"
