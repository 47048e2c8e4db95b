"""Fixtures: an app per test on SQLite and, when one answers, on PostgreSQL.

``SAMVERKAN_TEST_POSTGRES_URL`` names the PostgreSQL server (default: the local one, user
``postgres``); throw-away databases are created on it for the test session. Tests that use the
``app`` fixture run once per backend; the PostgreSQL run is skipped, saying why, when no server
answers.

Every test gets a database of its own. The schema, the synced plans and the test accounts are
built once per session and backend, as templates, and each test starts from a copy of what its
fixtures ask for (a file copy on SQLite, ``CREATE DATABASE … TEMPLATE`` on PostgreSQL): the same
database as building it per test, in a fraction of the time.
"""
import asyncio
import os
import re
from contextlib import contextmanager
import shutil
import socket
import tempfile
import threading
import uuid
from pathlib import Path

import flask
import pytest
from jinja2 import BytecodeCache
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url

from flask_migrate import stamp

from samverkan import create_app
from samverkan.config import normalise_database_url
from samverkan.demo import load_demo
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
    "/regions/vasternorrland/assessments",
    "/regions/vasternorrland/priorities",
    "/regions/vastmanland/gaps",
    "/themes/",
    "/themes/validation",
    "/actors/",
    "/networks/",
    "/forum-models/",
    "/regions/vastmanland/indicators",
    "/regions/vastmanland/indicators/rus-17",
    "/regions/vasternorrland/report/2024",
    "/regions/vastmanland/surveys",
    "/regions/vastmanland/needs",
    "/needs",
]

#: the interface's languages, as a browser asks for them
LOCALES = ["sv-SE", "en-GB"]

