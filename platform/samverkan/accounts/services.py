"""Accounts: people, their roles, logging in, deactivation and password-reset tokens.

The writes and the rules of accounts live here; they flush, never commit (the view or the
command commits once). Refusals are :class:`AccountError` with a translatable message.
"""
import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from email_validator import EmailNotValidError, validate_email
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, func, select, update
from werkzeug.security import check_password_hash

from .. import audit
from ..events import PersonErased, emit
from ..extensions import db
from ..policy import can
from ..roles import PLATFORM_ADMIN, REGION_ADMIN, REGIONAL_ROLES, ROLES
from ..urls import external_url
from . import login_limit
from .models import LoginLink, PasswordResetToken, Person, RoleGrant, utcnow
from .passwords import dummy_hash

RESET_MAX_AGE = 3600  # seconds a reset link stays valid
LOGIN_LINK_MAX_AGE = 15 * 60  # seconds a sign-in link stays valid
# PLATFORM_ADMIN keeps the platform administrable: its last active holder cannot lose it;
# REGION_ADMIN manages a region's people, so a region's only one cannot revoke their own


class AccountError(ValueError):
    """Input the accounts service refuses; the message is for the person at the keyboard."""


def normalise_email(email):
    return (email or "").strip().lower()


def find_person(email):
    return db.session.execute(
        select(Person).where(func.lower(Person.email) == normalise_email(email))
    ).scalar_one_or_none()


def create_person(email, name, password=None):
    email = normalise_email(email)
    try:
        validate_email(email, check_deliverability=False)
    except EmailNotValidError as error:
        raise AccountError(f"{email!r} is not a valid e-mail address: {error}") from None
    if find_person(email):
        raise AccountError(f"{email} already has an account")
    person = Person(email=email, name=name.strip() or email)
    if password is not None:
        person.set_password(password)
    db.session.add(person)
    db.session.flush()
    return person


# -- logging in ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class LoginResult:
    """What a login through the form came to.

    ``person`` is logged in, unless ``link`` is set: then the login needs the second proof of
    :mod:`.login_limit`, ``link`` is the sign-in link for the message, and ``person`` the one to
    mail it to (None when the password was wrong: the message is composed, not sent).
    """

    person: Person | None
    link: str | None = None

    @property
    def needs_link(self):
        return self.link is not None


def log_in(email, password, address):
    """A login through the form from ``address``: checks the password, records the login or the
    failure, and past the failure limit of the account and address makes a sign-in link instead.

    Every path checks one password hash (a dummy one of the same method and cost when there is
    no person or no password yet), and past the limit makes a token whether the password was
    right or not, so that the time of the answer tells nothing.
    """
    needs_link = not login_limit.take(email, address)
    found = find_person(email)
    stored = found.password_hash if found is not None else None
    matches = check_password_hash(stored or dummy_hash(), password)
    person = found if found is not None and stored and matches and found.active else None
    if person is None:
        record_failed_login(found)
    else:
        login_limit.give_back(email, address)
    if needs_link:
        token = new_reset_token()
        if person is not None:
            issue_login_link(person, token)
            audit.record("login-link-sent", obj=person, person=person)
        return LoginResult(person, login_link(token))
    if person is not None:
        _logged_in(person)
    return LoginResult(person)


def _logged_in(person, detail=None):
    person.last_login_at = utcnow()
    audit.record("login", obj=person, person=person, detail=detail)


def record_refused_login(email, address):
    """A login the form refused (a control character, a missing field): a failed login all the same."""
    login_limit.take(email, address)
    record_failed_login(reason="refused by the form")


def record_failed_login(person=None, reason=None):
    """A ``login-failed`` event; ``reason`` when the form itself refused the attempt (no account
    was looked up then).

    The address typed is not kept (it may be anyone's): the event names the account by id, or says
    that none has that address."""
    detail = reason or ("no account with that address" if person is None else None)
    audit.record("login-failed", object_type="Person", object_id=str(person.id) if person else None, detail=detail)


def set_new_password(person, password, action):
    """Replace the password, end every session and use up every reset link of the person;
    ``action`` names it in the log."""
    person.set_password(password)
    person.end_sessions()
    _use_up_reset_tokens(person)
    audit.record(action, obj=person, person=person)


# -- roles ---------------------------------------------------------------------------------------


def grant_role(person, role, region=None, granted_by=None):
    """Give ``person`` the role (in ``region`` for the regional roles). Returns the grant."""
    if role not in ROLES:
        raise AccountError(f"unknown role {role!r}; roles: {', '.join(ROLES)}")
    if (role in REGIONAL_ROLES) != (region is not None):
        raise AccountError(
            f"the role {role} needs a region" if role in REGIONAL_ROLES else f"the role {role} has no region"
        )
    region_id = region.id if region is not None else None
    existing = db.session.execute(
        select(RoleGrant).filter_by(person_id=person.id, role=role, region_id=region_id)
    ).scalar_one_or_none()
    if existing:
        return existing
    grant = RoleGrant(person=person, role=role, region_id=region_id,
                      granted_by_id=granted_by.id if granted_by is not None else None)
    db.session.add(grant)
    db.session.flush()
    return grant


