"""The authorization matrix: every route declares a rule, and every mutating route and guarded page
answers every role as the role table (:mod:`samverkan.roles`) and the object's region say, in the
role's own region and in the other one.

The expected outcome of each cell is derived, not written down: from the view's declared rule,
the permissions of the role and whether the role is regional, and the region of the object the
request is about. A new role or permission is one edit in ``samverkan.roles``; a new route needs
only a recipe below (how to send it a valid request, and what that changes).

Roles without a region (platform admin, national analyst, no role, anonymous) have no "own"
region; for them "own" means Västmanland and "other" Västernorrland. Regional roles of
Västernorrland (the ``other-*`` accounts) have Västernorrland as their own region.

Where a permission also asks for a relation to the object (:data:`RELATION_REQUIRED`: a project
lead edits only the initiatives whose owner or partner actor they are a member of), its routes are
tried in more places (:data:`PLACES`): the object in the own region with and without the relation,
and led from the other region with the own region as a partner, with and without it. The recipe
builds the object there and gives the account the relation where the place says so
(:func:`placed_initiative`); the outcome is derived from the place, never written per cell.

Outcomes: ``OK`` (the route's success status, a redirect), ``FORBIDDEN`` (403),
``NOT_FOUND`` (404, where the existence of the object is not the person's to know) and ``LOGIN``
(anonymous: a redirect to the login page with ``next``). A refused write must change nothing in
the database and must be in the audit log as a ``refused`` event for its path.
"""
import dataclasses
import difflib
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Callable
from urllib.parse import quote

import pytest
from sqlalchemy import event, func, select
from sqlalchemy.engine import make_url

from conftest import ACCOUNTS, PASSWORD, csrf_token, login, make_app, release_connections
from samverkan import create_app
from samverkan.accounts import services
from samverkan.accounts.models import Person, RoleGrant
from samverkan.audit import AuditEvent
from samverkan.extensions import db
from samverkan.plans.models import PlanNode
from samverkan.policy import PERMISSIONS, PUBLIC, SIGNED_IN, Rule
from samverkan.regions.models import Region
from samverkan.roles import ROLES as ROLE_TABLE

ROLES = [*ACCOUNTS, "anonymous"]
MUTATING_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
REGIONS = ("vastmanland", "vasternorrland")

OK, FORBIDDEN, NOT_FOUND, LOGIN = "ok", "forbidden", "not-found", "login"
STATUS = {FORBIDDEN: 403, NOT_FOUND: 404}

#: a new password that passes the rules
NEW_PASSWORD = "ett helt nytt lösenord för testet"
NEW_NAME = "Nytt Namn Efter Ändring"
NEW_REGIONAL_EMAIL = "ny.person@exempel.se"
NEW_PLATFORM_EMAIL = "ny.analytiker@exempel.se"
RESET_EMAIL = "aterstall@exempel.se"
#: the account that deactivation and activation act on (not a test account: it must not end
#: the session of the role trying)
TARGET_EMAIL = "konto@exempel.se"

# scopes: where the request points
ANY = "any"  # the route names neither a region nor an object
OWN, OTHER = "own", "other"  # the role's own region, the other region (of the URL or the object)
CROSS = "own-url-other-object"  # the own region's URL with an object of the other region
# where a permission asks for a relation to the object besides the region (see PLACES)
UNRELATED = "own-unrelated"  # in the own region, the account without the relation
PARTNER = "own-as-partner"  # led from the other region, the own region a partner region; related
PARTNER_UNRELATED = "own-as-partner-unrelated"  # the same, the account without the relation


@dataclass(frozen=True)
class Place:
    """Where a scope puts an object that can span regions, seen from the role's own region."""

    lead: str  # OWN or OTHER: the region the object is led from
    partner: bool  # whether the own region is one of its partner regions
    related: bool  # whether the account has the relation to it (a member of its owner or partner actor)


PLACES = {
    OWN: Place(OWN, partner=False, related=True),
    OTHER: Place(OTHER, partner=False, related=True),
    UNRELATED: Place(OWN, partner=False, related=False),
    PARTNER: Place(OTHER, partner=True, related=True),
    PARTNER_UNRELATED: Place(OTHER, partner=True, related=False),
}


# ---------------------------------------------------------------------------------------------
# Who may call each route, as reviewed: the table the expected outcomes come from.
# ---------------------------------------------------------------------------------------------

RULES_FILE = Path(__file__).with_name("authorization_rules.txt")


@dataclass(frozen=True)
class RuleRow:
    """A line of :data:`RULES_FILE`: a route, its methods, its access rule, whether its URL names a
    region, and the roles that hold its permission on its object only through a relation."""

    endpoint: str
    methods: tuple
    rule: Rule
    regional_url: bool = False
    relation: tuple = ()

    def line(self):
        rule = self.rule
        access = rule.permission or ("signed-in" if rule.signed_in else "public")
        where = [f"on:{rule.on}"] if rule.on else []
        where += ["somewhere"] if rule.somewhere else []
        where += ["url-region"] if self.regional_url else []
        where += [f"relation:{','.join(self.relation)}"] if self.relation else []
        return f"{self.endpoint:<38} {','.join(self.methods):<16} {access:<22} {' '.join(where)}".rstrip()

    @classmethod
    def parse(cls, line):
        endpoint, methods, access, *where = line.split()
        on = next((word.removeprefix("on:") for word in where if word.startswith("on:")), None)
        relation = next((tuple(word.removeprefix("relation:").split(",")) for word in where
                         if word.startswith("relation:")), ())
        known = {"somewhere", "url-region"}
        unknown = [word for word in where if word not in known and not word.startswith(("on:", "relation:"))]
        if unknown or access not in {"public", "signed-in", *PERMISSIONS}:
            raise ValueError(f"{RULES_FILE.name}: cannot read {line!r}")
        rule = (PUBLIC if access == "public" else SIGNED_IN if access == "signed-in"
                else Rule(permission=access, on=on, somewhere="somewhere" in where))
        return cls(endpoint, tuple(methods.split(",")), rule, "url-region" in where, relation)


def declared_rows(app):
    """The rows as the app's views declare their rules, and the role table its relations."""
    rows = []
    for url_rule in sorted(app.url_map.iter_rules(), key=lambda r: (r.endpoint, r.rule)):
        if url_rule.endpoint == "static" or url_rule.endpoint in {row.endpoint for row in rows}:
            continue
        rule = app.view_functions[url_rule.endpoint].access_rule
        relation = tuple(key for key, role in ROLE_TABLE.items() if rule.on and rule.permission in role.through_relation)
        methods = tuple(sorted(url_rule.methods - {"HEAD", "OPTIONS"}))
        rows.append(RuleRow(url_rule.endpoint, methods, rule, "region_slug" in url_rule.arguments, relation))
    return rows


