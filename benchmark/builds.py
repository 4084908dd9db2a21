"""Full-build time: the site itself, and a 10-language x 100-page tree built
with the project's hooks and overrides vs plain Material + mkdocs-static-i18n."""

from __future__ import annotations

import statistics
import subprocess
import time

from alliance_site.config import PROJECT_ROOT
from alliance_site.search import pagefind_command

from benchmark import trees
from benchmark.report import Section, ratio, runs, seconds, table
from benchmark.workspace import Timing, Workspace, children_cpu, progress, timed_build

TARGET = 1.1  # issue 9: the hooks' build at most 10 % slower than plain Material's


def timed_pagefind(site) -> Timing:
    """Pagefind alone on a built site, with the hooks' arguments (alliance_site.search)."""
    cpu, start = children_cpu(), time.perf_counter()
    result = subprocess.run(pagefind_command(site, output=site.parent / f"{site.name}-pagefind"),
                            capture_output=True, text=True, check=False)
    timing = Timing(time.perf_counter() - start, children_cpu() - cpu)
    if result.returncode != 0:
        raise RuntimeError(f"pagefind failed on {site}:\n{result.stdout}{result.stderr}")
    return timing


def wall(series: list[Timing]) -> float:
    return statistics.median(t.wall for t in series)


def cpu(series: list[Timing]) -> float:
    return statistics.median(t.cpu for t in series)


def run(work: Workspace) -> list[Section]:
    count, repeats = len(trees.TREE_LANGUAGES), work.repeats
    progress(f"Building the site (x{repeats})...")
    site = [timed_build(PROJECT_ROOT, work.root / "site-timed") for _ in range(repeats)]

    tree = work.generated_tree(count)
    hooks_site, plain_site = work.root / f"tree-{count}-site", work.root / f"tree-{count}-plain-site"
    progress(f"Building the {count}-language tree with the hooks and plain, alternated (x{repeats} each)...")
    times: dict[str, list[Timing]] = {"hooks": [], "plain": []}
    for round_ in range(repeats):  # alternated, so that drift in the machine's load hits both alike
        order = ["hooks", "plain"] if round_ % 2 == 0 else ["plain", "hooks"]
        for kind in order:
            if kind == "hooks":
                times["hooks"].append(timed_build(tree, hooks_site))
            else:
                times["plain"].append(timed_build(tree, plain_site, config=tree / trees.PLAIN_CONFIG))
    work.keep_built_tree(count, hooks_site)
    progress(f"Timing Pagefind alone (x{repeats})...")
    pagefind = [timed_pagefind(hooks_site) for _ in range(repeats)]

    hooks, plain = times["hooks"], times["plain"]
    shape = f"{count} languages x {trees.TREE_PAGES} pages"
    rows = [
        ["this site (3 languages x 4 pages)", runs([t.wall for t in site]), seconds(cpu(site))],
        [f"{shape}, the project's hooks and overrides", runs([t.wall for t in hooks]), seconds(cpu(hooks))],
        [f"{shape}, plain Material + static-i18n (`hooks: []`, no `custom_dir`)",
         runs([t.wall for t in plain]), seconds(cpu(plain))],
        [f"**ratio hooks / plain** (target <= {TARGET})", f"**{ratio(wall(hooks), wall(plain))}**",
         ratio(cpu(hooks), cpu(plain))],
        ["for reference: Pagefind over the whole built tree in one run (Pagefind's binary with the hook's "
         "arguments); the build runs it per language while the next language builds",
         runs([t.wall for t in pagefind]), seconds(cpu(pagefind))],
    ]
    header = ["`mkdocs build --strict`", f"wall time, median of {repeats} (runs)", f"CPU time, median of {repeats}"]
    return [Section("Full build", table(header, rows))]
