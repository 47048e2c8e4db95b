"""Refused requests stay auditable without letting one client fill the audit log.

Each client (a signed-in person, else an address) gets ``AUDIT_REFUSAL_LIMIT`` refusal rows per
window; the refusals beyond it are only counted, and the count goes into the client's next
recorded refusal. Counting uses the rate limiter's storage: Redis when configured (shared by all
workers), memory otherwise.
"""
import logging

from flask import current_app, request
from flask_login import current_user
from limits import parse

from .extensions import limiter

log = logging.getLogger("samverkan.audit")

#: seconds an unreported count is kept for a client that is refused no more
SUPPRESSED_COUNT_EXPIRY = 24 * 60 * 60


def client_key():
    """Whom a refusal is counted against: the signed-in person, else the request's address."""
    if current_user and current_user.is_authenticated:
        return f"person:{current_user.id}"
    return f"address:{request.remote_addr}"


def should_record(key):
    """``(record, suppressed)``: whether to write this refusal of ``key``, and how many of its
    refusals went unwritten since its last written one (to be said in this one).

    If the storage fails (Redis gone), every refusal is written: the audit log comes first.
    """
    limit = parse(current_app.config["AUDIT_REFUSAL_LIMIT"])
    prefix = current_app.config["RATELIMIT_KEY_PREFIX"]
    strategy = limiter.limiter  # the in-memory fallback's while Redis is marked down
    counter = f"{prefix}/audit-refusals-suppressed/{key}"
    try:
        if not strategy.hit(limit, prefix, "audit-refusals", key):
            strategy.storage.incr(counter, SUPPRESSED_COUNT_EXPIRY)
            return False, 0
        suppressed = strategy.storage.get(counter)
        if suppressed:
            # subtract rather than clear: refusals counted meanwhile by another worker are kept
            strategy.storage.incr(counter, SUPPRESSED_COUNT_EXPIRY, amount=-suppressed)
        return True, suppressed
    except Exception:  # the storage's own errors (redis-py's, limits') have no common base
        log.warning("refusal throttle storage failed; recording the refusal", exc_info=True)
        return True, 0
