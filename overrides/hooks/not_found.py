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

from interface_config import palette_toggle_names
from site_languages import built_languages, i18n_languages, load_strings

_default_language_page: dict[str, str] = {}


def language_homes(config) -> list[dict]:
    site_path = urlsplit(config.site_url).path.rstrip("/")
    languages = i18n_languages(config)
    palette = config.theme.get("palette")
    homes = []
    for code in built_languages(config):
        language = languages[code]
        strings = load_strings(code)
        homes.append({
            "lang": code,
            "home": site_path + language.link,
            "site_name": language.site_name or config.site_name,
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
    if config.theme["language"] == built_languages(config)[0]:
        _default_language_page["html"] = output
        return output
    return _default_language_page.get("html", output)
