"""Sending e-mail, behind :func:`compose` and :func:`deliver` (or both once the transaction
commits, :func:`send_mail`).

Backends, checked when the app starts (a bad setting stops the start, not the first send):

- ``SAMVERKAN_MAIL_URL`` set: SMTP through Flask-Mailman, ``smtp://user:pass@host:587?starttls=1``
  or ``smtps://user:pass@host:465``, from ``SAMVERKAN_MAIL_FROM``. Messages are handed to a
  sending thread of the process, so that a slow mail server never holds a request (nor tells,
  by the time of the answer, that a message was sent).
- otherwise ``SAMVERKAN_MAIL_BACKEND``: ``log`` (the default, for development: the message goes
  to the log) or ``memory`` (tests read ``app.extensions["samverkan.outbox"]``).
"""
import logging
import os
import queue
import threading
from dataclasses import dataclass
from urllib.parse import parse_qs, unquote, urlsplit

from email_validator import EmailNotValidError, validate_email
from flask import current_app
from flask_mailman import EmailMessage, Mail
from sqlalchemy import event

from .extensions import db

log = logging.getLogger("samverkan.mail")
BACKENDS = ("log", "memory", "smtp")
SMTP_TIMEOUT = 20  # seconds


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
    backend = current_app.extensions["samverkan.mail"]
    if backend == "memory":
        current_app.extensions.setdefault("samverkan.outbox", []).append(
            {"to": message.to, "subject": message.subject, "body": message.body, "from": message.sender}
        )
    elif backend == "log":
        current_app.logger.warning("E-mail to %r, subject %r:\n%s", message.to, message.subject, message.body)
    else:
        _sender(current_app._get_current_object()).put(message)


#: where :func:`send_mail` keeps the messages of a transaction until it commits
PENDING = "samverkan.mail.pending"


def send_mail(to, subject, body):
    """Send when the database transaction commits, and not at all when it rolls back: a mail
    never tells of a change that did not happen."""
    db.session.info.setdefault(PENDING, []).append(compose(to, subject, body))


@event.listens_for(db.session, "after_commit")
def _deliver_pending(session):
    for message in session.info.pop(PENDING, []):
        deliver(message)


@event.listens_for(db.session, "after_rollback")
def _drop_pending(session):
    session.info.pop(PENDING, None)


class _Sender:
    """One thread per process that sends queued messages over SMTP, in the app's context."""

    def __init__(self, app):
        self.app = app
        self.queue = queue.Queue()
        self.pid = os.getpid()
        threading.Thread(target=self._run, name="samverkan-mail", daemon=True).start()

    def put(self, message):
        self.queue.put(message)

    def _run(self):
        while True:
            message = self.queue.get()
            try:
                with self.app.app_context():
                    EmailMessage(message.subject, message.body, message.sender, [message.to]).send()
            except Exception:  # noqa: BLE001 - a failed message is logged; the next one is tried
                log.exception("e-mail to %r could not be sent", message.to)
            finally:
                self.queue.task_done()


_senders_lock = threading.Lock()


def _sender(app):
    """The app's sending thread in this process (started after a fork, not inherited from it)."""
    with _senders_lock:
        sender = app.extensions.get("samverkan.mail-sender")
        if sender is None or sender.pid != os.getpid():
            sender = app.extensions["samverkan.mail-sender"] = _Sender(app)
        return sender


def wait_until_sent(app):
    """Block until the queued messages are sent (the command line, and tests)."""
    sender = app.extensions.get("samverkan.mail-sender")
    if sender is not None:
        sender.queue.join()
