"""A Content-Security-Policy on every generated page and on 404.html
(alliance_site/csp.py): post-processing, because the policy lists the hashes
of the inline scripts the page really has.

Under `mkdocs serve` the policy is left out: the server injects its own inline
live-reload script into every page after the build, which a hash computed here
cannot know. The built site (`mkdocs build`, CI, GitHub Pages) always has it.
"""

from __future__ import annotations

from mkdocs.plugins import event_priority

from alliance_site.config import SESSION
from alliance_site.csp import with_policy


def harden(html: str) -> str:
    return html if SESSION.previewing else with_policy(html)


@event_priority(-100)  # last: the page is final
def on_post_page(output, page, config):
    return harden(output)


@event_priority(-100)
def on_post_template(output, template_name, config):
    return harden(output) if template_name.endswith(".html") else output
