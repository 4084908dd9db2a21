"""Performance figures for the site: `python scripts/bench.py` (or `make bench`).

Builds the site and prints Markdown tables (paste them into the README or a PR).
Everything is measured, nothing is asserted. The figures:

1. First view of `/`, `/ja/faq/` and `/es/partners/`: every request the page
   makes in a fresh Chromium context (empty cache) until the network is idle —
   HTML, CSS, JS, fonts, images. "raw" is the sum of the uncompressed bodies;
   "gzip" is the sum of the bodies as this script's local server sends them:
   text types (HTML, CSS, JS, JSON, SVG, XML) gzipped at level 9 by this
   script, everything else (images, fonts, Pagefind's own pre-compressed index
   and WebAssembly files) as is — what GitHub Pages does, give or take the level.
2. First search on the same pages: the reader clicks `[data-site-search]`,
   types a query in the page's language and waits for the results; only the
   requests made after the click are counted (Pagefind's UI, its runtime, the
   language's index chunks and the fragments of the results shown).
3. Lighthouse 12.2.3 (npm, installed into scripts/lighthouse/node_modules on
   first run), mobile preset, performance / accessibility / best practices /
   SEO, against the same local gzip server. Scores depend on the machine.
4. `mkdocs build --strict` wall time of the site, median of 3 runs (every run
   shown), with the CPU time the build and its children (Pagefind) used, which
   other load on the machine disturbs less than the wall time.
5. Scaling: a generated 10-language x 100-page tree (copy of mkdocs.yml with 10
   languages, of what the build reads — tests/conftest.py's PROJECT_FILES —
   with data/strings/<lang>.yml copied from en.yml where missing), committed
   once to a throwaway git repository, as the hooks read git history. Built
   with the project's hooks and with `hooks: []`. Without hooks the templates
   in overrides/ lack the context the hooks provide, so that variant uses plain
   Material (no `custom_dir`): the overhead is "hooks + overrides". Split into:
   Pagefind indexing, timed on its own (`python -m pagefind` with the hook's
   arguments, on the built output); git history reads (the same hooks build
   with the tree's .git moved aside); the rest. The three builds alternate,
   median of 3 each.
6. Search bytes vs languages: the same generated content with 3 and with 10
   languages; the first search on a Japanese page (measured in Chromium) stays
   the same while the pagefind/ folder grows with every language, because
   Pagefind writes one index per language and a reader loads only theirs.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from conftest import CHROMIUM_ARGS, PROJECT_FILES, GitHubPagesHandler, system_chromium  # noqa: E402

LIGHTHOUSE_DIR = ROOT / "scripts" / "lighthouse"
LIGHTHOUSE_VERSION = "12.2.3"
LIGHTHOUSE_CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
BUILD_ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
REPEATS = 3  # builds are timed this many times; the median is reported

# (path, language of the page, a query in that language)
PAGES = [
    ("", "en", "secretariat"),
    ("ja/faq/", "ja", "技術ガバナンス"),
    ("es/partners/", "es", "tecnologia"),
]

# The generated tree: English plus nine languages, 100 pages each.
TREE_LANGUAGES = {
    "en": "English", "ja": "日本語", "es": "Español", "fr": "Français", "de": "Deutsch",
    "pt": "Português", "it": "Italiano", "ko": "한국어", "zh": "中文", "nl": "Nederlands",
}
TREE_PAGES = 100
TREE_QUERY = ("ja", "ガバナンス")  # the first search measured on the generated trees
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

# What the local server (and so the "gzip" figures) compresses.
COMPRESSIBLE = {".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".map"}


# ---------------------------------------------------------------------------
# Formatting
# ---------------------------------------------------------------------------

def kib(size: float) -> str:
    return f"{size / 1024:.1f} KiB"


def seconds(value: float) -> str:
    return f"{value:.2f} s"


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


# ---------------------------------------------------------------------------
# Building
# ---------------------------------------------------------------------------

@dataclass
class Timing:
    """Wall time of a command, and the CPU time it and its children used."""

    wall: float
    cpu: float


def run_timed(command: list[str], **options) -> tuple[subprocess.CompletedProcess, Timing]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, **options)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return result, Timing(wall, cpu)


def mkdocs_build(config: Path, site_dir: Path) -> Timing:
    """Time `mkdocs build --strict` of a config into an empty site_dir; raises if the build fails."""
    shutil.rmtree(site_dir, ignore_errors=True)
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
               "--config-file", str(config), "--site-dir", str(site_dir)]
    result, timing = run_timed(command, cwd=config.parent, env=BUILD_ENV)
    if result.returncode != 0:
        raise RuntimeError(f"build of {config} failed:\n{result.stdout}{result.stderr}")
    return timing


def pagefind_command(site_dir: Path) -> list[str]:
    """The command hooks/search_index.py runs after the build."""
    return [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--quiet",
            "--exclude-selectors", ".headerlink"]


def time_pagefind(site_dir: Path) -> Timing:
    result, timing = run_timed(pagefind_command(site_dir))
    if result.returncode != 0:
        raise RuntimeError(f"pagefind failed on {site_dir}:\n{result.stdout}{result.stderr}")
    return timing


def median(timings: list[Timing], kind: str = "wall") -> float:
    return statistics.median(getattr(timing, kind) for timing in timings)


def wall_cell(timings: list[Timing]) -> str:
    runs = ", ".join(f"{timing.wall:.2f}" for timing in timings)
    return f"{seconds(median(timings))} (runs: {runs})"


# ---------------------------------------------------------------------------
# Generated multi-language tree
# ---------------------------------------------------------------------------

class Tagged:
    """A YAML value with a tag this script does not interpret (!ENV, !!python/...)."""

    def __init__(self, tag: str, value):
        self.tag, self.value = tag, value


def _construct_tagged(loader, _suffix, node):
    if isinstance(node, yaml.ScalarNode):
        return Tagged(node.tag, loader.construct_scalar(node))
    if isinstance(node, yaml.SequenceNode):
        return Tagged(node.tag, loader.construct_sequence(node, deep=True))
    return Tagged(node.tag, loader.construct_mapping(node, deep=True))


def _represent_tagged(dumper, data: Tagged):
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value, flow_style=True)
    return dumper.represent_scalar(data.tag, data.value)


class KeepTagsLoader(yaml.SafeLoader):
    pass


class KeepTagsDumper(yaml.SafeDumper):
    pass


KeepTagsLoader.add_multi_constructor("!", _construct_tagged)
KeepTagsLoader.add_multi_constructor("tag:yaml.org,2002:python/", _construct_tagged)
KeepTagsDumper.add_representer(Tagged, _represent_tagged)


def load_project_config() -> dict:
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=KeepTagsLoader)


def write_config(path: Path, config: dict) -> None:
    text = yaml.dump(config, Dumper=KeepTagsDumper, allow_unicode=True, sort_keys=False)
    path.write_text(text, encoding="utf-8")


def page_name(number: int) -> str:
    return "index.md" if number == 1 else f"page-{number:03d}.md"


def tree_nav() -> list[dict]:
    """Ten sections of ten pages (ten header tabs, as a real site would have)."""
    nav = []
    for section in range(TREE_PAGES // 10):
        pages = [{f"Page {n}": page_name(n)} for n in range(section * 10 + 1, section * 10 + 11)]
        nav.append({f"Section {section + 1}": pages})
    return nav


def tree_config(languages: list[str], with_hooks: bool) -> dict:
    """The project's mkdocs.yml with other languages and nav; optionally without hooks."""
    config = load_project_config()
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "i18n" in plugin:
            project = {entry["locale"]: entry for entry in plugin["i18n"]["languages"]}
            entries = []
            for lang in languages:
                entry = dict(project.get(lang, {"locale": lang, "name": TREE_LANGUAGES[lang], "build": True}))
                entry.pop("nav_translations", None)  # the generated nav has other labels
                entries.append(entry)
            plugin["i18n"]["languages"] = entries
    config["nav"] = tree_nav()
    if not with_hooks:
        config["hooks"] = []
        config["theme"].pop("custom_dir", None)  # overrides/ needs the hooks' context
    return config