#: set by ``.ci/run``: a missing PostgreSQL or Chromium fails the run instead of skipping
REQUIRE_SERVICES = os.environ.get("SAMVERKAN_TEST_REQUIRE_SERVICES") == "1"
POSTGRES_URL = os.environ.get("SAMVERKAN_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
#: every test app's settings: production's scrypt at a 32nd of its cost, since the tests hash and
#: check passwords thousands of times (the format, and ``check_password_hash``, stay the same)
TEST_SETTINGS = {"TESTING": True, "SECRET_KEY": "test", "PASSWORD_HASH_METHOD": "scrypt:1024:8:1"}


def unavailable(reason):
    """Skip a test whose service is missing; in CI (``REQUIRE_SERVICES``) fail it instead."""
    if REQUIRE_SERVICES:
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, driven by Playwright, once for the whole session."""
    from browser import CHROMIUM, CHROMIUM_ARGS  # (browser.py imports this module)

    if not shutil.which(CHROMIUM):
        unavailable(f"Chromium not installed at {CHROMIUM} (Debian package 'chromium'; `.ci/run` installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def open_page(browser):
    """Opens a page in a fresh browser context (Playwright's ``new_context`` options besides the
    locale, e.g. ``storage_state``) that records what goes wrong on it (``browser.problems`` reads
    it)."""
    from browser import watched

    contexts = []

    def open_page(locale="sv-SE", **context_options):
        context = browser.new_context(locale=locale, **context_options)
        contexts.append(context)
        return watched(context.new_page(), locale)

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture(scope="module")
def kept_pages(browser):
    """The module's :class:`browser.KeptPages`: a page per site and language, kept from one check
    of a page to the next; closed with the module, whose site they are signed in to."""
    from browser import KeptPages

    pages = KeptPages(browser)
    yield pages
    pages.close()


@pytest.fixture(scope="session")
def every_page(sqlite_databases):
    """Every page type the app serves, as each kind of reader in both languages
    (:func:`page_world.read_every_page`): read once per worker for the checks that hold every page
    to a rule."""
    from page_world import read_every_page  # (page_world imports this module)

    return read_every_page(sqlite_databases)


@pytest.fixture(params=LOCALES)
def page(request, open_page):
    """A page of ``open_page`` in Swedish, and in the test's second run in English."""
    return open_page(request.param)


#: what a test's database can hold when the test starts; each level is the one before plus more
LEVELS = ("schema", "synced", "accounts", "demo")
#: the level a test's database was prepared at, by its URL (absent: an empty database)
_LEVEL_OF = {}


def wanted_level(request):
    """What the test's fixtures (or its ``database`` mark) will put into its database, so that it
    can start with it."""
    mark = request.node.get_closest_marker("database")
    if mark:
        return mark.args[0]
    for level, fixture in (("demo", "demo_app"), ("accounts", "accounts"), ("synced", "synced_app"),
                           ("schema", "app")):
        if fixture in request.fixturenames:
            return level
    return None


def holds(app, level):
    """Whether the app's database was prepared at ``level`` or above."""
    prepared = _LEVEL_OF.get(app.config["DATABASE_URL"])
    return prepared is not None and LEVELS.index(prepared) >= LEVELS.index(level)


def _fill(url, level):
    """Adds what ``level`` holds to the database at ``url``, which holds the level below."""
    with running_app(url) as app, app.app_context():
        if level == "synced":
            sync_all(app.extensions["samverkan.plugins"])
        elif level == "accounts":
            create_accounts()
            db.session.commit()
        elif level == "demo":
            load_demo()
            db.session.commit()


class SQLiteDatabases:
    """A file per test: empty, or a copy of a template file built once per session."""

    def __init__(self, folder):
        self.folder = folder
        self._templates = {}

    def template(self, level):
        if level not in self._templates:
            below = LEVELS[LEVELS.index(level) - 1] if level != LEVELS[0] else None
            path = self.folder / f"template_{level}.sqlite"
            if below:
                shutil.copyfile(self.template(below), path)
            _fill(f"sqlite:///{path}", level)
            self._templates[level] = path
        return self._templates[level]

    def new(self, level):
        """A copy of the level's template, always at the same path, so that the app over it can
        be reused (see :func:`app`); an empty database is a new file."""
        path = self.folder / ("work.sqlite" if level else f"{uuid.uuid4().hex[:12]}.sqlite")
        if level:
            self._unlink(path)  # a new file: nothing still open on the last one reads this one
            shutil.copyfile(self.template(level), path)
        url = f"sqlite:///{path}"
        _LEVEL_OF[url] = level
        return url

    def drop(self, url):
        _LEVEL_OF.pop(url, None)
        self._unlink(Path(make_url(url).database))

    @staticmethod
    def _unlink(path):
        for name in (path, path.with_name(path.name + "-journal")):
            name.unlink(missing_ok=True)


#: PostgreSQL's catalogue of the public schema, as one checksum: a test that changed the schema
#: (a table, a column, a trigger, its enabled state, a function…) changes it
SCHEMA_CHECKSUM = """
SELECT md5(string_agg(item, E'\\n' ORDER BY item)) FROM (
  SELECT 'n ' || nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema'
  UNION ALL SELECT format('c %s %s %s %s', c.relname, c.relkind, c.relpersistence, c.relrowsecurity)
    FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace
  UNION ALL SELECT format('a %s %s %s %s %s %s', a.attrelid::regclass, a.attname, format_type(a.atttypid, a.atttypmod),
                         a.attnotnull, a.attisdropped, pg_get_expr(d.adbin, d.adrelid))
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
    LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
    WHERE c.relnamespace = 'public'::regnamespace AND a.attnum > 0
  UNION ALL SELECT format('t %s %s', t.tgenabled, pg_get_triggerdef(t.oid))
    FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE c.relnamespace = 'public'::regnamespace
  UNION ALL SELECT format('k %s %s %s', conrelid::regclass, conname, pg_get_constraintdef(oid))
    FROM pg_constraint WHERE connamespace = 'public'::regnamespace
  UNION ALL SELECT 'i ' || pg_get_indexdef(i.indexrelid)
    FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid WHERE c.relnamespace = 'public'::regnamespace
  UNION ALL SELECT format('f %s %s', p.oid::regprocedure, md5(p.prosrc))
    FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace
) AS catalogue(item)
"""


class PostgresDatabases:
    """One database for the tests that start with a schema, reset to the test's level before
    each: other connections are ended, the rows of every table the last test wrote to are replaced
    by the level's rows (kept from when the levels were built, once per session) and the sequences
    are set back. Refilling a few tables takes milliseconds where ``CREATE DATABASE`` takes up to a
    second on a busy machine, and a test that only read costs next to nothing.

    Which tables were written is recorded by the database itself: a statement trigger on every
    table notes its name in :data:`CHANGES` (in a schema of its own, outside the app's), and an
    event trigger notes any DDL; a test that ran DDL is checked against :data:`SCHEMA_CHECKSUM`, and
    if the schema changed the database is made anew. A test that wants an empty database gets a
    new one."""

    def __init__(self, admin):
        self.admin = admin
        self.prefix = f"samverkan_test_{uuid.uuid4().hex[:8]}"
        self.schema_template = self.work = self.conn = None
        self.level = None  # the level the work database holds now (None: unknown)
        self.levels = {}  # level -> {table: rows in COPY format}
        self.sequences = {}  # level -> "SELECT setval(…), …" putting every sequence back

    def url(self, name):
        return make_url(normalise_database_url(POSTGRES_URL)).set(database=name).render_as_string(hide_password=False)

    def create(self, name, template=None):
        """A database for this session. Its commits do not wait for the disk
        (``synchronous_commit``): nothing in a throw-away database needs to survive a crash, and
        waiting on the disk was most of a short test's time."""
        self.admin.execute(text(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else "")))
        self.admin.execute(text(f'ALTER DATABASE "{name}" SET synchronous_commit = off'))
        return name

    def new(self, level):
        if level is None:
            url = self.url(self.create(f"{self.prefix}_{uuid.uuid4().hex[:12]}"))
        else:
            self._build(level)
            self._reset(level)
            url = self.url(self.work)
        _LEVEL_OF[url] = level
        return url

    def drop(self, url):
        _LEVEL_OF.pop(url, None)
        name = make_url(url).database
        if name != self.work:
            self.admin.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))

    def drop_all(self):
        if self.conn is not None:
            self.conn.close()
        if self.work:
            close_kept_connections(self.url(self.work))
        for name in (self.work, self.schema_template):
            if name:
                self.admin.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))

    def _build(self, level):
        """Builds ``level`` in the work database the first time a test asks for it (the schema as a
        template database first): the level below it, then what ``level`` adds, kept as rows."""
        if level in self.levels:
            return
        if level == LEVELS[0]:
            self.schema_template = self.create(f"{self.prefix}_schema")
            with running_app(self.url(self.schema_template)):
                pass
            self._connect_work()
            self.checksum = self._checksum()
        else:
            below = LEVELS[LEVELS.index(level) - 1]
            self._build(below)
            self._reset(below)
            _fill(self.url(self.work), level)
        self.levels[level], self.sequences[level] = self._dump()
        self.conn.execute(f"DELETE FROM {CHANGES}")  # the work database holds the level as kept
        self.conn.commit()
        self.level = level

    def _connect_work(self):
        import psycopg

        self.work = self.create(f"{self.prefix}_work", template=self.schema_template)
        _KEPT_CONNECTIONS.setdefault(self.url(self.work), {})
        libpq_url = make_url(self.url(self.work)).set(drivername="postgresql")
        self.conn = psycopg.connect(libpq_url.render_as_string(hide_password=False))
        # parents before children (the order rows are copied in)
        order = {table.name: i for i, table in enumerate(db.metadata.sorted_tables)}
        self.tables = sorted((name for (name,) in self.conn.execute(
            "SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r'")),
            key=lambda table: order.get(table, -1))
        self.conn.execute(RECORD_CHANGES)
        for table in self.tables:
            self.conn.execute(f'CREATE TRIGGER zz_test_changes AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE '
                              f'ON "{table}" FOR EACH STATEMENT EXECUTE FUNCTION {CHANGES}_note()')
        self.conn.execute(RECORD_DDL)
        self.conn.execute(f"DELETE FROM {CHANGES}")
        self.conn.commit()
        self.level = None

    def _checksum(self):
        return self.conn.execute(SCHEMA_CHECKSUM).fetchone()[0]

    def _dump(self):
        rows = {}
        with self.conn.cursor() as cursor:
            for table in self.tables:
                with cursor.copy(f'COPY "{table}" TO STDOUT') as copy:
                    rows[table] = b"".join(bytes(block) for block in copy)
            sequences = cursor.execute(
                "SELECT oid::regclass::text FROM pg_class "
                "WHERE relnamespace = 'public'::regnamespace AND relkind = 'S'").fetchall()
            values = [(name, *cursor.execute(f"SELECT last_value, is_called FROM {name}").fetchone())
                      for (name,) in sequences]
        setval = "SELECT " + (", ".join(f"setval('{name}', {last}, {called})" for name, last, called in values) or "1")
        return rows, setval

    def _reset(self, level):
        conn = self.conn
        # an idle connection holds no lock and sees the rows put back: the apps keep theirs (see
        # :func:`release_connections`); one still in a transaction or a query ends here
        ended = conn.execute("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = "
                             "current_database() AND pid <> pg_backend_pid() AND state <> 'idle'").fetchone()[0]
        with conn.transaction():
            changed = {name for (name,) in conn.execute(f"DELETE FROM {CHANGES} RETURNING name")}
        anew = SCHEMA_CHANGED in changed and self._checksum() != self.checksum  # start anew
        if ended or anew:
            close_kept_connections(self.url(self.work))
        if anew:
            conn.close()
            self.admin.execute(text(f'DROP DATABASE "{self.work}" WITH (FORCE)'))
            self._connect_work()
            conn = self.conn
        if self.level is None:
            tables = self.tables
        else:
            before, after = self.levels[self.level], self.levels[level]
            tables = [t for t in self.tables if t in changed or before[t] != after[t]]
        with conn.transaction(), conn.cursor() as cursor:
            # no trigger fires in this transaction: not the foreign keys (tables are refilled one by
            # one), not the audit log's refusal to delete, not the change notes
            cursor.execute("SET LOCAL session_replication_role = replica")
            for table in tables:
                cursor.execute(f'DELETE FROM "{table}"')
                if self.levels[level][table]:
                    with cursor.copy(f'COPY "{table}" FROM STDIN') as copy:
                        copy.write(self.levels[level][table])
            # always: a rolled-back insert moved a sequence and left no note
            cursor.execute(self.sequences[level])
        conn.commit()
        self.level = level


