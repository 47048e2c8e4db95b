"""Registering for a meeting: seats first come, first served, then the waiting list.

Seats are counted and taken under a lock on the meeting's row (``SELECT … FOR UPDATE``), so that
two people taking the last seat at the same moment never overbook on PostgreSQL: the second waits
for the first to commit, then counts again and goes on the waiting list. (SQLite writes one
transaction at a time and ignores the lock.) The services flush, never commit.
"""
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from ..times import utcnow
from ..events import RegistrationChanged, emit
from ..extensions import db
from .models import Meeting, Registration

#: what a call did -> what the person is told
MESSAGES = {
    "registered": _l("You are registered for the meeting."),
    "waiting": _l("The meeting is full: you are on the waiting list, in place %(place)s."),
    "already-registered": _l("You were already registered for the meeting."),
    "already-waiting": _l("You were already on the waiting list, in place %(place)s."),
    "cancelled": _l("Your registration is cancelled."),
    "not-registered": _l("You were not registered for the meeting."),
}


class RegistrationClosed(ValueError):
    """Registration refused: the meeting is cancelled or has begun. The message is for the person."""


@dataclass(frozen=True)
class Outcome:
    """What :func:`register` or :func:`cancel` did: a key of :data:`MESSAGES`, and the place on
    the waiting list where there is one."""

    what: str
    place: int | None = None

    @property
    def message(self):
        text = MESSAGES[self.what]
        return text % {"place": self.place} if self.place else text


@dataclass(frozen=True)
class State:
    """A meeting's registrations as its page shows them, and where ``person`` stands."""

    seats: list
    waiting: list
    #: the person's registration, or None
    mine: Registration | None
    #: the person's place on the waiting list (1 is next), or None
    place: int | None
    #: whether registration is open (the meeting is planned and has not begun)
    open: bool


def state(meeting, person=None):
    registrations = meeting.registrations  # ordered by created_at, id: first come, first served
    waiting = [r for r in registrations if r.waiting]
    person_id = person.id if person is not None and person.is_authenticated else None
    mine = next((r for r in registrations if r.person_id == person_id), None)
    place = waiting.index(mine) + 1 if mine is not None and mine.waiting else None
    return State([r for r in registrations if not r.waiting], waiting, mine, place, closed_problem(meeting) is None)


def closed_problem(meeting):
    """Why registering for ``meeting`` is refused (a translatable message), or None."""
    if meeting.status == "cancelled":
        return _l("The meeting is cancelled: registration is closed.")
    if meeting.status == "held" or meeting.starts_at <= utcnow():
        return _l("The meeting has already begun: registration is closed.")
    return None


def _lock(meeting):
    """The meeting's row, locked until the transaction ends, with its values read afresh."""
    return db.session.execute(
        select(Meeting).where(Meeting.id == meeting.id).with_for_update()
        .execution_options(populate_existing=True)
    ).scalar_one()


def _seats_taken(meeting):
    return db.session.scalar(select(func.count()).select_from(Registration).where(
        Registration.meeting_id == meeting.id, Registration.waiting.is_(False)))


def _waiting(meeting):
    return db.session.scalars(select(Registration).where(
        Registration.meeting_id == meeting.id, Registration.waiting.is_(True)
    ).order_by(Registration.created_at, Registration.id)).all()


def _registration_of(meeting, person):
    return db.session.execute(select(Registration).filter_by(meeting_id=meeting.id, person_id=person.id)
                              ).scalar_one_or_none()


def _place(meeting, registration):
    return [r.id for r in _waiting(meeting)].index(registration.id) + 1


def register(meeting, person):
    """A seat for ``person``, or a place on the waiting list when the seats are taken.

    Registering twice changes nothing. Raises :class:`RegistrationClosed` for a cancelled
    meeting or one that has begun.
    """
    meeting = _lock(meeting)
    problem = closed_problem(meeting)
    if problem:
        raise RegistrationClosed(problem)
    existing = _registration_of(meeting, person)
    if existing is not None:
        if existing.waiting:
            return Outcome("already-waiting", _place(meeting, existing))
        return Outcome("already-registered")
    full = meeting.capacity is not None and _seats_taken(meeting) >= meeting.capacity
    registration = Registration(meeting=meeting, person=person, waiting=full)
    db.session.add(registration)
    db.session.flush()
    _changed(registration, "waiting" if full else "registered")
    if full:
        return Outcome("waiting", _place(meeting, registration))
    return Outcome("registered")


def cancel(meeting, person):
    """Give up ``person``'s seat or place; a freed seat goes to the first on the waiting list
    (:func:`promote_waiting`). Raises :class:`RegistrationClosed` once the meeting has begun."""
    meeting = _lock(meeting)
    problem = closed_problem(meeting)
    if problem and meeting.status != "cancelled":  # leaving a cancelled meeting's list is harmless
        raise RegistrationClosed(problem)
    registration = _registration_of(meeting, person)
    if registration is None:
        return Outcome("not-registered")
    _changed(registration, "cancelled")
    meeting.registrations.remove(registration)
    db.session.flush()
    if meeting.status == "planned":
        promote_waiting(meeting)
    return Outcome("cancelled")


def promote_waiting(meeting):
    """Give the free seats (after a cancellation, or more seats) to the first on the waiting list,
    each said by a ``"promoted"`` :class:`~samverkan.events.RegistrationChanged` (on which they are
    told by e-mail, :mod:`.notifications`); returns who moved up."""
    waiting = _waiting(meeting)
    moved_up = waiting if meeting.capacity is None else waiting[:max(meeting.capacity - _seats_taken(meeting), 0)]
    for registration in moved_up:
        registration.waiting = False
    db.session.flush()
    for registration in moved_up:
        _changed(registration, "promoted")
    return moved_up


def _changed(registration, change):
    emit(RegistrationChanged(meeting_id=registration.meeting_id, registration_id=registration.id, change=change))
