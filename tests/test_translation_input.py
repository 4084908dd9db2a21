"""Translation input English does not have is refused by `check` and by the
strict build, with file:line and a hint (alliance_site/input_safety.py); input
that is handled well (BOM, CRLF, NFD, and what `check` already reports) stays so.

Speed: a strict build stops at the first page with problems (MkDocs aborts on
the hook's PluginError; the hook reports every problem of that page at once).
So every refused case is written into ONE page, docs/ja/faq.md, of ONE project
copy, built once and checked once (module-scoped fixtures): each case is then
asserted, at its own line, in both outputs. One more case in another language
(docs/es/get-involved.md) shows `check` reports every page; the build never
reaches it. The well-handled cases take one successful build and one `check`
of a second copy, and one `check` plus one build of a third.
"""

from __future__ import annotations

import os
import subprocess
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest

from alliance_site.harness import ROOT, build_site, copy_project

from alliance_site.input_safety import encoding_problem, input_problems

SCRIPT = ROOT / "scripts" / "l10n.py"
EN = "docs/en/faq.md"
PAGE = "docs/ja/faq.md"
NOT_IN_ENGLISH = f"is not in the English page: translations may only use the Markdown and HTML that {EN} uses; remove it"
NO_SCRIPT_URLS = f"a translation may not use javascript:, vbscript: or data: URLs ({EN} has none); remove it"
OTHER_HOST = (f"{EN} has nothing from that host; use only this site's pages and files "
              "(images in docs/assets/) and the hosts the English page links to")
HANDLER = "found: a translation may not run code (raw HTML, {: ... } attribute lists and front matter included); remove it"
CONFLICT = "resolve the conflict (keep one version of the text) and delete the marker lines"


@dataclass(frozen=True)
class Case:
    name: str
    markdown: str  # a block appended to docs/ja/faq.md ("" for a front-matter case)
    marker: str  # unique text on the line the problem is reported at
    message: str


