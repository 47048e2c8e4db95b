"""The security baseline: CSRF, response headers, cookies, output escaping and the audit log."""
import io
import json
import logging
import os
import re
import time
from datetime import UTC, datetime, timedelta

import collab
import pytest
from markupsafe import escape
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from conftest import ACCOUNTS, PASSWORD, csrf_token, in_language, login, make_app
from samverkan import audit, create_app
from samverkan.accounts import services
from samverkan.accounts.models import Person, RoleGrant
from samverkan.audit import AuditEvent
from samverkan.extensions import db
from samverkan.plans.models import PlanNode
from samverkan.regions.models import Region
from test_authorization import (  # noqa: F401  (plain_app is a fixture)
    NEW_PASSWORD,
    RECIPES,
    URL_MAP_APP,
    OK,
    CommittedWrites,
    expected_outcome,
    matrix_app,
    matrix_client,
    member_grant_id,
    mutating_rules,
    plain_app,
    prepare,
    refused_events,
    scopes_of,
    signed_in_client,
)

#: what a refused login says, in Swedish (the test client's language)
LOGIN_FAILED = "E-postadressen eller lösenordet är fel."

# ---------------------------------------------------------------------------------------------
# CSRF
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("url_rule", sorted(mutating_rules(URL_MAP_APP), key=lambda rule: rule.endpoint),
                         ids=lambda rule: rule.endpoint)
def test_mutating_route_without_a_csrf_token_is_refused(matrix_app, url_rule):
    """As the platform admin, who may do nearly all of it (an employer's survey answers, the region
    admin): only the missing token stops the request."""
    synced_app = matrix_app
    endpoint, scope = url_rule.endpoint, scopes_of(URL_MAP_APP, url_rule)[0]
    role = "platform-admin" if expected_outcome(URL_MAP_APP, endpoint, "platform-admin", scope) == OK else "region-admin"
    client, token = matrix_client(synced_app, role)
    request = prepare(synced_app, endpoint, role, scope)
    without_token, with_token = readable_again(request.data), readable_again(request.data)
    effect = request.effect(synced_app, client)
    refused_before = len(refused_events(synced_app, request.url))

    with CommittedWrites(synced_app) as writes:
        response = client.post(request.url, data=without_token)

    assert response.status_code == 400
    assert "Formuläret har gått ut" in response.text
    assert writes.besides_refusal() == []
    assert request.effect(synced_app, client) == effect
    refused = refused_events(synced_app, request.url)
    assert len(refused) == refused_before + 1
    assert ": CSRF: " in refused[-1].detail
    assert collab.actor_email(synced_app, refused[-1]) == ACCOUNTS[role][0]

    # the same request with the token goes through
    response = client.post(request.url, data={**with_token, "csrf_token": token})
    assert response.status_code == request.ok_status


def readable_again(data):
    """A copy of a request's form data with its files as new buffers: a post closes the files it sends."""
    return {key: (io.BytesIO(value[0].getvalue()), *value[1:]) if isinstance(value, tuple) else value
            for key, value in data.items()}


def test_the_csrf_test_covers_every_mutating_route(plain_app):
    assert {rule.endpoint for rule in mutating_rules(plain_app)} == set(RECIPES)


def test_csrf_message_in_swedish_by_default(client):
    response = client.post("/language", data={"lang": "en"})
    assert response.status_code == 400
    assert "Formuläret har gått ut" in response.text


def test_a_token_of_another_session_is_refused(client, synced_app):
    other = synced_app.test_client()
    response = client.post("/language", data={"lang": "en", "csrf_token": csrf_token(other)})
    assert response.status_code == 400
    assert collab.heading(response) == collab.FORM_EXPIRED
    assert collab.refusals(synced_app)[-1] == "CSRF: The CSRF session token is missing."
    with client.session_transaction() as session:
        assert "lang" not in session


def test_htmx_sends_the_token_in_a_header(client):
    token = csrf_token(client)
    response = client.post("/language", data={"lang": "en", "next": "/regions/"},
                           headers={"X-CSRFToken": token, "HX-Request": "true"})
    assert response.status_code == 302
    with client.session_transaction() as session:
        assert session["lang"] == "en"
    # a wrong header is refused like a wrong field
    response = client.post("/language", data={"lang": "sv"}, headers={"X-CSRFToken": token + "x"})
    assert response.status_code == 400
    assert collab.heading(response) == "The form has expired"  # in the language just chosen
    assert collab.refusals(client.application)[-1] == "CSRF: The CSRF token is invalid."
    with client.session_transaction() as session:
        assert session["lang"] == "en"


