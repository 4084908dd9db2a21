"""Harden every generated page: a Content-Security-Policy and safe external links.

Post-processes the HTML of every page and of 404.html (no template to feed:
the policy must list the hashes of the inline scripts the page really has).

- The policy allows only the site's own origin for scripts, styles, images,
  fonts and connections. Material's small inline scripts (storage helpers,
  palette restore) are allowed by their SHA-256 hashes, computed here from the
  page itself, so a theme update cannot silently break or widen it.
  'wasm-unsafe-eval' lets Pagefind compile its WebAssembly search engine; it
  does not allow eval() of JavaScript.
- Links to other hosts get rel="noopener" (and target stays as written).

Under `mkdocs serve` the policy is left out: the server injects its own inline
live-reload script into every page after the build, which a hash computed here
cannot know. The built site (`mkdocs build`, CI, GitHub Pages) always has it.
"""

from __future__ import annotations

import base64
import hashlib
import re

from mkdocs.plugins import event_priority

INLINE_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s+[^>]*)?)>(?P<body>.*?)</script>", re.S)
DATA_SCRIPT = re.compile(r"""type=["']application/(?:ld\+)?json["']""")
EXTERNAL_LINK = re.compile(r"<a\s(?P<attrs>[^>]*\bhref=\"(?:https?:)?//[^\"]*\"[^>]*)>")
REL = re.compile(r"\brel=\"(?P<rel>[^\"]*)\"")


def script_hashes(html: str) -> list[str]:
    """Hashes of the inline scripts the browser would execute."""
    hashes = []
    for match in INLINE_SCRIPT.finditer(html):
        attrs = match["attrs"]
        if "src=" in attrs or DATA_SCRIPT.search(attrs):
            continue
        digest = hashlib.sha256(match["body"].encode("utf-8")).digest()
        hashes.append(f"'sha256-{base64.b64encode(digest).decode()}'")
    return sorted(set(hashes))


def content_security_policy(html: str) -> str:
    scripts = " ".join(["'self'", "'wasm-unsafe-eval'", *script_hashes(html)])
    return "; ".join([
        "default-src 'self'",
        f"script-src {scripts}",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ])


def with_noopener(match: re.Match) -> str:
    attrs = match["attrs"]
    rel = REL.search(attrs)
    if rel is None:
        return f'<a {attrs} rel="noopener">'
    if "noopener" in rel["rel"].split():
        return match[0]
    return "<a " + REL.sub(f'rel="{rel["rel"]} noopener"', attrs, count=1) + ">"


_command = {"name": "build"}


def on_startup(command, dirty):
    _command["name"] = command


def policy_wanted() -> bool:
    return _command["name"] != "serve"


def harden(html: str, with_policy: bool = True) -> str:
    html = EXTERNAL_LINK.sub(with_noopener, html)
    if not with_policy:
        return html
    meta = f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy(html)}">'
    # Right after <meta charset>: the policy must precede every script and style.
    return re.sub(r"(<meta charset=[^>]*>)", lambda m: m[1] + "\n    " + meta, html, count=1)


@event_priority(-100)  # last: the page is final
def on_post_page(output, page, config):
    return harden(output, with_policy=policy_wanted())


@event_priority(-100)
def on_post_template(output, template_name, config):
    if not template_name.endswith(".html"):
        return output
    return harden(output, with_policy=policy_wanted())
