"""Translation state from git history (alliance_site/git_state.py): translated /
outdated / missing / orphan / unknown, as `scripts/l10n.py status` shows it and
the build marks outdated translations; in a plain repository, in a subfolder of
a larger one, across branches, renames and non-ASCII names, shallow clones, a
long history (with the number of git processes counted), and without git."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import time
from pathlib import Path
from unittest import mock

from bs4 import BeautifulSoup

from alliance_site.harness import MINIMAL_CONFIG, build_site, commit, copy_project, git, git_env, markdown_page, page_url, run_l10n, write

from alliance_site import git_state
from alliance_site.config import site_languages


def cli_states(root: Path, top: Path | None = None) -> dict[tuple[str, str], str]:
    """{(page, lang): state} from `status --json`; `top` is the repository's top when the site is a subfolder."""
    result = run_l10n(root, "status", "--json", env=git_env(top or root))
    assert result.returncode == 0, result.stderr
    return {(row["page"], row["lang"]): row["state"] for row in json.loads(result.stdout)}


def states(root: Path, top: Path | None = None) -> dict[tuple[str, str], str]:
    """The same rows as `status --json`, read in this process (no Python start-up per call)."""
    with mock.patch.dict(os.environ, git_env(top or root), clear=True):
        rows = git_state.status_rows(root, site_languages(root))
    return {(row["page"], row["lang"]): row["state"] for row in rows}


def lines(*paragraphs: str) -> str:
    """A page whose paragraphs are far enough apart for git to merge edits to different ones."""
    filler = "filler line\n" * 4
    return "".join(f"{text}\n\n{filler}\n" for text in paragraphs)


# --------------------------------------------------------------------------- a plain repository


def test_committed_together_is_translated(repo):
    assert cli_states(repo)[("page.md", "ja")] == "translated"
    assert git_state.translation_state(repo, "ja", "page.md", "en") == "translated"


def test_translation_committed_after_english_is_translated(repo):
    write(repo / "docs" / "en" / "page.md", markdown_page("Page", "New sentence."))
    commit(repo, 2)
    write(repo / "docs" / "ja" / "page.md", markdown_page("ページ", "新しい文。"))
    commit(repo, 3)
    assert states(repo)[("page.md", "ja")] == "translated"


def test_english_committed_after_translation_is_outdated(repo):
    write(repo / "docs" / "en" / "page.md", markdown_page("Page", "New sentence."))
    commit(repo, 2)
    assert states(repo)[("page.md", "ja")] == "outdated"


def test_ancestry_wins_over_commit_dates(repo):
    """A translation committed after English, with a clock set in the past, is up to date."""
    write(repo / "docs" / "en" / "page.md", markdown_page("Page", "New sentence."))
    commit(repo, 20)
    write(repo / "docs" / "ja" / "page.md", markdown_page("ページ", "新しい文。"))
    commit(repo, 10)
    assert states(repo)[("page.md", "ja")] == "translated"


def test_uncommitted_translation_counts_as_changed_now(repo):
    write(repo / "docs" / "en" / "page.md", markdown_page("Page", "New sentence."))
    commit(repo, 2)
    write(repo / "docs" / "ja" / "page.md", markdown_page("ページ", "新しい文。"))  # not committed
    assert states(repo)[("page.md", "ja")] == "translated"


def test_missing_translation(repo):
    assert states(repo)[("page.md", "es")] == "missing"


def test_orphan_translation(repo):
    write(repo / "docs" / "ja" / "old.md", markdown_page("古い", "削除された英語ページの翻訳。"))
    commit(repo, 2)
    result = states(repo)
    assert result[("old.md", "ja")] == "orphan"
    assert ("old.md", "es") not in result


def test_status_table_lists_every_page_and_language(repo):
    write(repo / "docs" / "en" / "page.md", markdown_page("Page", "New sentence."))
    commit(repo, 2)
    result = run_l10n(repo, "status", env=git_env(repo))
    lines_ = result.stdout.splitlines()
    assert lines_[0].split() == ["page", "ja", "es"]
    assert lines_[1].split() == ["page.md", "outdated", "missing"]
    assert "diff LANG PAGE" in result.stdout


# --------------------------------------------------------------------------- branches


