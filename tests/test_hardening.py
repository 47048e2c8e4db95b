"""What an outside probe found (issue 6): forged Host, request size, odd input, refusal floods,
SQLite's INSERT OR REPLACE on the audit log. Each test fails if its protection is taken away."""
import re
import secrets
import socket
import subprocess
from urllib.parse import quote

import pytest
from flask import g
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

import collab
from conftest import ACCOUNTS, csrf_token, in_language, login
from samverkan import create_app
from samverkan.audit import AuditEvent
from samverkan.audit_throttle import should_record
from samverkan.extensions import db, limiter
from samverkan.forms import Form, has_control_characters
from samverkan.initiatives.models import Initiative
from samverkan.plans.models import Plan, PlanNode
from samverkan.regions.models import Region
from samverkan.urls import local_path
from samverkan.urls import external_url
from test_authorization import plain_app  # noqa: F401  (a fixture)
from test_rate_limit_workers import BIN, free_port, gunicorn, server_env, stop, wait_until_ready

BASE_URL = "https://samverkan.example.se"
#: a request line of control characters, in every place a value can be
NASTY = "x\x00y\x01z\x1b"


def production_app(tmp_path, **config):
    """An app as production runs it (not testing, not debug), its schema created."""
    settings = {"SECRET_KEY": "test", "DATABASE_URL": f"sqlite:///{tmp_path / 'prod.sqlite'}", **config}
    app = create_app(settings)
    with app.app_context():
        db.create_all()
    return app


# ---------------------------------------------------------------------------------------------
# Forged Host: links come from BASE_URL; production serves only the configured hosts
# ---------------------------------------------------------------------------------------------


@pytest.fixture
def app_config():
    # the probe logs in once per route
    return {"BASE_URL": BASE_URL + "/", "LOGIN_RATE_LIMIT": "1000 per minute", "RESET_RATE_LIMIT": "1000 per minute",
            "LOGIN_ADDRESS_RATE_LIMIT": "1000 per minute"}


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_external_url_is_built_on_base_url_never_on_the_host(app):
    with app.test_request_context("/password-reset", headers={"Host": "evil.example"}):
        assert external_url("accounts.reset_password", token="abc") == f"{BASE_URL}/password-reset/abc"
    with app.app_context():  # outside a request (a command sending mail)
        assert external_url("accounts.reset_password", token="abc") == f"{BASE_URL}/password-reset/abc"


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_external_url_fills_in_the_region_like_url_for(synced_app):
    from samverkan.regions.models import Region

    with synced_app.test_request_context("/"):
        g.region = db.session.scalars(select(Region).filter_by(slug="vastmanland")).one()
        assert external_url("plans.tree") == f"{BASE_URL}/regions/vastmanland/plan"


def test_external_url_under_a_path_prefix(tmp_path):
    app = production_app(tmp_path, BASE_URL="https://example.se/samverkan")
    with app.app_context():
        assert external_url("home.index") == "https://example.se/samverkan/"


def test_production_without_base_url_builds_no_link_from_the_host(tmp_path, caplog):
    app = production_app(tmp_path)
    assert "SAMVERKAN_BASE_URL is not set" in caplog.text
    with app.test_request_context("/", headers={"Host": "evil.example"}):
        with pytest.raises(RuntimeError, match="SAMVERKAN_BASE_URL"):
            external_url("accounts.reset_password", token="abc")


def test_a_base_url_that_is_not_http_stops_the_start(tmp_path):
    with pytest.raises(ValueError, match="SAMVERKAN_BASE_URL"):
        production_app(tmp_path, BASE_URL="samverkan.example.se")


def test_production_refuses_hosts_it_does_not_serve(tmp_path):
    app = production_app(tmp_path, BASE_URL=BASE_URL, TRUSTED_HOSTS="intern.example.se, 10.0.0.5")
    client = app.test_client()
    for host in ("samverkan.example.se", "intern.example.se", "10.0.0.5:8000"):
        assert client.get("/", headers={"Host": host}, base_url=f"https://{host}").status_code == 200, host
    for host in ("evil.example", "samverkan.example.se.evil.example"):
        response = client.get("/", headers={"Host": host})
        assert response.status_code == 400, host
        assert "Felaktig begäran" in response.text  # the error page, with its links


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_tests_and_development_serve_any_host(app):
    assert app.config["TRUSTED_HOSTS"] is None


