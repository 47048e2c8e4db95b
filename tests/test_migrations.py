"""The Alembic revisions build the schema the models describe, on SQLite and PostgreSQL."""
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.exc import DBAPIError

from samverkan import create_app
from samverkan.extensions import db
from samverkan.search.schema import include_name


def test_db_upgrade_on_an_empty_database_matches_the_models(database_url):
    app = create_app({"DATABASE_URL": database_url, "SECRET_KEY": "test"})
    runner = app.test_cli_runner()
    try:
        result = runner.invoke(args=["db", "upgrade"])
        assert result.exit_code == 0, result.output
        with app.app_context():
            tables = set(inspect(db.engine).get_table_names())
            assert {"regions", "plans", "plan_nodes", "themes", "alembic_version"} <= tables
            with db.engine.connect() as conn:
                # the search index's full-text side is per database and outside the models
                context = MigrationContext.configure(conn, opts={"include_name": include_name})
                diff = compare_metadata(context, db.metadata)
            assert diff == [], f"models and migrations differ; run `samverkan db migrate`: {diff}"
        # and the upgraded database takes a sync
        sync = runner.invoke(args=["plugins", "sync"])
        assert sync.exit_code == 0, sync.output
        assert "region: 21 created" in sync.output
    finally:
        with app.app_context():
            db.engine.dispose()


def test_the_migrated_audit_log_refuses_changes(database_url):
    """The triggers come from the migrations too, not only from ``create_all``."""
    app = create_app({"DATABASE_URL": database_url, "SECRET_KEY": "test"})
    try:
        assert app.test_cli_runner().invoke(args=["db", "upgrade"]).exit_code == 0
        with app.app_context():
            db.session.execute(text("INSERT INTO audit_events (occurred_at, action, changes) "
                                    "VALUES (CURRENT_TIMESTAMP, 'test', '{}')"))
            db.session.commit()
            statements = ["UPDATE audit_events SET action = 'forged'", "DELETE FROM audit_events"]
            if db.engine.dialect.name == "postgresql":
                statements.append("TRUNCATE audit_events")
            for statement in statements:
                with pytest.raises(DBAPIError, match="append-only"):
                    db.session.execute(text(statement))
                db.session.rollback()
    finally:
        with app.app_context():
            db.engine.dispose()
