"""What each kind of object is found by, and keeping the index current.

The index subscribes to the domain events (:mod:`samverkan.subscribers`): once the transaction
that changed an initiative, an actor, a network, a forum or a meeting commits, the documents the
change touches (an actor's name is in its initiatives', a forum's in its meetings') are written
anew from the database as it is then, so a search right after a write finds it, and a rolled-back
change, which emits nothing, leaves the index as it was. ``samverkan search reindex``
(:func:`reindex`) rebuilds everything, for data written around the services (bulk loads, SQL).
"""
import re

from sqlalchemy import select, true
from sqlalchemy.orm import joinedload, selectinload

from ..actors.models import Actor
from ..extensions import db
from ..forums.models import Forum
from ..initiatives.models import Initiative
from ..meetings.models import Meeting, meeting_region_ids
from ..networks.models import Network
from .index import backend
from .models import KINDS, SearchDocument, region_list

#: how many objects a reindex reads and writes at a time
BATCH = 1000


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
    ids = sorted(set(ids))
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
    return counts


# -- the subscribers (:mod:`samverkan.subscribers`): the documents an event touches ---------------

def on_initiative(event, session):
    write(session, "initiative", [event.initiative_id])


def on_initiatives(event, session):
    write(session, "initiative", event.initiative_ids)


def on_actor(event, session):
    """The actor's document, and its initiatives' when it was renamed (they carry its name)."""
    write(session, "actor", [event.actor_id])
    if event.renamed:
        owned = select(Initiative.id).where(Initiative.owner_id == event.actor_id)
        write(session, "initiative", session.scalars(owned))


def on_network(event, session):
    """The network's document, and its meetings' (they are found in its regions)."""
    write(session, "network", [event.network_id])
    meetings = select(Meeting.id).join(Forum).where(Forum.network_id == event.network_id)
    write(session, "meeting", session.scalars(meetings))


def on_forum(event, session):
    """The forum's meetings: they carry its name and its regions."""
    write(session, "meeting", session.scalars(select(Meeting.id).where(Meeting.forum_id == event.forum_id)))


def on_meeting(event, session):
    write(session, "meeting", [event.meeting_id])


def on_plan_synced(event, session):
    """The region's networks: a sync writes its council's network, around the ORM too."""
    write(session, "network", session.scalars(select(Network.id).where(Network.regions.any(id=event.region_id))))
