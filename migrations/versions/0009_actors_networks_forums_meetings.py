"""actors and memberships, networks and their stages, forums and forum models, meetings with
their agenda, registrations, decisions and actions; the person's calendar feed secret

Council networks are not created here: ``plugins sync`` keeps them.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-23 23:31:48.703786

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('actors',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('comparable_name', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=60), nullable=False),
    sa.Column('municipality', sa.String(length=100), nullable=True),
    sa.Column('org_number', sa.String(length=11), nullable=True),
    sa.Column('website', sa.String(length=500), nullable=True),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_actors')),
    sa.UniqueConstraint('org_number', name=op.f('uq_actors_org_number'))
    )
    with op.batch_alter_table('actors', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_actors_comparable_name'), ['comparable_name'], unique=False)
        batch_op.create_index(batch_op.f('ix_actors_kind'), ['kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_actors_municipality'), ['municipality'], unique=False)

    op.create_table('actor_regions',
    sa.Column('actor_id', sa.Integer(), nullable=False),
    sa.Column('region_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['actors.id'], name=op.f('fk_actor_regions_actor_id_actors'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['region_id'], ['regions.id'], name=op.f('fk_actor_regions_region_id_regions')),
    sa.PrimaryKeyConstraint('actor_id', 'region_id', name=op.f('pk_actor_regions'))
    )
    with op.batch_alter_table('actor_regions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_actor_regions_region_id'), ['region_id'], unique=False)

    op.create_table('forum_models',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('region_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('purpose', sa.Text(), nullable=False),
    sa.Column('participant_mix', sa.Text(), nullable=False),
    sa.Column('cadence', sa.String(length=200), nullable=False),
    sa.Column('meetings_per_year', sa.Integer(), nullable=True),
    sa.Column('published', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['region_id'], ['regions.id'], name=op.f('fk_forum_models_region_id_regions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_forum_models'))
    )
    with op.batch_alter_table('forum_models', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_forum_models_region_id'), ['region_id'], unique=False)

    op.create_table('memberships',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=40), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['actors.id'], name=op.f('fk_memberships_actor_id_actors'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_memberships_person_id_people')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_memberships')),
    sa.UniqueConstraint('actor_id', 'person_id', 'role', name=op.f('uq_memberships_actor_id_person_id_role'))
    )
    with op.batch_alter_table('memberships', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_memberships_actor_id'), ['actor_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_memberships_person_id'), ['person_id'], unique=False)

    op.create_table('forum_model_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('model_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.ForeignKeyConstraint(['model_id'], ['forum_models.id'], name=op.f('fk_forum_model_items_model_id_forum_models'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_forum_model_items'))
    )
    with op.batch_alter_table('forum_model_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_forum_model_items_model_id'), ['model_id'], unique=False)

    op.create_table('networks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('name_en', sa.String(length=200), nullable=True),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('purpose', sa.Text(), nullable=False),
    sa.Column('purpose_en', sa.Text(), nullable=True),
    sa.Column('stage', sa.String(length=20), nullable=False),
    sa.Column('council_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['council_id'], ['councils.id'], name=op.f('fk_networks_council_id_councils'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_networks')),
    sa.UniqueConstraint('council_id', name=op.f('uq_networks_council_id'))
    )
    with op.batch_alter_table('networks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_networks_kind'), ['kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_networks_stage'), ['stage'], unique=False)

    op.create_table('forums',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('purpose', sa.Text(), nullable=False),
    sa.Column('network_id', sa.Integer(), nullable=True),
    sa.Column('region_id', sa.Integer(), nullable=True),
    sa.Column('model_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('(network_id IS NULL) <> (region_id IS NULL)', name=op.f('ck_forums_network_or_region')),
    sa.ForeignKeyConstraint(['model_id'], ['forum_models.id'], name=op.f('fk_forums_model_id_forum_models'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['network_id'], ['networks.id'], name=op.f('fk_forums_network_id_networks')),
    sa.ForeignKeyConstraint(['region_id'], ['regions.id'], name=op.f('fk_forums_region_id_regions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_forums'))
    )
    with op.batch_alter_table('forums', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_forums_model_id'), ['model_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_forums_network_id'), ['network_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_forums_region_id'), ['region_id'], unique=False)

    op.create_table('network_members',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('network_id', sa.Integer(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('coordinator', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('(actor_id IS NULL) <> (person_id IS NULL)', name=op.f('ck_network_members_actor_or_person')),
    sa.ForeignKeyConstraint(['actor_id'], ['actors.id'], name=op.f('fk_network_members_actor_id_actors'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['network_id'], ['networks.id'], name=op.f('fk_network_members_network_id_networks'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_network_members_person_id_people')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_network_members')),
    sa.UniqueConstraint('network_id', 'actor_id', name=op.f('uq_network_members_network_id_actor_id')),
    sa.UniqueConstraint('network_id', 'person_id', name=op.f('uq_network_members_network_id_person_id'))
    )
    with op.batch_alter_table('network_members', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_network_members_actor_id'), ['actor_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_network_members_network_id'), ['network_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_network_members_person_id'), ['person_id'], unique=False)

    op.create_table('network_plan_nodes',
    sa.Column('network_id', sa.Integer(), nullable=False),
    sa.Column('node_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['network_id'], ['networks.id'], name=op.f('fk_network_plan_nodes_network_id_networks'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['node_id'], ['plan_nodes.id'], name=op.f('fk_network_plan_nodes_node_id_plan_nodes')),
    sa.PrimaryKeyConstraint('network_id', 'node_id', name=op.f('pk_network_plan_nodes'))
    )
    with op.batch_alter_table('network_plan_nodes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_network_plan_nodes_node_id'), ['node_id'], unique=False)

    op.create_table('network_regions',
    sa.Column('network_id', sa.Integer(), nullable=False),
    sa.Column('region_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['network_id'], ['networks.id'], name=op.f('fk_network_regions_network_id_networks'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['region_id'], ['regions.id'], name=op.f('fk_network_regions_region_id_regions')),
    sa.PrimaryKeyConstraint('network_id', 'region_id', name=op.f('pk_network_regions'))
    )
    with op.batch_alter_table('network_regions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_network_regions_region_id'), ['region_id'], unique=False)

    op.create_table('stage_changes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('network_id', sa.Integer(), nullable=False),
    sa.Column('from_stage', sa.String(length=20), nullable=True),
    sa.Column('to_stage', sa.String(length=20), nullable=False),
    sa.Column('changed_at', sa.DateTime(), nullable=False),
    sa.Column('changed_by_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['changed_by_id'], ['people.id'], name=op.f('fk_stage_changes_changed_by_id_people')),
    sa.ForeignKeyConstraint(['network_id'], ['networks.id'], name=op.f('fk_stage_changes_network_id_networks'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stage_changes'))
    )
    with op.batch_alter_table('stage_changes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stage_changes_network_id'), ['network_id'], unique=False)

    op.create_table('meetings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=64), nullable=False),
    sa.Column('sequence', sa.Integer(), nullable=False),
    sa.Column('forum_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('starts_at', sa.DateTime(), nullable=False),
    sa.Column('ends_at', sa.DateTime(), nullable=False),
    sa.Column('place', sa.String(length=300), nullable=False),
    sa.Column('video_url', sa.String(length=500), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('capacity', sa.Integer(), nullable=True),
    sa.Column('minutes', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('ends_at > starts_at', name=op.f('ck_meetings_ends_after_start')),
    sa.ForeignKeyConstraint(['forum_id'], ['forums.id'], name=op.f('fk_meetings_forum_id_forums')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meetings')),
    sa.UniqueConstraint('uid', name=op.f('uq_meetings_uid'))
    )
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.create_index('ix_meetings_forum_id_starts_at', ['forum_id', 'starts_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_meetings_starts_at'), ['starts_at'], unique=False)

    op.create_table('agenda_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_agenda_items_meeting_id_meetings'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agenda_items'))
    )
    with op.batch_alter_table('agenda_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agenda_items_meeting_id'), ['meeting_id'], unique=False)

    op.create_table('decisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_decisions_meeting_id_meetings'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_decisions'))
    )
    with op.batch_alter_table('decisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_decisions_meeting_id'), ['meeting_id'], unique=False)

    op.create_table('meeting_plan_nodes',
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('node_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_meeting_plan_nodes_meeting_id_meetings'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['node_id'], ['plan_nodes.id'], name=op.f('fk_meeting_plan_nodes_node_id_plan_nodes')),
    sa.PrimaryKeyConstraint('meeting_id', 'node_id', name=op.f('pk_meeting_plan_nodes'))
    )
    with op.batch_alter_table('meeting_plan_nodes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_plan_nodes_node_id'), ['node_id'], unique=False)

    op.create_table('registrations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('waiting', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_registrations_meeting_id_meetings'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_registrations_person_id_people')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_registrations')),
    sa.UniqueConstraint('meeting_id', 'person_id', name=op.f('uq_registrations_meeting_id_person_id'))
    )
    with op.batch_alter_table('registrations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_registrations_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_registrations_person_id'), ['person_id'], unique=False)

    op.create_table('actions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('decision_id', sa.Integer(), nullable=True),
    sa.Column('what', sa.Text(), nullable=False),
    sa.Column('owner_person_id', sa.Integer(), nullable=True),
    sa.Column('owner_actor_id', sa.Integer(), nullable=True),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('done', sa.Boolean(), nullable=False),
    sa.Column('done_at', sa.DateTime(), nullable=True),
    sa.Column('node_id', sa.Integer(), nullable=True),
    sa.CheckConstraint('owner_person_id IS NOT NULL OR owner_actor_id IS NOT NULL', name=op.f('ck_actions_has_owner')),
    sa.ForeignKeyConstraint(['decision_id'], ['decisions.id'], name=op.f('fk_actions_decision_id_decisions'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_actions_meeting_id_meetings'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['node_id'], ['plan_nodes.id'], name=op.f('fk_actions_node_id_plan_nodes')),
    sa.ForeignKeyConstraint(['owner_actor_id'], ['actors.id'], name=op.f('fk_actions_owner_actor_id_actors')),
    sa.ForeignKeyConstraint(['owner_person_id'], ['people.id'], name=op.f('fk_actions_owner_person_id_people')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_actions'))
    )
    with op.batch_alter_table('actions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_actions_done'), ['done'], unique=False)
        batch_op.create_index(batch_op.f('ix_actions_due_on'), ['due_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_actions_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_actions_node_id'), ['node_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_actions_owner_actor_id'), ['owner_actor_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_actions_owner_person_id'), ['owner_person_id'], unique=False)

    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.add_column(sa.Column('calendar_token', sa.String(length=64), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_people_calendar_token'), ['calendar_token'])



def downgrade():
    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_people_calendar_token'), type_='unique')
        batch_op.drop_column('calendar_token')

    with op.batch_alter_table('actions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_actions_owner_person_id'))
        batch_op.drop_index(batch_op.f('ix_actions_owner_actor_id'))
        batch_op.drop_index(batch_op.f('ix_actions_node_id'))
        batch_op.drop_index(batch_op.f('ix_actions_meeting_id'))
        batch_op.drop_index(batch_op.f('ix_actions_due_on'))
        batch_op.drop_index(batch_op.f('ix_actions_done'))

    op.drop_table('actions')
    with op.batch_alter_table('registrations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_registrations_person_id'))
        batch_op.drop_index(batch_op.f('ix_registrations_meeting_id'))

    op.drop_table('registrations')
    with op.batch_alter_table('meeting_plan_nodes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_plan_nodes_node_id'))

    op.drop_table('meeting_plan_nodes')
    with op.batch_alter_table('decisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_decisions_meeting_id'))

    op.drop_table('decisions')
    with op.batch_alter_table('agenda_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agenda_items_meeting_id'))

    op.drop_table('agenda_items')
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meetings_starts_at'))
        batch_op.drop_index('ix_meetings_forum_id_starts_at')

    op.drop_table('meetings')
    with op.batch_alter_table('stage_changes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stage_changes_network_id'))

    op.drop_table('stage_changes')
    with op.batch_alter_table('network_regions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_network_regions_region_id'))

    op.drop_table('network_regions')
    with op.batch_alter_table('network_plan_nodes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_network_plan_nodes_node_id'))

    op.drop_table('network_plan_nodes')
    with op.batch_alter_table('network_members', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_network_members_person_id'))
        batch_op.drop_index(batch_op.f('ix_network_members_network_id'))
        batch_op.drop_index(batch_op.f('ix_network_members_actor_id'))

    op.drop_table('network_members')
    with op.batch_alter_table('forums', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_forums_region_id'))
        batch_op.drop_index(batch_op.f('ix_forums_network_id'))
        batch_op.drop_index(batch_op.f('ix_forums_model_id'))

    op.drop_table('forums')
    with op.batch_alter_table('networks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_networks_stage'))
        batch_op.drop_index(batch_op.f('ix_networks_kind'))

    op.drop_table('networks')
    with op.batch_alter_table('forum_model_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_forum_model_items_model_id'))

    op.drop_table('forum_model_items')
    with op.batch_alter_table('memberships', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_memberships_person_id'))
        batch_op.drop_index(batch_op.f('ix_memberships_actor_id'))

    op.drop_table('memberships')
    with op.batch_alter_table('forum_models', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_forum_models_region_id'))

    op.drop_table('forum_models')
    with op.batch_alter_table('actor_regions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_actor_regions_region_id'))

    op.drop_table('actor_regions')
    with op.batch_alter_table('actors', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_actors_municipality'))
        batch_op.drop_index(batch_op.f('ix_actors_kind'))
        batch_op.drop_index(batch_op.f('ix_actors_comparable_name'))

    op.drop_table('actors')