# ---------------------------------------------------------------------------------------------
# Request size
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_body_over_the_limit_is_refused_before_it_is_read(client):
    limit = client.application.config["MAX_CONTENT_LENGTH"]
    assert limit == 1024 * 1024
    response = client.post("/login", data="x" * (limit + 1), content_type="application/x-www-form-urlencoded")
    assert response.status_code == 413
    assert "För mycket data" in response.text


def slow_request(port):
    """A connection that announces a form of 500 kB (under the limit) and never sends it."""
    conn = socket.create_connection(("127.0.0.1", port), timeout=5)
    conn.sendall(b"POST /language HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                 b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 500000\r\n\r\n")
    return conn


def get_status(port, path="/login", timeout=5):
    """One GET on a new connection: the status code, or None if no answer within ``timeout``."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as conn:
        conn.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
        try:
            head = conn.recv(64)
        except TimeoutError:
            return None
    return int(head.split()[1])


def test_the_production_gunicorn_settings_keep_answering_while_slow_clients_hold_connections(tmp_path):
    """With sync workers, as many slow requests as workers stop the site (issue 6 measured 2 of 2;
    ``GUNICORN_CMD_ARGS="--worker-class sync --threads 1"`` makes this test fail: no answer in 5 s).
    The shipped settings (``samverkan.gunicorn_conf``, here imported by a config file that adds the
    hook telling when the workers are ready) with 2 workers answer at once while 3 slow requests
    are held open."""
    port = free_port()
    env = server_env(tmp_path)
    env["SAMVERKAN_BASE_URL"] = f"http://127.0.0.1:{port}"
    upgrade = subprocess.run([str(BIN / "samverkan"), "db", "upgrade"], env=env, cwd=tmp_path,
                             capture_output=True, text=True, timeout=120)
    assert upgrade.returncode == 0, upgrade.stderr
    process, ready = gunicorn(tmp_path, env, "--workers", "2", "--bind", f"127.0.0.1:{port}",
                              settings="samverkan.gunicorn_conf")
    slow = []
    try:
        wait_until_ready(ready, tmp_path, workers=2)
        slow = [slow_request(port) for _ in range(3)]
        assert [get_status(port) for _ in range(4)] == [200] * 4
        assert get_status(port, "/", timeout=5) == 200
        for conn in slow:  # still held open, unanswered: the server is waiting for their bodies
            conn.setblocking(False)
            with pytest.raises(BlockingIOError):
                conn.recv(1)
        # a forged Host is refused by the same server
        with socket.create_connection(("127.0.0.1", port), timeout=5) as conn:
            conn.sendall(b"GET / HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n")
            assert conn.recv(64).split()[1] == b"400"
    finally:
        for conn in slow:
            conn.close()
        stop(process)


def test_gunicorn_settings_refuse_to_start_without_base_url(tmp_path):
    env = server_env(tmp_path)
    result = subprocess.run([str(BIN / "gunicorn"), "-c", "python:samverkan.gunicorn_conf", "--bind",
                             f"127.0.0.1:{free_port()}"], env=env, cwd=tmp_path, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode != 0
    assert "SAMVERKAN_BASE_URL is not set" in result.stdout + result.stderr


# ---------------------------------------------------------------------------------------------
# Odd input: control characters, huge numbers, long Host, CR/LF in next=
# ---------------------------------------------------------------------------------------------


def test_every_form_derives_from_the_base_form(plain_app):
    """Every form class of the app and its plugins, found through the subclasses of FlaskForm."""
    from flask_wtf import FlaskForm

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    samverkan_forms = [cls for cls in subclasses(FlaskForm) if cls.__module__.startswith(("samverkan", "vast"))]
    assert len(samverkan_forms) >= 7
    assert [cls for cls in samverkan_forms if not issubclass(cls, Form)] == []


@pytest.mark.parametrize(("value", "multiline", "refused"), [
    ("Anna Berg", False, False),
    ("Anna\x00Berg", False, True),
    ("Anna\tBerg", False, True),
    ("rad ett\r\nrad två\tmed tab", True, False),
    ("rad\x00", True, True),
    ("rad\x0b", True, True),
    ("\x7f", True, True),
])
def test_control_characters(value, multiline, refused):
    assert has_control_characters(value, multiline) is refused


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_text_fields_refuse_control_characters_with_a_message(app):
    from wtforms import BooleanField, StringField, TextAreaField

    class Sample(Form):
        name = StringField()
        text = TextAreaField()
        flag = BooleanField()

    with app.test_request_context(method="POST", data={"name": "Anna\x00", "text": "ett\r\ntvå\x01",
                                                          "flag": "y"}):
        form = Sample(meta={"csrf": False})
        assert not form.validate()
        assert set(form.errors) == {"name", "text"}
    with app.test_request_context(method="POST", data={"name": "Anna", "text": "ett\r\ntvå\tx"}):
        assert Sample(meta={"csrf": False}).validate()


def test_a_nul_in_the_login_form_is_a_form_error(client):
    response = in_language(client, "en").post("/login", data={"email": "a\x00@example.se", "password": "x\x00y",
                                           "csrf_token": csrf_token(client, "/login")})
    assert response.status_code == 400
    assert "invisible control character" in response.text


def test_a_nul_in_the_address_is_a_400(client):
    for path in ("/regions/%00/", "/regions/vastmanland/plan?open=M1%00", "/themes/?q=%0d%0a"):
        with collab.error_pages(client.application) as errors:
            assert client.get(path).status_code == 400, path
        assert [error.description for error in errors] == ["control character in the address"], path


@pytest.mark.parametrize("target", ["/\r\nSet-Cookie: x=1", "/regions/\n", "/\x00", "/ok\t"])
def test_local_path_drops_control_characters(target):
    assert local_path(target) is None


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_language_switch_with_a_line_break_in_next_goes_home(client):
    response = client.post("/language", data={"lang": "en", "next": "/regions/\r\nX-Forged: 1",
                                              "csrf_token": csrf_token(client)})
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    assert "X-Forged" not in response.headers


def test_an_out_of_range_page_is_held_in_bounds(client, accounts):
    login(client, ACCOUNTS["platform-admin"][0])
    for page in ("99999999999999999999", "-5", "abc", "0"):
        assert client.get(f"/admin/audit?page={page}").status_code == 200, page
    assert client.get("/regions/vastmanland/audit?page=10000000").status_code == 200


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_an_over_long_host_is_a_400(client):
    """A label over 63 characters cannot be IDNA-encoded: Flask builds no URL adapter, and the
    error page's links used to fail on it (a 500)."""
    for host in ("a" * 300, "a" * 64 + ".example.se"):
        response = client.get("/", headers={"Host": host})
        assert response.status_code == 400
        assert 'href="/"' in response.text


