"""The authorization matrix: every route declares a rule, and every mutating route answers every
role as the table below says, in the role's own region and in the other one.

Roles without a region (platform admin, national analyst, no role, anonymous) have no "own"
region; for them "own" means Västmanland and "other" Västernorrland. Regional roles of
Västernorrland (the ``other-*`` accounts) have Västernorrland as their own region.

Outcomes: ``OK`` (the route's success status, a redirect), ``FORBIDDEN`` (403),
``NOT_FOUND`` (404, where the existence of the object is not the person's to know) and ``LOGIN``
(anonymous: a redirect to the login page with ``next``). A refused write must change nothing in
the database and must be in the audit log as a ``refused`` event for its path.
"""
import re
from dataclasses import dataclass
from typing import Callable
from urllib.parse import quote

import pytest
from sqlalchemy import func, select

from conftest import ACCOUNTS, PASSWORD, csrf_token, login
from samverkan import create_app
from samverkan.accounts import services
from samverkan.accounts.models import Person, RoleGrant
from samverkan.audit import AuditEvent
from samverkan.extensions import db
from samverkan.plans.models import PlanNode
from samverkan.policy import PERMISSIONS, PUBLIC, SIGNED_IN
from samverkan.regions.models import Region

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
ANY = "any"  # the route names no region
OWN, OTHER = "own", "other"  # the role's own region, the other region
CROSS = "own-url-other-grant"  # the own region's URL with a grant id of the other region

# ---------------------------------------------------------------------------------------------
# The matrix. One line per role; a route without a region has one outcome per role, a regional
# route (own region, other region), the region-scoped revoke also (…, own URL + other's grant).
# ---------------------------------------------------------------------------------------------
MATRIX = {
    "home.set_language": {
        "platform-admin": OK, "national-analyst": OK, "region-admin": OK, "project-lead": OK,
        "member": OK, "other-region-admin": OK, "other-project-lead": OK, "other-member": OK,
        "no-role": OK, "anonymous": OK,
    },
    "accounts.login": {
        "platform-admin": OK, "national-analyst": OK, "region-admin": OK, "project-lead": OK,
        "member": OK, "other-region-admin": OK, "other-project-lead": OK, "other-member": OK,
        "no-role": OK, "anonymous": OK,
    },
    "accounts.logout": {
        "platform-admin": OK, "national-analyst": OK, "region-admin": OK, "project-lead": OK,
        "member": OK, "other-region-admin": OK, "other-project-lead": OK, "other-member": OK,
        "no-role": OK, "anonymous": LOGIN,
    },
    "accounts.account": {
        "platform-admin": OK, "national-analyst": OK, "region-admin": OK, "project-lead": OK,
        "member": OK, "other-region-admin": OK, "other-project-lead": OK, "other-member": OK,
        "no-role": OK, "anonymous": LOGIN,
    },
    "accounts.change_password": {
        "platform-admin": OK, "national-analyst": OK, "region-admin": OK, "project-lead": OK,
        "member": OK, "other-region-admin": OK, "other-project-lead": OK, "other-member": OK,
        "no-role": OK, "anonymous": LOGIN,
    },
    "accounts.request_reset": {
        "platform-admin": OK, "national-analyst": OK, "region-admin": OK, "project-lead": OK,
        "member": OK, "other-region-admin": OK, "other-project-lead": OK, "other-member": OK,
        "no-role": OK, "anonymous": OK,
    },
    "accounts.reset_password": {
        "platform-admin": OK, "national-analyst": OK, "region-admin": OK, "project-lead": OK,
        "member": OK, "other-region-admin": OK, "other-project-lead": OK, "other-member": OK,
        "no-role": OK, "anonymous": OK,
    },
    "admin.people": {
        "platform-admin": OK, "national-analyst": FORBIDDEN, "region-admin": FORBIDDEN,
        "project-lead": FORBIDDEN, "member": FORBIDDEN, "other-region-admin": FORBIDDEN,
        "other-project-lead": FORBIDDEN, "other-member": FORBIDDEN, "no-role": FORBIDDEN,
        "anonymous": LOGIN,
    },
    # a grant of the own / the other region, through the platform-wide revoke URL
    "admin.revoke": {
        "platform-admin": (OK, OK),
        "national-analyst": (FORBIDDEN, FORBIDDEN),
        "region-admin": (FORBIDDEN, FORBIDDEN),
        "project-lead": (FORBIDDEN, FORBIDDEN),
        "member": (FORBIDDEN, FORBIDDEN),
        "other-region-admin": (FORBIDDEN, FORBIDDEN),
        "other-project-lead": (FORBIDDEN, FORBIDDEN),
        "other-member": (FORBIDDEN, FORBIDDEN),
        "no-role": (FORBIDDEN, FORBIDDEN),
        "anonymous": (LOGIN, LOGIN),
    },
    "admin.region_people": {
        "platform-admin": (OK, OK),
        "national-analyst": (FORBIDDEN, FORBIDDEN),
        "region-admin": (OK, FORBIDDEN),
        "project-lead": (FORBIDDEN, FORBIDDEN),
        "member": (FORBIDDEN, FORBIDDEN),
        "other-region-admin": (OK, FORBIDDEN),
        "other-project-lead": (FORBIDDEN, FORBIDDEN),
        "other-member": (FORBIDDEN, FORBIDDEN),
        "no-role": (FORBIDDEN, FORBIDDEN),
        "anonymous": (LOGIN, LOGIN),
    },
    #                     own region, other region, own region's URL with the other's grant id
    "admin.region_revoke": {
        "platform-admin": (OK, OK, NOT_FOUND),
        "national-analyst": (FORBIDDEN, FORBIDDEN, FORBIDDEN),
        "region-admin": (OK, FORBIDDEN, NOT_FOUND),
        "project-lead": (FORBIDDEN, FORBIDDEN, FORBIDDEN),
        "member": (FORBIDDEN, FORBIDDEN, FORBIDDEN),
        "other-region-admin": (OK, FORBIDDEN, NOT_FOUND),
        "other-project-lead": (FORBIDDEN, FORBIDDEN, FORBIDDEN),
        "other-member": (FORBIDDEN, FORBIDDEN, FORBIDDEN),
        "no-role": (FORBIDDEN, FORBIDDEN, FORBIDDEN),
        "anonymous": (LOGIN, LOGIN, LOGIN),
    },
}