def read_rules():
    lines = [line for line in RULES_FILE.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    return {row.endpoint: row for row in map(RuleRow.parse, lines)}


#: endpoint -> :class:`RuleRow`, as reviewed
RULES = read_rules()
#: permission -> the regional roles that hold it on an object only through a relation to it, as
#: reviewed (a project lead edits the initiatives whose owner or partner actor they are a member of;
#: a region admin those of their region, lead or partner); the relations are in ``roles.RELATIONS``
RELATION_REQUIRED = {row.rule.permission: frozenset(row.relation) for row in RULES.values() if row.relation}


# ---------------------------------------------------------------------------------------------
# The expected outcomes, derived from the reviewed rules and the role table.
# ---------------------------------------------------------------------------------------------


def rule_of(endpoint):
    """The reviewed rule of ``endpoint`` (not the one its view declares: a wrong declaration must
    not set what the matrix expects of it)."""
    return RULES[endpoint].rule


def scopes_of(app, url_rule):
    """Where a route can point: a region in the URL or an object with a region gives own/other;
    both give also the own region's URL with the other region's object."""
    rule = rule_of(url_rule.endpoint)
    regional_url = "region_slug" in url_rule.arguments
    placed = tuple(PLACES) if rule.on and rule.permission in RELATION_REQUIRED else (OWN, OTHER)
    if regional_url and rule.on:
        return (*placed, CROSS)
    if rule.on:
        return placed
    if regional_url:
        return (OWN, OTHER)
    return (ANY,)


def holds(role, permission, region_slug):
    """Whether the test account ``role`` holds ``permission`` on something in ``region_slug``."""
    if role == "anonymous" or ACCOUNTS[role][1] is None:
        return False
    _email, key, own = ACCOUNTS[role]
    grant = ROLE_TABLE[key]
    if permission not in grant.permissions:
        return False
    return not grant.regional or (region_slug is not None and own == region_slug)


def holds_on(role, permission, place):
    """Whether the test account ``role`` holds ``permission`` on an object at ``place``: a
    platform-wide role everywhere; a regional one when the own region is among the object's, and
    where the permission asks for a relation to the object, only with it."""
    if role == "anonymous" or ACCOUNTS[role][1] is None:
        return False
    key = ACCOUNTS[role][1]
    if not holds(role, permission, ACCOUNTS[role][2]):
        return False
    if not ROLE_TABLE[key].regional:
        return True
    in_its_regions = place.lead == OWN or place.partner
    return in_its_regions and (place.related or key not in RELATION_REQUIRED.get(permission, ()))


def expected_outcome(app, endpoint, role, scope):
    rule = rule_of(endpoint)
    if not rule.signed_in:
        return OK
    if role == "anonymous":
        return LOGIN
    if rule.permission is None:
        return OK
    if rule.on and rule.permission in RELATION_REQUIRED and scope in PLACES:
        allowed = holds_on(role, rule.permission, PLACES[scope])
    else:
        region = None if scope == ANY else region_of(role, scope)
        if rule.somewhere and scope == ANY:  # held in any one region is enough: the role's own
            region = own_region(role)
        allowed = holds(role, rule.permission, region)
    if scope == CROSS:  # allowed in the URL's region, where the other region's object is not found
        return NOT_FOUND if allowed else FORBIDDEN
    return OK if allowed else FORBIDDEN


def _url_map_app():
    """An app with the installed plugins, for walking its URL map (it sends no query)."""
    return create_app({"TESTING": True, "SECRET_KEY": "test", "DATABASE_URL": "sqlite://"})


URL_MAP_APP = _url_map_app()


def mutating_rules(app):
    return [rule for rule in app.url_map.iter_rules()
            if rule.endpoint != "static" and rule.methods & MUTATING_METHODS]


#: the roles whose cells run on PostgreSQL too: between them every outcome (allowed, refused, not
#: found, sent to log in) of every route, and the places of a relation (the project lead's), on the
#: production database; every cell runs on SQLite
POSTGRESQL_ROLES = ("platform-admin", "region-admin", "project-lead", "anonymous")


def cells(url_rules, outcome=lambda expected: expected, postgresql_roles=POSTGRESQL_ROLES):
    """``(database, role, endpoint, scope, expected)`` for each route, role and scope."""
    # (a route missing from the reviewed table has no cells: test_the_rules_are_as_reviewed names it)
    for url_rule in sorted(url_rules, key=lambda r: r.endpoint):
        if url_rule.endpoint not in RULES:
            continue
        for role in ROLES:
            for scope in scopes_of(URL_MAP_APP, url_rule):
                expected = outcome(expected_outcome(URL_MAP_APP, url_rule.endpoint, role, scope))
                for backend in ("sqlite", "postgresql"):
                    if backend == "sqlite" or role in postgresql_roles:
                        yield pytest.param(backend, role, url_rule.endpoint, scope, expected,
                                           id=f"{backend}-{url_rule.endpoint}-{role}-{scope}")


def matrix_cells():
    return cells(mutating_rules(URL_MAP_APP))


# ---------------------------------------------------------------------------------------------
# How to send a valid request to each mutating route, and what it changes when it succeeds.
# ---------------------------------------------------------------------------------------------


@dataclass
class Request:
    url: str
    data: dict
    #: (app, client) -> a value that a successful request changes
    effect: Callable
    #: whether success changes ``effect`` (a signed-in person posting the login form is only
    #: redirected, for instance)
    changes: bool = True
    ok_status: int = 302


def own_region(role):
    slug = ACCOUNTS[role][2] if role in ACCOUNTS else None
    return slug or REGIONS[0]


def other_region(role):
    return REGIONS[1] if own_region(role) == REGIONS[0] else REGIONS[0]


def region_of(role, scope):
    return other_region(role) if scope == OTHER else own_region(role)


def email_of(role):
    """The account a request acts on: the role's own, or for anonymous the account without roles."""
    return ACCOUNTS["no-role" if role == "anonymous" else role][0]


def member_grant_id(slug):
    """The id of the member's grant in region ``slug`` (the grant the revoke requests target)."""
    member = "member" if slug == REGIONS[0] else "other-member"
    return db.session.execute(
        select(RoleGrant.id).join(Person, RoleGrant.person_id == Person.id).join(Region)
        .where(Person.email == ACCOUNTS[member][0], Region.slug == slug)
    ).scalar_one()


def session_value(client, key):
    with client.session_transaction() as session:
        return session.get(key)


def audit_count(app, action, email=None):
    with app.app_context():
        query = select(func.count()).select_from(AuditEvent).where(AuditEvent.action == action)
        if email is not None:
            query = query.where(collab.by(email))
        return db.session.scalar(query)


def person_field(app, email, field):
    with app.app_context():
        person = services.find_person(email)
        return getattr(person, field) if person is not None else None


def grant_exists(app, grant_id):
    with app.app_context():
        return db.session.get(RoleGrant, grant_id) is not None


def grants_of(app, email):
    with app.app_context():
        return sorted(
            (grant.role, grant.region_id)
            for grant in db.session.scalars(
                select(RoleGrant).join(Person, RoleGrant.person_id == Person.id).where(Person.email == email)
            )
        )


#: endpoint -> recipe(role, scope, email, slug) returning the :class:`Request` to send
RECIPES = {}


def recipe(endpoint, fresh=False):
    """Register the recipe of ``endpoint``; ``fresh``: it needs the accounts level as it is, without
    what earlier refused cells prepared (e.g. it revises a plan, which can be done once)."""
    def decorator(function):
        function.fresh = fresh
        RECIPES[endpoint] = function
        return function

    return decorator


def prepare(app, endpoint, role, scope):
    """A valid request to ``endpoint`` for ``role`` in ``scope`` (without the CSRF token)."""
    if endpoint not in RECIPES:
        raise AssertionError(f"no request for {endpoint}: add a @recipe for it")
    with app.app_context():
        return RECIPES[endpoint](role, scope, email_of(role), region_of(role, scope))


@recipe("home.set_language")
def _set_language(role, scope, email, slug):
    return Request("/language", {"lang": "en", "next": "/regions/"},
                   lambda app, client: session_value(client, "lang"))


@recipe("accounts.login")
def _login(role, scope, email, slug):
    return Request("/login", {"email": email, "password": PASSWORD},
                   lambda app, client: session_value(client, "_user_id"), changes=role == "anonymous")


@recipe("accounts.confirm_login")
def _confirm_login(role, scope, email, slug):
    """A sign-in link mailed to the role's own account (anonymous: the account without roles)."""
    from samverkan.accounts.models import LoginLink

    token = f"lank-{role}-{scope}"
    services.issue_login_link(services.find_person(email), token)
    db.session.commit()

    def used(app, client):
        with app.app_context():
            return db.session.scalar(select(LoginLink.used_at).where(LoginLink.token_hash == services.token_hash(token)))

    return Request(f"/login/link/{token}", {}, used)


@recipe("accounts.logout")
def _logout(role, scope, email, slug):
    return Request("/logout", {}, lambda app, client: person_field(app, email, "session_version"))


@recipe("accounts.account")
def _account(role, scope, email, slug):
    return Request("/account", {"name": NEW_NAME}, lambda app, client: person_field(app, email, "name"))


@recipe("accounts.change_password")
def _change_password(role, scope, email, slug):
    return Request("/account/password", {"current": PASSWORD, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
                   lambda app, client: person_field(app, email, "password_hash"))


@recipe("accounts.request_reset")
def _request_reset(role, scope, email, slug):
    # for someone else, with an address the form accepts (it refuses the test accounts'
    # reserved .test domain)
    if services.find_person(RESET_EMAIL) is None:
        services.create_person(RESET_EMAIL, "Återställare", PASSWORD)
        db.session.commit()
    return Request("/password-reset", {"email": RESET_EMAIL},
                   lambda app, client: audit_count(app, "password-reset-requested"))


@recipe("accounts.reset_password")
def _reset_password(role, scope, email, slug):
    token = services.reset_token(services.find_person(email))
    db.session.commit()
    return Request(f"/password-reset/{token}", {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
                   lambda app, client: person_field(app, email, "password_hash"))


@recipe("admin.people")
def _people(role, scope, email, slug):
    return Request("/admin/people", {"email": NEW_PLATFORM_EMAIL, "name": "Ny Analytiker", "role": "national-analyst"},
                   lambda app, client: grants_of(app, NEW_PLATFORM_EMAIL))


@recipe("admin.revoke")
def _revoke(role, scope, email, slug):
    grant_id = member_grant_id(slug)
    return Request(f"/admin/people/grants/{grant_id}/revoke", {}, lambda app, client: grant_exists(app, grant_id))


def _switch_target(action, active_before):
    target = services.find_person(TARGET_EMAIL) or services.create_person(TARGET_EMAIL, "Konto", PASSWORD)
    target.active = active_before
    db.session.commit()
    return Request(f"/admin/people/{target.id}/{action}", {}, lambda app, client: person_field(app, TARGET_EMAIL, "active"))


@recipe("admin.deactivate")
def _deactivate(role, scope, email, slug):
    return _switch_target("deactivate", active_before=True)


@recipe("admin.activate")
def _activate(role, scope, email, slug):
    return _switch_target("activate", active_before=False)


@recipe("admin.region_people")
def _region_people(role, scope, email, slug):
    return Request(f"/regions/{slug}/people", {"email": NEW_REGIONAL_EMAIL, "name": "Ny Person", "role": "member"},
                   lambda app, client: grants_of(app, NEW_REGIONAL_EMAIL))


@recipe("admin.region_revoke")
def _region_revoke(role, scope, email, slug):
    url_slug = own_region(role) if scope == CROSS else slug
    grant_id = member_grant_id(other_region(role) if scope == CROSS else slug)
    return Request(f"/regions/{url_slug}/people/{grant_id}/revoke", {}, lambda app, client: grant_exists(app, grant_id))


# --- recipes: actors and memberships -------------------------------------------------------
# (the actors feature's recipes go here)
import secrets  # noqa: E402
from datetime import timedelta  # noqa: E402

from collab import make_actor, make_membership  # noqa: E402
from collab import region as collab_region  # noqa: E402
from samverkan.actors.models import Actor, Membership  # noqa: E402


def actor_field(app, actor_id, field):
    with app.app_context():
        actor = db.session.get(Actor, actor_id)
        return getattr(actor, field) if actor is not None else None


def actors_named(app, name):
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Actor).where(Actor.name == name))


def memberships_of(app, actor_id):
    with app.app_context():
        return sorted(db.session.scalars(select(Membership.id).filter_by(actor_id=actor_id)))


def membership_exists(app, membership_id):
    with app.app_context():
        return db.session.get(Membership, membership_id) is not None


def new_actor_id(slug):
    actor_id = make_actor(slug).id
    db.session.commit()
    return actor_id


def new_membership_id(slug):
    membership_id = make_membership(make_actor(slug), ACCOUNTS["member"][0]).id
    db.session.commit()
    return membership_id


@recipe("actors.new")
def _actor_new(role, scope, email, slug):
    name = f"Ny aktör {role} {scope}"
    return Request(f"/regions/{slug}/actors/new", {"name": name, "kind": "employer"},
                   lambda app, client: actors_named(app, name))


@recipe("actors.edit")
def _actor_edit(role, scope, email, slug):
    actor_id = new_actor_id(slug)
    return Request(f"/actors/{actor_id}/edit", {"name": NEW_NAME, "kind": "employer", "regions": [slug]},
                   lambda app, client: actor_field(app, actor_id, "name"))


@recipe("actors.add_to_region")
def _actor_add_to_region(role, scope, email, slug):
    """The region of the URL takes an actor of the other region into its register."""
    actor_id = new_actor_id(REGIONS[1] if slug == REGIONS[0] else REGIONS[0])

    def regions(app, client):
        with app.app_context():
            return sorted(region.slug for region in db.session.get(Actor, actor_id).regions)

    return Request(f"/regions/{slug}/actors/{actor_id}/add", {}, regions)


@recipe("actors.add_member")
def _actor_add_member(role, scope, email, slug):
    actor_id = new_actor_id(slug)
    # the member of the actor's own region, who holds the member role the form gives there already:
    # the cell adds a membership and no role that could change another cell's outcome
    member = next(address for address, role, region in ACCOUNTS.values() if role == "member" and region == slug)
    return Request(f"/actors/{actor_id}/members", {"email": member, "role": "contact"},
                   lambda app, client: memberships_of(app, actor_id))


@recipe("actors.delete_membership")
def _actor_delete_membership(role, scope, email, slug):
    membership_id = new_membership_id(slug)
    return Request(f"/memberships/{membership_id}/delete", {},
                   lambda app, client: membership_exists(app, membership_id))


def new_invitation(slug, email):
    """A pending invitation to a new actor of ``slug`` for ``email``, sent by the region's admin;
    returns (its id, the token of its link)."""
    from samverkan.actors.models import Invitation
    from samverkan.times import utcnow

    admin = next(address for address, role, region in ACCOUNTS.values() if role == "region-admin" and region == slug)
    token = secrets.token_urlsafe(16)
    invitation = Invitation(token_hash=services.token_hash(token), email=email, name="Inbjuden", actor=make_actor(slug),
                            region=collab_region(slug), membership_role="contact", role="member",
                            invited_by=services.find_person(admin), expires_at=utcnow() + timedelta(days=1))
    db.session.add(invitation)
    db.session.commit()
    return invitation.id, token


def invitation_field(app, invitation_id, field):
    from samverkan.actors.models import Invitation

    with app.app_context():
        return getattr(db.session.get(Invitation, invitation_id), field)


@recipe("actors.accept_invitation")
def _actor_accept_invitation(role, scope, email, slug):
    invitation_id, token = new_invitation(slug, f"inbjuden-{role}-{scope}@exempel.se")
    return Request(f"/invitations/{token}", {"name": "Inbjuden", "password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
                   lambda app, client: invitation_field(app, invitation_id, "accepted_at"))


@recipe("actors.revoke_invitation")
def _actor_revoke_invitation(role, scope, email, slug):
    invitation_id, _token = new_invitation(slug, f"tillbaka-{role}-{scope}@exempel.se")
    return Request(f"/invitations/{invitation_id}/revoke", {},
                   lambda app, client: invitation_field(app, invitation_id, "revoked_at"))


# --- recipes: networks, forum models and forums ----------------------------------------------
# (the networks and forums features' recipes go here)
import collab  # noqa: E402  (imports of this section, kept in it)
from samverkan.forums.models import Forum, ForumModel  # noqa: E402
from samverkan.networks.models import Network, NetworkMember  # noqa: E402


def _scalar(app, query):
    with app.app_context():
        return db.session.scalar(query)


def _network_in(slug):
    return collab.make_network(slug, name=f"Behörighetsnätverk i {slug}")


@recipe("networks.new")
def _new_network(role, scope, email, slug):
    return Request(f"/regions/{slug}/networks/new", {"name": "Nytt nätverk", "kind": "sector-council"},
                   lambda app, client: _scalar(app, select(func.count()).select_from(Network)
                                               .where(Network.name == "Nytt nätverk")))


@recipe("networks.edit")
def _edit_network(role, scope, email, slug):
    network = _network_in(slug)
    db.session.commit()
    return Request(f"/networks/{network.id}/edit",
                   {"name": NEW_NAME, "kind": "council", "regions": [collab.region(slug).id]},
                   lambda app, client: _scalar(app, select(Network.name).where(Network.id == network.id)))


@recipe("networks.change_stage")
def _change_stage(role, scope, email, slug):
    network = _network_in(slug)
    db.session.commit()
    return Request(f"/networks/{network.id}/stage", {"stage": "samsyn", "reason": "Vi är överens om målen."},
                   lambda app, client: _scalar(app, select(Network.stage).where(Network.id == network.id)))


def _member_count(network_id):
    return lambda app, client: _scalar(app, select(func.count()).select_from(NetworkMember)
                                       .where(NetworkMember.network_id == network_id))


@recipe("networks.add_member")
def _add_member(role, scope, email, slug):
    network = _network_in(slug)
    db.session.commit()
    return Request(f"/networks/{network.id}/members", {"email": ACCOUNTS["no-role"][0], "coordinator": "y"},
                   _member_count(network.id))


@recipe("networks.delete_member")
def _delete_member(role, scope, email, slug):
    member = collab.make_coordinator(_network_in(slug), ACCOUNTS["no-role"][0])
    db.session.commit()
    return Request(f"/network-members/{member.id}/delete", {}, _member_count(member.network_id))


@recipe("forums.new_model")
def _new_model(role, scope, email, slug):
    return Request(f"/regions/{slug}/forum-models/new", {"name": "Ny forummodell", "agenda": "Läget\nNästa steg"},
                   lambda app, client: _scalar(app, select(func.count()).select_from(ForumModel)
                                               .where(ForumModel.name == "Ny forummodell")))


@recipe("forums.edit_model")
def _edit_model(role, scope, email, slug):
    model = collab.make_forum_model(slug)
    db.session.commit()
    return Request(f"/forum-models/{model.id}/edit", {"name": NEW_NAME},
                   lambda app, client: _scalar(app, select(ForumModel.name).where(ForumModel.id == model.id)))


def _forums_named(name):
    return lambda app, client: _scalar(app, select(func.count()).select_from(Forum).where(Forum.name == name))


@recipe("forums.new_for_network")
def _new_forum_for_network(role, scope, email, slug):
    network = _network_in(slug)
    db.session.commit()
    return Request(f"/networks/{network.id}/forums/new", {"name": "Nytt nätverksforum", "model": "0"},
                   _forums_named("Nytt nätverksforum"))


@recipe("forums.new_for_region")
def _new_forum_for_region(role, scope, email, slug):
    return Request(f"/regions/{slug}/forums/new", {"name": "Nytt regionforum", "model": "0"},
                   _forums_named("Nytt regionforum"))


@recipe("forums.edit")
def _edit_forum(role, scope, email, slug):
    forum = collab.make_forum(_network_in(slug))
    db.session.commit()
    return Request(f"/forums/{forum.id}/edit", {"name": NEW_NAME, "model": "0"},
                   lambda app, client: _scalar(app, select(Forum.name).where(Forum.id == forum.id)))


# --- recipes: meetings, agenda, registrations, minutes, decisions, actions -------------------
# (the meetings feature's recipes go here)


def _meeting_in(slug):
    from collab import make_forum, make_meeting

    return make_meeting(make_forum(slug=slug))


def _meeting_value(meeting_id, read):
    """(app, client) -> ``read(meeting)`` of the meeting as stored now."""
    from samverkan.meetings.models import Meeting

    def effect(app, client):
        with app.app_context():
            return read(db.session.get(Meeting, meeting_id))

    return effect


def _exists(model, object_id):
    def effect(app, client):
        with app.app_context():
            return db.session.get(model, object_id) is not None

    return effect


MEETING_FORM = {"title": "Nytt möte", "day": "2030-05-07", "starts": "10:00", "ends": "12:00",
                "place": "Västerås", "status": "planned"}


@recipe("meetings.new")
def _new_meeting(role, scope, email, slug):
    from collab import make_forum
    from samverkan.meetings.models import Meeting

    forum_id = make_forum(slug=slug).id
    db.session.commit()

    def effect(app, client):
        with app.app_context():
            return db.session.scalar(select(func.count()).select_from(Meeting).where(Meeting.forum_id == forum_id))

    return Request(f"/forums/{forum_id}/meetings/new", MEETING_FORM, effect)


@recipe("meetings.edit")
def _edit_meeting(role, scope, email, slug):
    meeting_id = _meeting_in(slug).id
    db.session.commit()
    return Request(f"/meetings/{meeting_id}/edit", MEETING_FORM, _meeting_value(meeting_id, lambda m: m.title))


@recipe("meetings.minutes")
def _minutes(role, scope, email, slug):
    meeting_id = _meeting_in(slug).id
    db.session.commit()
    return Request(f"/meetings/{meeting_id}/minutes", {"minutes": "Protokoll"},
                   _meeting_value(meeting_id, lambda m: m.minutes))


@recipe("meetings.add_decision")
def _add_decision(role, scope, email, slug):
    meeting_id = _meeting_in(slug).id
    db.session.commit()
    return Request(f"/meetings/{meeting_id}/decisions", {"text": "Beslut"},
                   _meeting_value(meeting_id, lambda m: len(m.decisions)))


@recipe("meetings.delete_decision")
def _delete_decision(role, scope, email, slug):
    from collab import make_decision
    from samverkan.meetings.models import Decision

    decision_id = make_decision(_meeting_in(slug)).id
    db.session.commit()
    return Request(f"/decisions/{decision_id}/delete", {}, _exists(Decision, decision_id))


@recipe("meetings.add_action")
def _add_action(role, scope, email, slug):
    meeting_id = _meeting_in(slug).id
    db.session.commit()
    return Request(f"/meetings/{meeting_id}/actions",
                   {"what": "Åtgärd", "owner_email": ACCOUNTS["member"][0], "due_on": "2030-06-01",
                    "owner_actor": "None", "node": "None", "decision": "None"},
                   _meeting_value(meeting_id, lambda m: len(m.actions)))


@recipe("meetings.toggle_action")
def _toggle_action(role, scope, email, slug):
    from collab import make_action
    from samverkan.meetings.models import Action

    action_id = make_action(_meeting_in(slug), owner_email=ACCOUNTS["member"][0]).id
    db.session.commit()

    def effect(app, client):
        with app.app_context():
            return db.session.get(Action, action_id).done

    return Request(f"/actions/{action_id}/done", {}, effect)


@recipe("meetings.add_agenda_item")
def _add_agenda_item(role, scope, email, slug):
    meeting_id = _meeting_in(slug).id
    db.session.commit()
    return Request(f"/meetings/{meeting_id}/agenda", {"title": "Ny punkt"},
                   _meeting_value(meeting_id, lambda m: [item.title for item in m.agenda_items]))


def _agenda_of(slug, count):
    from collab import make_agenda_item

    meeting = _meeting_in(slug)
    items = [make_agenda_item(meeting, title=f"Punkt {n}") for n in range(count)]
    db.session.commit()
    return meeting.id, [item.id for item in items]


@recipe("meetings.edit_agenda_item")
def _edit_agenda_item(role, scope, email, slug):
    meeting_id, (item_id,) = _agenda_of(slug, 1)
    return Request(f"/agenda-items/{item_id}/edit", {f"item{item_id}-title": "Ändrad punkt"},
                   _meeting_value(meeting_id, lambda m: [item.title for item in m.agenda_items]))


@recipe("meetings.move_agenda_item")
def _move_agenda_item(role, scope, email, slug):
    meeting_id, (_first, second) = _agenda_of(slug, 2)
    return Request(f"/agenda-items/{second}/move", {"direction": "up"},
                   _meeting_value(meeting_id, lambda m: [item.title for item in m.agenda_items]))


@recipe("meetings.delete_agenda_item")
def _delete_agenda_item(role, scope, email, slug):
    meeting_id, _items = _agenda_of(slug, 2)
    item_id = _items[0]
    return Request(f"/agenda-items/{item_id}/delete", {},
                   _meeting_value(meeting_id, lambda m: [(item.position, item.title) for item in m.agenda_items]))


# --- recipes: initiatives (the registry's core: creating and editing) -----------------------
from samverkan.initiatives.models import Initiative  # noqa: E402


def placed_initiative(role, scope, title="Behörighetsinitiativ", draft=False):
    """An initiative where :data:`PLACES` puts it for ``role``: led from the own or the other
    region, the own region a partner region or not, and the role's account a member of its owner
    (or, with a partner region, of its partner actor there) only where the place says so. The
    recipes and URL objects of every route on an initiative build theirs with it."""
    place = PLACES[scope]
    own, other = own_region(role), other_region(role)
    lead = own if place.lead == OWN else other
    owner = collab.make_actor(lead, name=f"Initiativägare i {lead}")
    related, values = owner, {}
    if place.partner:
        related = collab.make_actor(own, name=f"Initiativpartner i {own}")
        values = {"partners": [related], "partner_regions": [collab.region(own)]}
    initiative = collab.make_initiative(lead, title=title, owner=owner, draft=draft, **values)
    if place.related:
        collab.make_membership(related, email_of(role), role="project-lead")
    return initiative


def _initiative_value(initiative_id, read):
    def effect(app, client):
        with app.app_context():
            return read(db.session.get(Initiative, initiative_id))

    return effect


@recipe("initiatives.new")
def _new_initiative(role, scope, email, slug):
    # the relation the object rule asks of a project lead: the owner is the account's actor
    owner = collab.make_actor(slug, name=f"Ny initiativägare i {slug}")
    collab.make_membership(owner, email, role="project-lead")
    db.session.commit()
    title = f"Nytt initiativ för {role}"
    return Request("/initiatives/new",
                   {"title": title, "status": "idea", "lead_region": collab.region(slug).id, "owner": owner.id},
                   lambda app, client: _scalar(app, select(func.count()).select_from(Initiative)
                                               .where(Initiative.title == title)))


@recipe("initiatives.edit")
def _edit_initiative(role, scope, email, slug):
    initiative = placed_initiative(role, scope)
    db.session.commit()
    data = {"title": NEW_NAME, "status": initiative.status, "lead_region": initiative.lead_region_id,
            "owner": initiative.owner_id, "version": initiative.version,
            "partners": [actor.id for actor in initiative.partners],
            "partner_regions": [region.id for region in initiative.partner_regions]}
    return Request(f"/initiatives/{initiative.id}/edit", data, _initiative_value(initiative.id, lambda i: i.title))


@recipe("initiatives.change_status")
def _change_initiative_status(role, scope, email, slug):
    initiative = placed_initiative(role, scope)
    db.session.commit()
    return Request(f"/initiatives/{initiative.id}/status", {"status": "finished", "version": initiative.version},
                   _initiative_value(initiative.id, lambda i: (i.status, len(i.status_changes))))


# --- recipes: importing initiatives ------------------------------------------------------------
# (the import's recipes go here)
import io  # noqa: E402


def _initiatives_titled(app, title):
    from samverkan.initiatives.models import Initiative

    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Initiative).where(Initiative.title == title))


