"""plan data stamp: what web workers key their plan cache on

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-23 21:40:00

"""
import uuid

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade():
    stamp = op.create_table(
        "plan_data_stamp",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.bulk_insert(stamp, [{"id": 1, "token": uuid.uuid4().hex}])


def downgrade():
    op.drop_table("plan_data_stamp")
