"""Is a translation up to date with its English page? Read from git history.

A translation's state:
  translated  the last commit touching the English page is an ancestor of (or
              is) the last commit touching the translation; a translation with
              uncommitted changes (or not yet committed) counts as changed now
              (`diff` ignores such edits: it shows English since the last commit).
  outdated    English was committed after the translation was last changed.
  missing     no translation file: the site shows the English page.
  orphan      a translation whose English page no longer exists.
  unknown     no git history to compare: not a git work tree, git not
              installed, the English page never committed, or a shallow clone
              (history cut off: fetch it whole with `git fetch --unshallow`).

The site may live in a subfolder of a larger repository (`website/` in a
monorepo): git prints paths from the repository's top, which are turned back
into paths under the site's root. Paths are read NUL-separated (-z), so renames
and non-ASCII names arrive as they are. A snapshot costs a fixed number of git
processes however many pages there are: history is read once, and ancestry is
answered from one read of the commit graph, cached per commit pair.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from alliance_site.config import Language, markdown_pages

STATES = ("translated", "outdated", "missing", "orphan", "unknown")
SHALLOW_HINT = ("this is a shallow clone: history is cut off, so outdated translations cannot be found; "
                "fetch the whole history (git fetch --unshallow; in CI: fetch-depth: 0)")
COMMIT_MARK = "commit:"


def git(root: Path, *args: str) -> subprocess.CompletedProcess | None:
    """Run git in root; None when git is not installed or the command failed."""
    try:
        result = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True,
                                encoding="utf-8", errors="surrogateescape", check=False)
    except OSError:
        return None
    return result if result.returncode == 0 else None


def nul_fields(output: str) -> Iterator[str]:
    for token in output.split("\0"):
        token = token.lstrip("\n")
        if token:
            yield token


@dataclass
class Repository:
    """Where the site sits inside its git repository."""

    root: Path
    prefix: str  # the site's folder from the repository's top: "" or "website/"
    shallow: bool

    @classmethod
    def find(cls, root: Path) -> Repository | None:
        result = git(root, "rev-parse", "--is-inside-work-tree", "--show-prefix", "--is-shallow-repository")
        if result is None:
            return None
        inside, prefix, shallow = (result.stdout.splitlines() + ["", "", ""])[:3]
        if inside.strip() != "true":
            return None
        return cls(Path(root), prefix.strip(), shallow.strip() == "true")

    def site_path(self, top_path: str) -> str | None:
        """A path from the repository's top as a path under the site's root (None if outside)."""
        return top_path[len(self.prefix):] if top_path.startswith(self.prefix) else None


@dataclass
class GitSnapshot:
    """What translation states need from git for the whole docs/ tree."""

    repository: Repository
    last_commits: dict[str, str]  # site path -> newest commit touching it
    changed: set[str]  # site paths with uncommitted changes (or untracked)
    _parents: dict[str, list[str]] | None = None
    _ancestry: dict[tuple[str, str], bool] = field(default_factory=dict)
    processes: int = 0  # git processes this snapshot started (reported by the benchmark)

    @classmethod
    def read(cls, root: Path, folder: str = "docs") -> GitSnapshot | None:
        repository = Repository.find(root)
        if repository is None:
            return None
        log = git(root, "log", "-z", "--no-renames", f"--format={COMMIT_MARK}%H", "--name-only", "--", folder)
        last_commits: dict[str, str] = {}
        commit = None
        for token in nul_fields(log.stdout if log else ""):
            if token.startswith(COMMIT_MARK):
                commit = token[len(COMMIT_MARK):]
            elif commit and (path := repository.site_path(token)) is not None:
                last_commits.setdefault(path, commit)  # newest first
        status = git(root, "status", "--porcelain=v1", "-z", "--untracked-files=all", "--", folder)
        changed = set()
        tokens = list(nul_fields(status.stdout if status else ""))
        index = 0
        while index < len(tokens):
            entry = tokens[index]
            if (path := repository.site_path(entry[3:])) is not None:
                changed.add(path)
            index += 2 if entry[:2].strip()[:1] in ("R", "C") else 1  # a rename's old path follows
        return cls(repository, last_commits, changed, processes=3)

    def is_ancestor(self, older: str, newer: str) -> bool:
        """Is `older` in the history of `newer`? One read of the commit graph, cached per pair."""
        if older == newer:
            return True
        key = (older, newer)
        if key not in self._ancestry:
            self._ancestry[key] = older in self._history(newer, stop=older)
        return self._ancestry[key]

    def _history(self, start: str, stop: str) -> set[str]:
        if self._parents is None:
            graph = git(self.repository.root, "rev-list", "--parents", "HEAD")
            self.processes += 1
            self._parents = {}
            for line in graph.stdout.splitlines() if graph else []:
                commit, *parents = line.split()
                self._parents[commit] = parents
        seen, todo = set(), [start]
        while todo and stop not in seen:
            commit = todo.pop()
            if commit not in seen:
                seen.add(commit)
                todo += self._parents.get(commit, [])
        return seen


def translation_state(root: Path | str, lang: str, page: str, default_lang: str = "en",
                      snapshot: GitSnapshot | None = None) -> str:
    """State of docs/<lang>/<page> against docs/<default_lang>/<page> (see module docstring).

    Pass a GitSnapshot.read(root) to answer many pages with a fixed number of git processes."""
    root = Path(root)
    source, target = f"docs/{default_lang}/{page}", f"docs/{lang}/{page}"
    if not (root / target).is_file():
        return "missing"
    if not (root / source).is_file():
        return "orphan"
    if snapshot is None:
        snapshot = GitSnapshot.read(root)
    if snapshot is None or snapshot.repository.shallow:
        return "unknown"
    if target in snapshot.changed:
        return "translated"
    english, translation = snapshot.last_commits.get(source), snapshot.last_commits.get(target)
    if english is None or translation is None:
        return "unknown"
    return "translated" if snapshot.is_ancestor(english, translation) else "outdated"


def status_rows(root: Path, languages: list[Language], snapshot: GitSnapshot | None = None) -> list[dict]:
    """One row per (page, language) where the English page or the translation exists."""
    default, others = languages[0], languages[1:]
    english = markdown_pages(root / "docs" / default.code)
    rows = []
    for language in others:
        for page in sorted(set(english) | set(markdown_pages(root / "docs" / language.code))):
            state = translation_state(root, language.code, page, default.code, snapshot)
            rows.append({"page": page, "lang": language.code, "state": state,
                         "draft": language.draft, "path": f"docs/{language.code}/{page}"})
    return rows


def last_commit(root: Path, path: str) -> str | None:
    """Hash of the last commit touching path, or None."""
    result = git(root, "log", "-1", "--format=%H", "--", path)
    return result.stdout.strip() or None if result else None


def has_uncommitted_edits(root: Path, path: str) -> bool:
    result = git(root, "status", "--porcelain", "--untracked-files=all", "--", path)
    return bool(result and result.stdout.strip())
