"""Is a translation up to date with its English page? Read from git history.

A translation's state:
  translated  every commit touching the English page is in the history of (or
              is) a commit touching the translation; a translation with
              uncommitted changes (or not yet committed) counts as changed now
              (`diff` ignores such edits: it shows English since the last commit).
  outdated    English was committed and no later translation commit has it in
              its history (on a straight history: English committed after the
              translation was last changed; across merged branches: an English
              change on one branch, a translation update on another).
  missing     no translation file: the site shows the English page.
  orphan      a translation whose English page no longer exists (e.g. the
              English page was renamed and the translation was not).
  unknown     no git history to compare: git not installed, not a git work
              tree (or one git refuses, e.g. owned by another user), a shallow clone (history cut off: fetch it whole with
              `git fetch --unshallow`), or the English page never committed.
              GitSnapshot.problem says which, for the whole tree.

States are those of the checked-out commit (HEAD), whatever branch it is on.

The site may live in a subfolder of a larger repository (`website/` in a
monorepo), a linked worktree or a submodule: git prints paths from the top of
the repository, which are turned back into paths under the site's root (with
diff.relative forced off, which would otherwise print them from the subfolder).
Paths are read NUL-separated (-z), so renames and non-ASCII names arrive as
they are; pathspecs are literal (a page may be called `[draft].md`).

A snapshot costs at most 3 git processes however many pages and commits there
are (GitSnapshot.processes counts them): rev-parse (where and what the repository
is), one `git log` of docs/ that gives both the files each commit touched and the
history graph of those commits (parents rewritten by git to the nearest commit
that touches docs/), and one `git status` for uncommitted changes. Ancestry is
then answered in Python from that graph.
"""

from __future__ import annotations

import heapq
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from alliance_site.config import Language, markdown_pages

STATES = ("translated", "outdated", "missing", "orphan", "unknown")
SHALLOW_HINT = ("this is a shallow clone: history is cut off, so outdated translations cannot be found; "
                "fetch the whole history (git fetch --unshallow; in CI: fetch-depth: 0)")
NO_GIT = "git is not installed (or not on PATH), so there is no git history to compare: install git"
NOT_A_REPOSITORY = ("not inside a git work tree (a copy without .git?), so there is no git history to compare: "
                    "run inside a git clone")
NO_HISTORY = "no git history to compare (commit the pages, or run inside a git clone)"
COMMIT_MARK = "commit:"

# Options that make git's output the same whatever the user's configuration says.
GIT_OPTIONS = ("--literal-pathspecs", "--no-optional-locks",
               "-c", "diff.relative=false",  # else log prints paths from the subfolder, not the top
               "-c", "log.follow=false", "-c", "log.showSignature=false", "-c", "color.ui=never")


class GitMissing(Exception):
    """git is not installed (or not on PATH)."""


def run_git(root: Path, *args: str) -> subprocess.CompletedProcess:
    """Run git in root (raises GitMissing when there is no git to run)."""
    try:
        return subprocess.run(["git", *GIT_OPTIONS, "-C", str(root), *args], capture_output=True, text=True,
                              encoding="utf-8", errors="surrogateescape", check=False)
    except OSError as error:
        raise GitMissing(str(error)) from error


def git(root: Path, *args: str) -> subprocess.CompletedProcess | None:
    """Run git in root; None when git is not installed or the command failed."""
    try:
        result = run_git(root, *args)
    except GitMissing:
        return None
    return result if result.returncode == 0 else None


