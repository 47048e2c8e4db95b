"""Sending e-mail, behind one function. ``MAIL_BACKEND``: ``log`` (the default, for development:
the message goes to the log) or ``memory`` (tests read ``app.extensions["samverkan.outbox"]``).
A production backend (SMTP) plugs in here."""
from flask import current_app


def send_mail(to, subject, body):
    backend = current_app.config.get("MAIL_BACKEND", "log")
    if backend == "memory":
        current_app.extensions.setdefault("samverkan.outbox", []).append(
            {"to": to, "subject": subject, "body": body}
        )
    elif backend == "log":
        current_app.logger.warning("E-mail to %r, subject %r:\n%s", to, subject, body)
    else:
        raise RuntimeError(f"unknown MAIL_BACKEND {backend!r}")
