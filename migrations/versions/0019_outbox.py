"""the outbox of domain events: each event a service emits, kept in its transaction until every subscriber has had it; when a survey round was said to be closed

A round whose last day passed before this revision is closed (and its event emitted) by the
first `samverkan surveys close`.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-07 14:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0019'
down_revision = '0018'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('outbox_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('facts', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('failed', sa.JSON(), nullable=True),
    sa.Column('delivered_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outbox_events'))
    )
    with op.batch_alter_table('outbox_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outbox_events_delivered_at'), ['delivered_at'], unique=False)
    with op.batch_alter_table('survey_rounds', schema=None) as batch_op:
        batch_op.add_column(sa.Column('closed_at', sa.DateTime(), nullable=True))


def downgrade():
    with op.batch_alter_table('survey_rounds', schema=None) as batch_op:
        batch_op.drop_column('closed_at')
    with op.batch_alter_table('outbox_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outbox_events_delivered_at'))
    op.drop_table('outbox_events')
