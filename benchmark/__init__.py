"""The site's performance figures: `python -m benchmark [PART ...]` (`make bench`
runs every part). It measures and prints Markdown tables; it asserts nothing.
What each figure means and how it is measured: benchmark/README.md.

    traffic          first-view and first-search bytes and requests, in Chromium
    lighthouse       Lighthouse scores of the same pages
    builds           full-build time: the site; 10 languages x 100 pages, hooks vs plain Material
    preview          edit-to-reload latency of `mkdocs serve`, plain vs `make serve ONLY=ja`
    git_processes    git processes and wall time of `l10n.py status` on a long history
    trees            the trees those parts build (generated content, scaffolded languages, history)
    workspace        what the parts share: scratch folder, Chromium, builds made once, timing
    report           Markdown tables and the report's heading

It imports alliance_site (build, serve, Chromium, config, Pagefind command,
scaffolding) and nothing from tests/.
"""
