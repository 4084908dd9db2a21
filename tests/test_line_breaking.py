"""Japanese line breaking: no line starts with a character that kinsoku rules
forbid there, and headings, TOC entries, tabs and navigation labels wrap only
between phrases, in every browser.

Built HTML: the build puts a `<wbr>` at each BudouX phrase boundary of the
Japanese headings, TOC entries and sidebar labels (hooks/phrase_breaks.py),
and nowhere that is data rather than displayed text (ids, `<title>`, meta,
JSON-LD, Pagefind's index), nor in the one-line tabs and header title, nor on
English or Spanish pages.

In Chromium: on every Japanese page at a phone (375 px) and a desktop (1280 px)
width, each character's box (`Range.getClientRects()`) tells where the visual
lines start. Each page is measured twice: as served (Chromium applies
`word-break: auto-phrase`) and as in a browser without auto-phrase (Safari,
Firefox): auto-phrase replaced by keep-all, so only the `<wbr>`s mark phrases.
"""

from __future__ import annotations

import gzip
import json
import re

import budoux
import pytest

from alliance_site import phrase_breaks as phrase_breaking
from alliance_site.harness import LANGUAGES, PAGES, page_url

WIDTHS = [375, 1280]
# "served": the site's CSS as Chromium applies it; "no-auto-phrase": as a
# browser without `word-break: auto-phrase` (Safari, Firefox) lays it out.
MODES = ["served", "no-auto-phrase"]

# Characters that must not start a line (JIS X 4051 / W3C JLReq): prolonged
# sound mark, small kana, iteration marks, closing punctuation and brackets.
KINSOKU = set(
    "ー"
    "ァィゥェォッャュョヮヵヶぁぃぅぇぉっゃゅょゎゕゖㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ"
    "、。，．・：；？！）」』】〕〉》〙〗｝］ゝゞヽヾ々"
)

PARSER = budoux.load_default_japanese_parser()

# Elements that wrap only between phrases, by kind: the build marks their phrases.
WRAPPING = {
    "heading": "article.md-content__inner :is(h1, h2, h3, h4, h5, h6)",
    "toc": ".md-nav--secondary .md-nav__link",
    "nav": ".md-nav--primary .md-nav__link",
}
# Elements Material keeps on one line (white-space: nowrap, ellipsis). They get
# no <wbr>: Chromium breaks at a <wbr> even under nowrap.
ONE_LINE = {
    "tab": ".md-tabs__link",
    "header": ".md-header__topic",
}
LABEL_SELECTORS = {**WRAPPING, **ONE_LINE}

# Where each visual line of `root` starts. Text nodes are read in document
# order; a character starts a new line when its box lies below the previous
# character's box in the same block (the first line of a block, and a line
# after <br>, are not wraps). Indexes count code points of the text of `root`
# without permalinks ("¶"). Only text whose language is Japanese counts.
LINE_STARTS_JS = """
(root) => {
  const skip = '.headerlink, script, style, noscript, template, svg';
  const isBlock = (el) => !['inline', 'contents'].includes(getComputedStyle(el).display);
  const blockOf = (node) => {
    let el = node.parentElement;
    while (el !== root && !isBlock(el)) el = el.parentElement;
    return el;
  };
  const range = document.createRange();
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
  let text = '', index = 0, previous = null, block = null;
  const starts = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeType === Node.ELEMENT_NODE) {
      if (node.tagName === 'BR') previous = null;
      continue;
    }
    if (node.parentElement.closest(skip)) continue;
    const lang = (node.parentElement.closest('[lang]') || {}).lang || '';
    const japanese = lang === 'ja' || lang.startsWith('ja-');
    const container = blockOf(node);
    if (container !== block) { block = container; previous = null; }
    let offset = 0;
    for (const ch of node.data) {
      if (!/\\s/.test(ch)) {
        range.setStart(node, offset);
        range.setEnd(node, offset + ch.length);
        const box = range.getClientRects()[0];
        if (box && (box.width || box.height)) {
          if (previous && (box.top + box.bottom) / 2 > previous.bottom && japanese) {
            starts.push({index, char: ch, before: text.slice(-12)});
          }
          previous = box;
        }
      }
      text += ch;
      offset += ch.length;
      index += 1;
    }
  }
  return {text, starts};
}
"""

