"""Fixtures: an app per test on SQLite and, when one answers, on PostgreSQL.

``SAMVERKAN_TEST_POSTGRES_URL`` names the PostgreSQL server (default: the local one, user
``postgres``); a throw-away database is created on it for the test session. Tests that use the
``app`` fixture run once per backend; the PostgreSQL run is skipped, saying why, when no server
answers.
"""
import os
import re
from contextlib import contextmanager
import shutil
import uuid

import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url

from browser import CHROMIUM, CHROMIUM_ARGS
from flask_migrate import stamp

from samverkan import create_app
from samverkan.config import normalise_database_url
from samverkan.extensions import db
from samverkan.plugins import get_plugin_manager
from samverkan.sync import sync_all

#: the public pages of the installed plugins' regions, all answering 200
PUBLIC_PAGES = [
    "/",
    "/regions/",
    "/regions/vastmanland/",
    "/regions/vasternorrland/",
    "/regions/skane/",
    "/regions/vastmanland/plan",
    "/regions/vastmanland/plan?open=O1&open=M1",
    "/regions/vasternorrland/plan",
    "/regions/vastmanland/plan/M1",
    "/regions/vasternorrland/plan/F3.2",
    "/themes/",
    "/themes/validation",
]

#: set by ``.ci/run``: a missing PostgreSQL or Chromium fails the run instead of skipping
REQUIRE_SERVICES = os.environ.get("SAMVERKAN_TEST_REQUIRE_SERVICES") == "1"
POSTGRES_URL = os.environ.get("SAMVERKAN_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")


def unavailable(reason):
    """Skip a test whose service is missing; in CI (``REQUIRE_SERVICES``) fail it instead."""
    if REQUIRE_SERVICES:
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, driven by Playwright, once for the whole session."""
    if not shutil.which(CHROMIUM):
        unavailable(f"Chromium not installed at {CHROMIUM} (Debian package 'chromium'; `.ci/run` installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def postgres_database():
    """A fresh PostgreSQL database for this test session, dropped at the end."""
    server_url = make_url(normalise_database_url(POSTGRES_URL))
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            name = f"samverkan_test_{uuid.uuid4().hex[:8]}"
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as error:  # no server, no permission: say so and skip
        admin.dispose()
        unavailable(f"PostgreSQL not reachable at {POSTGRES_URL}: {error.__class__.__name__}")
    yield server_url.set(database=name).render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'samverkan.sqlite'}"
    url = request.getfixturevalue("postgres_database")
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return url


def make_app(database_url, plugin_manager=None, **config):
    """An app for tests: CSRF on (as in production), schema created from the models.

    The database is stamped with the newest migration, as ``db upgrade`` leaves it
    (``test_migrations.py`` proves the migrations build this same schema).
    """
    settings = {"TESTING": True, "SECRET_KEY": "test", "DATABASE_URL": database_url, **config}
    app = create_app(settings, plugin_manager=plugin_manager)
    with app.app_context():
        db.create_all()
        stamp()
    return app


@contextmanager
def running_app(database_url, **config):
    """:func:`make_app`, closing the app's database connections afterwards."""
    app = make_app(database_url, **config)
    try:
        yield app
    finally:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


@pytest.fixture
def app_config():
    """Settings for the ``app`` fixture; a test module or test overrides this fixture."""
    return {}


@pytest.fixture
def app(database_url, app_config):
    with running_app(database_url, **app_config) as app:
        yield app


@pytest.fixture
def synced_app(app):
    """The app with the counties, the themes and the installed plugins in its database."""
    with app.app_context():
        sync_all(app.extensions["samverkan.plugins"])
    return app


@pytest.fixture
def client(synced_app):
    return synced_app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def pm():
    """A plugin manager with the installed plugins, fresh for each test."""
    return get_plugin_manager()


#: a password that passes the rules, used for every test account
PASSWORD = "rätt häst batteri häftklammer"

#: test accounts: key -> (e-mail, role, region slug). Regional roles exist in two regions, so
#: that every check can be tried by the right role of the other region.
ACCOUNTS = {
    "platform-admin": ("admin@samverkan.se", "platform-admin", None),
    "national-analyst": ("analyst@tillvaxtverket.se", "national-analyst", None),
    "region-admin": ("admin@regionvastmanland.se", "region-admin", "vastmanland"),
    "project-lead": ("lead@regionvastmanland.se", "project-lead", "vastmanland"),
    "member": ("member@regionvastmanland.se", "member", "vastmanland"),
    "other-region-admin": ("admin@rvn.se", "region-admin", "vasternorrland"),
    "other-project-lead": ("lead@rvn.se", "project-lead", "vasternorrland"),
    "other-member": ("member@rvn.se", "member", "vasternorrland"),
    "no-role": ("nobody@samverkan.se", None, None),
}


@pytest.fixture
def accounts(synced_app):
    """Creates :data:`ACCOUNTS` (all with :data:`PASSWORD`); returns key -> e-mail."""
    from samverkan.accounts import services
    from samverkan.regions.models import Region

    with synced_app.app_context():
        for email, role, region_slug in ACCOUNTS.values():
            person = services.find_person(email) or services.create_person(email, email.split("@")[0], PASSWORD)
            if role:
                region = db.session.execute(select(Region).filter_by(slug=region_slug)).scalar_one() if region_slug else None
                services.grant_role(person, role, region=region)
        db.session.commit()
    return {key: email for key, (email, _role, _region) in ACCOUNTS.items()}


def csrf_token(client, url="/"):
    """The CSRF token of the client's session, read from a page's meta tag."""
    page = client.get(url)
    return re.search(r'<meta name="csrf-token" content="([^"]+)"', page.text).group(1)


def login(client, email, password=PASSWORD, remember=False):
    """Log ``client`` in through the login form; returns the response (302 on success)."""
    data = {"email": email, "password": password, "csrf_token": csrf_token(client, "/login")}
    if remember:
        data["remember"] = "y"
    return client.post("/login", data=data)
