"""Every internal link and anchor of the built site resolves (scripts/check_links.py)."""

import os
import shutil
import subprocess
import sys
from urllib.parse import urlsplit

from alliance_site.harness import ROOT

CHECKER = ROOT / "scripts" / "check_links.py"


def check(site):
    return subprocess.run([sys.executable, str(CHECKER), str(site)], capture_output=True, text=True)


def test_built_site_has_no_broken_link(site_dir):
    result = check(site_dir)
    assert result.returncode == 0, result.stdout
    assert result.stdout.startswith("OK")


def test_checker_reports_a_missing_page_and_a_missing_anchor(site_dir, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(site_dir, site)
    page = site / "es" / "faq" / "index.html"
    html = page.read_text("utf-8").replace('href="../get-involved/#events"', 'href="../get-involved/#nothing"')
    page.write_text(html.replace('href="../partners/"', 'href="../no-such-page/"', 1), "utf-8")
    result = check(site)
    assert result.returncode == 1
    assert "es/faq/index.html: ../get-involved/#nothing (no #nothing)" in result.stdout
    assert "es/faq/index.html: ../no-such-page/" in result.stdout


def test_site_built_for_a_project_path_has_no_broken_link(subpath_site, subpath_url):
    """GitHub Pages project sites live under /<repo>/: 404.html links there."""
    result = subprocess.run([sys.executable, str(CHECKER), str(subpath_site)], capture_output=True, text=True,
                            env={**os.environ, "SITE_URL": subpath_url})
    assert result.returncode == 0, result.stdout
    assert f"{urlsplit(subpath_url).path}ja/" in (subpath_site / "404.html").read_text("utf-8")