def branch_repo(tmp_path: Path) -> Path:
    """English and Japanese committed on main; a branch `side` forked there."""
    write(tmp_path / "mkdocs.yml", MINIMAL_CONFIG)
    write(tmp_path / "docs" / "en" / "page.md", lines("First.", "Last."))
    write(tmp_path / "docs" / "ja" / "page.md", lines("最初。", "最後。"))
    git(tmp_path, "init", "-q", "-b", "main")
    commit(tmp_path, 1)
    git(tmp_path, "branch", "side")
    return tmp_path


def test_english_change_on_a_merged_branch_is_outdated(tmp_path):
    """English edited on two branches, the translation updated on one of them only:
    outdated once merged, however the commit dates fall; translated once updated after the merge."""
    repo_ = branch_repo(tmp_path)
    git(repo_, "switch", "-q", "side")
    write(repo_ / "docs" / "en" / "page.md", lines("First, on the branch.", "Last."))
    commit(repo_, 2, "English on the branch")  # older than the English change on main
    git(repo_, "switch", "-q", "main")
    write(repo_ / "docs" / "en" / "page.md", lines("First.", "Last, on main."))
    commit(repo_, 3, "English on main")
    write(repo_ / "docs" / "ja" / "page.md", lines("最初。", "最後、main で。"))
    commit(repo_, 4, "Japanese on main: reviews main's English only")
    assert states(repo_)[("page.md", "ja")] == "translated"
    git(repo_, "merge", "-q", "--no-edit", "side", date="2024-01-05T12:00:00+00:00")
    assert (repo_ / "docs" / "en" / "page.md").read_text("utf-8").startswith("First, on the branch.")
    assert states(repo_)[("page.md", "ja")] == "outdated"
    diff = run_l10n(repo_, "diff", "ja", "page.md", env=git_env(repo_))
    assert "+First, on the branch." in diff.stdout and "Last, on main" not in diff.stdout
    write(repo_ / "docs" / "ja" / "page.md", lines("最初、ブランチで。", "最後、main で。"))
    commit(repo_, 6)
    assert states(repo_)[("page.md", "ja")] == "translated"


def test_translations_on_both_branches_cover_both_english_changes(tmp_path):
    """Each branch updated its translation after its own English change: translated after the merge,
    although the newest translation commit has only one of the English changes in its history."""
    repo_ = branch_repo(tmp_path)
    git(repo_, "switch", "-q", "side")
    write(repo_ / "docs" / "en" / "page.md", lines("First, on the branch.", "Last."))
    commit(repo_, 2)
    write(repo_ / "docs" / "ja" / "page.md", lines("最初、ブランチで。", "最後。"))
    commit(repo_, 3)
    git(repo_, "switch", "-q", "main")
    write(repo_ / "docs" / "en" / "page.md", lines("First.", "Last, on main."))
    commit(repo_, 4)
    write(repo_ / "docs" / "ja" / "page.md", lines("最初。", "最後、main で。"))
    commit(repo_, 5)
    git(repo_, "merge", "-q", "--no-edit", "side", date="2024-01-06T12:00:00+00:00")
    assert states(repo_)[("page.md", "ja")] == "translated"


def test_state_is_that_of_the_checked_out_branch_in_a_linked_worktree(tmp_path):
    """A `git worktree` checkout on another branch has its own states; the main checkout keeps its own."""
    top = tmp_path / "main"
    write(top / "website" / "mkdocs.yml", MINIMAL_CONFIG)
    write(top / "website" / "docs" / "en" / "page.md", markdown_page("Page", "Old."))
    write(top / "website" / "docs" / "ja" / "page.md", markdown_page("ページ", "古い。"))
    git(top, "init", "-q", "-b", "main")
    commit(top, 1)
    git(top, "worktree", "add", "-q", "-b", "feature", str(tmp_path / "feature"))
    feature = tmp_path / "feature"
    write(feature / "website" / "docs" / "en" / "page.md", markdown_page("Page", "New."))
    commit(feature, 2)
    assert states(feature / "website", top=tmp_path)[("page.md", "ja")] == "outdated"
    assert states(top / "website", top=tmp_path)[("page.md", "ja")] == "translated"