MEASURE_JS = """
async ({selectors, mode}) => {
  await document.fonts.ready;
  const lineStartsOf = LINE_STARTS;
  if (mode === 'no-auto-phrase') {
    for (const el of document.querySelectorAll('body *')) {
      if (getComputedStyle(el).wordBreak === 'auto-phrase') el.style.wordBreak = 'keep-all';
    }
  }
  const article = document.querySelector('article.md-content__inner');
  const labels = [];
  const seen = new Set();
  for (const [kind, selector] of Object.entries(selectors)) {
    for (const el of document.querySelectorAll(selector)) {
      if (seen.has(el) || !el.getClientRects().length) continue;
      seen.add(el);
      labels.push({kind, ...lineStartsOf(el)});
    }
  }
  return {article: lineStartsOf(article), labels};
}
""".replace("LINE_STARTS", LINE_STARTS_JS.strip())


def phrase_starts(text: str) -> set[int]:
    """Where a line may start in a label: after a space, or where BudouX
    starts a new phrase."""
    allowed = set()
    for run in re.finditer(r"\S+", text):
        position = run.start()
        allowed.add(position)
        for phrase in PARSER.parse(run[0]):
            position += len(phrase)
            allowed.add(position)
    return allowed


def show(text: str, index: int) -> str:
    return f"{text[max(0, index - 12):index]}|{text[index:index + 12]}".replace("\n", " ")


def measure(page, url: str, width: int, mode: str) -> dict:
    """Line starts of one page: kinsoku violations (article and labels) and
    label line breaks, each marked inside or between phrases."""
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(url)
    page.wait_for_selector("article.md-content__inner")
    result = page.evaluate(MEASURE_JS, {"selectors": LABEL_SELECTORS, "mode": mode})
    kinsoku = [
        f"article: {start['before']}|{start['char']}" for start in result["article"]["starts"]
        if start["char"] in KINSOKU
    ]
    breaks = []
    for label in result["labels"]:
        allowed = phrase_starts(label["text"])
        for start in label["starts"]:
            if start["char"] in KINSOKU and label["kind"] != "heading":  # headings: counted in the article
                kinsoku.append(f"{label['kind']}: {show(label['text'], start['index'])}")
            breaks.append({
                "kind": label["kind"],
                "where": show(label["text"], start["index"]),
                "in_phrase": start["index"] not in allowed,
            })
    return {"kinsoku": kinsoku, "breaks": breaks}


@pytest.fixture(scope="module")
def measured(browser, base_url):
    """measured(page, width, mode), each page measured once for the module."""
    context = browser.new_context(locale="ja-JP")
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.set_content('<p lang="ja" style="font: 100px sans-serif"><span>本</span></p>')
    width = page.evaluate("document.querySelector('span').getBoundingClientRect().width")
    assert width >= 90, (
        f"no Japanese font in this Chromium ('本' is {width:.0f} px wide at 100 px, not ~100): "
        "line breaks would be measured on placeholder boxes; install one (Debian: fonts-ipafont-gothic)"
    )
    results = {}

    def get(name, width, mode):
        key = (name, width, mode)
        if key not in results:
            results[key] = measure(page, base_url + page_url("ja", name), width, mode)
        return results[key]

    yield get
    context.close()


CASES = [pytest.param(name, width, mode, id=f"{name}-{width}-{mode}") for name in PAGES for width in WIDTHS for mode in MODES]


@pytest.mark.parametrize("name,width,mode", CASES)
def test_no_line_starts_with_a_kinsoku_character(measured, name, width, mode):
    violations = measured(name, width, mode)["kinsoku"]
    assert violations == [], f"lines starting with a character kinsoku forbids there: {violations}"


@pytest.mark.parametrize("name,width,mode", CASES)
def test_headings_and_labels_wrap_only_between_phrases(measured, name, width, mode):
    breaks = measured(name, width, mode)["breaks"]
    inside = [f"{b['kind']}: {b['where']}" for b in breaks if b["in_phrase"]]
    assert inside == [], f"{len(inside)} of {len(breaks)} label line breaks fall inside a phrase: {inside}"


@pytest.mark.parametrize("name,width,mode", CASES)
def test_tabs_and_header_title_stay_on_one_line(measured, name, width, mode):
    breaks = [f"{b['kind']}: {b['where']}" for b in measured(name, width, mode)["breaks"] if b["kind"] in ONE_LINE]
    assert breaks == [], f"a one-line label wrapped: {breaks}"


def test_the_phrase_check_sees_breaks_at_all(measured):
    """The FAQ's questions do wrap on a phone: the check above has breaks to judge."""
    breaks = measured("faq.md", 375, "no-auto-phrase")["breaks"]
    assert any(b["kind"] == "heading" for b in breaks), breaks


