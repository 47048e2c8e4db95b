"""One cache layer: what a worker keeps of a read (and what workers share through Redis) is kept
under **generations** that writes bump after they commit.

A feature declares each cached read once, naming the tables it reads::

    LISTS = cache.declare("initiative-lists", reads={"initiatives", "initiative_regions", ...})
    pages = LISTS.kept(2000)            # this worker's dict for the current generation

One listener (:func:`_collect`, SQLAlchemy's ``after_execute``) sees every ``INSERT``, ``UPDATE``
and ``DELETE``, whether an ORM flush or a Core statement issued it, and notes the tables written
on the connection; when the session commits, every generation that reads one of them is bumped,
in a short transaction of its own (or in Redis), after the commit: a rolled-back write bumps
nothing, and no shared row is locked inside a transaction, so writers never queue behind each
other. A write on a connection outside a session calls :func:`renew_committed` after its commit,
and one in text SQL :func:`renew_tables`; ``samverkan cache renew [NAME]`` renews by hand.

A generation declared ``regional={table: column}`` is bumped per region when every row written
to such a table names its region in that column (an insert, or an update that sets it), and
whole otherwise; a read for one region (``kept(limit, region=id)``) then survives a write in
another region. Reads of all regions see every regional bump. A table whose rows name no region
(an initiative's links: its regions are its lead's and partners') is declared ``SCOPED``: its
writes are regional when the service that makes them says whose figures they change
(:func:`regions_written`), and whole otherwise.

Generations live in Redis (a hash, ``HINCRBY``) when ``SAMVERKAN_REDIS_URL`` is set, so app
servers sharing it agree at once; otherwise in the table ``cache_generations``, which every
worker of a database reads (one small statement a request). Keys carry the package's version: a
deploy that changes how a figure is computed never serves the figures of the release before.
Values shared through Redis are JSON, never pickles: whoever can write to Redis must not be able
to run code in the app.
"""
import json
import logging
import secrets
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import metadata

from flask import current_app, g, has_app_context
from sqlalchemy import BigInteger, Column, Delete, Insert, String, Update, event, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session
from sqlalchemy.pool import Pool

from .extensions import db

log = logging.getLogger("samverkan.cache")

#: the package's version, part of every key
VERSION = metadata.version("samverkan")
#: seconds an entry shared through Redis lives (a generation no one asks for any more is gone by then)
EXPIRY = 24 * 60 * 60
#: seconds Redis is left alone after it failed, and waited for before computing without it
RETRY_AFTER, TIMEOUT = 30, 0.5

_STORE, _LOCAL = "samverkan.cache", "samverkan.cache.kept"
#: on a connection's ``info``: tables written in the open transaction, and written and committed
_PENDING, _COMMITTED = "samverkan.cache.pending", "samverkan.cache.committed"
#: on a session's ``info``: the ``info`` of the connections its transaction used
_CONNECTIONS = "samverkan.cache.connections"
#: a table written whose rows did not all name their region
_ANY = None
#: ``regional={table: SCOPED}``: the table's rows are of the regions a service names, not a column's
SCOPED = object()
#: on a connection's ``info``: the regions the writes flushed now are of (:func:`regions_written`)
_SCOPE = "samverkan.cache.scope"

#: the generations (without Redis); no generation reads it, so no write to it is collected
generations_table = db.Table(
    "cache_generations",
    Column("name", String(100), primary_key=True),
    Column("value", BigInteger, nullable=False),
)

_declared = {}
#: every table some generation reads: only writes to these are collected
_watched = set()


