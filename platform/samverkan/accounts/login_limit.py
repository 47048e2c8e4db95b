"""Failed logins per account and source address, and when a login needs a second proof.

Refusing every login once an (account, address) pair has failed too often would let anyone who
knows an address lock its owner out (OWASP ASVS 2.2.1 asks for anti-automation that does not).
So the failures only decide *how* a login proceeds: past ``LOGIN_RATE_LIMIT`` failures, the right
password no longer logs in by itself; it gets a one-time sign-in link mailed to the account's
address, and the answer is the same whether the password was right or wrong, so guessing on
teaches the guesser nothing. Only failures count: the owner's own logins never use up the limit.

The loose limit per address (``LOGIN_ADDRESS_RATE_LIMIT``, a 429 on the login route) stays the
hard limit against floods.

Counting uses the rate limiter's storage, like :mod:`samverkan.audit_throttle`: Redis when
configured (shared by every worker), memory otherwise; ``RATELIMIT_ENABLED`` off turns it off
with the other limits.
"""
import hashlib
import logging

from flask import current_app
from limits import parse_many

from ..extensions import limiter

log = logging.getLogger("samverkan.accounts")
SCOPE = "login-failures"


def _key(email, address):
    """The e-mail as typed (normalised) and the address, hashed into a short, plain key."""
    email = (email or "").strip().lower()[:254]
    return hashlib.sha256(f"{email}|{address}".encode()).hexdigest()


def _limits():
    return parse_many(current_app.config["LOGIN_RATE_LIMIT"])


def _counters(email, address):
    """(limit, storage key) of each limit: counted in fixed windows, like the limiter's default."""
    prefix = current_app.config["RATELIMIT_KEY_PREFIX"]
    key = _key(email, address)
    return [(limit, limit.key_for(prefix, SCOPE, key)) for limit in _limits()]


def take(email, address):
    """Count a login attempt of ``email`` from ``address`` as failed, in advance; whether it is
    still within the limits. The count is one atomic increment, so attempts sent at once cannot
    all slip under the limit; a login that succeeds gives its count back (:func:`give_back`)."""
    counts = _add(email, address, 1)
    return counts is None or all(count <= limit.amount for limit, count in counts)


def give_back(email, address):
    """The attempt counted by :func:`take` succeeded: it is not a failure."""
    _add(email, address, -1)


def _add(email, address, amount):
    """Add ``amount`` to each counter: [(limit, count)], or None when nothing is counted (the
    limits are off, or the storage failed: then the limit is not applied)."""
    if not current_app.config["RATELIMIT_ENABLED"]:
        return None
    storage = limiter.limiter.storage  # the in-memory fallback's while Redis is marked down
    try:
        return [(limit, storage.incr(key, limit.get_expiry(), amount=amount))
                for limit, key in _counters(email, address)]
    except Exception:  # the storage's own errors (redis-py's, limits') have no common base
        log.warning("login limit storage failed; it is not applied", exc_info=True)
        return None
