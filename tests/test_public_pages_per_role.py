"""Public pages per role: what a public page shows each person is what the rules grant them.

The authorization matrix (``test_authorization.py``) requests the guarded routes. Public pages
decide on branches of their own what to show (an edit link, a form, the invitations of a survey
round, a draft): this module requests each of them as every test account and anonymously, with
its objects in both regions, and holds what it shows to the rules.

Each page below declares the privileged controls it may show, each by the route it leads to (the
``href`` of a link, the ``action`` of a form), and the privileged things it may show (a marker:
text that only that thing puts on the page). Whether a control is expected is asked of the app,
never written down: the control's own route is requested as that person (a link's page is
fetched; a form's POST is decided by the app's rule, :func:`samverkan.policy.enforce`, without
sending it). A control shown to someone the route would refuse fails, and so does one hidden from
someone it would let in. Where a page means a narrower question than its route asks (a route
held "somewhere", a link offered only to regional roles), the control says so and
:func:`samverkan.policy.can` answers it. Besides the declared controls, every link and form on
a page that leads to a guarded route must lead somewhere the person is let in.

One app and database for the module: the objects are created once, each role logs in once, and
reading pages changes nothing they show. The pages are read on SQLite; one smoke test reads them
on PostgreSQL.
"""
from dataclasses import dataclass
from html.parser import HTMLParser
from types import SimpleNamespace
from typing import Callable
from urllib.parse import urlsplit

import pytest
from conftest import ACCOUNTS, login
from flask import request, url_for
from flask_login import login_user
from page_world import REGIONAL, REGIONS, REVISED, email_of, world_app
from sqlalchemy import select
from werkzeug.exceptions import HTTPException, MethodNotAllowed, NotFound

from samverkan import policy
from samverkan.accounts.models import Person
from samverkan.competence_plans.models import CompetencePlanYear
from samverkan.extensions import db
from samverkan.forums.models import ForumModel
from samverkan.initiatives import services as initiatives
from samverkan.initiatives.models import Initiative
from samverkan.meetings.models import Meeting
from samverkan.needs.models import SurveyRound
from samverkan.regions.models import Region

ROLES = [*ACCOUNTS, "anonymous"]


# ---------------------------------------------------------------------------------------------
# What a page shows, and what the app says a person may.
# ---------------------------------------------------------------------------------------------


class Links(HTMLParser):
    """Where a page's links and forms lead: ``{(method, url)}`` (fragments dropped)."""

    def __init__(self, html):
        super().__init__()
        self.found = set()
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self._add("GET", attrs["href"])
        if tag == "form":
            self._add((attrs.get("method") or "get").upper(), attrs.get("action") or "")
        for name, method in (("data-hx-get", "GET"), ("data-hx-post", "POST")):
            if attrs.get(name):
                self._add(method, attrs[name])

    def _add(self, method, url):
        url = url.split("#")[0]
        if url.startswith("/"):
            self.found.add((method, url))


ALLOWED, REFUSED = "allowed", "refused"


class World:
    """The module's app with its objects, a logged-in client per role, and what the app answers."""

    def __init__(self, app, objects):
        self.app, self.objects = app, objects
        self.clients = {}
        for role in ROLES:
            client = app.test_client()
            if role != "anonymous":
                assert login(client, email_of(role)).status_code == 302, role
            self.clients[role] = client
        self._decided = {}

    def decide(self, role, method, url):
        """Whether the route at ``url`` lets ``role`` in: ``allowed``, ``refused``, or the status
        that is neither (a link that leads nowhere: 404). A GET is requested; a form's POST is
        decided by the app's rule without being sent."""
        key = (role, method, url)
        if key not in self._decided:
            if method == "GET":
                response = self.clients[role].get(url)
                status = response.status_code
                to_login = status == 302 and response.headers["Location"].startswith("/login")
            else:
                status = self._rule_answer(role, method, url)
                to_login = status == 302
            if status in (401, 403) or to_login:
                self._decided[key] = REFUSED
            elif status < 400:
                self._decided[key] = ALLOWED
            else:
                self._decided[key] = str(status)
        return self._decided[key]

    def _rule_answer(self, role, method, url):
        """The status :func:`samverkan.policy.enforce` answers a request before its view runs
        (200: the view would run)."""
        with self.app.app_context(), self.app.test_request_context(url, method=method):
            for name in (None, *reversed(request.blueprints)):
                for preprocess in self.app.url_value_preprocessors.get(name, ()):
                    preprocess(request.endpoint, request.view_args)
            if role != "anonymous":
                login_user(person(role))
            try:
                answer = policy.enforce()
            except HTTPException as refusal:
                return refusal.code
            return 200 if answer is None else answer.status_code

    def endpoint(self, method, url):
        """The endpoint ``url`` leads to, or None for none of the app's."""
        parts = urlsplit(url)
        try:
            return self.app.url_map.bind("localhost").match(parts.path, method=method)[0]
        except (NotFound, MethodNotAllowed):
            return None


