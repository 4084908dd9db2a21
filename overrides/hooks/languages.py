"""Which languages this build makes, decided before mkdocs-static-i18n starts.

Draft languages (mkdocs.yml: `extra: {draft: true}`) are built by previews
(`make serve`, SITE_DRAFTS=1) and by nothing that is published; SITE_ONLY=ja
(`make serve ONLY=ja`) builds English plus Japanese only. Every built language
must be one Material translates its interface into and have its interface
strings: the build stops otherwise, naming the file.
"""

from __future__ import annotations

import os

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from alliance_site.config import (
    SESSION, building_other_languages, built_languages, forget_built_languages, is_built, plugin_entries, project_root, selection_problems, to_language,
)
from alliance_site.checks import language_text_problems
from alliance_site.languages import material_language_problem
from alliance_site.problems import ProjectError
from alliance_site.strings import forget_strings, load_strings


def on_startup(command, dirty):
    SESSION.command = command


@event_priority(100)  # before mkdocs-static-i18n (-100) reads the build flags
def on_config(config):
    if building_other_languages(config):
        return config  # another language of the same build: decided and checked already
    forget_strings()  # this build reads the strings files afresh
    entries = plugin_entries(config)
    languages = [to_language(entry) for entry in entries]
    if problems := selection_problems(languages):
        raise PluginError("\n".join(problems))
    for entry, language in zip(entries, languages):
        entry.build = entry.build and is_built(language, os.environ)
    forget_built_languages()  # the flags are final now
    for entry in entries:
        if entry.build and (problems := language_text_problems(entry)):
            raise PluginError("\n".join(f"{config.config_file_path}: {problem}" for problem in problems))
    root = project_root(config)
    default = built_languages(config)[0].code
    for language in built_languages(config):
        if problem := material_language_problem(language.code, config.theme.dirs, config.config_file_path):
            raise PluginError(problem)
        try:
            load_strings(root, language.code, default)
        except ProjectError as error:
            raise PluginError(str(error)) from error
    return config
