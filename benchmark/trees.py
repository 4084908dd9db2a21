"""The project trees the benchmark builds, serves and queries.

- `project_copy`: what the build reads (alliance_site.harness.copy_project),
  optionally with languages scaffolded by `new-language` (drafts, English
  fallback everywhere), and always with a plain-Material config beside it.
- `generated_tree`: N languages x 100 pages of generated content, every
  language translated, committed once to a throwaway git repository (the hooks
  read git history).
- `history_tree`: English and Japanese pages with a few hundred commits of
  history, some translations outdated, for `l10n.py status`.

Configurations are written as small files that `INHERIT` the project's
mkdocs.yml (MkDocs' own config inheritance; mkdocs.yml's `!ENV` and Python
tags stay untouched in the parent), so a tree's config states only how it
differs from the project's. Mappings merge; lists (plugins, hooks, nav)
replace the parent's.
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess
from pathlib import Path

import yaml

from alliance_site.config import CONFIG_FILE, PROJECT_ROOT, i18n_entries, read_config
from alliance_site.harness import copy_project
from alliance_site.scaffold import new_language

PLAIN_CONFIG = "mkdocs-plain.yml"
PLAIN_THEME = "plain-theme"  # an empty custom_dir: Material's own templates
PROJECT_CONFIG = "mkdocs-project.yml"  # the project's mkdocs.yml, inherited by a generated tree's

# Languages scaffolded onto the real site for the 10-language preview.
SCAFFOLDED = ["fr", "de", "pt", "it", "zh", "ko", "ar"]

# The generated tree: English plus nine languages, 100 pages each.
TREE_LANGUAGES = {
    "en": "English", "ja": "日本語", "es": "Español", "fr": "Français", "de": "Deutsch",
    "pt": "Português", "it": "Italiano", "ko": "한국어", "zh": "中文", "nl": "Nederlands",
}
TREE_PAGES = 100
VOCABULARY = {
    "en": "city data technology governance privacy citizens transport energy policy open network sensor public service ethics",
    "ja": "都市 データ 技術 ガバナンス プライバシー 市民 交通 エネルギー 政策 公共 サービス 責任 倫理 ネットワーク",
    "es": "ciudad datos tecnología gobernanza privacidad ciudadanos transporte energía política abierto red servicio público ética",
    "fr": "ville données technologie gouvernance confidentialité citoyens transport énergie politique ouvert réseau service public éthique",
    "de": "Stadt Daten Technologie Governance Datenschutz Bürger Verkehr Energie Politik offen Netzwerk Dienst öffentlich Ethik",
    "pt": "cidade dados tecnologia governança privacidade cidadãos transporte energia política aberto rede serviço público ética",
    "it": "città dati tecnologia governance riservatezza cittadini trasporti energia politica aperto rete servizio pubblico etica",
    "ko": "도시 데이터 기술 거버넌스 개인정보 시민 교통 에너지 정책 공공 서비스 책임 윤리 네트워크",
    "zh": "城市 数据 技术 治理 隐私 市民 交通 能源 政策 公共 服务 责任 伦理 网络",
    "nl": "stad gegevens technologie governance privacy burgers vervoer energie beleid open netwerk dienst publiek ethiek",
}
UNSPACED = {"ja", "zh"}  # scripts written without spaces between words

# The status tree: English pages, their Japanese translations, and edits.
HISTORY_PAGES = 300
HISTORY_EDITED = 100  # English pages edited after their translation...
HISTORY_RETRANSLATED = 60  # ...of which this many were translated again: the rest are outdated
GIT_IDENTITY = ["-c", "user.name=bench", "-c", "user.email=bench@localhost", "-c", "commit.gpgsign=false"]


def write_yaml(path: Path, data: dict, comment: str) -> Path:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    path.write_text(f"# {comment}\n{text}", encoding="utf-8")
    return path


def write_plain_config(tree: Path) -> Path:
    """Plain Material + mkdocs-static-i18n on the tree's own mkdocs.yml: no hooks,
    no overrides (they need the hooks' context), every language `build: true` built
    (drafts too: without the hooks there are no drafts)."""
    (tree / PLAIN_THEME).mkdir(exist_ok=True)
    return write_yaml(tree / PLAIN_CONFIG, {
        "INHERIT": CONFIG_FILE,
        "hooks": [],
        "theme": {"custom_dir": PLAIN_THEME},
    }, "Plain Material + mkdocs-static-i18n, written by the benchmark (benchmark/trees.py).")


def project_copy(dest: Path, scaffold: list[str] = ()) -> Path:
    """A copy of the project; `scaffold` languages added as `new-language` adds them."""
    dest.mkdir(parents=True, exist_ok=True)
    copy_project(dest)
    for code in scaffold:
        new_language(dest, code)
    write_plain_config(dest)
    return dest


# --------------------------------------------------------------------------- generated content


def page_name(number: int) -> str:
    return "index.md" if number == 1 else f"page-{number:03d}.md"


def tree_nav(pages: int = TREE_PAGES) -> list[dict]:
    """Sections of ten pages (header tabs, as a real site would have)."""
    return [{f"Section {first // 10 + 1}": [{f"Page {n}": page_name(n)} for n in range(first + 1, min(first + 10, pages) + 1)]}
            for first in range(0, pages, 10)]


def i18n_plugin(languages: list[str]) -> dict:
    """The project's i18n plugin entry with other languages (the project's own
    entries where it has them, without nav labels: the generated nav has others)."""
    config = read_config(PROJECT_ROOT)
    plugin = next(p for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    project = {entry["locale"]: entry for entry in i18n_entries(config)}
    entries = []
    for lang in languages:
        entry = dict(project.get(lang, {"locale": lang, "name": TREE_LANGUAGES[lang], "build": True}))
        entry.pop("nav_translations", None)
        entries.append(entry)
    return {"i18n": {**plugin["i18n"], "languages": entries}}


def sentence(rng: random.Random, lang: str, words: int) -> str:
    vocabulary = VOCABULARY[lang].split()
    joiner = "" if lang in UNSPACED else " "
    return joiner.join(rng.choice(vocabulary) for _ in range(words)) + ("。" if lang in UNSPACED else ".")


def tree_page(lang: str, number: int, pages: int = TREE_PAGES, revision: int = 0) -> str:
    """Front matter, an intro, four headings with explicit ids, paragraphs, a link."""
    rng = random.Random(f"{lang}-{number}-{revision}")
    title = f"{sentence(rng, lang, 3).rstrip('.。')} {number}"
    lines = ["---", f"title: {json.dumps(title, ensure_ascii=False)}",
             f"description: {json.dumps(sentence(rng, lang, 12), ensure_ascii=False)}", "---", "",
             f"# {title}", "", " ".join(sentence(rng, lang, 14) for _ in range(4)), ""]
    for section in range(1, 5):
        lines += [f"## {sentence(rng, lang, 3).rstrip('.。')} {{#section-{section}}}", ""]
        for _paragraph in range(2):
            lines += [" ".join(sentence(rng, lang, 12) for _ in range(5)), ""]
    following = page_name(number % pages + 1)
    lines += [f"[{following}]({following}#section-2)", ""]
    return "\n".join(lines)


def skeleton(dest: Path, languages: list[str], pages: int) -> None:
    """The project's build inputs without its content, a config for `languages`
    and `pages` generated pages, interface strings copied from English where missing."""
    dest.mkdir(parents=True, exist_ok=True)
    copy_project(dest, skip_content=tuple(entry["locale"] for entry in i18n_entries(read_config(PROJECT_ROOT))))
    (dest / CONFIG_FILE).rename(dest / PROJECT_CONFIG)
    write_yaml(dest / CONFIG_FILE, {"INHERIT": PROJECT_CONFIG, "plugins": [i18n_plugin(languages)], "nav": tree_nav(pages)},
               f"{len(languages)} languages x {pages} generated pages, written by the benchmark (benchmark/trees.py).")
    strings = dest / "data" / "strings"
    for lang in languages:
        if not (strings / f"{lang}.yml").exists():
            shutil.copy(strings / "en.yml", strings / f"{lang}.yml")


def git(tree: Path, *args: str, **options) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-C", str(tree), *GIT_IDENTITY, *args], check=True, capture_output=True, **options)


def generated_tree(dest: Path, languages: list[str], pages: int = TREE_PAGES) -> Path:
    """`languages` x `pages`, every page translated, committed once."""
    skeleton(dest, languages, pages)
    for lang in languages:
        folder = dest / "docs" / lang
        folder.mkdir(parents=True)
        for number in range(1, pages + 1):
            (folder / page_name(number)).write_text(tree_page(lang, number, pages), encoding="utf-8")
    write_plain_config(dest)
    git(dest, "init", "-q")
    git(dest, "add", "-A")
    git(dest, "commit", "-q", "-m", "generated tree")
    return dest


# --------------------------------------------------------------------------- a long history


def history_tree(dest: Path) -> tuple[dict[str, int], int]:
    """English and Japanese pages with history, written with one `git fast-import`:
    1 commit adds the English pages, 1 commit per 2 translations, 1 per English
    edit, 1 per re-translation. Returns the counts of states `status` should
    report (translated, outdated) and the number of commits."""
    pages = HISTORY_PAGES
    skeleton(dest, ["en", "ja"], pages)
    commits: list[tuple[str, dict[str, bytes]]] = []
    base = {path.relative_to(dest).as_posix(): path.read_bytes() for path in sorted(dest.rglob("*")) if path.is_file()}

    def pages_of(lang: str, numbers, revision: int = 0) -> dict[str, bytes]:
        return {f"docs/{lang}/{page_name(n)}": tree_page(lang, n, pages, revision).encode() for n in numbers}

    english = pages_of("en", range(1, pages + 1))
    commits.append(("Project and English pages", {**base, **english}))
    for first in range(1, pages + 1, 2):
        commits.append((f"Translate pages {first}-{first + 1}", pages_of("ja", (first, first + 1))))
    for n in range(1, HISTORY_EDITED + 1):
        commits.append((f"Edit English page {n}", pages_of("en", [n], revision=1)))
    for n in range(1, HISTORY_RETRANSLATED + 1):
        commits.append((f"Update translation {n}", pages_of("ja", [n], revision=1)))

    stream, final = [], {}
    for number, (message, files) in enumerate(commits, start=1):
        data = message.encode()
        stream += [b"commit refs/heads/main", b"mark :%d" % number,
                   b"committer bench <bench@localhost> %d +0000" % (1_700_000_000 + number * 60),
                   b"data %d" % len(data), data]
        if number > 1:
            stream.append(b"from :%d" % (number - 1))
        for path, body in files.items():
            stream += [b"M 100644 inline " + path.encode(), b"data %d" % len(body), body]
            final[path] = body
        stream.append(b"")
    git(dest, "init", "-q", "-b", "main")
    git(dest, "fast-import", "--quiet", input=b"\n".join(stream) + b"\n")
    for path, body in final.items():  # the work tree as the last commit has it
        target = dest / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(body)
    git(dest, "reset", "-q")
    expected = {"translated": pages - HISTORY_EDITED + HISTORY_RETRANSLATED,
                "outdated": HISTORY_EDITED - HISTORY_RETRANSLATED}
    return expected, len(commits)