def test_site_in_a_submodule(repo, tmp_path_factory):
    """The site is a submodule of another repository (its .git is a file): its own history counts."""
    write(repo / "docs" / "en" / "page.md", markdown_page("Page", "New sentence."))
    commit(repo, 2)
    outer = tmp_path_factory.mktemp("outer")
    write(outer / "README.md", "Outer project.\n")
    git(outer, "init", "-q")
    git(outer, "-c", "protocol.file.allow=always", "submodule", "add", "-q", f"file://{repo}", "site")
    commit(outer, 3)
    site = outer / "site"
    assert (site / ".git").is_file()
    assert states(site, top=outer)[("page.md", "ja")] == "outdated"


# --------------------------------------------------------------------------- the site in a subfolder


def monorepo(top: Path) -> Path:
    """A repository whose top holds other projects with their own history (one with a
    docs/en/page.md of its own) and the site in website/."""
    site = top / "website"
    write(site / "mkdocs.yml", MINIMAL_CONFIG)
    write(site / "docs" / "en" / "page.md", markdown_page("Page", "Old sentence."))
    write(site / "docs" / "ja" / "page.md", markdown_page("ページ", "古い文。"))
    write(top / "app" / "main.py", "print('app')\n")
    write(top / "docs" / "en" / "page.md", "Developer docs, not the site.\n")
    git(top, "init", "-q")
    commit(top, 1, "app, developer docs and site")
    write(top / "app" / "main.py", "print('app 2')\n")
    commit(top, 2, "app only")
    return site


def test_site_in_a_subfolder_of_a_larger_repository(tmp_path):
    site = monorepo(tmp_path)
    assert cli_states(site, top=tmp_path) == {("page.md", "ja"): "translated", ("page.md", "es"): "missing"}
    write(site / "docs" / "en" / "page.md", markdown_page("Page", "New sentence."))
    commit(tmp_path, 3, "English")
    write(tmp_path / "docs" / "ja" / "page.md", "Developer docs, translated: outside the site.\n")
    write(tmp_path / "app" / "main.py", "print('app 3')\n")
    commit(tmp_path, 4, "developer docs and app: outside the site")
    assert states(site, top=tmp_path)[("page.md", "ja")] == "outdated"
    diff = run_l10n(site, "diff", "ja", "page.md", env=git_env(tmp_path))
    assert "+New sentence." in diff.stdout and "Developer docs" not in diff.stdout
    write(site / "docs" / "ja" / "page.md", markdown_page("ページ", "新しい文。"))
    commit(tmp_path, 5, "Japanese")
    assert states(site, top=tmp_path)[("page.md", "ja")] == "translated"


def test_subfolder_paths_whatever_diff_relative_says(tmp_path):
    """diff.relative=true makes `git log` print paths from the subfolder: the snapshot must not care."""
    site = monorepo(tmp_path)
    write(site / "docs" / "en" / "page.md", markdown_page("Page", "New sentence."))
    commit(tmp_path, 3)
    git(tmp_path, "config", "diff.relative", "true")
    assert states(site, top=tmp_path)[("page.md", "ja")] == "outdated"


def test_built_subfolder_site_marks_outdated_translations(tmp_path, tmp_path_factory):
    """The real project in website/ of a larger repository: the English FAQ committed after the
    translations; Spanish updated since, Japanese not. Only the Japanese FAQ carries the notice."""
    (tmp_path / "website").mkdir()
    site = copy_project(tmp_path / "website")
    write(tmp_path / "app" / "main.py", "print('app')\n")
    git(tmp_path, "init", "-q")
    commit(tmp_path, 1, "site and app")
    faq = site / "docs" / "en" / "faq.md"
    faq.write_text(faq.read_text("utf-8").replace("No. There is no cost", "No. There is still no cost"), "utf-8")
    write(tmp_path / "app" / "main.py", "print('app 2')\n")
    commit(tmp_path, 2, "English FAQ and app")
    spanish = site / "docs" / "es" / "faq.md"
    spanish.write_text(spanish.read_text("utf-8").replace("No. Unirse", "No. Todavía, unirse"), "utf-8")
    commit(tmp_path, 3, "Spanish FAQ reviewed")
    expected = {("faq.md", "ja"): "outdated", ("faq.md", "es"): "translated", ("index.md", "ja"): "translated"}
    assert {key: cli_states(site, top=tmp_path)[key] for key in expected} == expected

    output = tmp_path_factory.mktemp("built")
    result = build_site(site, output, env=git_env(tmp_path))
    assert result.returncode == 0, result.stderr

    def notice(lang: str, name: str):
        html = (output / page_url(lang, name) / "index.html").read_text("utf-8")
        return BeautifulSoup(html, "html.parser").select_one(".site-notice")

    ja_notice = notice("ja", "faq.md")
    assert ja_notice is not None and "この翻訳の最終更新以降に変更" in ja_notice.get_text()
    assert ja_notice.select_one('a[hreflang="en"]')["href"].endswith("faq/")
    assert notice("es", "faq.md") is None  # updated after English
    assert notice("ja", "index.md") is None  # English unchanged


