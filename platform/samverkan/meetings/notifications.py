"""E-mail to a meeting's registrants: when what they planned around changes, and when a seat
frees up for someone on the waiting list.

Subscribers of the meeting's events (:mod:`samverkan.subscribers`): a mail goes out once the
change is committed, never for one rolled back, and once per event and person however often the
event is delivered (``send_mail`` keys a subscriber's mail by its event). Mails are written in the
platform's default language (Swedish), whatever the language of the person whose request caused
them, since they go to others.
"""
from datetime import datetime

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import selectinload

from ..mail import send_mail
from ..times import to_local
from ..urls import external_url
from .models import Meeting, Registration

#: the changes registrants are told about, and how each is named in the mail
NOTIFIED_FIELDS = {
    "starts_at": _l("Starts"),
    "ends_at": _l("Ends"),
    "place": _l("Place"),
    "video_url": _l("Video link"),
}
#: the fields whose values are times (an event carries a time as its ISO string)
TIMES = ("starts_at", "ends_at")


def _when(moment):
    return to_local(moment).strftime("%Y-%m-%d %H:%M") if moment else "–"


def _shown(field, value):
    if field in TIMES:
        return _when(datetime.fromisoformat(value) if isinstance(value, str) else value)
    return value or "–"


def _meeting_url(meeting):
    return external_url("meetings.show", meeting_id=meeting.id)


def _mail_people(session, registrations, subject, body):
    for registration in registrations:
        person = registration.person
        if person.active:
            send_mail(person.email, subject, body, session=session)


def on_meeting_changed(event, session):
    """Tell every registrant (the waiting list too) that the meeting was moved or cancelled; the
    mail says old → new. Other changes, and a meeting without registrants, send nothing."""
    if event.change != "updated":
        return
    meeting = session.get(Meeting, event.meeting_id,
                          options=[selectinload(Meeting.registrations).joinedload(Registration.person)])
    if meeting is None or not meeting.registrations:
        return
    old_values = dict(zip(event.fields, event.before))
    cancelled = "status" in old_values and meeting.status == "cancelled"
    changes = [field for field in NOTIFIED_FIELDS if field in old_values]
    if not (cancelled or changes):
        return
    with force_locale(current_app.config["BABEL_DEFAULT_LOCALE"]):
        if cancelled:
            subject = _("Cancelled: %(title)s", title=meeting.title)
            lines = [_("The meeting %(title)s on %(when)s is cancelled.", title=meeting.title,
                       when=_when(meeting.starts_at))]
        else:
            subject = _("Changed: %(title)s", title=meeting.title)
            lines = [_("The meeting %(title)s has changed:", title=meeting.title), ""]
            for field in changes:
                lines.append(f"{NOTIFIED_FIELDS[field]}: {_shown(field, old_values[field])} → "
                             f"{_shown(field, getattr(meeting, field))}")
        lines += ["", _("The meeting's page: %(url)s", url=_meeting_url(meeting))]
        _mail_people(session, meeting.registrations, subject, "\n".join(lines))


def on_registration_changed(event, session):
    """Tell the person who moved up from the waiting list that they now have a seat (unless they
    have left the meeting since)."""
    if event.change != "promoted":
        return
    registration = session.get(Registration, event.registration_id)
    if registration is None or registration.waiting:
        return
    meeting = registration.meeting
    with force_locale(current_app.config["BABEL_DEFAULT_LOCALE"]):
        subject = _("You have a seat: %(title)s", title=meeting.title)
        body = "\n".join([
            _("A seat became free at the meeting %(title)s on %(when)s, and it is yours: you have moved up "
              "from the waiting list.", title=meeting.title, when=_when(meeting.starts_at)),
            "",
            _("If you cannot come, cancel your registration on the meeting's page, so that the next person "
              "gets the seat: %(url)s", url=_meeting_url(meeting)),
        ])
        _mail_people(session, [registration], subject, body)
