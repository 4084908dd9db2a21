"""No generated page, stylesheet or script makes a reader's browser talk to another host."""

import re


# Hosts a file may *name* without the browser ever requesting them: XML
# namespaces, and the Alliance's e-mail domain in mailto: links.
NOT_REQUESTS = re.compile(r"http://www\.w3\.org/|http://www\.sitemaps\.org/")
URL = re.compile(r"""(?:src|href|url|import)\s*[=(]\s*["']?(?:https?:)?//([^/"')\s]+)""", re.I)


def external_references(path, local_host):
    text = NOT_REQUESTS.sub("", path.read_text("utf-8", errors="replace"))
    return sorted({host for host in URL.findall(text) if host != local_host})


def test_no_file_loads_anything_from_another_host(site_dir):
    offenders = {}
    for path in site_dir.rglob("*"):
        if path.suffix in {".html", ".css", ".js"}:
            if hosts := external_references(path, "127.0.0.1:8000"):
                offenders[str(path.relative_to(site_dir))] = hosts
    assert offenders == {}


def test_no_google_fonts_or_cdn(site_dir):
    for path in site_dir.rglob("*.html"):
        text = path.read_text("utf-8")
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text, path
        assert "cdn." not in text, path