#: a value for every URL argument of the app's routes; a route with a new argument fails the probe
URL_VALUES = {"region_slug": "vastmanland", "code": "M1", "slug": "validation", "token": "not-a-token",
              "grant_id": "999999", "person_id": "999999", "filename": "css/samverkan.css",
              "actor_id": "999999", "membership_id": "999999", "network_id": "999999", "member_id": "999999",
              "invitation_id": "999999",
              "forum_id": "999999", "model_id": "999999", "meeting_id": "999999", "item_id": "999999",
              "decision_id": "999999", "action_id": "999999",
              "initiative_id": "999999", "entry_id": "999999", "period_id": "999999",
              "practice_id": "999999", "adoption_id": "999999", "year": "2024", "indicator_key": "rus-17",
              "value_id": "999999", "table": "matrix", "round_id": "999999", "response_id": "999999",
              "plan_year_id": "999999", "plan_part_id": "999999", "competence_activity_id": "999999", "run_id": "999999"}


def probe_urls(app):
    for rule in app.url_map.iter_rules():
        missing = set(rule.arguments) - set(URL_VALUES)
        assert not missing, f"add a probe value for {missing} ({rule.rule})"
        path = rule.rule
        for name in rule.arguments:
            path = re.sub(rf"<(?:[a-z]+(?:\([^)]*\))?:)?{name}>", URL_VALUES[name], path)
        yield rule, path


def form_fields(page):
    return set(re.findall(r'<(?:input|textarea|select)[^>]* name="([^"]+)"', page)) - {"csrf_token"}