#: PostgreSQL work database URL -> the engines keeping connections to it from one test to the next,
#: the one released last at the end
_KEPT_CONNECTIONS = {}
#: how many engines keep theirs (a worker's apps over the work database, with other settings, are
#: a dozen; the server takes a hundred connections from every worker together)
KEPT_ENGINES = 4


def release_connections(app):
    """The end of a test's use of ``app``'s database connections: closed, but kept for the next
    test over PostgreSQL's work database, which :meth:`PostgresDatabases._reset` puts back under
    them (it closes them when it cannot). A new connection costs the server a process and the
    catalogue caches it fills again: that was a third of the server's time in the suite."""
    with app.app_context():
        db.session.remove()
        kept = _KEPT_CONNECTIONS.get(app.config["DATABASE_URL"])
        if kept is None:
            db.engine.dispose()
            return
        kept.pop(db.engine, None)
        kept[db.engine] = True
    while len(kept) > KEPT_ENGINES:
        oldest = next(iter(kept))
        del kept[oldest]
        oldest.dispose()


def close_kept_connections(url):
    """Closes what :func:`release_connections` kept over ``url`` (the engines open new ones when next used)."""
    for engine in _KEPT_CONNECTIONS.get(url, {}):
        engine.dispose()


#: where each test's writes are noted on PostgreSQL (see :class:`PostgresDatabases`)
CHANGES = "test_changes.tables"
#: the note of a DDL statement
SCHEMA_CHANGED = "(schema)"
RECORD_CHANGES = f"""
CREATE SCHEMA test_changes;
CREATE UNLOGGED TABLE {CHANGES} (name text PRIMARY KEY);
CREATE FUNCTION {CHANGES}_note() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO {CHANGES} VALUES (TG_TABLE_NAME) ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
"""
RECORD_DDL = f"""
CREATE FUNCTION {CHANGES}_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO {CHANGES} VALUES ('{SCHEMA_CHANGED}') ON CONFLICT DO NOTHING;
END $$;
CREATE EVENT TRIGGER test_changes_ddl ON ddl_command_end EXECUTE FUNCTION {CHANGES}_ddl();
CREATE EVENT TRIGGER test_changes_drop ON sql_drop EXECUTE FUNCTION {CHANGES}_ddl();
"""


