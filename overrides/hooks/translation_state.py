"""Is this translation older than its English page? Read from git history.

Feeds main.html (`is_outdated` → partials/outdated-notice.html). The rule is the
one translators see in `python scripts/l10n.py status`: this hook calls that
script's translation_state(), so the site and the tool never disagree.
"""

from __future__ import annotations

import importlib.util
import sys
from functools import lru_cache
from pathlib import Path, PurePosixPath

from mkdocs.plugins import event_priority


@lru_cache(maxsize=None)
def l10n_module(root: Path):
    spec = importlib.util.spec_from_file_location("l10n", root / "scripts" / "l10n.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look themselves up there
    spec.loader.exec_module(module)
    return module


def page_path(page) -> str:
    """docs/<lang>/faq.md -> faq.md"""
    parts = PurePosixPath(page.file.src_uri).parts
    return PurePosixPath(*parts[1:]).as_posix() if parts[0] == page.file.locale else page.file.src_uri


@event_priority(-60)  # after hooks/alternates.py has set is_fallback
def on_page_context(context, page, config, nav):
    lang = config.theme["language"]
    default = context["source_alternate"]["lang"]
    context["is_outdated"] = False
    if lang != default and not context["is_fallback"]:
        root = Path(config.config_file_path).parent
        state = l10n_module(root).translation_state(root, lang, page_path(page), default)
        context["is_outdated"] = state == "outdated"
    return context
