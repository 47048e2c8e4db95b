"""councils: the region's council, its duties and its steps become rows

The council was JSON and columns on ``regions``; networks and forums will point at it. The data
moves into the new tables, and the old columns go.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 21:20:51.441104

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

#: the old columns, as the data migration reads and (downgrading) writes them
regions = sa.table(
    "regions",
    sa.column("id", sa.Integer),
    sa.column("council_name", sa.String),
    sa.column("council_name_en", sa.String),
    sa.column("council_description", sa.Text),
    sa.column("council_description_en", sa.Text),
    sa.column("council_duties", sa.JSON),
    sa.column("council_workflow", sa.JSON),
)


def _council_parts(table_name, *extra):
    return sa.table(table_name, sa.column("council_id", sa.Integer), sa.column("position", sa.Integer),
                    sa.column("text", sa.Text), sa.column("text_en", sa.Text), *extra)


councils = sa.table(
    "councils",
    sa.column("id", sa.Integer),
    sa.column("region_id", sa.Integer),
    sa.column("name", sa.String),
    sa.column("name_en", sa.String),
    sa.column("description", sa.Text),
    sa.column("description_en", sa.Text),
)
duties = _council_parts("council_duties")
steps = _council_parts("council_steps", sa.column("title", sa.String), sa.column("title_en", sa.String))


def _part_columns():
    return [
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("council_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("text_en", sa.Text(), nullable=True),
    ]


def upgrade():
    op.create_table(
        "councils",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("region_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("name_en", sa.String(length=200), nullable=True),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("description_en", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["region_id"], ["regions.id"], name=op.f("fk_councils_region_id_regions")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_councils")),
        sa.UniqueConstraint("region_id", name=op.f("uq_councils_region_id")),
    )
    for name, extra in (("council_duties", []), ("council_steps", [
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("title_en", sa.String(length=300), nullable=True),
    ])):
        op.create_table(
            name,
            *_part_columns(),
            *extra,
            sa.ForeignKeyConstraint(["council_id"], ["councils.id"], name=op.f(f"fk_{name}_council_id_councils")),
            sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{name}")),
            sa.UniqueConstraint("council_id", "position", name=op.f(f"uq_{name}_council_id_position")),
        )

    connection = op.get_bind()
    rows = connection.execute(sa.select(regions).where(regions.c.council_name.is_not(None))).all()
    for row in rows:
        council_id = connection.execute(
            sa.insert(councils).values(
                region_id=row.id,
                name=row.council_name,
                name_en=row.council_name_en,
                description=row.council_description or "",
                description_en=row.council_description_en,
            ).returning(councils.c.id)
        ).scalar_one()
        for position, (text, text_en) in enumerate(row.council_duties or []):
            connection.execute(sa.insert(duties).values(council_id=council_id, position=position,
                                                        text=text, text_en=text_en))
        for position, step in enumerate(row.council_workflow or []):
            connection.execute(sa.insert(steps).values(
                council_id=council_id, position=position, title=step["title"], title_en=step.get("title_en"),
                text=step.get("text", ""), text_en=step.get("text_en"),
            ))

    with op.batch_alter_table("regions", schema=None) as batch_op:
        for column in ("council_name", "council_name_en", "council_description", "council_description_en",
                       "council_duties", "council_workflow"):
            batch_op.drop_column(column)


def downgrade():
    with op.batch_alter_table("regions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("council_name", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("council_name_en", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("council_description", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("council_description_en", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("council_duties", sa.JSON(), nullable=False, server_default=sa.text("'[]'")))
        batch_op.add_column(sa.Column("council_workflow", sa.JSON(), nullable=False,
                                      server_default=sa.text("'[]'")))

    connection = op.get_bind()
    for council in connection.execute(sa.select(councils)).all():
        council_duties = connection.execute(
            sa.select(duties).where(duties.c.council_id == council.id).order_by(duties.c.position)).all()
        council_steps = connection.execute(
            sa.select(steps).where(steps.c.council_id == council.id).order_by(steps.c.position)).all()
        connection.execute(sa.update(regions).where(regions.c.id == council.region_id).values(
            council_name=council.name,
            council_name_en=council.name_en,
            council_description=council.description,
            council_description_en=council.description_en,
            council_duties=[[d.text, d.text_en] for d in council_duties],
            council_workflow=[{"title": s.title, "title_en": s.title_en, "text": s.text, "text_en": s.text_en}
                              for s in council_steps],
        ))

    op.drop_table("council_steps")
    op.drop_table("council_duties")
    op.drop_table("councils")