#: where the SQLite test databases go: a memory file system where there is one, since a commit
#: there does not wait for a disk (nothing in them needs to survive a crash)
MEMORY_FOLDER = Path("/dev/shm")


@pytest.fixture(scope="session")
def sqlite_databases(tmp_path_factory):
    if MEMORY_FOLDER.is_dir() and os.access(MEMORY_FOLDER, os.W_OK):
        folder = Path(tempfile.mkdtemp(prefix="samverkan-test-", dir=MEMORY_FOLDER))
        yield SQLiteDatabases(folder)
        shutil.rmtree(folder, ignore_errors=True)
    else:
        yield SQLiteDatabases(tmp_path_factory.mktemp("databases"))


@pytest.fixture(scope="session")
def postgresql_databases():
    """This session's databases on the PostgreSQL server, dropped at the end."""
    admin = create_engine(make_url(normalise_database_url(POSTGRES_URL)), isolation_level="AUTOCOMMIT")
    try:
        conn = admin.connect()
    except Exception as error:  # no server, no permission: say so and skip
        admin.dispose()
        unavailable(f"PostgreSQL not reachable at {POSTGRES_URL}: {error.__class__.__name__}")
    databases = PostgresDatabases(conn)
    yield databases
    databases.drop_all()
    conn.close()
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request):
    """A database of the test's own. Empty, unless the test uses ``app``, ``synced_app`` or
    ``accounts``: then it starts with what those fixtures would have built."""
    databases = request.getfixturevalue(f"{request.param}_databases")
    url = databases.new(wanted_level(request))
    yield url
    databases.drop(url)


