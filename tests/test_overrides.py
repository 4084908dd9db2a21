"""overrides/ stays in step with the installed Material, and publishes only what it should."""

import re
from pathlib import Path

import material
import pytest

from alliance_site.harness import ROOT

OVERRIDES = ROOT / "overrides"
MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"
UPSTREAM = re.compile(r"upstream sha256 ([0-9a-f]{16})")
# What a visitor may receive: pages, their assets, search, the sitemap.
PUBLISHED_SUFFIXES = {".html", ".css", ".js", ".svg", ".xml", ".json", ".gz", ".wasm", ".pf_meta",
                      ".pf_index", ".pf_fragment", ".pagefind", ".map", ".txt", ".png", ".ico", ".woff2"}


def derived_partials() -> list[Path]:
    return [path for path in sorted(OVERRIDES.rglob("*.html")) if UPSTREAM.search(path.read_text("utf-8"))]


def test_some_partials_are_derived_from_material():
    assert {path.name for path in derived_partials()} >= {"header.html", "toc.html"}


@pytest.mark.parametrize("override", derived_partials(), ids=lambda path: path.name)
def test_derived_partial_matches_the_installed_material(override):
    """A Material upgrade that changes a partial we copied must be merged by hand."""
    import hashlib
    recorded = UPSTREAM.search(override.read_text("utf-8"))[1]
    upstream = MATERIAL_TEMPLATES / override.relative_to(OVERRIDES)
    assert upstream.is_file(), f"Material no longer has {upstream.name}"
    actual = hashlib.sha256(upstream.read_bytes()).hexdigest()[:16]
    assert actual == recorded, (
        f"Material's {override.relative_to(OVERRIDES)} changed ({recorded} -> {actual}): re-apply this "
        f"site's changes to the new upstream file and record its sha256")


def test_built_site_has_only_published_file_types(site_dir):
    """Everything in overrides/ that is not a template is copied into site/."""
    unexpected = sorted(path.relative_to(site_dir).as_posix() for path in site_dir.rglob("*")
                        if path.is_file() and path.suffix not in PUBLISHED_SUFFIXES)
    assert unexpected == []


def test_nothing_from_the_hooks_or_the_package_is_published(site_dir):
    names = {path.name for path in site_dir.rglob("*")}
    assert not any(name.endswith(".py") or name == "__pycache__" for name in names)