CASES = [
    Case("script", "<script>alert('script')</script>", "alert('script')", f"raw HTML <script> {NOT_IN_ENGLISH}"),
    # fenced code is not enabled on this site: the ``` lines are text and the script runs
    Case("script-between-fences", "```\n<script>alert('fenced')</script>\n```", "alert('fenced')",
         f"raw HTML <script> {NOT_IN_ENGLISH}"),
    Case("script-in-code-span-english-lacks", "`<script>alert('code')</script>`", "alert('code')",
         f"raw HTML <script> {NOT_IN_ENGLISH}"),
    Case("iframe", '<iframe src="/"></iframe>', "<iframe", f"raw HTML <iframe> {NOT_IN_ENGLISH}"),
    Case("object", '<object data="/assets/favicon.svg"></object>', "<object", f"raw HTML <object> {NOT_IN_ENGLISH}"),
    Case("embed", '<embed src="/assets/favicon.svg">', "<embed", f"raw HTML <embed> {NOT_IN_ENGLISH}"),
    Case("style", "<style>body { display: none }</style>", "<style>", f"raw HTML <style> {NOT_IN_ENGLISH}"),
    Case("form", '<form action="/"><button>Send</button></form>', "<form", f"raw HTML <form> {NOT_IN_ENGLISH}"),
    Case("other-tag", "<span>raw span</span>", "raw span", f"raw HTML <span> {NOT_IN_ENGLISH}"),
    Case("html-comment", "<!-- note for reviewers -->", "note for reviewers", f"HTML comment <!-- --> {NOT_IN_ENGLISH}"),
    Case("image-other-host", "![logo](https://images.example.net/logo.png)", "images.example.net",
         f"image from another host (images.example.net): {OTHER_HOST}"),
    Case("link-other-host", "[more](https://www.example.net/more)", "www.example.net/more",
         f"link to another host (www.example.net): {OTHER_HOST}"),
    Case("link-scheme-relative", "[cdn](//cdn.example.net/x)", "cdn.example.net",
         f"link to another host (cdn.example.net): {OTHER_HOST}"),
    Case("autolink-other-host", "<https://autolink.example.net/>", "autolink.example.net",
         f"link to another host (autolink.example.net): {OTHER_HOST}"),
    Case("javascript-link", "[js](javascript:alert(1))", "javascript:alert(1)", f"javascript: URL in a link: {NO_SCRIPT_URLS}"),
    Case("javascript-entity-and-case", "[ent](&#106;aVaScRiPt:alert(2))", "alert(2)", f"javascript: URL in a link: {NO_SCRIPT_URLS}"),
    Case("javascript-tab-inside", "[tab](<java\tscript:alert(3)>)", "alert(3)", f"javascript: URL in a link: {NO_SCRIPT_URLS}"),
    Case("javascript-control-char", "[ctl](\x01javascript:alert(4))", "alert(4)", f"javascript: URL in a link: {NO_SCRIPT_URLS}"),
    Case("vbscript-link", "[vb](vbscript:msgbox(5))", "msgbox(5)", f"vbscript: URL in a link: {NO_SCRIPT_URLS}"),
    Case("data-image", "![dot](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)", "data:image",
         f"data: URL in an image: {NO_SCRIPT_URLS}"),
    Case("javascript-link-definition", "[ref link][evil]\n\n[evil]: javascript:alert(6)", "alert(6)",
         f"javascript: URL in a link definition: {NO_SCRIPT_URLS}"),
    Case("javascript-html-href", '<a href="javascript:alert(7)">a</a>', "alert(7)",
         f"javascript: URL in HTML attribute href=: {NO_SCRIPT_URLS}"),
    Case("onmouseover-raw-html", '<span onmouseover="alert(8)">hover</span>', "alert(8)",
         f"event-handler attribute onmouseover= {HANDLER}"),
    Case("onclick-attribute-list", 'A paragraph with a handler.\n{: onclick="alert(9)" }', "alert(9)",
         f"event-handler attribute onclick= {HANDLER}"),
    Case("href-attribute-list", '[ok](index.md){: href="javascript:alert(10)" }', "alert(10)",
         f"javascript: URL in attribute list key href=: {NO_SCRIPT_URLS}"),
    Case("attribute-list-key", '[ok](index.md){: target="_blank" }', "_blank",
         f"attribute list key 'target' ({{: target=... }}) is not in the English page: "
         f"use only the {{#id}} and attributes {EN} uses; remove it"),
    Case("other-mail-address", "[mail](mailto:someone@example.net)", "someone@example.net",
         f"e-mail address someone@example.net is not in {EN}: use the address the English page gives"),
    Case("snippet-include", '--8<-- "strings/en.yml"', "strings/en.yml",
         f"snippet include '--8<-- \"strings/en.yml\"' is not in {EN}: "
         "a translation may include only the files English includes; remove it"),
    Case("conflict-ours", "<<<<<<< HEAD\nours\n=======\ntheirs\n>>>>>>> translation", "<<<<<<< HEAD",
         f"left-over merge-conflict marker '<<<<<<<': {CONFLICT}"),
    Case("conflict-separator", "", "=======", f"left-over merge-conflict marker '=======': {CONFLICT}"),
    Case("conflict-theirs", "", ">>>>>>> translation", f"left-over merge-conflict marker '>>>>>>>': {CONFLICT}"),
    Case("front-matter-key", "", "template: 404.html",
         f"front matter key 'template' is not in {EN}: a translation sets only the keys English sets; remove it"),
    Case("front-matter-quote", "", "description: 'G20",
         "front matter 'description' contains '\"', which the theme puts into the page's HTML as it is: "
         "use typographic quotes (“ ”, « », 「 」) instead"),
]
OTHER_PAGE = "docs/es/get-involved.md"


def check(root: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "GIT_CEILING_DIRECTORIES": str(root.parent)}
    return subprocess.run([sys.executable, str(SCRIPT), "--root", str(root), "check"],
                          capture_output=True, text=True, check=False, env=env)


def line_of(path: Path, text: str) -> int:
    lines = path.read_text("utf-8").split("\n")
    found = [number for number, line in enumerate(lines, 1) if text in line]
    assert len(found) == 1, f"{text!r} should be on exactly one line of {path}: {found}"
    return found[0]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), "utf-8")


@dataclass
class Outcome:
    root: Path
    check: subprocess.CompletedProcess
    build: subprocess.CompletedProcess


@pytest.fixture(scope="module")
def refused(tmp_path_factory) -> Outcome:
    """One copy with every refused case in docs/ja/faq.md (and one in Spanish), checked and built once."""
    root = copy_project(tmp_path_factory.mktemp("refused"))
    page = root / PAGE
    edit(page, "description: ", "template: 404.html\ndescription: '")
    edit(page, "\n---\n", "（\"引用\"）'\n---\n")
    page.write_text(page.read_text("utf-8") + "".join(f"\n{case.markdown}\n" for case in CASES if case.markdown), "utf-8")
    other = root / OTHER_PAGE
    other.write_text(other.read_text("utf-8") + "\n<script>alert('es')</script>\n", "utf-8")
    return Outcome(root, check(root), build_site(root, root / "site"))


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_refused_by_check_and_build(refused, case):
    expected = f"{PAGE}:{line_of(refused.root / PAGE, case.marker)}: {case.message}"
    assert refused.check.returncode == 1, refused.check.stdout + refused.check.stderr
    assert expected in refused.check.stdout.splitlines()
    assert refused.build.returncode != 0
    assert expected in refused.build.stderr
    assert "Traceback" not in refused.build.stderr


