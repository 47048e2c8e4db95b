"""Samverkan: a multi-region collaboration platform for Swedish regional competence supply."""
from flask import Flask

from .hookspecs import hookimpl

__all__ = ["create_app", "hookimpl"]


def create_app(config=None, plugin_manager=None):
    """Build the app. ``config`` is a mapping that overrides the settings.

    ``plugin_manager`` replaces the one built from the installed entry points (tests use it to
    register a plugin of their own). Plugins are loaded and validated here, before the first
    request: a broken plugin raises :class:`samverkan.plugins.PluginError`.
    """
    from . import (cache, cache_cli, commands, demo_cli, errors, events, events_cli, i18n, jobs, jobs_cli, mail,
                   plugins, plugins_cli, policy, security, static_files, subscribers, templating, timeouts, urls, views)
    from .accounts import cli as accounts_cli
    from .accounts import sessions
    from .config import load_config
    from .extensions import babel, csrf, db, limiter, login_manager, migrate
    from .indicators import cli as indicators_cli  # noqa: F401  (its command joins ``import``)
    from .initiatives import cli as initiatives_cli  # noqa: F401  (its commands join ``import`` and ``export``)
    from .needs import cli as needs_cli
    from .regions import urls as region_urls
    from .regions.models import Region
    from .search import cli as search_cli

    app = Flask(__name__, instance_relative_config=True)
    load_config(app, config)
    mail.init_app(app)  # a bad mail setting stops the start, not the first send

    pm = plugin_manager or plugins.get_plugin_manager()
    app.extensions["samverkan.plugins"] = plugins.load_plugins(pm)

    db.init_app(app)
    migrate.init_app(app, db, directory=app.config["MIGRATIONS_DIR"])
    babel.init_app(app, locale_selector=i18n.select_locale)
    csrf.init_app(app)
    login_manager.init_app(app)
    limiter.init_app(app)
    cache.init_app(app)
    events.init_app(app, subscribers.subscribers_of)
    timeouts.init_app(app)
    security.init_app(app)
    static_files.init_app(app)
    sessions.init_app(app)
    urls.init_app(app)  # before the region loader: it refuses what no loader should read
    region_urls.init_app(app)
    app.before_request(policy.enforce)

    templating.init_app(app)
    views.register_blueprints(app)
    for content in app.extensions["samverkan.plugins"]:
        for blueprint in content.blueprints:
            app.register_blueprint(blueprint)
    policy.check_rules(app, region_model=Region)
    jobs.init_app(app)  # after the features: it binds the jobs they declared
    errors.init_app(app)
    for group in (plugins_cli.plugins, accounts_cli.users, needs_cli.surveys, search_cli.search, demo_cli.demo,
                  cache_cli.cache, events_cli.events, commands.import_group, commands.export_group, jobs_cli.worker):
        app.cli.add_command(group)  # ``worker`` is the one command of its own, without a group
    return app
