"""iCalendar: each meeting as ``.ics`` and subscribable feeds, including a person's secret one.

The feeds are public like the meeting pages; a person's feed is reached only through the secret
token in its URL, which the person can renew or revoke on their account page.
"""
from flask import Blueprint, Response, abort, g
from flask_babel import gettext as _
from ..accounts.services import calendar_feed_person
from ..extensions import db
from ..forums.models import Forum
from ..i18n import localized
from ..networks.models import Network
from ..policy import public
from . import calendar
from .models import Meeting
from .queries import network_forums, region_forums

bp = Blueprint("calendar", __name__)


def _ics(meetings, name, filename):
    return Response(calendar.meeting_calendar(meetings, name), mimetype="text/calendar",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@bp.get("/meetings/<int:meeting_id>.ics")
@public
def meeting(meeting_id):
    meeting = db.get_or_404(Meeting, meeting_id)
    return _ics([meeting], meeting.title, f"meeting-{meeting.id}.ics")


@bp.get("/regions/<region_slug>/meetings.ics")
@public
def region_feed():
    region = g.region
    return _ics(calendar.feed_meetings(region_forums(region)),
                _("Meetings in %(region)s", region=localized(region, "name").text),
                f"meetings-{region.slug}.ics")


@bp.get("/networks/<int:network_id>/meetings.ics")
@public
def network_feed(network_id):
    network = db.get_or_404(Network, network_id)
    return _ics(calendar.feed_meetings(network_forums(network.id)), network.name,
                f"meetings-network-{network.id}.ics")


@bp.get("/forums/<int:forum_id>/meetings.ics")
@public
def forum_feed(forum_id):
    forum = db.get_or_404(Forum, forum_id)
    return _ics(calendar.feed_meetings(calendar.in_forum(forum)), forum.name, f"meetings-forum-{forum.id}.ics")


@bp.get("/calendar/<token>.ics")
@public
def person_feed(token):
    """The person's own feed; an unknown or revoked token is a 404 like any unknown address."""
    person = calendar_feed_person(token)
    if person is None:
        abort(404)
    return _ics(calendar.feed_meetings(calendar.of_person(person)), _("My meetings in Samverkan"),
                "samverkan.ics")