def test_check_reports_every_page_the_build_stops_at_the_first(refused):
    expected = f"{OTHER_PAGE}:{line_of(refused.root / OTHER_PAGE, 'alert')}: raw HTML <script> is not in the English page"
    assert any(line.startswith(expected) for line in refused.check.stdout.splitlines())
    assert not (refused.root / "site" / "ja" / "faq" / "index.html").exists()  # nothing unsafe written


# --------------------------------------------------------------------------- handled well, and must stay so

NFD_WORD = "Tecnológica"


@pytest.fixture(scope="module")
def well_encoded(tmp_path_factory) -> Outcome:
    """BOM (docs/es/faq.md), CRLF (docs/es/get-involved.md), NFD (docs/es/index.md): check passes, the build renders."""
    root = copy_project(tmp_path_factory.mktemp("encodings"))
    faq, involved, index = (root / "docs" / "es" / name for name in ("faq.md", "get-involved.md", "index.md"))
    faq.write_bytes(b"\xef\xbb\xbf" + faq.read_bytes())
    involved.write_bytes(involved.read_bytes().replace(b"\n", b"\r\n"))
    index.write_text(unicodedata.normalize("NFD", index.read_text("utf-8")), "utf-8")
    assert NFD_WORD not in index.read_text("utf-8")
    return Outcome(root, check(root), build_site(root, root / "site", env={"SITE_ONLY": "es"}))


def built(outcome: Outcome, page: str) -> str:
    assert outcome.build.returncode == 0, outcome.build.stderr
    return (outcome.root / "site" / "es" / page / "index.html").read_text("utf-8")


def test_encodings_pass_check(well_encoded):
    assert well_encoded.check.returncode == 0, well_encoded.check.stdout + well_encoded.check.stderr


def test_bom_renders_front_matter_and_headings(well_encoded):
    html = built(well_encoded, "faq")
    assert "<title>Preguntas frecuentes - " in html and 'id="faq"' in html
    assert "\ufeff" not in html and "title: Preguntas" not in html


def test_crlf_renders_headings(well_encoded):
    html = built(well_encoded, "get-involved")
    assert 'id="who-can-take-part"' in html and 'id="contact"' in html and "\r" not in html


def test_nfd_renders_nfc(well_encoded):
    html = built(well_encoded, "")
    assert NFD_WORD in html and unicodedata.normalize("NFD", NFD_WORD) not in html


@pytest.fixture(scope="module")
def reported(tmp_path_factory) -> Outcome:
    """Input `check` reports, one kind per page; the build is of English and Japanese
    only, where just the Shift_JIS page fails it."""
    root = copy_project(tmp_path_factory.mktemp("reported"))
    docs = root / "docs"
    index = docs / "ja" / "index.md"
    index.write_bytes(index.read_text("utf-8").encode("shift_jis"))
    edit(docs / "ja" / "faq.md", "## 本アライアンスへの参加に費用", "＃＃ 本アライアンスへの参加に費用")
    edit(docs / "ja" / "get-involved.md", "{#events}", "｛＃events｝")
    edit(docs / "ja" / "partners.md", "{#special-thanks}", "{#institutional-partners}")
    edit(docs / "es" / "faq.md", "title: ", "title： ")
    edit(docs / "es" / "get-involved.md", "{#contact}", "{#con\u200btact}")
    (docs / "es" / "partners.md").write_text("", "utf-8")
    return Outcome(root, check(root), build_site(root, root / "site", env={"SITE_ONLY": "ja"}))


@pytest.mark.parametrize("expected", [
    "docs/ja/index.md:2: not UTF-8 text (byte 0x83 cannot be read): the file was saved in another encoding "
    "(such as Shift_JIS or Windows-1252); save it as UTF-8",
    "docs/ja/faq.md:16: missing FAQ question #cost (English: docs/en/faq.md:12)",  # full-width ＃＃ is no heading
    "docs/ja/get-involved.md:14: heading has no {#id}: end it with the {#id} of the matching English heading",
    "docs/ja/partners.md:12: missing heading #special-thanks (English: docs/en/partners.md:12)",
    "docs/es/faq.md:3: front matter is not valid YAML (mapping values are not allowed here): fix the block between "
    "the '---' lines; values containing ': ' or starting with a quote must be in double quotes",
    "docs/es/get-involved.md:22: heading id #con\u200btact should be #contact (English: docs/en/get-involved.md:22)",
    "docs/es/partners.md:1: no front matter: start the file with a '---' block giving title and description",
], ids=["shift-jis", "full-width-hash", "full-width-braces", "duplicated-id", "full-width-colon", "zero-width-space",
        "empty-file"])