def closed(response):
    """The response, closed before the next request, as a server closes it: a static file is
    answered from an open file, a streamed export from a generator that holds its request."""
    response.close()
    return response


def test_probe_every_route_with_odd_input_and_never_get_a_500(client, accounts):
    """GET and POST every route, anonymous and as the platform admin, with control characters in
    every form field and in the address, a huge page number, an over-long Host and a CR/LF in
    ``next=``. TESTING propagates exceptions, so a 500 fails here with its traceback."""
    app = client.application
    statuses = {}
    for who in ("anonymous", "platform-admin"):
        for rule, path in probe_urls(app):
            visitor = app.test_client()
            if who != "anonymous":
                assert login(visitor, ACCOUNTS[who][0]).status_code == 302
            token = csrf_token(visitor)
            answers = [
                closed(visitor.get(f"{path}?page=99999999999999999999&per_page=-1")),
                closed(visitor.get(f"{path}?next=%2F%0D%0ASet-Cookie%3Ax&open=%00")),
                closed(visitor.get(path, headers={"Host": "h" * 200})),
                closed(visitor.get(path.replace("vastmanland", quote("vast\x00manland")))),
            ]
            if "POST" in rule.methods:
                with visitor.get(path) as page:
                    fields = form_fields(page.text) | {"next", "lang", "email", "name"}
                answers.append(closed(visitor.post(path, data={**{field: NASTY for field in fields},
                                                               "csrf_token": token})))
                answers.append(closed(visitor.post(path + "?next=/%0d%0a", data={"csrf_token": token, "next": "/\r\n"})))
            statuses[(who, rule.rule)] = [answer.status_code for answer in answers]
    failed = {key: codes for key, codes in statuses.items() if any(code >= 500 for code in codes)}
    assert failed == {}
    # the probe reached the views: the admin's huge page was served, control characters refused
    assert statuses[("platform-admin", "/admin/audit")][:2] == [200, 400]
    assert statuses[("platform-admin", "/admin/people")][4] == 400  # the form's errors


# ---------------------------------------------------------------------------------------------
# Odd input to the initiatives: ids past any column, unknown and foreign ids, impossible dates,
# amounts of many zeros, values not among the choices; a form error or a 4xx, never a 500
# ---------------------------------------------------------------------------------------------

#: a number no id column holds (past PostgreSQL's integer and SQLite's 64 bits)
HUGE = "9" * 25
#: just past PostgreSQL's integer
PAST_INTEGER = str(2**31)


def test_an_id_past_any_column_in_the_address_is_a_404(client, accounts):
    login(client, ACCOUNTS["platform-admin"][0])
    for path in (f"/initiatives/{HUGE}", f"/initiatives/{PAST_INTEGER}", f"/initiatives/{HUGE}/edit",
                 f"/initiatives/{PAST_INTEGER}/edit", f"/actors/{HUGE}", f"/meetings/{PAST_INTEGER}"):
        assert collab.route_of(client.application, path) is None, path  # no view, loader or query runs
        assert client.get(path).status_code == 404, path
        assert collab.route_of(client.application, path.replace(HUGE, "1").replace(PAST_INTEGER, "1")), path
    assert collab.route_of(client.application, f"/initiatives/{HUGE}/edit", method="POST") is None
    assert client.post(f"/initiatives/{HUGE}/edit", data={"csrf_token": csrf_token(client)}).status_code == 404


@pytest.mark.parametrize("query", [
    f"node={HUGE}", f"node={PAST_INTEGER}", "node=-1", "node=abc", f"actor={HUGE}", f"network={PAST_INTEGER}",
    "status=halfway", "region=nowhere", "theme=nothing", "target_group=everyone", "q=" + "x" * 201,
    "region=vastmanland&node=0",
])
def test_odd_initiative_filters_are_a_400_that_says_which(client, query):
    answer = in_language(client, "en").get(f"/initiatives/?{query}")
    assert answer.status_code == 400
    assert "The filters could not be applied" in answer.text
    # the htmx request gets the same, as the fragment it swaps in
    fragment = client.get(f"/initiatives/?{query}", headers={"HX-Request": "true"})
    assert fragment.status_code == 400 and "<html" not in fragment.text


@pytest.mark.parametrize("query", ["q=%25", "q=_", "q=%27%22%3B--", f"page={HUGE}", "page=-3"])
def test_odd_but_harmless_initiative_filters_are_served(client, query):
    assert client.get(f"/initiatives/?{query}").status_code == 200


