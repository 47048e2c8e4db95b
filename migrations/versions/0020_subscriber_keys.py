"""the outbox event a subscriber's mail and audit row were written for: one mail per event and recipient, one audit row per event, however often the event is delivered

Plain ALTER TABLE and CREATE INDEX, no batch copy: SQLite would drop the audit log's triggers
with a copied table.

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-07 17:45:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0020'
down_revision = '0019'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('outgoing_mail', sa.Column('event_id', sa.Integer(), nullable=True))
    op.create_index('ix_outgoing_mail_event_id_recipient', 'outgoing_mail', ['event_id', 'recipient'], unique=True)
    op.add_column('audit_events', sa.Column('event_id', sa.Integer(), nullable=True))
    op.create_index(op.f('ix_audit_events_event_id'), 'audit_events', ['event_id'], unique=True)


def downgrade():
    op.drop_index(op.f('ix_audit_events_event_id'), table_name='audit_events')
    op.drop_column('audit_events', 'event_id')
    op.drop_index('ix_outgoing_mail_event_id_recipient', table_name='outgoing_mail')
    op.drop_column('outgoing_mail', 'event_id')
