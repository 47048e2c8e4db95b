"""Accounts: people, their roles, and password reset tokens."""
from email_validator import EmailNotValidError, validate_email
from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import func, select

from ..extensions import db
from ..roles import REGIONAL_ROLES, ROLES
from .models import Person, RoleGrant

RESET_MAX_AGE = 3600  # seconds a reset link stays valid


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


def set_new_password(person, password, action):
    """Replace the password and end every session of the person; ``action`` names it in the log."""
    from .. import audit

    person.set_password(password)
    person.end_sessions()
    audit.record(action, obj=person, person=person)


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


def revoke_role(grant):
    db.session.delete(grant)
    db.session.flush()


def _reset_serializer():
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="samverkan.password-reset")


def reset_token(person):
    """A link token that works once: it is bound to the password hash it replaces."""
    return _reset_serializer().dumps({"id": person.id, "hash": (person.password_hash or "")[-16:],
                                      "v": person.session_version})


def person_from_reset_token(token):
    try:
        data = _reset_serializer().loads(token, max_age=RESET_MAX_AGE)
    except (BadSignature, SignatureExpired):
        return None
    person = db.session.get(Person, data.get("id"))
    if person is None or not person.active:
        return None
    if data.get("hash") != (person.password_hash or "")[-16:] or data.get("v") != person.session_version:
        return None
    return person
