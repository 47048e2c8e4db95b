"""the personal calendar feed's secret stored as its SHA-256, as the other link secrets are; sign-in links; a membership's region

Existing feed URLs keep working: each stored token is replaced by its hash, which is what the
feed now looks up. A downgrade cannot bring the tokens back: it leaves every person without a
feed URL (they make a new one on their account page).

Sign-in links are the second proof a login needs past the failure limit of its account and
address; stored as their SHA-256 too.

A membership belongs to a region, one of its actor's regions (the region whose admins may
remove it). An existing membership gets a region of its actor where the person holds a regional
role, else the actor's first region (the region its audit events were recorded in); the same
person in the same role may then be added for each region. A downgrade drops the regions (and
stops, saying which, if a person has the same role in an actor for two regions).

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-08 09:12:40.118204

"""
import sqlalchemy as sa
from alembic import op

# the app's one helper, so that the hashes written here are the ones the feed looks up
from samverkan.accounts.services import token_hash


# revision identifiers, used by Alembic.
revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None

memberships = sa.table('memberships', sa.column('id', sa.Integer), sa.column('actor_id', sa.Integer),
                       sa.column('person_id', sa.Integer), sa.column('role', sa.String),
                       sa.column('region_id', sa.Integer))
actor_regions = sa.table('actor_regions', sa.column('actor_id', sa.Integer), sa.column('region_id', sa.Integer))
role_grants = sa.table('role_grants', sa.column('person_id', sa.Integer), sa.column('region_id', sa.Integer))
people = sa.table('people', sa.column('id', sa.Integer), sa.column('calendar_token', sa.String),
                  sa.column('calendar_token_hash', sa.String))


def upgrade():
    op.create_table('login_links',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('expires_at', sa.DateTime(), nullable=False),
    sa.Column('used_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_login_links_person_id_people'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_login_links')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_login_links_token_hash'))
    )
    with op.batch_alter_table('login_links', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_login_links_person_id'), ['person_id'], unique=False)

    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.add_column(sa.Column('calendar_token_hash', sa.String(length=64), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_people_calendar_token_hash'), ['calendar_token_hash'])

    connection = op.get_bind()
    tokens = connection.execute(sa.select(people.c.id, people.c.calendar_token)
                                .where(people.c.calendar_token.is_not(None))).all()
    for person_id, token in tokens:
        connection.execute(people.update().where(people.c.id == person_id)
                           .values(calendar_token_hash=token_hash(token)))

    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_people_calendar_token'), type_='unique')
        batch_op.drop_column('calendar_token')

    with op.batch_alter_table('memberships', schema=None) as batch_op:
        batch_op.add_column(sa.Column('region_id', sa.Integer(), nullable=True))
    _give_memberships_regions(connection)
    with op.batch_alter_table('memberships', schema=None) as batch_op:
        batch_op.alter_column('region_id', existing_type=sa.Integer(), nullable=False)
        batch_op.drop_constraint(batch_op.f('uq_memberships_actor_id_person_id_role'), type_='unique')
        batch_op.create_unique_constraint(batch_op.f('uq_memberships_actor_id_person_id_role_region_id'),
                                          ['actor_id', 'person_id', 'role', 'region_id'])
        batch_op.create_index(batch_op.f('ix_memberships_region_id'), ['region_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_memberships_region_id_regions'), 'regions', ['region_id'], ['id'])


def _give_memberships_regions(connection):
    """Each membership a region of its actor, preferring one where the person holds a regional
    role; an actor in no region lends the person's own region."""
    regions_of_actor, regions_of_person = {}, {}
    for actor_id, region_id in connection.execute(sa.select(actor_regions.c.actor_id, actor_regions.c.region_id)):
        regions_of_actor.setdefault(actor_id, set()).add(region_id)
    for person_id, region_id in connection.execute(
            sa.select(role_grants.c.person_id, role_grants.c.region_id).where(role_grants.c.region_id.is_not(None))):
        regions_of_person.setdefault(person_id, set()).add(region_id)
    rows = connection.execute(sa.select(memberships.c.id, memberships.c.actor_id, memberships.c.person_id)).all()
    for membership_id, actor_id, person_id in rows:
        actor, own = regions_of_actor.get(actor_id, set()), regions_of_person.get(person_id, set())
        candidates = (actor & own) or actor or own
        if not candidates:
            raise RuntimeError(f"membership {membership_id}: its actor {actor_id} is in no region and its person "
                               f"{person_id} holds no regional role; give the actor a region, then upgrade again")
        connection.execute(memberships.update().where(memberships.c.id == membership_id)
                           .values(region_id=min(candidates)))


def downgrade():
    connection = op.get_bind()
    doubled = connection.execute(
        sa.select(memberships.c.actor_id, memberships.c.person_id, memberships.c.role)
        .group_by(memberships.c.actor_id, memberships.c.person_id, memberships.c.role)
        .having(sa.func.count() > 1)).all()
    if doubled:
        raise RuntimeError("memberships held for two regions (actor, person, role): "
                           f"{', '.join(str(tuple(row)) for row in doubled)}; remove one of each first")
    with op.batch_alter_table('memberships', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_memberships_region_id_regions'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_memberships_region_id'))
        batch_op.drop_constraint(batch_op.f('uq_memberships_actor_id_person_id_role_region_id'), type_='unique')
        batch_op.create_unique_constraint(batch_op.f('uq_memberships_actor_id_person_id_role'),
                                          ['actor_id', 'person_id', 'role'])
        batch_op.drop_column('region_id')

    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.add_column(sa.Column('calendar_token', sa.String(length=64), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_people_calendar_token'), ['calendar_token'])

    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_people_calendar_token_hash'), type_='unique')
        batch_op.drop_column('calendar_token_hash')

    with op.batch_alter_table('login_links', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_login_links_person_id'))

    op.drop_table('login_links')
