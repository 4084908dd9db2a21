"""The Content-Security-Policy of a generated page.

The policy allows only the site's own origin for scripts, styles, images,
fonts and connections. Material's small inline scripts (storage helpers,
palette restore) are allowed by their SHA-256 hashes, computed from the page
itself, so a theme update cannot silently break or widen it.
'wasm-unsafe-eval' lets Pagefind compile its WebAssembly search engine; it
does not allow eval() of JavaScript.
"""

from __future__ import annotations

import base64
import hashlib
import re

INLINE_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s+[^>]*)?)>(?P<body>.*?)</script>", re.S)
DATA_SCRIPT = re.compile(r"""type=["']application/(?:ld\+)?json["']""")
META_CHARSET = re.compile(r"(<meta charset=[^>]*>)")


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


def with_policy(html: str) -> str:
    """The page with its policy as a <meta> right after <meta charset>: it must
    precede every script and style."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy(html)}">'
    return META_CHARSET.sub(lambda m: m[1] + "\n    " + meta, html, count=1)
