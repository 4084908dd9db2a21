"""Interface strings (data/strings/<lang>.yml) for this site's own templates,
and for the few that mkdocs.yml holds once for every language.

Feeds every template in overrides/ with `strings` (the page's language) and
`all_strings` (every built language: og:locale:alternate and the language
suggestion in main.html). hooks/languages.py has already refused a build with
a missing or incomplete strings file.

It also puts the palette toggle's name and the heading permalink's title into
the configuration of each language's build (alliance_site/interface.py), and
marks those permalinks with the reader's language inside the English article
of a fallback page.
"""

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from alliance_site.config import built_languages, is_fallback, project_root
from alliance_site.interface import localized_palette, localized_toc_config, mark_permalinks
from alliance_site.strings import load_strings, strings_rel


def page_strings(config, lang: str) -> dict[str, str]:
    return load_strings(project_root(config), lang, built_languages(config)[0].code)


# mkdocs-static-i18n runs its on_config at priority -100 for every language's
# build, setting theme.language to the language being built: this runs after it.
@event_priority(-110)
def on_config(config):
    strings = page_strings(config, config.theme["language"])
    palette = config.theme.get("palette")
    try:
        if isinstance(palette, list):
            config.theme["palette"] = localized_palette(palette, strings)
        config.mdx_configs["toc"] = localized_toc_config(config.mdx_configs.get("toc", {}), strings)
    except KeyError as missing:
        raise PluginError(
            f"{strings_rel(built_languages(config)[0].code)}: no interface string {missing} "
            "(mkdocs.yml's palette or toc settings need it): add it to every data/strings/<lang>.yml."
        ) from None
    return config


def on_page_content(html, page, config, files):
    return mark_permalinks(html, config.theme["language"]) if is_fallback(page, config) else html


def add_strings(context, config):
    context["strings"] = page_strings(config, config.theme["language"])
    context["all_strings"] = {language.code: page_strings(config, language.code) for language in built_languages(config)}
    return context


def on_page_context(context, page, config, nav):
    return add_strings(context, config)


def on_template_context(context, template_name, config):
    return add_strings(context, config)