class SharedBytecodeCache(BytecodeCache):
    """Compiled templates kept for the whole session: every test builds an app of its own, and
    compiling the same templates again for each was a third of the authorization matrix's time.
    Keyed by Jinja on the template's name and source, so a changed template is compiled anew."""

    def __init__(self):
        self.compiled = {}

    def load_bytecode(self, bucket):
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket):
        self.compiled[bucket.key] = bucket.bytecode_to_string()


TEMPLATE_CACHE = SharedBytecodeCache()


def make_app(database_url, plugin_manager=None, **config):
    """An app for tests: CSRF on (as in production), passwords hashed by scrypt at a low cost,
    compiled templates shared between apps, and the schema created from the models unless the
    database is a copy that has it.

    The database is stamped with the newest migration, as ``db upgrade`` leaves it
    (``test_migrations.py`` proves the migrations build this same schema).
    """
    settings = {**TEST_SETTINGS, "DATABASE_URL": database_url, **config}
    app = create_app(settings, plugin_manager=plugin_manager)
    app.jinja_env.bytecode_cache = TEMPLATE_CACHE
    if not holds(app, "schema"):
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


class ReusedApp:
    """An app lent to one test after another over the same database URL, which ``database_url``
    resets under it: building an app compiles its URL map, and that cost more than most tests.

    Between tests it is put back as it was built: its connections closed, its settings restored, what
    it kept in ``app.extensions`` since (caches, the outbox) dropped, and the rate limiter pointed at
    its own storage again, emptied (a Flask-Limiter instance keeps the settings of the app it was
    last initialised for, and other tests build apps of their own).
    """

    def __init__(self, app):
        from samverkan.extensions import limiter

        self.app = app
        self.config = dict(app.config)
        self.extensions = set(app.extensions)
        self.limiter = limiter
        self.limiter_state = dict(vars(limiter))
        self.rules = len(list(app.url_map.iter_rules()))

    @contextmanager
    def lent(self):
        vars(self.limiter).update(self.limiter_state)
        if self.limiter.enabled:
            self.limiter.reset()
        try:
            yield self.app
        finally:
            app = self.app
            release_connections(app)
            app.config.clear()
            app.config.update(self.config)
            for name in set(app.extensions) - self.extensions:
                del app.extensions[name]
            assert len(list(app.url_map.iter_rules())) == self.rules, \
                "the test added routes to the session's app: mark it own_app"


