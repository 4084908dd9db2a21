"""Every page's front matter must parse and give `title` and `description`.

Feeds <title>, <meta name="description"> and Open Graph (main.html). MkDocs on
its own treats a front matter block that is not valid YAML as page text, which
would publish a page with a broken head: the build fails instead, with the
same rule and words as `python scripts/l10n.py check`.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from site_languages import l10n_tool


def has_required_keys(meta: dict) -> bool:
    return all(isinstance(meta.get(key), str) and meta[key].strip() for key in ("title", "description"))


def on_page_markdown(markdown, page, config, files):
    if has_required_keys(page.meta):  # MkDocs parsed it: nothing to explain
        return markdown
    path = page.file.abs_src_path
    tool = l10n_tool(Path(config.config_file_path).parent)
    problems = tool.front_matter_problems(tool.read_text(Path(path)))
    if problems:
        raise PluginError("\n".join(f"{path}:{line}: {message}" for line, message in problems))
    return markdown
