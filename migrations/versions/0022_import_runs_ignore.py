"""the columns an import run leaves out: an uploader may import a file leaving out its unknown columns

Revision ID: 0022
Revises: 0020
Create Date: 2026-12-08 03:20:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0022'
down_revision = '0020'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('import_runs', sa.Column('ignore', sa.Text(), nullable=True))


def downgrade():
    op.drop_column('import_runs', 'ignore')
