"""Fast builds and previews (alliance_site/build_speed.py): Material's templates
compiled and its folder listed once per process, and a preview that reacts to
file events at once."""

from __future__ import annotations

from alliance_site.build_speed import TEMPLATE_CACHE, cache_theme_listing, use_file_events
from alliance_site.config import project_root


def on_config(config):
    cache_theme_listing(config.theme, project_root(config))
    return config


def on_env(env, config, files):
    env.bytecode_cache = TEMPLATE_CACHE
    return env


def on_serve(server, config, builder):
    use_file_events(server, [config.docs_dir, config.config_file_path])
    return server
