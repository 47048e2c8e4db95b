"""Who reacts to which domain event: the one list.

Features do not listen to each other's writes; a service emits an event (:mod:`samverkan.events`)
and the features that care are named here, against the event. A subscriber is
``handler(event, session)``: it runs after the emitting transaction has committed, in a
transaction of its own (``session``), and must be safe to run twice for one event (delivery is at
least once). Region plugins add theirs through the ``samverkan_event_subscribers`` hook; they run
after the core's.

Event                    Subscribers
InitiativeChanged        the search index: the initiative's document
InitiativesImported      the search index: the imported initiatives' documents
ActorChanged             the search index: the actor's document, its initiatives' when renamed
NetworkChanged           the search index: the network's document and its meetings'
ForumChanged             the search index: its meetings' documents
MeetingChanged           the search index: the meeting's document;
                         mail: a moved or cancelled meeting, to its registrants (old → new)
RegistrationChanged      mail: a seat, to the registrant promoted from the waiting list
RoundClosed              the audit log: "closed" (nobody's request closed it)
PlanSynced               the search index: the region's networks (its council's);
                         the audit log: "synced" (one row for the many the sync writes)
ProgressReported, MembershipChanged, RoundOpened, PersonErased:
                         none in the core (for plugins)

What a subscriber writes once per event it keys by the event's outbox id
(:func:`samverkan.events.delivering`): a mail per event and recipient, an audit row per event.

Not here, by design:

- **cache generations** are bumped by one listener in :mod:`samverkan.cache` after every commit
  that wrote a table a cached read declares, whoever wrote it (an ORM flush, a Core statement, a
  command), with or without an event;
- **the audit log's rows** for changes of ``__audited__`` models are written by its session hook
  in the changing transaction (:mod:`samverkan.audit`); an import and an erased person already
  have a row of their own there (``import``, ``anonymise``), a round opened its ``create``;
- **survey invitations** (:mod:`samverkan.needs.invitations`) are not a reaction to
  ``RoundOpened``: a region admin sends them when the addresses are complete, maybe days after
  opening, each with a fresh personal link, and is told how many went.
"""
from flask import current_app, has_app_context

from . import audit, events
from .meetings import notifications
from .search import documents as search

SUBSCRIBERS = {
    events.InitiativeChanged: (search.on_initiative,),
    events.InitiativesImported: (search.on_initiatives,),
    events.ActorChanged: (search.on_actor,),
    events.NetworkChanged: (search.on_network,),
    events.ForumChanged: (search.on_forum,),
    events.MeetingChanged: (search.on_meeting, notifications.on_meeting_changed),
    events.RegistrationChanged: (notifications.on_registration_changed,),
    events.RoundClosed: (audit.on_round_closed,),
    events.PlanSynced: (search.on_plan_synced, audit.on_plan_synced),
}


def name_of(handler):
    """A subscriber's stable name: the outbox keeps the names of those that failed."""
    return f"{handler.__module__}.{handler.__qualname__}"


def subscribers_of(event_type):
    """``[(name, handler)]`` for ``event_type``: the core's, then the app's plugins'."""
    handlers = list(SUBSCRIBERS.get(event_type, ()))
    if has_app_context():
        handlers += [subscriber.handler for content in current_app.extensions["samverkan.plugins"]
                     for subscriber in content.event_subscribers if subscriber.event is event_type]
    return [(name_of(handler), handler) for handler in handlers]
