"""Registering for a meeting and cancelling it, from the meeting page's registration partial.

Without JavaScript each form posts and comes back to the meeting page with a message; with htmx
the answer is the partial itself, with the message in it.
"""
from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from .. import audit_display
from ..extensions import db
from ..templating import htmx_request
from ..policy import requires
from . import registrations
from .models import Registration

bp = Blueprint("registrations", __name__)
bp.add_app_template_global(registrations.state, "registration_state")


def _describe(registration, values):
    if registration is None:
        return None, None
    return (f"{registration.person.name} – {registration.meeting.title}",
            url_for("meetings.show", meeting_id=registration.meeting_id))


audit_display.register_kind("Registration", _l("Registration"), _describe, Registration)


def _answer(meeting, call):
    person = current_user._get_current_object()
    try:
        message, category = call(meeting, person).message, "info"
        db.session.commit()
    except registrations.RegistrationClosed as refusal:
        db.session.rollback()
        message, category = str(refusal), "error"
    if htmx_request():
        return render_template("meetings/_registration.html", meeting=meeting, message=message)
    flash(message, category)
    return redirect(url_for("meetings.show", meeting_id=meeting.id))


@bp.post("/meetings/<int:meeting_id>/register")
@requires("region.participate", on="meeting")
def register(meeting):
    return _answer(meeting, registrations.register)


@bp.post("/meetings/<int:meeting_id>/cancel-registration")
@requires("region.participate", on="meeting")
def cancel(meeting):
    return _answer(meeting, registrations.cancel)
