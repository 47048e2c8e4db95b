"""Where the feature blueprints are registered, in one list."""


def register_blueprints(app):
    from . import models  # noqa: F401  (the whole schema, before the first query)
    from .accounts.views import bp as accounts
    from .actors.views import bp as actors
    from .compare.views import bp as compare
    from .competence_plans.views import bp as competence_plans
    from .admin.views import bp as admin
    from .assessments.views import bp as assessments
    from .forums.views import bp as forums
    from .home.views import bp as home
    from .indicators.views import bp as indicators
    from .initiatives.practice_views import bp as practices
    from .initiatives.views import bp as initiatives
    from .initiatives.transfer_views import bp as initiative_transfer
    from .initiatives.progress_views import bp as progress
    from .me.views import bp as me
    from .needs.answering import bp as answers
    from .meetings.calendar_views import bp as calendar
    from .meetings.registration_views import bp as registrations
    from .meetings.views import bp as meetings
    from .needs.views import bp as needs
    from .needs.rounds import bp as surveys
    from .networks.views import bp as networks
    from .plans.views import bp as plans
    from .regions.views import bp as regions
    from .reports.views import bp as reports
    from .search.views import bp as search
    from .themes.views import bp as themes

    for blueprint in (home, accounts, regions, plans, themes, initiatives, actors, networks, forums, meetings,
                      registrations, calendar, admin, practices, search, compare):
        app.register_blueprint(blueprint)
    app.register_blueprint(initiative_transfer)
    app.register_blueprint(progress)
    app.register_blueprint(me)
    app.register_blueprint(assessments)
    app.register_blueprint(indicators)
    app.register_blueprint(reports)
    app.register_blueprint(needs)
    app.register_blueprint(competence_plans)
    app.register_blueprint(answers)
    app.register_blueprint(surveys)
