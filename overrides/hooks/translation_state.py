"""Is this translation older than its English page? Read from git history.

Feeds main.html (`is_outdated` → partials/outdated-notice.html) with the rule
translators see in `python scripts/l10n.py status` (alliance_site/git_state.py).
Git is read once per build, not once per page or per language.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from mkdocs.plugins import event_priority

from alliance_site.config import building_other_languages, project_root
from alliance_site.git_state import GitSnapshot, translation_state

_snapshot: dict = {}


def page_path(page) -> str:
    """docs/<lang>/faq.md -> faq.md"""
    parts = PurePosixPath(page.file.src_uri).parts
    return PurePosixPath(*parts[1:]).as_posix() if parts[0] == page.file.locale else page.file.src_uri


def on_pre_build(config):
    if not building_other_languages(config):  # the first language of this build
        _snapshot["git"] = GitSnapshot.read(project_root(config))


@event_priority(-60)  # after hooks/alternates.py has set is_fallback
def on_page_context(context, page, config, nav):
    lang, default = config.theme["language"], context["source_alternate"]["lang"]
    context["is_outdated"] = False
    if lang != default and not context["is_fallback"]:
        state = translation_state(project_root(config), lang, page_path(page), default, _snapshot.get("git"))
        context["is_outdated"] = state == "outdated"
    return context
