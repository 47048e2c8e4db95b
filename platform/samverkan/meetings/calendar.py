"""Meetings as iCalendar (RFC 5545): one meeting's ``.ics`` and the feeds calendars subscribe to.

A meeting keeps its UID for life and raises its SEQUENCE on every change a calendar should see,
so subscribed calendars update the event in place; a cancelled meeting stays in the feeds as
STATUS:CANCELLED, so that calendars remove it rather than keep a stale copy. Times are written in
Europe/Stockholm with its VTIMEZONE, so a meeting keeps its wall-clock time across summer time.
"""
from datetime import UTC, timedelta
from urllib.parse import urlsplit

from flask import current_app
from icalendar import Calendar, Event
from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from ..times import utcnow
from ..extensions import db
from ..times import to_local
from ..forums.models import Forum
from ..networks.models import NetworkMember
from ..urls import external_url
from .models import Meeting
from .queries import registered_meetings

PRODID = "-//Samverkan//Meetings//SV"
#: how far back a feed reaches; every upcoming meeting is in it
FEED_PAST = timedelta(days=365)
#: at most this many events in a feed
FEED_LIMIT = 500


def _uid_host():
    base_url = current_app.config.get("BASE_URL")
    return (urlsplit(base_url).hostname if base_url else None) or "samverkan"


def _page_url(meeting):
    """The meeting's page on ``BASE_URL``; None where no address can be built (no ``BASE_URL``
    in production): a feed without links beats no feed."""
    try:
        return external_url("meetings.show", meeting_id=meeting.id)
    except RuntimeError:
        return None


def _event(meeting, host):
    event = Event()
    event.add("uid", f"{meeting.uid}@{host}")
    event.add("dtstamp", (meeting.updated_at or meeting.created_at or utcnow()).replace(tzinfo=UTC))
    event.add("sequence", meeting.sequence or 0)
    event.add("dtstart", to_local(meeting.starts_at))
    event.add("dtend", to_local(meeting.ends_at))
    event.add("summary", meeting.title)
    if meeting.place:
        event.add("location", meeting.place)
    url = meeting.video_url or _page_url(meeting)
    if url:
        event.add("url", url)
    description = [meeting.forum.name] + [f"– {item.title}" for item in meeting.agenda_items]
    event.add("description", "\n".join(description))
    event.add("status", "CANCELLED" if meeting.status == "cancelled" else "CONFIRMED")
    return event


def meeting_calendar(meetings, name):
    """The bytes of a VCALENDAR named ``name`` with one VEVENT per meeting."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    host = _uid_host()
    for meeting in meetings:
        calendar.add_component(_event(meeting, host))
    if meetings:
        # the time zone's rules over the meetings' years only, not 1970–2038
        calendar.add_missing_timezones(
            first_date=min(m.starts_at for m in meetings).date() - timedelta(days=366),
            last_date=max(m.ends_at for m in meetings).date() + timedelta(days=366))
    return calendar.to_ical()


# -- what the feeds hold -------------------------------------------------------------------------


def feed_meetings(*conditions):
    """The meetings of a feed: those matching ``conditions`` from the last year on, cancelled
    ones too, in time order, at most :data:`FEED_LIMIT`."""
    return db.session.scalars(
        select(Meeting).join(Forum, Meeting.forum_id == Forum.id)
        .where(Meeting.starts_at >= utcnow() - FEED_PAST, *conditions)
        .options(selectinload(Meeting.forum), selectinload(Meeting.agenda_items))
        .order_by(Meeting.starts_at, Meeting.id).limit(FEED_LIMIT)
    ).all()


def in_forum(forum):
    return Meeting.forum_id == forum.id


def of_person(person):
    """A person's meetings: those they registered for (waiting too), and their networks' meetings."""
    return or_(
        registered_meetings(person),
        Forum.network_id.in_(select(NetworkMember.network_id).where(NetworkMember.person_id == person.id)),
    )
