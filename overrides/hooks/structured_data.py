"""Schema.org JSON-LD in the page's language, generated from the page itself.

Feeds main.html (`structured_data`): an `Organization` on each home page and a
`FAQPage` on each FAQ page, whose questions and answers are read from the
rendered FAQ (each `<h2 id>` is a question; what follows it, its answer), so
the FAQ is written once, in Markdown.
"""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import PurePosixPath

from mkdocs.plugins import event_priority

from site_languages import load_strings

FAQ_FILE = "faq.md"
QUESTION = re.compile(r"<h2 id=\"[^\"]+\">(.*?)</h2>(.*?)(?=<h2 |\Z)", re.S)
PERMALINK = re.compile(r"<a class=\"headerlink\".*?</a>", re.S)
TAG = re.compile(r"<[^>]+>")


def plain_text(html: str) -> str:
    return " ".join(unescape(TAG.sub(" ", PERMALINK.sub("", html))).split())


def faq_entries(html: str) -> list[dict]:
    return [
        {
            "@type": "Question",
            "name": plain_text(question),
            "acceptedAnswer": {"@type": "Answer", "text": plain_text(answer)},
        }
        for question, answer in QUESTION.findall(html)
    ]


def on_page_content(html, page, config, files):
    if PurePosixPath(page.file.src_uri).name == FAQ_FILE:
        page.faq_entries = faq_entries(html)
    return html


def is_language_home(page) -> bool:
    """docs/<lang>/index.md: each language's home (MkDocs' is_homepage knows only /)."""
    return PurePosixPath(page.file.src_uri).parts[-2:] in ((page.file.locale, "index.md"), ("index.md",))


def structured_data(page, config, lang: str) -> dict | None:
    strings = load_strings(lang)
    common = {"@context": "https://schema.org", "inLanguage": lang, "url": page.canonical_url}
    if is_language_home(page):
        return {
            **common,
            "@type": "Organization",
            "name": strings["organization_name"],
            "description": page.meta.get("description", ""),
            "email": config.extra["contact_email"],
            "foundingDate": "2019-06",
        }
    if getattr(page, "faq_entries", None):
        return {**common, "@type": "FAQPage", "name": page.title, "mainEntity": page.faq_entries}
    return None


@event_priority(-60)  # after hooks/alternates.py has settled the canonical URL
def on_page_context(context, page, config, nav):
    data = None if context.get("is_fallback") else structured_data(page, config, config.theme["language"])
    # "</" must not close the <script> element that carries the JSON.
    context["structured_data"] = json.dumps(data, ensure_ascii=False).replace("</", "<\\/") if data else None
    return context