@recipe("initiative_transfer.upload")
def _import_initiatives(role, scope, email, slug):
    title = f"Importerat {role} {scope}"
    data = f"Titel;Ägare;Ledande region\r\n{title};Importerad ägare;{slug}\r\n".encode("utf-8-sig")
    return Request(f"/regions/{slug}/initiatives/import", {"file": (io.BytesIO(data), "initiativ.csv")},
                   lambda app, client: _initiatives_titled(app, title), ok_status=200)


# --- recipes: progress reports and reporting periods -------------------------------------------
# (the progress feature's recipes go here)


def _progress_initiative(role, scope):
    """An initiative placed for ``role`` as ``scope`` says (:func:`placed_initiative`): its
    editors, and so those who report on it, follow from the place."""
    return placed_initiative(role, scope, title="Rapporterande initiativ")


def _entries_of(initiative_id):
    from samverkan.initiatives.models import ProgressEntry

    return lambda app, client: _scalar(app, select(func.count()).select_from(ProgressEntry)
                                       .where(ProgressEntry.initiative_id == initiative_id))


def _entry_in(role, scope):
    from datetime import date

    return collab.make_entry(_progress_initiative(role, scope), date(2026, 3, 1))


PROGRESS_FORM = {"progress-reported_on": "2026-04-01", "progress-happened": "Tio deltagare validerade."}


