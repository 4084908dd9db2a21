"""What the parts of a benchmark run share: a scratch folder, one Chromium,
trees built once, and timed builds."""

from __future__ import annotations

import resource
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from alliance_site.config import PROJECT_ROOT
from alliance_site.harness import build_site, chromium_executable, launch_chromium

from benchmark import trees


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@dataclass
class Timing:
    """Wall time of a command, and the CPU time it and its children used."""

    wall: float
    cpu: float


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_build(project: Path, site_dir: Path, config: Path | None = None) -> Timing:
    """`mkdocs build --strict` of a project into an empty site_dir (alliance_site.harness.build_site);
    raises if the build fails."""
    shutil.rmtree(site_dir, ignore_errors=True)
    cpu, start = children_cpu(), time.perf_counter()
    result = build_site(project, site_dir, config=config)
    timing = Timing(time.perf_counter() - start, children_cpu() - cpu)
    if result.returncode != 0:
        raise RuntimeError(f"build of {config or project} failed:\n{result.stdout}{result.stderr}")
    return timing


class Workspace:
    def __init__(self, root: Path, repeats: int, samples: int):
        self.root = root
        self.repeats = repeats  # timed builds and status runs per figure (medians reported)
        self.samples = samples  # saves per preview (medians reported)
        self.details: dict[str, str] = {}  # shown in the report's heading
        self._playwright = None
        self._browser = None
        self._built: dict[str, Path] = {}

    def folder(self, name: str) -> Path:
        path = self.root / name
        path.mkdir(parents=True, exist_ok=True)
        return path

    def browser(self):
        """One headless Chromium for the whole run (alliance_site.harness flags)."""
        if self._browser is None:
            from playwright.sync_api import sync_playwright

            self._playwright = sync_playwright().start()
            self._browser = launch_chromium(self._playwright)
            self.details["chromium"] = f"Chromium {self._browser.version}"
        return self._browser

    def chromium_path(self) -> str:
        """The Chromium the browser runs (for tools that start their own, like Lighthouse)."""
        self.browser()
        return chromium_executable() or self._playwright.chromium.executable_path

    def built_site(self) -> Path:
        """The project's site, built once."""
        if "site" not in self._built:
            progress("Building the site...")
            site = self.root / "site"
            timed_build(PROJECT_ROOT, site)
            self._built["site"] = site
        return self._built["site"]

    def generated_tree(self, languages: int) -> Path:
        """The first `languages` of trees.TREE_LANGUAGES x 100 pages, generated once."""
        tree = self.root / f"tree-{languages}"
        if not tree.exists():
            progress(f"Generating a {languages}-language x {trees.TREE_PAGES}-page tree...")
            trees.generated_tree(tree, list(trees.TREE_LANGUAGES)[:languages])
        return tree

    def keep_built_tree(self, languages: int, site: Path) -> None:
        self._built[f"tree-{languages}"] = site

    def built_tree(self, languages: int) -> Path:
        """A generated tree built with the project's hooks, once."""
        key = f"tree-{languages}"
        if key not in self._built:
            tree = self.generated_tree(languages)
            progress(f"Building the {languages}-language tree...")
            timed_build(tree, self.root / f"{key}-site")
            self._built[key] = self.root / f"{key}-site"
        return self._built[key]

    def close(self) -> None:
        if self._browser is not None:
            self._browser.close()
            self._playwright.stop()