def person(role):
    return None if role == "anonymous" else db.session.scalar(select(Person).filter_by(email=email_of(role)))


@dataclass
class Ask:
    """What a condition is asked about: a person (None: anonymous) and the page's objects."""

    person: object
    o: SimpleNamespace


# -- conditions: ``(ask) -> bool`` -------------------------------------------------------------


def holds(permission, on):
    """The person holds ``permission`` on the object ``on(o)`` (on any of them, given a list):
    :func:`samverkan.policy.can`."""
    def condition(ask):
        found = on(ask.o)
        return any(policy.can(ask.person, permission, obj) for obj in (found if isinstance(found, list) else [found]))
    return condition


def any_of(*conditions):
    return lambda ask: any(condition(ask) for condition in conditions)


def signed_in(ask):
    return ask.person is not None


def somewhere(*permissions):
    """The person holds one of ``permissions`` in some region (or everywhere)."""
    return lambda ask: ask.person is not None and any(
        policy.regions_where(ask.person, permission) != set() for permission in permissions)


def through_a_regional_role(permission):
    """The person holds ``permission`` by a regional role (a platform-wide role is offered the
    same elsewhere: the administration page, a region's own page)."""
    return lambda ask: ask.person is not None and bool(policy.regions_where(ask.person, permission))


def get(model, attribute):
    """``on``: the row of ``model`` whose id the objects hold as ``attribute``."""
    return lambda o: db.session.get(model, getattr(o, attribute))


def region_of(o):
    return db.session.get(Region, o.region)


def regions_but(o):
    """Every region but the page's: where a practice of the page's region can be adopted."""
    return list(db.session.scalars(select(Region).where(Region.id != o.region)))


def initiative_visible(attribute):
    """Who sees a draft: whoever may edit it, and readers of drafts in its regions."""
    on = get(Initiative, attribute)
    return any_of(holds("region.read-drafts", on), holds("initiative.edit", on))


def plan_year_visible(ask):
    """Who sees a draft year of a competence-supply plan: its keepers and readers of drafts."""
    on = get(CompetencePlanYear, "year")
    return any_of(holds("competence-plan.edit", on), holds("region.read-drafts", on))(ask)


# -- the tables --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Control:
    """A privileged link or form: shown exactly when its route lets the person in (and ``also``
    holds: what the page means beyond the route's rule, e.g. for a route held "somewhere")."""

    name: str
    endpoint: str
    args: Callable  # o -> the URL's arguments
    method: str = "GET"  # GET: a link; POST: a form
    also: Callable | None = None

    def url(self, o):
        return url_for(self.endpoint, **self.args(o))


@dataclass(frozen=True)
class Shown:
    """Something privileged the page shows (a draft, an e-mail address, a name), found by a marker
    that only it puts on the page: shown exactly when ``when`` holds."""

    name: str
    marker: Callable  # o -> text
    when: Callable


#: the regions of a page of no region: it is read once, and its objects are those of both
#: regions, by slug (``o.vastmanland.model``)
ONCE = (None,)


@dataclass(frozen=True)
class Page:
    name: str
    endpoint: str
    args: Callable  # o -> the URL's arguments
    controls: tuple = ()
    shown: tuple = ()
    #: the page exists only for those this holds for (a draft): 404 for the others
    visible: Callable | None = None
    #: the regions whose objects it is read with (:data:`ONCE`: a page of no region, read once)
    regions: tuple = REGIONS

    def url(self, o):
        return url_for(self.endpoint, **self.args(o))


def link(name, endpoint, args, also=None):
    return Control(name, endpoint, args, "GET", also)


def form(name, endpoint, args, also=None):
    return Control(name, endpoint, args, "POST", also)


def in_region(o, **more):
    return {"region_slug": o.slug, **more}


