"""Every page's front matter must parse and give `title` and `description`.

Feeds <title>, <meta name="description"> and the page heading (main.html).
MkDocs on its own treats a front matter block that is not valid YAML as page
text, which would publish a page with a broken head: fail the build instead.
"""

from __future__ import annotations

import re

import yaml
from mkdocs.exceptions import PluginError

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*\n", re.S)
REQUIRED_KEYS = ("title", "description")


def read_front_matter(path: str) -> dict:
    with open(path, encoding="utf-8-sig") as source:
        text = source.read()
    match = FRONT_MATTER.match(text)
    if not match:
        raise PluginError(f"{path}: no front matter. Start the file with a '---' block giving {', '.join(REQUIRED_KEYS)}.")
    try:
        data = yaml.safe_load(match.group(1))
    except yaml.YAMLError as error:
        raise PluginError(f"{path}: front matter is not valid YAML ({error}). Fix the block between the '---' lines.") from error
    if not isinstance(data, dict):
        raise PluginError(f"{path}: front matter must be 'key: value' lines.")
    return data


def on_page_markdown(markdown, page, config, files):
    path = page.file.abs_src_path
    data = read_front_matter(path)
    for key in REQUIRED_KEYS:
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise PluginError(f"{path}: front matter needs a non-empty '{key}: ...' line.")
    return markdown
