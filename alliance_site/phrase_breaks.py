"""Phrase break opportunities for Japanese headings and navigation labels.

Japanese has no spaces, so browsers may wrap a heading between any two
characters ("本アライアンスの機関パート|ナー…"). `word-break: auto-phrase`
fixes that in Chromium only; Safari (most Japanese readers) and Firefox lack
it. This module does the same at build time for every browser: BudouX
(https://github.com/google/budoux) splits the text into phrases, and a `<wbr>`
element marks each phrase boundary. With `word-break: keep-all` (site.css) the
browser then wraps only at those `<wbr>`s (and at spaces).

    insert_phrase_breaks(html) -> html

HTML in, HTML out, no MkDocs imports. Only a page whose `<html lang>` has a
BudouX model here (Japanese) is changed, and only the text of:

- headings h1-h6 inside the `<article>` (the page content);
- navigation labels `.md-nav__link`: the primary sidebar (the drawer on
  phones) and the table of contents;

and in those, never the text of a permalink (`a.headerlink`), of code-like
elements, of anything whose `lang` is not Japanese (English fallback content
is marked `lang="en"`), nor text with no Japanese character in it.

Tabs (`.md-tabs__link`) and the header title (`.md-header__topic`) are left
alone on purpose: Material keeps them on one line (`white-space: nowrap`,
with an ellipsis), and Chromium breaks a line at a `<wbr>` even under
`nowrap`, so a `<wbr>` there would wrap them onto a clipped second line.

Why `html.parser` and byte offsets, not a regex or a re-serialisation: the
parser knows nesting (inline markup inside a heading, the permalink to leave
out, `lang` inherited from an ancestor), whereas a regex would have to know
each template's exact markup. The `<wbr>`s are spliced into the original
string at the parser's source offsets, so every other byte of the page stays
as it was (no re-quoted attributes, no re-escaped text); in particular ids,
hrefs, `<title>`, `<meta>` and `<script>` (JSON-LD) are never touched.
BudouX's own `translate_html_string` is not used: it wraps the text in a
`<span style=...>`, which the site's Content-Security-Policy forbids.

A `<wbr>` adds no character: `textContent`, copy and paste, and Pagefind's
indexed text are the same as without it.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from html import unescape
from html.parser import HTMLParser

import budoux

WBR = "<wbr>"

# BudouX models by language subtag. Only Japanese is enabled: the site has no
# Chinese or Thai pages (budoux.load_default_simplified_chinese_parser etc.).
PARSERS = {"ja": budoux.load_default_japanese_parser}

# Text worth splitting: hiragana, katakana (full and half width), kanji, 々〆.
JAPANESE = re.compile(r"[\u3005\u3006\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]")
HTML_LANG = re.compile(r"<html\b[^>]*?\blang=[\"']?([A-Za-z0-9-]+)", re.I)
NOT_SPACE = re.compile(r"\S+")

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
LABEL_CLASSES = {"md-nav__link"}  # not the one-line tabs and header title: see above
# Text inside these counts as context for BudouX, but gets no <wbr>.
NO_BREAK_INSIDE = {"code", "kbd", "samp", "var", "pre", "abbr", "time", "button", "textarea", "svg", "math"}
# Void elements have no end tag, so they are never pushed on the stack.
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def language_of(html: str) -> str:
    """The primary language subtag of `<html lang>` ("ja-JP" -> "ja"), or ""."""
    match = HTML_LANG.search(html)
    return match[1].split("-")[0].lower() if match else ""


@lru_cache(maxsize=None)
def _parser(lang: str):
    return PARSERS[lang]()


@lru_cache(maxsize=4096)
def phrase_boundaries(text: str, lang: str = "ja") -> tuple[int, ...]:
    """Indexes in `text` (code points) where a new phrase starts, inside runs
    of non-space characters that contain Japanese. Spaces are break
    opportunities already, so text is split at them first. Shared with the
    tests, which compare the browser's line breaks with these positions."""
    boundaries = []
    for run in NOT_SPACE.finditer(text):
        if not JAPANESE.search(run[0]):
            continue
        position = run.start()
        for phrase in _parser(lang).parse(run[0])[:-1]:
            position += len(phrase)
            boundaries.append(position)
    return tuple(boundaries)


class _Element:
    __slots__ = ("tag", "lang", "no_break", "excluded", "in_article", "target")

    def __init__(self, tag, lang, no_break, excluded, in_article, target):
        self.tag, self.lang, self.no_break, self.excluded = tag, lang, no_break, excluded
        self.in_article, self.target = in_article, target