DRAFT = Shown("the draft initiative", lambda o: f'href="/initiatives/{o.draft}"', initiative_visible("draft"))
ASSESSOR = Shown("who assessed", lambda o: o.assessor, signed_in)

PAGES = [
    Page("home (the account menu)", "home.index", lambda o: {}, regions=ONCE, controls=(
        link("Administration", "admin.people", lambda o: {}),
        *(link(f"Roles in {slug}", "admin.region_people", lambda o, slug=slug: {"region_slug": slug},
               also=through_a_regional_role("region.grant-roles")) for slug in REGIONS),
        link("My page", "me.index", lambda o: {}),
        link("My meetings", "meetings.my_meetings", lambda o: {}),
        link("My account", "accounts.account", lambda o: {}),
        form("Log out", "accounts.logout", lambda o: {}),
    )),
    Page("region", "regions.show", in_region, controls=(
        # the route is held "somewhere"; the region's page offers it to those who may lead from here
        link("New initiative", "initiatives.new", lambda o: {"region": o.slug},
             also=holds("initiative.edit", region_of)),
        link("Open actions", "meetings.region_actions", in_region),
        link("Overdue reports", "progress.reports_due", in_region),
        link("Reporting periods", "progress.periods", in_region),
        link("New network", "networks.new", in_region),
        link("New actor", "actors.new", in_region),
        link("New forum", "forums.new_for_region", in_region),
        link("New forum model", "forums.new_model", in_region),
        link("Import initiatives", "initiative_transfer.upload", in_region),
    ), shown=(DRAFT,)),
    Page("plan tree with initiatives to relink", "plans.tree", lambda o: {"region_slug": REVISED},
         regions=ONCE, controls=(
             link("Link them to the current plan", "plans.relink_list", lambda o: {"region_slug": REVISED}),
         )),
    Page("plan node", "plans.node", lambda o: in_region(o, code=o.node), controls=(
        link("Add a status assessment", "assessments.new", lambda o: in_region(o, code=o.node)),
    ), shown=(ASSESSOR,)),
    Page("status analysis", "assessments.index", in_region, controls=(
        link("Add a status assessment", "assessments.new", lambda o: in_region(o, code=o.node)),
    ), shown=(ASSESSOR,)),
    Page("indicators", "indicators.index", in_region, controls=(
        link("Add an indicator", "indicators.new", in_region),
    )),
    Page("indicator", "indicators.show", lambda o: in_region(o, indicator_key=o.indicator), controls=(
        link("Edit the indicator", "indicators.edit", lambda o: in_region(o, indicator_key=o.indicator)),
        link("Change the region's value", "indicators.edit_value", lambda o: {"value_id": o.value}),
        link("Change another county's value", "indicators.edit_value", lambda o: {"value_id": o.value_elsewhere}),
        form("Add a value", "indicators.add_value", lambda o: in_region(o, indicator_key=o.indicator)),
    )),
    Page("needs (no round closed)", "needs.region", in_region, shown=(
        Shown("the link to the region's surveys", lambda o: f'href="/regions/{o.slug}/surveys"',
              holds("region.manage", region_of)),
    )),
    Page("survey rounds", "surveys.region_list", in_region, controls=(
        link("Open a survey round", "surveys.new", in_region),
    )),
    Page("survey round", "surveys.show", lambda o: {"round_id": o.round}, controls=(
        form("Save the e-mail", "surveys.set_email", lambda o: {"round_id": o.round, "response_id": o.response}),
        form("Remove the invitation", "surveys.remove_invitation",
             lambda o: {"round_id": o.round, "response_id": o.response}),
        form("Send the invitations", "surveys.send_invitations", lambda o: {"round_id": o.round}),
        form("Remind", "surveys.send_reminders", lambda o: {"round_id": o.round}),
        form("Invite one more actor", "surveys.add_invitation", lambda o: {"round_id": o.round}),
        # the employer's own people read its answers too, but the round's page never says which
        # employers it invited: the link is in the invitations, for those who run the round
        link("The answers", "answers.as_member", lambda o: {"round_id": o.round, "actor_id": o.owner},
             also=holds("region.manage", get(SurveyRound, "round"))),
    ), shown=(
        Shown("the invited employer's e-mail", lambda o: o.invited_email,
              holds("region.manage", get(SurveyRound, "round"))),
    )),
    Page("network", "networks.show", lambda o: {"network_id": o.network}, controls=(
        link("Edit the network", "networks.edit", lambda o: {"network_id": o.network}),
        link("Change the stage", "networks.change_stage", lambda o: {"network_id": o.network}),
        link("Start a forum", "forums.new_for_network", lambda o: {"network_id": o.network}),
        link("Remove a member", "networks.delete_member", lambda o: {"member_id": o.coordinator}),
        form("Add a member", "networks.add_member", lambda o: {"network_id": o.network}),
    ), shown=(DRAFT,)),
    Page("network's forum", "meetings.forum", lambda o: {"forum_id": o.forum}, controls=(
        link("Edit the forum", "forums.edit", lambda o: {"forum_id": o.forum}),
        link("New meeting", "meetings.new", lambda o: {"forum_id": o.forum}),
    )),
    Page("region's forum", "meetings.forum", lambda o: {"forum_id": o.region_forum}, controls=(
        link("Edit the forum", "forums.edit", lambda o: {"forum_id": o.region_forum}),
        link("New meeting", "meetings.new", lambda o: {"forum_id": o.region_forum}),
    )),
    Page("meeting", "meetings.show", lambda o: {"meeting_id": o.meeting}, controls=(
        link("Edit the meeting", "meetings.edit", lambda o: {"meeting_id": o.meeting}),
        form("Register", "registrations.register", lambda o: {"meeting_id": o.meeting}),
        link("Edit an agenda item", "meetings.edit_agenda_item", lambda o: {"item_id": o.item}),
        form("Move an agenda item", "meetings.move_agenda_item", lambda o: {"item_id": o.item}),
        link("Delete an agenda item", "meetings.delete_agenda_item", lambda o: {"item_id": o.item}),
        form("Add to the agenda", "meetings.add_agenda_item", lambda o: {"meeting_id": o.meeting}),
        form("Save the minutes", "meetings.minutes", lambda o: {"meeting_id": o.meeting}),
        form("Delete a decision", "meetings.delete_decision", lambda o: {"decision_id": o.decision}),
        form("Add the decision", "meetings.add_decision", lambda o: {"meeting_id": o.meeting}),
        form("Mark an action as done", "meetings.toggle_action", lambda o: {"action_id": o.action}),
        form("Add the action", "meetings.add_action", lambda o: {"meeting_id": o.meeting}),
    ), shown=(
        Shown("who registered", lambda o: o.registered, holds("forum.manage", get(Meeting, "meeting"))),
        DRAFT,
    )),
    Page("forum models", "forums.models_index", lambda o: {}, regions=ONCE, controls=tuple(
        link(f"New forum model in {slug}", "forums.new_model", lambda o, slug=slug: {"region_slug": slug},
             also=through_a_regional_role("region.manage")) for slug in REGIONS
    ), shown=tuple(
        Shown(f"the unpublished model of {slug}", lambda o, slug=slug: getattr(o, slug).hidden_model_name,
              holds("region.manage", lambda o, slug=slug: db.session.get(ForumModel, getattr(o, slug).hidden_model)))
        for slug in REGIONS
    )),
    Page("forum model", "forums.model_show", lambda o: {"model_id": o.model}, controls=(
        link("Edit the forum model", "forums.edit_model", lambda o: {"model_id": o.model}),
        *(link(f"A forum of {slug} from the model", "forums.new_for_region",
               lambda o, slug=slug: {"region_slug": slug, "model": o.model}) for slug in REGIONS),
        link("A forum of the network from the model", "forums.new_for_network",
             lambda o: {"network_id": o.network, "model": o.model}),
    )),
    Page("unpublished forum model", "forums.model_show", lambda o: {"model_id": o.hidden_model},
         visible=holds("region.manage", get(ForumModel, "hidden_model")), controls=(
             link("Edit the forum model", "forums.edit_model", lambda o: {"model_id": o.hidden_model}),
         )),
    Page("actor", "actors.show", lambda o: {"actor_id": o.owner}, controls=(
        link("Edit the actor", "actors.edit", lambda o: {"actor_id": o.owner}),
        link("Remove a person", "actors.delete_membership", lambda o: {"membership_id": o.lead_membership}),
        form("Add a person", "actors.add_member", lambda o: {"actor_id": o.owner}),
    ), shown=(
        Shown("the e-mail of the actor's people", lambda o: f"mailto:{email_of(REGIONAL[o.slug]['project-lead'])}",
              signed_in),
    )),
    Page("actor of a draft", "actors.show", lambda o: {"actor_id": o.other}, shown=(DRAFT,)),
    Page("initiatives", "initiatives.index", lambda o: {"region": o.slug}, controls=(
        link("New initiative", "initiatives.new", lambda o: {"region": o.slug}),
    ), shown=(
        DRAFT,
        # offered to those who see drafts somewhere
        Shown("the filter of published initiatives", lambda o: 'name="published"',
              somewhere("region.read-drafts", "initiative.edit")),
    )),
    Page("search", "search.index", lambda o: {"q": "utkast"}, shown=(DRAFT,)),
    Page("initiatives as a file", "initiative_transfer.export_csv", lambda o: {"region": o.slug}, shown=(
        Shown("the draft initiative", lambda o: o.draft_title, initiative_visible("draft")),
    )),
    Page("initiative", "initiatives.show", lambda o: {"initiative_id": o.initiative}, controls=(
        link("Edit the initiative", "initiatives.edit", lambda o: {"initiative_id": o.initiative}),
        form("Change the status", "initiatives.change_status", lambda o: {"initiative_id": o.initiative}),
        form("Report progress", "progress.add", lambda o: {"initiative_id": o.initiative}),
        link("Edit a report", "progress.edit", lambda o: {"entry_id": o.entry}),
        link("Delete a report", "progress.delete", lambda o: {"entry_id": o.entry}),
        # the route is held "somewhere"; a practice is adopted by a region other than its own
        link("Record that your region adopts this practice", "practices.adopt",
             lambda o: {"practice_id": o.initiative}, also=holds("region.manage", regions_but)),
        link("Withdraw an adoption", "practices.withdraw", lambda o: {"adoption_id": o.adoption}),
    ), shown=(
        Shown("the reports asked for", lambda o: o.period_name,
              holds("initiative.edit", get(Initiative, "initiative"))),
    )),
    Page("draft initiative", "initiatives.show", lambda o: {"initiative_id": o.draft},
         visible=initiative_visible("draft"), controls=(
             link("Edit the initiative", "initiatives.edit", lambda o: {"initiative_id": o.draft}),
             form("Change the status", "initiatives.change_status", lambda o: {"initiative_id": o.draft}),
         )),
    Page("competence-supply plan (the latest year one may see)", "competence_plans.current",
         lambda o: {"actor_id": o.owner}, controls=(
             form("Publish", "competence_plans.publish", lambda o: {"plan_year_id": o.year}),
             link("Delete the draft", "competence_plans.delete", lambda o: {"plan_year_id": o.year}),
             link("Edit the summary", "competence_plans.summary", lambda o: {"plan_year_id": o.year}),
             link("Edit the gap and the need", "competence_plans.edit_part", lambda o: {"plan_part_id": o.part}),
             link("Add an activity", "competence_plans.new_activity",
                  lambda o: {"plan_year_id": o.year, "section": o.section, "horizon": "short"}),
             link("Edit an activity", "competence_plans.edit_activity",
                  lambda o: {"competence_activity_id": o.activity}),
             form("Move an activity", "competence_plans.move_activity",
                  lambda o: {"competence_activity_id": o.activity}),
             form("Remove an activity", "competence_plans.remove_activity",
                  lambda o: {"competence_activity_id": o.activity}),
             # the new initiative is the actor's, led from the plan's region
             form("Make it an initiative", "competence_plans.to_initiative",
                  lambda o: {"competence_activity_id": o.activity},
                  also=lambda ask: policy.can(ask.person, "initiative.edit", initiatives.build(
                      {"owner_id": ask.o.owner, "lead_region_id": ask.o.region}))),
         ), shown=(
             Shown("who changed the draft", lambda o: o.plan_writer,
                   holds("competence-plan.edit", get(CompetencePlanYear, "year"))),
         )),
    Page("competence-supply plan, its published year", "competence_plans.year",
         lambda o: {"actor_id": o.owner, "year": 2025}, shown=(
             Shown("the draft year", lambda o: f'href="/actors/{o.owner}/competence-plan/2026"', plan_year_visible),
         )),
    Page("competence-supply plan, its draft year", "competence_plans.year",
         lambda o: {"actor_id": o.owner, "year": 2026}, visible=plan_year_visible, controls=(
             form("Publish", "competence_plans.publish", lambda o: {"plan_year_id": o.year}),
             link("Edit the summary", "competence_plans.summary", lambda o: {"plan_year_id": o.year}),
         )),
    Page("competence-supply plan published last", "competence_plans.current", lambda o: {"actor_id": o.other},
         controls=(
             form("Start the next year's plan", "competence_plans.start_next",
                  lambda o: {"plan_year_id": o.other_year}),
         )),
    Page("competence-supply plan not started", "competence_plans.current", lambda o: {"actor_id": o.plain},
         controls=(
             link("Start a plan", "competence_plans.start", lambda o: {"actor_id": o.plain}),
         )),
]


