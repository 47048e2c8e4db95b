"""Domain events: what happened, said once by the service where it happens, heard by the features
that react to it.

A service calls :func:`emit` with one of the event types below. The event goes into the
``outbox_events`` table in the service's own transaction: a rolled-back transaction emits
nothing, and a committed one cannot lose its events. Right after the commit the events of that
transaction are delivered to their subscribers (:mod:`samverkan.subscribers`, the one list of who
reacts to what) in a transaction of their own, so that the next read sees what they wrote; what a
crash or a failing subscriber leaves undelivered, ``samverkan events dispatch`` delivers later.
Delivery is at least once: a subscriber must be safe to run twice for one event.

Events carry ids and non-personal facts only (never a name, an e-mail address or a phone number):
the outbox is kept, and a subscriber that needs more reads it from the database. A subscriber
that writes something once per event keys it by :func:`delivering` (the event's outbox id).
"""
import dataclasses
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import delete, event as sa_event, inspect, or_, select, text
from sqlalchemy.orm import Mapped, Session, mapped_column

from . import jobs
from .times import utcnow
from .extensions import db

log = logging.getLogger("samverkan.events")

#: undelivered events younger than this may still be on their way from the transaction that
#: emitted them; ``events dispatch`` leaves them (those tried and failed it takes at once)
IN_FLIGHT = timedelta(minutes=1)
#: how long ``events dispatch`` keeps delivered events (to see what happened lately)
KEPT = timedelta(days=7)
_EMITTED = "samverkan.emitted"
#: on ``app.extensions``: who subscribes to an event type (see :func:`init_app`)
_SUBSCRIBERS = "samverkan.subscribers"
#: on a delivering session's ``info``: the outbox id of the event its subscriber is handling
_DELIVERING = "samverkan.delivering"


@dataclass(frozen=True)
class Event:
    """The base of every domain event: frozen, and facts of the types in :data:`FACT_TYPES` only."""

    def facts(self):
        return {field.name: getattr(self, field.name) for field in dataclasses.fields(self)}


#: the types an event's facts may have: ids, flags and words of the code's own vocabulary, and
#: tuples (JSON keeps them as lists; a datetime goes as its ISO string)
FACT_TYPES = (int, bool, str, tuple, type(None))
#: what a tuple of facts may hold; a tuple named ``…_ids`` holds ids only
ITEM_TYPES = (int, str, type(None))


@dataclass(frozen=True)
class InitiativeChanged(Event):
    """An initiative was created (``change="created"``), edited (``"updated"``) or moved to
    another status (``"status"``)."""

    initiative_id: int
    region_ids: tuple
    change: str


@dataclass(frozen=True)
class InitiativesImported(Event):
    """A file created or updated these initiatives in one transaction (its new actors and networks
    have events of their own)."""

    region_id: int | None
    initiative_ids: tuple


@dataclass(frozen=True)
class ProgressReported(Event):
    """A progress report was added (``"added"``), edited (``"updated"``) or deleted (``"deleted"``)."""

    initiative_id: int
    entry_id: int
    region_id: int
    change: str


@dataclass(frozen=True)
class ActorChanged(Event):
    """An actor was created or edited, or joined a region; ``renamed``: its name changed (the
    initiatives it owns show it)."""

    actor_id: int
    region_ids: tuple
    change: str
    renamed: bool = False


@dataclass(frozen=True)
class MembershipChanged(Event):
    """A person was given (``"added"``) or lost (``"removed"``) a role in an actor for a region."""

    actor_id: int
    region_id: int | None
    role: str
    change: str


@dataclass(frozen=True)
class NetworkChanged(Event):
    """A network was created or edited (name, purpose, regions, plan goals) or moved a step."""

    network_id: int
    region_ids: tuple
    change: str


@dataclass(frozen=True)
class ForumChanged(Event):
    """A forum was created or edited: its meetings carry its name and its regions."""

    forum_id: int
    change: str


@dataclass(frozen=True)
class MeetingChanged(Event):
    """A meeting was created (``"created"``), edited (``"updated"``), got minutes (``"minutes"``)
    or a changed agenda (``"agenda"``). An edit names the calendar fields it changed
    (``fields``) and their old values in the same order (``before``: the meeting's public facts,
    a time as its ISO string), so that registrants can be told what moved from what."""

    meeting_id: int
    forum_id: int
    change: str
    fields: tuple = ()
    before: tuple = ()


@dataclass(frozen=True)
class RegistrationChanged(Event):
    """A seat at a meeting was taken (``"registered"``), a place on its waiting list taken
    (``"waiting"``), given up (``"cancelled"``), or a waiting registrant got a seat (``"promoted"``)."""

    meeting_id: int
    registration_id: int
    change: str


@dataclass(frozen=True)
class RoundOpened(Event):
    """A region opened a needs survey round."""

    round_id: int
    region_id: int


@dataclass(frozen=True)
class RoundClosed(Event):
    """A needs survey round's last day has passed: its answers are final (said once per round by
    ``samverkan surveys close``, run daily)."""

    round_id: int
    region_id: int


@dataclass(frozen=True)
class PlanSynced(Event):
    """``plugins sync`` wrote a region's plans, principles, council and keyed rows (around the
    ORM as well as through it)."""

    region_id: int
    plan_ids: tuple


@dataclass(frozen=True)
class PersonErased(Event):
    """A person was anonymised (``samverkan users anonymise``): only the id names them now."""

    person_id: int


#: every event type by name: the outbox stores the name
EVENT_TYPES = {cls.__name__: cls for cls in Event.__subclasses__()}


