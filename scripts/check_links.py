"""Check every internal link and anchor of a built site, in every language.

Usage: python scripts/check_links.py [SITE_DIR]   (default: site/)
Exits 1 listing `page: link` for each link whose target file or #id is missing.
Site-absolute links (404.html has them) start with the path of SITE_URL, the
environment variable the build used: on a project site that is /<repo>/.
"""

from __future__ import annotations

import os
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

SKIPPED_SCHEMES = ("mailto:", "tel:", "javascript:", "data:")


class LinksAndIds(HTMLParser):
    """Collects href/src targets and element ids of one HTML page."""

    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "id" in attributes:
            self.ids.add(attributes["id"])
        for name in ("href", "src"):
            if attributes.get(name) and not (tag == "link" and "alternate" in (attributes.get("rel") or "")):
                self.links.append(attributes[name])


def parse(path: Path) -> LinksAndIds:
    parser = LinksAndIds()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def site_path(site_url: str) -> str:
    """'https://org.github.io/repo/' -> '/repo/'"""
    return "/" + urlsplit(site_url).path.strip("/") + "/" if urlsplit(site_url).path.strip("/") else "/"


def target_file(site: Path, url_path: str, base: str = "/") -> Path:
    if url_path.startswith(base):
        url_path = "/" + url_path[len(base):]
    path = site / unquote(url_path).lstrip("/")
    return path / "index.html" if url_path.endswith("/") or path.is_dir() else path


def broken_links(site: Path, site_url: str = "") -> list[str]:
    base = site_path(site_url)
    pages = {path: parse(path) for path in site.rglob("*.html")}
    problems = []
    for page, parsed in pages.items():
        page_url = base + page.relative_to(site).as_posix()
        for link in parsed.links:
            if link.startswith(SKIPPED_SCHEMES) or urlsplit(link).netloc:
                continue  # not a link inside this site
            absolute = urlsplit(urljoin(page_url, link))
            target = target_file(site, absolute.path, base)
            if not target.is_file():
                problems.append(f"{page.relative_to(site)}: {link} (no {target.relative_to(site)})")
            elif absolute.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else parse(target).ids
                if unquote(absolute.fragment) not in ids:
                    problems.append(f"{page.relative_to(site)}: {link} (no #{absolute.fragment})")
    return problems


def main(argv: list[str]) -> int:
    site = Path(argv[0] if argv else "site")
    if not (site / "index.html").is_file():
        print(f"{site}: no built site here. Run `make build` first.", file=sys.stderr)
        return 2
    problems = broken_links(site, os.environ.get("SITE_URL", ""))
    for problem in problems:
        print(problem)
    count = sum(1 for _ in site.rglob("*.html"))
    print(f"{len(problems)} broken link(s) in {count} pages of {site}" if problems else f"OK: every internal link and anchor of {count} pages resolves")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