@recipe("progress.add")
def _add_progress(role, scope, email, slug):
    initiative_id = _progress_initiative(role, scope).id
    db.session.commit()
    return Request(f"/initiatives/{initiative_id}/progress", PROGRESS_FORM, _entries_of(initiative_id))


@recipe("progress.edit")
def _edit_progress(role, scope, email, slug):
    from samverkan.initiatives.models import ProgressEntry

    entry_id = _entry_in(role, scope).id
    db.session.commit()
    return Request(f"/progress/{entry_id}/edit", PROGRESS_FORM,
                   lambda app, client: _scalar(app, select(ProgressEntry.happened).where(ProgressEntry.id == entry_id)))


@recipe("progress.delete")
def _delete_progress(role, scope, email, slug):
    from samverkan.initiatives.models import ProgressEntry

    entry_id = _entry_in(role, scope).id
    db.session.commit()
    return Request(f"/progress/{entry_id}/delete", {}, _exists(ProgressEntry, entry_id))


def _periods_named(name):
    from samverkan.initiatives.models import ReportingPeriod

    return lambda app, client: _scalar(app, select(func.count()).select_from(ReportingPeriod)
                                       .where(ReportingPeriod.name == name))


def _period_in(slug):
    from datetime import date

    return collab.make_period(slug, date(2026, 1, 1), date(2026, 6, 30), date(2026, 6, 30), name=f"Vår i {slug}")


@recipe("progress.periods")
def _add_period(role, scope, email, slug):
    return Request(f"/regions/{slug}/reporting-periods",
                   {"name": "Höst 2026", "starts_on": "2026-07-01", "ends_on": "2026-12-31", "due_on": "2027-01-31"},
                   _periods_named("Höst 2026"))


@recipe("progress.delete_period")
def _delete_period(role, scope, email, slug):
    from samverkan.initiatives.models import ReportingPeriod

    period_id = _period_in(slug).id
    db.session.commit()
    return Request(f"/reporting-periods/{period_id}/delete", {}, _exists(ReportingPeriod, period_id))
# --- recipes: practices and adoptions -----------------------------------------------------------
# (adopting is ``somewhere``: a region admin adopts, for their own region, another region's practice)
from samverkan.initiatives.models import Adoption  # noqa: E402


def _other_of(slug):
    return REGIONS[1] if slug == REGIONS[0] else REGIONS[0]


def _practice_of(slug):
    """A published practice led from region ``slug``."""
    return collab.make_practice(slug, title=f"Gott exempel i {slug}")


def _adoption_in(slug):
    """Region ``slug`` adopting a practice of the other region."""
    return collab.make_adoption(_practice_of(_other_of(slug)), slug)


@recipe("practices.adopt")
def _adopt_practice(role, scope, email, slug):
    practice = _practice_of(_other_of(slug))
    db.session.commit()
    return Request(f"/practices/{practice.id}/adopt", {"region": collab.region(slug).id, "adopted_on": "2025-04-01"},
                   lambda app, client: _scalar(app, select(func.count()).select_from(Adoption)
                                               .where(Adoption.practice_id == practice.id)))


@recipe("practices.withdraw")
def _withdraw_adoption(role, scope, email, slug):
    adoption = _adoption_in(slug)
    db.session.commit()
    return Request(f"/practices/adoptions/{adoption.id}/withdraw", {}, _exists(Adoption, adoption.id))


# --- recipes: calendar feeds -------------------------------------------------------------------
# (the calendar feature's recipes go here)


def _registrations_of(app, email, meeting_id):
    from samverkan.meetings.models import Registration

    with app.app_context():
        return [(r.id, r.waiting) for r in db.session.scalars(
            select(Registration).join(Person, Registration.person_id == Person.id)
            .where(Person.email == email, Registration.meeting_id == meeting_id))]


def _seat_meeting_id(slug, registered=None):
    """A meeting of a forum of region ``slug`` with one seat, ``registered`` (an e-mail) on it."""
    from collab import make_forum, make_meeting
    from samverkan.meetings.registrations import register

    meeting = make_meeting(make_forum(slug=slug), capacity=1)
    if registered:
        register(meeting, services.find_person(registered))
    db.session.commit()
    return meeting.id


@recipe("registrations.register")
def _register(role, scope, email, slug):
    meeting_id = _seat_meeting_id(slug)
    return Request(f"/meetings/{meeting_id}/register", {},
                   lambda app, client: _registrations_of(app, email, meeting_id))


@recipe("registrations.cancel")
def _cancel_registration(role, scope, email, slug):
    meeting_id = _seat_meeting_id(slug, registered=email)
    return Request(f"/meetings/{meeting_id}/cancel-registration", {},
                   lambda app, client: _registrations_of(app, email, meeting_id))


@recipe("accounts.renew_calendar")
def _renew_calendar(role, scope, email, slug):
    # the new link is shown once, on the account page itself
    return Request("/account/calendar", {}, lambda app, client: person_field(app, email, "calendar_token_hash"),
                   ok_status=200)


@recipe("accounts.revoke_calendar")
def _revoke_calendar(role, scope, email, slug):
    services.renew_calendar_token(services.find_person(email))
    db.session.commit()
    return Request("/account/calendar/revoke", {}, lambda app, client: person_field(app, email, "calendar_token_hash"))


# --- recipes: status assessments ----------------------------------------------------------------
# (the assessments feature's recipes go here)
from samverkan.assessments.models import StatusAssessment  # noqa: E402

#: the node of each region's plan that the recipe assesses (and the guarded form page shows)
ASSESSED_NODE = {"vastmanland": "M1", "vasternorrland": "F1.1"}


@recipe("assessments.new")
def _new_assessment(role, scope, email, slug):
    region_id = collab.region(slug).id
    return Request(f"/regions/{slug}/assessments/{ASSESSED_NODE[slug]}/new",
                   {"assessed_on": "2025-03-01", "status": "early", "prioritised": "y", "comment": "Ett första steg."},
                   lambda app, client: _scalar(app, select(func.count()).select_from(StatusAssessment)
                                               .where(StatusAssessment.region_id == region_id)))


# --- recipes: indicators and their values ------------------------------------------------------
# (a value is decided on its indicator's region, whichever county it describes: the values of the
# recipes below describe Skåne)


def _indicator_field(indicator_id, field):
    from samverkan.indicators.models import Indicator

    return lambda app, client: _scalar(app, select(getattr(Indicator, field)).where(Indicator.id == indicator_id))


@recipe("indicators.new")
def _new_indicator(role, scope, email, slug):
    from samverkan.indicators.models import Indicator

    name = f"Ny indikator {role} {scope}"
    return Request(f"/regions/{slug}/indicators/new", {"name": name, "unit": "%"},
                   lambda app, client: _scalar(app, select(func.count()).select_from(Indicator)
                                               .where(Indicator.name == name)))


@recipe("indicators.edit")
def _edit_indicator(role, scope, email, slug):
    indicator = collab.make_indicator(slug)
    db.session.commit()
    return Request(f"/regions/{slug}/indicators/{indicator.key}/edit", {"name": NEW_NAME, "source": "Kolada"},
                   _indicator_field(indicator.id, "name"))


@recipe("indicators.add_value")
def _add_indicator_value(role, scope, email, slug):
    from samverkan.indicators.models import IndicatorValue

    indicator = collab.make_indicator(slug)
    db.session.commit()
    return Request(f"/regions/{slug}/indicators/{indicator.key}/values",
                   {"year": "2024", "region": collab.region("skane").id, "value": "3,5"},
                   lambda app, client: _scalar(app, select(func.count()).select_from(IndicatorValue)
                                               .where(IndicatorValue.indicator_id == indicator.id)))


def _indicator_value_in(slug):
    return collab.make_indicator_value(collab.make_indicator(slug), "skane")


@recipe("indicators.edit_value")
def _edit_indicator_value(role, scope, email, slug):
    from samverkan.indicators.models import IndicatorValue

    row = _indicator_value_in(slug)
    db.session.commit()
    return Request(f"/indicator-values/{row.id}/edit", {"year": "2024", "region": row.region_id, "value": "7,25"},
                   lambda app, client: _scalar(app, select(IndicatorValue.value).where(IndicatorValue.id == row.id)))


@recipe("indicators.delete_value")
def _delete_indicator_value(role, scope, email, slug):
    from samverkan.indicators.models import IndicatorValue

    row = _indicator_value_in(slug)
    db.session.commit()
    return Request(f"/indicator-values/{row.id}/delete", {}, _exists(IndicatorValue, row.id))


# --- recipes: plan revisions --------------------------------------------------------------------
# (relinking an initiative that a revision left linked only to a node the new version dropped)


def _plan_spec(slug):
    """The plugin content that provides region ``slug``'s plan, and the plan's spec."""
    from flask import current_app

    region = collab.region(slug)
    content = next(c for c in current_app.extensions["samverkan.plugins"] if c.name == region.plugin)
    return content, next(plan for plan in content.plans if plan.region_code == region.code)


def first_leaf(slug):
    """The code of the first node without children of region ``slug``'s plan."""
    leaf = _plan_spec(slug)[1].nodes[0]
    while leaf.children:
        leaf = leaf.children[0]
    return leaf.code


def revise_plan(slug, dropped):
    """Sync a version 2 of region ``slug``'s plan without the node ``dropped``."""
    from flask import current_app

    from samverkan.sync import sync_all

    content, spec = _plan_spec(slug)

    def prune(nodes):
        return tuple(dataclasses.replace(node, children=prune(node.children)) for node in nodes
                     if node.code != dropped)

    revised = dataclasses.replace(content, plans=[dataclasses.replace(spec, version=spec.version + 1,
                                                                      nodes=prune(spec.nodes))])
    sync_all([revised if c is content else c for c in current_app.extensions["samverkan.plugins"]])


