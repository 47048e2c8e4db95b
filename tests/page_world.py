"""A world of pages to read: both regions with one of every object a page shows, and a county
whose plan has a second version.

The objects are the same in both regions, with the relations that carry a permission without a
role (a network's coordinator, an actor's contact) held by different accounts. The public pages
per role (``test_public_pages_per_role.py``) and the HTML checks (``test_valid_html.py``) read
their pages; :func:`read_every_page` reads every page type the app serves in it, as each kind
of reader, in both languages, for the checks that hold every page to a rule (``test_valid_html.py``,
``test_one_language.py``).
"""
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from types import SimpleNamespace

import collab
from conftest import ACCOUNTS, LOCALES, login, make_app, running_app
from flask import url_for
from revised_county.revised_county import release_1, release_2
from sqlalchemy import select

from samverkan.accounts import services as accounts
from samverkan.accounts.models import Person, RoleGrant
from samverkan.actors import services as actors
from samverkan.actors.models import Actor
from samverkan.assessments.models import StatusAssessment
from samverkan.competence_plans import services as plans
from samverkan.extensions import db
from samverkan.initiatives.import_runs import ImportRun
from samverkan.initiatives.models import Initiative
from samverkan.meetings import registrations
from samverkan.needs.services import open_round
from samverkan.plans.models import Plan, PlanNode
from samverkan.plugins import get_plugin_manager
from samverkan.regions.models import Region
from samverkan.sync import sync_all
from samverkan.times import today

REGIONS = ("vastmanland", "vasternorrland")
#: the test accounts with a regional role in each region
REGIONAL = {slug: {role: key for key, (_email, role, region) in ACCOUNTS.items() if region == slug}
            for slug in REGIONS}
#: a county whose plan has a second version (``tests/revised_county``): its plan page tells a
#: region admin of the initiatives to relink
REVISED = "dalarna"


def email_of(key):
    return ACCOUNTS[key][0]


def elsewhere(slug):
    """The other of the two regions."""
    return next(other for other in REGIONS if other != slug)


