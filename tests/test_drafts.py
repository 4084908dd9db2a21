"""Draft languages: built by previews only, absent from everything published,
and published by one explicit step that refuses placeholders."""

from __future__ import annotations

import json
import re
import shutil

import pytest
import yaml

from alliance_site.checks import readiness_problems
from alliance_site.harness import build_site, run_l10n
from alliance_site.search import BUNDLE, read_entry_file

@pytest.fixture(scope="module")
def published_site(drafts_project, tmp_path_factory):
    """The drafts project as `make build` and CI's deploy build it."""
    target = tmp_path_factory.mktemp("published-site")
    result = build_site(drafts_project, target)
    assert result.returncode == 0, result.stderr
    return target


def every_text(site) -> str:
    return "\n".join(path.read_text("utf-8") for path in site.rglob("*") if path.suffix in (".html", ".xml", ".json"))


def test_published_build_has_no_trace_of_a_draft(published_site, draft_codes):
    assert [code for code in draft_codes if (published_site / code).exists()] == []
    text = every_text(published_site)
    for code in draft_codes:
        assert f'hreflang="{code}"' not in text  # switcher, <head>, sitemap
        assert f'/{code}/' not in text  # links, sitemap, 404 homes, language suggestion
    languages = read_entry_file(published_site / BUNDLE)["languages"]
    assert set(languages) == {"en", "ja", "es"}


def test_preview_build_shows_drafts_everywhere_a_language_appears(drafts_site, draft_codes):
    for code in draft_codes:
        assert (drafts_site / code / "index.html").is_file()
        assert (drafts_site / code / "faq" / "index.html").is_file()  # English fallback
    home = (drafts_site / "index.html").read_text("utf-8")
    assert all(f'hreflang="{code}"' in home for code in draft_codes)
    languages = read_entry_file(drafts_site / BUNDLE)["languages"]
    assert {"ar", "zh", "ko"} <= set(languages)


def test_check_passes_with_drafts_that_still_have_placeholders(drafts_project):
    result = run_l10n(drafts_project, "check")
    assert result.returncode == 0, result.stdout
    assert "ar (draft)" in result.stdout


def test_status_marks_drafts(drafts_project, draft_codes):
    result = run_l10n(drafts_project, "status")
    assert result.returncode == 0, result.stderr
    header = result.stdout.splitlines()[0].split()
    assert header[:3] == ["page", "ja", "es"] and "(draft)" in header
    assert "draft: ar, ko, zh (previews only" in result.stdout
    rows = json.loads(run_l10n(drafts_project, "status", "--json").stdout)
    assert {row["lang"] for row in rows if row["draft"]} == set(draft_codes)


@pytest.fixture
def fresh_copy(drafts_project, tmp_path):
    shutil.copytree(drafts_project, tmp_path / "project", ignore=shutil.ignore_patterns("site"))
    return tmp_path / "project"


def line_of(path, text):
    return next(number for number, line in enumerate(path.read_text("utf-8").splitlines(), 1) if text in line)


def test_publish_refuses_placeholders_naming_file_and_key(fresh_copy):
    result = run_l10n(fresh_copy, "publish", "ko")
    assert result.returncode == 2
    config, strings = fresh_copy / "mkdocs.yml", fresh_copy / "data" / "strings" / "ko.yml"
    message = result.stderr
    assert "'ko' is not ready to publish" in message
    assert f"data/strings/ko.yml:{line_of(strings, 'search_open:')}: interface string 'search_open' is a copy of the English text" in message
    assert f"data/strings/ko.yml:{line_of(strings, 'og_locale:')}: interface string 'og_locale' is still a placeholder (TODO)" in message
    description = next(n for n, line in enumerate(config.read_text("utf-8").splitlines(), 1)
                       if "site_description" in line and "TODO" in line and n > line_of(config, "- locale: ko"))
    assert f"mkdocs.yml:{description}: ko site_description is still a placeholder (TODO)" in message
    assert "ko nav label 'About' is a copy of the English text" in message
    assert "draft: true" in config.read_text("utf-8").split("- locale: ko")[1]  # still a draft


def translate_everything(project, code):
    """What a translator does before publishing (values marked, so they differ from English)."""
    strings = project / "data" / "strings" / f"{code}.yml"
    values = yaml.safe_load(strings.read_text("utf-8"))
    strings.write_text("".join(f"{key}: {json.dumps(value if key == 'og_locale' else f'[{code}] {value}', ensure_ascii=False)}\n"
                               for key, value in values.items()), "utf-8")
    config = project / "mkdocs.yml"
    head, entry = config.read_text("utf-8").split(f"- locale: {code}\n")
    entry = re.sub(r"  # TODO.*", "", entry)
    entry = re.sub(r"^(\s+)(About|Partners|Get involved|FAQ): .*$", lambda m: f"{m[1]}{m[2]}: {json.dumps(f'[{code}] {m[2]}')}", entry, flags=re.M)
    entry = re.sub(r'site_description: "(.*)"', rf'site_description: "[{code}] \1"', entry)
    config.write_text(head + f"- locale: {code}\n" + entry, "utf-8")


def test_publish_makes_a_translated_draft_public(fresh_copy, tmp_path):
    translate_everything(fresh_copy, "ko")
    assert readiness_problems(fresh_copy, "ko", "en") == []
    result = run_l10n(fresh_copy, "publish", "ko")
    assert result.returncode == 0, result.stderr
    assert "Published ko" in result.stdout
    entry = fresh_copy.joinpath("mkdocs.yml").read_text("utf-8").split("- locale: ko")[1].split("\n\n")[0]
    assert "draft" not in entry and "extra:" not in entry
    site = tmp_path / "site"
    assert build_site(fresh_copy, site).returncode == 0
    assert (site / "ko" / "index.html").is_file() and not (site / "ar").exists()
    assert 'hreflang="ko"' in (site / "index.html").read_text("utf-8")


def test_check_refuses_a_published_language_with_placeholders(fresh_copy):
    config = fresh_copy / "mkdocs.yml"
    config.write_text(re.sub(r"\n\s+extra:\n\s+draft: true.*publish ar", "", config.read_text("utf-8")), "utf-8")
    result = run_l10n(fresh_copy, "check")
    assert result.returncode == 1
    assert "data/strings/ar.yml:" in result.stdout and "interface string 'search_open' is a copy of the English text" in result.stdout
    assert "ar nav label 'FAQ' is a copy of the English text" in result.stdout


def test_preview_of_one_language_builds_english_and_that_language_only(drafts_project, tmp_path):
    result = build_site(drafts_project, tmp_path / "site", env={"SITE_ONLY": "zh"})
    assert result.returncode == 0, result.stderr
    built = sorted(path.name for path in (tmp_path / "site").iterdir() if (path / "index.html").is_file() and path.name != "404.html")
    assert "zh" in built and not {"ja", "es", "ar", "ko"} & set(built)


def test_unknown_language_in_site_only_fails_clearly(drafts_project, tmp_path):
    result = build_site(drafts_project, tmp_path / "site", env={"SITE_ONLY": "jp"})
    assert result.returncode != 0
    assert "SITE_ONLY names 'jp', which is not a language of this site" in result.stdout + result.stderr