PLATFORM_ONLY = {
    "platform-admin": OK, "national-analyst": FORBIDDEN, "region-admin": FORBIDDEN,
    "project-lead": FORBIDDEN, "member": FORBIDDEN, "other-region-admin": FORBIDDEN,
    "other-project-lead": FORBIDDEN, "other-member": FORBIDDEN, "no-role": FORBIDDEN,
    "anonymous": LOGIN,
}
MATRIX["admin.deactivate"] = PLATFORM_ONLY
MATRIX["admin.activate"] = PLATFORM_ONLY

SCOPES = {1: (ANY,), 2: (OWN, OTHER), 3: (OWN, OTHER, CROSS)}


@pytest.fixture(autouse=True)
def quick_password_hashes(monkeypatch):
    """These tests log in hundreds of times: scrypt at a low cost keeps them quick. Hashes keep
    their format and are checked by the same ``check_password_hash``."""
    from werkzeug.security import generate_password_hash

    def quick(password, method="scrypt"):
        return generate_password_hash(password, method="scrypt:1024:8:1")

    monkeypatch.setattr("samverkan.accounts.models.generate_password_hash", quick)


def matrix_cells():
    for endpoint, by_role in MATRIX.items():
        for role in ROLES:
            outcomes = by_role[role]
            outcomes = outcomes if isinstance(outcomes, tuple) else (outcomes,)
            for scope, outcome in zip(SCOPES[len(outcomes)], outcomes, strict=True):
                yield pytest.param(role, endpoint, scope, outcome, id=f"{endpoint}-{role}-{scope}")


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
            query = query.where(AuditEvent.person_email == email)
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