def test_the_node_picker_leaves_out_what_is_not_an_id(client, accounts):
    with client.application.app_context():
        region_id = db.session.scalar(select(Region.id).filter_by(slug="vastmanland"))
    for query in (f"lead_region={HUGE}&node_query=a", f"nodes={HUGE}", f"nodes={PAST_INTEGER}&node_query=a",
                  f"partner_regions={PAST_INTEGER}&lead_region={region_id}&node_query=a", "nodes=-1&nodes=abc"):
        answer = client.get(f"/initiatives/node-options?{query}", headers={"HX-Request": "true"})
        assert answer.status_code == 200, query
        assert HUGE not in answer.text and PAST_INTEGER not in answer.text
    found = client.get(f"/initiatives/node-options?lead_region={region_id}&lead_region={HUGE}&node_query=validering")
    assert 'name="nodes"' in found.text  # the good id is still read


def _nodes_of(slug):
    return db.session.scalars(select(PlanNode.id).join(Plan).join(Region).where(
        Region.slug == slug, Plan.retired.is_(False), PlanNode.retired.is_(False)).order_by(PlanNode.id)).all()


@pytest.fixture
def lead_form(client, accounts):
    """The project lead of Västmanland, signed in, and a valid new-initiative form for them."""
    app = client.application
    with app.app_context():
        actor = collab.make_actor("vastmanland", name="Hårdprovets aktör")
        collab.make_membership(actor, ACCOUNTS["project-lead"][0], role="project-lead")
        db.session.commit()
        data = {"title": "Hårdprov", "status": "idea", "lead_region": collab.region("vastmanland").id,
                "owner": actor.id}
    login(client, ACCOUNTS["project-lead"][0])
    return data


def _initiatives(app):
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Initiative))


#: field -> odd values; each is a form error on its own (a 400 naming the field), never a 500
ODD_INITIATIVE_INPUT = {
    "budget_sek": [HUGE, PAST_INTEGER + "0", "-1", "1e400", "12,5", "9" * 5000],
    "funding_esf": [HUGE, "-100", "NaN"],
    "funding_other": ["99999999999"],
    "starts_on": ["0000-00-00", "2024-02-30", "99999-01-01", "idag"],
    "ends_on": ["0001-01-00"],
    "status": ["halfway", ""],
    "lead_region": [HUGE, "0", "abc", "{other_region}"],
    "partner_regions": [HUGE, PAST_INTEGER, "x"],
    "owner": [HUGE, "999999", "{foreign_actor}"],
    "partners": [HUGE, "999999"],
    "nodes": [HUGE, PAST_INTEGER, "999999", "abc", "{foreign_node}"],
    "themes": [HUGE, "999999"],
    "networks": [PAST_INTEGER],
    "target_groups": ["everyone"],
    "perspectives": ["class"],
    "title": ["Titel\x00", "\x1b[31m", "x" * 301, ""],
    "summary": ["rad\x0b"],
    "contact_email": ["inte en adress", "a@b\x00.se"],
    "links": ["javascript:alert(1)", "https://ok.example\nftp://x"],
}


def test_odd_input_to_the_initiative_form_is_a_form_error(client, lead_form):
    """Each odd value alone is a 400 naming its field (and "Find" shows the form again), nothing
    saved; one test per database going through them all, answers collected, so that a failure
    lists every value that failed."""
    app = client.application
    with app.app_context():
        foreign_actor = collab.make_actor("vasternorrland", name="Främmande län AB").id
        db.session.commit()
        names = {"other_region": collab.region("vasternorrland").id, "foreign_actor": foreign_actor,
                 "foreign_node": _nodes_of("vasternorrland")[0]}
    token = csrf_token(client)
    answers = {}
    for name, values in ODD_INITIATIVE_INPUT.items():
        for value in values:
            data = {**lead_form, name: value.format(**names), "csrf_token": token}
            answer = in_language(client, "en").post("/initiatives/new", data=data)
            # the field is named in the summary: it is this value that was refused
            named = re.search(r'<a href="#([^"]+)">', answer.text)
            found = client.post("/initiatives/new", data={**data, "find_nodes": "1"})
            answers[(name, value[:20])] = (answer.status_code, named and named.group(1), found.status_code)
    wrong = {case: got for case, got in answers.items() if got[0] != 400 or got[2] != 200
             or got[1] not in (case[0], "owner", "nodes")}
    assert wrong == {}
    assert _initiatives(app) == 0


