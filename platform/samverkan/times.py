"""Times of day (meetings, stage changes, actions): entered and shown in Europe/Stockholm,
stored as naive UTC.

A local time in the spring-forward gap (e.g. 2026-03-29 02:30) does not exist and is refused
(:class:`NonexistentTime`, a form error). A local time that occurs twice in the autumn
(e.g. 2026-10-25 02:30) is taken at its first occurrence (``fold=0``, still summer time): that
is what a person typing "02:30" most likely means, and the meeting page shows the result.
"""
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from babel import dates
from flask_babel import get_locale

STOCKHOLM = ZoneInfo("Europe/Stockholm")


class NonexistentTime(ValueError):
    """A Stockholm wall-clock time skipped by the change to summer time."""


def utcnow():
    """Now in UTC without a zone: what the database's timestamps hold."""
    return datetime.now(UTC).replace(tzinfo=None)


def to_utc(day: date, clock: time) -> datetime:
    """The naive UTC datetime of ``day`` at ``clock`` in Stockholm (first occurrence when ambiguous)."""
    local = datetime.combine(day, clock.replace(tzinfo=None), tzinfo=STOCKHOLM).replace(fold=0)
    utc = local.astimezone(UTC)
    if utc.astimezone(STOCKHOLM).replace(tzinfo=None) != local.replace(tzinfo=None):
        raise NonexistentTime(f"{day} {clock} does not exist in Stockholm")
    return utc.replace(tzinfo=None)


def to_local(value: datetime) -> datetime:
    """A stored (naive UTC) datetime as an aware Stockholm one."""
    return value.replace(tzinfo=UTC).astimezone(STOCKHOLM)


def today() -> date:
    """Today's date in Stockholm (what "overdue" is measured against)."""
    return datetime.now(STOCKHOLM).date()


def now_utc() -> datetime:
    """Now as naive UTC, comparable with stored times."""
    return datetime.now(UTC).replace(tzinfo=None)


def local_datetime(value, format="medium"):
    """Jinja filter: a stored UTC datetime in Stockholm time, in the UI's locale."""
    return dates.format_datetime(to_local(value), format, tzinfo=STOCKHOLM, locale=get_locale())


def local_date(value, format="medium"):
    """Jinja filter: the Stockholm date of a stored UTC datetime (or a plain date)."""
    day = to_local(value).date() if isinstance(value, datetime) else value
    return dates.format_date(day, format, locale=get_locale())


def local_time(value, format="short"):
    """Jinja filter: the Stockholm clock time of a stored UTC datetime."""
    return dates.format_time(to_local(value), format, tzinfo=STOCKHOLM, locale=get_locale())


def iso_utc(value):
    """A stored UTC datetime as ISO 8601 to the second, for ``<time datetime>`` (HTML allows at
    most three digits of a second)."""
    return value.isoformat(timespec="seconds") + "Z"


def iso_local(value):
    """The Stockholm time as ISO 8601 with its offset, for ``<time datetime>``."""
    return to_local(value).isoformat(timespec="minutes")

