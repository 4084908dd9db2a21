"""FAQPage structured data (schema.org JSON-LD), read from the rendered FAQ.

The questions are the page's second-level table-of-contents entries (MkDocs'
own `page.toc`); each answer is the text of the rendered HTML between its
question's heading and the next one. Text is joined the way a reader sees it:
inline markup (links, emphasis) adds no space, block elements separate words.
"""

from __future__ import annotations

from html import unescape
from html.parser import HTMLParser

BLOCK_TAGS = {"p", "li", "ul", "ol", "div", "br", "table", "tr", "td", "th", "blockquote", "pre", "dd", "dt"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


class AnswerCollector(HTMLParser):
    """Collects, per question id, the text after its <h2> up to the next <h2>;
    also counts every <h2>, so a question the TOC missed cannot go unnoticed."""

    def __init__(self, question_ids: set[str]):
        super().__init__(convert_charrefs=True)
        self.question_ids = question_ids
        self.answers: dict[str, list[str]] = {}
        self.current: str | None = None
        self.in_heading = False
        self.skip_depth = 0  # inside a heading's permalink
        self.h2_count = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "h2":
            self.h2_count += 1
            self.current = attributes.get("id") if attributes.get("id") in self.question_ids else None
            if self.current:
                self.answers[self.current] = []
        if tag in HEADINGS:
            self.in_heading = True
        elif tag in BLOCK_TAGS and self.current:
            self.answers[self.current].append(" ")

    def handle_endtag(self, tag):
        if tag in HEADINGS:
            self.in_heading = False
        elif tag in BLOCK_TAGS and self.current:
            self.answers[self.current].append(" ")

    def handle_data(self, data):
        if self.current and not self.in_heading:
            self.answers[self.current].append(data)


def plain(text: str) -> str:
    return " ".join(unescape(text).split())


def questions(toc) -> list:
    """Second-level entries of a page's TOC (under its title, if the title is in the TOC)."""
    items = list(toc)
    if len(items) == 1 and items[0].level == 1:
        items = list(items[0].children)
    return [item for item in items if item.level == 2]


def faq_entries(html: str, toc) -> tuple[list[dict], int]:
    """(FAQPage `mainEntity` list, number of <h2> on the page)."""
    items = questions(toc)
    collector = AnswerCollector({item.id for item in items})
    collector.feed(html)
    collector.close()
    entries = [
        {
            "@type": "Question",
            "name": plain(item.title),
            "acceptedAnswer": {"@type": "Answer", "text": plain("".join(collector.answers.get(item.id, [])))},
        }
        for item in items
    ]
    return entries, collector.h2_count