class _Piece:
    """A stretch of a target's text: where it starts in the source, its
    unescaped text, and whether a <wbr> may go inside it."""

    __slots__ = ("source", "text", "raw", "breakable")

    def __init__(self, source: int, text: str, raw: bool, breakable: bool):
        self.source, self.text, self.raw, self.breakable = source, text, raw, breakable


class _BreakFinder(HTMLParser):
    """Walks the page and collects the source offsets where a <wbr> goes."""

    def __init__(self, html: str, lang: str):
        super().__init__(convert_charrefs=False)  # raw text: offsets map 1:1
        self.lang = lang
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", html)]
        self.stack: list[_Element] = []
        self.pieces: list[_Piece] | None = None  # the open target's text
        self.target_depth = 0
        self.existing: set[int] = set()  # text indexes of <wbr>/<br> already there
        self.offsets: list[int] = []

    # -- positions -----------------------------------------------------------
    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    # -- elements ------------------------------------------------------------
    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        parent = self.stack[-1] if self.stack else None
        lang = (attrs.get("lang") or (parent.lang if parent else self.lang)).split("-")[0].lower()
        classes = set((attrs.get("class") or "").split())
        in_article = tag == "article" or bool(parent and parent.in_article)
        if tag in ("wbr", "br"):
            if self.pieces is not None:
                self.existing.add(sum(len(p.text) for p in self.pieces))
            return
        if tag in VOID:
            return
        target = (tag in HEADINGS and in_article) or bool(classes & LABEL_CLASSES)
        element = _Element(
            tag,
            lang,
            no_break=tag in NO_BREAK_INSIDE or lang != self.lang or bool(parent and parent.no_break),
            excluded="headerlink" in classes or bool(parent and parent.excluded),
            in_article=in_article,
            target=target,
        )
        self.stack.append(element)
        if target and self.pieces is None and lang == self.lang:
            self.pieces, self.target_depth = [], len(self.stack)
            self.existing = set()

    def handle_startendtag(self, tag, attrs):
        if tag in ("wbr", "br") or tag in VOID:
            self.handle_starttag(tag, attrs)
        # other self-closed elements (<svg .../>) have no content: nothing to do

    def handle_endtag(self, tag):
        if not any(element.tag == tag for element in self.stack):
            return
        while self.stack:
            element = self.stack.pop()
            if self.pieces is not None and len(self.stack) < self.target_depth:
                self._finish_target()
            if element.tag == tag:
                break

    # -- text ----------------------------------------------------------------
    def _add(self, text: str, raw: bool):
        if self.pieces is None or not self.stack or self.stack[-1].excluded:
            return
        self.pieces.append(_Piece(self._offset(), text, raw, breakable=raw and not self.stack[-1].no_break))

    def handle_data(self, data):
        self._add(data, raw=True)

    def handle_entityref(self, name):
        self._add(unescape(f"&{name};"), raw=False)

    def handle_charref(self, name):
        self._add(unescape(f"&#{name};"), raw=False)

    # -- one target done -----------------------------------------------------
    def _finish_target(self):
        pieces, self.pieces = self.pieces, None
        text = "".join(piece.text for piece in pieces)
        if not JAPANESE.search(text):
            return
        starts = []
        position = 0
        for piece in pieces:
            starts.append(position)
            position += len(piece.text)
        for boundary in phrase_boundaries(text, self.lang):
            if boundary in self.existing:
                continue
            index = bisect.bisect_right(starts, boundary) - 1
            piece = pieces[index]
            if piece.breakable:  # raw text: text index = source index
                self.offsets.append(piece.source + boundary - starts[index])
            elif boundary == starts[index] and index and pieces[index - 1].breakable:
                # right after the previous stretch (e.g. before an entity)
                previous = pieces[index - 1]
                self.offsets.append(previous.source + len(previous.text))


def insert_phrase_breaks(html: str) -> str:
    """Return `html` with a `<wbr>` at each phrase boundary of its Japanese
    headings and navigation labels; any other page comes back unchanged.
    Running it twice adds nothing the second time."""
    lang = language_of(html)
    if lang not in PARSERS:
        return html
    # Headings, sidebar and table of contents all sit inside <main>: only that
    # part is parsed (the head's and header's inline icons are most of a page).
    start, end = html.find("<main"), html.rfind("</main>")
    start, end = (start, end) if 0 <= start < end else (0, len(html))
    part = html[start:end]
    finder = _BreakFinder(part, lang)
    finder.feed(part)
    finder.close()
    if not finder.offsets:
        return html
    parts, last = [], 0
    for offset in sorted({start + offset for offset in finder.offsets}):
        parts += [html[last:offset], WBR]
        last = offset
    parts.append(html[last:])
    return "".join(parts)
