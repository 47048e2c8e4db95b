"""The search page's reads: the hits a person may see, ranked, a page at a time, and the objects
behind the hits."""
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import joinedload

from ..actors.models import Actor
from ..extensions import db
from ..forums.models import Forum
from ..initiatives.models import Initiative
from ..initiatives.queries import visible_to
from ..meetings.models import Meeting
from ..networks.models import Network
from ..pagination import Page
from .index import TITLE, backend
from .models import SearchDocument
from .text import query_terms

PAGE_SIZE = 20
#: how many of the newest matches are ranked: a common word matches most documents, and ranking
#: them all would cost seconds; beyond this, the visitor adds a word or a filter
WINDOW = 500
MAX_PAGE = 2 * WINDOW // PAGE_SIZE
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


def visible(person):
    """A condition on :class:`SearchDocument`: what ``person`` may find. Only initiatives have
    drafts, and a draft is found by those who see it in the initiative list."""
    published = SearchDocument.draft.is_(False)
    if person is None or not person.is_authenticated:
        return published
    drafts = select(Initiative.id).where(Initiative.draft.is_(True), visible_to(person))
    return or_(published, SearchDocument.object_id.in_(drafts))


def search(person, q, kind=None, region=None, page=1):
    """The hits for the text ``q`` that ``person`` may see; ``kind`` (one of
    :data:`~samverkan.search.models.KINDS`) and ``region`` (a :class:`Region`) narrow them.

    Two reads of the index, each of the :data:`WINDOW` most recently changed matches with their
    scores: those whose title holds every word, and all. The title hits come first, then the
    others, each best first. A window is read from the index newest first and stops there, so a
    search costs about the same for a rare word as for one that most documents hold.
    """
    terms = query_terms(q or "")
    if not terms:
        return Page([], page, PAGE_SIZE, 0)
    index = backend()
    anonymous = person is None or not person.is_authenticated

    def matching(tier):
        query = index.matching(select(SearchDocument.id), terms, tier=tier, kind=kind,
                               region_id=region.id if region is not None else None, published=anonymous)
        return query if anonymous else query.where(visible(person))

    titles, everything = index.windows(db.session, [matching(TITLE), matching(None)], terms, WINDOW)
    in_title = {document_id for document_id, _score in titles}
    ordered = [document_id for tier in (titles, [row for row in everything if row[0] not in in_title])
               for document_id, _score in sorted(tier, key=lambda row: (row[1], row[0]))]
    start = (page - 1) * PAGE_SIZE
    shown = ordered[start:start + PAGE_SIZE]
    documents = {document.id: document for document in db.session.scalars(
        select(SearchDocument).where(SearchDocument.id.in_(shown)))} if shown else {}
    return Page(_with_objects([documents[document_id] for document_id in shown if document_id in documents]),
                page, PAGE_SIZE, len(ordered), more=len(titles) == WINDOW or len(everything) == WINDOW,
                max_pages=MAX_PAGE)


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