def sentence(rng: random.Random, lang: str, words: int) -> str:
    vocabulary = VOCABULARY[lang].split()
    joiner = "" if lang in UNSPACED else " "
    text = joiner.join(rng.choice(vocabulary) for _ in range(words))
    return text + ("。" if lang in UNSPACED else ".")


def tree_page(lang: str, number: int) -> str:
    """Front matter, an intro, four headings with explicit ids, paragraphs, links."""
    rng = random.Random(f"{lang}-{number}")
    title = f"{sentence(rng, lang, 3).rstrip('.。')} {number}"
    lines = ["---", f"title: {json.dumps(title, ensure_ascii=False)}",
             f"description: {json.dumps(sentence(rng, lang, 12), ensure_ascii=False)}", "---", "",
             f"# {title}", "", " ".join(sentence(rng, lang, 14) for _ in range(4)), ""]
    for section in range(1, 5):
        lines += [f"## {sentence(rng, lang, 3).rstrip('.。')} {{#section-{section}}}", ""]
        for _paragraph in range(2):
            lines += [" ".join(sentence(rng, lang, 12) for _ in range(5)), ""]
    following = page_name(number % TREE_PAGES + 1)
    lines += [f"[{following}]({following}#section-2)", ""]
    return "\n".join(lines)


def copy_build_inputs(dest: Path) -> None:
    """What the build reads (tests/conftest.py's PROJECT_FILES), minus the content and mkdocs.yml."""
    content = {entry["locale"] for entry in project_languages()}
    for name in PROJECT_FILES:
        source = ROOT / name
        if name == "mkdocs.yml":
            continue
        skip = ["__pycache__", "node_modules", *(content if name == "docs" else [])]
        shutil.copytree(source, dest / name, ignore=shutil.ignore_patterns(*skip))


