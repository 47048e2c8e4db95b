"""Sending e-mail: :func:`send_mail` stores the message in the caller's transaction
(:class:`OutgoingMail`), and a job (:func:`send_stored`) sends it once that commits, with retries,
so that a slow mail server never holds a request (nor tells, by the time of the answer, that a
message was sent), and a stopped worker loses nothing (:func:`sweep`, :func:`resume`).

Backends, checked when the app starts (a bad setting stops the start, not the first send):

- ``SAMVERKAN_MAIL_URL`` set: SMTP through Flask-Mailman, ``smtp://user:pass@host:587?starttls=1``
  or ``smtps://user:pass@host:465``, from ``SAMVERKAN_MAIL_FROM``.
- otherwise ``SAMVERKAN_MAIL_BACKEND``: ``log`` (the default, for development: the message goes
  to the log) or ``memory`` (tests read ``app.extensions["samverkan.outbox"]``).
"""
import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, unquote, urlsplit

from email_validator import EmailNotValidError, validate_email
from flask import current_app
from flask_mailman import EmailMessage, Mail
from sqlalchemy import String, Text, delete, event, inspect, or_, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column

from . import jobs
from .events import delivering
from .extensions import db

log = logging.getLogger("samverkan.mail")
BACKENDS = ("log", "memory", "smtp")
SMTP_TIMEOUT = 20  # seconds


def utcnow():
    return datetime.now(UTC).replace(tzinfo=None)


class MailConfigError(ValueError):
    """A mail setting that cannot work; raised by ``create_app``."""


@dataclass(frozen=True)
class Message:
    to: str
    subject: str
    body: str
    sender: str | None


def _flag(values, name):
    value = values.get(name, ["0"])[-1].lower()
    if value not in ("0", "1", "true", "false", "yes", "no"):
        raise MailConfigError(f"SAMVERKAN_MAIL_URL: {name}={value!r} is not 0 or 1")
    return value in ("1", "true", "yes")


def smtp_settings(url):
    """Flask-Mailman's settings from ``smtp[s]://user:pass@host:port?starttls=1&timeout=20``."""
    parts = urlsplit(url)
    if parts.scheme not in ("smtp", "smtps"):
        raise MailConfigError(f"SAMVERKAN_MAIL_URL must start with smtp:// or smtps://, not {parts.scheme or url!r}")
    try:
        port = parts.port
    except ValueError as error:
        raise MailConfigError(f"SAMVERKAN_MAIL_URL: {error}") from None
    if not parts.hostname:
        raise MailConfigError("SAMVERKAN_MAIL_URL names no host")
    query = parse_qs(parts.query)
    unknown = set(query) - {"starttls", "timeout"}
    if unknown:
        raise MailConfigError(f"SAMVERKAN_MAIL_URL: unknown options {', '.join(sorted(unknown))}")
    starttls, ssl = _flag(query, "starttls"), parts.scheme == "smtps"
    if starttls and ssl:
        raise MailConfigError("SAMVERKAN_MAIL_URL: smtps:// is already encrypted; leave out starttls=1")
    try:
        timeout = float(query.get("timeout", [SMTP_TIMEOUT])[-1])
    except ValueError:
        raise MailConfigError("SAMVERKAN_MAIL_URL: timeout must be a number of seconds") from None
    return {
        "MAIL_SERVER": parts.hostname,
        "MAIL_PORT": port or (465 if ssl else 587 if starttls else 25),
        "MAIL_USERNAME": unquote(parts.username) if parts.username else None,
        "MAIL_PASSWORD": unquote(parts.password) if parts.password else None,
        "MAIL_USE_TLS": starttls,
        "MAIL_USE_SSL": ssl,
        "MAIL_TIMEOUT": timeout,
        "MAIL_BACKEND": "smtp",
    }