@recipe("plans.relink", fresh=True)
def _relink(role, scope, email, slug):
    # across regions: the other region's initiative through the own region's URL
    url_slug, target = (own_region(role), other_region(role)) if scope == CROSS else (slug, slug)
    code = first_leaf(target)
    dropped = next(node for node in collab.region(target).main_plan.nodes if node.code == code)
    initiative = collab.make_initiative(target, title="Att länka om", nodes=[dropped])
    db.session.commit()
    revise_plan(target, code)
    current = collab.region(target).main_plan
    assert current.version == 2 and code not in {node.code for node in current.nodes}
    return Request(f"/regions/{url_slug}/plan/relink/{initiative.id}",
                   {"nodes": [current.nodes[0].id], "version": initiative.version,
                    "lead_region": collab.region(target).id},
                   _initiative_value(initiative.id, lambda i: sorted(node.id for node in i.nodes)))


# --- recipes: answering a needs survey ----------------------------------------------------------
# (an employer through its personal link, anyone; signed in, the employer's members and the admins
# of the round's region: the actor made here has no members, so only the role decides)
from datetime import timedelta as _timedelta  # noqa: E402

from samverkan.needs import services as needs_services  # noqa: E402
from samverkan.needs.models import SurveyResponse  # noqa: E402
from samverkan.times import today as _today  # noqa: E402

#: a need as the answer form sends it
SURVEY_ANSWER = {"needs-0-occupation": "Svetsare", "needs-0-ssyk_group": "7", "needs-0-count_1y": "1",
                 "needs-0-count_3y": "2", "needs-0-seqf_level": "4", "needs-0-importance": "high",
                 "needs-0-bottleneck": "no", "needs-0-education_route": "upper-secondary", "action": "save"}


def survey_response_in(slug):
    """The response of a new employer (without members) in a new open round of ``slug``."""
    actor = make_actor(slug, name=f"Enkätarbetsgivare i {slug}")
    survey = needs_services.open_round(collab.region(slug), title="Behörighetsenkät", opens_on=_today(),
                                       closes_on=_today() + _timedelta(days=10), question_set_version=1,
                                       actors=[actor])
    return survey.responses[0]


def _response_state(response_id):
    def read(app, client):
        with app.app_context():
            response = db.session.get(SurveyResponse, response_id)
            return response.status, len(response.needs)

    return read


@recipe("answers.by_link")
def _answer_by_link(role, scope, email, slug):
    response = survey_response_in(slug)
    token = needs_services.issue_link(response)
    db.session.commit()
    return Request(f"/surveys/answer/{token}", SURVEY_ANSWER, _response_state(response.id))


@recipe("answers.as_member")
def _answer_as_member(role, scope, email, slug):
    response = survey_response_in(slug)
    db.session.commit()
    return Request(f"/surveys/{response.round_id}/employers/{response.actor_id}", SURVEY_ANSWER,
                   _response_state(response.id))



# --- recipes: survey rounds ----------------------------------------------------------------------
# (decided on the round's region; the sends need an address and, for a reminder, a sent invitation)
from samverkan.needs.models import SurveyResponse, SurveyRound  # noqa: E402


def _survey_round_in(slug, invited_at=None):
    """A round of ``slug`` open until a month from now, inviting one employer with an address."""
    from datetime import timedelta

    from samverkan.needs.services import open_round
    from samverkan.times import today

    actor = collab.make_actor(slug, name=f"Inbjuden arbetsgivare i {slug}")
    survey = open_round(collab.region(slug), title=f"Behovsenkät i {slug}", opens_on=today(),
                        closes_on=today() + timedelta(days=30), question_set_version=1, actors=[actor],
                        emails={actor.id: "hr@arbetsgivare.se"})
    survey.responses[0].invited_at = invited_at
    db.session.commit()
    return survey, survey.responses[0]


def _survey_response_field(response_id, field):
    return lambda app, client: _scalar(app, select(getattr(SurveyResponse, field))
                                       .where(SurveyResponse.id == response_id))


@recipe("surveys.new")
def _new_survey_round(role, scope, email, slug):
    from datetime import timedelta

    from samverkan.times import today

    actor_id = new_actor_id(slug)
    title = f"Ny behovsenkät {role} {scope}"
    return Request(f"/regions/{slug}/surveys/new",
                   {"title": title, "opens_on": today().isoformat(),
                    "closes_on": (today() + timedelta(days=30)).isoformat(), "question_set_version": "1",
                    "actors": [str(actor_id)]},
                   lambda app, client: _scalar(app, select(func.count()).select_from(SurveyRound)
                                               .where(SurveyRound.title == title)))


@recipe("surveys.set_email")
def _set_survey_email(role, scope, email, slug):
    survey, response = _survey_round_in(slug)
    return Request(f"/surveys/{survey.id}/invitations/{response.id}/email",
                   {f"r{response.id}-email": "ny.adress@arbetsgivare.se"},
                   _survey_response_field(response.id, "email"))


@recipe("surveys.add_invitation")
def _add_survey_invitation(role, scope, email, slug):
    survey, _response = _survey_round_in(slug)
    actor_id = new_actor_id(slug)
    return Request(f"/surveys/{survey.id}/invitations", {"actor": str(actor_id), "email": "hr@ny.se"},
                   lambda app, client: _scalar(app, select(func.count()).select_from(SurveyResponse)
                                               .where(SurveyResponse.round_id == survey.id)))


@recipe("surveys.remove_invitation")
def _remove_survey_invitation(role, scope, email, slug):
    survey, response = _survey_round_in(slug)
    return Request(f"/surveys/{survey.id}/invitations/{response.id}/remove", {}, _exists(SurveyResponse, response.id))


@recipe("surveys.send_invitations")
def _send_survey_invitations(role, scope, email, slug):
    survey, response = _survey_round_in(slug)
    return Request(f"/surveys/{survey.id}/send", {}, _survey_response_field(response.id, "invited_at"))


@recipe("surveys.send_reminders")
def _send_survey_reminders(role, scope, email, slug):
    from datetime import timedelta

    from samverkan.times import utcnow

    # invited two days ago: a reminder is due (none goes within a day of the invitation)
    survey, response = _survey_round_in(slug, invited_at=utcnow() - timedelta(days=2))
    return Request(f"/surveys/{survey.id}/remind", {}, _survey_response_field(response.id, "reminded_at"))


#: the statements that change a database, by their first word
WRITING = frozenset({"INSERT", "UPDATE", "DELETE", "REPLACE", "CREATE", "DROP", "ALTER", "TRUNCATE"})
_TABLE = re.compile(r'^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM|REPLACE\s+INTO)\s+"?(\w+)"?', re.I)


class CommittedWrites:
    """The writing statements that the app's engine committed while this is entered, as
    ``(verb, table)``: what a refused request may leave behind is the refusal's audit row alone.

    Every statement is seen, ORM flush or not; one rolled back (``policy.refuse`` undoes what the
    request did) does not count.
    """

    def __init__(self, app):
        with app.app_context():
            self.engine = db.engine
        self.pending = {}
        self.committed = []

    def __enter__(self):
        event.listen(self.engine, "before_cursor_execute", self._execute)
        event.listen(self.engine, "commit", self._commit)
        event.listen(self.engine, "rollback", self._rollback)
        return self

    def __exit__(self, *exc):
        event.remove(self.engine, "before_cursor_execute", self._execute)
        event.remove(self.engine, "commit", self._commit)
        event.remove(self.engine, "rollback", self._rollback)

    def _execute(self, conn, cursor, statement, parameters, context, executemany):
        verb = statement.lstrip().split(None, 1)[0].upper()
        if verb in WRITING:
            table = _TABLE.match(statement)
            self.pending.setdefault(conn, []).append((verb, table.group(1) if table else statement[:60]))

    def _commit(self, conn):
        self.committed.extend(self.pending.pop(conn, ()))

    def _rollback(self, conn):
        self.pending.pop(conn, None)

    def besides_refusal(self):
        """What was committed other than audit rows."""
        return [write for write in self.committed if write != ("INSERT", AuditEvent.__tablename__)]


def logged_path(app, path):
    """``path`` as the audit log keeps it: a secret URL argument (a personal link's token) by its name."""
    from werkzeug.exceptions import HTTPException

    from samverkan.audit import SECRET_URL_ARGUMENTS

    try:
        _endpoint, arguments = app.url_map.bind("localhost").match(path.split("?")[0])
    except HTTPException:
        return path
    for name in SECRET_URL_ARGUMENTS:
        if name in arguments:
            path = path.replace(str(arguments[name]), f"<{name}>")
    return path


def refused_events(app, path):
    with app.app_context():
        return db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "refused", AuditEvent.path == logged_path(app, path))
            .order_by(AuditEvent.id)
        ).all()


def signed_in_client(app, role):
    """A client logged in as ``role`` through the login form (for anonymous, not logged in)."""
    client = app.test_client()
    if role != "anonymous":
        response = login(client, ACCOUNTS[role][0])
        assert response.status_code == 302, f"{role} could not log in"
    return client


#: database backend -> the one app the matrix's cells share (see :func:`matrix_app`)
_MATRIX_APPS = {}
#: database backend -> what its matrix database holds besides the accounts level: absent when it
#: must be reset, LEFTOVERS when only objects that refused cells prepared (and their refusals)
_LEFTOVERS = {}
LEFTOVERS = "leftovers"


@pytest.fixture(params=["sqlite", "postgresql"])
def matrix_app(request):
    """The synced app with the test accounts, one per backend for the whole matrix: an app per
    cell cost more than its request.

    The database is reset to the accounts level before a cell, unless the cells since the last
    reset were only refusals (which the cells prove changed nothing) and this cell is marked
    ``leftovers_ok``: it then starts among the objects those cells prepared for their requests.
    Rate limits and the refusal throttle are off (a cell is one request; they have tests of their own).
    """
    backend = request.param
    app = _MATRIX_APPS.get(backend)
    endpoint = getattr(request.node, "callspec", None) and request.node.callspec.params.get("endpoint")
    reuse = (app is not None and _LEFTOVERS.get(backend) and request.node.get_closest_marker("leftovers_ok")
             and not (endpoint in RECIPES and RECIPES[endpoint].fresh))
    _LEFTOVERS.pop(backend, None)  # until the cell says it left nothing but refusals
    if reuse:
        return app
    return fresh_matrix_app(backend, request.getfixturevalue(f"{backend}_databases"))


def fresh_matrix_app(backend, databases):
    """The backend's matrix app over its database reset to the accounts level."""
    app = _MATRIX_APPS.get(backend)
    if app is not None:  # the previous cell's connections go before its database is replaced
        release_connections(app)
    for key in [key for key in _BUILT if key[0] == backend]:
        del _BUILT[key]
    if backend == "sqlite":
        url = f"sqlite:///{databases.folder / 'matrix.sqlite'}"
        shutil.copyfile(databases.template("accounts"), make_url(url).database)
    else:
        url = databases.new("accounts")
    if app is None:
        app = _MATRIX_APPS[backend] = make_app(url, RATELIMIT_ENABLED=False, AUDIT_REFUSAL_LIMIT="1000000 per minute")
    assert app.config["DATABASE_URL"] == url
    return app


def left_only_refusals(app):
    """Said by a cell whose request changed nothing: the next ``leftovers_ok`` cell may reuse its database."""
    _LEFTOVERS[backend_of(app)] = LEFTOVERS


def backend_of(app):
    return make_url(app.config["SQLALCHEMY_DATABASE_URI"]).get_backend_name()


#: (database backend, role) -> (the session cookie of a login through the form, its CSRF token):
#: every cell's database starts as a copy of the same template, so the account ids and session
#: versions are the same in each, and the token lives as long as the session
_SESSIONS = {}


