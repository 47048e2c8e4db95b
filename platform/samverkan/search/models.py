"""The search index: a document per searchable object, written with the object's own changes."""
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db

#: the kinds of objects that are searched, in the order the search page offers them
KINDS = ("initiative", "actor", "network", "meeting")


class SearchDocument(db.Model):
    """What one initiative, actor, network or meeting is found by, and what a hit shows.

    The full-text side differs per database and is not mapped (:mod:`samverkan.search.schema`):
    an FTS5 table of stems on SQLite, a ``tsvector`` column with a GIN index on PostgreSQL.
    """

    __tablename__ = "search_documents"
    __table_args__ = (
        db.UniqueConstraint("kind", "object_id"),
        #: from a full-text match (a document id) to its object without reading the document's row:
        #: the initiative list's text filter maps every match (SQLite: 290 ms instead of 1 s for a
        #: word in 70,000 of 100,000 initiatives)
        db.Index("ix_search_documents_id_object_id", "id", "object_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: one of :data:`KINDS`
    kind: Mapped[str] = mapped_column(db.String(20))
    object_id: Mapped[int]
    #: the object's regions as " 3 17 " (padded with spaces: a region filter is one LIKE)
    region_ids: Mapped[str] = mapped_column(db.String(400), default=" ")
    #: a draft initiative: found only by those who may see it
    draft: Mapped[bool] = mapped_column(default=False)
    title: Mapped[str] = mapped_column(db.String(300))
    #: the text found besides the title, plain (the start of it is what a hit shows)
    body: Mapped[str] = mapped_column(db.Text, default="")

    @property
    def regions(self):
        return {int(region_id) for region_id in self.region_ids.split()}

    def __repr__(self):
        return f"<SearchDocument {self.kind} {self.object_id}>"


def region_list(region_ids):
    return " " + " ".join(str(region_id) for region_id in sorted(region_ids)) + " "