# --------------------------------------------------------------------------- renames and non-ASCII names


def test_renamed_pages(repo):
    git(repo, "mv", "docs/en/page.md", "docs/en/moved.md")
    git(repo, "mv", "docs/ja/page.md", "docs/ja/moved.md")
    commit(repo, 2, "rename both")
    assert states(repo) == {("moved.md", "ja"): "translated", ("moved.md", "es"): "missing"}
    git(repo, "mv", "docs/en/moved.md", "docs/en/renamed.md")
    commit(repo, 3, "rename English only")
    assert states(repo) == {("moved.md", "ja"): "orphan", ("renamed.md", "ja"): "missing",
                            ("renamed.md", "es"): "missing"}
    git(repo, "mv", "docs/ja/moved.md", "docs/ja/renamed.md")  # staged, not committed
    assert states(repo) == {("renamed.md", "ja"): "translated", ("renamed.md", "es"): "missing"}


def test_staged_rename_of_an_outdated_translation_counts_as_changed_now(repo):
    write(repo / "docs" / "en" / "page.md", markdown_page("Page", "New sentence."))
    commit(repo, 2)
    git(repo, "mv", "docs/en/page.md", "docs/en/zz-new.md")
    commit(repo, 3)
    assert states(repo)[("page.md", "ja")] == "orphan"
    git(repo, "mv", "docs/ja/page.md", "docs/ja/zz-new.md")
    assert states(repo)[("zz-new.md", "ja")] == "translated"


def test_non_ascii_names_in_a_non_ascii_subfolder(tmp_path):
    """`sité/docs/en/résumé.md`: paths arrive unquoted (-z) and map back to the site."""
    site = tmp_path / "sité"
    write(site / "mkdocs.yml", MINIMAL_CONFIG)
    write(site / "docs" / "en" / "résumé.md", markdown_page("Résumé", "Old."))
    write(site / "docs" / "ja" / "résumé.md", markdown_page("レジュメ", "古い。"))
    write(site / "docs" / "en" / "naïve.md", markdown_page("Naïve", "Text."))
    git(tmp_path, "init", "-q")
    commit(tmp_path, 1)
    assert states(site, top=tmp_path)[("résumé.md", "ja")] == "translated"
    write(site / "docs" / "en" / "résumé.md", markdown_page("Résumé", "New."))
    commit(tmp_path, 2)
    assert states(site, top=tmp_path)[("résumé.md", "ja")] == "outdated"
    write(site / "docs" / "ja" / "résumé.md", markdown_page("レジュメ", "新しい。"))  # uncommitted edit
    write(site / "docs" / "ja" / "naïve.md", markdown_page("ナイーブ", "本文。"))  # untracked translation
    assert states(site, top=tmp_path) == {
        ("résumé.md", "ja"): "translated", ("naïve.md", "ja"): "translated",
        ("résumé.md", "es"): "missing", ("naïve.md", "es"): "missing",
    }
    diff = run_l10n(site, "diff", "ja", "résumé.md", env=git_env(tmp_path))
    assert "has uncommitted edits" in diff.stdout and "+New." in diff.stdout


# --------------------------------------------------------------------------- shallow clones, no git


def test_shallow_clone_is_unknown_with_a_hint(repo, tmp_path_factory):
    write(repo / "docs" / "en" / "page.md", markdown_page("Page", "New sentence."))
    commit(repo, 2)
    clone = tmp_path_factory.mktemp("clones") / "shallow"
    git(clone.parent, "clone", "-q", "--depth", "1", f"file://{repo}", str(clone))
    assert cli_states(clone) == {("page.md", "ja"): "unknown", ("page.md", "es"): "missing"}
    status = run_l10n(clone, "status", env=git_env(clone))
    assert status.returncode == 0 and git_state.SHALLOW_HINT in status.stdout
    assert "git fetch --unshallow" in status.stdout
    diff = run_l10n(clone, "diff", "ja", "page.md", env=git_env(clone))
    assert diff.returncode == 1 and git_state.SHALLOW_HINT in diff.stdout


