"""Writing meetings and their parts. The caller commits.

Agenda items and decisions keep contiguous positions 0..n-1. A change a calendar should see
(title, times, place, video link, status) raises the meeting's iCalendar ``sequence`` and is said by
:class:`~samverkan.events.MeetingChanged` with the old values, which the registrants' mail (a
subscriber, :mod:`.notifications`) shows.
"""
from datetime import datetime

from sqlalchemy import select

from ..events import MeetingChanged, emit
from ..extensions import db
from ..plans.models import PlanNode
from ..times import now_utc
from .models import Action, AgendaItem, Decision, Meeting
from .registrations import promote_waiting

#: the fields whose change calendars and registrants must hear about
CALENDAR_FIELDS = ("title", "starts_at", "ends_at", "place", "video_url", "status")


def _changed(meeting, change, old_values=None):
    """Say that ``meeting`` changed; ``old_values``: the changed calendar fields' old values."""
    old_values = old_values or {}
    emit(MeetingChanged(meeting_id=meeting.id, forum_id=meeting.forum_id, change=change,
                        fields=tuple(old_values),
                        before=tuple(value.isoformat() if isinstance(value, datetime) else value
                                     for value in old_values.values())))


def _nodes(node_ids):
    if not node_ids:
        return []
    return db.session.scalars(select(PlanNode).where(PlanNode.id.in_(node_ids)).order_by(PlanNode.id)).all()


def _values(form):
    return {"title": form.title.data.strip(), "starts_at": form.starts_at, "ends_at": form.ends_at,
            "place": (form.place.data or "").strip(), "video_url": form.video_url.data or None,
            "capacity": form.capacity.data, "status": form.status.data}


def create_meeting(forum, form):
    """A meeting from a validated :class:`~.forms.MeetingForm`; its agenda starts as the forum
    model's recurring items, when the forum has a model."""
    meeting = Meeting(forum=forum, nodes=_nodes(form.nodes.data), **_values(form))
    db.session.add(meeting)
    if forum.model is not None:
        for position, item in enumerate(forum.model.agenda_items):
            meeting.agenda_items.append(AgendaItem(title=item.title, position=position))
    db.session.flush()
    _changed(meeting, "created")
    return meeting


def update_meeting(meeting, form):
    """Apply a validated :class:`~.forms.MeetingForm` (:func:`change_meeting`, and the plan nodes)."""
    meeting.nodes = _nodes(form.nodes.data)
    return change_meeting(meeting, _values(form))


def change_meeting(meeting, values):
    """Set ``values`` (the meeting's fields by name). A change calendars should see raises the
    sequence; more seats go to the waiting list.

    Returns the changed calendar fields, each with its old value.
    """
    changed = {field: getattr(meeting, field) for field in CALENDAR_FIELDS
               if field in values and getattr(meeting, field) != values[field]}
    capacity = values.get("capacity", meeting.capacity)
    more_seats = capacity != meeting.capacity and (
        capacity is None or (meeting.capacity is not None and capacity > meeting.capacity))
    for field, value in values.items():
        setattr(meeting, field, value)
    if changed:
        meeting.sequence += 1
    db.session.flush()
    _changed(meeting, "updated", changed)
    if more_seats and meeting.status == "planned":
        promote_waiting(meeting)
    return changed


def set_minutes(meeting, text):
    meeting.minutes = text or ""
    db.session.flush()
    _changed(meeting, "minutes")


# -- agenda -----------------------------------------------------------------------------------

def _renumber(rows):
    for position, row in enumerate(rows):
        if row.position != position:
            row.position = position


def add_agenda_item(meeting, title, notes=""):
    item = AgendaItem(title=title.strip(), notes=(notes or "").strip(), position=len(meeting.agenda_items))
    meeting.agenda_items.append(item)
    db.session.flush()
    _changed(meeting, "agenda")
    return item


def update_agenda_item(item, title, notes=""):
    item.title, item.notes = title.strip(), (notes or "").strip()
    db.session.flush()
    _changed(item.meeting, "agenda")


def move_agenda_item(item, direction):
    """Swap the item with its neighbour above or below; at either end nothing moves."""
    items = list(item.meeting.agenda_items)
    index = items.index(item)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(items):
        items[index], items[other] = items[other], items[index]
    _renumber(items)
    db.session.flush()
    _changed(item.meeting, "agenda")
    db.session.expire(item.meeting, ["agenda_items"])


def delete_agenda_item(item):
    meeting = item.meeting
    meeting.agenda_items.remove(item)
    _renumber(meeting.agenda_items)
    db.session.flush()
    _changed(meeting, "agenda")


# -- decisions and actions --------------------------------------------------------------------

def add_decision(meeting, text):
    decision = Decision(text=text.strip(), position=len(meeting.decisions))
    meeting.decisions.append(decision)
    db.session.flush()
    return decision


def delete_decision(decision):
    meeting = decision.meeting
    for action in meeting.actions:  # what ON DELETE SET NULL does, said here for every database
        if action.decision_id == decision.id:
            action.decision = None
    meeting.decisions.remove(decision)
    _renumber(meeting.decisions)
    db.session.flush()


def add_action(meeting, form):
    action = Action(what=form.what.data.strip(), owner_person=form.owner_person,
                    owner_actor_id=None if form.owner_person else form.owner_actor.data,
                    due_on=form.due_on.data, node_id=form.node.data, decision_id=form.decision.data,
                    initiative_id=form.initiative.data)
    meeting.actions.append(action)
    db.session.flush()
    return action


def toggle_action(action):
    action.done = not action.done
    action.done_at = now_utc() if action.done else None
    db.session.flush()
