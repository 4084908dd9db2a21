"""`make serve`'s server: the preview works in Chromium, live reload included."""

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from alliance_site.harness import copy_project, csp_violations, record_csp_violations


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("serve-project"))
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url + "ja/faq/", timeout=2)
            break
        except OSError:
            time.sleep(0.1)  # poll the starting server
    else:
        server.kill()
        pytest.fail("mkdocs serve did not answer within 60 s")
    yield project, url
    server.terminate()
    server.wait(timeout=10)


def test_preview_serves_every_language_and_reloads_on_save(browser_page, preview):
    project, url = preview
    page = browser_page
    record_csp_violations(page)
    page.goto(url + "ja/faq/")
    assert page.evaluate("document.documentElement.lang") == "ja"
    assert csp_violations(page) == []
    source = project / "docs" / "ja" / "faq.md"
    with page.expect_navigation(timeout=30_000):  # live reload reloads the page
        source.write_text(source.read_text("utf-8") + "\n追加の一文です。\n", "utf-8")
    assert "追加の一文です。" in page.inner_text("article")


def test_preview_reloads_when_shared_strings_change(browser_page, preview):
    project, url = preview
    page = browser_page
    page.goto(url + "ja/")
    strings = project / "data" / "strings" / "ja.yml"
    with page.expect_navigation(timeout=30_000):
        strings.write_text(strings.read_text("utf-8").replace("search_open: 検索", "search_open: サイト検索"), "utf-8")
    assert page.get_attribute("[data-site-search]", "aria-label") == "サイト検索"
