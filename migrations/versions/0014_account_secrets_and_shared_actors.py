"""the personal calendar feed's secret stored as its SHA-256, as the other link secrets are; sign-in links

Existing feed URLs keep working: each stored token is replaced by its hash, which is what the
feed now looks up. A downgrade cannot bring the tokens back: it leaves every person without a
feed URL (they make a new one on their account page).

Sign-in links are the second proof a login needs past the failure limit of its account and
address; stored as their SHA-256 too.

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


def downgrade():
    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.add_column(sa.Column('calendar_token', sa.String(length=64), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_people_calendar_token'), ['calendar_token'])

    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_people_calendar_token_hash'), type_='unique')
        batch_op.drop_column('calendar_token_hash')

    with op.batch_alter_table('login_links', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_login_links_person_id'))

    op.drop_table('login_links')
