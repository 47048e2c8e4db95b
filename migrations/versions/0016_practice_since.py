"""initiatives.practice_since: the day an initiative was marked as a practice

The annual report counted a practice as shared on the day the audit log recorded it marked; it
now reads this column. Each current practice gets the (Swedish) day of the audit log's last
record of its marking (created as one, or changed into one), or, without one (written around
the ORM, e.g. by the benchmark's generator), the day it was created.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-07 14:30:00

"""
import json
from datetime import UTC
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from alembic import op

revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None

#: the zone the report's days are in (the app's BABEL_DEFAULT_TIMEZONE)
ZONE = ZoneInfo("Europe/Stockholm")

initiatives = sa.table('initiatives', sa.column('id', sa.Integer), sa.column('is_practice', sa.Boolean),
                       sa.column('created_at', sa.DateTime), sa.column('practice_since', sa.Date))
events = sa.table('audit_events', sa.column('id', sa.Integer), sa.column('occurred_at', sa.DateTime),
                  sa.column('action', sa.String), sa.column('object_type', sa.String),
                  sa.column('object_id', sa.String), sa.column('changes', sa.JSON))


def _local_day(moment):
    return moment.replace(tzinfo=UTC).astimezone(ZONE).date()


def _marks(changes, action):
    """Whether an event's changes mark the initiative as a practice."""
    if isinstance(changes, str):
        changes = json.loads(changes)
    value = (changes or {}).get("is_practice")
    return value is True if action == "create" else isinstance(value, list) and len(value) == 2 and value[1] is True


def upgrade():
    op.add_column('initiatives', sa.Column('practice_since', sa.Date(), nullable=True))
    connection = op.get_bind()
    practices = dict(connection.execute(
        sa.select(initiatives.c.id, initiatives.c.created_at).where(initiatives.c.is_practice.is_(True))).all())
    if not practices:
        return
    since = {}
    for object_id, occurred_at, action, changes in connection.execute(
            sa.select(events.c.object_id, events.c.occurred_at, events.c.action, events.c.changes)
            .where(events.c.object_type == 'Initiative', events.c.action.in_(('create', 'update')))
            .order_by(events.c.id)):
        if object_id and object_id.isdigit() and int(object_id) in practices and _marks(changes, action):
            since[int(object_id)] = _local_day(occurred_at)  # the last marking wins
    for initiative_id, created_at in practices.items():
        connection.execute(sa.update(initiatives).where(initiatives.c.id == initiative_id)
                           .values(practice_since=since.get(initiative_id) or _local_day(created_at)))


def downgrade():
    op.execute("ALTER TABLE initiatives DROP COLUMN practice_since")
