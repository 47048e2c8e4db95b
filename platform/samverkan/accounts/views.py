"""Logging in and out, the person's own account, and password reset. The rules are in
:mod:`.services`; these views parse the form, call a service, commit once and answer."""
from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_limiter.util import get_remote_address
from flask_login import current_user, logout_user

from .. import audit, audit_display, mail
from ..extensions import db, limiter
from ..urls import external_url, local_path
from ..policy import public, signed_in
from ..roles import ROLES
from ..templating import render_form
from . import services
from .forms import LoginForm, LoginLinkForm, PasswordChangeForm, ProfileForm, ResetForm, ResetRequestForm
from .models import Person, RoleGrant
from .sessions import start_session

bp = Blueprint("accounts", __name__)


def login_address_limit():
    return current_app.config["LOGIN_ADDRESS_RATE_LIMIT"]


def reset_limit():
    return current_app.config["RESET_RATE_LIMIT"]


@bp.route("/login", methods=["GET", "POST"])
@public
@limiter.limit(login_address_limit, methods=["POST"], scope="login-address")
def login():
    """Logging in. Past the failed logins allowed for the account from this address
    (:mod:`.login_limit`), the right password gets a sign-in link by e-mail instead of a session,
    and the answer is the same page whether it was right or not."""
    if current_user.is_authenticated:
        return redirect(url_for("home.index"))
    form = LoginForm()
    address = get_remote_address()
    if form.validate_on_submit():
        result = services.log_in(form.email.data, form.password.data, address)
        if result.needs_link:
            # composed for every attempt, sent for the right password only: the same work either way
            message = mail.compose(services.normalise_email(form.email.data), _("Your link to log in to Samverkan"),
                                   _("The right password for your account was given from a place where there had "
                                     "been many failed attempts to log in. If it was you, open this link within 15 "
                                     "minutes to log in:\n\n%(link)s\n\nIf it was not you, someone knows your "
                                     "password: choose a new one at %(reset)s, and the link above stops working.",
                                     link=result.link,
                                     reset=external_url("accounts.request_reset")))
            mail.store(message, send=result.person is not None)
            db.session.commit()
            return render_template("accounts/login_link_sent.html")
        if result.person is not None:
            start_session(result.person, remember=form.remember.data)
            db.session.commit()
            return redirect(local_path(request.args.get("next")) or url_for("me.index"))
        db.session.commit()
        form.password.errors.append(_("The e-mail address or the password is wrong."))
    elif form.is_submitted():
        services.record_refused_login(form.email.data or "", address)
        db.session.commit()
    return render_form("accounts/login.html", form)


@bp.route("/login/link/<token>", methods=["GET", "POST"])
@public
@limiter.limit(reset_limit, methods=["POST"])
def confirm_login(token):
    """An e-mailed sign-in link: a page with a button, which logs in once."""
    link = services.valid_login_link(token)
    if link is None:
        return render_template("accounts/login_link_invalid.html"), 400
    form = LoginLinkForm()
    if form.validate_on_submit():
        person = services.log_in_through_link(link)
        if person is None:
            db.session.rollback()
            return render_template("accounts/login_link_invalid.html"), 400
        start_session(person, remember=form.remember.data)
        db.session.commit()
        return redirect(url_for("me.index"))
    return render_form("accounts/login_link.html", form)


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
    return _account_page(form)


def _account_page(form, new_calendar_url=None):
    return render_form("accounts/account.html", form, new_calendar_url=new_calendar_url,
                       has_calendar_feed=services.has_calendar_feed(current_user))


@bp.post("/account/calendar")
@signed_in
def renew_calendar():
    """Create the person's meeting feed URL, or replace it (the old one stops working).

    The answer is the account page with the new URL in it, not a redirect: only the secret's hash
    is kept, so this answer is the one time the URL can be shown (and it is not cached).
    """
    renewed = services.has_calendar_feed(current_user)
    token = services.renew_calendar_token(current_user._get_current_object())
    db.session.commit()
    flash(_("Your calendar link is renewed: the old one no longer works.") if renewed
          else _("Your calendar link is ready."), "info")
    return _account_page(ProfileForm(formdata=None, obj=current_user), new_calendar_url=services.calendar_feed_url(token))


@bp.post("/account/calendar/revoke")
@signed_in
def revoke_calendar():
    services.revoke_calendar_token(current_user._get_current_object())
    db.session.commit()
    flash(_("Your calendar link is removed: it no longer works."), "info")
    return redirect(url_for("accounts.account") + "#calendar-heading")


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
        person, link = services.request_password_reset(form.email.data)
        # composed for every address, sent for an account: the same work either way
        message = mail.compose(services.normalise_email(form.email.data),
                               _("Choose a new password for Samverkan"),
                               _("Open this link within an hour to choose a new password:\n\n%(link)s\n\n"
                                 "If you did not ask for it, ignore this message.", link=link))
        mail.store(message, send=person is not None)
        db.session.commit()
        # the same answer whether or not the address has an account
        flash(_("If the address has an account, a link to choose a new password is on its way."), "info")
        return redirect(url_for("accounts.login"))
    return render_form("accounts/reset_request.html", form)


@bp.route("/password-reset/<token>", methods=["GET", "POST"])
@public
@limiter.limit(reset_limit, methods=["POST"])
def reset_password(token):
    token_row = services.valid_reset_token(token)
    if token_row is None:
        return render_template("accounts/reset_invalid.html"), 400
    form = ResetForm()
    form.email_for_rules = token_row.person.email
    if form.validate_on_submit():
        services.reset_password(token_row, form.password.data)
        db.session.commit()
        flash(_("Your new password is saved. Log in with it."), "info")
        return redirect(url_for("accounts.login"))
    return render_form("accounts/reset.html", form)


# -- how people and their roles read in the audit log -------------------------------------------


def _grant(obj, values):
    if obj is not None:
        role, person_id, region_id = obj.role, obj.person_id, obj.region_id
    else:
        role, person_id, region_id = values["role"], values["person_id"], values.get("region_id")
    role_name = ROLES[role].label if role in ROLES else role
    person = audit_display.value_text("person_id", person_id)
    if region_id is None:
        return _("%(role)s for %(person)s", role=role_name, person=person), None
    return _("%(role)s in %(region)s for %(person)s", role=role_name,
             region=audit_display.value_text("region_id", region_id), person=person), None


audit_display.register_kind("Person", _l("Person"), lambda obj, values: (audit_display.person_text(obj), None), Person)
audit_display.register_kind("RoleGrant", _l("Role"), _grant, RoleGrant)
for _field in ("person_id", "granted_by_id", "updated_by_id"):
    audit_display.register_reference(_field, "Person")