def test_reported_by_check(reported, expected):
    assert reported.check.returncode == 1
    assert "Traceback" not in reported.check.stderr
    assert expected in reported.check.stdout.splitlines()


def test_shift_jis_refused_by_the_build_without_a_traceback(reported):
    assert reported.build.returncode != 0
    assert "docs/ja/index.md:2: not UTF-8 text (byte 0x83 cannot be read)" in reported.build.stderr
    assert "Traceback" not in reported.build.stderr


# --------------------------------------------------------------------------- the rules on their own (fast)


@pytest.mark.parametrize("page", ["index.md", "partners.md", "get-involved.md", "faq.md"])
def test_english_as_its_own_translation_passes(page):
    text = (ROOT / "docs" / "en" / page).read_text("utf-8")
    assert input_problems(f"docs/ja/{page}", text, text) == []


@pytest.mark.parametrize("url", [
    "JAVASCRIPT:alert(1)", "&#x6A;avascript:alert(1)", "&#0000106avascript:alert(1)", "javascript&colon;alert(1)",
    "&amp;#106;avascript:alert(1)", " \x00javascript:alert(1)", "java&#9;script:alert(1)", "java\u200bscript:alert(1)",
    "<java\nscript:alert(1)>",
])
def test_obfuscated_javascript_urls(url):
    problems = input_problems("docs/ja/x.md", f"[x]({url})\n", "# X {#x}\n")
    assert "javascript: URL in a link" in [problem.message.split(": a")[0] for problem in problems]


def test_what_english_has_a_translation_may_have():
    english = ('<abbr title="Group of Twenty">G20</abbr> `<br>` [WEF](https://www.weforum.org/)\n'
               "[mail](mailto:info@example.org)\n")
    same = ('<abbr title="Grupo de los Veinte">G20</abbr> `<br>` [FEM](https://www.weforum.org/es/)\n'
            "<info@example.org>\n")
    assert input_problems("docs/es/x.md", same, english) == []
    other = '<abbr style="color: red">G20</abbr> `<hr>` [x](http://weforum.org.example.net/)\n<script></script>\n'
    messages = [problem.message.split(":")[0] for problem in input_problems("docs/es/x.md", other, english)]
    assert messages == [
        "link to another host (weforum.org.example.net)",
        "raw HTML <hr> is not in the English page",  # a code span English lacks is read as text
        "raw HTML attribute style= on <abbr> is not in the English page",
        "raw HTML <script> is not in the English page",
    ]


def test_dangerous_elements_refused_even_where_english_has_them():
    problems = input_problems("docs/es/x.md", "<script>x()</script>\n", "<script>x()</script>\n")
    assert [problem.message.split(",")[0] for problem in problems] == ["raw HTML <script> may not be in a translation"]


def test_encoding_problem_names_the_line():
    assert encoding_problem("docs/ja/x.md", "一\n二".encode("utf-8")) is None
    assert encoding_problem("docs/ja/x.md", b"\xef\xbb\xbf---\n") is None
    assert encoding_problem("docs/ja/x.md", "a\nb\n二".encode("shift_jis")).line == 3


def test_markup_in_interface_text_is_refused_by_check_and_build(tmp_path):
    """Interface strings, nav labels and site descriptions go into templates (some into attributes)."""
    project = copy_project(tmp_path)
    strings = project / "data" / "strings" / "ja.yml"
    strings.write_text(strings.read_text("utf-8").replace("search_open: 検索", 'search_open: 検索<img src=x onerror=alert(1)>'), "utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("FAQ: Preguntas frecuentes", 'FAQ: "Preguntas \\"frecuentes\\""'), "utf-8")
    line = next(n for n, text in enumerate(strings.read_text("utf-8").splitlines(), 1) if text.startswith("search_open:"))
    check = subprocess.run([sys.executable, str(ROOT / "scripts" / "l10n.py"), "--root", str(project), "check"],
                           capture_output=True, text=True)
    assert check.returncode == 1
    assert f"data/strings/ja.yml:{line}: interface string 'search_open': '<' is not allowed in interface text" in check.stdout
    assert "es nav label 'FAQ': '\"' is not allowed in interface text" in check.stdout
    build = build_site(project, project / "site")
    assert build.returncode != 0
    assert "mkdocs.yml: es nav label 'FAQ': '\"' is not allowed in interface text" in build.stdout + build.stderr
    config.write_text(config.read_text("utf-8").replace('FAQ: "Preguntas \\"frecuentes\\""', "FAQ: Preguntas frecuentes"), "utf-8")
    build = build_site(project, project / "site")
    assert f"data/strings/ja.yml:{line}: interface string 'search_open': '<' is not allowed" in build.stdout + build.stderr