# ---------------------------------------------------------------------------------------------
# The world, once per module and backend.
# ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def world(request):
    """The app and database of the module on the backend named by the parameter, with the objects
    of both regions and the revised county (:func:`page_world.world_app`); a logged-in client per
    role."""
    with world_app(request.getfixturevalue(f"{request.param}_databases")) as (app, objects):
        yield World(app, objects)


def problems(world, page, slug, role):
    """What ``page`` with the objects of ``slug`` shows ``role`` that the rules do not grant, or
    hides that they do: a list of sentences, empty when all is as granted.

    The requests are sent outside any app context of the test's own, as a browser sends them (a
    request inside one would share its ``g`` and database session)."""
    app = world.app
    o = world.objects[slug] if slug else SimpleNamespace(**world.objects)
    with app.test_request_context():
        url = page.url(o)
        controls = [(control, control.url(o)) for control in page.controls]
    response = world.clients[role].get(url)
    links = Links(response.text).found
    decided = {(control.method, target): world.decide(role, control.method, target) for control, target in controls}
    guarded = [(method, target, endpoint) for method, target in sorted(links)
               if (endpoint := world.endpoint(method, target)) is not None
               and app.view_functions[endpoint].access_rule.signed_in]
    decided.update({(method, target): world.decide(role, method, target) for method, target, _ in guarded})

    with app.app_context():
        ask = Ask(person(role), o)
        visible = page.visible is None or page.visible(ask)
        if response.status_code != (200 if visible else 404):
            return [f"{url} answered {response.status_code}, expected {200 if visible else 404}"]
        if not visible:
            return []
        found = []
        for control, target in controls:
            assert app.view_functions[control.endpoint].access_rule.signed_in, \
                f"{control.name}: {control.endpoint} is public, not a privileged control"
            allowed = decided[control.method, target] == ALLOWED
            also = None if control.also is None or not allowed else control.also(ask)
            expected, shown = allowed and also is not False, (control.method, target) in links
            if shown != expected:
                found.append(f"{control.name} ({control.method} {target}) is {'shown' if shown else 'hidden'}; "
                             f"the route {'lets them in' if allowed else 'refuses them'}"
                             + ("" if also is None else f", and the page's own question answers {also}"))
        for thing in page.shown:
            marker = thing.marker(o)
            expected, shown = thing.when(ask), marker in response.text
            if shown != expected:
                found.append(f"{thing.name} ({marker!r}) is {'shown' if shown else 'hidden'}, "
                             f"but the rules {'grant' if expected else 'do not grant'} it")
    # whatever else leads to a guarded route must lead where the person is let in
    for method, target, endpoint in guarded:
        if decided[method, target] != ALLOWED:
            found.append(f"{method} {target} ({endpoint}) is on the page, and {decided[method, target]} for them")
    return found


def page_params():
    for page in PAGES:
        for slug in page.regions:
            for role in ROLES:
                name = "-".join(filter(None, (page.name, slug, role)))
                yield pytest.param(page, slug, role, id=name.replace(" ", "_"))


@pytest.mark.parametrize("world", ["sqlite"], indirect=True)
@pytest.mark.parametrize("page, slug, role", list(page_params()))
def test_a_public_page_shows_each_role_what_the_rules_grant(world, page, slug, role):
    assert problems(world, page, slug, role) == []


#: the roles of the smoke pass on PostgreSQL: a region's admin (let in at home, refused in the
#: other region) and a visitor
SMOKE_ROLES = ("region-admin", "anonymous")


@pytest.mark.parametrize("world", ["postgresql"], indirect=True)
def test_the_pages_read_the_same_on_postgresql(world):
    found = [f"{page.name} ({slug or 'once'}, {role}): {problem}" for page in PAGES for slug in page.regions
             for role in SMOKE_ROLES for problem in problems(world, page, slug, role)]
    assert found == []

