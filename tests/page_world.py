"""A world of pages to read: both regions with one of every object a page shows, and a county
whose plan has a second version.

The objects are the same in both regions, with the relations that carry a permission without a
role (a network's coordinator, an actor's contact) held by different accounts. The public pages
per role (``test_public_pages_per_role.py``) and the HTML checks (``test_valid_html.py``) read
their pages.
"""
from contextlib import contextmanager
from datetime import timedelta
from types import SimpleNamespace

import collab
from conftest import ACCOUNTS, make_app, running_app
from revised_county.revised_county import release_1, release_2
from sqlalchemy import select

from samverkan.accounts import services as accounts
from samverkan.assessments.models import StatusAssessment
from samverkan.competence_plans import services as plans
from samverkan.extensions import db
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
