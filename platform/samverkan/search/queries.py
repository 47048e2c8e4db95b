"""The search page's reads: the hits a person may see, ranked, a page at a time, with how many
of each kind there are, and the objects behind the hits."""
from dataclasses import dataclass, field
from math import ceil

from sqlalchemy import func, or_, select
from sqlalchemy.orm import joinedload

from ..actors.models import Actor
from ..extensions import db
from ..forums.models import Forum
from ..initiatives.models import Initiative
from ..initiatives.queries import visible_to
from ..meetings.models import Meeting
from ..networks.models import Network
from .index import backend
from .models import SearchDocument
from .text import query_terms

PAGE_SIZE = 20
#: past this page the search asks for more words instead (ranking deep pages costs)
MAX_PAGE = 50
#: how much of a document's body a hit shows
EXCERPT = 220

#: kind -> the model and the loader options of what a hit shows
MODELS = {
    "initiative": (Initiative, lambda: (joinedload(Initiative.lead_region),)),
    "actor": (Actor, lambda: ()),
    "network": (Network, lambda: ()),
    "meeting": (Meeting, lambda: (joinedload(Meeting.forum).joinedload(Forum.network),)),
}


@dataclass
class Hit:
    document: SearchDocument
    #: the initiative, actor, network or meeting
    obj: object

    @property
    def kind(self):
        return self.document.kind

    @property
    def excerpt(self):
        body = " ".join(self.document.body.split())
        if len(body) <= EXCERPT:
            return body
        return body[:EXCERPT].rsplit(" ", 1)[0] + " …"


@dataclass
class Results:
    """A page of hits, shaped like a Flask-SQLAlchemy pagination (for ``partials/pager.html``)."""

    items: list
    total: int
    page: int
    per_page: int = PAGE_SIZE
    #: kind -> how many hits of that kind (whatever the kind filter)
    counts: dict = field(default_factory=dict)
    #: whether the query held a word to search for
    searched: bool = True

    @property
    def pages(self):
        return min(ceil(self.total / self.per_page), MAX_PAGE)

    @property
    def has_prev(self):
        return self.page > 1

    @property
    def has_next(self):
        return self.page < self.pages

    @property
    def prev_num(self):
        return self.page - 1

    @property
    def next_num(self):
        return self.page + 1


def visible(person):
    """A condition on :class:`SearchDocument`: what ``person`` may find. Only initiatives have
    drafts, and a draft is found by those who see it in the initiative list."""
    published = SearchDocument.draft.is_(False)
    if person is None or not person.is_authenticated:
        return published
    drafts = select(Initiative.id).where(Initiative.draft.is_(True), visible_to(person))
    return or_(published, SearchDocument.object_id.in_(drafts))


def search(person, q, kind=None, region=None, page=1):
    """The hits for the text ``q`` that ``person`` may see, best first; ``kind`` (one of
    :data:`~samverkan.search.models.KINDS`) and ``region`` (a :class:`Region`) narrow them."""
    terms = query_terms(q or "")
    if not terms:
        return Results([], 0, page, searched=False)
    index = backend()
    conditions = [visible(person)]
    if region is not None:
        conditions.append(SearchDocument.region_ids.contains(f" {region.id} "))
    counted = index.matching(select(SearchDocument.kind, func.count()).where(*conditions), terms)
    counts = dict(db.session.execute(counted.group_by(SearchDocument.kind)).all())
    total = counts.get(kind, 0) if kind else sum(counts.values())
    if kind:
        conditions.append(SearchDocument.kind == kind)
    hits = index.ranked(index.matching(select(SearchDocument).where(*conditions), terms), terms)
    documents = db.session.scalars(hits.limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE)).all() if total else []
    return Results(_with_objects(documents), total, page, counts=counts)


def _with_objects(documents):
    """Hits with the objects behind them, a query per kind; a document whose object is gone
    (written around the ORM, before a reindex) is left out."""
    ids = {}
    for document in documents:
        ids.setdefault(document.kind, []).append(document.object_id)
    objects = {}
    for kind, object_ids in ids.items():
        model, options = MODELS[kind]
        for obj in db.session.scalars(select(model).where(model.id.in_(object_ids)).options(*options())):
            objects[kind, obj.id] = obj
    return [Hit(document, objects[document.kind, document.object_id])
            for document in documents if (document.kind, document.object_id) in objects]
