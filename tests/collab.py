"""Small builders for the collaboration objects (actors, networks, forums, meetings) in tests,
and readers of why a request was refused (a form's errors, an error page, the audit log).

Each builder adds the object to the session and flushes it, emitting the domain event its service
would (so the search index follows); the caller commits. Times are UTC.
"""
import html
import re
from contextlib import contextmanager
from datetime import timedelta

from flask import template_rendered
from sqlalchemy import select
from werkzeug.exceptions import HTTPException

from samverkan.accounts.models import Person
from samverkan.times import utcnow
from samverkan.actors.models import Actor, Membership, comparable_name
from samverkan.events import ActorChanged, ForumChanged, MeetingChanged, NetworkChanged, emit
from samverkan.extensions import db
from samverkan.forums.models import Forum, ForumModel
from samverkan.meetings.models import Action, AgendaItem, Decision, Meeting
from samverkan.networks.models import Network, NetworkMember
from samverkan.regions.models import Region


def by(email):
    """A condition on audit events: acted by the person with ``email`` (the log keeps their id)."""
    from samverkan.audit import AuditEvent

    return AuditEvent.person_id == select(Person.id).where(Person.email == email).scalar_subquery()


def actor_email(app, event):
    """The e-mail, as it is now, of the person who acted in ``event`` (None: nobody signed in)."""
    if event.person_id is None:
        return None
    with app.app_context():
        return db.session.get(Person, event.person_id).email


def region(slug):
    return db.session.execute(select(Region).filter_by(slug=slug)).scalar_one()


def person(email):
    return db.session.execute(select(Person).filter_by(email=email)).scalar_one()


def _add(obj, event=None):
    """``event(obj)``: the event to emit once ``obj`` has its id."""
    db.session.add(obj)
    db.session.flush()
    if event is not None:
        emit(event(obj))
    return obj


def _region_ids(obj):
    return tuple(sorted(region.id for region in obj.regions))


def make_actor(slug, name=None, kind="employer", **values):
    name = name or f"Testaktör i {slug}"
    return _add(Actor(name=name, comparable_name=comparable_name(name), kind=kind,
                      regions=[region(slug)], **values),
                lambda actor: ActorChanged(actor_id=actor.id, region_ids=_region_ids(actor), change="created"))


def make_membership(actor, email, role="contact", slug=None):
    """A membership for the region ``slug`` (by default the actor's only region)."""
    values = {"region": region(slug)} if slug else {}
    return _add(Membership(actor=actor, person=person(email), role=role, **values))


def make_network(*slugs, name=None, kind="sector-council", **values):
    return _add(Network(name=name or f"Testnätverk i {', '.join(slugs)}", kind=kind,
                        regions=[region(slug) for slug in slugs], **values),
                lambda network: NetworkChanged(network_id=network.id, region_ids=_region_ids(network),
                                               change="created"))


def make_coordinator(network, email):
    return _add(NetworkMember(network=network, person=person(email), coordinator=True))


def make_forum_model(slug, name=None, published=True, **values):
    return _add(ForumModel(region=region(slug), name=name or f"Forummodell i {slug}", published=published,
                           **values))


def make_forum(network=None, slug=None, name=None, **values):
    """A forum of ``network``, or of the region ``slug`` when no network is given."""
    name = name or "Testforum"
    where = {"network": network} if network is not None else {"region": region(slug)}
    return _add(Forum(name=name, **where, **values), lambda forum: ForumChanged(forum_id=forum.id, change="created"))


def make_meeting(forum, title="Testmöte", starts_at=None, hours=2, **values):
    starts_at = starts_at or (utcnow().replace(microsecond=0, second=0) + timedelta(days=14))
    return _add(Meeting(forum=forum, title=title, starts_at=starts_at,
                        ends_at=starts_at + timedelta(hours=hours), **values),
                lambda meeting: MeetingChanged(meeting_id=meeting.id, forum_id=meeting.forum_id, change="created"))


def make_agenda_item(meeting, title="Punkt", position=None):
    position = len(meeting.agenda_items) if position is None else position
    return _add(AgendaItem(meeting=meeting, title=title, position=position),
                lambda item: MeetingChanged(meeting_id=meeting.id, forum_id=meeting.forum_id, change="agenda"))


def make_decision(meeting, text="Beslut"):
    return _add(Decision(meeting=meeting, text=text, position=len(meeting.decisions)))


def make_action(meeting, what="Åtgärd", owner_email=None, owner_actor=None, **values):
    owner = person(owner_email) if owner_email else None
    return _add(Action(meeting=meeting, what=what, owner_person=owner, owner_actor=owner_actor, **values))