def matrix_client(app, role):
    """:func:`signed_in_client` and a CSRF token of its session, logging in once per role and
    database for the whole matrix (its cells test what a session may do, not the login)."""
    key = (backend_of(app), role)
    name = app.config["SESSION_COOKIE_NAME"]
    if key not in _SESSIONS:
        client = signed_in_client(app, role)
        token = csrf_token(client)
        _SESSIONS[key] = (client.get_cookie(name).value, token)
    cookie, token = _SESSIONS[key]
    client = app.test_client()
    client.set_cookie(name, cookie)
    return client, token


def assert_login_redirect(response, path):
    assert response.status_code == 302
    assert response.headers["Location"] == f"/login?next={quote(path, safe='')}"


@pytest.fixture(scope="module")
def plain_app():
    return URL_MAP_APP


# ---------------------------------------------------------------------------------------------
# Every route declares a rule; every mutating route has a recipe.
# ---------------------------------------------------------------------------------------------


def test_every_route_declares_an_access_rule(plain_app):
    missing = sorted(
        endpoint for endpoint, view in plain_app.view_functions.items()
        if endpoint != "static" and getattr(view, "access_rule", None) is None
    )
    assert not missing, f"views without an access rule (use @public, @signed_in or @requires): {missing}"
    # the walk reaches the routes of the installed plugins' apps, not just a few
    assert {"admin.region_revoke", "plans.tree_item", "accounts.login"} <= set(plain_app.view_functions)


def test_every_declared_rule_is_known(plain_app):
    for endpoint, view in plain_app.view_functions.items():
        if endpoint != "static":
            rule = view.access_rule
            assert rule in (PUBLIC, SIGNED_IN) or rule.permission in PERMISSIONS, endpoint


def test_a_view_without_a_rule_is_found_and_refused(tmp_path):
    """The walk above would catch a new route without a rule; the app refuses it meanwhile."""
    app = create_app({"TESTING": True, "SECRET_KEY": "test", "DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite'}"})
    app.add_url_rule("/undeclared", "undeclared", lambda: "open")
    try:
        with app.app_context():
            db.create_all()
        undeclared = [e for e, v in app.view_functions.items() if e != "static" and not hasattr(v, "access_rule")]
        assert undeclared == ["undeclared"]
        response = app.test_client().get("/undeclared")
        assert response.status_code == 403
        assert "open" not in response.text
        with app.app_context():
            assert db.session.scalar(select(func.count()).select_from(AuditEvent).where(
                AuditEvent.action == "refused", AuditEvent.path == "/undeclared")) == 1
    finally:
        with app.app_context():
            db.engine.dispose()


def test_every_mutating_route_has_a_recipe(plain_app):
    in_app = {rule.endpoint for rule in mutating_rules(plain_app)}
    assert in_app == set(RECIPES), (
        f"mutating routes without a @recipe: {sorted(in_app - set(RECIPES))}; "
        f"recipes for routes gone from the app: {sorted(set(RECIPES) - in_app)}"
    )


def test_the_rules_are_as_reviewed(plain_app):
    """What the views declare is what :data:`RULES_FILE` says, line for line: a route added, or a
    rule changed, shows as a diff of that file in review."""
    declared = [row.line() for row in declared_rows(plain_app)]
    reviewed = [row.line() for row in RULES.values()]
    diff = "\n".join(difflib.unified_diff(reviewed, declared, RULES_FILE.name, "as the views declare", lineterm=""))
    assert declared == reviewed, f"the views' rules differ from {RULES_FILE.name}; if meant, change it so:\n{diff}"