def project_languages() -> list[dict]:
    for plugin in load_project_config()["plugins"]:
        if isinstance(plugin, dict) and "i18n" in plugin:
            return plugin["i18n"]["languages"]
    raise RuntimeError("mkdocs.yml has no i18n plugin")


def commit_tree(tree: Path) -> None:
    """One commit, so that the hooks that read git history (translation state) do their work."""
    identity = ["-c", "user.name=bench", "-c", "user.email=bench@localhost", "-c", "commit.gpgsign=false"]
    for args in (["init", "-q"], ["add", "-A"], [*identity, "commit", "-q", "-m", "generated tree"]):
        subprocess.run(["git", "-C", str(tree), *args], check=True, capture_output=True)


def generate_tree(dest: Path, languages: list[str]) -> tuple[Path, Path]:
    """A committed project copy with `languages` x TREE_PAGES pages; returns (hooks config, plain config)."""
    copy_build_inputs(dest)
    strings = dest / "data" / "strings"
    for lang in languages:
        if not (strings / f"{lang}.yml").exists():
            shutil.copy(strings / "en.yml", strings / f"{lang}.yml")
        folder = dest / "docs" / lang
        folder.mkdir(parents=True)
        for number in range(1, TREE_PAGES + 1):
            (folder / page_name(number)).write_text(tree_page(lang, number), encoding="utf-8")
    hooks_config, plain_config = dest / "mkdocs.yml", dest / "mkdocs-plain.yml"
    write_config(hooks_config, tree_config(languages, with_hooks=True))
    write_config(plain_config, tree_config(languages, with_hooks=False))
    commit_tree(dest)
    return hooks_config, plain_config