def make_initiative(slug, title="Testinitiativ", owner=None, status="running", **values):
    """An initiative led from region ``slug``, owned by ``owner`` (a new actor of the region if none)."""
    from samverkan.initiatives import services

    owner = owner or make_actor(slug, name=f"Ägare av {title}")
    return services.create_initiative(
        {"title": title, "owner_id": owner.id, "lead_region_id": region(slug).id, "status": status, **values},
        by=None)


def make_period(slug, starts_on, ends_on, due_on, name=None):
    """A reporting period of region ``slug``."""
    from samverkan.initiatives.models import ReportingPeriod

    return _add(ReportingPeriod(region=region(slug), name=name or f"Period {starts_on}", starts_on=starts_on,
                                ends_on=ends_on, due_on=due_on))


def make_entry(initiative, reported_on, happened="Vi har träffat arbetsgivarna.", **values):
    """A progress entry on ``initiative`` dated ``reported_on``."""
    from samverkan.initiatives.models import ProgressEntry

    return _add(ProgressEntry(initiative=initiative, reported_on=reported_on, happened=happened, **values))
def theme(slug):
    from samverkan.themes.models import Theme

    return db.session.execute(select(Theme).filter_by(slug=slug)).scalar_one()


def make_practice(slug, title="Gott exempel", lessons="Börja med arbetsgivarnas behov.", **values):
    """A published practice (an initiative marked as a good example) led from region ``slug``."""
    return make_initiative(slug, title=title, is_practice=True, lessons_learned=lessons, **values)


def make_adoption(practice, slug, initiative=None, adopted_on=None, note=""):
    """Region ``slug`` adopting ``practice``, optionally as its own ``initiative``."""
    from datetime import date

    from samverkan.initiatives.models import Adoption

    return _add(Adoption(practice=practice, region=region(slug), initiative=initiative,
                         adopted_on=adopted_on or date(2025, 3, 1), note=note))


def make_indicator(slug, name="Testindikator", **values):
    """An indicator of region ``slug``'s own."""
    from samverkan.indicators import services

    return services.create_indicator(region(slug), {"name": name, **values})


def make_indicator_value(indicator, slug, year=2024, value=42.0, **values):
    """``indicator``'s value for region ``slug`` (any county) in ``year``."""
    from samverkan.indicators import services

    return services.add_value(indicator, region(slug).id, year, {"value": value, **values})


# -- why a request was refused -------------------------------------------------------------------

#: the headings of ``errors/error.html`` in Swedish, the test client's language
NOT_FOUND = "Sidan finns inte"
NOT_ALLOWED = "Inte tillåtet"
FORM_EXPIRED = "Formuläret har gått ut"
BAD_REQUEST = "Felaktig begäran"
TOO_MANY = "För många försök"
TOO_MUCH_DATA = "För mycket data"


def _text(markup):
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", markup)).split())


def form_errors(response):
    """{field id: its message} of the errors a page marks on its form's fields
    (``partials/forms.html`` writes each below its field as ``<p class="error" id="<id>-error">``)."""
    return {field: _text(message) for field, message in
            re.findall(r'<p class="error" id="([^"]+)-error">(.*?)</p>', response.text, re.S)}


def heading(response):
    """The page's ``<h1>`` as text: on an error page one of the constants above."""
    found = re.search(r"<h1[^>]*>(.*?)</h1>", response.text, re.S)
    return _text(found.group(1)) if found else None


@contextmanager
def error_pages(app):
    """The HTTP errors ``app`` answers with its error page while the block runs, in order: each
    with its ``code`` and ``description`` (the reason a view gave ``abort``, which the page does
    not show)."""
    errors = []

    def rendered(sender, template, context, **extra):
        if template.name == "errors/error.html":
            errors.append(context["error"])

    with template_rendered.connected_to(rendered, app):
        yield errors


def route_of(app, path, method="GET"):
    """The endpoint ``path`` is routed to, or None when no route matches it (a 404 before any
    view, loader or rule runs)."""
    try:
        endpoint, _arguments = app.url_map.bind("localhost").match(path.split("?")[0], method=method)
    except HTTPException:  # NotFound, MethodNotAllowed, or a redirect to the path with a slash
        return None
    return endpoint


def refusals(app):
    """The reasons of the requests the audit log records as refused, oldest first
    (``policy.refuse``: the permission that was missing, or the object that was not found)."""
    from samverkan.audit import AuditEvent

    with app.app_context():
        details = db.session.scalars(select(AuditEvent.detail).where(AuditEvent.action == "refused")
                                     .order_by(AuditEvent.id)).all()
    return [detail.split(": ", 1)[1] for detail in details]
