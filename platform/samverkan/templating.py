"""Jinja globals and filters shared by every template, and the page helpers every feature uses.

A feature adds the globals and filters of its own through its blueprint (``plans``: the filter
``without_replaced``; ``regions``: the account menu's ``administered_regions``)."""
from flask import flash, redirect, render_template, request
from flask_babel import get_locale

from flask_login import current_user

from .charts import format_number
from .config import LANGUAGES
from .extensions import db
from .forms import ConfirmForm
from .i18n import localized, swedish
from .policy import can, regions_where, sees_personal_addresses
from .roles import label as role_label
from .times import iso_local, iso_utc, local_date, local_datetime, local_time
from .times import today as today_local
from .urls import canonical_url


def current_path():
    """The path and query of this request, for forms that come back here (language switch)."""
    return request.full_path.rstrip("?")


def htmx_request():
    """Whether htmx sent this request: it answers with the fragment to swap, not the whole page
    (``Vary: HX-Request`` is on every response, see :mod:`samverkan.security`). Not when htmx
    restores a page it pushed to the history (the back button; it keeps no copy of pages): then
    it puts the answer in place of the whole body, so it needs the whole page."""
    return request.headers.get("HX-Request") == "true" and "HX-History-Restore-Request" not in request.headers


def render_form(template, form, **context):
    """A page with a form: 400 when the submitted form has errors, so that bad input is never a 200."""
    return render_template(template, form=form, **context), 400 if form.errors else 200


def confirm_then(template, action, done, *, back, after=None, problem=None, **context):
    """A page that asks before it acts (a deletion, a revoke): ``template`` with a ``ConfirmForm``,
    the way ``back`` and the ``problem`` that forbids the act, if any (409). A confirmed POST with
    no problem runs ``action()``, commits, says ``done`` (not to htmx, whose answer shows the change)
    and goes to ``after``: a URL, or a function that answers the request; ``back`` unless given."""
    form = ConfirmForm()
    if request.method == "POST" and form.validate_on_submit() and problem is None:
        action()
        db.session.commit()
        if not htmx_request():
            flash(done, "info")
        return after() if callable(after) else redirect(after or back)
    return render_template(template, form=form, back=back, problem=problem, **context), 409 if problem else 200


def holds_somewhere(permission):
    """Whether the signed-in person holds ``permission`` in at least one region (or everywhere):
    whether to offer a link to start something, such as a new initiative."""
    return regions_where(current_user, permission) != set()


def number(value, decimals=None):
    """A number as the UI language writes it (``1 234,5`` in Swedish), with ``decimals`` if given
    (else up to three); nothing for None."""
    return "" if value is None else format_number(value, get_locale(), decimals)


def init_app(app):
    app.jinja_env.globals.update(
        localized=localized,
        get_locale=get_locale,
        canonical_url=canonical_url,
        LANGUAGES=LANGUAGES,
        current_path=current_path,
        can=can,
        sees_personal_addresses=sees_personal_addresses,
        holds_somewhere=holds_somewhere,
        role_label=role_label,
        today_local=today_local,
    )
    app.jinja_env.filters.update(local_datetime=local_datetime, local_date=local_date, local_time=local_time,
                                 iso_local=iso_local, iso_utc=iso_utc, number=number, swedish=swedish)