def build_objects(slug):
    """What the pages of region ``slug`` show: their ids, and the markers of what is privileged."""
    day = today()
    region = collab.region(slug)
    lead, member = email_of(REGIONAL[slug]["project-lead"]), email_of(REGIONAL[slug]["member"])
    keeper = email_of("no-role")  # keeps the owner's competence-supply plan and answers its survey
    o = SimpleNamespace(slug=slug, region=region.id)

    # actors: the owner of the initiative (its project lead and a contact act for it), another
    # actor (owns a draft, a published plan), one without a plan (its representative may start one
    # in Västmanland only)
    owner = collab.make_actor(slug, name=f"Ägare i {slug}")
    o.owner, o.lead_membership = owner.id, collab.make_membership(owner, lead, role="project-lead").id
    collab.make_membership(owner, keeper, role="contact")
    other = collab.make_actor(slug, name=f"Annan aktör i {slug}")
    plain = collab.make_actor(slug, name=f"Aktör utan plan i {slug}")
    o.other, o.plain = other.id, plain.id
    if slug == "vastmanland":
        collab.make_membership(plain, keeper, role="representative")

    # a draft initiative of the other actor
    o.draft_title = f"Utkast i {slug}"
    draft_initiative = collab.make_initiative(slug, title=o.draft_title, owner=other, draft=True)
    o.draft = draft_initiative.id

    # a network coordinated by the region's member, its forum, a meeting with everything on it (an
    # action of it serves the draft)
    network = collab.make_network(slug, name=f"Nätverk i {slug}")
    o.network, o.coordinator = network.id, collab.make_coordinator(network, member).id
    o.model = collab.make_forum_model(slug, name=f"Forummodell i {slug}").id
    o.hidden_model_name = f"Opublicerad forummodell i {slug}"
    o.hidden_model = collab.make_forum_model(slug, name=o.hidden_model_name, published=False).id
    forum = collab.make_forum(network, name=f"Nätverksforum i {slug}", model_id=o.model)
    o.forum, o.region_forum = forum.id, collab.make_forum(slug=slug, name=f"Regionforum i {slug}").id
    meeting = collab.make_meeting(forum, title=f"Möte i {slug}", capacity=10)
    o.meeting = meeting.id
    o.item = collab.make_agenda_item(meeting, "Läget").id
    collab.make_agenda_item(meeting, "Övrigt")
    o.decision = collab.make_decision(meeting, "Vi bildar en arbetsgrupp.").id
    o.action = collab.make_action(meeting, "Kalla arbetsgruppen", owner_email=lead,
                                  initiative=draft_initiative, due_on=day + timedelta(days=7)).id
    o.registered = f"Anmäld deltagare i {slug}"
    registrations.register(meeting, accounts.create_person(f"deltagare@{slug}.example.se", o.registered))

    # a published practice with a report, a report asked for, an adoption by the other region
    initiative = collab.make_practice(slug, title=f"Initiativ i {slug}", owner=owner)
    o.initiative = initiative.id
    o.entry = collab.make_entry(initiative, day - timedelta(days=400)).id
    o.period_name = f"Rapportperiod i {slug}"
    o.period = collab.make_period(slug, day - timedelta(days=120), day - timedelta(days=30),
                                  day - timedelta(days=10), name=o.period_name).id
    o.adoption = collab.make_adoption(initiative, elsewhere(slug)).id

    # the plan: a status assessment of its first part, by a person named nowhere else
    node = db.session.scalar(select(PlanNode).join(Plan)
                             .where(Plan.region_id == region.id, PlanNode.parent_id.is_(None))
                             .order_by(PlanNode.position, PlanNode.id))
    o.node, o.assessor = node.code, f"Bedömare i {slug}"
    db.session.add(StatusAssessment(region_id=region.id, node=node, assessed_on=day, status="progressing",
                                    author=accounts.create_person(f"bedomare@{slug}.example.se", o.assessor)))

    # an indicator of the region's own, with a value for the region and one for the other region
    indicator = collab.make_indicator(slug, name=f"Indikator i {slug}")
    o.indicator = indicator.key
    o.value = collab.make_indicator_value(indicator, slug).id
    o.value_elsewhere = collab.make_indicator_value(indicator, elsewhere(slug)).id

    # an open survey round inviting the owner; no round of the region has closed
    o.invited_email = f"rekrytering@agare-{slug}.example.se"
    survey = open_round(region, title=f"Behovsenkät i {slug}", opens_on=day - timedelta(days=1),
                        closes_on=day + timedelta(days=30), question_set_version=1, actors=[owner],
                        emails={owner.id: o.invited_email})
    o.round, o.response = survey.id, survey.responses[0].id

    # competence-supply plans: the owner's 2025 published and 2026 a draft; the other actor's
    # 2025 published, its latest
    first = plans.start_plan(owner, region, 2025, by=None)
    plans.add_activity(first, _activity(first, "Mässor"), [], by=None)
    plans.publish(first, by=None)
    o.plan_writer = f"Planskrivare i {slug}"
    draft = plans.start_next_year(first, by=accounts.create_person(f"planskrivare@{slug}.example.se", o.plan_writer))
    plans.add_activity(draft, _activity(draft, "Handledare"), [], by=draft.updated_by)
    o.year, o.part = draft.id, draft.parts[0].id
    o.section = draft.sections[0]["key"]
    o.activity = next(activity.id for activity in draft.activities if activity.title == "Mässor")
    other_year = plans.start_plan(other, region, 2025, by=None)
    plans.publish(other_year, by=None)
    o.other_year = other_year.id
    return o


def _activity(plan_year, title):
    return dict(section_key=plan_year.sections[0]["key"], horizon="short", title=title, description="",
                responsible="", follow_up="")


