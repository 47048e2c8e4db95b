"""What each kind of object is found by, and keeping the index current.

Session hooks note which documents a flush touches (an initiative, an actor's name that its
initiatives carry, a meeting's agenda item …); before the transaction commits, those documents
are written anew from the objects as they are then, in the same transaction. So every writer is
covered (views, ``demo load``, ``plugins sync``, importers), and a rolled-back change leaves the
index as it was. ``samverkan search reindex`` (:func:`reindex`) rebuilds everything, for data
written around the ORM (bulk loads, SQL).
"""
import re
from collections import defaultdict

from sqlalchemy import event, inspect, select, true
from sqlalchemy.orm import Session, joinedload, selectinload

from ..actors.models import Actor
from ..extensions import db
from ..forums.models import Forum
from ..initiatives.models import Initiative
from ..meetings.models import AgendaItem, Meeting, meeting_region_ids
from ..networks.models import Network
from .index import backend
from .models import KINDS, SearchDocument, region_list

#: how many objects a reindex reads and writes at a time
BATCH = 1000
_PENDING = "search_pending"


_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_MARKUP = re.compile(r"[*_`#>\[\]]+")


def plain(markdown):
    """Markdown as the words a reader sees: without emphasis, headings and link targets (cheaper
    than rendering it, which a reindex of many initiatives would feel)."""
    return _MARKUP.sub("", _LINK_TARGET.sub("]", markdown or ""))


def _join(*parts):
    return "\n".join(part.strip() for part in parts if part and part.strip())


def _initiative(initiative):
    return dict(title=initiative.title, draft=initiative.draft, region_ids=initiative.region_ids,
                body=_join(initiative.summary, plain(initiative.description), plain(initiative.results),
                           plain(initiative.lessons_learned), initiative.owner.name if initiative.owner else ""))


def _actor(actor):
    return dict(title=actor.name, region_ids={region.id for region in actor.regions},
                body=_join(actor.description, actor.municipality))


def _network(network):
    return dict(title=network.name, region_ids={region.id for region in network.regions},
                body=_join(network.purpose))


def _meeting(meeting):
    agenda = [_join(item.title, item.notes) for item in meeting.agenda_items]
    return dict(title=meeting.title, region_ids=meeting_region_ids(meeting),
                body=_join(meeting.forum.name, meeting.place, *agenda))


#: kind -> (model, the loader options a document needs, the document of one object)
SOURCES = {
    "initiative": (Initiative, lambda: (joinedload(Initiative.owner), selectinload(Initiative.partner_regions)),
                   _initiative),
    "actor": (Actor, lambda: (selectinload(Actor.regions),), _actor),
    "network": (Network, lambda: (selectinload(Network.regions),), _network),
    "meeting": (Meeting, lambda: (joinedload(Meeting.forum).joinedload(Forum.network).selectinload(Network.regions),
                                  selectinload(Meeting.agenda_items)), _meeting),
}


def documents_of(kind, objects):
    """The rows of ``search_documents`` for ``objects`` of ``kind``."""
    build = SOURCES[kind][2]
    documents = []
    for obj in objects:
        document = {"kind": kind, "object_id": obj.id, "draft": False, **build(obj)}
        document["region_ids"] = region_list(document["region_ids"])
        document["title"] = document["title"][:300]
        documents.append(document)
    return documents


def write(session, kind, ids, release=False):
    """Writes the documents of the objects ``ids`` of ``kind`` anew from the database: an object
    that is gone loses its document. ``release``: the objects read leave the session after each
    batch (a reindex reads every object once and would otherwise hold them all)."""
    ids = sorted(ids)
    model, options, _build = SOURCES[kind]
    connection = session.connection()
    search = backend(connection)
    for start in range(0, len(ids), BATCH):
        chunk = ids[start:start + BATCH]
        objects = session.scalars(select(model).where(model.id.in_(chunk)).options(*options())
                                  .order_by(model.id)).unique().all()
        search.remove(connection, (SearchDocument.kind == kind) & SearchDocument.object_id.in_(chunk))
        search.write(connection, documents_of(kind, objects))
        if release:
            session.expunge_all()


def reindex(session=None):
    """Every document anew, in the caller's transaction; returns kind -> how many objects."""
    session = session or db.session()
    session.flush()
    connection = session.connection()
    backend(connection).remove(connection, true())
    counts = {}
    for kind in KINDS:
        model = SOURCES[kind][0]
        ids = session.scalars(select(model.id)).all()
        write(session, kind, ids, release=True)
        counts[kind] = len(ids)
    session.info.pop(_PENDING, None)  # written just now
    return counts


# -- what a flush touches ---------------------------------------------------------------------

def _changed(obj, *names):
    state = inspect(obj)
    return any(state.attrs[name].history.has_changes() for name in names)


def _touched(obj, pending, new):
    """Notes what the change of ``obj`` touches: documents by kind and id, and objects whose
    documents follow from it (an actor's initiatives, a forum's meetings, a network's meetings)."""
    if isinstance(obj, Initiative):
        pending["initiative"].add(obj.id)
    elif isinstance(obj, Actor):
        pending["actor"].add(obj.id)
        if not new and _changed(obj, "name"):
            pending["owner"].add(obj.id)
    elif isinstance(obj, Network):
        pending["network"].add(obj.id)
        if not new and _changed(obj, "regions"):
            pending["network-forums"].add(obj.id)
    elif isinstance(obj, Meeting):
        pending["meeting"].add(obj.id)
    elif isinstance(obj, AgendaItem):
        if obj.meeting_id is not None:
            pending["meeting"].add(obj.meeting_id)
    elif isinstance(obj, Forum) and not new and _changed(obj, "name", "network_id", "region_id"):
        pending["forum"].add(obj.id)  # its meetings carry its name and its regions


@event.listens_for(Session, "after_flush")
def _note_changes(session, flush_context):
    pending = session.info.setdefault(_PENDING, defaultdict(set))
    for obj in session.new:
        _touched(obj, pending, new=True)
    for obj in session.dirty:
        _touched(obj, pending, new=False)
    for obj in session.deleted:
        _touched(obj, pending, new=False)


def _follow(session, pending):
    """The documents that follow from changed actors, forums and networks."""
    if owners := pending.pop("owner", None):
        pending["initiative"].update(session.scalars(select(Initiative.id).where(Initiative.owner_id.in_(owners))))
    forums = pending.pop("forum", set())
    if networks := pending.pop("network-forums", None):
        forums |= set(session.scalars(select(Forum.id).where(Forum.network_id.in_(networks))))
    if forums:
        pending["meeting"].update(session.scalars(select(Meeting.id).where(Meeting.forum_id.in_(forums))))


@event.listens_for(Session, "before_commit")
def _write_touched(session):
    """Writes the touched documents, in the transaction that is about to commit."""
    if not session.info.get(_PENDING):
        return
    session.flush()
    pending = session.info.pop(_PENDING)
    with session.no_autoflush:
        _follow(session, pending)
        for kind in KINDS:
            if pending.get(kind):
                write(session, kind, pending[kind])


@event.listens_for(Session, "after_transaction_end")
def _forget(session, transaction):
    if transaction.parent is None:
        session.info.pop(_PENDING, None)
