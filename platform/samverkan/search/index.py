"""One interface to the search index, with a backend per database.

:class:`SearchBackend` writes documents with their full-text side and turns a query's terms
(:func:`samverkan.search.text.query_terms`) into a condition and a ranking: FTS5's BM25 on
SQLite, ``ts_rank_cd`` on PostgreSQL. Both find through their index (an FTS5 ``MATCH``, a GIN
``@@``) and rank only what that finds, so that a search costs what it finds, not what is stored.
"""
from sqlalchemy import bindparam, cast, column, delete, false, func, insert, literal_column, select, table, text
from sqlalchemy.dialects.postgresql import TSQUERY

from ..extensions import db
from . import schema
from .models import SearchDocument
from .text import query_terms, stems, with_folded

DOCUMENTS = SearchDocument.__table__


class SearchBackend:
    """What differs between the databases. ``documents`` are dicts of the columns of
    :class:`SearchDocument` (without ``id``)."""

    def write(self, connection, documents):
        raise NotImplementedError

    def remove(self, connection, condition):
        """Deletes the documents that meet ``condition`` (on ``search_documents``)."""
        connection.execute(delete(DOCUMENTS).where(condition))

    def matching(self, query, terms):
        """``query`` (a select from :class:`SearchDocument`) narrowed to the documents that hold
        every term."""
        raise NotImplementedError

    def ranked(self, query, terms):
        """``query`` (from :meth:`matching`) ordered best first."""
        raise NotImplementedError


class SQLiteBackend(SearchBackend):
    """FTS5 over stems made in Python; the FTS row's rowid is the document's id."""

    fts = table(schema.FTS_TABLE, column("rowid"), column("rank"))
    _insert_fts = text(f"INSERT INTO {schema.FTS_TABLE} (rowid, title, body) VALUES (:id, :title, :body)")

    def write(self, connection, documents):
        if not documents:
            return
        ids = connection.execute(insert(DOCUMENTS).returning(DOCUMENTS.c.id, sort_by_parameter_order=True),
                                 documents).scalars().all()
        connection.execute(self._insert_fts, [
            {"id": id_, "title": stems(document["title"]), "body": stems(document["body"])}
            for id_, document in zip(ids, documents)
        ])

    def remove(self, connection, condition):
        connection.execute(delete(self.fts).where(self.fts.c.rowid.in_(select(DOCUMENTS.c.id).where(condition))))
        super().remove(connection, condition)

    @staticmethod
    def match_expression(terms):
        """FTS5's query syntax, built from words only (nothing the visitor typed reaches it as
        syntax): each term quoted, a prefix marked with ``*``, OR'ed with the word's own stem,
        which BM25 then counts once more."""
        return " AND ".join(f'("{term.stem}"* OR "{term.exact}")' if term.prefix else f'"{term.exact}"'
                            for term in terms)

    def matching(self, query, terms):
        return query.join(self.fts, self.fts.c.rowid == SearchDocument.id).where(
            literal_column(schema.FTS_TABLE).op("MATCH")(bindparam("match", self.match_expression(terms), unique=True)))

    def ranked(self, query, terms):
        return query.order_by(self.fts.c.rank, SearchDocument.id)


class PostgresBackend(SearchBackend):
    """A tsvector of the ``swedish`` configuration: title weight A, body weight D."""

    vector = literal_column(f"search_documents.{schema.VECTOR_COLUMN}")
    #: ts_rank_cd's weights of D, C, B and A: the title (A) ten times the body (D)
    weights = literal_column("'{0.1, 0.2, 0.4, 1.0}'::float4[]")
    _insert = text(
        f"INSERT INTO search_documents (kind, object_id, region_ids, draft, title, body, {schema.VECTOR_COLUMN}) "
        "VALUES (:kind, :object_id, :region_ids, :draft, :title, :body, "
        "setweight(to_tsvector('swedish', :title_words), 'A') || setweight(to_tsvector('swedish', :body_words), 'D'))"
    )

    def write(self, connection, documents):
        if not documents:
            return
        connection.execute(self._insert, [
            {**document, "title_words": with_folded(document["title"]), "body_words": with_folded(document["body"])}
            for document in documents
        ])

    @staticmethod
    def tsquery(terms):
        """A tsquery of the terms as lexemes (stemmed already: not stemmed again), prefixes
        marked ``:*``; nothing the visitor typed reaches it as syntax."""
        return " & ".join(f"'{term.stem}'" + (":*" if term.prefix else "") for term in terms)

    @staticmethod
    def exact_tsquery(terms):
        """Any of the words' own stems: what ranks a document higher."""
        return " | ".join(f"'{term.exact}'" for term in terms)

    @staticmethod
    def _cast(text):
        return cast(bindparam("tsquery", text, unique=True), TSQUERY)

    def matching(self, query, terms):
        return query.where(self.vector.op("@@")(self._cast(self.tsquery(terms))))

    def ranked(self, query, terms):
        rank = (func.ts_rank_cd(self.weights, self.vector, self._cast(self.tsquery(terms)))
                + func.ts_rank_cd(self.weights, self.vector, self._cast(self.exact_tsquery(terms))))
        return query.order_by(rank.desc(), SearchDocument.id)


BACKENDS = {"sqlite": SQLiteBackend(), "postgresql": PostgresBackend()}


def backend(bind=None):
    """The backend of the database the session (or ``bind``) talks to."""
    bind = bind if bind is not None else db.session.get_bind()
    return BACKENDS[bind.dialect.name]


def matching_ids(kind, q):
    """A select of the ids of the objects of ``kind`` whose document matches the text ``q`` (none
    when ``q`` holds no word to search for): for lists with a text filter."""
    terms = query_terms(q)
    query = select(SearchDocument.object_id).where(SearchDocument.kind == kind)
    if not terms:
        return query.where(false())
    return backend().matching(query, terms)