@dataclass(frozen=True)
class Generation:
    """A named generation and the tables the reads kept under it read."""

    name: str
    reads: frozenset
    #: table -> the column naming the region of its rows
    regional: dict = field(default_factory=dict)

    def key(self, region=None):
        """What is kept under this generation now: the package version and the generation's
        values (with the region's, or any region's, when it is regional)."""
        values = generations()
        parts = (VERSION, self.name, values.get(self.name, 0))
        if self.regional:
            parts += (values.get(_regional_name(self.name, "any" if region is None else region), 0),)
        return parts

    def kept(self, limit, region=None, extra=(), part=None):
        """This worker's dict for the current generation (of ``region``, when given; ``extra``
        adds to the key, e.g. today's date): emptied when the generation moves on, and when it
        holds more than ``limit`` entries (what clients ask for stays bounded). ``part`` names
        another dict under the same generation (e.g. rendered pages beside the figures)."""
        store = current_app.extensions.setdefault(_LOCAL, {})
        key = (*self.key(region), *extra)
        cached = store.get((self.name, part, region))
        if cached is None or cached[0] != key:
            cached = store[self.name, part, region] = (key, {})
        if len(cached[1]) > limit:
            cached[1].clear()
        return cached[1]

    def shared(self, key, region=None, extra=()):
        """The JSON value another worker (or app server) shared under ``key`` and the current
        generation (of ``region``, when given), or None (always, without Redis)."""
        redis = current_app.extensions[_STORE].redis
        raw = None if redis is None else redis.call("get", self._shared_key(key, region, extra))
        return None if raw is None else json.loads(raw)

    def share(self, key, value, region=None, extra=()):
        """Share the JSON value ``value`` through Redis, where it is configured."""
        redis = current_app.extensions[_STORE].redis
        if redis is not None:
            redis.call("set", self._shared_key(key, region, extra), json.dumps(value, separators=(",", ":")),
                       ex=EXPIRY)

    def _shared_key(self, key, region, extra):
        return _redis_key(current_app, "value", *self.key(region), *extra, region, key)


def declare(name, reads, regional=None):
    """Declare a generation ``name`` for reads of the tables ``reads`` (names; ``regional``:
    {table: region column} for those whose rows name their region, or :data:`SCOPED`)."""
    if name in _declared:
        raise ValueError(f"the cache generation {name!r} is declared twice")
    generation = Generation(name, frozenset(reads), dict(regional or {}))
    unknown = set(generation.regional) - generation.reads
    if unknown:
        raise ValueError(f"{name}: regional tables {sorted(unknown)} are not among the tables it reads")
    _declared[name] = generation
    _watched.update(generation.reads)
    return generation


def declared():
    """name -> :class:`Generation`, every one declared."""
    return dict(_declared)


def generations():
    """name -> value of every generation now, read once per request (one small statement, or one
    Redis command) and read anew after a commit in this app context."""
    found = g.get("samverkan_generations") if has_app_context() else None
    if found is None:
        found = current_app.extensions[_STORE].read()
        g.samverkan_generations = found
    return found


@contextmanager
def regions_written(region_ids):
    """Say that what the block changes in the session is of rows counted in ``region_ids`` only
    (the set it yields, which the block may add to: an edit's regions after it), so that the
    generations that declare their tables :data:`SCOPED` are bumped for these regions alone.
    What was pending before is flushed first, as it is; nothing flushes inside (no autoflush),
    and the block's changes are flushed at its end, in the scope (a statement the block executes
    itself is not in it: it bumps as it would anyway)."""
    session = db.session
    session.flush()
    regions = set(region_ids)
    with session.no_autoflush:
        yield regions
    info = session.connection().info
    info[_SCOPE] = frozenset(regions)
    try:
        session.flush()
    finally:
        info.pop(_SCOPE, None)


def renew(*names):
    """Bump the generations ``names`` (all, when none is named), whole: a fix by hand, or after a
    write the listener cannot see. Unknown names raise ``KeyError``."""
    for name in names:
        if name not in _declared:
            raise KeyError(name)
    _bump({_regional_name(name) for name in names or _declared})


def renew_tables(*tables):
    """Bump what reads ``tables`` (names): after a write in text SQL, once it is committed."""
    _bump(_affected({table: _ANY for table in tables}))