# ---------------------------------------------------------------------------
# Serving (with gzip, as GitHub Pages does)
# ---------------------------------------------------------------------------

def compressible(path: str) -> bool:
    """True for what the server gzips; URLs ending in / are HTML pages."""
    path = urlsplit(path).path
    return path.endswith("/") or Path(path).suffix.lower() in COMPRESSIBLE


@functools.lru_cache(maxsize=None)
def gzip9_size(body: bytes) -> int:
    return len(gzip.compress(body, compresslevel=9, mtime=0))


def served_size(url: str, body: bytes) -> int:
    """Bytes on the wire from the gzip server for this body."""
    return gzip9_size(body) if compressible(url) else len(body)


class GzipHandler(GitHubPagesHandler):
    """tests/conftest.py's GitHub-Pages-like static handler, plus gzip (level 9) for text types."""

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and urlsplit(self.path).path.endswith("/"):
            path = path / "index.html"
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts_gzip and path.is_file() and compressible(path.name)):
            return super().do_GET()
        body = gzip.compress(path.read_bytes(), compresslevel=9, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        self.wfile.write(body)


@contextlib.contextmanager
def serve(directory: Path):
    """The directory on an ephemeral loopback port; yields the base URL."""
    handler = functools.partial(GzipHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


# ---------------------------------------------------------------------------
# Browser measurements
# ---------------------------------------------------------------------------

@dataclass
class Traffic:
    """Requests of a browser context, with their bodies once the network is idle."""

    responses: list = field(default_factory=list)
    requests: int = 0
    in_flight: int = 0
    last_event: float = field(default_factory=time.monotonic)

    def attach(self, context) -> None:
        context.on("request", self._on_request)
        context.on("requestfinished", self._on_done)
        context.on("requestfailed", self._on_done)
        context.on("response", self._on_response)

    def _on_request(self, request):
        self.requests += 1
        self.in_flight += 1
        self.last_event = time.monotonic()

    def _on_response(self, response):
        self.responses.append(response)

    def _on_done(self, request):
        self.in_flight -= 1
        self.last_event = time.monotonic()

    def wait_idle(self, page, quiet: float = 0.7, limit: float = 20.0) -> None:
        """Until no request has been in flight for `quiet` seconds."""
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            if self.in_flight <= 0 and time.monotonic() - self.last_event >= quiet:
                return
            page.wait_for_timeout(50)

    def mark(self) -> tuple[int, int]:
        return len(self.responses), self.requests


@dataclass
class Bytes:
    requests: int
    raw: int
    gzip: int
    types: dict

    def cells(self) -> list[str]:
        return [str(self.requests), kib(self.raw), kib(self.gzip)]


def resource_type(url: str, content_type: str) -> str:
    kind = content_type.split(";")[0].strip()
    for name, needle in [("html", "html"), ("css", "css"), ("js", "javascript"), ("json", "json"),
                         ("font", "font"), ("svg", "svg"), ("image", "image")]:
        if needle in kind:
            return name
    return "pagefind" if "/pagefind/" in url else (kind or "other")


def tally(traffic: Traffic, since: tuple[int, int] = (0, 0)) -> Bytes:
    """Sizes of the responses (and count of the requests) after a mark."""
    raw = wire = 0
    types: dict[str, int] = {}
    for response in traffic.responses[since[0]:]:
        try:
            body = response.body()
        except Exception:  # a redirect or an aborted request has no body
            body = b""
        raw += len(body)
        wire += served_size(response.url, body)
        kind = resource_type(response.url, response.headers.get("content-type", ""))
        types[kind] = types.get(kind, 0) + 1
    return Bytes(traffic.requests - since[1], raw, wire, types)


def chromium_path() -> str | None:
    """System Chromium, as the tests use it; None means Playwright's own build."""
    if os.environ.get("USE_PLAYWRIGHT_CHROMIUM") == "1":
        return None
    return system_chromium()


def launch_browser(playwright):
    executable = chromium_path()
    if executable is None:  # Playwright's own build, downloaded once
        subprocess.run([sys.executable, "-m", "playwright", "install", "chromium"], check=True)
    return playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)


def first_view_and_search(browser, url: str, query: str) -> tuple[Bytes, Bytes]:
    """Bytes of a cold first view, then of the first search on that page."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.set_default_timeout(20_000)
    traffic = Traffic()
    traffic.attach(context)
    try:
        page = context.new_page()
        page.goto(url, wait_until="networkidle")
        traffic.wait_idle(page)
        view = tally(traffic)
        mark = traffic.mark()
        page.click("[data-site-search]")
        page.locator("pagefind-modal input").first.wait_for(state="visible")
        page.keyboard.type(query)
        page.wait_for_function(  # the result count ("2 results") is shown
            "() => /\\d/.test(document.querySelector('pagefind-modal').innerText)")
        traffic.wait_idle(page)
        search = tally(traffic, since=mark)
    finally:
        context.close()
    return view, search


# ---------------------------------------------------------------------------
# Lighthouse
# ---------------------------------------------------------------------------

def ensure_lighthouse() -> tuple[Path | None, str]:
    """The Lighthouse CLI (npm ci on first run), or None and the reason."""
    cli = LIGHTHOUSE_DIR / "node_modules" / ".bin" / "lighthouse"
    if shutil.which("node") is None:
        return None, "node not found (Lighthouse needs Node.js)"
    if not cli.exists():
        npm = shutil.which("npm")
        if npm is None:
            return None, "npm not found (Lighthouse needs Node.js and npm)"
        install = "ci" if (LIGHTHOUSE_DIR / "package-lock.json").exists() else "install"
        result = subprocess.run([npm, install, "--no-audit", "--no-fund"], cwd=LIGHTHOUSE_DIR,
                                capture_output=True, text=True)
        if result.returncode != 0 or not cli.exists():
            return None, f"npm {install} failed: {reason(result.stderr or result.stdout)}"
    version = subprocess.run([str(cli), "--version"], capture_output=True, text=True).stdout.strip()
    if version != LIGHTHOUSE_VERSION:
        return None, f"found Lighthouse {version or '?'}, expected {LIGHTHOUSE_VERSION}"
    return cli, version


def reason(output: str) -> str:
    """The line of a tool's output that says what went wrong, fit for a table cell."""
    lines = [line.strip() for line in output.strip().splitlines() if line.strip()]
    errors = [line for line in lines if "error" in line.lower()]
    return (errors or lines or ["no output"])[0 if errors else -1].replace("|", "/")[:200]


def lighthouse_scores(cli: Path, chrome: str, url: str, out: Path) -> dict | str:
    """Category scores (0-1) and failed audits of one mobile Lighthouse run, or why there are none."""
    command = [
        str(cli), url, "--quiet", "--output=json", f"--output-path={out}",
        f"--only-categories={','.join(LIGHTHOUSE_CATEGORIES)}",
        f"--chrome-flags={' '.join(CHROMIUM_ARGS)}",
    ]
    try:
        result = subprocess.run(command, env={**os.environ, "CHROME_PATH": chrome},
                                capture_output=True, text=True, timeout=300)
    except subprocess.TimeoutExpired:
        return "Lighthouse timed out after 300 s"
    if result.returncode != 0 or not out.exists():
        return f"Lighthouse failed (exit {result.returncode}): {reason(result.stderr or result.stdout)}"
    report = json.loads(out.read_text(encoding="utf-8"))
    if report.get("runtimeError"):
        return f"Lighthouse: {report['runtimeError'].get('code')}"
    scores = {name: report["categories"][name]["score"] for name in LIGHTHOUSE_CATEGORIES}
    scores["failed"] = failed_audits(report)
    return scores


def failed_audits(report: dict) -> list[str]:
    """Weighted accessibility, best-practice and SEO audits that did not pass."""
    failed = []
    for name in LIGHTHOUSE_CATEGORIES[1:]:
        for ref in report["categories"][name]["auditRefs"]:
            score = report["audits"][ref["id"]].get("score")
            if ref.get("weight", 0) > 0 and score is not None and score < 1 and ref["id"] not in failed:
                failed.append(ref["id"])
    return failed


def score_cells(scores: dict | str) -> list[str]:
    if isinstance(scores, str):
        return [scores, "", "", "", ""]
    cells = ["n/a" if scores[name] is None else str(round(scores[name] * 100)) for name in LIGHTHOUSE_CATEGORIES]
    return cells + [", ".join(f"`{audit}`" for audit in scores["failed"]) or "none"]


# ---------------------------------------------------------------------------
# Pagefind bundle sizes
# ---------------------------------------------------------------------------

def reader_files(pagefind: Path, lang: str) -> list[Path]:
    """Every file of the bundle a reader of `lang` could ever load (the upper bound)."""
    entry = json.loads((pagefind / "pagefind-entry.json").read_text(encoding="utf-8"))
    info = entry["languages"][lang]
    shared = ["pagefind-entry.json", "pagefind.js", "pagefind-worker.js",
              "pagefind-component-ui.js", "pagefind-component-ui.css",
              f"pagefind.{info['hash']}.pf_meta", f"wasm.{info['wasm'] or 'unknown'}.pagefind"]
    files = [pagefind / name for name in shared]
    for folder in ("index", "fragment", "filter"):
        files += sorted((pagefind / folder).glob(f"{lang}_*"))
    return [path for path in files if path.is_file()]


def size_of(paths) -> int:
    return sum(path.stat().st_size for path in paths)


def folder_size(folder: Path) -> int:
    return size_of(path for path in folder.rglob("*") if path.is_file())


# ---------------------------------------------------------------------------
# The report
# ---------------------------------------------------------------------------

def page_label(path: str) -> str:
    return f"`/{path}`"


def measure_pages(browser, base_url: str) -> list[tuple[str, str, Bytes, Bytes]]:
    return [(path, query, *first_view_and_search(browser, base_url + path, query))
            for path, _lang, query in PAGES]


def pages_section(measured) -> str:
    rows = []
    for path, query, view, search in measured:
        mix = ", ".join(f"{kind} {count}" for kind, count in sorted(view.types.items()))
        rows.append([page_label(path), *view.cells(), mix, f"{query}", *search.cells()])
    header = ["page", "first view: requests", "raw", "gzip", "first view: by type",
              "first search: query", "requests", "raw", "gzip"]
    return table(header, rows)


def lighthouse_section(chrome: str, base_url: str, workdir: Path) -> tuple[str, str]:
    cli, note = ensure_lighthouse()
    rows = []
    for index, (path, _lang, _query) in enumerate(PAGES):
        scores = note if cli is None else lighthouse_scores(cli, chrome, base_url + path, workdir / f"lh-{index}.json")
        rows.append([page_label(path), *score_cells(scores)])
    header = ["page", "performance", "accessibility", "best practices", "SEO",
              "failed audits (accessibility, best practices, SEO)"]
    return table(header, rows), (f"Lighthouse {note}" if cli else "Lighthouse not run")


def spread(*series: list[Timing]) -> float:
    """Run-to-run spread of wall times: the largest max - min among the series."""
    return max(max(t.wall for t in timings) - min(t.wall for t in timings) for timings in series)


def with_share(value: float, whole: float) -> str:
    return f"{seconds(value)} ({value / whole * 100:.0f} %)"


def build_section(times: dict[str, list[Timing]]) -> str:
    """Wall times (median, and every run) and CPU times (median) of the builds.

    times: "site", and for the generated tree "hooks", "hooks_no_git", "plain", "pagefind".
    """
    columns = {kind: {name: median(series, kind) for name, series in times.items()} for kind in ("wall", "cpu")}
    overhead = {kind: c["hooks"] - c["plain"] for kind, c in columns.items()}
    git = {kind: c["hooks"] - c["hooks_no_git"] for kind, c in columns.items()}
    rest = {kind: overhead[kind] - git[kind] - c["pagefind"] for kind, c in columns.items()}
    noisy = abs(rest["wall"]) < spread(times["hooks"], times["hooks_no_git"], times["plain"])
    wall, cpu = columns["wall"], columns["cpu"]
    tree = f"{len(TREE_LANGUAGES)} languages x {TREE_PAGES} pages"
    rows = [
        ["this site: `mkdocs build --strict` (3 languages x 4 pages)",
         wall_cell(times["site"]), seconds(cpu["site"])],
        [f"generated tree ({tree}, one git commit), hooks as in mkdocs.yml, overrides/ as `custom_dir`",
         wall_cell(times["hooks"]), seconds(cpu["hooks"])],
        ["same tree, `hooks: []` and plain Material (no `custom_dir`: the overrides need the hooks' context)",
         wall_cell(times["plain"]), seconds(cpu["plain"])],
        ["overhead of hooks + overrides (difference of the medians; % of the plain build)",
         f"{seconds(overhead['wall'])} ({overhead['wall'] / wall['plain'] * 100:+.0f} %)",
         f"{seconds(overhead['cpu'])} ({overhead['cpu'] / cpu['plain'] * 100:+.0f} %)"],
        ["of which Pagefind indexing (`python -m pagefind --site` alone on the built tree, "
         "the hook's arguments; % of the overhead)",
         f"{wall_cell(times['pagefind'])}, {wall['pagefind'] / overhead['wall'] * 100:.0f} %",
         with_share(cpu["pagefind"], overhead["cpu"])],
        ["of which git history reads for the outdated-translation notice (hooks build minus the same "
         "build with the tree's .git moved aside)",
         with_share(git["wall"], overhead["wall"]), with_share(git["cpu"], overhead["cpu"])],
        ["rest: the other hooks and the overrides' templates",
         seconds(rest["wall"]) + (" (less than the run-to-run spread)" if noisy else ""),
         seconds(rest["cpu"])],
    ]
    header = ["build", f"wall time, median of {REPEATS} (runs)", f"CPU time, median of {REPEATS}"]
    return table(header, rows)


def bundle_sizes(site: Path, lang: str) -> tuple[int, int]:
    """Size of the whole pagefind/ folder, and of the files a reader of `lang` can load."""
    pagefind = site / "pagefind"
    return folder_size(pagefind), size_of(reader_files(pagefind, lang))


def languages_section(trees: list[tuple[int, int, int, Bytes]]) -> str:
    lang, query = TREE_QUERY
    rows = [[f"{count} languages x {TREE_PAGES} pages", kib(total), kib(reader),
             f"{reader / total * 100:.0f} %", *search.cells()]
            for count, total, reader, search in trees]
    header = ["generated tree", "pagefind/ total", f"every file a `{lang}` reader can load",
              "share", f"first search on `/{lang}/` ({query}): requests", "raw", "gzip"]
    return table(header, rows)


def git_revision() -> str:
    """HEAD's short hash, marked when the work tree has uncommitted changes (read-only git calls)."""
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    status = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                            capture_output=True, text=True)
    dirty = " + uncommitted changes" if status.stdout.strip() else ""
    return (head.stdout.strip() or "unknown") + dirty


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def site_figures(browser, chrome: str, work: Path) -> dict:
    """Figures 1-4: the project's own site."""
    progress("Building the site (x3)...")
    site = work / "site"
    figures = {"site_times": [mkdocs_build(ROOT / "mkdocs.yml", site) for _ in range(REPEATS)]}
    with serve(site) as base_url:
        progress("Measuring first view and first search...")
        figures["measured"] = measure_pages(browser, base_url)
        progress("Running Lighthouse...")
        figures["lighthouse"], figures["lighthouse_note"] = lighthouse_section(chrome, base_url, work)
    return figures


