"""search index: a document per initiative, actor, network and meeting, with its full-text side

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-24 02:19:46.897651

The full-text side differs per database (``samverkan.search.schema``; the statements are copied
here as they are at this revision): an FTS5 table of stems and tags on SQLite, two ``tsvector``
columns with GIN indexes on PostgreSQL. A database upgraded with data in it gets its documents from
``samverkan search reindex``.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None

FULL_TEXT = {
    "sqlite": [
        "CREATE VIRTUAL TABLE search_fts USING fts5(title, body, tags, "
        "tokenize = 'unicode61 remove_diacritics 0', prefix = '3 4 5 6 7 8 9 10')",
        "INSERT INTO search_fts (search_fts, rank) VALUES ('rank', 'bm25(10.0, 1.0, 0.0)')",
    ],
    "postgresql": [
        "ALTER TABLE search_documents ADD COLUMN search_vector tsvector NOT NULL DEFAULT ''::tsvector, "
        "ADD COLUMN title_vector tsvector NOT NULL DEFAULT ''::tsvector",
        "CREATE INDEX ix_search_documents_search_vector ON search_documents USING gin (search_vector)",
        "CREATE INDEX ix_search_documents_title_vector ON search_documents USING gin (title_vector)",
        "ALTER TABLE search_documents SET (toast_tuple_target = 128)",
    ],
}


def upgrade():
    op.create_table('search_documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('object_id', sa.Integer(), nullable=False),
    sa.Column('region_ids', sa.String(length=400), nullable=False),
    sa.Column('draft', sa.Boolean(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_search_documents')),
    sa.UniqueConstraint('kind', 'object_id', name=op.f('uq_search_documents_kind_object_id'))
    )
    with op.batch_alter_table('search_documents', schema=None) as batch_op:
        batch_op.create_index('ix_search_documents_id_object_id', ['id', 'object_id'], unique=False)
    for statement in FULL_TEXT.get(op.get_bind().dialect.name, []):
        op.execute(statement)


def downgrade():
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS search_fts")
    op.drop_table('search_documents')