def prepare(app, endpoint, role, scope):
    """A valid request to ``endpoint`` for ``role`` in ``scope`` (without the CSRF token)."""
    with app.app_context():
        email = email_of(role)
        slug = region_of(role, scope)
        if endpoint == "home.set_language":
            return Request("/language", {"lang": "en", "next": "/regions/"},
                           lambda app, client: session_value(client, "lang"))
        if endpoint == "accounts.login":
            return Request("/login", {"email": email, "password": PASSWORD},
                           lambda app, client: session_value(client, "_user_id"), changes=role == "anonymous")
        if endpoint == "accounts.logout":
            return Request("/logout", {}, lambda app, client: person_field(app, email, "session_version"))
        if endpoint == "accounts.account":
            return Request("/account", {"name": NEW_NAME},
                           lambda app, client: person_field(app, email, "name"))
        if endpoint == "accounts.change_password":
            return Request("/account/password",
                           {"current": PASSWORD, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
                           lambda app, client: person_field(app, email, "password_hash"))
        if endpoint == "accounts.request_reset":
            # for someone else, with an address the form accepts (it refuses the test accounts'
            # reserved .test domain)
            if services.find_person(RESET_EMAIL) is None:
                services.create_person(RESET_EMAIL, "Återställare", PASSWORD)
                db.session.commit()
            return Request("/password-reset", {"email": RESET_EMAIL},
                           lambda app, client: audit_count(app, "password-reset-requested"))
        if endpoint == "accounts.reset_password":
            token = services.reset_token(services.find_person(email))
            db.session.commit()
            return Request(f"/password-reset/{token}", {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
                           lambda app, client: person_field(app, email, "password_hash"))
        if endpoint == "admin.people":
            return Request("/admin/people",
                           {"email": NEW_PLATFORM_EMAIL, "name": "Ny Analytiker", "role": "national-analyst"},
                           lambda app, client: grants_of(app, NEW_PLATFORM_EMAIL))
        if endpoint == "admin.revoke":
            grant_id = member_grant_id(slug)
            return Request(f"/admin/people/grants/{grant_id}/revoke", {},
                           lambda app, client: grant_exists(app, grant_id))
        if endpoint == "admin.region_people":
            return Request(f"/regions/{slug}/people",
                           {"email": NEW_REGIONAL_EMAIL, "name": "Ny Person", "role": "member"},
                           lambda app, client: grants_of(app, NEW_REGIONAL_EMAIL))
        if endpoint == "admin.region_revoke":
            grant_id = member_grant_id(other_region(role) if scope == CROSS else slug)
            return Request(f"/regions/{slug}/people/{grant_id}/revoke", {},
                           lambda app, client: grant_exists(app, grant_id))
        if endpoint in ("admin.deactivate", "admin.activate"):
            target = services.find_person(TARGET_EMAIL) or services.create_person(TARGET_EMAIL, "Konto", PASSWORD)
            target.active = endpoint == "admin.deactivate"
            db.session.commit()
            return Request(f"/admin/people/{target.id}/{endpoint.split('.')[1]}", {},
                           lambda app, client: person_field(app, TARGET_EMAIL, "active"))
    raise AssertionError(f"no request for {endpoint}: add it to prepare() and MATRIX")


def database_state(app):
    """Every row of every table but the audit log: what a refused request must leave alone."""
    with app.app_context():
        state = {}
        for table in db.metadata.sorted_tables:
            if table.name != AuditEvent.__tablename__:
                rows = db.session.execute(select(table).order_by(*table.primary_key.columns)).all()
                state[table.name] = [tuple(row) for row in rows]
        return state


def refused_events(app, path):
    with app.app_context():
        return db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "refused", AuditEvent.path == path).order_by(AuditEvent.id)
        ).all()


def signed_in_client(app, role):
    client = app.test_client()
    if role != "anonymous":
        response = login(client, ACCOUNTS[role][0])
        assert response.status_code == 302, f"{role} could not log in"
    return client


def assert_login_redirect(response, path):
    assert response.status_code == 302
    assert response.headers["Location"] == f"/login?next={quote(path, safe='')}"


def mutating_endpoints(app):
    return {
        rule.endpoint for rule in app.url_map.iter_rules()
        if rule.endpoint != "static" and rule.methods & MUTATING_METHODS
    }


@pytest.fixture(scope="module")
def plain_app(tmp_path_factory):
    """An app with the installed plugins, for walking its URL map (no requests)."""
    path = tmp_path_factory.mktemp("url_map") / "samverkan.sqlite"
    return create_app({"TESTING": True, "SECRET_KEY": "test", "DATABASE_URL": f"sqlite:///{path}"})


# ---------------------------------------------------------------------------------------------
# Every route declares a rule; the table covers every mutating route.
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
    rules = {getattr(view, "access_rule", None) for endpoint, view in plain_app.view_functions.items()
             if endpoint != "static"}
    assert rules <= {PUBLIC, SIGNED_IN, *PERMISSIONS}


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


def test_the_matrix_covers_every_mutating_route(plain_app):
    in_app = mutating_endpoints(plain_app)
    assert in_app == set(MATRIX), (
        f"mutating routes missing from MATRIX: {sorted(in_app - set(MATRIX))}; "
        f"in MATRIX but gone from the app: {sorted(set(MATRIX) - in_app)}"
    )


def test_the_matrix_names_every_role_for_every_route():
    for endpoint, by_role in MATRIX.items():
        assert set(by_role) == set(ROLES), endpoint