def test_the_reviewed_rules_read_back_as_written():
    """Every line of the table reads into a rule and writes out as it stands (no column lost)."""
    lines = [line for line in RULES_FILE.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    assert [RuleRow.parse(line).line() for line in lines] == lines
    with pytest.raises(ValueError, match="cannot read"):
        RuleRow.parse("actors.edit GET,POST region.manage on:actor in-some-way")
    with pytest.raises(ValueError, match="cannot read"):
        RuleRow.parse("actors.edit GET,POST region.rule-the-world on:actor")


def test_the_derived_outcomes_follow_the_role_table():
    """A spot check of the derivation against what the role table says in words."""
    revoke = "admin.region_revoke"
    assert expected_outcome(URL_MAP_APP, revoke, "region-admin", OWN) == OK
    assert expected_outcome(URL_MAP_APP, revoke, "region-admin", OTHER) == FORBIDDEN
    assert expected_outcome(URL_MAP_APP, revoke, "region-admin", CROSS) == NOT_FOUND
    assert expected_outcome(URL_MAP_APP, revoke, "project-lead", CROSS) == FORBIDDEN
    assert expected_outcome(URL_MAP_APP, revoke, "platform-admin", OTHER) == OK
    assert expected_outcome(URL_MAP_APP, revoke, "national-analyst", OWN) == FORBIDDEN
    assert expected_outcome(URL_MAP_APP, revoke, "anonymous", OWN) == LOGIN
    assert expected_outcome(URL_MAP_APP, "admin.revoke", "region-admin", OWN) == FORBIDDEN
    assert expected_outcome(URL_MAP_APP, "accounts.logout", "member", ANY) == OK


def test_the_derived_initiative_outcomes_follow_the_issue():
    """Who may edit an initiative, in the issue's words, against the derivation."""
    edit, new = "initiatives.edit", "initiatives.new"
    # a project lead: the initiatives of actors they belong to, in their region, led or partnered
    assert expected_outcome(URL_MAP_APP, edit, "project-lead", OWN) == OK
    assert expected_outcome(URL_MAP_APP, edit, "project-lead", PARTNER) == OK
    assert expected_outcome(URL_MAP_APP, edit, "project-lead", UNRELATED) == FORBIDDEN
    assert expected_outcome(URL_MAP_APP, edit, "project-lead", PARTNER_UNRELATED) == FORBIDDEN
    assert expected_outcome(URL_MAP_APP, edit, "project-lead", OTHER) == FORBIDDEN  # a member, elsewhere
    # a region admin: every initiative of the region, led or partnered, member or not
    for scope in (OWN, UNRELATED, PARTNER, PARTNER_UNRELATED):
        assert expected_outcome(URL_MAP_APP, edit, "region-admin", scope) == OK
    assert expected_outcome(URL_MAP_APP, edit, "region-admin", OTHER) == FORBIDDEN
    # the platform admin all; the analyst and the rest none
    assert all(expected_outcome(URL_MAP_APP, edit, "platform-admin", scope) == OK for scope in PLACES)
    for role in ("national-analyst", "member", "no-role"):
        assert all(expected_outcome(URL_MAP_APP, edit, role, scope) == FORBIDDEN for scope in PLACES), role
    # starting one: whoever edits initiatives in some region
    assert [role for role in ACCOUNTS if expected_outcome(URL_MAP_APP, new, role, ANY) == OK] == [
        "platform-admin", "region-admin", "project-lead", "other-region-admin", "other-project-lead"]


# ---------------------------------------------------------------------------------------------
# The matrix itself.
# ---------------------------------------------------------------------------------------------


@pytest.mark.leftovers_ok
@pytest.mark.parametrize("matrix_app, role, endpoint, scope, expected", list(matrix_cells()), indirect=["matrix_app"])
def test_mutating_route(matrix_app, role, endpoint, scope, expected):
    if write_answers(matrix_app, role, endpoint, scope, expected) != OK:
        left_only_refusals(matrix_app)


def write_answers(app, role, endpoint, scope, expected):
    """Send the recipe's request as ``role`` in ``scope``, assert that it answers ``expected``,
    that a success did what the recipe says and a refusal nothing but its audit row; return it."""
    client, token = matrix_client(app, role)
    request = prepare(app, endpoint, role, scope)
    effect_before = request.effect(app, client)
    refused_before = len(refused_events(app, request.url))

    with CommittedWrites(app) as writes:
        response = client.post(request.url, data={**request.data, "csrf_token": token})

    if expected == OK:
        assert response.status_code == request.ok_status, response.text[:2000]
        if request.changes:
            assert request.effect(app, client) != effect_before, "the request changed nothing"
        assert len(refused_events(app, request.url)) == refused_before
        return expected
    if expected == LOGIN:
        assert_login_redirect(response, request.url)
    else:
        assert response.status_code == STATUS[expected], f"{role} was not refused"
    assert writes.besides_refusal() == [], "a refused request wrote"
    assert request.effect(app, client) == effect_before
    refused = refused_events(app, request.url)
    assert len(refused) == refused_before + 1, "the refusal is not in the audit log"
    assert collab.actor_email(app, refused[-1]) == (None if role == "anonymous" else ACCOUNTS[role][0])
    return expected


def test_a_view_declaring_the_wrong_permission_fails_the_matrix(sqlite_databases, monkeypatch):
    """Editing an actor declared with ``region.participate`` (which members hold) instead of
    ``region.manage``: the reviewed table still says who may, so the member's and the project
    lead's cells fail (they get in), the region admin's still passes, and the table no longer
    matches. Each cell on a database of its own (a wrong success renames an actor)."""
    view = fresh_matrix_app("sqlite", sqlite_databases).view_functions["actors.edit"]
    monkeypatch.setattr(view, "access_rule", dataclasses.replace(view.access_rule, permission="region.participate"))
    app = fresh_matrix_app("sqlite", sqlite_databases)
    assert [row.line() for row in declared_rows(app)] != [row.line() for row in RULES.values()]
    assert write_answers(app, "region-admin", "actors.edit", OWN, OK) == OK
    for role in ("member", "project-lead"):
        app = fresh_matrix_app("sqlite", sqlite_databases)
        with pytest.raises(AssertionError, match=f"{role} was not refused") as failed:
            write_answers(app, role, "actors.edit", OWN, expected_outcome(app, "actors.edit", role, OWN))
        assert "302 == 403" in str(failed.value)  # let in, not refused for some other reason
    _LEFTOVERS.pop("sqlite", None)  # what the wrongly let in changed goes before the next cell


# ---------------------------------------------------------------------------------------------
# Pages that need a role: every guarded GET route, with the outcome derived the same way.
# ---------------------------------------------------------------------------------------------

STATUS_OF = {OK: 200, FORBIDDEN: 403, NOT_FOUND: 404, LOGIN: LOGIN}


def guarded_pages(app):
    return [rule for rule in app.url_map.iter_rules()
            if rule.endpoint in RULES and "GET" in rule.methods and rule_of(rule.endpoint) != PUBLIC]


def page_cells():
    # reading a page writes nothing but the refusal: on PostgreSQL, each page once, as one who may
    return cells(guarded_pages(URL_MAP_APP), STATUS_OF.get, postgresql_roles=("platform-admin",))


@pytest.mark.leftovers_ok
@pytest.mark.parametrize("matrix_app, role, endpoint, scope, expected", list(page_cells()), indirect=["matrix_app"])
def test_guarded_page(matrix_app, role, endpoint, scope, expected):
    synced_app = matrix_app
    client, _token = matrix_client(synced_app, role)
    url_rule = next(rule for rule in synced_app.url_map.iter_rules() if rule.endpoint == endpoint and "GET" in rule.methods)
    path = url_for_rule(synced_app, url_rule, role, scope)
    refused_before = len(refused_events(synced_app, path))
    response = client.get(path)
    if expected == LOGIN:
        assert_login_redirect(response, path)
    else:
        assert response.status_code == expected
        refused = len(refused_events(synced_app, path)) - refused_before
        assert refused == (0 if expected == 200 else 1)
    left_only_refusals(synced_app)  # (a page changes nothing: the mutating cells prove the guard)


def test_anonymous_is_sent_back_after_login(synced_app, accounts):
    client = synced_app.test_client()
    response = client.get("/regions/vastmanland/people")
    assert_login_redirect(response, "/regions/vastmanland/people")
    token = csrf_token(client, response.headers["Location"])
    response = client.post(response.headers["Location"],
                           data={"email": accounts["region-admin"], "password": PASSWORD, "csrf_token": token})
    assert response.headers["Location"] == "/regions/vastmanland/people"
    assert client.get("/regions/vastmanland/people").status_code == 200


# ---------------------------------------------------------------------------------------------
# The national analyst reads everything public and writes nowhere.
# ---------------------------------------------------------------------------------------------


#: URL argument -> function(region slug) returning the id of such an object in that region, for
#: the guarded pages; a feature registers its arguments with :func:`url_object`
URL_OBJECTS = {}


#: URL arguments that name one object together -> function(region slug) returning their values
#: (a round and an employer name the employer's response)
URL_OBJECT_GROUPS = {}


def url_objects(*arguments):
    """Register the builder of URL arguments that go together: it returns a dict of their values."""
    def decorator(function):
        URL_OBJECT_GROUPS[frozenset(arguments)] = function
        return function

    return decorator


def url_object(argument, placed=False):
    """Register the builder of ``argument``; with ``placed``, it is called with (role, scope) and
    puts the object where :data:`PLACES` says (for permissions that ask for a relation)."""
    def decorator(function):
        function.placed = placed
        URL_OBJECTS[argument] = function
        return function

    return decorator


# --- URL objects: actors ---


url_object("actor_id")(new_actor_id)
url_object("membership_id")(new_membership_id)
url_object("invitation_id")(lambda slug: new_invitation(slug, f"url-{slug}@exempel.se")[0])


# --- URL objects: imports the worker ran ---


@url_object("run_id")
def _import_run_id(slug):
    """An import the worker ran in region ``slug``, started by its admin."""
    from samverkan.initiatives.import_runs import DONE, ImportRun

    admin = "region-admin" if slug == REGIONS[0] else "other-region-admin"
    run = ImportRun(region_id=collab.region(slug).id, person_id=services.find_person(ACCOUNTS[admin][0]).id,
                    filename="stor.csv", language="sv", state=DONE,
                    result='{"dry_run": false, "created": 0, "updated": 0, "problems": [], "new_actors": [], '
                           '"new_networks": [], "done": []}')
    db.session.add(run)
    db.session.flush()
    return run.id


# --- URL objects: networks, forum models and forums ---


@url_object("network_id")
def _network_id(slug):
    return _network_in(slug).id


@url_object("member_id")
def _member_id(slug):
    return collab.make_coordinator(_network_in(slug), ACCOUNTS["no-role"][0]).id


@url_object("forum_id")
def _forum_id(slug):
    return collab.make_forum(_network_in(slug)).id


@url_object("model_id")
def _model_id(slug):
    return collab.make_forum_model(slug).id


# --- URL objects: meetings ---


@url_object("meeting_id")
def _meeting_id(slug):
    return _meeting_in(slug).id


@url_object("item_id")
def _item_id(slug):
    from collab import make_agenda_item

    return make_agenda_item(_meeting_in(slug)).id


@url_object("decision_id")
def _decision_id(slug):
    from collab import make_decision

    return make_decision(_meeting_in(slug)).id


@url_object("action_id")
def _action_id(slug):
    from collab import make_action

    return make_action(_meeting_in(slug), owner_email=ACCOUNTS["member"][0]).id


# --- URL objects: initiatives ---


@url_object("initiative_id", placed=True)
def _initiative_id(role, scope):
    return placed_initiative(role, scope).id


# --- URL objects: survey rounds ---


@url_object("round_id")
def _round_id(slug):
    return _survey_round_in(slug)[0].id


@url_object("response_id")
def _response_id(slug):
    return _survey_round_in(slug)[1].id


def draft_page_cells():
    """A draft initiative at every place for every role: seen (200, and in the list) by those who
    may edit it and by readers of drafts in its regions (analysts, region admins), a 404 and
    missing from the list for everyone else, anonymous included."""
    for role in ROLES:
        for scope in PLACES:
            seen = holds_on(role, "initiative.edit", PLACES[scope]) or holds_on(role, "region.read-drafts", PLACES[scope])
            yield pytest.param(role, scope, 200 if seen else 404, id=f"draft-{role}-{scope}")


@pytest.mark.parametrize("matrix_app", ["sqlite"], indirect=True)
@pytest.mark.parametrize("role, scope, expected", list(draft_page_cells()))
def test_draft_initiative_page(matrix_app, role, scope, expected):
    title = "Utkast som prövas"
    with matrix_app.app_context():
        initiative_id = placed_initiative(role, scope, title=title, draft=True).id
        db.session.commit()
    client, _token = matrix_client(matrix_app, role)
    assert client.get(f"/initiatives/{initiative_id}").status_code == expected
    listed = client.get("/initiatives/?q=utkast")
    assert listed.status_code == 200
    assert (title in listed.text) is (expected == 200)


# --- the national comparison: public, and the same figures for every role ---

@pytest.mark.parametrize("matrix_app", ["sqlite"], indirect=True)
@pytest.mark.parametrize("role", ROLES)
def test_the_national_comparison_counts_what_everyone_sees(matrix_app, role):
    """``/compare/`` and its files are public (no recipe: they change nothing and refuse no one)
    and count published initiatives only, for every role: a draft in the role's own region, which
    the role may see in the list, is not in the figures, and a figure's link lists what it counts."""
    slug = own_region(role)
    name = {"vastmanland": "Västmanland", "vasternorrland": "Västernorrland"}[slug]
    with matrix_app.app_context():
        for draft in (False, True):
            placed_initiative(role, OWN, title=f"Jämfört initiativ {draft}", draft=draft)
        db.session.commit()
    client, _token = matrix_client(matrix_app, role)
    page = client.get("/compare/")
    assert page.status_code == 200 and not refused_events(matrix_app, "/compare/")
    row = re.search(rf'<tr><th scope="row">{name}</th>(.*?)</tr>', page.text).group(1)
    total = re.findall(r'<td class="num"><a href="([^"]+)">(\d+)</a></td>', row)[-1]
    assert total[1] == "1"
    assert re.search(r"(\d+) initiativ</p>", client.get(total[0].replace("&amp;", "&")).text).group(1) == "1"
    download = client.get("/compare/matrix.csv")
    assert download.status_code == 200
    assert {line.split(";")[0]: line.split(";")[-1] for line in download.text.splitlines()}[name] == "1"
    sees_drafts = (holds_on(role, "initiative.edit", PLACES[OWN])
                   or holds_on(role, "region.read-drafts", PLACES[OWN]))
    listed = client.get(f"/initiatives/?region={slug}&status=running").text
    assert re.search(r"(\d+) initiativ</p>", listed).group(1) == ("2" if sees_drafts else "1")


# --- the employers' needs: public, suppressed aggregates for everyone ---

@pytest.mark.parametrize("matrix_app", ["sqlite"], indirect=True)
@pytest.mark.parametrize("role", ROLES)
def test_the_needs_pages_are_the_same_suppressed_aggregates_for_every_role(matrix_app, role):
    """``/regions/<slug>/needs``, ``/needs`` and their files are public (no recipe: they change
    nothing and refuse no one) and the same for everyone: the region's admins and the employers' own
    members, who may read the answers themselves on the round's pages, see here what a visitor does.
    Two employers of the role's own region answered (one with the role's account as a member): their
    figures are nowhere, not even how many people they need; three in the other region are shown."""
    import needs_data as nd

    slug = own_region(role)
    two = [("Anställer Ett AB", "Västerås" if slug == "vastmanland" else "Sundsvall", [nd.need("2", 5, "internal", 1717, 2929)]),
           ("Anställer Två AB", "Köping" if slug == "vastmanland" else "Timrå", [nd.need("2", 5, "internal", 1313, 2323)])]
    three = [(f"Tre {n} AB", "Sala" if slug != "vastmanland" else "Kramfors", [nd.need("5", 4, "internal", 2, 3)])
             for n in range(3)]
    with matrix_app.app_context():
        nd.make_round(slug, two)
        nd.make_round(other_region(role), three)
        if role != "anonymous":
            actor = nd.employer("Anställer Ett AB", None, slug)
            person = services.find_person(email_of(role))
            db.session.add(Membership(actor=actor, person=person, role="contact"))
        db.session.commit()
    client, _token = matrix_client(matrix_app, role)
    for path in (f"/regions/{slug}/needs", f"/regions/{slug}/needs.csv", f"/regions/{slug}/needs.json",
                 f"/regions/{other_region(role)}/needs.json", "/needs", "/needs.csv", "/needs.json", "/compare/needs.csv"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert not refused_events(matrix_app, path)
        # figures written with or without a thousands separator ("1 717")
        text = re.sub(r"(?<=\d)[ \u00a0\u202f](?=\d{3}\b)", "", response.text)
        for secret in ("1717", "2929", "1313", "2323", "3030", "5252"):  # each employer's and their sums
            assert not re.search(rf"(?<![\d-]){secret}(?![\d-])", text), (path, secret)
    own = client.get(f"/regions/{slug}/needs.json").json["tables"]["ssyk"]["cells"]
    assert [cell for cell in own if cell["category"] == "2" and cell["municipality"] is None] == [
        {"municipality": None, "category": "2", "suppressed": True}]
    other = client.get(f"/regions/{other_region(role)}/needs.json").json["tables"]["ssyk"]["cells"]
    assert [cell for cell in other if cell["category"] == "5" and cell["municipality"] is None] == [
        {"municipality": None, "category": "5", "employers": 3, "needs": 3, "within_1y": 6, "within_3y": 9}]


# --- URL objects: progress reports and reporting periods ---


url_object("entry_id", placed=True)(lambda role, scope: _entry_in(role, scope).id)
url_object("period_id")(lambda slug: _period_in(slug).id)


# --- URL objects: practices and adoptions ---


@url_object("practice_id")
def _practice_id(slug):
    """A practice of the other region: the one ``slug``'s admin may adopt."""
    return _practice_of(_other_of(slug)).id


@url_object("adoption_id")
def _adoption_id(slug):
    return _adoption_in(slug).id


# --- URL objects: status assessments ---


url_object("code")(lambda slug: ASSESSED_NODE[slug])


# --- URL objects: indicators ---


url_object("indicator_key")(lambda slug: collab.make_indicator(slug).key)
url_object("value_id")(lambda slug: _indicator_value_in(slug).id)


# --- URL objects: answering a needs survey ---


@url_objects("round_id", "actor_id")
def _survey_response_ids(slug):
    response = survey_response_in(slug)
    return {"round_id": response.round_id, "actor_id": response.actor_id}


# --- URL objects: calendar ---


def url_for_rule(app, rule, role, scope):
    """A URL of ``rule`` for ``role`` in ``scope``: grant ids are the member's grant of the region."""
    values = {}
    for group, build in URL_OBJECT_GROUPS.items():
        if group <= rule.arguments:
            values.update(built(app, build, region_of(role, scope)))
    for argument in rule.arguments - values.keys():
        if argument == "region_slug":
            values[argument] = own_region(role) if scope == CROSS else region_of(role, scope)
        elif argument == "grant_id":
            values[argument] = built(app, member_grant_id, other_region(role) if scope == CROSS else region_of(role, scope))
        elif argument == "person_id":
            member = "member" if region_of(role, scope) == REGIONS[0] else "other-member"
            values[argument] = built(app, person_id, ACCOUNTS[member][0])
        elif argument in URL_OBJECTS:
            # an object of the region the scope points at (CROSS: the other region's, under the own
            # region's URL), or, for a builder registered with ``placed=True``, at the scope's place
            build = URL_OBJECTS[argument]
            values[argument] = (built(app, build, role, OTHER if scope == CROSS else scope) if getattr(build, "placed", False)
                                else built(app, build, other_region(role) if scope == CROSS else region_of(role, scope)))
        else:
            pytest.fail(f"no test value for <{argument}> of {rule.rule}: teach url_for_rule")
    return rule.build(values, append_unknown=False)[1]


def person_id(email):
    return services.find_person(email).id


#: (database backend, builder, its arguments) -> what the builder made in the matrix app's
#: database since it was last reset (:func:`fresh_matrix_app` forgets them)
_BUILT = {}


def built(app, build, *arguments):
    """What ``build(*arguments)`` returns in ``app``, committed. In the matrix app, a builder is
    called once per database reset for the same arguments: a page changes nothing, so each role's
    cell of a page may ask for the same object (the builders were half of a page cell's time)."""
    kept = app in _MATRIX_APPS.values()
    key = (backend_of(app), build, arguments)
    if kept and key in _BUILT:
        return _BUILT[key]
    with app.app_context():
        value = build(*arguments)
        db.session.commit()
    if kept:
        _BUILT[key] = value
    return value


def test_national_analyst_reads_but_writes_nowhere(synced_app, accounts):
    client = signed_in_client(synced_app, "national-analyst")
    token = csrf_token(client)
    for url in ("/", "/regions/", "/regions/vastmanland/", "/regions/vasternorrland/",
                "/regions/vastmanland/plan", "/regions/vasternorrland/plan", "/regions/vastmanland/plan/M1",
                "/regions/vastmanland/report/2024", "/regions/vasternorrland/report/2024", "/themes/", "/account"):
        assert client.get(url).status_code == 200, url

    guarded = [rule for rule in synced_app.url_map.iter_rules()
               if rule.endpoint != "static" and rule.methods & MUTATING_METHODS
               and synced_app.view_functions[rule.endpoint].access_rule.permission in PERMISSIONS]
    assert len(guarded) >= 4
    tried = 0
    for rule in guarded:
        for slug in REGIONS:
            scope = OWN if slug == REGIONS[0] else OTHER
            url = url_for_rule(synced_app, rule, "national-analyst", scope)
            data = prepare(synced_app, rule.endpoint, "national-analyst", scope).data
            with CommittedWrites(synced_app) as writes:
                for method in sorted(rule.methods & MUTATING_METHODS):
                    response = client.open(url, method=method, data={**data, "csrf_token": token})
                    assert response.status_code == 403, (method, url)
                    tried += 1
            assert writes.besides_refusal() == [], url
    assert tried >= 8


# ---------------------------------------------------------------------------------------------
# Region admins stay in their region.
# ---------------------------------------------------------------------------------------------


def _main(text):
    """The page's ``<main>``: what it says (the header holds per-request tokens and paths)."""
    return re.search(r"<main.*</main>", text, re.S).group(0)


def test_region_admin_cannot_revoke_another_regions_grant_through_their_own_url(synced_app, accounts):
    with synced_app.app_context():
        foreign = member_grant_id("vasternorrland")
        missing = db.session.scalar(select(func.max(RoleGrant.id))) + 1000
    client = signed_in_client(synced_app, "region-admin")
    token = csrf_token(client)
    response = client.post(f"/regions/vastmanland/people/{foreign}/revoke", data={"csrf_token": token})
    assert response.status_code == 404
    assert grant_exists(synced_app, foreign)
    # the answer is the same as for an id that does not exist: existence is not disclosed
    nothing = client.post(f"/regions/vastmanland/people/{missing}/revoke", data={"csrf_token": token})
    assert nothing.status_code == 404
    assert _main(nothing.text) == _main(response.text)
    # and through the other region's URL, or the platform URL, it is refused outright
    assert client.post(f"/regions/vasternorrland/people/{foreign}/revoke", data={"csrf_token": token}).status_code == 403
    assert client.post(f"/admin/people/grants/{foreign}/revoke", data={"csrf_token": token}).status_code == 403
    assert grant_exists(synced_app, foreign)
    # while a grant of their own region goes
    own = prepare(synced_app, "admin.region_revoke", "region-admin", OWN)
    assert client.post(own.url, data={"csrf_token": token}).status_code == 302
    assert not own.effect(synced_app, client)


def test_region_people_page_lists_only_its_own_region(synced_app, accounts):
    client = signed_in_client(synced_app, "region-admin")
    text = client.get("/regions/vastmanland/people").text
    for key, (email, _role, slug) in ACCOUNTS.items():
        if slug == "vastmanland":
            assert email in text, key
        else:
            assert email not in text, key


def test_region_admin_cannot_grant_a_platform_role(synced_app, accounts):
    client = signed_in_client(synced_app, "region-admin")
    for role in ("platform-admin", "national-analyst"):
        response = client.post("/regions/vastmanland/people", data={
            "email": NEW_REGIONAL_EMAIL, "name": "Ny", "role": role, "csrf_token": csrf_token(client)})
        assert response.status_code == 400, role
        assert grants_of(synced_app, NEW_REGIONAL_EMAIL) == []
        assert person_field(synced_app, NEW_REGIONAL_EMAIL, "id") is None


def _retitle(app, code, title):
    with app.app_context():
        node = db.session.execute(select(PlanNode).filter_by(code=code)).scalar_one()
        node.title = title
        db.session.commit()


def test_region_admin_sees_only_their_regions_audit_entries(synced_app, accounts):
    _retitle(synced_app, "M1", "MARKER-VASTMANLAND")
    with synced_app.app_context():
        other_code = db.session.scalars(
            select(PlanNode.code).join(PlanNode.plan).join(Region).where(Region.slug == "vasternorrland")
        ).first()
    _retitle(synced_app, other_code, "MARKER-VASTERNORRLAND")
    # a refusal in the other region is an event of the other region too
    intruder = signed_in_client(synced_app, "region-admin")
    assert intruder.get("/regions/vasternorrland/people").status_code == 403

    own = intruder.get("/regions/vastmanland/audit?command_line=y")
    assert own.status_code == 200
    assert "MARKER-VASTMANLAND" in own.text
    assert "MARKER-VASTERNORRLAND" not in own.text
    assert "/regions/vasternorrland/people" not in own.text
    assert intruder.get("/regions/vasternorrland/audit").status_code == 403

    other = signed_in_client(synced_app, "other-region-admin").get("/regions/vasternorrland/audit?command_line=y").text
    assert "MARKER-VASTERNORRLAND" in other
    assert "/regions/vasternorrland/people" in other
    assert "MARKER-VASTMANLAND" not in other

    everything = signed_in_client(synced_app, "platform-admin").get("/admin/audit?command_line=y").text
    assert "MARKER-VASTMANLAND" in everything and "MARKER-VASTERNORRLAND" in everything


# --- recipes and URL objects: competence-supply plans ------------------------------------------
from samverkan.competence_plans import services as plan_services  # noqa: E402
from samverkan.competence_plans.models import (  # noqa: E402
    CompetenceActivity,
    CompetencePlanPart,
    CompetencePlanYear,
)


def _plan_in(slug, published=False):
    """A plan of 2025 of a new actor of ``slug``, with two activities in its first section's short term."""
    actor = make_actor(slug, name=f"Planerande aktör i {slug}")
    plan_year = plan_services.start_plan(actor, collab.region(slug), 2025, by=None)
    section = plan_year.sections[0]["key"]
    for title in ("Första aktiviteten", "Andra aktiviteten"):
        plan_services.add_activity(plan_year, dict(section_key=section, horizon="short", title=title), [], by=None)
    if published:
        plan_services.publish(plan_year, by=None)
    db.session.commit()
    return plan_year


def _plan_value(model, object_id, read):
    def effect(app, client):
        with app.app_context():
            obj = db.session.get(model, object_id)
            return None if obj is None else read(obj)
    return effect


def _years_of(actor_id):
    return lambda app, client: _scalar(app, select(func.count()).select_from(CompetencePlanYear)
                                       .where(CompetencePlanYear.actor_id == actor_id))


@recipe("competence_plans.start")
def _start_plan(role, scope, email, slug):
    actor_id = new_actor_id(slug)
    return Request(f"/actors/{actor_id}/competence-plan/new", {"region": collab.region(slug).id, "year": "2026"},
                   _years_of(actor_id))


@recipe("competence_plans.start_next")
def _start_next_year(role, scope, email, slug):
    plan_year = _plan_in(slug, published=True)
    return Request(f"/competence-plans/{plan_year.id}/next", {}, _years_of(plan_year.actor_id))


@recipe("competence_plans.summary")
def _plan_summary(role, scope, email, slug):
    plan_year = _plan_in(slug)
    return Request(f"/competence-plans/{plan_year.id}/summary", {"summary": "Ny sammanfattning"},
                   _plan_value(CompetencePlanYear, plan_year.id, lambda y: y.summary))


@recipe("competence_plans.edit_part")
def _plan_part(role, scope, email, slug):
    part_id = _plan_in(slug).parts[0].id
    return Request(f"/competence-plan-parts/{part_id}/edit", {"gap": "Nytt gap", "need": "Nytt behov"},
                   _plan_value(CompetencePlanPart, part_id, lambda p: (p.gap, p.need)))


@recipe("competence_plans.new_activity")
def _plan_new_activity(role, scope, email, slug):
    plan_year = _plan_in(slug)
    return Request(f"/competence-plans/{plan_year.id}/activities/new",
                   {"section": plan_year.sections[0]["key"], "horizon": "long", "title": "Ny aktivitet"},
                   _plan_value(CompetencePlanYear, plan_year.id, lambda y: len(y.activities)))


@recipe("competence_plans.edit_activity")
def _plan_edit_activity(role, scope, email, slug):
    plan_year = _plan_in(slug)
    activity = plan_year.activities[0]
    return Request(f"/competence-activities/{activity.id}/edit",
                   {"section": activity.section_key, "horizon": "short", "title": NEW_NAME},
                   _plan_value(CompetenceActivity, activity.id, lambda a: a.title))


@recipe("competence_plans.remove_activity")
def _plan_remove_activity(role, scope, email, slug):
    activity_id = _plan_in(slug).activities[0].id
    return Request(f"/competence-activities/{activity_id}/delete", {},
                   _plan_value(CompetenceActivity, activity_id, lambda a: a.id))


@recipe("competence_plans.move_activity")
def _plan_move_activity(role, scope, email, slug):
    activity_id = _plan_in(slug).activities[1].id
    return Request(f"/competence-activities/{activity_id}/move", {"direction": "up"},
                   _plan_value(CompetenceActivity, activity_id, lambda a: a.position))


@recipe("competence_plans.to_initiative")
def _plan_to_initiative(role, scope, email, slug):
    activity_id = _plan_in(slug, published=True).activities[0].id
    return Request(f"/competence-activities/{activity_id}/initiative", {},
                   _plan_value(CompetenceActivity, activity_id, lambda a: a.initiative_id))


@recipe("competence_plans.publish")
def _plan_publish(role, scope, email, slug):
    plan_year_id = _plan_in(slug).id
    return Request(f"/competence-plans/{plan_year_id}/publish", {},
                   _plan_value(CompetencePlanYear, plan_year_id, lambda y: y.published))


@recipe("competence_plans.delete")
def _plan_delete(role, scope, email, slug):
    plan_year_id = _plan_in(slug).id
    return Request(f"/competence-plans/{plan_year_id}/delete", {},
                   _plan_value(CompetencePlanYear, plan_year_id, lambda y: y.id))


url_object("plan_year_id")(lambda slug: _plan_in(slug).id)
url_object("plan_part_id")(lambda slug: _plan_in(slug).parts[0].id)
url_object("competence_activity_id")(lambda slug: _plan_in(slug).activities[0].id)