class OutboxEvent(db.Model):
    """An emitted event, kept until every subscriber has had it."""

    __tablename__ = "outbox_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(db.String(60))
    facts: Mapped[dict] = mapped_column(db.JSON)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: deliveries tried; the subscribers that failed the last one (None: none tried yet)
    attempts: Mapped[int] = mapped_column(default=0)
    failed: Mapped[list | None] = mapped_column(db.JSON)
    delivered_at: Mapped[datetime | None] = mapped_column(index=True)

    def event(self):
        """The event again (JSON made its tuples lists)."""
        return EVENT_TYPES[self.name](**{name: tuple(value) if isinstance(value, list) else value
                                         for name, value in self.facts.items()})


def init_app(app, subscribers_of):
    """``subscribers_of(event type) -> [(name, handler)]`` (:func:`samverkan.subscribers.subscribers_of`),
    handed over by the factory: the outbox knows no feature, the features' services emit into it."""
    app.extensions[_SUBSCRIBERS] = subscribers_of


def _subscribers_of(event_type):
    return current_app.extensions[_SUBSCRIBERS](event_type)


def emit(event, session=None):
    """Put ``event`` in the outbox of the current transaction (``db.session``'s unless given)."""
    if type(event) not in EVENT_TYPES.values():
        raise TypeError(f"{event!r} is not a domain event")
    facts = event.facts()
    for name, value in facts.items():
        items = value if isinstance(value, tuple) else ()
        if not isinstance(value, FACT_TYPES) or not all(
                isinstance(item, int if name.endswith("_ids") else ITEM_TYPES) for item in items):
            raise TypeError(f"{type(event).__name__}.{name}: {value!r} is not an id, a flag or a word")
    session = session if session is not None else db.session()
    row = OutboxEvent(name=type(event).__name__, facts=facts)
    session.add(row)
    if _subscribers_of(type(event)):
        session.info.setdefault(_EMITTED, []).append(row)
    else:  # nobody to hand it to: kept as said, without a delivery after the commit
        row.delivered_at = utcnow()
    return row


@jobs.periodic(jobs.crontab(minute="*/5"))
def dispatch():
    """What the outbox still holds, delivered (every five minutes in the worker, and by ``samverkan
    events dispatch``), and the delivered events older than :data:`KEPT` forgotten. Returns
    ``(delivered, failed, pruned)``."""
    delivered, failed = deliver()
    pruned = prune()
    db.session.commit()
    if failed:
        log.warning("events dispatch: %d event(s) still failing a subscriber", failed)
    return delivered, failed, pruned


def prune(kept=KEPT):
    """Delete the delivered events older than ``kept``; returns how many."""
    result = db.session.execute(delete(OutboxEvent).where(OutboxEvent.delivered_at < utcnow() - kept))
    return result.rowcount


def deliver(ids=None):
    """Hand undelivered events to their subscribers, oldest first, in a transaction of their own.

    ``ids``: those outbox rows (the events a transaction just committed); else every event
    tried and failed before, or older than :data:`IN_FLIGHT`. Each subscriber runs in a savepoint:
    one that raises is logged, its writes taken back, and its event kept for the next delivery,
    without stopping the others. Returns ``(delivered, failed)`` counts of events. This is the one
    way events are delivered, so that a job worker can run it.
    """
    delivered = failed = 0
    with Session(db.engine) as session:
        if session.get_bind().dialect.name == "postgresql":
            # what a crash takes back of a delivery is delivered again: no need to wait for the disk
            session.execute(text("SET LOCAL synchronous_commit = off"))
        query = select(OutboxEvent).where(OutboxEvent.delivered_at.is_(None)).order_by(OutboxEvent.id)
        if ids is not None:
            query = query.where(OutboxEvent.id.in_(ids))
        else:
            query = query.where(or_(OutboxEvent.attempts > 0, OutboxEvent.created_at < utcnow() - IN_FLIGHT))
        for row in session.scalars(query.with_for_update(skip_locked=True)).all():
            event = row.event()
            session.info[_DELIVERING] = row.id
            still = []
            for name, handler in _subscribers_of(type(event)):
                if row.failed is not None and name not in row.failed:
                    continue  # had it on an earlier try
                try:
                    with session.begin_nested():
                        handler(event, session)
                except Exception:  # a subscriber's own bug: the others and the emitter go on
                    log.exception("subscriber %s failed on %s #%s", name, row.name, row.id)
                    still.append(name)
            session.info.pop(_DELIVERING)
            row.attempts += 1
            row.failed = still
            if still:
                failed += 1
            else:
                row.delivered_at = utcnow()
                delivered += 1
        session.commit()
    return delivered, failed


def delivering(session):
    """The outbox id of the event a subscriber is handling in ``session`` (None outside a delivery):
    what it writes once per event carries it, so that a second delivery finds it there and writes
    nothing again (e.g. :func:`samverkan.mail.send_mail`'s ``event_id``)."""
    return session.info.get(_DELIVERING)


@sa_event.listens_for(Session, "after_commit")
def _deliver_after_commit(session):
    """The events a transaction emitted, delivered once it has committed (not when a savepoint is
    released, which SQLAlchemy reports as a commit too); never fails the emitter."""
    if session.in_nested_transaction():
        return
    rows = session.info.pop(_EMITTED, None)
    ids = [identity[0] for row in rows or () if (identity := inspect(row).identity)]
    if not ids:
        return
    try:
        deliver(ids)
    except Exception:  # e.g. the database went away: `events dispatch` delivers them later
        log.exception("delivering events %s failed; left for `samverkan events dispatch`", ids)


@sa_event.listens_for(Session, "after_transaction_end")
def _forget(session, transaction):
    """A rolled-back transaction's events are gone with it (a committed one's were taken above)."""
    if transaction.parent is None:
        session.info.pop(_EMITTED, None)