def grant_role_by_email(email, name, role, region=None, granted_by=None):
    """The grant form: find the person by e-mail or create them with ``name``, then grant.

    The answer is the same whether or not the address has an account, so the form needs the
    name every time and the caller says what was done in the e-mail as typed.
    """
    person = find_person(email) or create_person(email, name)
    return grant_role(person, role, region=region, granted_by=granted_by)


def _active_holders(role, region_id=None, excluding=None):
    query = (select(func.count(func.distinct(RoleGrant.person_id))).join(Person, RoleGrant.person_id == Person.id)
             .where(RoleGrant.role == role, RoleGrant.region_id == region_id, Person.active.is_(True)))
    if excluding is not None:
        query = query.where(RoleGrant.person_id != excluding.id)
    return db.session.scalar(query)


def revoke_problem(grant, by=None):
    """Why ``grant`` may not be revoked (by ``by``), as a translatable message; None if it may."""
    if grant.role == PLATFORM_ADMIN and grant.person.active:
        problem = _last_platform_admin_problem(grant.person)
        if problem:
            return problem
    if (grant.role == REGION_ADMIN and by is not None and grant.person_id == by.id
            and not _active_holders(REGION_ADMIN, grant.region_id, excluding=by)
            and not can(by, "region.grant-roles")):  # no region given: only a platform-wide role counts
        return _l("You are the only region administrator here: without the role you could not manage "
                  "the region's people. Make someone else region administrator first.")
    return None


def _last_platform_admin_problem(person):
    """Why removing ``person``'s platform admin role or account would leave none; None if not."""
    if not _active_holders(PLATFORM_ADMIN, excluding=person):
        return _l("%(email)s is the last active platform administrator. Make someone else one first.",
                  email=person.email)
    return None


def revoke_role(grant, by=None):
    problem = revoke_problem(grant, by)
    if problem:
        raise AccountError(problem)
    db.session.delete(grant)
    db.session.flush()


# -- deactivation --------------------------------------------------------------------------------


def deactivate_problem(person):
    """Why ``person`` may not be deactivated, as a translatable message; None if they may."""
    if not person.active:
        return _l("%(email)s is already deactivated.", email=person.email)
    if any(g.role == PLATFORM_ADMIN for g in person.grants):
        return _last_platform_admin_problem(person)
    return None


def deactivate(person):
    """Close the account: its sessions end at once, it cannot log in or reset its password."""
    problem = deactivate_problem(person)
    if problem:
        raise AccountError(problem)
    person.active = False
    person.end_sessions()
    _use_up_reset_tokens(person)
    db.session.flush()


def activate(person):
    person.active = True
    db.session.flush()


# -- anonymising ---------------------------------------------------------------------------------

#: the name an anonymised person is left with (neutral, in the data's language)
ANONYMISED_NAME = "Borttagen person"
#: functions ``(person, email)`` that clear what a feature keeps of a person being anonymised (their
#: e-mail as it was is given): registered by the feature that keeps it (``register_personal_data``)
PERSONAL_DATA = []


def register_personal_data(clear):
    """Decorator: ``clear(person, email)`` runs whenever a person is anonymised."""
    PERSONAL_DATA.append(clear)
    return clear


def anonymise_problem(person):
    """Why ``person`` may not be anonymised, as a translatable message; None if they may."""
    if person.anonymised_at is not None:
        return _l("The person is already anonymised.")
    if person.active and any(g.role == PLATFORM_ADMIN for g in person.grants):
        return _last_platform_admin_problem(person)
    return None


def anonymise(person):
    """Replace the person's name and e-mail with neutral values, clear what features keep of them
    (an initiative's contact details …), and end their sessions, links and calendar feed.

    The rows that reference the person (registrations, authorship, roles, the audit log) keep
    pointing at the same record, which now names nobody: the audit log reads "removed person".
    """
    problem = anonymise_problem(person)
    if problem:
        raise AccountError(problem)
    email = person.email
    for clear in PERSONAL_DATA:
        clear(person, email)
    person.name = ANONYMISED_NAME
    person.email = f"removed-{person.id}@anonymised.invalid"  # unique; .invalid never delivers (RFC 2606)
    person.password_hash = None
    person.calendar_token_hash = None
    person.active = False
    person.end_sessions()
    person.anonymised_at = utcnow()
    for model in (PasswordResetToken, LoginLink):
        db.session.execute(delete(model).where(model.person_id == person.id))
    audit.record("anonymise", obj=person)
    db.session.flush()
    emit(PersonErased(person_id=person.id))


# -- password reset ------------------------------------------------------------------------------


def token_hash(token):
    """What is stored of a link's secret (reset links, survey links): never the secret itself."""
    return hashlib.sha256(token.encode()).hexdigest()


