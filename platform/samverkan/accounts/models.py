from datetime import datetime

from flask_login import UserMixin
from sqlalchemy.orm import Mapped, declared_attr, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from ..extensions import db
from ..times import utcnow
from .passwords import hash_method


class Person(UserMixin, db.Model):
    """Someone who may log in: a council secretary, a project lead, an analyst."""

    __tablename__ = "people"
    __audited__ = True
    #: the "login" event already says when
    __audit_ignore__ = ("last_login_at",)
    #: recorded as changed, never with the value (``audit.WITHHELD``)
    __audit_personal__ = ("name", "email")

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(db.String(254), unique=True)
    name: Mapped[str] = mapped_column(db.String(200))
    #: scrypt, through Werkzeug; None until the person sets a password through a reset link
    password_hash: Mapped[str | None] = mapped_column(db.String(255))
    #: bumped at logout and password change: every session and remember cookie of an older
    #: version is refused, on every device
    session_version: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[datetime | None]
    #: the SHA-256 of the secret in the person's own meeting feed URL (the secret itself is shown
    #: once and never stored); a new one revokes the old URL
    calendar_token_hash: Mapped[str | None] = mapped_column(db.String(64), unique=True)
    #: when the person was anonymised (``services.anonymise``): their name and address are neutral
    anonymised_at: Mapped[datetime | None]

    grants = relationship("RoleGrant", back_populates="person", cascade="all, delete-orphan",
                          foreign_keys="RoleGrant.person_id")

    @property
    def is_active(self):
        return self.active

    def get_id(self):
        """The id Flask-Login keeps in the session and remember cookie, with the session version."""
        return f"{self.id}.{self.session_version}"

    def set_password(self, password):
        self.password_hash = generate_password_hash(password, method=hash_method())

    def check_password(self, password):
        return bool(self.password_hash) and check_password_hash(self.password_hash, password)

    def end_sessions(self):
        self.session_version += 1

    def __repr__(self):
        return f"<Person {self.id}>"


class RoleGrant(db.Model):
    """A role a person holds, in one region for the regional roles, everywhere for the others."""

    __tablename__ = "role_grants"
    __audited__ = True
    __table_args__ = (db.UniqueConstraint("person_id", "role", "region_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(db.ForeignKey("people.id"), index=True)
    role: Mapped[str] = mapped_column(db.String(40))
    region_id: Mapped[int | None] = mapped_column(db.ForeignKey("regions.id"), index=True)
    granted_by_id: Mapped[int | None] = mapped_column(db.ForeignKey("people.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    person = relationship("Person", back_populates="grants", foreign_keys=[person_id])
    region = relationship("Region")


class OneTimeLink:
    """An e-mailed link's token, stored as its SHA-256 (the link itself is never kept), of one
    person, used once and valid until ``expires_at``."""

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(db.ForeignKey("people.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(db.String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]

    @declared_attr
    def person(cls):
        return relationship("Person")


class PasswordResetToken(OneTimeLink, db.Model):
    """A password-reset link; every outstanding one of a person is used up when the password changes."""

    __tablename__ = "password_reset_tokens"


class LoginLink(OneTimeLink, db.Model):
    """A sign-in link: the second proof a login needs once the failed logins for its account and
    address reached the limit (see :mod:`samverkan.accounts.login_limit`). Mailed to the account's
    address only after the right password; short-lived; a password change uses up every one."""

    __tablename__ = "login_links"
