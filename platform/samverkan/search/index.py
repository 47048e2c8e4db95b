"""One interface to the search index, with a backend per database.

:class:`SearchBackend` writes documents with their full-text side and turns a query's terms
(:func:`samverkan.search.text.query_terms`) into conditions, an order and a ranking: FTS5's BM25
on SQLite, ``ts_rank_cd`` on PostgreSQL. Both find through their index (an FTS5 ``MATCH``, a GIN
``@@``). Ranking costs a little for every document ranked (measured with 100,000 initiatives: some
7 µs a document on SQLite, 25 µs on PostgreSQL, and a common word matches most documents), so
the search ranks a bounded window (:mod:`samverkan.search.queries`): the newest matches, which
the index lists newest first, ranking only what it lists. "Newest" is the most recently
written document: a document is written anew whenever its object changes.
"""
from sqlalchemy import bindparam, cast, column, delete, false, func, insert, literal_column, select, table, text
from sqlalchemy.dialects.postgresql import TSQUERY

from ..extensions import db
from . import schema
from .models import SearchDocument
from .text import query_terms, stems, with_folded

DOCUMENTS = SearchDocument.__table__
#: the tier of the documents whose title holds every term (the search lists them first)
TITLE = "title"


class SearchBackend:
    """What differs between the databases. ``documents`` are dicts of the columns of
    :class:`SearchDocument` (without ``id``)."""

    def write(self, connection, documents):
        raise NotImplementedError

    def remove(self, connection, condition):
        """Deletes the documents that meet ``condition`` (on ``search_documents``)."""
        connection.execute(delete(DOCUMENTS).where(condition))

    def matching(self, query, terms, tier=None, kind=None, region_id=None, published=False):
        """``query`` (a select from :class:`SearchDocument`) narrowed to the documents that hold
        every term (all of them in the title for the tier ``TITLE``), of ``kind``, in the region
        ``region_id``, and no draft if ``published``."""
        raise NotImplementedError

    def windows(self, session, queries, terms, limit):
        """For each of ``queries`` (selects of ``SearchDocument.id`` from :meth:`matching`), its
        ``limit`` newest documents as (id, score) rows; a lower score is a better match (a title
        hit weighs ten times a hit in the text). Only these are scored."""
        return [session.execute(self.window(query, terms, limit)).all() for query in queries]

    def window(self, query, terms, limit):
        """The select of one of :meth:`windows`."""
        raise NotImplementedError


class SQLiteBackend(SearchBackend):
    """FTS5 over stems made in Python; the FTS row's rowid is the document's id. Its ``tags``
    column holds the document's kind (``kinitiative``), regions (``r3``) and ``draft``: filters
    the index intersects itself, which a condition on ``search_documents`` would check row by row."""

    fts = table(schema.FTS_TABLE, column("rowid"), column("rank"))
    _insert_fts = text(f"INSERT INTO {schema.FTS_TABLE} (rowid, title, body, tags) "
                       "VALUES (:id, :title, :body, :tags)")

    @staticmethod
    def tags(document):
        regions = " ".join(f"r{region_id}" for region_id in document["region_ids"].split())
        return f"k{document['kind']} {regions}" + (" draft" if document["draft"] else "")

    def write(self, connection, documents):
        if not documents:
            return
        ids = connection.execute(insert(DOCUMENTS).returning(DOCUMENTS.c.id, sort_by_parameter_order=True),
                                 documents).scalars().all()
        connection.execute(self._insert_fts, [
            {"id": id_, "title": stems(document["title"]), "body": stems(document["body"]),
             "tags": self.tags(document)}
            for id_, document in zip(ids, documents)
        ])

    def remove(self, connection, condition):
        connection.execute(delete(self.fts).where(self.fts.c.rowid.in_(select(DOCUMENTS.c.id).where(condition))))
        super().remove(connection, condition)

    @staticmethod
    def match_expression(terms, tier=None, kind=None, region_id=None, published=False):
        """FTS5's query syntax, built from words only (nothing the visitor typed reaches it as
        syntax): each term quoted, a prefix marked with ``*`` and OR'ed with the word's own stem,
        which BM25 then counts once more; the tier's columns; the filters as tags."""
        words = " AND ".join(f'("{term.stem}"* OR "{term.exact}")' if term.prefix else f'"{term.exact}"'
                             for term in terms)
        expression = f"({{title}} : ({words}))" if tier == TITLE else f"({{title body}} : ({words}))"
        for tag in ([f"k{kind}"] if kind else []) + ([f"r{region_id}"] if region_id else []):
            expression += f" AND ({{tags}} : {tag})"
        if published:
            expression = f"({expression}) NOT ({{tags}} : draft)"
        return expression

    def matching(self, query, terms, tier=None, kind=None, region_id=None, published=False):
        expression = self.match_expression(terms, tier, kind, region_id, published)
        return query.join(self.fts, self.fts.c.rowid == SearchDocument.id).where(
            literal_column(schema.FTS_TABLE).op("MATCH")(bindparam("match", expression, unique=True)))

    def window(self, query, terms, limit):
        # FTS5 lists a MATCH in rowid order itself: the LIMIT stops the reading and the ranking;
        # its rank is BM25 (negated: lower is better)
        return query.add_columns(self.fts.c.rank).order_by(self.fts.c.rowid.desc()).limit(limit)


