"""The translators' CLI (scripts/l10n.py): diff, check, new-language, publish (translation states and
`status`: test_translation_state.py; its git helpers are imported from here)."""

from __future__ import annotations

import difflib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from alliance_site.harness import PAGES, ROOT, commit, copy_project, git_env, markdown_page, run_l10n, write

from alliance_site import cli, languages, markdown, scaffold
from alliance_site.config import site_languages


TRANSLATIONS = ["ja", "es"]


# --------------------------------------------------------------------------- helpers


@pytest.fixture
def project(tmp_path) -> Path:
    """A throwaway copy of the real project (no git history) to break one thing in."""
    return copy_project(tmp_path)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), "utf-8")


def line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text("utf-8").splitlines(), 1) if text in line)


def failed_check(root: Path) -> str:
    result = run_l10n(root, "check")
    assert result.returncode == 1, f"check should have failed:\n{result.stdout}{result.stderr}"
    return result.stdout


# --------------------------------------------------------------------------- diff


def test_diff_shows_english_changes_since_translation(repo):
    write(repo / "docs" / "en" / "page.md", markdown_page("Page", "New sentence."))
    commit(repo, 2)
    result = run_l10n(repo, "diff", "ja", "page.md", env=git_env(repo))
    assert result.returncode == 0, result.stderr
    assert "docs/ja/page.md is outdated" in result.stdout
    assert "-Old sentence." in result.stdout and "+New sentence." in result.stdout
    assert "古い文" not in result.stdout  # only the English file


def test_diff_when_up_to_date_missing_or_without_git(repo, tmp_path_factory):
    up_to_date = run_l10n(repo, "diff", "ja", "page", env=git_env(repo))
    assert up_to_date.returncode == 0 and "is up to date" in up_to_date.stdout
    missing = run_l10n(repo, "diff", "es", "page.md", env=git_env(repo))
    assert "does not exist yet" in missing.stdout
    unknown = run_l10n(repo, "diff", "fr", "page.md", env=git_env(repo))
    assert unknown.returncode == 2 and "unknown language 'fr'" in unknown.stderr
    tarball = tmp_path_factory.mktemp("tarball")
    shutil.copytree(repo, tarball, dirs_exist_ok=True, ignore=shutil.ignore_patterns(".git"))
    no_git = run_l10n(tarball, "diff", "ja", "page.md", env=git_env(tarball))
    assert no_git.returncode == 1 and "No git history" in no_git.stdout


def test_diff_ignores_uncommitted_edits_to_the_translation(repo):
    """Uncommitted edits are no review of English: diff still shows the English changes."""
    write(repo / "docs" / "en" / "page.md", markdown_page("Page", "New sentence."))
    commit(repo, 2)
    write(repo / "docs" / "ja" / "page.md", markdown_page("ページ", "途中の訳。"))  # not committed
    result = run_l10n(repo, "diff", "ja", "page.md", env=git_env(repo))
    assert result.returncode == 0, result.stderr
    assert "docs/ja/page.md has uncommitted edits; showing English changes since its last commit" in result.stdout
    assert "+New sentence." in result.stdout
    assert "is up to date" not in result.stdout


def test_diff_uncommitted_edits_without_english_changes(repo):
    write(repo / "docs" / "ja" / "page.md", markdown_page("ページ", "直した文。"))  # not committed
    result = run_l10n(repo, "diff", "ja", "page.md", env=git_env(repo))
    assert "has uncommitted edits" in result.stdout and "is up to date" in result.stdout


def test_diff_translation_never_committed(repo):
    write(repo / "docs" / "en" / "new.md", markdown_page("New", "Text."))
    commit(repo, 2)
    write(repo / "docs" / "ja" / "new.md", markdown_page("新", "本文。"))  # not committed
    result = run_l10n(repo, "diff", "ja", "new.md", env=git_env(repo))
    assert result.returncode == 0
    assert "docs/ja/new.md has never been committed: compare it with the whole of docs/en/new.md" in result.stdout


@pytest.mark.parametrize("argument", ["docs/ja/page.md", "docs/en/page.md", "./docs/ja/page", "page"])
def test_diff_accepts_a_path_under_docs(repo, argument):
    write(repo / "docs" / "en" / "page.md", markdown_page("Page", "New sentence."))
    commit(repo, 2)
    result = run_l10n(repo, "diff", "ja", argument, env=git_env(repo))
    assert result.returncode == 0, result.stderr
    assert "docs/ja/page.md is outdated" in result.stdout and "+New sentence." in result.stdout