def test_odd_input_to_the_status_change_changes_nothing(client, lead_form):
    with client.application.app_context():
        initiative = collab.make_initiative("vastmanland", owner=db.session.get(collab.Actor, lead_form["owner"]))
        db.session.commit()
        initiative_id, version = initiative.id, initiative.version
    token = csrf_token(client)
    answers = {}
    for status, sent_version, htmx in [("halfway", version, True), ("finished\x00", version, True),
                                       ("finished", HUGE, True), ("finished", "abc", True), ("finished", "", False),
                                       ("", version, True), ("finished", "-1", False)]:
        headers = {"HX-Request": "true"} if htmx else {}
        answer = client.post(f"/initiatives/{initiative_id}/status", headers=headers,
                             data={"status": status, "version": sent_version, "csrf_token": token})
        answers[(status, str(sent_version)[:10], htmx)] = answer.status_code
    assert all(code in (302, 400, 409) for code in answers.values()), answers
    assert answers[("halfway", str(version), True)] == 400 and answers[("finished", "abc", True)] == 409
    with client.application.app_context():
        stored = db.session.get(Initiative, initiative_id)
        assert (stored.status, stored.version, len(stored.status_changes)) == ("running", version, 1)


def test_the_same_form_without_odd_input_is_saved(client, lead_form):
    """The counterpart of the cases above: they fail for their one field, not for the rest."""
    answer = client.post("/initiatives/new", data={**lead_form, "budget_sek": "2500000", "starts_on": "2025-01-01",
                                                   "csrf_token": csrf_token(client)})
    assert answer.status_code == 302
    assert _initiatives(client.application) == 1


def test_a_node_of_a_plan_outside_the_initiatives_regions_is_refused_with_a_reason(client, lead_form):
    with client.application.app_context():
        own, foreign = _nodes_of("vastmanland")[0], _nodes_of("vasternorrland")[0]
        other_region = db.session.scalar(select(Region.id).filter_by(slug="vasternorrland"))
    data = {**lead_form, "nodes": [own, foreign], "csrf_token": csrf_token(client)}
    answer = in_language(client, "en").post("/initiatives/new", data=data)
    assert answer.status_code == 400
    assert "Link only plan nodes of the lead region" in answer.text
    assert 'href="#nodes"' in answer.text and 'id="nodes"' in answer.text  # the summary's link leads there
    assert _initiatives(client.application) == 0
    # with the other region as a partner region its plan's nodes may be linked
    answer = client.post("/initiatives/new", data={**data, "partner_regions": [other_region]})
    assert answer.status_code == 302, answer.text[:3000]
    with client.application.app_context():
            assert sorted(node.id for node in db.session.scalars(select(Initiative)).one().nodes) == sorted([own, foreign])


def test_an_edit_keeps_its_nodes_but_refuses_nodes_of_a_region_it_dropped(client, lead_form):
    app = client.application
    with app.app_context():
        own, foreign = _nodes_of("vastmanland")[0], _nodes_of("vasternorrland")[0]
        other = collab.region("vasternorrland")
        initiative = collab.make_initiative(
            "vastmanland", owner=db.session.get(collab.Actor, lead_form["owner"]), partner_regions=[other],
            nodes=[db.session.get(PlanNode, own), db.session.get(PlanNode, foreign)])
        db.session.commit()
        initiative_id, version, other_id = initiative.id, initiative.version, other.id
    edit = {**lead_form, "version": version, "nodes": [own, foreign], "csrf_token": csrf_token(client)}
    kept = client.post(f"/initiatives/{initiative_id}/edit", data={**edit, "partner_regions": [other_id]})
    assert kept.status_code == 302
    with app.app_context():
        version = db.session.get(Initiative, initiative_id).version
    # the partner region dropped, its node still ticked: refused, with the reason
    dropped = in_language(client, "en").post(f"/initiatives/{initiative_id}/edit", data={**edit, "version": version})
    assert dropped.status_code == 400
    assert "Link only plan nodes of the lead region" in dropped.text
    with app.app_context():
        initiative = db.session.get(Initiative, initiative_id)
        assert len(initiative.nodes) == 2 and [r.id for r in initiative.partner_regions] == [other_id]


