"""Password rules after OWASP ASVS 2.1: 12 to 128 characters, no composition rules, and none of
the 20,000 most common passwords."""
import gzip
from functools import cache
from pathlib import Path

from flask import current_app
from flask_babel import lazy_gettext as _l
from werkzeug.security import generate_password_hash

MIN_LENGTH = 12
MAX_LENGTH = 128
COMMON_PASSWORDS = Path(__file__).parent / "data" / "common-passwords.txt.gz"


@cache
def common_passwords():
    with gzip.open(COMMON_PASSWORDS, "rt", encoding="utf-8") as f:
        return frozenset(line.strip() for line in f if line.strip())


def password_problem(password, email=None):
    """Why ``password`` is refused, as a translatable message; None when it is fine."""
    if len(password) < MIN_LENGTH:
        return _l("Use at least %(num)d characters.", num=MIN_LENGTH)
    if len(password) > MAX_LENGTH:
        return _l("Use at most %(num)d characters.", num=MAX_LENGTH)
    folded = password.lower()
    if folded in common_passwords() or len(set(folded)) == 1:
        return _l("This password is too common. Choose another.")
    if email and folded in (email.lower(), email.lower().split("@")[0]):
        return _l("Do not use your e-mail address as your password.")
    return None


def hash_method():
    """The Werkzeug hash method of passwords (``PASSWORD_HASH_METHOD``): one place for its cost."""
    return current_app.config["PASSWORD_HASH_METHOD"]


@cache
def _dummy_hash(method):
    return generate_password_hash("no account has this password", method=method)


def dummy_hash():
    """A hash of the configured method and cost, checked when there is no real one to check,
    so that an unknown address or an account without a password costs what a wrong password does."""
    return _dummy_hash(hash_method())