def revised_county_plugins(release):
    return get_plugin_manager(extra_plugins=[(REVISED, {1: release_1, 2: release_2}[release])])


def build_revised_county(url):
    """Dalarna on version 1 of its plan, with an initiative on a part that version 2 drops: once
    version 2 is synced, the initiative waits to be relinked."""
    with running_app(url, plugin_manager=revised_county_plugins(1)) as first, first.app_context():
        sync_all(first.extensions["samverkan.plugins"])
        dropped = db.session.scalar(select(PlanNode).join(Plan).join(Region)
                                    .where(Region.slug == REVISED, PlanNode.code == "A1.2"))
        collab.make_initiative(REVISED, title="Lärlingar i Borlänge", nodes=[dropped])
        db.session.commit()


@contextmanager
def world_app(databases):
    """An app over a new database of ``databases`` holding the test accounts, the revised county
    and :func:`build_objects` of both regions; yields ``(app, objects by region slug)``."""
    url = databases.new("accounts")
    try:
        build_revised_county(url)
        app = make_app(url, plugin_manager=revised_county_plugins(2))
        with app.app_context():
            sync_all(app.extensions["samverkan.plugins"])
            objects = {slug: build_objects(slug) for slug in REGIONS}
            db.session.commit()
        yield app, objects
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
    finally:
        databases.drop(url)


# ---------------------------------------------------------------------------------------------
# Every page of the world, as each kind of reader reads it.
# ---------------------------------------------------------------------------------------------

#: who reads the pages: each kind of account (of Västmanland, whose objects are read) and a visitor
READERS = ("anonymous", "platform-admin", "region-admin", "project-lead", "member", "no-role")
#: routes that answer no HTML page (files, feeds, data) or none of the app's own
NOT_PAGES = {"static", "home.healthz", "home.robots_txt", "calendar.person_feed", "calendar.forum_feed",
             "calendar.meeting", "calendar.network_feed", "calendar.region_feed", "compare.table_csv",
             "initiative_transfer.export_csv", "initiative_transfer.export_xlsx", "needs.national_csv",
             "needs.national_json", "needs.region_csv", "needs.region_json", "indicators.download", "reports.pdf"}
#: what a route's arguments are, by name, in the world's Västmanland (``o``) and its extras (``x``)
ARGUMENTS = {
    "actor_id": lambda o, x: o.owner, "adoption_id": lambda o, x: o.adoption, "code": lambda o, x: o.node,
    "competence_activity_id": lambda o, x: o.activity, "entry_id": lambda o, x: o.entry,
    "forum_id": lambda o, x: o.forum, "grant_id": lambda o, x: x.grant, "indicator_key": lambda o, x: o.indicator,
    "initiative_id": lambda o, x: o.initiative, "item_id": lambda o, x: o.item,
    "meeting_id": lambda o, x: o.meeting, "member_id": lambda o, x: o.coordinator,
    "membership_id": lambda o, x: o.lead_membership, "model_id": lambda o, x: o.model,
    "network_id": lambda o, x: o.network, "period_id": lambda o, x: o.period, "person_id": lambda o, x: x.person,
    "plan_part_id": lambda o, x: o.part, "plan_year_id": lambda o, x: o.year,
    "practice_id": lambda o, x: o.initiative, "region_slug": lambda o, x: o.slug, "round_id": lambda o, x: o.round,
    "run_id": lambda o, x: x.run, "slug": lambda o, x: "validation", "token": lambda o, x: "not-a-token",
    "value_id": lambda o, x: o.value,
}
#: where a route needs arguments of its own: the page of an object other than the one its names say
OWN_ARGUMENTS = {
    "competence_plans.year": lambda o, x: {"actor_id": o.owner, "year": 2026},
    "competence_plans.start": lambda o, x: {"actor_id": o.plain},
    "reports.show": lambda o, x: {"region_slug": o.slug, "year": 2024},
    "plans.relink_list": lambda o, x: {"region_slug": REVISED},
    "plans.relink": lambda o, x: {"region_slug": REVISED, "initiative_id": x.to_relink},
    "actors.accept_invitation": lambda o, x: {"token": x.invitation},
}
#: answers that are no page (to the login form, say)
REDIRECTS = {301, 302, 303, 307, 308}