def test_the_matrix_agrees_with_the_declared_rules(plain_app):
    """A cross-check of the table: OK only where the declared rule lets the role in."""
    for endpoint, by_role in MATRIX.items():
        rule = plain_app.view_functions[endpoint].access_rule
        for role, outcomes in by_role.items():
            outcomes = outcomes if isinstance(outcomes, tuple) else (outcomes,)
            if rule == PUBLIC:
                assert set(outcomes) == {OK}, (endpoint, role)
            elif role == "anonymous":
                assert set(outcomes) == {LOGIN}, (endpoint, role)
            elif rule == SIGNED_IN:
                assert set(outcomes) == {OK}, (endpoint, role)
            else:
                holds = ACCOUNTS[role][1] in PERMISSIONS[rule]
                assert outcomes[0] == (OK if holds else FORBIDDEN), (endpoint, role)


# ---------------------------------------------------------------------------------------------
# The matrix itself.
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("role, endpoint, scope, expected", list(matrix_cells()))
def test_mutating_route(synced_app, accounts, role, endpoint, scope, expected):
    client = signed_in_client(synced_app, role)
    request = prepare(synced_app, endpoint, role, scope)
    token = csrf_token(client)
    state_before = database_state(synced_app)
    effect_before = request.effect(synced_app, client)
    refused_before = len(refused_events(synced_app, request.url))

    response = client.post(request.url, data={**request.data, "csrf_token": token})

    if expected == OK:
        assert response.status_code == request.ok_status, response.text[:2000]
        if request.changes:
            assert request.effect(synced_app, client) != effect_before, "the request changed nothing"
        assert len(refused_events(synced_app, request.url)) == refused_before
        return
    if expected == LOGIN:
        assert_login_redirect(response, request.url)
    else:
        assert response.status_code == STATUS[expected]
    assert database_state(synced_app) == state_before
    assert request.effect(synced_app, client) == effect_before
    refused = refused_events(synced_app, request.url)
    assert len(refused) == refused_before + 1, "the refusal is not in the audit log"
    assert refused[-1].person_email == (None if role == "anonymous" else ACCOUNTS[role][0])


# ---------------------------------------------------------------------------------------------
# Pages that need a role.
# ---------------------------------------------------------------------------------------------

OK_PAGE = 200
GET_PAGES = {
    "accounts.account": ("/account", {
        "platform-admin": OK_PAGE, "national-analyst": OK_PAGE, "region-admin": OK_PAGE,
        "project-lead": OK_PAGE, "member": OK_PAGE, "other-region-admin": OK_PAGE,
        "other-project-lead": OK_PAGE, "other-member": OK_PAGE, "no-role": OK_PAGE, "anonymous": LOGIN,
    }),
    "accounts.change_password": ("/account/password", {
        "platform-admin": OK_PAGE, "national-analyst": OK_PAGE, "region-admin": OK_PAGE,
        "project-lead": OK_PAGE, "member": OK_PAGE, "other-region-admin": OK_PAGE,
        "other-project-lead": OK_PAGE, "other-member": OK_PAGE, "no-role": OK_PAGE, "anonymous": LOGIN,
    }),
    "admin.people": ("/admin/people", {
        "platform-admin": OK_PAGE, "national-analyst": 403, "region-admin": 403, "project-lead": 403,
        "member": 403, "other-region-admin": 403, "other-project-lead": 403, "other-member": 403,
        "no-role": 403, "anonymous": LOGIN,
    }),
    "admin.audit_log": ("/admin/audit", {
        "platform-admin": OK_PAGE, "national-analyst": 403, "region-admin": 403, "project-lead": 403,
        "member": 403, "other-region-admin": 403, "other-project-lead": 403, "other-member": 403,
        "no-role": 403, "anonymous": LOGIN,
    }),
    #                                             own region, other region
    "admin.region_people": ("/regions/{region}/people", {
        "platform-admin": (OK_PAGE, OK_PAGE), "national-analyst": (403, 403),
        "region-admin": (OK_PAGE, 403), "project-lead": (403, 403), "member": (403, 403),
        "other-region-admin": (OK_PAGE, 403), "other-project-lead": (403, 403),
        "other-member": (403, 403), "no-role": (403, 403), "anonymous": (LOGIN, LOGIN),
    }),
    "admin.region_audit_log": ("/regions/{region}/audit", {
        "platform-admin": (OK_PAGE, OK_PAGE), "national-analyst": (403, 403),
        "region-admin": (OK_PAGE, 403), "project-lead": (403, 403), "member": (403, 403),
        "other-region-admin": (OK_PAGE, 403), "other-project-lead": (403, 403),
        "other-member": (403, 403), "no-role": (403, 403), "anonymous": (LOGIN, LOGIN),
    }),
}