def search_scaling(browser, count: int, built: Path) -> tuple[int, int, int, Bytes]:
    """Bundle sizes and the measured first search of a Japanese reader on a built tree."""
    lang, query = TREE_QUERY
    with serve(built) as base_url:
        _view, search = first_view_and_search(browser, f"{base_url}{lang}/", query)
    return (count, *bundle_sizes(built, lang), search)


@contextlib.contextmanager
def git_hidden(tree: Path):
    """The tree is not a git work tree while inside (its .git is renamed)."""
    (tree / ".git").rename(tree / ".git-hidden")
    try:
        yield
    finally:
        (tree / ".git-hidden").rename(tree / ".git")


def tree_figures(browser, work: Path) -> dict:
    """Figures 5-6: generated 3- and 10-language trees."""
    few = list(TREE_LANGUAGES)[:3]
    progress(f"Generating and building the {len(few)}-language tree...")
    hooks_config, _plain = generate_tree(work / "tree-few", few)
    mkdocs_build(hooks_config, work / "tree-few-site")
    trees = [search_scaling(browser, len(few), work / "tree-few-site")]

    progress(f"Generating the {len(TREE_LANGUAGES)}-language tree; building it with hooks, "
             f"with hooks but no git, without hooks (x{REPEATS})...")
    tree = work / "tree-all"
    hooks_config, plain_config = generate_tree(tree, list(TREE_LANGUAGES))
    built, other = work / "tree-all-site", work / "tree-all-other-site"
    times = {"hooks": [], "hooks_no_git": [], "plain": []}
    for _ in range(REPEATS):  # alternated, so that drift in the machine's load hits all alike
        times["hooks"].append(mkdocs_build(hooks_config, built))
        with git_hidden(tree):
            times["hooks_no_git"].append(mkdocs_build(hooks_config, other))
        times["plain"].append(mkdocs_build(plain_config, other))
    trees.append(search_scaling(browser, len(TREE_LANGUAGES), built))
    progress("Timing Pagefind on its own...")
    times["pagefind"] = [time_pagefind(built) for _ in range(REPEATS)]
    return {"trees": trees, "times": times}