# ---------------------------------------------------------------------------------------------
# Refusal floods: a few rows per client and minute, the rest counted into the next row
# ---------------------------------------------------------------------------------------------


@pytest.fixture(params=["memory", "redis"])
def throttle_app(request, tmp_path):
    config = {"TESTING": True, "SECRET_KEY": "test", "DATABASE_URL": f"sqlite:///{tmp_path / 't.sqlite'}",
              "AUDIT_REFUSAL_LIMIT": "5 per minute"}
    if request.param == "redis":
        from test_rate_limit_workers import redis_answers

        if not redis_answers():
            pytest.skip("Redis does not answer on 127.0.0.1:6379")
        config.update(REDIS_URL="redis://127.0.0.1:6379/0", RATELIMIT_KEY_PREFIX=f"samverkan-test-{secrets.token_hex(6)}")
    yield create_app(config)
    if request.param == "redis":  # only this test's keys: other runs may share the server
        import redis

        client = redis.Redis(host="127.0.0.1", port=6379)
        try:
            keys = list(client.scan_iter(match=f"*{config['RATELIMIT_KEY_PREFIX']}*"))
            if keys:
                client.delete(*keys)
        finally:
            client.close()


def test_a_flood_of_refusals_is_recorded_a_few_times_and_counted(throttle_app):
    from limits import parse

    with throttle_app.test_request_context("/"):
        answers = [should_record("address:192.0.2.1") for _ in range(100)]
        assert answers == [(True, 0)] * 5 + [(False, 0)] * 95
        # another client is not held back by the first
        assert should_record("address:192.0.2.2") == (True, 0)
        # the minute passes: the next refusal is recorded and says how many went unrecorded
        limiter.limiter.clear(parse("5 per minute"), throttle_app.config["RATELIMIT_KEY_PREFIX"],
                              "audit-refusals", "address:192.0.2.1")
        assert should_record("address:192.0.2.1") == (True, 95)
        assert should_record("address:192.0.2.1") == (True, 0)


# ---------------------------------------------------------------------------------------------
# SQLite: INSERT OR REPLACE cannot overwrite an audit event
# ---------------------------------------------------------------------------------------------

REPLACES = [
    "INSERT OR REPLACE INTO audit_events (id, occurred_at, action, changes) VALUES (:id, CURRENT_TIMESTAMP, 'forged', '{}')",
    "REPLACE INTO audit_events (id, occurred_at, action, changes) VALUES (:id, CURRENT_TIMESTAMP, 'forged', '{}')",
    "INSERT INTO audit_events (id, occurred_at, action, changes) VALUES (:id, CURRENT_TIMESTAMP, 'forged', '{}') "
    "ON CONFLICT (id) DO UPDATE SET action = 'forged'",
]


def assert_replace_refused():
    event_id = db.session.execute(text("INSERT INTO audit_events (occurred_at, action, changes) "
                                       "VALUES (CURRENT_TIMESTAMP, 'login', '{}') RETURNING id")).scalar_one()
    db.session.commit()
    for statement in REPLACES:
        with pytest.raises(DBAPIError, match="append-only"):
            db.session.execute(text(statement), {"id": event_id})
        db.session.rollback()
    assert db.session.execute(text("SELECT action FROM audit_events WHERE id = :id"), {"id": event_id}).scalar_one() == "login"
    assert db.session.scalar(select(func.count()).select_from(AuditEvent)) == 1


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_sqlite_refuses_to_replace_an_audit_event(app):
    with app.app_context():
        assert db.session.execute(text("PRAGMA recursive_triggers")).scalar_one() == 1
        assert_replace_refused()


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_the_migrated_sqlite_database_refuses_to_replace_an_audit_event(database_url):
    app = create_app({"DATABASE_URL": database_url, "SECRET_KEY": "test", "TESTING": True})
    try:
        result = app.test_cli_runner().invoke(args=["db", "upgrade"])
        assert result.exit_code == 0, result.output
        with app.app_context():
            assert_replace_refused()
    finally:
        with app.app_context():
            db.engine.dispose()
