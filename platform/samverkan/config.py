"""Settings: defaults, then ``SAMVERKAN_*`` environment variables, then the factory's overrides."""
import os
import secrets
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

#: the languages of the UI; the first is the default
LANGUAGES = ("sv", "en")


class DefaultConfig:
    BABEL_DEFAULT_LOCALE = LANGUAGES[0]
    BABEL_DEFAULT_TIMEZONE = "Europe/Stockholm"
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = True  # off only in development and tests (see load_config)
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_SECURE = True
    REMEMBER_COOKIE_DURATION = timedelta(days=14)
    #: seconds: a session without "remember me" ends after this long idle, or this long at all
    SESSION_IDLE_TIMEOUT = 30 * 60
    SESSION_ABSOLUTE_LIFETIME = 12 * 60 * 60
    WTF_CSRF_TIME_LIMIT = None  # the token lives as long as the session
    #: failed logins per account (the e-mail typed) and source address; past it, the right password
    #: no longer logs in by itself but gets a sign-in link mailed to the account, and every answer
    #: is the same: guessing on teaches nothing, and the owner is never locked out
    #: (:mod:`samverkan.accounts.login_limit`)
    LOGIN_RATE_LIMIT = "5 per minute;20 per hour"
    #: logins per source address, whatever the account: the hard limit against floods (a 429);
    #: loose, so that an office behind one address keeps logging in while one account is hammered
    LOGIN_ADDRESS_RATE_LIMIT = "60 per minute;300 per hour"
    RESET_RATE_LIMIT = "5 per minute;20 per hour"
    RATELIMIT_HEADERS_ENABLED = True
    #: said for every app: Flask-Limiter's one limiter otherwise inherits the previous app's setting
    RATELIMIT_ENABLED = True
    RATELIMIT_KEY_PREFIX = "samverkan"
    #: if Redis goes away, count per process rather than fail every login
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True
    MAIL_BACKEND = "log"
    #: seconds a sender holds a message it is sending (past the SMTP timeout); when a worker dies
    #: mid-send, another takes the message over after this
    MAIL_CLAIM_SECONDS = 120
    #: seconds after which a message still unsent is queued again by the worker's sweep
    MAIL_SWEEP_AFTER = 60
    #: bytes: an uploaded import larger than this is done by the worker, with a page that follows it
    IMPORT_JOB_BYTES = 128 * 1024
    #: where the site is reached, e.g. ``https://samverkan.example.se``: links in e-mails are built
    #: on it, never on a request's Host, and in production only its host is served (see load_config)
    BASE_URL = None
    #: more host names served besides BASE_URL's (a JSON list, or names separated by commas)
    TRUSTED_HOSTS = None
    #: bytes: a larger request body is refused (413) before anything reads it
    MAX_CONTENT_LENGTH = 1024 * 1024
    #: bytes of form fields other than files, and the number of fields, in one request
    MAX_FORM_MEMORY_SIZE = 512 * 1024
    MAX_FORM_PARTS = 1000
    #: refused requests written to the audit log per client and minute; the rest are counted
    AUDIT_REFUSAL_LIMIT = "10 per minute"
    #: what the cache layer's keys in Redis begin with (unset: named by the database, so that app
    #: servers sharing a database share them; :mod:`samverkan.cache`)
    CACHE_KEY_PREFIX = None
    #: seconds a web request waits for a lock, and runs a statement, on PostgreSQL before it
    #: answers 503 (0: no limit; the command line keeps the server's settings; :mod:`samverkan.timeouts`)
    DATABASE_LOCK_TIMEOUT = 5
    DATABASE_STATEMENT_TIMEOUT = 30
    #: Werkzeug's hash for passwords (scrypt N:r:p); the tests lower the cost, production keeps this
    PASSWORD_HASH_METHOD = "scrypt:32768:8:1"
    #: where Alembic's revisions live: inside the package (in a checkout a symlink to the top-level
    #: ``migrations/``; in a wheel the files themselves)
    MIGRATIONS_DIR = str(Path(__file__).resolve().parent / "migrations")


def load_config(app, overrides=None):
    """Fill ``app.config``; ``SAMVERKAN_DATABASE_URL`` becomes ``SQLALCHEMY_DATABASE_URI``."""
    app.config.from_object(DefaultConfig)
    app.config.from_prefixed_env("SAMVERKAN")
    if overrides:
        app.config.update(overrides)
    database_url = app.config.get("DATABASE_URL") or app.config.get("SQLALCHEMY_DATABASE_URI")
    if not database_url:
        database_url = "sqlite:///" + os.path.join(app.instance_path, "samverkan.sqlite")
    app.config["SQLALCHEMY_DATABASE_URI"] = normalise_database_url(database_url)
    app.config.setdefault("RATELIMIT_STORAGE_URI", app.config.get("REDIS_URL") or "memory://")
    if app.debug or app.testing:
        # plain http on localhost: a Secure cookie would never come back
        app.config["SESSION_COOKIE_SECURE"] = app.config["REMEMBER_COOKIE_SECURE"] = False
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _instance_secret_key(app.instance_path)
    _configure_hosts(app)


def _configure_hosts(app):
    """Check ``BASE_URL``; in production, serve only its host and the extra ``TRUSTED_HOSTS``.

    Flask answers a request for any other Host with 400. Development and tests accept any host.
    """
    config = app.config
    extra = config.get("TRUSTED_HOSTS")
    if isinstance(extra, str):
        extra = extra.replace(",", " ").split()
    base_url = config.get("BASE_URL")
    hosts = list(extra or [])
    if base_url:
        parts = urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
            raise ValueError(f"SAMVERKAN_BASE_URL must be an http(s) URL such as https://samverkan.example.se, "
                             f"not {base_url!r}")
        config["BASE_URL"] = base_url.rstrip("/")
        hosts.insert(0, parts.hostname)
    if app.debug or app.testing:
        config["TRUSTED_HOSTS"] = extra or None
        return
    config["TRUSTED_HOSTS"] = hosts or None
    if not base_url:
        app.logger.warning(
            "SAMVERKAN_BASE_URL is not set: e-mails with links (password reset) cannot be sent%s. "
            "Set it to the address of the site, e.g. https://samverkan.example.se.",
            "" if hosts else ", and requests for any host name are served",
        )


def normalise_database_url(url):
    """Point plain ``postgresql://`` URLs at psycopg 3, the driver Samverkan installs."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _instance_secret_key(instance_path):
    """A random key kept in the instance folder, so that a development setup needs no settings.

    Written to a temporary file and linked into place, so that several workers starting at once
    agree on one complete key. Production sets ``SAMVERKAN_SECRET_KEY`` instead.
    """
    os.makedirs(instance_path, exist_ok=True)
    path = os.path.join(instance_path, "secret_key")
    if not os.path.exists(path):
        tmp = f"{path}.{os.getpid()}"
        with open(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w") as f:
            f.write(secrets.token_hex(32))
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass
        finally:
            os.unlink(tmp)
    with open(path) as f:
        return f.read().strip()