def init_app(app):
    """Check the mail settings and set the backend up; raises :class:`MailConfigError`."""
    url = app.config.get("MAIL_URL")
    backend = "smtp" if url else app.config.get("MAIL_BACKEND") or "log"
    if backend not in BACKENDS or (backend == "smtp" and not url):
        raise MailConfigError(f"SAMVERKAN_MAIL_BACKEND must be log or memory (or set SAMVERKAN_MAIL_URL), not {backend!r}")
    sender = app.config.get("MAIL_FROM")
    if backend == "smtp":
        if not sender:
            raise MailConfigError("SAMVERKAN_MAIL_URL is set but SAMVERKAN_MAIL_FROM (the sender's address) is not")
        try:
            validate_email(sender.rsplit("<", 1)[-1].rstrip(">").strip(), check_deliverability=False)
        except EmailNotValidError as error:
            raise MailConfigError(f"SAMVERKAN_MAIL_FROM {sender!r} is not an e-mail address: {error}") from None
        app.extensions["mailman"] = Mail.init_mail({**smtp_settings(url), "MAIL_DEFAULT_SENDER": sender})
    app.extensions["samverkan.mail"] = backend


def compose(to, subject, body):
    """The message, ready for :func:`deliver` (and costing the same whether or not it is sent)."""
    return Message(to=to, subject=str(subject), body=str(body), sender=current_app.config.get("MAIL_FROM"))


def deliver(message):
    """Hand ``message`` to the backend now (a job calls this; raises when SMTP fails)."""
    backend = current_app.extensions["samverkan.mail"]
    if backend == "memory":
        current_app.extensions.setdefault("samverkan.outbox", []).append(
            {"to": message.to, "subject": message.subject, "body": message.body, "from": message.sender}
        )
    elif backend == "log":
        current_app.logger.warning("E-mail to %r, subject %r:\n%s", message.to, message.subject, message.body)
    else:
        EmailMessage(message.subject, message.body, message.sender, [message.to]).send()


class OutgoingMail(db.Model):
    """A message decided on and not yet known to be sent: written in the transaction that decided
    to send it, so a rolled-back request sends nothing and a stopped worker loses nothing.

    A sender claims a row (``claimed_until``) before it sends, so that two workers never send it
    both; a worker that dies mid-send leaves a claim that runs out, and the next one takes over.
    Once sent, the body (which may hold a sign-in or reset link) is emptied, and the row is
    deleted a day later.
    """

    __tablename__ = "outgoing_mail"
    #: one message per event and recipient, however often a subscriber is handed the event
    __table_args__ = (db.Index("ix_outgoing_mail_event_id_recipient", "event_id", "recipient", unique=True),)

    id: Mapped[int] = mapped_column(primary_key=True)
    recipient: Mapped[str] = mapped_column(String(320))
    subject: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    sender: Mapped[str | None] = mapped_column(String(320))
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    claimed_until: Mapped[datetime | None]
    sent_at: Mapped[datetime | None] = mapped_column(index=True)
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    #: the outbox event a subscriber sent it for (:func:`samverkan.events.delivering`), or None
    event_id: Mapped[int | None]


#: where :func:`send_mail` keeps the rows of a transaction until it commits
PENDING = "samverkan.mail.pending"
#: session.info key: outbox event id -> the recipients a message for it is stored for, this transaction
KEYED = "samverkan.mail.keyed"
#: how many times a message is tried in all (by its job's retries and then by the sweep)
MAX_ATTEMPTS = 12


def send_mail(to, subject, body, session=None):
    """Store the message in the current transaction (``db.session``'s unless given); a job sends
    it once the transaction commits, and nothing is sent when it rolls back: a mail never tells of
    a change that did not happen.

    Sent by a subscriber (``session`` delivering an event, :func:`samverkan.events.delivering`),
    the message is keyed by the event: one stored before to ``to`` for that event is kept and no
    second one stored, so a redelivered event mails nobody twice."""
    session = session if session is not None else db.session()
    event_id = delivering(session)
    if event_id is not None:
        recipients = _recipients_of(session, event_id)
        if to in recipients:
            return
        recipients.add(to)
    store(compose(to, subject, body), session=session, event_id=event_id)


def _recipients_of(session, event_id):
    """Those to whom a message for ``event_id`` is stored: read once per event and transaction
    (a meeting's 200 registrants cost one query, not 200)."""
    keyed = session.info.setdefault(KEYED, {})
    if event_id not in keyed:
        with session.no_autoflush:  # (the messages stored so far go in one statement, at the commit)
            keyed[event_id] = set(session.scalars(select(OutgoingMail.recipient).filter_by(event_id=event_id)))
    return keyed[event_id]


