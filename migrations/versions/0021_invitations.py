"""invitations: a region admin invites a person by e-mail to act for an actor in a role

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-08 03:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0021'
down_revision = '0020'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'invitations',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('token_hash', sa.String(length=64), nullable=False),
        sa.Column('email', sa.String(length=254), nullable=False),
        sa.Column('name', sa.String(length=200), nullable=False),
        sa.Column('actor_id', sa.Integer(), nullable=False),
        sa.Column('membership_role', sa.String(length=40), nullable=False),
        sa.Column('role', sa.String(length=40), nullable=False),
        sa.Column('region_id', sa.Integer(), nullable=False),
        sa.Column('invited_by_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('expires_at', sa.DateTime(), nullable=False),
        sa.Column('accepted_at', sa.DateTime(), nullable=True),
        sa.Column('revoked_at', sa.DateTime(), nullable=True),
        sa.Column('person_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['actor_id'], ['actors.id'], name=op.f('fk_invitations_actor_id_actors'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['invited_by_id'], ['people.id'], name=op.f('fk_invitations_invited_by_id_people')),
        sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_invitations_person_id_people')),
        sa.ForeignKeyConstraint(['region_id'], ['regions.id'], name=op.f('fk_invitations_region_id_regions')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_invitations')),
        sa.UniqueConstraint('token_hash', name=op.f('uq_invitations_token_hash')),
    )
    op.create_index(op.f('ix_invitations_actor_id'), 'invitations', ['actor_id'], unique=False)
    op.create_index(op.f('ix_invitations_email'), 'invitations', ['email'], unique=False)
    op.create_index(op.f('ix_invitations_region_id'), 'invitations', ['region_id'], unique=False)


def downgrade():
    op.drop_table('invitations')