def renew_committed(connection):
    """Bump what the Core statements committed on ``connection`` wrote: for writes on a
    connection of their own, outside a session (the migrations), after their commit."""
    _bump(_affected(connection.info.pop(_COMMITTED, {})))


def _regional_name(name, region=_ANY):
    return name if region is _ANY else f"{name}@{region}"


def _affected(written):
    """The generation names a commit that wrote ``written`` ({table: region ids, or _ANY}) bumps."""
    names = set()
    for generation in _declared.values():
        touched = {table: regions for table, regions in written.items() if table in generation.reads}
        if not touched:
            continue
        if all(table in generation.regional and regions is not _ANY for table, regions in touched.items()):
            regions = set().union(*touched.values())
            names.update(_regional_name(generation.name, region) for region in regions)
            names.add(_regional_name(generation.name, "any"))
        else:
            names.add(generation.name)
    return names


def _bump(names):
    if not names:
        return
    try:
        current_app.extensions[_STORE].bump(sorted(names))
    except Exception:  # the write is committed; a cache that cannot be told must not undo the answer
        log.exception("could not bump the cache generations %s; `samverkan cache renew` renews them", names)
    if has_app_context():
        g.pop("samverkan_generations", None)


# -- where the generations live -----------------------------------------------------------------

class TableStore:
    """Generations in ``cache_generations``: read on the request's session (so a read and the data
    it keeps share the transaction's view), bumped in a short transaction of their own."""

    redis = None

    def read(self):
        return dict(db.session.execute(select(generations_table.c.name, generations_table.c.value)).all())

    def bump(self, names):
        """One statement, in a transaction of its own; names in order, so that two bumps at once
        lock their rows in the same order. Each gets a random new value, not the next number: a
        database restored or rebuilt under running workers never brings back a value they keep
        something under."""
        table = generations_table
        with db.engine.begin() as connection:
            statement = _insert_of(connection)(table).values(
                [{"name": name, "value": secrets.randbits(62)} for name in names])
            connection.execute(statement.on_conflict_do_update(index_elements=[table.c.name],
                                                               set_={"value": statement.excluded.value}))


def _insert_of(connection):
    if connection.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert


class RedisStore:
    """Generations in a Redis hash shared by every app server. While Redis does not answer (and
    for :data:`RETRY_AFTER` s after), nothing is kept: each read computes; the first answer
    after that renews every generation, since a bump may have been lost meanwhile."""

    def __init__(self, app, url):
        import redis

        self.errors = redis.RedisError
        self.client = redis.Redis.from_url(url, socket_timeout=TIMEOUT, socket_connect_timeout=TIMEOUT)
        self.key = _redis_key(app, "generations")
        self.down_until, self.missed = 0.0, False
        self.redis = self

    def call(self, command, *args, **kwargs):
        """A Redis command's answer, or None while Redis does not answer."""
        if time.monotonic() < self.down_until:
            return None
        try:
            if self.missed:
                self.missed = False
                self._bump(sorted(_declared))
            return getattr(self.client, command)(*args, **kwargs)
        except self.errors:
            log.warning("Redis did not answer; computing in this worker for %d s", RETRY_AFTER, exc_info=True)
            self.down_until, self.missed = time.monotonic() + RETRY_AFTER, True
            return None

    def read(self):
        found = self.call("hgetall", self.key)
        if found is None:
            return _Unknown()
        return {name.decode(): int(value) for name, value in found.items()}

    def bump(self, names):
        if time.monotonic() < self.down_until:
            self.missed = True
            return
        try:
            self._bump(names)
        except self.errors:
            log.warning("Redis did not answer: the generations %s were not bumped", names, exc_info=True)
            self.down_until, self.missed = time.monotonic() + RETRY_AFTER, True

    def _bump(self, names):
        pipe = self.client.pipeline(transaction=False)
        for name in names:
            pipe.hincrby(self.key, name, 1)
        pipe.execute()


