"""initiatives, progress, reporting periods, practice adoptions

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-24 02:05:16.645106

"""
import uuid

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('initiatives',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('lead_region_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('draft', sa.Boolean(), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=True),
    sa.Column('ends_on', sa.Date(), nullable=True),
    sa.Column('budget_sek', sa.BigInteger(), nullable=True),
    sa.Column('external_ref', sa.String(length=100), nullable=True),
    sa.Column('contact_name', sa.String(length=200), nullable=True),
    sa.Column('contact_email', sa.String(length=254), nullable=True),
    sa.Column('contact_phone', sa.String(length=40), nullable=True),
    sa.Column('links', sa.Text(), nullable=False),
    sa.Column('results', sa.Text(), nullable=False),
    sa.Column('is_practice', sa.Boolean(), nullable=False),
    sa.Column('lessons_learned', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['people.id'], name=op.f('fk_initiatives_created_by_id_people')),
    sa.ForeignKeyConstraint(['lead_region_id'], ['regions.id'], name=op.f('fk_initiatives_lead_region_id_regions')),
    sa.ForeignKeyConstraint(['owner_id'], ['actors.id'], name=op.f('fk_initiatives_owner_id_actors')),
    sa.ForeignKeyConstraint(['updated_by_id'], ['people.id'], name=op.f('fk_initiatives_updated_by_id_people')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_initiatives'))
    )
    with op.batch_alter_table('initiatives', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_initiatives_draft'), ['draft'], unique=False)
        batch_op.create_index(batch_op.f('ix_initiatives_is_practice'), ['is_practice'], unique=False)
        batch_op.create_index(batch_op.f('ix_initiatives_lead_region_id'), ['lead_region_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_initiatives_owner_id'), ['owner_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_initiatives_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_initiatives_updated_at'), ['updated_at'], unique=False)

    op.create_table('reporting_periods',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('region_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.ForeignKeyConstraint(['region_id'], ['regions.id'], name=op.f('fk_reporting_periods_region_id_regions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reporting_periods'))
    )
    with op.batch_alter_table('reporting_periods', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reporting_periods_due_on'), ['due_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_reporting_periods_region_id'), ['region_id'], unique=False)

    op.create_table('initiative_funding',
    sa.Column('initiative_id', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(length=20), nullable=False),
    sa.Column('amount_sek', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['initiative_id'], ['initiatives.id'], name=op.f('fk_initiative_funding_initiative_id_initiatives'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('initiative_id', 'source', name=op.f('pk_initiative_funding'))
    )
    with op.batch_alter_table('initiative_funding', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_initiative_funding_source'), ['source'], unique=False)

    op.create_table('initiative_partners',
    sa.Column('initiative_id', sa.Integer(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['actors.id'], name=op.f('fk_initiative_partners_actor_id_actors')),
    sa.ForeignKeyConstraint(['initiative_id'], ['initiatives.id'], name=op.f('fk_initiative_partners_initiative_id_initiatives'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('initiative_id', 'actor_id', name=op.f('pk_initiative_partners'))
    )
    with op.batch_alter_table('initiative_partners', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_initiative_partners_actor_id'), ['actor_id'], unique=False)

    op.create_table('initiative_perspectives',
    sa.Column('initiative_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['initiative_id'], ['initiatives.id'], name=op.f('fk_initiative_perspectives_initiative_id_initiatives'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('initiative_id', 'key', name=op.f('pk_initiative_perspectives'))
    )
    op.create_table('initiative_regions',
    sa.Column('initiative_id', sa.Integer(), nullable=False),
    sa.Column('region_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['initiative_id'], ['initiatives.id'], name=op.f('fk_initiative_regions_initiative_id_initiatives'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['region_id'], ['regions.id'], name=op.f('fk_initiative_regions_region_id_regions')),
    sa.PrimaryKeyConstraint('initiative_id', 'region_id', name=op.f('pk_initiative_regions'))
    )
    with op.batch_alter_table('initiative_regions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_initiative_regions_region_id'), ['region_id'], unique=False)

    op.create_table('initiative_status_changes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('initiative_id', sa.Integer(), nullable=False),
    sa.Column('from_status', sa.String(length=20), nullable=True),
    sa.Column('to_status', sa.String(length=20), nullable=False),
    sa.Column('changed_on', sa.Date(), nullable=False),
    sa.Column('changed_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['changed_by_id'], ['people.id'], name=op.f('fk_initiative_status_changes_changed_by_id_people')),
    sa.ForeignKeyConstraint(['initiative_id'], ['initiatives.id'], name=op.f('fk_initiative_status_changes_initiative_id_initiatives'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_initiative_status_changes'))
    )
    with op.batch_alter_table('initiative_status_changes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_initiative_status_changes_initiative_id'), ['initiative_id'], unique=False)

    op.create_table('initiative_target_groups',
    sa.Column('initiative_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['initiative_id'], ['initiatives.id'], name=op.f('fk_initiative_target_groups_initiative_id_initiatives'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('initiative_id', 'key', name=op.f('pk_initiative_target_groups'))
    )
    with op.batch_alter_table('initiative_target_groups', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_initiative_target_groups_key'), ['key'], unique=False)

    op.create_table('initiative_themes',
    sa.Column('initiative_id', sa.Integer(), nullable=False),
    sa.Column('theme_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['initiative_id'], ['initiatives.id'], name=op.f('fk_initiative_themes_initiative_id_initiatives'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['theme_id'], ['themes.id'], name=op.f('fk_initiative_themes_theme_id_themes')),
    sa.PrimaryKeyConstraint('initiative_id', 'theme_id', name=op.f('pk_initiative_themes'))
    )
    with op.batch_alter_table('initiative_themes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_initiative_themes_theme_id'), ['theme_id'], unique=False)

    op.create_table('practice_adoptions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('practice_id', sa.Integer(), nullable=False),
    sa.Column('region_id', sa.Integer(), nullable=False),
    sa.Column('initiative_id', sa.Integer(), nullable=True),
    sa.Column('adopted_on', sa.Date(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['people.id'], name=op.f('fk_practice_adoptions_created_by_id_people')),
    sa.ForeignKeyConstraint(['initiative_id'], ['initiatives.id'], name=op.f('fk_practice_adoptions_initiative_id_initiatives'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['practice_id'], ['initiatives.id'], name=op.f('fk_practice_adoptions_practice_id_initiatives'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['region_id'], ['regions.id'], name=op.f('fk_practice_adoptions_region_id_regions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_practice_adoptions')),
    sa.UniqueConstraint('practice_id', 'region_id', name=op.f('uq_practice_adoptions_practice_id_region_id'))
    )
    with op.batch_alter_table('practice_adoptions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_practice_adoptions_initiative_id'), ['initiative_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_practice_adoptions_practice_id'), ['practice_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_practice_adoptions_region_id'), ['region_id'], unique=False)

    op.create_table('progress_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('initiative_id', sa.Integer(), nullable=False),
    sa.Column('reported_on', sa.Date(), nullable=False),
    sa.Column('happened', sa.Text(), nullable=False),
    sa.Column('next_steps', sa.Text(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['people.id'], name=op.f('fk_progress_entries_author_id_people')),
    sa.ForeignKeyConstraint(['initiative_id'], ['initiatives.id'], name=op.f('fk_progress_entries_initiative_id_initiatives'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_progress_entries'))
    )
    with op.batch_alter_table('progress_entries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_progress_entries_initiative_id'), ['initiative_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_progress_entries_reported_on'), ['reported_on'], unique=False)

    op.create_table('initiative_networks',
    sa.Column('initiative_id', sa.Integer(), nullable=False),
    sa.Column('network_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['initiative_id'], ['initiatives.id'], name=op.f('fk_initiative_networks_initiative_id_initiatives'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['network_id'], ['networks.id'], name=op.f('fk_initiative_networks_network_id_networks')),
    sa.PrimaryKeyConstraint('initiative_id', 'network_id', name=op.f('pk_initiative_networks'))
    )
    with op.batch_alter_table('initiative_networks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_initiative_networks_network_id'), ['network_id'], unique=False)

    op.create_table('initiative_plan_nodes',
    sa.Column('initiative_id', sa.Integer(), nullable=False),
    sa.Column('node_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['initiative_id'], ['initiatives.id'], name=op.f('fk_initiative_plan_nodes_initiative_id_initiatives'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['node_id'], ['plan_nodes.id'], name=op.f('fk_initiative_plan_nodes_node_id_plan_nodes')),
    sa.PrimaryKeyConstraint('initiative_id', 'node_id', name=op.f('pk_initiative_plan_nodes'))
    )
    with op.batch_alter_table('initiative_plan_nodes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_initiative_plan_nodes_node_id'), ['node_id'], unique=False)

    op.create_table('progress_values',
    sa.Column('entry_id', sa.Integer(), nullable=False),
    sa.Column('indicator_id', sa.Integer(), nullable=False),
    sa.Column('value', sa.Double(), nullable=False),
    sa.ForeignKeyConstraint(['entry_id'], ['progress_entries.id'], name=op.f('fk_progress_values_entry_id_progress_entries'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['indicator_id'], ['indicators.id'], name=op.f('fk_progress_values_indicator_id_indicators')),
    sa.PrimaryKeyConstraint('entry_id', 'indicator_id', name=op.f('pk_progress_values'))
    )
    with op.batch_alter_table('actions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('initiative_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_actions_initiative_id'), ['initiative_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_actions_initiative_id_initiatives'), 'initiatives', ['initiative_id'], ['id'], ondelete='SET NULL')

    # the practice library: published practices, newest change first
    op.create_index('ix_initiatives_practice_library', 'initiatives', ['is_practice', 'draft', 'updated_at'], unique=False)
    # the list at 100,000 initiatives: a region's newest first from one index; no index on draft
    # or status (each matches a large share, and an index on them leads SQLite without
    # statistics to start from it instead of the narrow filter or the newest-first walk)
    with op.batch_alter_table('initiatives', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_initiatives_draft'))
        batch_op.drop_index(batch_op.f('ix_initiatives_status'))
        batch_op.drop_index(batch_op.f('ix_initiatives_lead_region_id'))
        batch_op.create_index('ix_initiatives_lead_region_id_updated_at', ['lead_region_id', 'updated_at'], unique=False)

    # renewed with every write that can change an initiative list; the workers keep list pages under it
    stamp = op.create_table('initiative_data_stamp',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token', sa.String(length=32), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_initiative_data_stamp'))
    )
    op.bulk_insert(stamp, [{'id': 1, 'token': uuid.uuid4().hex}])



def downgrade():
    op.drop_index('ix_initiatives_practice_library', table_name='initiatives')
    op.drop_table('initiative_data_stamp')
    with op.batch_alter_table('initiatives', schema=None) as batch_op:
        batch_op.drop_index('ix_initiatives_lead_region_id_updated_at')
        batch_op.create_index(batch_op.f('ix_initiatives_lead_region_id'), ['lead_region_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_initiatives_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_initiatives_draft'), ['draft'], unique=False)

    with op.batch_alter_table('actions', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_actions_initiative_id_initiatives'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_actions_initiative_id'))
        batch_op.drop_column('initiative_id')

    op.drop_table('progress_values')
    with op.batch_alter_table('initiative_plan_nodes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_initiative_plan_nodes_node_id'))

    op.drop_table('initiative_plan_nodes')
    with op.batch_alter_table('initiative_networks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_initiative_networks_network_id'))

    op.drop_table('initiative_networks')
    with op.batch_alter_table('progress_entries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_progress_entries_reported_on'))
        batch_op.drop_index(batch_op.f('ix_progress_entries_initiative_id'))

    op.drop_table('progress_entries')
    with op.batch_alter_table('practice_adoptions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_practice_adoptions_region_id'))
        batch_op.drop_index(batch_op.f('ix_practice_adoptions_practice_id'))
        batch_op.drop_index(batch_op.f('ix_practice_adoptions_initiative_id'))

    op.drop_table('practice_adoptions')
    with op.batch_alter_table('initiative_themes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_initiative_themes_theme_id'))

    op.drop_table('initiative_themes')
    with op.batch_alter_table('initiative_target_groups', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_initiative_target_groups_key'))

    op.drop_table('initiative_target_groups')
    with op.batch_alter_table('initiative_status_changes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_initiative_status_changes_initiative_id'))

    op.drop_table('initiative_status_changes')
    with op.batch_alter_table('initiative_regions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_initiative_regions_region_id'))

    op.drop_table('initiative_regions')
    op.drop_table('initiative_perspectives')
    with op.batch_alter_table('initiative_partners', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_initiative_partners_actor_id'))

    op.drop_table('initiative_partners')
    with op.batch_alter_table('initiative_funding', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_initiative_funding_source'))

    op.drop_table('initiative_funding')
    with op.batch_alter_table('reporting_periods', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reporting_periods_region_id'))
        batch_op.drop_index(batch_op.f('ix_reporting_periods_due_on'))

    op.drop_table('reporting_periods')
    with op.batch_alter_table('initiatives', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_initiatives_updated_at'))
        batch_op.drop_index(batch_op.f('ix_initiatives_status'))
        batch_op.drop_index(batch_op.f('ix_initiatives_owner_id'))
        batch_op.drop_index(batch_op.f('ix_initiatives_lead_region_id'))
        batch_op.drop_index(batch_op.f('ix_initiatives_is_practice'))
        batch_op.drop_index(batch_op.f('ix_initiatives_draft'))

    op.drop_table('initiatives')
