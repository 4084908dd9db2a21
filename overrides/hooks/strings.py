"""Interface strings (data/strings/<lang>.yml) for this site's own templates.

Feeds every template in overrides/ with `strings` (the page's language) and
`all_strings` (every built language: og:locale:alternate and the language
suggestion in main.html). hooks/languages.py has already refused a build with
a missing or incomplete strings file.
"""

from alliance_site.config import built_languages, project_root
from alliance_site.strings import load_strings


def add_strings(context, config):
    root, languages = project_root(config), built_languages(config)
    default = languages[0].code
    context["strings"] = load_strings(root, config.theme["language"], default)
    context["all_strings"] = {language.code: load_strings(root, language.code, default) for language in languages}
    return context


def on_page_context(context, page, config, nav):
    return add_strings(context, config)


def on_template_context(context, template_name, config):
    return add_strings(context, config)
