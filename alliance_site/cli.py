"""The translators' command line: status, diff, check, new-language, publish.

    python scripts/l10n.py status [--json]    which translations are up to date (drafts marked)
    python scripts/l10n.py diff LANG PAGE      what changed in English since the translation's last commit
    python scripts/l10n.py check               translations in line with English, published languages
                                               ready for readers (exit 1 on problems)
    python scripts/l10n.py new-language CODE   scaffold a language, as a draft
    python scripts/l10n.py publish CODE        make a draft language public, if it is ready

Languages come from the i18n plugin in mkdocs.yml; pages are the *.md files
under docs/<default language>/. `--root DIR` points the tool at another tree.
Translation states are explained in alliance_site/git_state.py.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from alliance_site.checks import check_project
from alliance_site.config import PROJECT_ROOT, markdown_pages, site_languages
from alliance_site.git_state import NO_HISTORY, SHALLOW_HINT, STATES, GitSnapshot, git, status_rows
from alliance_site.problems import ProjectError
from alliance_site.scaffold import new_language, publish
from alliance_site.strings import forget_strings

COMMAND = ".venv/bin/python scripts/l10n.py"


def format_table(rows: list[dict], columns: list[tuple[str, str]]) -> str:
    """columns: (language code, column title)."""
    pages = sorted({row["page"] for row in rows})
    cells = {(row["page"], row["lang"]): row["state"] for row in rows}
    width = max([len("page"), *map(len, pages)])
    column_width = max([10, *(len(title) for _, title in columns)])
    lines = ["page".ljust(width) + "".join(f"  {title:<{column_width}}" for _, title in columns)]
    for page in pages:
        lines.append(page.ljust(width) + "".join(f"  {cells.get((page, code), '-'):<{column_width}}" for code, _ in columns))
    return "\n".join(line.rstrip() for line in lines)


def summary(rows: list[dict], snapshot: GitSnapshot) -> str:
    counts = {state: sum(row["state"] == state for row in rows) for state in STATES}
    text = ", ".join(f"{count} {state}" for state, count in counts.items() if count)
    if counts["outdated"]:
        text += f"\nSee what changed in English: {COMMAND} diff LANG PAGE"
    if counts["unknown"]:
        text += f"\nunknown: {snapshot.problem or NO_HISTORY}."
    drafts = sorted({row["lang"] for row in rows if row["draft"]})
    if drafts:
        text += (f"\ndraft: {', '.join(drafts)} (previews only; not on the published site until "
                 f"`{COMMAND} publish CODE`)")
    return text or "no pages"


def cmd_status(args) -> int:
    languages = site_languages(args.root)
    snapshot = GitSnapshot.read(args.root)
    rows = status_rows(args.root, languages, snapshot)
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        columns = [(language.code, f"{language.code} (draft)" if language.draft else language.code) for language in languages[1:]]
        print(format_table(rows, columns))
        print(summary(rows, snapshot))
    return 0


def normalize_page(page: str, languages: tuple[str, ...] = ()) -> str:
    """'faq', 'faq.md', 'docs/ja/faq.md' or 'docs/en/faq.md' -> 'faq.md'."""
    page = page.replace("\\", "/").strip("/").removeprefix("./")
    for lang in languages:
        page = page.removeprefix(f"docs/{lang}/")
    return page if page.endswith(".md") else f"{page}.md"


def diff_page(root: Path, lang: str, default: str, page: str) -> int:
    """Print the English changes since the translation's last *commit* (uncommitted
    edits to the translation are not taken as a review of English)."""
    source, target = f"docs/{default}/{page}", f"docs/{lang}/{page}"
    snapshot = GitSnapshot.read(root)
    if snapshot.problem == SHALLOW_HINT:
        print(f"Cannot compare {target} with {source}: {SHALLOW_HINT}.")
        return 1
    english = snapshot.history.get(source)
    if snapshot.problem or not english:
        reason = snapshot.problem or "run inside a git clone with both committed"
        print(f"No git history to compare {target} with {source}: {reason}.")
        return 1
    translation = snapshot.history.get(target)
    if not translation:
        print(f"{target} has never been committed: compare it with the whole of {source}, then commit it.")
        return 0
    if target in snapshot.changed:
        print(f"{target} has uncommitted edits; showing English changes since its last commit")
    if snapshot.reviewed(english, translation):
        print(f"{target} is up to date with {source}: nothing to do.")
        return 0
    base = translation[0]
    print(f"{target} is outdated. English changes since its last commit ({base[:10]}):\n", flush=True)
    result = git(root, "--no-pager", "diff", "--no-color", "--no-ext-diff", base, "HEAD", "--", source)
    print(result.stdout if result else "", end="")
    return 0


def cmd_diff(args) -> int:
    root = args.root
    languages = site_languages(root)
    default, others = languages[0].code, [language.code for language in languages[1:]]
    if args.lang not in others:
        raise ProjectError(f"unknown language '{args.lang}': mkdocs.yml translates into {', '.join(others)}.")
    page = normalize_page(args.page, (args.lang, default))
    if not (root / "docs" / default / page).is_file():
        pages = ", ".join(markdown_pages(root / "docs" / default))
        raise ProjectError(f"docs/{default}/{page}: no such English page (pages: {pages}).")
    if not (root / "docs" / args.lang / page).is_file():
        print(f"docs/{args.lang}/{page} does not exist yet: translate the whole of docs/{default}/{page}.")
        return 0
    return diff_page(root, args.lang, default, page)


def cmd_check(args) -> int:
    languages = site_languages(args.root)
    problems = check_project(args.root, languages)
    for problem in problems:
        print(problem)
    if problems:
        print(f"l10n check: {len(problems)} problem(s) found.", file=sys.stderr)
        return 1
    count = len(markdown_pages(args.root / "docs" / languages[0].code))
    names = [f"{l.code} (draft)" if l.draft else l.code for l in languages[1:]]
    print(f"l10n check: OK ({count} pages; {', '.join(names) or 'no translations'} in line with {languages[0].code}).")
    return 0


def cmd_new_language(args) -> int:
    print(new_language(args.root, args.code))
    return 0


def cmd_publish(args) -> int:
    print(publish(args.root, args.code))
    return 0


def build_parser() -> argparse.ArgumentParser:
    root_option = argparse.ArgumentParser(add_help=False)
    root_option.add_argument("--root", type=Path, default=argparse.SUPPRESS,
                             help="project directory (default: the repository root)")
    parser = argparse.ArgumentParser(prog="l10n.py", description=__doc__.split("\n\n")[0], parents=[root_option])
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    status = commands.add_parser("status", parents=[root_option], help="state of every translation")
    status.add_argument("--json", action="store_true", help="print a JSON list of {page, lang, state, draft, path}")
    status.set_defaults(run=cmd_status)
    diff = commands.add_parser("diff", parents=[root_option], help="English changes since a translation was last updated")
    diff.add_argument("lang")
    diff.add_argument("page", help="e.g. faq.md, faq or docs/ja/faq.md")
    diff.set_defaults(run=cmd_diff)
    check = commands.add_parser("check", parents=[root_option], help="translations in line with English (exit 1 if not)")
    check.set_defaults(run=cmd_check)
    new = commands.add_parser("new-language", parents=[root_option], help="scaffold a language as a draft, e.g. fr")
    new.add_argument("code")
    new.set_defaults(run=cmd_new_language)
    publisher = commands.add_parser("publish", parents=[root_option], help="make a draft language public, e.g. fr")
    publisher.add_argument("code")
    publisher.set_defaults(run=cmd_publish)
    return parser


def main(argv: list[str] | None = None) -> int:
    forget_strings()  # each run reads the strings files afresh, however many run in one process
    args = build_parser().parse_args(argv)
    args.root = Path(getattr(args, "root", PROJECT_ROOT)).resolve()
    try:
        return args.run(args)
    except ProjectError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
