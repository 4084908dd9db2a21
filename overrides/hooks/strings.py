"""Interface strings for this site's own templates, one YAML file per language.

Feeds every template in overrides/ with `strings` (the page's language) and
`all_strings` (every language: og:locale:alternate and the language suggestion
in main.html). The build fails, naming the file, when a language has no strings
file, its keys differ from English, or Material does not know the language: a
half-translated interface is never deployed silently.

It also puts the strings that mkdocs.yml holds once for every language (the
palette toggle's name, the heading permalink's title) into the configuration
of each language's build (interface_config.py), and marks those permalinks
with the reader's language inside the English article of a fallback page.
"""

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from alternates import is_fallback
from interface_config import localized_palette, localized_toc_config, mark_permalinks
from site_languages import STRINGS_DIR, SOURCE_LANGUAGE, built_languages, check_theme_supports, load_strings


# mkdocs-static-i18n runs its on_config at priority -100 for every language's
# build, setting theme.language to the language being built: this runs after it.
@event_priority(-110)
def on_config(config):
    for lang in built_languages(config):
        check_theme_supports(lang, config)
        load_strings(lang)
    strings = load_strings(config.theme["language"])
    palette = config.theme.get("palette")
    try:
        if isinstance(palette, list):
            config.theme["palette"] = localized_palette(palette, strings)
        config.mdx_configs["toc"] = localized_toc_config(config.mdx_configs.get("toc", {}), strings)
    except KeyError as missing:
        raise PluginError(
            f"{STRINGS_DIR / (SOURCE_LANGUAGE + '.yml')}: no interface string {missing} "
            "(mkdocs.yml's palette or toc settings need it): add it to every data/strings/<lang>.yml."
        ) from None
    return config


def on_page_content(html, page, config, files):
    if is_fallback(page, config):
        return mark_permalinks(html, config.theme["language"])
    return html


def add_strings(context, config):
    context["strings"] = load_strings(config.theme["language"])
    context["all_strings"] = {lang: load_strings(lang) for lang in built_languages(config)}
    return context


def on_page_context(context, page, config, nav):
    return add_strings(context, config)


def on_template_context(context, template_name, config):
    return add_strings(context, config)
