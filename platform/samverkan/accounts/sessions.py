"""Login sessions: who a session belongs to, a fresh session at login, and the timeouts that end it."""
import time

from flask import current_app, request, session
from flask_login import current_user, login_user, logout_user, user_loaded_from_cookie
from sqlalchemy import select

from ..extensions import db, login_manager
from .models import Person


def init_app(app):
    login_manager.login_view = "accounts.login"
    login_manager.login_message = None  # the login page explains itself
    login_manager.user_loader(load_person)
    user_loaded_from_cookie.connect(restore_remembered_session, app)
    app.before_request(expire_idle_sessions)


def load_person(session_id):
    """Flask-Login's loader: ``"<id>.<session version>"``; an older version is logged out."""
    person_id, _, version = session_id.partition(".")
    if not (person_id.isdigit() and version.isdigit()):
        return None
    person = db.session.execute(select(Person).filter_by(id=int(person_id))).scalar_one_or_none()
    if person is None or not person.active or person.session_version != int(version):
        return None
    return person


def start_session(person, remember):
    """A fresh session at login: nothing from before survives (no fixation)."""
    _clear_session(keep=("lang",))
    login_user(person, remember=remember)
    now = int(time.time())
    session["login_at"] = now
    session["seen_at"] = now
    session["remember"] = bool(remember)


def restore_remembered_session(app, user):
    """The remember cookie logged the person back in (the browser had closed the session): the
    new session is a remembered one, not one without a login time (which would end at once)."""
    now = int(time.time())
    session["login_at"] = session["seen_at"] = now
    session["remember"] = True


def expire_idle_sessions():
    """Log out a session idle too long, or older than its absolute lifetime.

    A "remember me" session is kept for ``REMEMBER_COOKIE_DURATION`` without an idle limit.
    """
    if request.endpoint == "static" or not current_user.is_authenticated:
        return
    now = int(time.time())
    config = current_app.config
    if session.get("remember"):
        lifetime, idle = config["REMEMBER_COOKIE_DURATION"].total_seconds(), None
    else:
        lifetime, idle = config["SESSION_ABSOLUTE_LIFETIME"], config["SESSION_IDLE_TIMEOUT"]
    login_at = session.get("login_at", 0)
    seen_at = session.get("seen_at", login_at)
    if now - login_at > lifetime or (idle is not None and now - seen_at > idle):
        logout_user()
        # keep logout_user's order to delete the remember cookie: without it, the cookie would
        # log the person straight back in on the next request
        _clear_session(keep=("lang", "_remember"))
        return
    session["seen_at"] = now


def _clear_session(keep):
    kept = {key: session[key] for key in keep if key in session}
    session.clear()
    session.update(kept)
