"""The one 404 page GitHub Pages serves, in every language.

Feeds 404.html with `not_found_languages` (each language's home path, site
name, interface strings and palette toggle names). mkdocs-static-i18n renders
404.html once per language into the same /404.html, the last language winning;
this hook keeps the default language's rendering, so the page is English
without JavaScript, and assets/site.js switches its message and chrome to the
language of the URL.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from alliance_site.config import built_languages, plugin_entries, project_root
from alliance_site.interface import palette_toggle_names
from alliance_site.languages import direction
from alliance_site.strings import load_strings

_default_language_page: dict[str, str] = {}


def language_homes(config) -> list[dict]:
    site_path = urlsplit(config.site_url).path.rstrip("/")
    entries = {entry.locale: entry for entry in plugin_entries(config)}
    root, languages = project_root(config), built_languages(config)
    palette = config.theme.get("palette")
    homes = []
    for language in languages:
        entry = entries[language.code]
        strings = load_strings(root, language.code, languages[0].code)
        homes.append({
            "lang": language.code,
            "dir": direction(language.code),
            "home": site_path + entry.link,
            "site_name": entry.site_name or config.site_name,
            "strings": strings,
            "palette_names": palette_toggle_names(palette, strings) if isinstance(palette, list) else [],
        })
    return homes


def on_template_context(context, template_name, config):
    if template_name == "404.html":
        context["not_found_languages"] = language_homes(config)
    return context


def on_post_template(output, template_name, config):
    if template_name != "404.html":
        return output
    if config.theme["language"] == built_languages(config)[0].code:
        _default_language_page["html"] = output
        return output
    return _default_language_page.get("html", output)
