"""Interface strings that Material and Python-Markdown read from mkdocs.yml.

The palette toggle's name (theme.palette[].toggle.name) and the title of each
heading's permalink (the toc extension's permalink_title) are configuration,
not template text, and mkdocs.yml has one value for every language. These
functions give their values in one language, from that language's interface
strings (data/strings/<lang>.yml); hooks/strings.py applies them to each
language's build (overrides/hooks/strings.py). No MkDocs imports.
"""

from __future__ import annotations

import copy
import re

PALETTE_KEY = "palette_toggle_to_{scheme}"
PERMALINK_KEY = "permalink_title"


def palette_toggle_names(palette: list[dict], strings: dict[str, str]) -> list[str | None]:
    """The name of each palette option's toggle, None for an option without one.

    In Material, the toggle shown with option i switches to option i+1 (the
    last one to the first), so it is named after that option's scheme:
    strings["palette_toggle_to_slate"] is "Switch to dark mode" in English.
    Raises KeyError, naming the missing key, for a scheme without a string.
    """
    names = []
    for index, option in enumerate(palette):
        if not option.get("toggle"):
            names.append(None)
            continue
        target = palette[(index + 1) % len(palette)]
        key = PALETTE_KEY.format(scheme=target.get("scheme") or "default")
        if key not in strings:
            raise KeyError(key)
        names.append(strings[key])
    return names


def localized_palette(palette: list[dict], strings: dict[str, str]) -> list[dict]:
    """A copy of theme.palette whose toggle names are in the strings' language."""
    localized = copy.deepcopy(palette)
    for option, name in zip(localized, palette_toggle_names(palette, strings)):
        if name is not None:
            option["toggle"]["name"] = name
    return localized


def localized_toc_config(toc_config: dict, strings: dict[str, str]) -> dict:
    """The toc extension's settings with the permalink title in the strings' language."""
    return {**toc_config, "permalink_title": strings[PERMALINK_KEY]}


PERMALINK = re.compile(r'<a (?=[^>]*\bclass="headerlink")')


def mark_permalinks(html: str, lang: str) -> str:
    """Mark each heading's ¶ link with `lang`: on a page shown in English for
    want of a translation, the article is lang="en" but the links' titles are
    in the reader's language."""
    return PERMALINK.sub(f'<a lang="{lang}" ', html)
