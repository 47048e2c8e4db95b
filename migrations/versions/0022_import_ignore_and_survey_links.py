"""the columns an import run leaves out; survey links that last as long as their round, and the links they replaced

An uploader may import a file leaving out its unknown columns (import_runs.ignore). A survey
link works while its round is open, so a response no longer keeps its own expiry; a replaced
link's hash is kept so that its page can say it was replaced and whom to ask. Plain ALTER TABLE,
no batch copy: SQLite would drop the audit log's triggers with a copied table.

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-08 03:20:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0022'
down_revision = '0021'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('import_runs', sa.Column('ignore', sa.Text(), nullable=True))
    op.create_table(
        'survey_replaced_links',
        sa.Column('token_hash', sa.String(length=64), nullable=False),
        sa.Column('response_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['response_id'], ['survey_responses.id'],
                                name=op.f('fk_survey_replaced_links_response_id_survey_responses'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('token_hash', name=op.f('pk_survey_replaced_links')),
    )
    op.create_index(op.f('ix_survey_replaced_links_response_id'), 'survey_replaced_links', ['response_id'],
                    unique=False)
    op.drop_column('survey_responses', 'link_expires_at')


def downgrade():
    op.add_column('survey_responses', sa.Column('link_expires_at', sa.DateTime(), nullable=True))
    op.drop_index(op.f('ix_survey_replaced_links_response_id'), table_name='survey_replaced_links')
    op.drop_table('survey_replaced_links')
    op.drop_column('import_runs', 'ignore')
