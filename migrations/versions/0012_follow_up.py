"""follow-up: status assessments of plan nodes, indicator values per region and year, a region's own indicators

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06 07:44:07.977966

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('indicator_values',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('indicator_id', sa.Integer(), nullable=False),
    sa.Column('region_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('value', sa.Double(), nullable=False),
    sa.Column('value_women', sa.Double(), nullable=True),
    sa.Column('value_men', sa.Double(), nullable=True),
    sa.Column('source', sa.String(length=300), nullable=False),
    sa.Column('demo', sa.Boolean(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['indicator_id'], ['indicators.id'], name=op.f('fk_indicator_values_indicator_id_indicators'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['region_id'], ['regions.id'], name=op.f('fk_indicator_values_region_id_regions')),
    sa.ForeignKeyConstraint(['updated_by_id'], ['people.id'], name=op.f('fk_indicator_values_updated_by_id_people')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_indicator_values')),
    sa.UniqueConstraint('indicator_id', 'region_id', 'year', name=op.f('uq_indicator_values_indicator_id_region_id_year'))
    )
    with op.batch_alter_table('indicator_values', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_indicator_values_region_id'), ['region_id'], unique=False)

    op.create_table('status_assessments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('region_id', sa.Integer(), nullable=False),
    sa.Column('node_id', sa.Integer(), nullable=False),
    sa.Column('assessed_on', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('prioritised', sa.Boolean(), nullable=False),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('demo', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['people.id'], name=op.f('fk_status_assessments_author_id_people')),
    sa.ForeignKeyConstraint(['node_id'], ['plan_nodes.id'], name=op.f('fk_status_assessments_node_id_plan_nodes')),
    sa.ForeignKeyConstraint(['region_id'], ['regions.id'], name=op.f('fk_status_assessments_region_id_regions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_status_assessments'))
    )
    with op.batch_alter_table('status_assessments', schema=None) as batch_op:
        batch_op.create_index('ix_status_assessments_node_id_assessed_on', ['node_id', 'assessed_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_status_assessments_region_id'), ['region_id'], unique=False)

    with op.batch_alter_table('indicators', schema=None) as batch_op:
        batch_op.add_column(sa.Column('source', sa.String(length=300), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('custom', sa.Boolean(), nullable=False, server_default=sa.false()))



def downgrade():
    with op.batch_alter_table('indicators', schema=None) as batch_op:
        batch_op.drop_column('custom')
        batch_op.drop_column('source')

    with op.batch_alter_table('status_assessments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_status_assessments_region_id'))
        batch_op.drop_index('ix_status_assessments_node_id_assessed_on')

    op.drop_table('status_assessments')
    with op.batch_alter_table('indicator_values', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_indicator_values_region_id'))

    op.drop_table('indicator_values')