def extras(o):
    """The objects the world leaves out that some routes name: a grant and person to revoke and
    deactivate, an import waiting for the worker, an initiative of the revised county to relink,
    an invitation to the owner actor (its link's token)."""
    member = db.session.scalar(select(Person).filter_by(email=email_of(REGIONAL[o.slug]["member"])))
    admin = db.session.scalar(select(Person).filter_by(email=email_of(REGIONAL[o.slug]["region-admin"])))
    invited = actors.invite(db.session.get(Actor, o.owner), db.session.get(Region, o.region), "inbjuden@example.se",
                            "Inbjuden Person", "contact", "member", by=admin)
    run = ImportRun(region_id=o.region, person_id=member.id, filename="initiativ.csv", language="sv", data=b"")
    db.session.add(run)
    db.session.flush()
    to_relink = db.session.scalar(select(Initiative.id).join(Region, Region.id == Initiative.lead_region_id).where(Region.slug == REVISED))
    grant = db.session.scalar(select(RoleGrant.id).filter_by(person_id=member.id))
    return SimpleNamespace(grant=grant, person=member.id, run=run.id, to_relink=to_relink,
                           invitation=invited.link.rsplit("/", 1)[1])


def page_urls(app, o, x):
    """endpoint -> the URL of its page in the world, for every route that answers a page."""
    urls = {}
    with app.test_request_context():
        for rule in app.url_map.iter_rules():
            if "GET" not in rule.methods or rule.endpoint in NOT_PAGES:
                continue
            own = OWN_ARGUMENTS.get(rule.endpoint)
            args = own(o, x) if own else {name: ARGUMENTS[name](o, x) for name in rule.arguments}
            urls[rule.endpoint] = url_for(rule.endpoint, **args)
    return urls


@dataclass(frozen=True)
class ReadPage:
    """A page as one reader met it; ``htmx``: what the page answered htmx (a fragment)."""

    endpoint: str
    url: str
    reader: str
    lang: str
    htmx: bool
    text: str

    def __str__(self):
        return f"{self.url} as {self.reader} in {self.lang}" + (", answering htmx" if self.htmx else "")


@dataclass(frozen=True)
class EveryPage:
    """:func:`read_every_page`'s answer: the URL read of each route, and the pages."""

    urls: dict
    pages: list


def read_every_page(databases):
    """Every page type of the world (Västmanland's objects), read with the Flask test client as
    each of :data:`READERS` in each language: the whole page, and what it answers htmx where that
    differs; redirects and what is no HTML left out. The world's database is dropped once read."""
    with world_app(databases) as (app, objects):
        with app.test_request_context():  # (the invitation's mail has a link to the site)
            o = objects["vastmanland"]
            x = extras(o)
            db.session.commit()
        urls = page_urls(app, o, x)
        pages = []
        for reader in READERS:
            for locale in LOCALES:
                lang = locale[:2]
                client = app.test_client()
                if reader != "anonymous":
                    assert login(client, email_of(reader)).status_code == 302, reader
                with client.session_transaction() as session:
                    session["lang"] = lang
                for endpoint, url in sorted(urls.items()):
                    whole = client.get(url)
                    if whole.mimetype != "text/html" or whole.status_code in REDIRECTS:
                        continue
                    pages.append(ReadPage(endpoint, url, reader, lang, False, whole.text))
                    fragment = client.get(url, headers={"HX-Request": "true"})
                    if fragment.mimetype == "text/html" and fragment.text != whole.text:
                        pages.append(ReadPage(endpoint, url, reader, lang, True, fragment.text))
    return EveryPage(urls, pages)
