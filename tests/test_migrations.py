"""The Alembic revisions build the schema the models describe, on SQLite and PostgreSQL."""
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from samverkan import create_app
from samverkan.extensions import db


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
                diff = compare_metadata(MigrationContext.configure(conn), db.metadata)
            assert diff == [], f"models and migrations differ; run `samverkan db migrate`: {diff}"
        # and the upgraded database takes a sync
        sync = runner.invoke(args=["plugins", "sync"])
        assert sync.exit_code == 0, sync.output
        assert "region: 21 created" in sync.output
    finally:
        with app.app_context():
            db.engine.dispose()
