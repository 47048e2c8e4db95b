"""E-mail to a meeting's registrants: when what they planned around changes, and when a seat
frees up for someone on the waiting list.

Mails are written in the platform's default language (Swedish), whatever the language of the
person whose request caused them, since they go to others.
"""
from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..mail import send_mail
from ..times import to_local
from ..urls import external_url

#: the changes registrants are told about, and how each is named in the mail
NOTIFIED_FIELDS = {
    "starts_at": _l("Starts"),
    "ends_at": _l("Ends"),
    "place": _l("Place"),
    "video_url": _l("Video link"),
}


def _when(moment):
    return to_local(moment).strftime("%Y-%m-%d %H:%M") if moment else "–"


def _shown(field, value):
    if field in ("starts_at", "ends_at"):
        return _when(value)
    return value or "–"


def _meeting_url(meeting):
    return external_url("meetings.show", meeting_id=meeting.id)


def _mail_people(registrations, subject, body):
    for registration in registrations:
        person = registration.person
        if person.active:
            send_mail(person.email, subject, body)


def meeting_changed(meeting, changed_fields):
    """Tell every registrant (the waiting list too) that the meeting was moved or cancelled.

    ``changed_fields``: the names of the changed fields, or a mapping of them to their old
    values (then the mail says old → new). Changes of other fields send nothing.
    """
    old_values = changed_fields if hasattr(changed_fields, "get") else {}
    cancelled = "status" in changed_fields and meeting.status == "cancelled"
    changes = [field for field in NOTIFIED_FIELDS if field in changed_fields]
    if not (cancelled or changes) or not meeting.registrations:
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
                new = _shown(field, getattr(meeting, field))
                if field in old_values:
                    lines.append(f"{NOTIFIED_FIELDS[field]}: {_shown(field, old_values[field])} → {new}")
                else:
                    lines.append(f"{NOTIFIED_FIELDS[field]}: {new}")
        lines += ["", _("The meeting's page: %(url)s", url=_meeting_url(meeting))]
        _mail_people(meeting.registrations, subject, "\n".join(lines))


def promoted(registration):
    """Tell the person who moved up from the waiting list that they now have a seat."""
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
        _mail_people([registration], subject, body)
