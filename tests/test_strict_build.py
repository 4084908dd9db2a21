"""Bad input stops the strict build with a message naming the file (on a temp copy)."""

import json
import re

import pytest

from conftest import build_site, copy_project


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path)


def append(path, text):
    path.write_text(path.read_text("utf-8") + text, "utf-8")


def failed_build(project):
    result = build_site(project, project / "site")
    assert result.returncode != 0, "the build should have failed"
    return result.stdout + result.stderr


def test_the_untouched_copy_builds(project):
    assert build_site(project, project / "site").returncode == 0


@pytest.mark.parametrize("lang", ["en", "ja", "es"])
def test_broken_link_fails(project, lang):
    append(project / "docs" / lang / "faq.md", "\n[x](no-such-page.md)\n")
    assert "no-such-page.md" in failed_build(project)


@pytest.mark.parametrize("lang", ["en", "ja", "es"])
def test_broken_anchor_fails(project, lang):
    append(project / "docs" / lang / "index.md", "\n[x](faq.md#no-such-question)\n")
    assert "no-such-question" in failed_build(project)


def test_missing_interface_strings_fail(project):
    (project / "data" / "strings" / "es.yml").unlink()
    assert "es.yml" in failed_build(project)


def test_interface_strings_with_missing_keys_fail(project):
    path = project / "data" / "strings" / "ja.yml"
    path.write_text("\n".join(path.read_text("utf-8").splitlines()[:-2]) + "\n", "utf-8")
    output = failed_build(project)
    assert "ja.yml" in output and "missing" in output


def test_missing_partner_list_fails(project):
    (project / "data" / "partners" / "founding-contributors.md").unlink()
    assert "founding-contributors.md" in failed_build(project)


def test_unknown_language_code_fails(project):
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("- locale: es", "- locale: spanish"), "utf-8")
    assert "spanish" in failed_build(project)


def test_malformed_front_matter_fails(project):
    path = project / "docs" / "ja" / "faq.md"
    path.write_text("---\ntitle: [unclosed\n---\n" + path.read_text("utf-8").split("---", 2)[2], "utf-8")
    output = failed_build(project)
    assert "faq.md" in output


def test_front_matter_without_description_fails(project):
    path = project / "docs" / "es" / "partners.md"
    text = path.read_text("utf-8")
    path.write_text("\n".join(line for line in text.splitlines() if not line.startswith("description:")), "utf-8")
    output = failed_build(project)
    assert "partners.md" in output and "description" in output


def test_two_builds_of_the_same_tree_are_identical(project):
    first, second = project / "site-1", project / "site-2"
    assert build_site(project, first).returncode == 0
    assert build_site(project, second).returncode == 0
    files = sorted(path.relative_to(first) for path in first.rglob("*") if path.is_file())
    assert files == sorted(path.relative_to(second) for path in second.rglob("*") if path.is_file())
    assert [f for f in files if (first / f).read_bytes() != (second / f).read_bytes()] == []


def test_language_material_does_not_know_fails_clearly(project):
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("- locale: es", "- locale: xx"), "utf-8")
    (project / "data" / "strings" / "es.yml").rename(project / "data" / "strings" / "xx.yml")
    output = failed_build(project)
    assert "language 'xx' is not supported by Material" in output and "mkdocs.yml" in output


def test_faq_question_left_out_of_structured_data_fails(project):
    """A ## heading outside the table of contents would be a question the FAQPage silently drops."""
    append(project / "docs" / "es" / "faq.md", "\n<h2>¿Pregunta sin entrada en el índice?</h2>\n\nRespuesta.\n")
    output = failed_build(project)
    assert "es/faq.md: the FAQ has 9 questions (## headings) but its structured data would list 8" in output


def test_faq_heading_with_a_class_stays_a_question(project, tmp_path):
    path = project / "docs" / "ja" / "faq.md"
    path.write_text(path.read_text("utf-8").replace("{#cost}", "{#cost .q}"), "utf-8")
    assert build_site(project, project / "site").returncode == 0
    html = (project / "site" / "ja" / "faq" / "index.html").read_text("utf-8")
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1])
    assert len(data["mainEntity"]) == 8
