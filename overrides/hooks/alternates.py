"""Which languages each page exists in, for the language switcher and <head>.

Feeds partials/alternate.html (the switcher) and main.html (hreflang, canonical).
mkdocs-static-i18n records, on every page's file, the file that stands for it in
each language (`file.alternates`); a file whose own locale differs from the
language being built is an English fallback, not a translation.
"""

from __future__ import annotations

from mkdocs.plugins import event_priority

from alliance_site.config import built_languages, is_fallback, project_root
from alliance_site.languages import direction
from alliance_site.strings import load_strings


def file_alternates(file, config) -> list[dict]:
    """One entry per built language: where this page lives in it, and whether it is translated."""
    current = config.theme["language"]
    alternates = getattr(file, "alternates", {}) or {}
    entries = []
    for language in built_languages(config):
        found = alternates.get(language.code)
        if found is None:
            continue
        url = found.url if found.url != "./" else ""
        entries.append({
            "lang": language.code,
            "name": language.name,
            "dir": direction(language.code),
            "url": url,
            "absolute_url": config.site_url + url,
            "translated": found.locale == language.code,
            "current": language.code == current,
        })
    return entries


def hide_material_alternates(config) -> None:
    """Material's own <link rel=alternate> make its bundle fetch a sitemap per language.

    main.html writes this site's hreflang links instead (translations only, absolute).
    """
    # static-i18n sets the attribute, Jinja reads the attribute first.
    config.extra.alternate = []


def is_final_language_build(config) -> bool:
    """static-i18n builds the default language, then the others in order, each
    writing /sitemap.xml over the last: only the final one needs the work."""
    return config.theme["language"] == built_languages(config)[-1].code


def on_env(env, config, files):
    """sitemap.xml lists the same alternates as the pages' <head>."""
    env.globals["file_alternates"] = lambda file: file_alternates(file, config)
    env.globals["is_final_language_build"] = lambda: is_final_language_build(config)
    return env


@event_priority(-50)
def on_template_context(context, template_name, config):
    hide_material_alternates(config)
    return context


@event_priority(-50)  # after mkdocs-static-i18n has set up the page
def on_page_context(context, page, config, nav):
    alternates = file_alternates(page.file, config)
    source = alternates[0]  # the default language comes first
    fallback = is_fallback(page, config)
    hide_material_alternates(config)
    context["alternates"] = alternates
    context["is_fallback"] = fallback
    context["source_alternate"] = source
    context["source_strings"] = load_strings(project_root(config), source["lang"], source["lang"])
    if fallback:
        # A fallback page is a copy of the English page: point search engines there.
        page.canonical_url = source["absolute_url"]
    return context
