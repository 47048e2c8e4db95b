"""Logging in and out, the person's own account, and password reset."""
from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, logout_user

from .. import audit
from ..extensions import db, limiter
from ..urls import local_path
from ..mail import send_mail
from ..policy import public, signed_in
from ..security import start_session
from ..templating import render_form
from . import services
from .forms import LoginForm, PasswordChangeForm, ProfileForm, ResetForm, ResetRequestForm
from .models import check_no_password, utcnow

bp = Blueprint("accounts", __name__)


def login_limit():
    return current_app.config["LOGIN_RATE_LIMIT"]


def reset_limit():
    return current_app.config["RESET_RATE_LIMIT"]


@bp.route("/login", methods=["GET", "POST"])
@public
@limiter.limit(login_limit, methods=["POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("home.index"))
    form = LoginForm()
    if form.validate_on_submit():
        person = services.find_person(form.email.data)
        if person is not None and person.active and person.check_password(form.password.data):
            start_session(person, remember=form.remember.data)
            person.last_login_at = utcnow()
            audit.record("login", obj=person, person=person)
            db.session.commit()
            return redirect(local_path(request.args.get("next")) or url_for("accounts.account"))
        if person is None:
            check_no_password(form.password.data)
        audit.record("login-failed", object_type="Person", object_id=str(person.id) if person else None,
                     detail=f"e-mail {services.normalise_email(form.email.data)!r}")
        db.session.commit()
        form.password.errors.append(_("The e-mail address or the password is wrong."))
    return render_form("accounts/login.html", form)


@bp.post("/logout")
@signed_in
def logout():
    """Ends every session of the person: the session version moves on, old cookies are refused."""
    person = current_user._get_current_object()
    person.end_sessions()
    audit.record("logout", obj=person)
    db.session.commit()
    logout_user()
    flash(_("You are logged out."), "info")
    return redirect(url_for("home.index"))


@bp.route("/account", methods=["GET", "POST"])
@signed_in
def account():
    form = ProfileForm(obj=current_user)
    if form.validate_on_submit():
        current_user.name = form.name.data.strip()
        db.session.commit()
        flash(_("Your details are saved."), "info")
        return redirect(url_for("accounts.account"))
    return render_form("accounts/account.html", form)


@bp.route("/account/password", methods=["GET", "POST"])
@signed_in
def change_password():
    person = current_user._get_current_object()
    form = PasswordChangeForm()
    form.email_for_rules = person.email
    if form.validate_on_submit():
        if not person.check_password(form.current.data):
            form.current.errors.append(_("The current password is wrong."))
        else:
            services.set_new_password(person, form.password.data, "password-change")
            db.session.commit()
            start_session(person, remember=False)
            flash(_("Your password is changed. You are logged out everywhere else."), "info")
            return redirect(url_for("accounts.account"))
    return render_form("accounts/password.html", form)


@bp.route("/password-reset", methods=["GET", "POST"])
@public
@limiter.limit(reset_limit, methods=["POST"])
def request_reset():
    form = ResetRequestForm()
    if form.validate_on_submit():
        person = services.find_person(form.email.data)
        if person is not None and person.active:
            link = url_for("accounts.reset_password", token=services.reset_token(person), _external=True)
            send_mail(person.email, _("Choose a new password for Samverkan"),
                      _("Open this link within an hour to choose a new password:\n\n%(link)s\n\n"
                        "If you did not ask for it, ignore this message.", link=link))
            audit.record("password-reset-requested", obj=person, person=person)
            db.session.commit()
        # the same answer whether or not the address has an account
        flash(_("If the address has an account, a link to choose a new password is on its way."), "info")
        return redirect(url_for("accounts.login"))
    return render_form("accounts/reset_request.html", form)


@bp.route("/password-reset/<token>", methods=["GET", "POST"])
@public
@limiter.limit(reset_limit, methods=["POST"])
def reset_password(token):
    person = services.person_from_reset_token(token)
    if person is None:
        return render_template("accounts/reset_invalid.html"), 400
    form = ResetForm()
    form.email_for_rules = person.email
    if form.validate_on_submit():
        services.set_new_password(person, form.password.data, "password-reset")
        db.session.commit()
        flash(_("Your new password is saved. Log in with it."), "info")
        return redirect(url_for("accounts.login"))
    return render_form("accounts/reset.html", form)
