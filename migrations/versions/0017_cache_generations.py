"""one cache layer: the generations table replaces the two data stamps

The stamps were rows every writer updated inside its transaction, so every write in the country
queued behind the longest one; generations are bumped after the commit, in a short transaction
of their own (``samverkan.cache``). Every generation starts at 0 here, and no worker keeps
anything across a deploy, so nothing is carried over.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-07 14:45:00

"""
import uuid

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'cache_generations',
        sa.Column('name', sa.String(length=100), nullable=False),
        sa.Column('value', sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint('name', name=op.f('pk_cache_generations')),
    )
    op.drop_table('initiative_data_stamp')
    op.drop_table('plan_data_stamp')


def downgrade():
    for name in ('plan_data_stamp', 'initiative_data_stamp'):
        stamp = op.create_table(
            name,
            sa.Column('id', sa.Integer(), nullable=False),
            sa.Column('token', sa.String(length=32), nullable=False),
            sa.PrimaryKeyConstraint('id', name=op.f(f'pk_{name}')),
        )
        op.bulk_insert(stamp, [{'id': 1, 'token': uuid.uuid4().hex}])
    op.drop_table('cache_generations')