PLATFORM_PAGE = {
    "platform-admin": OK_PAGE, "national-analyst": 403, "region-admin": 403, "project-lead": 403,
    "member": 403, "other-region-admin": 403, "other-project-lead": 403, "other-member": 403,
    "no-role": 403, "anonymous": LOGIN,
}
# the confirmation pages of destructive actions: guarded like the action itself
GET_PAGES["admin.revoke"] = ("/admin/people/grants/{grant}/revoke", PLATFORM_PAGE)
GET_PAGES["admin.deactivate"] = ("/admin/people/{person}/deactivate", PLATFORM_PAGE)
GET_PAGES["admin.region_revoke"] = ("/regions/{region}/people/{grant}/revoke", GET_PAGES["admin.region_people"][1])


def page_path(app, url, slug):
    """A page's URL in region ``slug``: ids are of that region's member and their grant."""
    with app.app_context():
        member = services.find_person(ACCOUNTS["member" if slug == REGIONS[0] else "other-member"][0])
        return url.format(region=slug, grant=member_grant_id(slug), person=member.id)


def page_cells():
    for endpoint, (url, by_role) in GET_PAGES.items():
        for role in ROLES:
            outcomes = by_role[role]
            outcomes = outcomes if isinstance(outcomes, tuple) else (outcomes,)
            for scope, outcome in zip(SCOPES[len(outcomes)], outcomes, strict=True):
                yield pytest.param(role, endpoint, url, scope, outcome, id=f"{endpoint}-{role}-{scope}")


def test_the_page_table_covers_every_guarded_page(plain_app):
    guarded = {
        rule.endpoint for rule in plain_app.url_map.iter_rules()
        if rule.endpoint != "static" and "GET" in rule.methods
        and plain_app.view_functions[rule.endpoint].access_rule != PUBLIC
    }
    assert guarded == set(GET_PAGES)


@pytest.mark.parametrize("role, endpoint, url, scope, expected", list(page_cells()))
def test_guarded_page(synced_app, accounts, role, endpoint, url, scope, expected):
    client = signed_in_client(synced_app, role)
    path = page_path(synced_app, url, region_of(role, scope))
    refused_before = len(refused_events(synced_app, path))
    response = client.get(path)
    if expected == LOGIN:
        assert_login_redirect(response, path)
        return
    assert response.status_code == expected
    refused = len(refused_events(synced_app, path)) - refused_before
    assert refused == (1 if expected == 403 else 0)


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


def url_for_rule(app, rule, slug):
    """A URL of ``rule`` in region ``slug``: grant ids are the member's grant of that region."""
    values = {}
    for argument in rule.arguments:
        if argument == "region_slug":
            values[argument] = slug
        elif argument == "grant_id":
            with app.app_context():
                values[argument] = member_grant_id(slug)
        elif argument == "person_id":
            with app.app_context():
                values[argument] = services.find_person(ACCOUNTS["member"][0]).id
        else:
            pytest.fail(f"no test value for <{argument}> of {rule.rule}: teach url_for_rule")
    return rule.build(values, append_unknown=False)[1]


def test_national_analyst_reads_but_writes_nowhere(synced_app, accounts):
    client = signed_in_client(synced_app, "national-analyst")
    for url in ("/", "/regions/", "/regions/vastmanland/", "/regions/vasternorrland/",
                "/regions/vastmanland/plan", "/regions/vasternorrland/plan", "/regions/vastmanland/plan/M1",
                "/themes/", "/account"):
        assert client.get(url).status_code == 200, url

    guarded = [rule for rule in synced_app.url_map.iter_rules()
               if rule.endpoint != "static" and rule.methods & MUTATING_METHODS
               and synced_app.view_functions[rule.endpoint].access_rule in PERMISSIONS]
    assert len(guarded) >= 4
    tried = 0
    for rule in guarded:
        for slug in REGIONS:
            url = url_for_rule(synced_app, rule, slug)
            data = prepare(synced_app, rule.endpoint, "national-analyst", OWN).data if rule.endpoint in MATRIX else {}
            state = database_state(synced_app)
            for method in sorted(rule.methods & MUTATING_METHODS):
                response = client.open(url, method=method, data={**data, "csrf_token": csrf_token(client)})
                assert response.status_code == 403, (method, url)
                tried += 1
            assert database_state(synced_app) == state, url
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