def test_normalize_page_strips_only_the_given_languages():
    assert cli.normalize_page("docs/ja/faq.md", ("ja", "en")) == "faq.md"
    assert cli.normalize_page("docs\\en\\faq", ("ja", "en")) == "faq.md"
    assert cli.normalize_page("docs/es/faq.md", ("ja", "en")) == "docs/es/faq.md"


# --------------------------------------------------------------------------- the real repository


def test_languages_come_from_the_real_mkdocs_yml():
    """The tolerant loader reads mkdocs.yml despite its !ENV and !!python tags."""
    assert [language.code for language in site_languages(ROOT)] == ["en", *TRANSLATIONS]


def test_real_repo_passes_check():
    result = subprocess.run([sys.executable, "scripts/l10n.py", "check"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("l10n check: OK")


def test_real_repo_every_page_is_translated():
    result = subprocess.run([sys.executable, "scripts/l10n.py", "status", "--json"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    rows = {(row["page"], row["lang"]): row["state"] for row in json.loads(result.stdout)}
    assert rows == {(name, lang): "translated" for name in PAGES for lang in TRANSLATIONS}


# --------------------------------------------------------------------------- check


def test_untouched_copy_passes_check(project):
    result = run_l10n(project, "check")
    assert result.returncode == 0, result.stdout
    assert "OK" in result.stdout


def test_check_changed_heading_id(project):
    path = project / "docs" / "es" / "get-involved.md"
    edit(path, "{#who-can-take-part}", "{#who}")
    output = failed_check(project)
    line = line_of(path, "{#who}")
    assert f"docs/es/get-involved.md:{line}: heading id #who should be #who-can-take-part" in output
    assert "extra heading" not in output and "missing heading" not in output


def test_check_faq_id_typo_is_one_line(project):
    path = project / "docs" / "ja" / "faq.md"
    edit(path, "{#cost}", "{#costs}")
    output = failed_check(project)
    english = line_of(project / "docs" / "en" / "faq.md", "{#cost}")
    expected = f"docs/ja/faq.md:{line_of(path, '{#costs}')}: heading id #costs should be #cost (English: docs/en/faq.md:{english})"
    assert output.splitlines() == [expected]


def test_check_missing_and_extra_questions_elsewhere_stay_two_problems(project):
    path = project / "docs" / "es" / "faq.md"
    lines = path.read_text("utf-8").splitlines(keepends=True)
    start, end = line_of(path, "{#cost}") - 1, line_of(path, "{#non-g20}") - 1
    path.write_text("".join(lines[:start] + lines[end:]) + "\n## ¿Otra pregunta? {#x}\n\nRespuesta.\n", "utf-8")
    output = failed_check(project)
    assert "missing FAQ question #cost" in output and "extra FAQ question #x" in output
    assert "should be" not in output


def test_check_english_heading_without_id(project):
    english = "---\ntitle: New\ndescription: New.\n---\n\n# New page\n\n## Section {#section}\n"
    write(project / "docs" / "en" / "new.md", english)
    write(project / "docs" / "ja" / "new.md", english.replace("# New page", "# 新しいページ"))
    output = failed_check(project)
    assert "docs/en/new.md:6: heading has no {#id}: add one (translations copy it)" in output
    assert "docs/ja/new.md:6: heading has no {#id}: neither has the English heading docs/en/new.md:6" in output
    assert "matching English heading" not in output


def test_check_heading_without_id(project):
    path = project / "docs" / "ja" / "index.md"
    edit(path, "# アライアンスについて {#about}", "# アライアンスについて")
    assert "docs/ja/index.md:6: heading has no {#id}" in failed_check(project)


def test_check_missing_faq_question(project):
    path = project / "docs" / "ja" / "faq.md"
    lines = path.read_text("utf-8").splitlines(keepends=True)
    start = line_of(path, "{#cost}") - 1
    end = line_of(path, "{#non-g20}") - 1
    path.write_text("".join(lines[:start] + lines[end:]), "utf-8")  # the question and its answer
    output = failed_check(project)
    assert "missing FAQ question #cost" in output
    assert f"docs/ja/faq.md:{line_of(path, '{#non-g20}')}: missing FAQ question #cost" in output


def test_check_extra_faq_question(project):
    path = project / "docs" / "es" / "faq.md"
    path.write_text(path.read_text("utf-8") + "\n## ¿Otra pregunta? {#x}\n\nRespuesta.\n", "utf-8")
    output = failed_check(project)
    assert f"docs/es/faq.md:{line_of(path, '{#x}')}: extra FAQ question #x" in output


def test_check_orphan_file(project):
    write(project / "docs" / "ja" / "old-page.md", markdown_page("古いページ", "本文。"))
    assert "docs/ja/old-page.md:1: orphan translation: docs/en/old-page.md does not exist" in failed_check(project)


def test_check_unparsable_front_matter(project):
    path = project / "docs" / "es" / "index.md"
    edit(path, "title: Acerca de la Alianza", "title: [Acerca de la Alianza")
    output = failed_check(project)
    assert "docs/es/index.md:" in output and "front matter is not valid YAML" in output
    assert "values containing ': ' or starting with a quote must be in double quotes" in output


def test_check_strings_missing_and_unknown_keys(project):
    path = project / "data" / "strings" / "ja.yml"
    text = path.read_text("utf-8")
    path.write_text("".join(line for line in text.splitlines(keepends=True) if not line.startswith("search_open:"))
                    + "search_button: 検索\n", "utf-8")
    output = failed_check(project)
    assert "data/strings/ja.yml:1: missing key 'search_open' (copy it from en.yml and translate its value)" in output
    assert f"data/strings/ja.yml:{line_of(path, 'search_button:')}: unknown key 'search_button'" in output


def test_check_strings_not_valid_yaml(project):
    path = project / "data" / "strings" / "es.yml"
    edit(path, "search_open: ", "search_open: Buscar: ")
    output = failed_check(project)
    assert (f"data/strings/es.yml:{line_of(path, 'search_open:')}: not valid YAML (mapping values are not allowed here): "
            "values containing ': ' or starting with a quote must be in double quotes") in output


def test_check_strings_file_missing(project):
    (project / "data" / "strings" / "es.yml").unlink()
    assert "data/strings/es.yml:1: missing interface strings for 'es'" in failed_check(project)


def test_check_nav_label_without_translation(project):
    config = project / "mkdocs.yml"
    edit(config, "            FAQ: Preguntas frecuentes\n", "")
    output = failed_check(project)
    line = line_of(config, "- locale: es")
    assert output.splitlines() == [
        f"mkdocs.yml:{line}: nav label 'FAQ' has no es translation in nav_translations: add a line 'FAQ: …' under it"
    ]


def test_check_front_matter_without_description(project):
    path = project / "docs" / "ja" / "partners.md"
    text = path.read_text("utf-8")
    path.write_text("\n".join(line for line in text.splitlines() if not line.startswith("description:")) + "\n", "utf-8")
    assert "docs/ja/partners.md:1: front matter needs a non-empty 'description: ...' line" in failed_check(project)


def test_check_missing_partner_list(project):
    path = project / "docs" / "es" / "partners.md"
    edit(path, '--8<-- "partners/world-economic-forum-partners.md"\n', "")
    output = failed_check(project)
    assert ('docs/es/partners.md:1: missing partner list: '
            'add the line --8<-- "partners/world-economic-forum-partners.md"') in output


def test_check_hand_written_partner_list(project):
    path = project / "docs" / "ja" / "partners.md"
    edit(path, '--8<-- "partners/founding-contributors.md"', "- Eisai Co.\n- 日立（Hitachi）")
    output = failed_check(project)
    assert "missing partner list" in output
    assert f"docs/ja/partners.md:{line_of(path, '- Eisai Co.')}: hand-written list item names partner 'Eisai Co.'" in output
    assert f"docs/ja/partners.md:{line_of(path, 'Hitachi')}: hand-written list item names partner 'Hitachi'" in output


@pytest.mark.parametrize("lang, name, right, wrong, variant, term", [
    ("es", "faq.md", "actúa como secretaría", "actúa como secretariado", "secretariado", "secretariat"),
    ("es", "index.md", "El Foro Económico Mundial,", "El Foro Economico Mundial,", "Foro Economico Mundial", "World Economic Forum"),
    ("ja", "faq.md", "世界経済フォーラムは本アライアンスの事務局", "ワールド・エコノミック・フォーラムは本アライアンスの事務局",
     "ワールド・エコノミック・フォーラム", "World Economic Forum"),
    ("ja", "faq.md", "機関パートナーは、", "制度パートナーは、", "制度パートナー", "institutional partners"),
    ("ja", "faq.md", "日本センター（C4IR Japan）", "日本センター (C4IR Japan)", "(C4IR Japan)",
     "Centre for the Fourth Industrial Revolution Japan (C4IR Japan)"),
])
def test_check_glossary_term(project, lang, name, right, wrong, variant, term):
    path = project / "docs" / lang / name
    edit(path, right, wrong)
    glossary = {entry["en"]: entry for entry in yaml.safe_load((project / "data" / "glossary.yml").read_text("utf-8"))}
    use = glossary[term][lang]["use"]
    expected = f"docs/{lang}/{name}:{line_of(path, wrong)}: '{variant}' is not the glossary form of '{term}': use '{use}'"
    assert expected in failed_check(project)


def test_glossary_has_every_language_and_never_avoids_its_own_form():
    entries = yaml.safe_load((ROOT / "data" / "glossary.yml").read_text("utf-8"))
    assert len(entries) >= 10
    for entry in entries:
        for lang in TRANSLATIONS:
            rule = entry[lang]
            assert rule["use"], entry["en"]
            assert not any(markdown.term_pattern(variant).search(rule["use"]) for variant in rule["avoid"]), entry["en"]


# --------------------------------------------------------------------------- new-language


def test_new_language_scaffolds_a_building_site(project):
    config = project / "mkdocs.yml"
    before = config.read_text("utf-8")
    result = run_l10n(project, "new-language", "fr")
    assert result.returncode == 0, result.stderr
    after = config.read_text("utf-8")
    opcodes = difflib.SequenceMatcher(None, before.splitlines(), after.splitlines()).get_opcodes()
    assert [tag for tag, *_ in opcodes if tag != "equal"] == ["insert"]  # nothing else changed, comments kept
    added = next(after.splitlines()[j1:j2] for tag, _, _, j1, j2 in opcodes if tag == "insert")
    assert added[:5] == ["        - locale: fr", "          name: Français", "          build: true", "          extra:",
                         "            draft: true  # preview only (make serve); publish: python scripts/l10n.py publish fr"]
    assert any("site_name:" in line and "# TODO translate" in line for line in added)
    assert any(line.startswith("          site_description: \"The G20") and line.endswith("# TODO translate")
               for line in added)
    assert "            Get involved: Get involved" in added
    assert [(l.code, l.draft) for l in site_languages(project)] == [("en", False), ("ja", False), ("es", False), ("fr", True)]
    assert (project / "docs" / "fr" / ".gitkeep").is_file()
    assert not list((project / "docs" / "fr").glob("*.md"))
    english = yaml.safe_load((project / "data" / "strings" / "en.yml").read_text("utf-8"))
    french_text = (project / "data" / "strings" / "fr.yml").read_text("utf-8")
    assert "TODO translate" in french_text.splitlines()[1]
    assert "remove these two lines" in french_text.splitlines()[1]
    assert "og_locale: fr_FR  # TODO check" in french_text.splitlines()
    assert yaml.safe_load(french_text)["og_locale"] == "fr_FR"
    assert set(yaml.safe_load(french_text)) == set(english)

    # It builds (a preview) with English fallbacks: tests/test_drafts.py builds such a scaffolded project.
    status = run_l10n(project, "status", "--json")
    assert {row["state"] for row in json.loads(status.stdout) if row["lang"] == "fr"} == {"missing"}


@pytest.mark.parametrize("code, locale", [
    ("fr", "fr_FR"), ("de", "de_DE"),  # the rule: language_LANGUAGE
    ("pt-BR", "pt_BR"), ("zh-TW", "zh_TW"),  # a region given is the territory
    ("ko", "ko_KR"),  # the exceptions table is consulted
])
def test_og_locale_guess(code, locale):
    assert languages.og_locale(code) == locale


def test_new_language_summary_is_aligned():
    lines = scaffold.added_summary("pt-BR", "Português (Brasil)").splitlines()
    columns = {len(line) - len(line.lstrip()[len(line.split()[0]):].lstrip()) for line in lines[1:4]}
    assert len(columns) == 1, lines
    assert [line.split()[0] for line in lines[1:4]] == ["mkdocs.yml", "docs/pt-BR/", "data/strings/pt-BR.yml"]


@pytest.mark.parametrize("code", ["xx_yy", "EN", "klingon"])
def test_new_language_refuses_malformed_codes(project, code):
    before = (project / "mkdocs.yml").read_text("utf-8")
    result = run_l10n(project, "new-language", code)
    assert result.returncode == 2
    assert f"'{code}' is not a language code: use two lowercase ISO 639-1 letters" in result.stderr
    assert (project / "mkdocs.yml").read_text("utf-8") == before
    assert not (project / "docs" / code).exists()


def test_new_language_refuses_unknown_code(project):
    result = run_l10n(project, "new-language", "xx")
    assert result.returncode == 2
    assert "'xx' is not a known ISO 639-1 code" in result.stderr


@pytest.mark.parametrize("code", ["ja", "en"])
def test_new_language_refuses_existing_language(project, code):
    before = (project / "mkdocs.yml").read_text("utf-8")
    result = run_l10n(project, "new-language", code)
    assert result.returncode == 2
    assert f"'{code}' is already a language of this site" in result.stderr
    assert (project / "mkdocs.yml").read_text("utf-8") == before