def test_the_page_gives_htmx_the_token(client):
    page = client.get("/").text
    meta = re.search(r'<meta name="csrf-token" content="([^"]+)"', page).group(1)
    assert client.post("/language", data={"lang": "en"}, headers={"X-CSRFToken": meta}).status_code == 302


def test_a_csrf_refusal_on_a_regions_url_is_in_that_regions_log(synced_app, accounts):
    client = signed_in_client(synced_app, "region-admin")
    assert client.post("/regions/vastmanland/people", data={"email": "x@exempel.se", "role": "member"}).status_code == 400
    [event] = refused_events(synced_app, "/regions/vastmanland/people")
    with synced_app.app_context():
        assert event.region_id == db.session.scalar(select(Region.id).filter_by(slug="vastmanland"))
    assert "CSRF" in client.get("/regions/vastmanland/audit").text


# ---------------------------------------------------------------------------------------------
# Headers on every kind of response
# ---------------------------------------------------------------------------------------------


def assert_security_headers(response, html=True):
    headers = response.headers
    csp = headers["Content-Security-Policy"]
    directives = {part.split()[0]: part.split()[1:] for part in csp.split(";") if part.strip()}
    assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] in {"same-origin", "no-referrer", "strict-origin-when-cross-origin"}
    assert headers["X-Frame-Options"] == "DENY"
    hsts = headers["Strict-Transport-Security"]
    assert int(re.search(r"max-age=(\d+)", hsts).group(1)) >= 31536000
    if html:
        assert response.mimetype == "text/html"
        assert "hx-request" in {value.lower() for value in response.vary}


RESPONSES = {
    "page": (lambda client: client.get("/regions/vastmanland/plan"), 200, True),
    "fragment": (lambda client: client.get("/regions/vastmanland/plan/M1/tree-item",
                                           headers={"HX-Request": "true"}), 200, True),
    "file": (lambda client: client.get("/static/vendor/htmx/htmx.min.js"), 200, False),
    "not-found": (lambda client: client.get("/regions/vastmanland/plan/NO-SUCH-NODE"), 404, True),
    "csrf-error": (lambda client: client.post("/language", data={"lang": "en"}), 400, True),
    "redirect": (lambda client: client.get("/account"), 302, True),
}


@pytest.mark.parametrize("kind", RESPONSES)
def test_security_headers(client, kind):
    request, status, html = RESPONSES[kind]
    response = request(client)
    try:
        assert response.status_code == status
        assert_security_headers(response, html=html)
        if kind == "fragment":
            assert response.text.lstrip().startswith("<li") and "<html" not in response.text
        if kind == "file":
            assert response.mimetype == "text/javascript" and response.data
    finally:
        response.close()  # a file is streamed: close it


def test_security_headers_on_pages_for_signed_in_people(synced_app, accounts):
    client = signed_in_client(synced_app, "member")
    page = client.get("/account")
    assert_security_headers(page)
    assert "no-store" in page.headers["Cache-Control"]
    forbidden = client.get("/admin/audit")
    assert forbidden.status_code == 403
    assert_security_headers(forbidden)


def test_security_headers_on_a_429(database_url):
    app = make_app(database_url, LOGIN_ADDRESS_RATE_LIMIT="2 per minute")
    try:
        client = app.test_client()
        token = csrf_token(client, "/login")
        responses = [client.post("/login", data={"email": "nobody@exempel.se", "password": "fel lösenord",
                                                 "csrf_token": token}) for _ in range(3)]
        assert [r.status_code for r in responses] == [400, 400, 429]
        assert [collab.form_errors(r) for r in responses[:2]] == [{"password": LOGIN_FAILED}] * 2
        assert collab.heading(responses[-1]) == collab.TOO_MANY
        assert_security_headers(responses[-1])
    finally:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