def refusal(stderr: str) -> str:
    """Why `git rev-parse` failed, for translators: not a repository, or git's own reason (a
    repository owned by another user, as in CI containers, needs a safe.directory entry)."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    if not lines or any("not a git repository" in line for line in lines):
        return NOT_A_REPOSITORY
    reason = lines[0].removeprefix("fatal: ")
    fix = next((line for line in lines if line.startswith("git config") and "safe.directory" in line), None)
    return f"git cannot read this repository ({reason}){f': {fix}' if fix else ''}"


@dataclass
class Repository:
    """Where the site sits inside its git repository."""

    root: Path
    prefix: str  # the site's folder from the repository's top: "" or "website/"
    shallow: bool

    @classmethod
    def find(cls, root: Path) -> Repository | str:
        """The repository, or why there is none to read (raises GitMissing without git)."""
        result = run_git(root, "rev-parse", "--is-inside-work-tree", "--show-prefix", "--is-shallow-repository")
        if result.returncode != 0:
            return refusal(result.stderr)
        inside, prefix, shallow = (result.stdout.split("\n") + ["", "", ""])[:3]
        if inside != "true":
            return NOT_A_REPOSITORY
        return cls(Path(root), prefix, shallow == "true")

    def site_path(self, top_path: str) -> str | None:
        """A path from the repository's top as a path under the site's root (None if outside)."""
        return top_path[len(self.prefix):] if top_path.startswith(self.prefix) else None


@dataclass
class GitSnapshot:
    """What translation states need from git for the whole docs/ tree.

    `problem` is set (NO_GIT, NOT_A_REPOSITORY, git's refusal, SHALLOW_HINT or NO_HISTORY)
    when no state can be read from git: every committed translation is then unknown."""

    repository: Repository | None
    history: dict[str, list[str]] = field(default_factory=dict)  # site path -> commits touching it, newest first
    changed: set[str] = field(default_factory=set)  # site paths with uncommitted changes (or untracked)
    parents: dict[str, list[str]] = field(default_factory=dict)  # commit -> parents touching docs/ (rewritten)
    problem: str | None = None
    processes: int = 0  # git processes this snapshot started (at most 3; counted by the tests)
    _generation: dict[str, int] = field(default_factory=dict, repr=False)
    _reviewed: dict[tuple, bool] = field(default_factory=dict, repr=False)

    @classmethod
    def read(cls, root: Path, folder: str = "docs") -> GitSnapshot:
        try:
            repository = Repository.find(root)
        except GitMissing:
            return cls(None, problem=NO_GIT)
        if isinstance(repository, str):
            return cls(None, problem=repository, processes=1)
        if repository.shallow:
            return cls(repository, problem=SHALLOW_HINT, processes=1)
        snapshot = cls(repository, processes=3)
        # --parents rewrites each commit's parents to the nearest commits that touch the folder, so
        # this one log is also the graph ancestry needs; --topo-order lists children before parents.
        log = git(root, "log", "-z", "--no-renames", "--parents", "--topo-order",
                  f"--format={COMMIT_MARK}%H %P", "--name-only", "--", folder)
        snapshot._read_log(log.stdout if log else "", f"{repository.prefix}{folder}/")
        status = git(root, "status", "--porcelain=v1", "-z", "--untracked-files=all", "--", folder)
        snapshot._read_status(status.stdout if status else "")
        if not snapshot.history:
            snapshot.problem = NO_HISTORY
        return snapshot

    def _read_log(self, output: str, top_folder: str) -> None:
        """`git log -z --format=commit:%H %P --name-only`: `commit:H P1 P2\\0\\npath\\0path\\0commit:...`
        (a commit touching no file, a merge, is its header alone). Every path starts with the site's
        folder from the top: told apart that way from a header, even if a folder is called `commit:`."""
        commit = None
        for token in output.split("\0"):
            token = token.removeprefix("\n")
            if token.startswith(top_folder):
                if commit is not None:
                    path = token[len(self.repository.prefix):]
                    self.history.setdefault(path, []).append(commit)
            elif token.startswith(COMMIT_MARK):
                commit, *parents = token[len(COMMIT_MARK):].split(" ")
                self.parents[commit] = [parent for parent in parents if parent]
        for commit in reversed(self.parents):  # parents before children
            self._generation[commit] = 1 + max((self._generation.get(p, 0) for p in self.parents[commit]), default=0)

    def _read_status(self, output: str) -> None:
        """`git status --porcelain=v1 -z`: `XY path\\0`; a rename or copy (R or C in X or Y) is
        `XY new\\0old\\0`: the old path is no separate entry. Paths are from the repository's top."""
        tokens = output.split("\0")
        index = 0
        while index < len(tokens):
            entry = tokens[index]
            index += 1
            if len(entry) < 4:
                continue
            if (path := self.repository.site_path(entry[3:])) is not None:
                self.changed.add(path)
            if "R" in entry[:2] or "C" in entry[:2]:
                index += 1  # skip the old path

    def reviewed(self, english: Iterable[str], translation: Iterable[str]) -> bool:
        """Is every commit in `english` in the history of (or one of) the commits in `translation`?

        Walks the graph newest first (by generation: a commit comes after all of its children) from
        both sets, marking what lies below a translation commit and what lies below an English
        commit, and stops once every English commit left is below another English one: only the
        newest English commits of each branch need a translation commit above them."""
        english, translation = tuple(english), tuple(translation)
        key = (english, translation)
        if key in self._reviewed:
            return self._reviewed[key]
        BELOW_TRANSLATION, BELOW_ENGLISH = 1, 2
        english_set = set(english)
        marks = dict.fromkeys(english, 0) | dict.fromkeys(translation, BELOW_TRANSLATION)
        queue = [(-self._generation.get(commit, 0), commit) for commit in marks]
        heapq.heapify(queue)
        open_english = len(english_set)  # English commits not reached yet and not below another English one
        result = True
        while queue and open_english:
            _, commit = heapq.heappop(queue)
            mark = marks[commit]
            if commit in english_set and not mark & BELOW_ENGLISH:
                open_english -= 1
                if not mark & BELOW_TRANSLATION:  # newest English change of its branch, never translated
                    result = False
                    break
                mark |= BELOW_ENGLISH
            for parent in self.parents.get(commit, ()):
                before = marks.get(parent)
                if before is None:
                    heapq.heappush(queue, (-self._generation.get(parent, 0), parent))
                    before = 0
                marks[parent] = before | mark
                if parent in english_set and mark & BELOW_ENGLISH and not before & BELOW_ENGLISH:
                    open_english -= 1
        self._reviewed[key] = result
        return result

    def translation_state(self, source: str, target: str) -> str:
        """State of the committed history of target against source (both exist as files)."""
        if self.problem is not None:
            return "unknown"
        if target in self.changed:
            return "translated"
        english, translation = self.history.get(source), self.history.get(target)
        if not english or not translation:
            return "unknown"
        return "translated" if self.reviewed(english, translation) else "outdated"


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
    return snapshot.translation_state(source, target)


def status_rows(root: Path, languages: list[Language], snapshot: GitSnapshot | None = None) -> list[dict]:
    """One row per (page, language) where the English page or the translation exists."""
    default, others = languages[0], languages[1:]
    english = markdown_pages(root / "docs" / default.code)
    if snapshot is None:
        snapshot = GitSnapshot.read(root)
    rows = []
    for language in others:
        for page in sorted(set(english) | set(markdown_pages(root / "docs" / language.code))):
            state = translation_state(root, language.code, page, default.code, snapshot)
            rows.append({"page": page, "lang": language.code, "state": state,
                         "draft": language.draft, "path": f"docs/{language.code}/{page}"})
    return rows
