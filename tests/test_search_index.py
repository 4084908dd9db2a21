"""The search index a build writes: each language is indexed while the next one
builds (alliance_site.search.LanguageIndexer), and the bundle is exactly what
one Pagefind run over the finished site gives."""

import hashlib
import os
import subprocess
import sys
import time

import pytest

from alliance_site.harness import BUILD_ENV, build_site, copy_project
from alliance_site.problems import ProjectError
from alliance_site import search
from alliance_site.search import BUNDLE, LanguageIndexer, index_site, language_glob, language_paths, read_entry_file


def digests(bundle):
    return {str(path.relative_to(bundle)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(bundle.rglob("*")) if path.is_file()}


def test_bundle_built_language_by_language_equals_one_run_over_the_site(drafts_site, tmp_path):
    """Six languages (right-to-left and CJK ones among them)."""
    assert digests(drafts_site / BUNDLE) == digests(index_site(drafts_site, tmp_path / "one-run"))


def test_a_language_with_no_page_of_its_own_stays_out_of_search(tmp_path):
    """Spanish with nothing translated: every page an English fallback, none
    marked for Pagefind (which would otherwise index their whole bodies)."""
    project = copy_project(tmp_path, skip_content=("es",))
    site = tmp_path / "built"
    result = build_site(project, site, env={"SITE_ONLY": "es"})
    assert result.returncode == 0, result.stderr
    assert (site / "es" / "faq" / "index.html").is_file()
    languages = read_entry_file(site / BUNDLE)["languages"]
    assert sorted(languages) == ["en"]
    assert digests(site / BUNDLE) == digests(index_site(site, tmp_path / "one-run"))


def test_each_language_glob_lists_its_own_folders_and_pages(tmp_path):
    for name in ["index.html", "404.html", "faq/index.html", "assets/x.js", "report [2024].pdf", "a$b/index.html",
                 "c(d)/index.html", "ja/index.html", "es/index.html", f"{BUNDLE}/pagefind.js"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", "utf-8")
    codes = ["en", "ja", "es"]
    english = language_paths(tmp_path, "en", "en", codes)
    assert [path.name for path in english] == ["404.html", "a$b", "assets", "c(d)", "faq", "index.html"]
    # $ ( ) are glob syntax: escaped, so that a$b matches only itself
    assert language_glob(english, "en") == (
        "{404.html,a\\$b/**/*.html,assets/**/*.html,c\\(d\\)/**/*.html,faq/**/*.html,index.html}")
    assert language_glob(language_paths(tmp_path, "ja", "en", codes), "en") == "{ja/**/*.html}"


def test_a_name_pagefind_cannot_take_stops_the_build_with_its_path(tmp_path):
    (tmp_path / "a\\b").mkdir()
    with pytest.raises(ProjectError, match=r"a\\b: Pagefind cannot be given a name with a backslash\. Rename the page"):
        language_glob(language_paths(tmp_path, "en", "en", ["en"]), "en")


def test_a_dirty_build_keeps_every_language_in_search(tmp_path):
    """`mkdocs build --dirty` renders only changed pages; search still has them all."""
    project = copy_project(tmp_path)
    site = tmp_path / "built"
    assert build_site(project, site, env={"SITE_ONLY": "ja"}).returncode == 0
    (project / "docs" / "en" / "faq.md").touch()
    # not --strict: MkDocs warns that a dirty build is for development only
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--dirty", "--site-dir", str(site)],
                            cwd=project, env={**os.environ, **BUILD_ENV, "SITE_ONLY": "ja"},
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    languages = read_entry_file(site / BUNDLE)["languages"]
    assert sorted(languages) == ["en", "ja"]


def test_stopping_kills_the_run_in_progress(tmp_path, monkeypatch):
    """What a failed build does (hooks/search_index.py, on_build_error): no
    Pagefind outlives it to write into the next build's folder."""
    monkeypatch.setattr(search, "pagefind_command", lambda site, output=None: [
        sys.executable, "-c", "import time; time.sleep(20)"])  # a Pagefind run still going
    indexer = LanguageIndexer(tmp_path)
    indexer.add("ja/**/*.html")
    indexer.add("es/**/*.html")
    deadline = time.monotonic() + 10
    while indexer.process is None and time.monotonic() < deadline:
        time.sleep(0.05)
    running = indexer.process
    assert running is not None
    started = time.monotonic()
    indexer.stop()
    assert time.monotonic() - started < 5
    assert running.poll() is not None and not indexer.worker.is_alive()


def test_a_language_found_in_two_runs_fails_the_index(tmp_path):
    """Two folders whose pages claim the same <html lang>: the merge would drop one."""
    for name in ["index.html", "other/index.html"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("<html lang=en><body data-pagefind-body>Hello</body></html>", "utf-8")
    indexer = LanguageIndexer(tmp_path)
    indexer.add("index.html")
    indexer.add("other/**/*.html")
    with pytest.raises(ProjectError, match=r"pages of en \(by their <html lang>\) are in more than one language's folder"):
        indexer.finish()


def test_a_failing_pagefind_run_fails_the_index_with_its_output(tmp_path):
    (tmp_path / "index.html").write_text("<html lang=en><body data-pagefind-body>Hello</body></html>", "utf-8")
    indexer = LanguageIndexer(tmp_path)
    indexer.add("index.html")
    indexer.add("no-such-folder/**/*.html")  # Pagefind finds no HTML file: exit 1
    with pytest.raises(ProjectError, match=r"Pagefind could not index .* \(exit 1\):(.|\n)*not able to build an index"):
        indexer.finish()


def test_any_failure_while_indexing_fails_the_index(tmp_path, monkeypatch):
    """Not only Pagefind's own: a bundle that cannot be read stops the build too,
    rather than leaving a site whose search misses a language."""
    (tmp_path / "index.html").write_text("<html lang=en><body data-pagefind-body>Hello</body></html>", "utf-8")

    def unreadable(bundle):
        raise OSError(f"cannot read {bundle}")

    monkeypatch.setattr(search, "read_entry_file", unreadable)
    indexer = LanguageIndexer(tmp_path)
    indexer.add("index.html")
    with pytest.raises(ProjectError, match=r"Pagefind indexing of .* \(index\.html\) failed: OSError\('cannot read"):
        indexer.finish()
