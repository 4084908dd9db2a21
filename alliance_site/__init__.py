"""The rules of the Alliance's multilingual site, in one place.

Imported by the MkDocs hooks (overrides/hooks/), the translators' CLI
(`python -m alliance_site` / scripts/l10n.py), the benchmark and the tests;
it imports none of them.

    problems     Problem (file:line: message) and ProjectError
    config       mkdocs.yml through MkDocs' own YAML loader; languages, drafts, preview selection
    languages    language codes: native names, Open Graph locales, right-to-left
    markdown     Markdown structure: front matter, headings and ids, snippets, terms
    input_safety translation input English does not have: raw HTML, scripts, foreign hosts, conflict markers
    strings      interface strings files (data/strings/<lang>.yml)
    git_state    translation state from git history (translated, outdated, ...)
    checks       `check`: translations in line with English; readiness to publish
    scaffold     `new-language` and `publish`
    faq          FAQPage structured data from a rendered FAQ
    csp          the Content-Security-Policy of a page
    search       the Pagefind command
    build_speed  Jinja bytecode cache and a fast file watcher for previews
    harness      build, serve and browse a built site (tests and benchmark)
    cli          the translators' command line
"""