def report(figures: dict, browser_version: str, elapsed: float) -> str:
    return "\n".join([
        f"## Benchmark (commit {git_revision()}, Chromium {browser_version}, {figures['lighthouse_note']})",
        "",
        "### Bytes and requests (empty cache, until network idle)",
        "",
        "raw: uncompressed bodies. gzip: bodies as bench.py's local server sends them: "
        "HTML, CSS, JS, JSON, SVG and XML gzipped at level 9 by bench.py; images, fonts "
        "and Pagefind's index, fragment and WebAssembly files (already gzip-compressed by "
        "Pagefind) as is. First search: only requests made after clicking the search button.",
        "",
        pages_section(figures["measured"]),
        "",
        "### Lighthouse (mobile preset, simulated throttling, local gzip server)",
        "",
        figures["lighthouse"],
        "",
        "### Build time",
        "",
        build_section({"site": figures["site_times"], **figures["times"]}),
        "",
        "### Search bytes vs number of languages (same generated pages, built with hooks)",
        "",
        languages_section(figures["trees"]),
        "",
        f"bench.py ran in {elapsed:.0f} s.",
    ])


def main() -> int:
    from playwright.sync_api import sync_playwright

    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="bench-") as temp, sync_playwright() as playwright:
        work = Path(temp)
        browser = launch_browser(playwright)
        chrome = chromium_path() or playwright.chromium.executable_path
        try:
            figures = site_figures(browser, chrome, work)
            figures |= tree_figures(browser, work)
            browser_version = browser.version
        finally:
            browser.close()
    print(report(figures, browser_version, time.perf_counter() - started))
    return 0


if __name__ == "__main__":
    sys.exit(main())