def _cookie(response, name):
    for header in response.headers.getlist("Set-Cookie"):
        if header.startswith(f"{name}="):
            attributes = {}
            for part in header.split(";")[1:]:
                key, _, value = part.strip().partition("=")
                attributes[key.lower()] = value
            return attributes
    raise AssertionError(f"no {name} cookie set")


def test_session_and_remember_cookies_are_httponly_and_samesite_lax(synced_app, accounts):
    client = synced_app.test_client()
    session = _cookie(client.get("/login"), "session")
    assert "httponly" in session
    assert session["samesite"] == "Lax"
    response = login(client, accounts["member"], remember=True)
    assert response.status_code == 302
    for name in ("session", "remember_token"):
        cookie = _cookie(response, name)
        assert "httponly" in cookie, name
        assert cookie["samesite"] == "Lax", name


def test_outside_debug_and_testing_cookies_are_secure(tmp_path, monkeypatch):
    for variable in ("FLASK_DEBUG", "SAMVERKAN_SESSION_COOKIE_SECURE", "SAMVERKAN_REMEMBER_COOKIE_SECURE",
                     "SAMVERKAN_TESTING", "SAMVERKAN_DEBUG"):
        monkeypatch.delenv(variable, raising=False)
    app = create_app({"SECRET_KEY": "production", "DATABASE_URL": f"sqlite:///{tmp_path / 'p.sqlite'}"})
    assert not app.debug and not app.testing
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["REMEMBER_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"
    try:
        with app.app_context():
            db.create_all()
        response = app.test_client().get("/login", base_url="https://localhost")
        assert "secure" in _cookie(response, "session")
        assert_security_headers(response)
    finally:
        with app.app_context():
            db.engine.dispose()


def test_testing_apps_send_cookies_over_plain_http(synced_app):
    """The counterpart of the test above: the switch is the app's mode, not always on."""
    assert synced_app.config["SESSION_COOKIE_SECURE"] is False
    assert "secure" not in _cookie(synced_app.test_client().get("/login"), "session")


# ---------------------------------------------------------------------------------------------
# Output escaping
# ---------------------------------------------------------------------------------------------

HOSTILE = '<div hx-get="/logout" hx-trigger="load"><script>alert(1)</script>'
RAW = ('<div hx-get="/logout"', "<script>alert(1)")


def _as_json_in_html(value):
    """How ``|tojson`` writes a string into a page."""
    return (json.dumps(value).replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("&", "\\u0026").replace("'", "\\u0027"))


def assert_shown_escaped(response, where=""):
    body = response.text
    for raw in RAW:
        assert raw not in body, f"{where}: unescaped {raw!r}"
    assert str(escape(HOSTILE)) in body or _as_json_in_html(HOSTILE)[1:-1] in body, (
        f"{where}: the value is not on the page at all"
    )


def test_a_persons_name_is_escaped_everywhere(synced_app, accounts):
    lead = signed_in_client(synced_app, "project-lead")
    response = lead.post("/account", data={"name": HOSTILE, "csrf_token": csrf_token(lead)})
    assert response.status_code == 302
    for url in ("/", "/account", "/account/password", "/regions/vastmanland/plan"):
        assert_shown_escaped(lead.get(url), url)  # the account menu names the person
    # a refused form echoes the value back
    too_long = lead.post("/account", data={"name": HOSTILE + "x" * 200, "csrf_token": csrf_token(lead)})
    assert too_long.status_code == 400
    assert collab.form_errors(too_long) == {"name": "Fältet får inte vara längre än 200 tecken."}
    assert_shown_escaped(too_long, "invalid account form")

    admin = signed_in_client(synced_app, "platform-admin")
    for url in ("/admin/people", "/regions/vastmanland/people", "/admin/audit"):
        assert_shown_escaped(admin.get(url), url)
    assert_shown_escaped(signed_in_client(synced_app, "region-admin").get("/regions/vastmanland/people"))


def test_a_name_given_in_the_grant_form_is_escaped(synced_app, accounts):
    admin = signed_in_client(synced_app, "region-admin")
    invalid = admin.post("/regions/vastmanland/people",
                         data={"email": "not an address", "name": HOSTILE, "role": "member",
                               "csrf_token": csrf_token(admin)})
    assert invalid.status_code == 400
    assert collab.form_errors(invalid) == {"email": "Felaktig epost-adress."}
    assert_shown_escaped(invalid, "invalid grant form")
    response = admin.post("/regions/vastmanland/people",
                          data={"email": "ny.person@exempel.se", "name": HOSTILE, "role": "member",
                                "csrf_token": csrf_token(admin)})
    assert response.status_code == 302
    page = admin.get(response.headers["Location"])  # the list names the person
    assert_shown_escaped(page, "people page with flash")
    # the flash names the e-mail as typed, never a stored name
    assert "ny.person@exempel.se" in page.text.split('class="flashes"')[1].split("</div>")[0]
    platform = signed_in_client(synced_app, "platform-admin")
    for url in ("/admin/people", "/admin/audit"):
        assert_shown_escaped(platform.get(url), url)


def test_the_login_email_is_escaped_when_echoed_and_not_kept_in_the_audit_log(synced_app, accounts):
    client = synced_app.test_client()
    response = client.post("/login", data={"email": HOSTILE, "password": "fel lösenord",
                                           "csrf_token": csrf_token(client, "/login")})
    assert response.status_code == 400
    assert collab.form_errors(response) == {"password": LOGIN_FAILED}
    assert_shown_escaped(response, "login form")
    log = signed_in_client(synced_app, "platform-admin").get("/admin/audit?action=login-failed")
    assert log.status_code == 200 and "no account with that address" in log.text
    assert "alert(1)" not in log.text and "hx-trigger" not in log.text


def _set_title(app, code, title, title_en):
    with app.app_context():
        node = db.session.execute(select(PlanNode).filter_by(code=code)).scalar_one()
        node.title, node.title_en = title, title_en
        db.session.commit()
        return node.themes[0].slug


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_a_plan_nodes_title_is_escaped_on_every_page_and_fragment(synced_app, accounts, lang):
    # no English title: the English UI shows the Swedish one, wrapped in a lang="sv" span
    theme = _set_title(synced_app, "M1", HOSTILE, None)
    _set_title(synced_app, "O1", HOSTILE, None)  # its area, listed on the region's page (O1 lists M1)
    client = synced_app.test_client()
    in_language(client, lang)
    for url in ("/regions/vastmanland/", "/regions/vastmanland/plan", "/regions/vastmanland/plan/M1",
                "/regions/vastmanland/plan/O1", f"/themes/{theme}"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_shown_escaped(response, url)
    fragment = client.get("/regions/vastmanland/plan/M1/tree-item", headers={"HX-Request": "true"})
    assert "<html" not in fragment.text
    assert_shown_escaped(fragment, "tree item")
    # the audit log shows the change
    # the changes above were made outside a request, as the command line makes them
    assert_shown_escaped(signed_in_client(synced_app, "region-admin").get("/regions/vastmanland/audit?command_line=y"),
                         "region audit")
    assert_shown_escaped(signed_in_client(synced_app, "platform-admin").get("/admin/audit?command_line=y"), "audit")


# ---------------------------------------------------------------------------------------------
# The audit log
# ---------------------------------------------------------------------------------------------


@pytest.fixture
def local_time_not_utc():
    """Local time five and a half hours from UTC, so that a local timestamp would show."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "Asia/Kolkata"
    time.tzset()
    assert datetime.now().hour != datetime.now(UTC).hour or datetime.now().minute != datetime.now(UTC).minute
    yield
    if before is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = before
    time.tzset()


def _events(app, **filters):
    with app.app_context():
        return db.session.scalars(select(AuditEvent).filter_by(**filters).order_by(AuditEvent.id)).all()


def _ids(app, email, slug="vastmanland"):
    with app.app_context():
        person = services.find_person(email)
        return (person.id if person else None), db.session.scalar(select(Region.id).filter_by(slug=slug))


def _close_to_now_utc(moment):
    return abs(moment - datetime.now(UTC).replace(tzinfo=None)) < timedelta(minutes=1)


def test_a_grant_records_who_when_what_and_the_new_values(synced_app, accounts, local_time_not_utc):
    admin = signed_in_client(synced_app, "region-admin")
    response = admin.post("/regions/vastmanland/people", data={
        "email": "ny.person@exempel.se", "name": "Ny Person", "role": "project-lead",
        "csrf_token": csrf_token(admin)})
    assert response.status_code == 302
    admin_id, region_id = _ids(synced_app, accounts["region-admin"])
    person_id, _ = _ids(synced_app, "ny.person@exempel.se")
    with synced_app.app_context():
        grant = db.session.execute(select(RoleGrant).filter_by(person_id=person_id)).scalar_one()

    [event] = _events(synced_app, action="create", object_type="RoleGrant", object_id=str(grant.id))
    assert event.person_id == admin_id
    assert _close_to_now_utc(event.occurred_at)
    assert event.region_id == region_id
    assert event.path == "/regions/vastmanland/people"
    assert event.changes["role"] == "project-lead"
    assert event.changes["person_id"] == person_id
    assert event.changes["region_id"] == region_id
    assert event.changes["granted_by_id"] == admin_id

    [created] = _events(synced_app, action="create", object_type="Person", object_id=str(person_id))
    assert created.person_id == admin_id
    # that the name and the address were set, never what to: the log keeps no personal copies
    assert created.changes["email"] == created.changes["name"] == audit.WITHHELD
    assert "Ny Person" not in json.dumps(created.changes) and "ny.person" not in json.dumps(created.changes)


def test_a_revoke_records_a_delete_with_the_values_before(synced_app, accounts, local_time_not_utc):
    with synced_app.app_context():
        grant_id = member_grant_id("vastmanland")
    member_id, region_id = _ids(synced_app, accounts["member"])
    admin = signed_in_client(synced_app, "region-admin")
    response = admin.post(f"/regions/vastmanland/people/{grant_id}/revoke", data={"csrf_token": csrf_token(admin)})
    assert response.status_code == 302
    admin_id, _ = _ids(synced_app, accounts["region-admin"])
    [event] = _events(synced_app, action="delete", object_type="RoleGrant", object_id=str(grant_id))
    assert event.person_id == admin_id
    assert event.region_id == region_id
    assert _close_to_now_utc(event.occurred_at)
    assert event.changes["role"] == "member"
    assert event.changes["person_id"] == member_id
    assert event.changes["region_id"] == region_id


def test_a_name_change_records_an_update_without_the_names(synced_app, accounts):
    member = signed_in_client(synced_app, "member")
    member_id, _ = _ids(synced_app, accounts["member"])
    before = _events(synced_app, action="update", object_type="Person", object_id=str(member_id))
    response = member.post("/account", data={"name": "Maja Medlem", "csrf_token": csrf_token(member)})
    assert response.status_code == 302
    events = _events(synced_app, action="update", object_type="Person", object_id=str(member_id))
    [event] = events[len(before):]
    assert event.changes == {"name": audit.WITHHELD}
    assert event.person_id == member_id
    assert _close_to_now_utc(event.occurred_at)


def test_password_hashes_are_never_in_the_audit_log_or_the_log_output(synced_app, accounts, caplog):
    caplog.set_level(logging.DEBUG)
    hashes = set()

    def remember_hashes():
        with synced_app.app_context():
            hashes.update(h for h in db.session.scalars(select(Person.password_hash)) if h)

    remember_hashes()
    member = signed_in_client(synced_app, "member")
    response = member.post("/account/password", data={"current": PASSWORD, "password": NEW_PASSWORD,
                                                      "confirm": NEW_PASSWORD, "csrf_token": csrf_token(member)})
    assert response.status_code == 302
    remember_hashes()
    with synced_app.app_context():
        token = services.reset_token(services.find_person(accounts["project-lead"]))
        db.session.commit()
    client = synced_app.test_client()
    response = client.post(f"/password-reset/{token}", data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD,
                                                             "csrf_token": csrf_token(client)})
    assert response.status_code == 302
    remember_hashes()
    assert login(synced_app.test_client(), accounts["project-lead"], NEW_PASSWORD).status_code == 302
    login(synced_app.test_client(), accounts["member"], "ett fel lösenord igen")
    remember_hashes()
    assert len(hashes) >= len(ACCOUNTS) + 2  # the old and the new hashes of both people

    events = _events(synced_app)
    assert {"password-change", "password-reset", "login", "login-failed"} <= {event.action for event in events}
    for event in events:
        assert "password_hash" not in event.changes
        dumped = json.dumps([event.changes, event.detail])
        for password_hash in hashes:
            assert password_hash not in dumped and password_hash.split("$")[-1] not in dumped
    logged = caplog.text + "".join(record.getMessage() for record in caplog.records)
    assert any(record.name == "samverkan.audit" for record in caplog.records)
    for password_hash in hashes:
        assert password_hash.split("$")[-1] not in logged
    for password in (PASSWORD, NEW_PASSWORD, "ett fel lösenord igen"):
        assert password not in logged


def test_logins_and_failed_logins_are_recorded(synced_app, accounts):
    member_id, _ = _ids(synced_app, accounts["member"])
    assert login(synced_app.test_client(), accounts["member"]).status_code == 302
    [event] = _events(synced_app, action="login")
    assert (event.person_id, event.object_type, event.object_id) == (member_id, "Person", str(member_id))
    assert _close_to_now_utc(event.occurred_at)

    for email in (accounts["member"], "okand@exempel.se"):
        response = login(synced_app.test_client(), email, "inte mitt lösenord")
        assert response.status_code == 400
        assert collab.form_errors(response) == {"password": LOGIN_FAILED}
    wrong_password, unknown = _events(synced_app, action="login-failed")
    assert wrong_password.object_id == str(member_id)
    assert wrong_password.person_id is None  # nobody is signed in
    assert unknown.object_id is None
    assert unknown.detail == "no account with that address"
    # neither the address typed nor the password is kept
    for event in (wrong_password, unknown):
        assert not any(typed in (event.detail or "") for typed in (accounts["member"], "okand@exempel.se",
                                                                   "inte mitt lösenord"))


def test_the_audit_log_is_append_only_in_the_database(synced_app):
    with synced_app.app_context():
        count = db.session.scalar(select(func.count()).select_from(AuditEvent))
        first_id = db.session.scalar(select(func.min(AuditEvent.id)))
        assert count > 0  # the sync wrote events: the triggers have rows to refuse
        for statement in ("UPDATE audit_events SET action = 'forged'",
                          f"UPDATE audit_events SET detail = 'forged' WHERE id = {first_id}",
                          "DELETE FROM audit_events",
                          f"DELETE FROM audit_events WHERE id = {first_id}"):
            with pytest.raises(DBAPIError, match="append-only"):
                db.session.execute(text(statement))
            db.session.rollback()
        # through the ORM too
        event = db.session.get(AuditEvent, first_id)
        event.action = "forged"
        with pytest.raises(DBAPIError, match="append-only"):
            db.session.commit()
        db.session.rollback()
        db.session.delete(db.session.get(AuditEvent, first_id))
        with pytest.raises(DBAPIError, match="append-only"):
            db.session.commit()
        db.session.rollback()

        assert db.session.scalar(select(func.count()).select_from(AuditEvent)) == count
        assert db.session.scalar(select(func.count()).select_from(AuditEvent)
                                 .where((AuditEvent.action == "forged") | (AuditEvent.detail == "forged"))) == 0
        if db.engine.dialect.name == "postgresql":  # TRUNCATE skips row triggers
            with pytest.raises(DBAPIError, match="append-only"):
                db.session.execute(text("TRUNCATE audit_events"))
            db.session.rollback()
            assert db.session.scalar(select(func.count()).select_from(AuditEvent)) == count
        # appending still works
        audit.record("test-append", detail="appended")
        db.session.commit()
        assert db.session.scalar(select(func.count()).select_from(AuditEvent)) == count + 1


FORGERIES = [
    "x@y.se\nINFO forged line",
    "x@y.se\r\nINFO forged line",
    "x@y.se\u2028INFO forged line",
    "x@y.se\x85INFO forged line",
    "x@y.se\x1b[2KINFO forged line",
]


def _one_clean_line(message):
    return len(message.splitlines()) == 1 and not any(
        ord(char) < 0x20 or 0x7F <= ord(char) < 0xA0 or char in "\u2028\u2029" for char in message
    )


@pytest.mark.parametrize("value", FORGERIES, ids=["lf", "crlf", "line-separator", "nel", "ansi"])
def test_a_value_cannot_forge_a_log_line(client, caplog, value):
    caplog.set_level(logging.INFO, logger="samverkan.audit")
    response = client.post("/login", data={"email": value, "password": "fel lösenord",
                                           "csrf_token": csrf_token(client, "/login")})
    assert response.status_code == 400
    records = [record for record in caplog.records if record.name == "samverkan.audit"]
    assert records and not any("forged line" in record.getMessage() for record in records)  # not kept at all
    formatter = logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s")
    for record in records:
        assert _one_clean_line(record.getMessage()), record.getMessage()
        assert len(formatter.format(record).splitlines()) == 1


@pytest.mark.parametrize("value", FORGERIES, ids=["lf", "crlf", "line-separator", "nel", "ansi"])
def test_record_encodes_every_value_it_logs(synced_app, caplog, value):
    """Straight through :func:`audit.record`, without the login form's ``repr`` in between."""
    caplog.set_level(logging.INFO, logger="samverkan.audit")
    with synced_app.test_request_context("/"):
        audit.record("refused", object_type=value, object_id=value, detail=value)
        db.session.rollback()
    [record] = [record for record in caplog.records if record.name == "samverkan.audit"]
    message = record.getMessage()
    assert _one_clean_line(message), message
    assert json.loads(message)["detail"] == value  # encoded, not lost


def _retitle(app, slug, title):
    with app.app_context():
        node = db.session.scalars(
            select(PlanNode).join(PlanNode.plan).join(Region).where(Region.slug == slug).order_by(PlanNode.id)
        ).first()
        node.title = title
        db.session.commit()


def test_who_reads_which_audit_log(synced_app, accounts):
    _retitle(synced_app, "vastmanland", "EVENT-OF-VASTMANLAND")
    _retitle(synced_app, "vasternorrland", "EVENT-OF-VASTERNORRLAND")
    login(synced_app.test_client(), "marker-login@exempel.se", "fel lösenord")  # no region

    platform = signed_in_client(synced_app, "platform-admin").get("/admin/audit?command_line=y")
    assert platform.status_code == 200
    for marker in ("EVENT-OF-VASTMANLAND", "EVENT-OF-VASTERNORRLAND", "no account with that address"):
        assert marker in platform.text
    for slug in ("vastmanland", "vasternorrland"):
        assert signed_in_client(synced_app, "platform-admin").get(f"/regions/{slug}/audit").status_code == 200

    region_admin = signed_in_client(synced_app, "region-admin")
    own = region_admin.get("/regions/vastmanland/audit?command_line=y")
    assert own.status_code == 200
    assert "EVENT-OF-VASTMANLAND" in own.text
    assert "EVENT-OF-VASTERNORRLAND" not in own.text
    assert "no account with that address" not in own.text
    assert region_admin.get("/regions/vasternorrland/audit").status_code == 403
    assert region_admin.get("/admin/audit").status_code == 403
    not_allowed = ["region.read-audit", "platform.read-audit (nothing to decide on)"]  # the permissions missing
    assert collab.refusals(synced_app)[-2:] == not_allowed

    other = signed_in_client(synced_app, "other-region-admin").get("/regions/vasternorrland/audit?command_line=y")
    assert "EVENT-OF-VASTERNORRLAND" in other.text and "EVENT-OF-VASTMANLAND" not in other.text

    # both refusals are themselves in the log, in the region they were aimed at (none for /admin)
    with synced_app.app_context():
        refusals = {(event.path, event.region_id) for event in db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "refused", collab.by(accounts["region-admin"])))}
    _, other_region_id = _ids(synced_app, accounts["region-admin"], "vasternorrland")
    assert refusals == {("/regions/vasternorrland/audit", other_region_id), ("/admin/audit", None)}

    for role in ("project-lead", "member", "national-analyst", "no-role"):
        client = signed_in_client(synced_app, role)
        assert client.get("/regions/vastmanland/audit").status_code == 403, role
        assert client.get("/admin/audit").status_code == 403, role
        assert collab.refusals(synced_app)[-2:] == not_allowed, role


def test_the_audit_page_shows_times_in_utc(synced_app, accounts, local_time_not_utc):
    page = signed_in_client(synced_app, "platform-admin").get("/admin/audit").text
    with synced_app.app_context():
        newest = db.session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
    assert _close_to_now_utc(newest.occurred_at)
    assert f'<time datetime="{newest.occurred_at:%Y-%m-%dT%H:%M:%S}Z">' in page
