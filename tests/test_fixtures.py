"""The database fixtures keep their promise: every test starts from the same database, whatever
the test before it wrote or changed (conftest builds the levels once and copies or resets them)."""
import pytest
from sqlalchemy import create_engine, inspect, text

from conftest import ACCOUNTS, make_app
from samverkan.accounts import services
from samverkan.config import normalise_database_url
from samverkan.extensions import db


def contents(url):
    """Every table's columns and rows, in an order that does not depend on the database."""
    engine = create_engine(normalise_database_url(url))
    try:
        with engine.connect() as conn:
            tables = {}
            for table in inspect(conn).get_table_names():
                rows = conn.execute(text(f'SELECT * FROM "{table}"'))
                tables[table] = (tuple(rows.keys()), sorted(map(repr, rows)))
            return tables
    finally:
        engine.dispose()


def add_someone(url):
    """Writes as a test would (a person, audited); returns the new person's id."""
    app = make_app(url)
    try:
        with app.app_context():
            person = services.create_person("ny@regionvastmanland.se", "Ny Person", None)
            db.session.commit()
            return person.id
    finally:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_test_database_starts_as_built_whatever_the_test_before_did(request, backend):
    databases = request.getfixturevalue(f"{backend}_databases")
    url = databases.new("accounts")
    built = contents(url)
    assert len(built["people"][1]) == len(ACCOUNTS) and built["plan_nodes"][1] and built["audit_events"][1]
    new_id = add_someone(url)
    engine = create_engine(normalise_database_url(url))
    with engine.begin() as conn:  # and changes the schema
        conn.execute(text("ALTER TABLE regions ADD COLUMN forged VARCHAR(10)"))
    engine.dispose()
    databases.drop(url)

    url = databases.new("accounts")
    assert contents(url) == built
    assert add_someone(url) == new_id  # the ids count from where they stood, too
    databases.drop(url)


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_test_without_the_app_gets_an_empty_database(request, backend):
    databases = request.getfixturevalue(f"{backend}_databases")
    url = databases.new(None)
    engine = create_engine(normalise_database_url(url))
    with engine.connect() as conn:
        assert inspect(conn).get_table_names() == []
    engine.dispose()
    databases.drop(url)


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_rows_written_without_a_schema_change_are_put_back_whichever_level_comes_next(request, backend):
    """PostgreSQL refills only the tables a test wrote to: through the ORM, by plain SQL, by an
    insert rolled back (its sequence moved all the same), and across a change of level."""
    databases = request.getfixturevalue(f"{backend}_databases")
    built = {}
    for level in ("synced", "accounts"):
        built[level] = contents(url := databases.new(level))
        databases.drop(url)

    url = databases.new("accounts")
    new_id = add_someone(url)
    engine = create_engine(normalise_database_url(url))
    with engine.begin() as conn:
        conn.execute(text("UPDATE regions SET name = 'Fel' WHERE slug = 'vastmanland'"))
    with engine.connect() as conn:
        conn.execute(text("INSERT INTO people (email, name, session_version, active, created_at) "
                          "VALUES ('bort@example.se', 'Bort', 0, true, CURRENT_TIMESTAMP)"))
        conn.rollback()
    engine.dispose()
    databases.drop(url)

    for level in ("synced", "accounts", "accounts"):
        url = databases.new(level)
        assert contents(url) == built[level], level
        databases.drop(url)
    url = databases.new("accounts")
    assert add_someone(url) == new_id
    databases.drop(url)