class PostgresBackend(SearchBackend):
    """tsvectors of the ``swedish`` configuration: the title (weight A) and the body (weight D)
    in one, the title alone in the other (the title tier, found through its own index)."""

    vector = literal_column(f"search_documents.{schema.VECTOR_COLUMN}")
    title_vector = literal_column(f"search_documents.{schema.TITLE_VECTOR_COLUMN}")
    #: ts_rank_cd's weights of D, C, B and A: the title (A) ten times the body (D)
    weights = literal_column("'{0.1, 0.2, 0.4, 1.0}'::float4[]")
    _insert = text(
        "INSERT INTO search_documents (kind, object_id, region_ids, draft, title, body, "
        f"{schema.VECTOR_COLUMN}, {schema.TITLE_VECTOR_COLUMN}) "
        "VALUES (:kind, :object_id, :region_ids, :draft, :title, :body, "
        "setweight(to_tsvector('swedish', :title_words), 'A') || setweight(to_tsvector('swedish', :body_words), 'D'), "
        "to_tsvector('swedish', :title_words))"
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
    def _cast(text_):
        return cast(bindparam("tsquery", text_, unique=True), TSQUERY)

    def matching(self, query, terms, tier=None, kind=None, region_id=None, published=False):
        words = self.tsquery(terms)
        vector = self.title_vector if tier == TITLE else self.vector
        query = query.where(vector.op("@@")(self._cast(words)))
        if kind:
            query = query.where(SearchDocument.kind == kind)
        if region_id:
            query = query.where(SearchDocument.region_ids.contains(f" {region_id} "))
        if published:
            query = query.where(SearchDocument.draft.is_(False))
        return query

    def windows(self, session, queries, terms, limit):
        """The windows are found through the GIN indexes, whatever the planner estimates: it
        underrates what ``@@`` costs on a row (reading the tsvector from TOAST) and, ordering by
        id, would walk the primary key backwards testing every row: measured with 100,000
        initiatives, 100-300 ms for a word in 3 % of them, against 20 ms through the index (60 ms
        for a word in 70 %)."""
        session.execute(text("SELECT set_config('enable_seqscan', 'off', true), "
                             "set_config('enable_indexscan', 'off', true)"))
        try:
            return super().windows(session, queries, terms, limit)
        finally:
            session.execute(text("SELECT set_config(name, reset_val, true) FROM pg_settings "
                                 "WHERE name IN ('enable_seqscan', 'enable_indexscan')"))

    def window(self, query, terms, limit):
        """Only the window's rows are scored (scoring reads each row's tsvector)."""
        newest = query.order_by(SearchDocument.id.desc()).limit(limit).subquery()
        score = -(func.ts_rank_cd(self.weights, self.vector, self._cast(self.tsquery(terms)))
                  + func.ts_rank_cd(self.weights, self.vector, self._cast(self.exact_tsquery(terms))))
        return select(SearchDocument.id, score).join(newest, newest.c.id == SearchDocument.id)


BACKENDS = {"sqlite": SQLiteBackend(), "postgresql": PostgresBackend()}


def backend(bind=None):
    """The backend of the database the session (or ``bind``) talks to."""
    bind = bind if bind is not None else db.session.get_bind()
    return BACKENDS[bind.dialect.name]


def matching_ids(kind, q):
    """A select of the ids of the objects of ``kind`` whose document matches the text ``q`` (none
    when ``q`` holds no word to search for): for lists with a text filter."""
    terms = query_terms(q)
    query = select(SearchDocument.object_id)
    if not terms:
        return query.where(false())
    return backend().matching(query, terms, kind=kind)