def test_unknown_without_git(repo, tmp_path_factory):
    tarball = tmp_path_factory.mktemp("tarball")
    shutil.copytree(repo, tarball, dirs_exist_ok=True, ignore=shutil.ignore_patterns(".git"))
    assert states(tarball) == {("page.md", "ja"): "unknown", ("page.md", "es"): "missing"}
    table = run_l10n(tarball, "status", env=git_env(tarball))
    assert table.returncode == 0
    assert "unknown" in table.stdout and "no git history" in table.stdout
    assert git_state.NOT_A_REPOSITORY in table.stdout


def test_unknown_when_git_is_not_installed(repo, tmp_path_factory):
    no_git = {**git_env(repo), "PATH": str(tmp_path_factory.mktemp("empty-bin"))}
    status = run_l10n(repo, "status", env=no_git)
    assert status.returncode == 0, status.stderr
    assert status.stdout.splitlines()[1].split() == ["page.md", "unknown", "missing"]
    assert f"unknown: {git_state.NO_GIT}." in status.stdout
    diff = run_l10n(repo, "diff", "ja", "page.md", env=no_git)
    assert diff.returncode == 1 and git_state.NO_GIT in diff.stdout


def test_repository_git_refuses_says_why(repo):
    """A checkout owned by another user (CI containers): git's reason and its fix, not "not a repository"."""
    refused = {**git_env(repo), "GIT_TEST_ASSUME_DIFFERENT_OWNER": "1"}
    status = run_l10n(repo, "status", env=refused)
    assert status.stdout.splitlines()[1].split() == ["page.md", "unknown", "missing"]
    assert "unknown: git cannot read this repository (detected dubious ownership" in status.stdout
    assert f"git config --global --add safe.directory {repo}" in status.stdout
    assert git_state.NOT_A_REPOSITORY not in status.stdout


def test_nothing_committed_yet_is_unknown(tmp_path):
    write(tmp_path / "mkdocs.yml", MINIMAL_CONFIG)
    write(tmp_path / "docs" / "en" / "page.md", markdown_page("Page", "Text."))
    write(tmp_path / "docs" / "ja" / "page.md", markdown_page("ページ", "本文。"))
    git(tmp_path, "init", "-q")
    status = run_l10n(tmp_path, "status", env=git_env(tmp_path))
    assert status.stdout.splitlines()[1].split() == ["page.md", "unknown", "missing"]
    assert f"unknown: {git_state.NO_HISTORY}." in status.stdout


# --------------------------------------------------------------------------- git processes


def counting_git(folder: Path) -> tuple[Path, Path]:
    """A `git` that logs each run to a file, then runs the real git: (bin folder, log file)."""
    real, log = shutil.which("git"), folder / "git-runs.log"
    wrapper = folder / "bin" / "git"
    write(wrapper, f'#!/bin/sh\nprintf "%s\\n" "$*" >> "{log}"\nexec "{real}" "$@"\n')
    wrapper.chmod(wrapper.stat().st_mode | stat.S_IXUSR)
    return wrapper.parent, log


