"""Lighthouse scores of the site's pages (mobile preset), against the local gzip server.

Lighthouse is pinned in benchmark/lighthouse-cli/ (package.json + lock) and
installed there with `npm ci` on first use.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

from alliance_site.harness import CHROMIUM_ARGS

from benchmark.report import Section, table
from benchmark.traffic import PAGES, gzip_server
from benchmark.workspace import Workspace, progress

CLI_DIR = Path(__file__).resolve().parent / "lighthouse-cli"
VERSION = "12.2.3"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
TIMEOUT = 300  # seconds for one page


def reason(output: str) -> str:
    """The line of a tool's output that says what went wrong, fit for a table cell."""
    lines = [line.strip() for line in output.strip().splitlines() if line.strip()]
    errors = [line for line in lines if "error" in line.lower()]
    return (errors or lines or ["no output"])[0 if errors else -1].replace("|", "/")[:200]


def ensure_cli() -> tuple[Path | None, str]:
    """The Lighthouse CLI (npm ci on first run), or None and the reason."""
    cli = CLI_DIR / "node_modules" / ".bin" / "lighthouse"
    if shutil.which("node") is None:
        return None, "node not found (Lighthouse needs Node.js)"
    if not cli.exists():
        npm = shutil.which("npm")
        if npm is None:
            return None, "npm not found (Lighthouse needs Node.js and npm)"
        result = subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=CLI_DIR, capture_output=True, text=True)
        if result.returncode != 0 or not cli.exists():
            return None, f"npm ci failed: {reason(result.stderr or result.stdout)}"
    version = subprocess.run([str(cli), "--version"], capture_output=True, text=True).stdout.strip()
    if version != VERSION:
        return None, f"found Lighthouse {version or '?'}, expected {VERSION}"
    return cli, version


def failed_audits(report: dict) -> list[str]:
    """Weighted accessibility, best-practice and SEO audits that did not pass."""
    failed = []
    for name in CATEGORIES[1:]:
        for ref in report["categories"][name]["auditRefs"]:
            score = report["audits"][ref["id"]].get("score")
            if ref.get("weight", 0) > 0 and score is not None and score < 1 and ref["id"] not in failed:
                failed.append(ref["id"])
    return failed


def scores(cli: Path, chrome: str, url: str, out: Path) -> dict | str:
    """Category scores (0-1) and failed audits of one mobile run, or why there are none."""
    command = [str(cli), url, "--quiet", "--output=json", f"--output-path={out}",
               f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={' '.join(CHROMIUM_ARGS)}"]
    try:
        result = subprocess.run(command, env={**os.environ, "CHROME_PATH": chrome},
                                capture_output=True, text=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return f"Lighthouse timed out after {TIMEOUT} s"
    if result.returncode != 0 or not out.exists():
        return f"Lighthouse failed (exit {result.returncode}): {reason(result.stderr or result.stdout)}"
    report = json.loads(out.read_text(encoding="utf-8"))
    if report.get("runtimeError"):
        return f"Lighthouse: {report['runtimeError'].get('code')}"
    found = {name: report["categories"][name]["score"] for name in CATEGORIES}
    found["failed"] = failed_audits(report)
    return found


def cells(found: dict | str) -> list[str]:
    if isinstance(found, str):
        return [found, "", "", "", ""]
    row = ["n/a" if found[name] is None else str(round(found[name] * 100)) for name in CATEGORIES]
    return row + [", ".join(f"`{audit}`" for audit in found["failed"]) or "none"]


def run(work: Workspace) -> list[Section]:
    site = work.built_site()
    cli, note = ensure_cli()
    chrome = work.chromium_path()
    progress("Running Lighthouse...")
    rows = []
    with gzip_server(site) as base_url:
        for index, (path, _query) in enumerate(PAGES):
            found = note if cli is None else scores(cli, chrome, base_url + path, work.root / f"lighthouse-{index}.json")
            rows.append([f"`/{path}`", *cells(found)])
    work.details["lighthouse"] = f"Lighthouse {note}" if cli else "Lighthouse not run"
    header = ["page", "performance", "accessibility", "best practices", "SEO",
              "failed audits (accessibility, best practices, SEO)"]
    return [Section("Lighthouse (mobile preset, simulated throttling, local gzip server)", table(header, rows))]