def test_detector_reports_forbidden_line_starts_and_in_phrase_breaks(browser):
    """On a page made to break badly, the measurement finds both faults."""
    page = browser.new_page()
    try:
        page.set_content(
            '<html lang="ja"><body>'
            '<article class="md-content__inner">'
            '<p style="width: 1px; line-break: anywhere">ーーー</p>'
            '<h2 style="width: 1px; word-break: break-all">本アライアンスの機関パートナー</h2>'
            "</article></body></html>"
        )
        result = page.evaluate(MEASURE_JS, {"selectors": {"heading": "h2"}, "mode": "served"})
    finally:
        page.close()
    assert [start["char"] for start in result["article"]["starts"]][:1] == ["ー"], result["article"]
    heading = result["labels"][0]
    assert heading["starts"], heading
    assert set(start["index"] for start in heading["starts"]) - phrase_starts(heading["text"]), heading


def test_search_finds_japanese_words_across_phrase_breaks(browser_page, base_url):
    """In the FAQ's headings 機関パートナー sits between <wbr>s
    (本アライアンスの<wbr>機関パートナーは<wbr>…); Pagefind still finds the FAQ
    and that question (a sub-result, with its text whole) by it."""
    page = browser_page
    page.goto(base_url + "ja/faq/")
    page.wait_for_selector("article[data-pagefind-body]")
    found = page.evaluate(
        """async (bundle) => {
          const pagefind = await import(bundle + 'pagefind.js');
          await pagefind.options({baseUrl: '/'});
          const search = await pagefind.search('機関パートナー');
          const pages = await Promise.all(search.results.map((r) => r.data()));
          return pages.map((p) => ({url: p.url, title: p.meta.title,
                                    sub: p.sub_results.map((s) => [s.url, s.title])}));
        }""",
        base_url + "pagefind/",
    )
    faq = [result for result in found if result["url"] == "/ja/faq/"]
    assert faq, f"no /ja/faq/ among the results: {found}"
    assert ["/ja/faq/#institutional-partners", "本アライアンスの機関パートナーはどのような役割を担っていますか？"] in faq[0]["sub"], faq
    assert "wbr" not in json.dumps(found, ensure_ascii=False)


# ---------------------------------------------------------------------------
# Built HTML (no browser)
# ---------------------------------------------------------------------------

def html_of(site_dir, lang, name):
    return (site_dir / page_url(lang, name) / "index.html").read_text("utf-8")


def label_text(element) -> str:
    """Displayed text of a heading or label, without its permalink."""
    return "".join(
        text for text in element.find_all(string=True) if not text.find_parent(class_="headerlink")
    )


def wbr_positions(element) -> list[int]:
    """Where the <wbr>s of an element are, as indexes in its text."""
    positions, length = [], 0
    for node in element.descendants:
        if getattr(node, "name", None) == "wbr":
            positions.append(length)
        elif isinstance(node, str) and not node.find_parent(class_="headerlink"):
            length += len(node)
    return positions


def japanese_phrase_boundaries(text: str) -> list[int]:
    """BudouX's phrase boundaries inside the space-free runs that contain Japanese."""
    boundaries = []
    for run in re.finditer(r"\S+", text):
        if not re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", run[0]):
            continue
        position = run.start()
        for phrase in PARSER.parse(run[0])[:-1]:
            position += len(phrase)
            boundaries.append(position)
    return boundaries


def test_japanese_headings_and_labels_carry_phrase_breaks(soup):
    questions = soup("ja", "faq.md").select("article h2")
    assert questions and all(question.find("wbr") for question in questions), questions
    for name in PAGES:
        page = soup("ja", name)
        elements = page.select(", ".join(WRAPPING.values()))
        assert elements, name
        for element in elements:
            expected = japanese_phrase_boundaries(label_text(element))
            assert wbr_positions(element) == expected, f"{name}: {element}"
        for element in page.select(", ".join(ONE_LINE.values())):
            assert element.find("wbr") is None, f"{name}: <wbr> would wrap a one-line label in Chromium: {element}"


