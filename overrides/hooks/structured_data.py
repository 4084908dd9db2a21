"""Schema.org JSON-LD in the page's language, generated from the page itself.

Feeds main.html (`structured_data`): an `Organization` on each home page and a
`FAQPage` on each FAQ page, whose questions are the FAQ's table of contents
and whose answers are its rendered text (alliance_site/faq.py), so the FAQ is
written once, in Markdown. The build stops if a question would be left out.
"""

from __future__ import annotations

import json
from pathlib import PurePosixPath

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from alliance_site.config import project_root
from alliance_site.faq import faq_entries
from alliance_site.strings import load_strings

FAQ_FILE = "faq.md"


def on_page_content(html, page, config, files):
    if PurePosixPath(page.file.src_uri).name == FAQ_FILE:
        entries, headings = faq_entries(html, page.toc)
        if len(entries) != headings:
            raise PluginError(
                f"{page.file.src_path}: the FAQ has {headings} questions (## headings) but its structured data "
                f"would list {len(entries)}: every ## heading must be a question in the table of contents "
                "(plain '## Question? {#id}', nothing that hides it from the TOC)"
            )
        page.faq_entries = entries
    return html


def is_language_home(page) -> bool:
    """docs/<lang>/index.md: each language's home (MkDocs' is_homepage knows only /)."""
    return PurePosixPath(page.file.src_uri).parts[-2:] in ((page.file.locale, "index.md"), ("index.md",))


def structured_data(page, config, lang: str, default: str) -> dict | None:
    common = {"@context": "https://schema.org", "inLanguage": lang, "url": page.canonical_url}
    if is_language_home(page):
        return {
            **common,
            "@type": "Organization",
            "name": load_strings(project_root(config), lang, default)["organization_name"],
            "description": page.meta.get("description", ""),
            "email": config.extra["contact_email"],
            "foundingDate": "2019-06",
        }
    if getattr(page, "faq_entries", None):
        return {**common, "@type": "FAQPage", "name": page.title, "mainEntity": page.faq_entries}
    return None


@event_priority(-60)  # after hooks/alternates.py has settled the canonical URL
def on_page_context(context, page, config, nav):
    lang, default = config.theme["language"], context["source_alternate"]["lang"]
    data = None if context.get("is_fallback") else structured_data(page, config, lang, default)
    # "</" must not close the <script> element that carries the JSON.
    context["structured_data"] = json.dumps(data, ensure_ascii=False).replace("</", "<\\/") if data else None
    return context
