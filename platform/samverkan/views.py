"""Where the feature blueprints are registered, in one list."""


def register_blueprints(app):
    from . import models  # noqa: F401  (the whole schema, before the first query)
    from .accounts.views import bp as accounts
    from .admin.views import bp as admin
    from .home.views import bp as home
    from .plans.views import bp as plans
    from .regions.views import bp as regions
    from .themes.views import bp as themes

    for blueprint in (home, accounts, regions, plans, themes, admin):
        app.register_blueprint(blueprint)
