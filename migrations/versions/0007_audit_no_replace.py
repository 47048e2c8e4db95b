"""audit log: refuse INSERT OR REPLACE of an existing event on SQLite

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-23 21:20:00

"""
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade():
    # the same statement as samverkan.audit.SQLITE_NO_REPLACE_TRIGGER (a migration keeps its own copy)
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "CREATE TRIGGER audit_events_no_replace BEFORE INSERT ON audit_events "
            "WHEN EXISTS (SELECT 1 FROM audit_events WHERE id = NEW.id) "
            "BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END"
        )


def downgrade():
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS audit_events_no_replace")