#: (database URL, settings) -> the :class:`ReusedApp` of the tests that ask for them
_REUSED_APPS = {}


@pytest.fixture
def app(request, database_url, app_config):
    """The app over the test's database: one per backend and settings for the whole session, unless
    the test is marked ``own_app`` (it changes the app itself: routes, hooks)."""
    if request.node.get_closest_marker("own_app"):
        with running_app(database_url, **app_config) as app:
            yield app
        return
    key = (database_url, repr(sorted(app_config.items())))
    if key not in _REUSED_APPS:
        _REUSED_APPS[key] = ReusedApp(make_app(database_url, **app_config))
    with _REUSED_APPS[key].lent() as app:
        yield app


@pytest.fixture
def synced_app(app):
    """The app with the counties, the themes and the installed plugins in its database."""
    if not holds(app, "synced"):
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


def create_accounts():
    """Creates :data:`ACCOUNTS`, all with :data:`PASSWORD`, in the app's database (not committed)."""
    from samverkan.accounts import services
    from samverkan.regions.models import Region

    for email, role, region_slug in ACCOUNTS.values():
        person = services.find_person(email) or services.create_person(email, email.split("@")[0], PASSWORD)
        if role:
            region = db.session.execute(select(Region).filter_by(slug=region_slug)).scalar_one() if region_slug else None
            services.grant_role(person, role, region=region)


@pytest.fixture
def demo_app(synced_app, accounts):
    """The app with the test accounts and ``samverkan demo load``'s data in its database."""
    if not holds(synced_app, "demo"):
        with synced_app.app_context():
            load_demo()
            db.session.commit()
    return synced_app


@pytest.fixture
def accounts(synced_app):
    """:data:`ACCOUNTS` in the database (all with :data:`PASSWORD`); returns key -> e-mail."""
    if not holds(synced_app, "accounts"):
        with synced_app.app_context():
            create_accounts()
            db.session.commit()
    return {key: email for key, (email, _role, _region) in ACCOUNTS.items()}


def in_language(client, lang):
    """``client`` with ``lang`` chosen, as the language switch in the header chooses it (the
    session's): a first visit is in Swedish whatever the browser asks for."""
    with client.session_transaction() as session:
        session["lang"] = lang
    return client


@contextmanager
def request_in(app, lang, **values):
    """A test request context of ``app`` in ``lang`` (chosen in its session)."""
    with app.test_request_context(**values):
        flask.session["lang"] = lang
        yield


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


class SmtpInbox:
    """What the SMTP server of :func:`smtp_server` received (``messages``, aiosmtpd's envelopes;
    ``received`` is set at the first). With ``stall_first``, the first message stalls, unanswered,
    until ``release`` is set (``stalling`` says it does), and is then refused for now (451)."""

    def __init__(self):
        self.stall_first = False
        self.attempts = 0
        self.messages = []
        self.received = threading.Event()
        self.stalling = threading.Event()
        self.release = threading.Event()

    async def handle_DATA(self, server, session, envelope):
        self.attempts += 1
        if self.stall_first and self.attempts == 1:
            self.stalling.set()
            await asyncio.get_running_loop().run_in_executor(None, self.release.wait, 60)
            return "451 Try again later"
        self.messages.append(envelope)
        self.received.set()
        return "250 OK"


@pytest.fixture
def smtp_server():
    """An SMTP server on a loopback port: ``(port, inbox)``, the inbox a :class:`SmtpInbox`."""
    from aiosmtpd.controller import Controller

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    inbox = SmtpInbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield port, inbox
    inbox.release.set()
    controller.stop()
