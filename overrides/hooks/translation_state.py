"""Is this translation older than its English page? Read from git history.

Feeds main.html (`is_outdated` → partials/outdated-notice.html). The rule is the
one translators see in `python scripts/l10n.py status`: this hook calls that
script's translation_state(), so the site and the tool never disagree.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from mkdocs.plugins import event_priority

from site_languages import l10n_tool


def page_path(page) -> str:
    """docs/<lang>/faq.md -> faq.md"""
    parts = PurePosixPath(page.file.src_uri).parts
    return PurePosixPath(*parts[1:]).as_posix() if parts[0] == page.file.locale else page.file.src_uri


_snapshot = {}


def on_pre_build(config):
    """Read git once per build, not once per page."""
    root = Path(config.config_file_path).parent
    _snapshot["root"], _snapshot["git"] = root, l10n_tool(root).GitSnapshot.read(root)


@event_priority(-60)  # after hooks/alternates.py has set is_fallback
def on_page_context(context, page, config, nav):
    lang = config.theme["language"]
    default = context["source_alternate"]["lang"]
    context["is_outdated"] = False
    if lang != default and not context["is_fallback"]:
        root = _snapshot["root"]
        state = l10n_tool(root).translation_state(root, lang, page_path(page), default, _snapshot["git"])
        context["is_outdated"] = state == "outdated"
    return context
