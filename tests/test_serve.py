"""The translators' preview (`make serve ONLY=ja`: SITE_DRAFTS=1 SITE_ONLY=ja
mkdocs serve) in Chromium: live reload on every save, one rebuild per save,
and search that catches up with the saves."""

import os
import subprocess
import sys
import time

import pytest

from alliance_site.harness import copy_project, csp_violations, fetch, free_port, record_csp_violations




def wait_until(condition, limit: float, what: str):
    """Poll `condition` (a check over HTTP or the server's log) until it holds."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if result := condition():
            return result
        time.sleep(0.1)
    pytest.fail(f"{what} within {limit:.0f} s")


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("serve-project"))
    port, log = free_port(), project / "serve.log"
    with log.open("w") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_DRAFTS": "1", "SITE_ONLY": "ja"},
            stdout=output, stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}/"
    wait_until(lambda: fetch(url + "ja/faq/"), 60, "mkdocs serve did not answer")
    yield project, url, lambda: log.read_text("utf-8").count("Building documentation...")
    server.kill()  # nothing to save: a graceful stop only waits for its threads
    server.wait(timeout=10)


def search_index(url: str) -> bytes | None:
    return fetch(url + "pagefind/pagefind-entry.json")


SEARCH = """async ([bundle, query]) => {
  const pagefind = await import(bundle);
  const found = await pagefind.search(query);
  return (await Promise.all(found.results.map((result) => result.data()))).map((result) => result.url);
}"""


def test_preview_serves_every_language_and_reloads_on_save(browser_page, preview):
    project, url, builds = preview
    page = browser_page
    record_csp_violations(page)
    page.goto(url + "ja/faq/")
    assert page.evaluate("document.documentElement.lang") == "ja"
    assert csp_violations(page) == []
    wait_until(lambda: search_index(url), 30, "the preview's first search index did not appear")
    index_before, builds_before = search_index(url), builds()
    source = project / "docs" / "ja" / "faq.md"
    with page.expect_navigation(timeout=30_000):  # live reload reloads the page
        source.write_text(source.read_text("utf-8") + "\n追加の一文です。\n", "utf-8")
    assert "追加の一文です。" in page.inner_text("article")
    # Search catches up in the background: the index changes, and finds the new sentence.
    wait_until(lambda: search_index(url) not in (None, index_before), 30, "the search index did not follow the save")
    urls = page.evaluate(SEARCH, [url + "pagefind/pagefind.js", "追加の一文"])
    assert "/ja/faq/" in urls
    # Reading files (the build reads every watched one) is no change: one save, one rebuild.
    assert builds() - builds_before == 1, "the preview rebuilt without a save"


def test_preview_reloads_when_shared_strings_change(browser_page, preview):
    project, url, _ = preview
    page = browser_page
    page.goto(url + "ja/")
    strings = project / "data" / "strings" / "ja.yml"
    with page.expect_navigation(timeout=30_000):
        strings.write_text(strings.read_text("utf-8").replace("search_open: 検索", "search_open: サイト検索"), "utf-8")
    assert page.get_attribute("[data-site-search]", "aria-label") == "サイト検索"
