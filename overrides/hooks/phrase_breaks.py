"""Phrase break opportunities in Japanese headings and navigation labels.

Post-processes every built page: `alliance_site.phrase_breaks.insert_phrase_breaks` puts a
`<wbr>` at each BudouX phrase boundary of the headings, table of contents,
tabs and sidebar labels of Japanese pages; assets/site.css lets those elements
wrap only there (`word-break: keep-all`), in every browser. Other languages'
pages are returned unchanged.

Runs on the final HTML (after hooks/structured_data.py has read the FAQ for
JSON-LD, so the questions there carry no `<wbr>`) and before hooks/hardening.py
hashes the page's inline scripts (which this leaves untouched).
"""

from __future__ import annotations

from mkdocs.plugins import event_priority

from alliance_site.phrase_breaks import insert_phrase_breaks


@event_priority(-90)  # before hooks/hardening.py (-100)
def on_post_page(output, page, config):
    return insert_phrase_breaks(output)
