"""Bad input stops the strict build with a message naming the file and the
reason (each case on a throwaway copy of the project)."""

import pytest

from alliance_site.harness import build_site, copy_project


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path)


def append(path, text):
    path.write_text(path.read_text("utf-8") + text, "utf-8")


def failed_build(project, env=None):
    result = build_site(project, project / "site", env=env)
    assert result.returncode != 0, "the build should have failed"
    return result.stdout + result.stderr


def test_broken_links_and_anchors_fail_in_english_and_the_last_language(project):
    """MkDocs' own validation (mkdocs.yml `validation:`): every broken link of
    the default language and of the last language built is reported at once."""
    append(project / "docs" / "en" / "faq.md", "\n[x](no-such-page.md)\n")
    append(project / "docs" / "en" / "index.md", "\n[x](faq.md#no-such-question)\n")
    append(project / "docs" / "es" / "faq.md", "\n[x](no-such-page.md)\n")
    append(project / "docs" / "es" / "index.md", "\n[x](faq.md#no-such-question)\n")
    output = failed_build(project)
    assert "Doc file 'en/faq.md' contains a link 'no-such-page.md', but the target 'en/no-such-page.md' is not found" in output
    assert "Doc file 'en/index.md' contains a link 'faq.md#no-such-question', but the doc 'en/faq.md' does not contain an anchor '#no-such-question'" in output
    assert "Doc file 'es/faq.md' contains a link 'no-such-page.md'" in output
    assert "Doc file 'es/index.md' contains a link 'faq.md#no-such-question'" in output


def test_broken_link_and_anchor_fail_in_another_language(project):
    append(project / "docs" / "ja" / "faq.md", "\n[x](no-such-page.md)\n")
    append(project / "docs" / "ja" / "index.md", "\n[x](faq.md#no-such-question)\n")
    output = failed_build(project, env={"SITE_ONLY": "ja"})
    assert "Doc file 'ja/faq.md' contains a link 'no-such-page.md', but the target 'ja/no-such-page.md' is not found" in output
    assert "Doc file 'ja/index.md' contains a link 'faq.md#no-such-question', but the doc 'ja/faq.md' does not contain an anchor '#no-such-question'" in output


def test_missing_interface_strings_fail(project):
    (project / "data" / "strings" / "es.yml").unlink()
    assert "data/strings/es.yml:1: missing interface strings for 'es' (a language in mkdocs.yml)" in failed_build(project)


def test_interface_strings_with_missing_keys_fail(project):
    path = project / "data" / "strings" / "ja.yml"
    path.write_text("".join(line for line in path.read_text("utf-8").splitlines(keepends=True)
                            if not line.startswith("search_open:")), "utf-8")
    assert "data/strings/ja.yml:1: missing key 'search_open' (copy it from en.yml and translate its value)" in failed_build(project)


def test_missing_partner_list_fails(project):
    (project / "data" / "partners" / "founding-contributors.md").unlink()
    output = failed_build(project)
    assert "founding-contributors.md" in output and "Snippet" in output


def test_unknown_language_code_fails(project):
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("- locale: es", "- locale: spanish"), "utf-8")
    output = failed_build(project)
    assert "Language code values must be either ISO-639-1 lower case" in output and "'spanish'" in output


def test_malformed_front_matter_fails(project):
    path = project / "docs" / "ja" / "faq.md"
    path.write_text("---\ntitle: [unclosed\n---\n" + path.read_text("utf-8").split("---", 2)[2], "utf-8")
    assert "docs/ja/faq.md:3: front matter is not valid YAML (expected ',' or ']'" in failed_build(project)


def test_front_matter_without_description_fails(project):
    path = project / "docs" / "es" / "partners.md"
    text = path.read_text("utf-8")
    path.write_text("\n".join(line for line in text.splitlines() if not line.startswith("description:")), "utf-8")
    assert "docs/es/partners.md:1: front matter needs a non-empty 'description: ...' line" in failed_build(project)


def test_a_build_is_reproducible(site_dir, tmp_path):
    """A second build of the same commit gives identical files (site_dir is the first)."""
    from alliance_site.harness import ROOT
    second = tmp_path / "site"
    assert build_site(ROOT, second).returncode == 0
    files = sorted(path.relative_to(site_dir) for path in site_dir.rglob("*") if path.is_file())
    assert files == sorted(path.relative_to(second) for path in second.rglob("*") if path.is_file())
    assert [f for f in files if (site_dir / f).read_bytes() != (second / f).read_bytes()] == []


def test_language_material_does_not_know_fails_clearly(project):
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("- locale: es", "- locale: xx"), "utf-8")
    (project / "data" / "strings" / "es.yml").rename(project / "data" / "strings" / "xx.yml")
    output = failed_build(project)
    assert "mkdocs.yml: language 'xx' is not supported by Material for MkDocs (no partials/languages/xx.html)" in output


def test_faq_question_left_out_of_structured_data_fails(project):
    """A ## heading outside the table of contents would be a question the FAQPage silently drops."""
    append(project / "docs" / "en" / "faq.md", "\n<h2>A question with no entry in the contents?</h2>\n\nAn answer.\n")
    output = failed_build(project)
    assert "en/faq.md: the FAQ has 9 questions (## headings) but its structured data would list 8" in output