def fast_import_history(top: Path, pages: int) -> dict[tuple[str, str], str]:
    """Write a long history with one `git fast-import`: all pages in English and Japanese, then each
    English page changed, its translation updated for two pages in three; every 25th English change
    made on a branch merged after Japanese moved on. Returns the expected states."""
    stream, mark, day = [], 0, 0

    def data(text: str) -> bytes:
        raw = text.encode("utf-8")
        return b"data %d\n%s\n" % (len(raw), raw)

    def new_commit(message: str, files: dict[str, str], parent: int | None, merge: int | None = None,
                   ref: str = "refs/heads/main") -> int:
        nonlocal mark, day
        mark, day = mark + 1, day + 1
        when = 1704067200 + day * 3600
        stream.append(b"commit %s\nmark :%d\n" % (ref.encode(), mark))
        stream.append(b"author T <t@example.org> %d +0000\ncommitter T <t@example.org> %d +0000\n" % (when, when))
        stream.append(data(message))
        if parent:
            stream.append(b"from :%d\n" % parent)
        if merge:
            stream.append(b"merge :%d\n" % merge)
        for path, text in files.items():
            stream.append(b"M 100644 inline %s\n" % path.encode("utf-8") + data(text))
        return mark

    names = [f"p{i:03d}.md" for i in range(pages)]
    files = {"mkdocs.yml": MINIMAL_CONFIG}
    for name in names:
        files[f"docs/en/{name}"] = markdown_page(name, "English 1.")
        files[f"docs/ja/{name}"] = markdown_page(name, "日本語 1。")
    tip = new_commit("all pages", files, None)
    expected = {}
    for i, name in enumerate(names):
        english = {f"docs/en/{name}": markdown_page(name, "English 2.")}
        if i % 25 == 0:  # English on a branch; Japanese moves on without it; then the merge
            side = new_commit(f"English {name} on a branch", english, tip, ref="refs/heads/side")
            tip = new_commit(f"Japanese {name} on main", {f"docs/ja/{name}": markdown_page(name, "日本語 1.5。")}, tip)
            tip = new_commit(f"merge {name}", english, tip, merge=side)
            expected[(name, "ja")] = "outdated"
            continue
        tip = new_commit(f"English {name}", english, tip)
        if i % 3:
            tip = new_commit(f"Japanese {name}", {f"docs/ja/{name}": markdown_page(name, "日本語 2。")}, tip)
        expected[(name, "ja")] = "translated" if i % 3 else "outdated"
    expected |= {(name, "es"): "missing" for name in names}
    subprocess.run(["git", "init", "-q", "-b", "main", str(top)], env=git_env(top), check=True)
    subprocess.run(["git", "fast-import", "--quiet"], cwd=top, input=b"".join(stream), env=git_env(top), check=True)
    git(top, "reset", "-q", "--hard", "main")
    return expected


def test_long_history_costs_a_fixed_number_of_git_processes(tmp_path):
    """600 page files and some 500 commits (merges among them): `status` runs 3 git processes
    (at most 4), not one per page or per commit."""
    top = tmp_path / "site"
    expected = fast_import_history(top, pages=300)
    commits = subprocess.run(["git", "rev-list", "--count", "HEAD"], cwd=top, env=git_env(top),
                             capture_output=True, text=True, check=True)
    assert int(commits.stdout) > 450
    folder, log = counting_git(tmp_path)
    env = {**git_env(top), "PATH": f"{folder}{os.pathsep}{os.environ['PATH']}"}
    started = time.perf_counter()
    result = run_l10n(top, "status", "--json", env=env)
    seconds = time.perf_counter() - started
    assert result.returncode == 0, result.stderr
    assert {(row["page"], row["lang"]): row["state"] for row in json.loads(result.stdout)} == expected
    runs = log.read_text().splitlines()
    print(f"status on {len(expected) // 2} pages x 2 languages, {commits.stdout.strip()} commits: "
          f"{len(runs)} git processes, {seconds:.2f} s")
    assert 1 <= len(runs) <= 4, runs


def test_without_a_repository_git_runs_once_not_once_per_page(repo, tmp_path_factory):
    tarball = tmp_path_factory.mktemp("tarball")
    shutil.copytree(repo, tarball, dirs_exist_ok=True, ignore=shutil.ignore_patterns(".git"))
    for n in range(20):
        write(tarball / "docs" / "en" / f"p{n}.md", markdown_page(f"P{n}", "Text."))
        write(tarball / "docs" / "ja" / f"p{n}.md", markdown_page(f"P{n}", "本文。"))
    folder, log = counting_git(tmp_path_factory.mktemp("counter"))
    env = {**git_env(tarball), "PATH": f"{folder}{os.pathsep}{os.environ['PATH']}"}
    result = run_l10n(tarball, "status", "--json", env=env)
    assert {row["state"] for row in json.loads(result.stdout) if row["lang"] == "ja"} == {"unknown"}
    assert len(log.read_text().splitlines()) == 1


def test_snapshot_counts_its_processes(repo):
    snapshot = git_state.GitSnapshot.read(repo)
    rows = git_state.status_rows(repo, site_languages(repo), snapshot)
    assert [row["state"] for row in rows] == ["translated", "missing"]
    assert snapshot.processes == 3 and snapshot.problem is None