def test_phrase_breaks_stay_out_of_ids_titles_meta_and_json_ld(site_dir, soup):
    for name in PAGES:
        html = html_of(site_dir, "ja", name)
        head, body = html.split("</head>", 1)
        assert "wbr" not in head, f"{name}: <wbr> in <head> (title, meta, JSON-LD)"
        assert "<wbr>" in body, name
        for script in re.findall(r"<script\b.*?</script>", html, re.S):
            assert "wbr" not in script, f"{name}: {script[:200]}"
        page = soup("ja", name)
        for element in page.select("[id], [href], [content], [title]"):
            for attribute in ("id", "href", "content", "title"):
                assert "wbr" not in element.get(attribute, ""), f"{name}: {element.name} {attribute}"
        # The TOC links to the same ids as in English, and shows the heading's text.
        english_ids = [h["id"] for h in soup("en", name).select("article :is(h2, h3, h4, h5, h6)")]
        assert [h["id"] for h in page.select("article :is(h2, h3, h4, h5, h6)")] == english_ids
        for link in page.select(".md-sidebar--secondary .md-nav__link"):
            heading = page.select_one(f"article [id='{link['href'][1:]}']")
            assert label_text(link).strip() == label_text(heading).strip()


def test_faq_structured_data_reads_questions_without_breaks(soup):
    page = soup("ja", "faq.md")
    data = json.loads(page.select_one('script[type="application/ld+json"]').string)
    names = [entry["name"] for entry in data["mainEntity"]]
    assert names == [label_text(h2).strip() for h2 in page.select("article h2")]


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != "ja"])
def test_other_languages_get_no_phrase_breaks(site_dir, lang):
    for name in PAGES:
        assert "<wbr" not in html_of(site_dir, lang, name), f"{lang} {name}"


def test_pagefind_indexes_japanese_headings_as_plain_text(site_dir):
    fragments = {}
    for path in (site_dir / "pagefind" / "fragment").glob("ja_*.pf_fragment"):
        raw = gzip.decompress(path.read_bytes())
        fragment = json.loads(raw[raw.index(b"{"):])
        fragments[fragment["url"]] = fragment
    faq = fragments["/ja/faq/"]
    anchors = {anchor["id"]: anchor["text"] for anchor in faq["anchors"]}
    assert anchors["institutional-partners"] == "本アライアンスの機関パートナーはどのような役割を担っていますか？"
    assert faq["meta"]["title"] == "よくある質問"
    assert all("wbr" not in json.dumps(f, ensure_ascii=False) for f in fragments.values())


# ---------------------------------------------------------------------------
# The pure module (alliance_site/phrase_breaks.py)
# ---------------------------------------------------------------------------

def test_insertion_changes_nothing_but_adds_wbr():
    html = (
        '<html lang="ja"><head><title>本アライアンスの機関パートナー</title></head><body>'
        '<a class="md-nav__link" href="#x">本アライアンスの<em>機関</em>パートナー&amp;参加</a>'
        '<a class="md-tabs__link" href="#y">よくある質問</a>'
        '<div class="md-header__topic"><span class="md-ellipsis">よくある質問</span></div>'
        '<article><h2 id="cost">本アライアンスへの参加に費用はかかりますか？'
        '<a class="headerlink" href="#cost" title="本アライアンスへの参加">&para;</a></h2>'
        '<p>本アライアンスへの参加に費用はかかりません。</p>'
        "<h3>Partner <code>本アライアンスの機関パートナー</code></h3></article></body></html>"
    )
    out = phrase_breaking.insert_phrase_breaks(html)
    assert out.replace("<wbr>", "") == html
    assert '<h2 id="cost">本アライアンスへの<wbr>参加に<wbr>費用は<wbr>かかりますか？<a class="headerlink"' in out
    assert "本アライアンスの<em><wbr>機関</em>パートナー&amp;<wbr>参加</a>" in out
    assert '<a class="md-tabs__link" href="#y">よくある質問</a>' in out  # one-line labels
    assert '<span class="md-ellipsis">よくある質問</span>' in out
    assert "<title>本アライアンスの機関パートナー</title>" in out  # not a target
    assert "<p>本アライアンスへの参加に費用はかかりません。</p>" in out  # running text: CSS only
    assert "<code>本アライアンスの機関パートナー</code>" in out  # never inside code
    assert phrase_breaking.insert_phrase_breaks(out) == out  # a second run adds nothing


def test_insertion_leaves_english_content_and_other_languages_alone():
    fallback = (
        '<html lang="ja"><body><a class="md-nav__link" href="../">よくある質問</a>'
        '<article lang="en"><h2 id="x">日本語の見出しです</h2><h2 id="y">How to join</h2></article></body></html>'
    )
    out = phrase_breaking.insert_phrase_breaks(fallback)
    assert out == fallback.replace("よくある質問", "よく<wbr>ある<wbr>質問")
    english = fallback.replace('<html lang="ja">', '<html lang="en">')
    assert phrase_breaking.insert_phrase_breaks(english) == english