class _Unknown(dict):
    """Generations while they cannot be read: each a value never seen before, so nothing kept is
    used."""

    def get(self, name, default=None):
        return object()


def _redis_key(app, *parts):
    return ":".join(str(part) for part in (app.config["CACHE_KEY_PREFIX"], *parts))


def init_app(app):
    """The app's generation store; ``CACHE_KEY_PREFIX`` names its keys in Redis (by default the
    database's, so app servers sharing a database share them)."""
    url = app.config.get("REDIS_URL")
    if not app.config.get("CACHE_KEY_PREFIX"):
        database = app.config["SQLALCHEMY_DATABASE_URI"]
        app.config["CACHE_KEY_PREFIX"] = "samverkan:cache:" + database.rsplit("@", 1)[-1]
    app.extensions[_STORE] = RedisStore(app, url) if url else TableStore()


# -- the one listener ---------------------------------------------------------------------------

@event.listens_for(Engine, "after_execute")
def _collect(connection, statement, multiparams, params, execution_options, result):
    """Note the tables an ``INSERT``, ``UPDATE`` or ``DELETE`` wrote (ORM flushes issue them too),
    with the regions their rows name where they all do."""
    if not isinstance(statement, (Insert, Update, Delete)):
        return
    table = getattr(statement.table, "name", None)
    if table not in _watched:
        return
    pending = connection.info.setdefault(_PENDING, {})
    scope = connection.info.get(_SCOPE)
    rows = multiparams or ([params] if params else [])
    regions = set(scope) if scope else _regions(table, statement, rows)
    pending[table] = _merge(pending.get(table, set()), regions)


def _merge(before, regions):
    """Regions noted for a table so far, and more: _ANY once any write named none."""
    return _ANY if before is _ANY or regions is _ANY else before | regions


def _regions(table, statement, rows):
    """The region ids the rows of ``statement`` name in the table's region column, or _ANY."""
    columns = {generation.regional[table] for generation in _declared.values() if table in generation.regional}
    if len(columns) != 1 or SCOPED in columns or isinstance(statement, Delete):
        return _ANY
    column = columns.pop()
    values = statement._values or {}
    named = {key if isinstance(key, str) else getattr(key, "key", None): value for key, value in values.items()}
    if column in named and getattr(named[column], "value", None) is not None:
        return {named[column].value}
    found = set()
    for row in rows or []:
        if not isinstance(row, dict) or row.get(column) is None:
            return _ANY
        found.add(row[column])
    return found or _ANY


@event.listens_for(Engine, "commit")
def _committing(connection):
    """The transaction's writes, committed (SQLAlchemy says so just before the commit)."""
    pending = connection.info.pop(_PENDING, None)
    if pending:
        committed = connection.info.setdefault(_COMMITTED, {})
        for table, regions in pending.items():
            committed[table] = _merge(committed.get(table, set()), regions)


@event.listens_for(Engine, "rollback")
def _rolled_back(connection):
    connection.info.pop(_PENDING, None)


@event.listens_for(Pool, "reset")
def _returned(dbapi_connection, record, reset_state):
    """A connection given back to the pool uncommitted is rolled back: its writes never happened."""
    record.info.pop(_PENDING, None)


@event.listens_for(Session, "after_begin")
def _note_connection(session, transaction, connection):
    session.info.setdefault(_CONNECTIONS, []).append(connection.info)


@event.listens_for(Session, "after_commit")
def _bump_committed(session):
    """After the commit: bump every generation that reads what it wrote. (SQLAlchemy says a
    savepoint's release is a commit too: that is not one.)"""
    if session.in_nested_transaction():
        return
    written = {}
    for info in session.info.pop(_CONNECTIONS, []):
        for table, regions in info.pop(_COMMITTED, {}).items():
            written[table] = _merge(written.get(table, set()), regions)
    _bump(_affected(written))


@event.listens_for(Session, "after_rollback")
def _forget_connections(session):
    session.info.pop(_CONNECTIONS, None)