def store(message, send=True, session=None, event_id=None):
    """Store a message made by :func:`compose` to be sent once the transaction commits. ``send=False``
    stores it as done without sending (a reset asked for an unknown address): the same write
    either way, so that the time of an answer tells nothing."""
    session = session if session is not None else db.session()
    row = OutgoingMail(recipient=message.to, subject=message.subject, body=message.body, sender=message.sender,
                       event_id=event_id)
    if not send:
        row.body, row.sent_at = "", utcnow()
    session.add(row)
    if send:
        session.info.setdefault(PENDING, []).append(row)


@event.listens_for(Session, "after_commit")
def _queue_pending(session):
    """The messages a transaction stored, queued once it has committed (not when a savepoint is
    released, which SQLAlchemy reports as a commit too: a subscriber's, inside a delivery)."""
    if session.in_nested_transaction():
        return
    rows = session.info.pop(PENDING, [])
    ids = [inspect(row).identity[0] for row in rows if inspect(row).identity]
    for mail_id in ids:
        jobs.enqueue(send_stored, mail_id)


@event.listens_for(Session, "after_transaction_end")
def _drop_pending(session, transaction):
    """A rolled-back transaction's messages are never queued (a committed one's were, above); those
    of a savepoint taken back lost their ids with it, and :func:`_queue_pending` skips them."""
    if transaction.parent is None:
        session.info.pop(PENDING, None)
        session.info.pop(KEYED, None)


def _claim(mail_id, now):
    """Take the message for ``MAIL_CLAIM_SECONDS``; False when it is sent or another sender holds it."""
    claimed = db.session.execute(
        update(OutgoingMail)
        .where(OutgoingMail.id == mail_id, OutgoingMail.sent_at.is_(None),
               or_(OutgoingMail.claimed_until.is_(None), OutgoingMail.claimed_until <= now))
        .values(claimed_until=now + timedelta(seconds=current_app.config["MAIL_CLAIM_SECONDS"]),
                attempts=OutgoingMail.attempts + 1)
    ).rowcount
    db.session.commit()
    return claimed == 1


@jobs.task(retries=5, retry_delay=10, retry_backoff=2)
def send_stored(mail_id):
    """Send one stored message and mark it sent; a failure frees it and raises, so that Huey
    tries again (10 s, 20 s, 40 s …) and the sweep after that."""
    if not _claim(mail_id, utcnow()):
        return
    row = db.session.get(OutgoingMail, mail_id)
    try:
        deliver(Message(to=row.recipient, subject=row.subject, body=row.body, sender=row.sender))
    except Exception as error:
        db.session.rollback()
        row = db.session.get(OutgoingMail, mail_id)
        row.claimed_until, row.last_error = None, f"{type(error).__name__}: {error}"[:1000]
        db.session.commit()
        log.warning("e-mail %d to %r not sent (attempt %d): %s", mail_id, row.recipient, row.attempts, error)
        raise
    row.sent_at, row.body, row.claimed_until, row.last_error = utcnow(), "", None, None
    db.session.commit()


def _unsent(now):
    return select(OutgoingMail.id, OutgoingMail.claimed_until).where(
        OutgoingMail.sent_at.is_(None), OutgoingMail.attempts < MAX_ATTEMPTS,
        OutgoingMail.created_at <= now - timedelta(seconds=current_app.config["MAIL_SWEEP_AFTER"]))


@jobs.periodic(jobs.crontab(minute="*"))
def sweep():
    """Queue again what is still unsent a while after it was stored (its job was lost with a
    stopped worker, or ran out of retries) and whose claim has run out; forget sent messages."""
    now = utcnow()
    for mail_id, claimed_until in db.session.execute(_unsent(now)).all():
        if claimed_until is None or claimed_until <= now:
            jobs.enqueue(send_stored, mail_id)
    db.session.execute(delete(OutgoingMail).where(OutgoingMail.sent_at < now - timedelta(days=1)))
    db.session.commit()


@jobs.on_worker_start
def resume():
    """A starting worker takes over every unsent message: now, or when a stopped worker's claim
    on it runs out."""
    now = utcnow()
    for mail_id, claimed_until in db.session.execute(
            _unsent(now + timedelta(seconds=current_app.config["MAIL_SWEEP_AFTER"]))).all():
        if claimed_until is None or claimed_until <= now:
            jobs.enqueue(send_stored, mail_id)
        else:
            jobs.schedule(send_stored, (mail_id,), claimed_until.replace(tzinfo=UTC))
    db.session.rollback()
