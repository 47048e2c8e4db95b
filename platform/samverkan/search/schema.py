"""The full-text side of the search index, which each database keeps its own way.

SQLite: an FTS5 table ``search_fts`` whose rowid is the document's id, holding the stems of the
title and the body (made in Python, :mod:`samverkan.search.text`) and the document's tags (its
kind, its regions, whether it is a draft: filters the full-text index applies itself); its rank is
BM25 with the title weighing ten times the body. PostgreSQL: two ``tsvector`` columns on
``search_documents``, each with a GIN index: the title and the body (title weight A, body weight
D, stemmed by the built-in ``swedish`` configuration), and the title alone.

The models do not map these (they differ per database); ``create_all`` makes them through the
DDL events below, migration 0011 through the same statements, and :func:`include_name` keeps
Alembic's comparison of models and database from reporting them.
"""
from sqlalchemy import DDL, event

from .models import SearchDocument

FTS_TABLE = "search_fts"
VECTOR_COLUMN = "search_vector"
TITLE_VECTOR_COLUMN = "title_vector"
VECTOR_INDEXES = ("ix_search_documents_search_vector", "ix_search_documents_title_vector")
#: how much more a hit in the title weighs than one in the body (SQLite's BM25 column weights)
TITLE_WEIGHT = 10.0

CREATE = {
    "sqlite": [
        # the text is stems already: the tokenizer only splits on the spaces and keeps å, ä, ö.
        # A query's words are prefixes, and FTS5 merges the lists of every word that starts with
        # one (dozens for a Swedish stem such as "kompetens"): prefix indexes of 3 to 10
        # characters hold those lists merged (measured with 100,000 initiatives: 15 ms instead
        # of 170 for "kompetens utbildning", for an index some 80 % larger)
        f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(title, body, tags, "
        "tokenize = 'unicode61 remove_diacritics 0', prefix = '3 4 5 6 7 8 9 10')",
        f"INSERT INTO {FTS_TABLE} ({FTS_TABLE}, rank) VALUES ('rank', 'bm25({TITLE_WEIGHT}, 1.0, 0.0)')",
    ],
    "postgresql": [
        f"ALTER TABLE search_documents ADD COLUMN {VECTOR_COLUMN} tsvector NOT NULL DEFAULT ''::tsvector, "
        f"ADD COLUMN {TITLE_VECTOR_COLUMN} tsvector NOT NULL DEFAULT ''::tsvector",
        f"CREATE INDEX {VECTOR_INDEXES[0]} ON search_documents USING gin ({VECTOR_COLUMN})",
        f"CREATE INDEX {VECTOR_INDEXES[1]} ON search_documents USING gin ({TITLE_VECTOR_COLUMN})",
        # the body and the vectors out of the row: a search reads many rows (its kind, regions,
        # draft) and few bodies, and thin rows are read quickly (100,000 initiatives: 14 MB of
        # rows instead of 240)
        "ALTER TABLE search_documents SET (toast_tuple_target = 128)",
    ],
}
DROP = {
    "sqlite": [f"DROP TABLE IF EXISTS {FTS_TABLE}"],
    "postgresql": [],  # the column and its index go with the table
}

for dialect, statements in CREATE.items():
    for statement in statements:
        event.listen(SearchDocument.__table__, "after_create", DDL(statement).execute_if(dialect=dialect))
for dialect, statements in DROP.items():
    for statement in statements:
        event.listen(SearchDocument.__table__, "before_drop", DDL(statement).execute_if(dialect=dialect))


def include_name(name, type_, parent_names):
    """Alembic's ``include_name``: leaves the full-text side out of autogenerate's comparison (the
    FTS5 table and its shadow tables, ``search_fts_*``; the tsvector columns and their indexes)."""
    if type_ == "table":
        return name != FTS_TABLE and not name.startswith(FTS_TABLE + "_")
    if type_ == "column":
        return not (parent_names.get("table_name") == SearchDocument.__tablename__
                    and name in (VECTOR_COLUMN, TITLE_VECTOR_COLUMN))
    if type_ == "index":
        return name not in VECTOR_INDEXES
    return True