def new_reset_token():
    """An opaque token for a link: random, and readable by nobody (it is stored hashed)."""
    return secrets.token_urlsafe(32)


def issue_reset_token(person, token):
    """Store ``token`` (hashed) as a reset link of ``person``, valid for :data:`RESET_MAX_AGE`."""
    _issue(PasswordResetToken, person, token, RESET_MAX_AGE)


def _issue(model, person, token, max_age):
    now = utcnow()
    db.session.add(model(person=person, token_hash=token_hash(token), created_at=now,
                         expires_at=now + timedelta(seconds=max_age)))
    db.session.flush()


def reset_token(person):
    """A new reset token for ``person``, stored: what goes into the link."""
    token = new_reset_token()
    issue_reset_token(person, token)
    return token


def valid_reset_token(token):
    """The unused, unexpired token row of an active person for ``token``, or None."""
    return _valid(PasswordResetToken, token)


def _valid(model, token):
    if not token or len(token) > 200:
        return None
    row = db.session.execute(select(model).where(model.token_hash == token_hash(token))).scalar_one_or_none()
    if row is None or row.used_at is not None or row.expires_at <= utcnow() or not row.person.active:
        return None
    return row


def reset_password(token_row, password):
    """Set the new password through a reset link; the link (and every other) is used up."""
    set_new_password(token_row.person, password, "password-reset")


def _use_up_reset_tokens(person):
    """Every outstanding reset and sign-in link of the person stops working."""
    for model in (PasswordResetToken, LoginLink):
        db.session.execute(
            update(model).where(model.person_id == person.id, model.used_at.is_(None)).values(used_at=utcnow())
        )


def reset_link(token):
    """The link of a reset e-mail: the one place that decides the host of e-mailed links."""
    return external_url("accounts.reset_password", token=token)


def request_password_reset(email):
    """A reset link for ``email``: (the person to send it to or None, the link).

    The link is made for every address, with or without an active account, so that both answers
    cost the same; only an active person's token is stored. The request is logged either way.
    """
    person = find_person(email)
    token = new_reset_token()
    link = reset_link(token)
    if person is not None and person.active:
        issue_reset_token(person, token)
        audit.record("password-reset-requested", obj=person, person=person)
        return person, link
    audit.record("password-reset-requested", object_type="Person", detail=audit.N_("no active account with that address"))
    return None, link


# -- sign-in links (the second proof past the failure limit) -------------------------------------


def issue_login_link(person, token):
    """Store ``token`` (hashed) as a sign-in link of ``person``, valid for :data:`LOGIN_LINK_MAX_AGE`."""
    _issue(LoginLink, person, token, LOGIN_LINK_MAX_AGE)


def login_link(token):
    return external_url("accounts.confirm_login", token=token)


def valid_login_link(token):
    """The unused, unexpired sign-in link of an active person for ``token``, or None."""
    return _valid(LoginLink, token)


def log_in_through_link(link):
    """The link's person, logged in; the link, and every other outstanding one of theirs, is used
    up. None when the link was used meanwhile (two clicks at once log in once)."""
    person, now = link.person, utcnow()
    taken = db.session.execute(update(LoginLink).where(LoginLink.id == link.id, LoginLink.used_at.is_(None))
                               .values(used_at=now), execution_options={"synchronize_session": False})
    if taken.rowcount != 1:
        return None
    db.session.execute(update(LoginLink).where(LoginLink.person_id == person.id, LoginLink.used_at.is_(None))
                       .values(used_at=now), execution_options={"synchronize_session": False})
    _logged_in(person, detail=audit.N_("through an e-mailed sign-in link"))
    return person


# -- the personal calendar feed ------------------------------------------------------------------


def renew_calendar_token(person):
    """A new secret for the person's meeting feed URL; the old URL stops working at once.

    Only its :func:`token_hash` is stored, like a password's: the secret is returned to be shown
    once (:func:`calendar_feed_url`), and nobody can read it from the database afterwards.
    """
    token = secrets.token_urlsafe(32)
    person.calendar_token_hash = token_hash(token)
    db.session.flush()
    return token


def revoke_calendar_token(person):
    """No feed URL: the old one stops working."""
    person.calendar_token_hash = None
    db.session.flush()


def has_calendar_feed(person):
    return person.calendar_token_hash is not None


def calendar_feed_url(token):
    """The feed URL of ``token``, on ``BASE_URL`` like every link that leaves the site."""
    return external_url("calendar.person_feed", token=token)


#: longer than any token :func:`renew_calendar_token` makes; longer ones are not looked up
CALENDAR_TOKEN_MAX_LENGTH = 64


def calendar_feed_person(token):
    """The active person whose feed URL holds ``token``, or None."""
    if not token or len(token) > CALENDAR_TOKEN_MAX_LENGTH:
        return None
    person = db.session.execute(
        select(Person).where(Person.calendar_token_hash == token_hash(token))
    ).scalar_one_or_none()
    return person if person is not None and person.active else None
