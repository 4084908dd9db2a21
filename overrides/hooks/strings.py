"""Interface strings for this site's own templates, one YAML file per language.

Feeds every template in overrides/ with `strings` (the page's language) and
`all_strings` (every language: og:locale:alternate and the language suggestion
in main.html). The build fails, naming the file, when a language has no strings
file, its keys differ from English, or Material does not know the language: a
half-translated interface is never deployed silently.
"""

from site_languages import built_languages, check_theme_supports, load_strings


def on_config(config):
    for lang in built_languages(config):
        check_theme_supports(lang, config)
        load_strings(lang)
    return config


def add_strings(context, config):
    context["strings"] = load_strings(config.theme["language"])
    context["all_strings"] = {lang: load_strings(lang) for lang in built_languages(config)}
    return context


def on_page_context(context, page, config, nav):
    return add_strings(context, config)


def on_template_context(context, template_name, config):
    return add_strings(context, config)
