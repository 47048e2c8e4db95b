"""Status assessments: each node's current assessment on a day, and a node's history."""
import html
import re
from contextlib import contextmanager
from datetime import date, timedelta

import collab
import pytest
from conftest import ACCOUNTS, csrf_token, in_language, login, make_app
from sqlalchemy import event, func, select

from samverkan.accounts.models import Person
from samverkan.actors.models import Actor
from samverkan.assessments import queries, services
from samverkan.assessments.models import StatusAssessment
from samverkan.assessments.services import AssessmentError
from samverkan.audit import AuditEvent
from samverkan.extensions import db
from samverkan.initiatives.models import Initiative
from samverkan.plans import coverage
from samverkan.plans.models import Plan, PlanNode
from samverkan.plans.queries import main_plan
from samverkan.regions.models import Region
from samverkan.times import today


def node_ids(slug, *codes):
    """The ids of the nodes ``codes`` of ``slug``'s plan, in that order."""
    rows = dict(db.session.execute(
        select(PlanNode.code, PlanNode.id).join(Plan).join(Region)
        .where(Region.slug == slug, PlanNode.code.in_(codes))
    ).all())
    return [rows[code] for code in codes]


def assess(node_id, on, status, prioritised=False, comment=""):
    node = db.session.get(PlanNode, node_id)
    row = StatusAssessment(region_id=node.plan.region_id, node_id=node_id, assessed_on=on, status=status,
                           prioritised=prioritised, comment=comment)
    db.session.add(row)
    db.session.flush()
    return row


@pytest.fixture
def assessed(synced_app):
    """F1.1: three assessments (two on one day); F1.2: one; F2.1: none."""
    with synced_app.app_context():
        f11, f12, f21 = node_ids("vasternorrland", "F1.1", "F1.2", "F2.1")
        assess(f11, date(2024, 3, 1), "not-started")
        assess(f11, date(2025, 2, 1), "early", comment="först")
        assess(f11, date(2025, 2, 1), "progressing", prioritised=True, comment="sedan")
        assess(f12, date(2024, 9, 30), "established")
        db.session.commit()
    return synced_app, (f11, f12, f21)


@contextmanager
def statements():
    """The SQL statements executed inside the block."""
    executed = []
    listener = lambda *args: executed.append(args[2])  # noqa: E731  (the statement)
    event.listen(db.engine, "before_cursor_execute", listener)
    try:
        yield executed
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)


def test_current_is_the_newest_on_or_before_the_day_in_one_statement(assessed):
    app, (f11, f12, f21) = assessed
    with app.app_context():
        with statements() as executed:
            now = queries.current([f11, f12, f21])
        assert len(executed) == 1
        assert {node: (row.status, row.prioritised, row.comment) for node, row in now.items()} == {
            f11: ("progressing", True, "sedan"),  # of two on one day, the one recorded last
            f12: ("established", False, ""),
        }
        then = queries.current([f11, f12, f21], as_of=date(2025, 1, 31))
        assert {node: (row.status, row.assessed_on) for node, row in then.items()} == {
            f11: ("not-started", date(2024, 3, 1)), f12: ("established", date(2024, 9, 30))}
        on_the_day = queries.current([f11], as_of=date(2024, 9, 30))
        assert on_the_day[f11].status == "not-started"
        assert queries.current([f12], as_of=date(2024, 9, 29)) == {}
        assert queries.current([]) == {}


def test_history_is_newest_first(assessed):
    app, (f11, f12, f21) = assessed
    with app.app_context():
        assert [(row.assessed_on, row.status) for row in queries.history(f11)] == [
            (date(2025, 2, 1), "progressing"), (date(2025, 2, 1), "early"), (date(2024, 3, 1), "not-started")]
        assert queries.history(f21) == []


def test_histories_reads_every_node_in_one_statement(assessed):
    app, (f11, f12, f21) = assessed
    with app.app_context():
        with statements() as executed:
            found = queries.histories([f11, f12, f21])
        assert len(executed) == 1
        assert {node: [row.status for row in rows] for node, rows in found.items()} == {
            f11: ["progressing", "early", "not-started"], f12: ["established"]}


# -- writing an assessment ------------------------------------------------------------------------

def plan_node(slug, code):
    return db.session.scalars(select(PlanNode).join(Plan).join(Region).where(
        Region.slug == slug, PlanNode.code == code, Plan.retired.is_(False))).one()


def assessments_of(app, slug=None):
    """(node code, date, status, prioritised, comment) of every assessment, oldest first."""
    with app.app_context():
        query = select(PlanNode.code, StatusAssessment.assessed_on, StatusAssessment.status,
                       StatusAssessment.prioritised, StatusAssessment.comment).join(PlanNode)
        if slug:
            query = query.join(Region, Region.id == StatusAssessment.region_id).where(Region.slug == slug)
        return [tuple(row) for row in db.session.execute(query.order_by(StatusAssessment.id))]


def test_an_assessment_is_written_with_its_author_and_in_the_audit_log(synced_app, accounts):
    with synced_app.app_context():
        region, node = collab.region("vasternorrland"), plan_node("vasternorrland", "F1.1")
        author = collab.person(accounts["other-region-admin"])
        row = services.add_assessment(region, node, date(2025, 5, 1), "early", True, "  Ett tidigt skede.\n", by=author)
        db.session.commit()
        stored = db.session.get(StatusAssessment, row.id)
        assert (stored.region_id, stored.node_id, stored.assessed_on, stored.status, stored.prioritised,
                stored.comment, stored.author_id, stored.demo) == (
            region.id, node.id, date(2025, 5, 1), "early", True, "Ett tidigt skede.", author.id, False)
        event_ = db.session.scalar(select(AuditEvent).where(AuditEvent.object_type == "StatusAssessment",
                                                            AuditEvent.object_id == str(row.id)))
        assert (event_.action, event_.region_id, event_.changes["status"], event_.changes["node_id"]) == (
            "create", region.id, "early", node.id)


@pytest.mark.parametrize("slug, code, status, days_ahead", [
    ("vastmanland", "F1.1", "early", 0),  # a node of another region's plan
    ("vasternorrland", "F1.1", "superb", 0),  # no such status
    ("vasternorrland", "F1.1", "early", 1),  # tomorrow
])
def test_the_domain_refuses_what_the_form_would_not_send(synced_app, slug, code, status, days_ahead):
    with synced_app.app_context():
        with pytest.raises(AssessmentError):
            services.add_assessment(collab.region(slug), plan_node("vasternorrland", code),
                                    today() + timedelta(days=days_ahead), status, False, "", by=None)
        db.session.rollback()
    assert assessments_of(synced_app) == []


def signed_in(app, key):
    client = app.test_client()
    assert login(client, ACCOUNTS[key][0]).status_code == 302
    return client


def post(client, url, data, **kwargs):
    return client.post(url, data={**data, "csrf_token": csrf_token(client)}, **kwargs)


HTMX = {"HX-Request": "true"}
NEW_M1 = "/regions/vastmanland/assessments/M1/new"
GOOD = {"assessed_on": "2025-03-01", "status": "early", "prioritised": "y", "comment": "Vägledningen är i gång."}


def test_a_region_admin_adds_an_assessment_without_javascript(synced_app, accounts):
    client = signed_in(synced_app, "region-admin")
    form = client.get(NEW_M1)
    assert form.status_code == 200 and "<h1>Ny lägesbedömning av M1</h1>" in form.text
    assert f'value="{today().isoformat()}"' in form.text  # dated today unless changed
    response = post(client, NEW_M1, GOOD)
    assert response.status_code == 302
    assert response.headers["Location"] == "/regions/vastmanland/assessments#node-M1"
    assert assessments_of(synced_app) == [("M1", date(2025, 3, 1), "early", True, "Vägledningen är i gång.")]
    page = client.get("/regions/vastmanland/assessments").text
    assert "Lägesbedömningen av M1 är sparad." in page
    item = node_item(page, "M1")
    assert "I ett tidigt skede" in item and "Prioriterad" in item and 'datetime="2025-03-01"' in item


def test_a_region_admin_adds_an_assessment_in_place_with_htmx(synced_app, accounts):
    client = signed_in(synced_app, "region-admin")
    opened = client.get(NEW_M1, headers=HTMX)
    assert opened.status_code == 200 and "<html" not in opened.text
    assert opened.text.lstrip().startswith('<li id="node-M1"') and 'data-hx-post="/regions/vastmanland/assessments/M1/new"' in opened.text
    response = post(client, NEW_M1, GOOD, headers=HTMX)
    assert response.status_code == 200 and "<html" not in response.text and "<form" not in response.text
    with synced_app.app_context():
        new_id = db.session.scalar(select(StatusAssessment.id))
    assert f'id="assessment-{new_id}" tabindex="-1" data-autofocus' in response.text
    assert "I ett tidigt skede" in response.text and "Vägledningen är i gång." in response.text


@pytest.mark.parametrize("change, field, message", [
    ({"status": ""}, "status", None),
    ({"status": "superb"}, "status", None),
    ({"assessed_on": "TOMORROW"}, "assessed_on", "En bedömning kan inte dateras framåt i tiden."),
    ({"assessed_on": "2025-13-01"}, "assessed_on", None),
    ({"assessed_on": ""}, "assessed_on", None),
    ({"comment": "x" * 5001}, "comment", None),
    ({"comment": "ett\x00tecken"}, "comment", "osynligt styrtecken"),
])
@pytest.mark.parametrize("htmx", [False, True])
def test_bad_input_is_a_form_error_and_writes_nothing(synced_app, accounts, change, field, message, htmx):
    data = {**GOOD, **change}
    if data["assessed_on"] == "TOMORROW":
        data["assessed_on"] = (today() + timedelta(days=1)).isoformat()
    response = post(signed_in(synced_app, "region-admin"), NEW_M1, data, headers=HTMX if htmx else {})
    assert response.status_code == 400
    assert ("<html" in response.text) is not htmx
    assert re.search(rf'id="{field}[^"]*"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="{field}', response.text) \
        or f'id="{field}-error"' in response.text
    if message:
        assert message in response.text
    assert assessments_of(synced_app) == []


def test_a_post_without_the_csrf_token_is_refused_and_writes_nothing(synced_app, accounts):
    client = signed_in(synced_app, "region-admin")
    refused = client.post(NEW_M1, data=GOOD)
    assert refused.status_code == 400 and collab.heading(refused) == collab.FORM_EXPIRED
    assert assessments_of(synced_app) == []


@pytest.mark.parametrize("url", ["/regions/vastmanland/assessments/F1.1/new", "/regions/vastmanland/assessments/M99/new",
                                 "/regions/skane/assessments/M1/new"])
def test_a_node_outside_the_region_s_plan_is_not_found(synced_app, accounts, url):
    client = signed_in(synced_app, "platform-admin")
    assert client.get(NEW_M1).status_code == 200  # the form, for a node of the region's plan
    assert client.get(url).status_code == 404
    assert post(client, url, GOOD).status_code == 404
    assert assessments_of(synced_app) == []


# -- the status analysis ---------------------------------------------------------------------------

def node_item(page, code):
    """The item of ``code`` on the status analysis (up to the next node's)."""
    return page.split(f'<li id="node-{code}"', 1)[1].split('<li id="node-', 1)[0]


@pytest.fixture
def authored(assessed, accounts):
    """The assessed nodes, F1.1's newest by a person with a name of their own."""
    app, ids = assessed
    with app.app_context():
        person = collab.person(accounts["other-region-admin"])
        person.name = "Maja Rådsson"
        newest = db.session.scalars(select(StatusAssessment).where(StatusAssessment.comment == "sedan")).one()
        newest.author = person
        db.session.commit()
    return app, ids


def test_the_status_analysis_lists_every_node_with_its_current_assessment_and_history(authored):
    app, _ids = authored
    page = app.test_client().get("/regions/vasternorrland/assessments")
    assert page.status_code == 200
    assert page.text.count('<li id="node-') == 20  # 4 focus areas and their 16 directions
    item = node_item(page.text, "F1.1")
    current, history = item.split("<details", 1)
    assert "Under utveckling" in current and "Prioriterad" in current and 'datetime="2025-02-01"' in current
    assert "sedan" in current
    assert "Historik: 2 tidigare bedömningar" in history
    assert history.index("först") < history.index('datetime="2024-03-01"')  # newest first
    assert "Etablerad" in node_item(page.text, "F1.2") and "<details" not in node_item(page.text, "F1.2")
    assert "Inte bedömd än." in node_item(page.text, "F2.1")
    summary = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page.text.split('class="data status-summary"')[1].split("</table>")[0]))
    assert "Under utveckling 1" in summary and "Etablerad 1" in summary and "Inte påbörjad 0" in summary
    assert "Inte bedömd än 18" in summary and "Prioriterade av rådet 1" in summary
    assert "Demodata" not in page.text  # none of these is demo data
    assert "Lägg till en lägesbedömning" not in page.text  # a visitor adds none


def test_the_author_s_name_is_shown_to_signed_in_people_only(authored):
    app, _ids = authored
    member = signed_in(app, "member")
    for path in ("/regions/vasternorrland/assessments", "/regions/vasternorrland/plan/F1.1"):
        assert "Maja Rådsson" not in app.test_client().get(path).text, path
        assert "Maja Rådsson" in member.get(path).text, path


def test_a_region_admin_is_offered_the_form_on_each_node(authored):
    app, _ids = authored
    page = signed_in(app, "other-region-admin").get("/regions/vasternorrland/assessments").text
    assert page.count('data-hx-get="/regions/vasternorrland/assessments/') == 20
    assert 'href="/regions/vasternorrland/assessments/F1.1/new"' in node_item(page, "F1.1")
    # not on the other region's analysis
    assert "Lägg till en lägesbedömning" not in signed_in(app, "region-admin").get(
        "/regions/vasternorrland/assessments").text


def test_a_node_s_page_shows_its_current_assessment_and_history(authored):
    app, _ids = authored
    page = app.test_client().get("/regions/vasternorrland/plan/F1.1").text
    current, history = page.split('<div class="current-assessment">', 1)[1].split("<details", 1)
    assert 'datetime="2025-02-01"' in current and "Under utveckling" in current and "prioriterad" in current
    assert "2 tidigare bedömningar" in history and history.index("först") < history.index("2024-03-01")
    assert "Rådet har inte bedömt den här delen av planen än." in app.test_client().get(
        "/regions/vasternorrland/plan/F2.1").text


# -- the council's priorities -----------------------------------------------------------------------

@pytest.fixture
def mobilised(assessed):
    """F1.1 prioritised (``assessed``), with work and meeting actions on it and around it."""
    app, ids = assessed
    with app.app_context():
        f11, f21 = plan_node("vasternorrland", "F1.1"), plan_node("vasternorrland", "F2.1")
        running = make("Vägledning i Sundsvall", [f11], "running")
        make("En idé om vägledning", [f11], "idea")
        make("Arbetsgivarenkäten", [f21], "planned")
        meeting = collab.make_meeting(collab.make_forum(slug="vasternorrland", name="Rådet"), title="Rådsmöte")
        collab.make_action(meeting, what="Boka lokal", owner_email=ACCOUNTS["member"][0], node=f11)
        collab.make_action(meeting, what="Skicka inbjudan", owner_email=ACCOUNTS["member"][0], initiative=running)
        collab.make_action(meeting, what="Redan gjort", owner_email=ACCOUNTS["member"][0], node=f11, done=True)
        collab.make_action(meeting, what="Enkät till arbetsgivare", owner_email=ACCOUNTS["member"][0], node=f21)
        db.session.commit()
    return app, ids


def make(title, nodes, status, **values):
    return collab.make_initiative("vasternorrland", title=title, nodes=nodes, status=status, **values)


def sections(page):
    """node code -> the text of its section on the priorities page."""
    parts = re.split(r'<section aria-labelledby="priority-', page)[1:]
    return {part.split('"', 1)[0]: part.split("</section>", 1)[0] for part in parts}


def test_the_priorities_list_the_prioritised_nodes_with_their_work_and_open_actions(mobilised, accounts):
    app, _ids = mobilised
    page = app.test_client().get("/regions/vasternorrland/priorities")
    assert page.status_code == 200
    found = sections(page.text)
    assert list(found) == ["F1.1"]
    assert "Under utveckling" in found["F1.1"]
    assert set(re.findall(r'<a href="/initiatives/\d+">([^<]+)</a>', found["F1.1"])) == {"Vägledning i Sundsvall"}
    assert "1 initiativ är i gång" in found["F1.1"]
    actions = set(re.findall(r'<th scope="row">([^<]+)</th>', found["F1.1"].split("Öppna åtgärder från möten")[1]))
    assert actions == {"Boka lokal", "Skicka inbjudan"}


def test_a_prioritised_parent_gathers_the_work_below_it_and_a_newer_assessment_can_drop_it(mobilised, accounts):
    app, _ids = mobilised
    admin = signed_in(app, "other-region-admin")
    assert post(admin, "/regions/vasternorrland/assessments/F1/new",
                {**GOOD, "status": "progressing"}).status_code == 302
    assert post(admin, "/regions/vasternorrland/assessments/F1.1/new",
                {**GOOD, "assessed_on": today().isoformat(), "prioritised": ""}).status_code == 302
    found = sections(admin.get("/regions/vasternorrland/priorities").text)
    assert list(found) == ["F1"]
    assert set(re.findall(r'<a href="/initiatives/\d+">([^<]+)</a>', found["F1"])) == {"Vägledning i Sundsvall"}
    assert {"Boka lokal", "Skicka inbjudan"} <= set(re.findall(r'<th scope="row">([^<]+)</th>', found["F1"]))


def test_without_priorities_the_page_says_so(synced_app):
    page = synced_app.test_client().get("/regions/vastmanland/priorities")
    assert page.status_code == 200
    assert "Rådets aktuella bedömningar prioriterar ännu ingen del av planen." in page.text


# -- gaps ---------------------------------------------------------------------------------------------

def gap_codes(page):
    """The codes on the gap page's table, in its order."""
    table = page.split('<table class="data gaps">', 1)[1].split("</table>", 1)[0] if "data gaps" in page else ""
    return re.findall(r'<th scope="row"><a href="/regions/[^/]+/plan/([^"]+)">', table)


def plain(page):
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page))).replace("\xa0", " ")


def test_the_gaps_come_prioritised_first_then_by_status_with_the_share_covered(assessed):
    app, _ids = assessed
    with app.app_context():
        make("Digitalt lärande", [plan_node("vasternorrland", "F1.3")], "running")
        db.session.commit()
    page = app.test_client().get("/regions/vasternorrland/gaps").text
    assert gap_codes(page) == ["F1.1",  # prioritised
                               "F1.4", "F1.5", "F2", "F2.1", "F2.2", "F2.3", "F2.4", "F2.5", "F3", "F3.1",
                               "F3.2", "F3.3", "F3.4", "F4", "F4.1", "F4.2",  # not assessed, in the plan's order
                               "F1.2"]  # established
    text = plain(page)
    assert "2 av 20 delar av planen har ett initiativ i gång (10 %). 18 delar är luckor." in text
    row = page.split('plan/F1.1">', 1)[1].split("</tr>", 1)[0]
    assert "Under utveckling" in row and "Prioriterad" in row and 'datetime="2025-02-01"' in row


def tree_marks(page):
    """node code -> the words beside it on the plan tree."""
    items = page.split('<li id="node-')[1:]
    return {item.split('"', 1)[0]: plain(item.split('class="marks">', 1)[1].split("</span>\n</span>", 1)[0]).strip()
            for item in items}


def gaps_now(client, slug="vasternorrland"):
    """The gaps as the gap page, the tree and a node's page each say them."""
    listed = set(gap_codes(client.get(f"/regions/{slug}/gaps").text))
    marked = {code for code, words in tree_marks(client.get(f"/regions/{slug}/plan?expand=all").text).items()
              if "Lucka" in words}
    return listed, marked


def test_a_gap_appears_when_the_last_initiative_is_cancelled_and_goes_when_one_is_linked(synced_app, accounts):
    """Through the pages, as a region admin does it: the gap page and the tree (kept by each worker)
    follow every write at once."""
    with synced_app.app_context():
        f22 = plan_node("vasternorrland", "F2.2")
        owner = collab.make_actor("vasternorrland", name="Sundsvalls kommun")
        first = make("Kompetenslyft i vården", [f22], "running", owner=owner)
        second = make("Kompetenslyft i industrin", [f22], "planned", owner=owner)
        db.session.commit()
        f22_id, ids = f22.id, [first.id, second.id]
    admin = signed_in(synced_app, "other-region-admin")
    every = {"F1", "F1.1", "F1.2", "F1.3", "F1.4", "F1.5", "F2", "F2.1", "F2.2", "F2.3", "F2.4", "F2.5",
             "F3", "F3.1", "F3.2", "F3.3", "F3.4", "F4", "F4.1", "F4.2"}
    assert gaps_now(admin) == (every - {"F2", "F2.2"},) * 2

    def cancel(initiative_id):
        with synced_app.app_context():
            version = db.session.get(Initiative, initiative_id).version
        response = post(admin, f"/initiatives/{initiative_id}/status", {"status": "cancelled", "version": version})
        assert response.status_code == 302

    cancel(ids[0])
    assert gaps_now(admin) == (every - {"F2", "F2.2"},) * 2  # one is still under way
    cancel(ids[1])
    assert gaps_now(admin) == (every,) * 2  # the last one: F2.2, and F2 above it, are gaps
    assert "Lucka." in admin.get("/regions/vasternorrland/plan/F2.2").text
    response = post(admin, "/initiatives/new", {"title": "Ny satsning på vården", "status": "running",
                                                "lead_region": collab_region_id(synced_app, "vasternorrland"),
                                                "owner": owner_id(synced_app, "Sundsvalls kommun"),
                                                "nodes": [f22_id]})
    assert response.status_code == 302
    assert gaps_now(admin) == (every - {"F2", "F2.2"},) * 2
    assert "Ny satsning på vården" in admin.get("/regions/vasternorrland/plan/F2.2").text


def collab_region_id(app, slug):
    with app.app_context():
        return collab.region(slug).id


def owner_id(app, name):
    with app.app_context():
        return db.session.scalar(select(Actor.id).where(Actor.name == name))


# -- the tree, kept by each worker --------------------------------------------------------------------

@pytest.fixture
def second_worker(synced_app):
    """Another app on the same database: a second worker process, with a cache of its own."""
    other = make_app(synced_app.config["DATABASE_URL"])
    yield other
    with other.app_context():
        db.session.remove()
        db.engine.dispose()


def test_the_tree_shows_each_node_s_status_priority_and_gap_in_words(assessed):
    app, _ids = assessed
    with app.app_context():
        make("Digitalt lärande", [plan_node("vasternorrland", "F1.3")], "running")
        db.session.commit()
    marks = tree_marks(app.test_client().get("/regions/vasternorrland/plan?expand=all").text)
    assert marks["F1.1"] == "Status: Under utveckling Prioriterad Lucka : inget initiativ i gång"
    assert marks["F1.2"] == "Status: Etablerad Lucka : inget initiativ i gång"
    assert marks["F1.3"] == "Status: Inte bedömd"
    assert marks["F1"] == "Status: Inte bedömd"  # covered through F1.3
    english = in_language(app.test_client(), "en").get("/regions/vasternorrland/plan?expand=all")
    assert tree_marks(english.text)["F1.1"] == "Status: Progressing Prioritised Gap : no initiative under way"


def test_a_write_in_another_worker_shows_on_the_next_tree_at_once(synced_app, second_worker, accounts):
    """The stale case: the tree is kept rendered by a worker; an assessment or an initiative
    written in another worker (no plan written) changes what it shows on its next request."""
    client = synced_app.test_client()
    url = "/regions/vastmanland/plan?expand=all"
    assert tree_marks(client.get(url).text)["M8"] == "Status: Inte bedömd Lucka : inget initiativ i gång"
    assert tree_marks(client.get(url).text)["M8"] == "Status: Inte bedömd Lucka : inget initiativ i gång"  # kept
    with second_worker.app_context():
        services.add_assessment(collab.region("vastmanland"), plan_node("vastmanland", "M8"), date(2025, 4, 1),
                                "early", True, "", by=None)
        db.session.commit()
    assert tree_marks(client.get(url).text)["M8"] == "Status: I ett tidigt skede Prioriterad Lucka : inget initiativ i gång"
    with second_worker.app_context():
        initiative = collab.make_initiative("vastmanland", title="Validering i vården",
                                            nodes=[plan_node("vastmanland", "M8.2")])
        db.session.commit()
        initiative_id = initiative.id
    marks = tree_marks(client.get(url).text)
    assert marks["M8"] == "Status: I ett tidigt skede Prioriterad" and marks["M8.2"] == "Status: Inte bedömd"
    assert "M8" not in gap_codes(client.get("/regions/vastmanland/gaps").text)
    with second_worker.app_context():  # finished: no longer under way
        db.session.get(Initiative, initiative_id).status = "finished"
        db.session.commit()
    assert tree_marks(client.get(url).text)["M8"] == "Status: I ett tidigt skede Prioriterad Lucka : inget initiativ i gång"
    assert "M8" in gap_codes(client.get("/regions/vastmanland/gaps").text)


def test_the_tree_costs_a_fixed_few_statements_and_reads_again_only_what_a_write_changed(synced_app):
    client = synced_app.test_client()
    url = "/regions/vastmanland/plan"

    def render():
        with synced_app.app_context():
            with statements() as executed:
                assert client.get(url).status_code == 200
            return len(executed)

    # the first: the plan trees (4), the marks (current assessments, coverage: 2), the region and the
    # cache generations (2)
    assert render() == 8
    assert render() == 2  # kept: the region and the generations
    with synced_app.app_context():
        collab.make_initiative("vastmanland", title="Nytt", nodes=[plan_node("vastmanland", "M1")])
        db.session.commit()
    assert render() == 4  # the marks read anew, the trees kept
    assert render() == 2
    with synced_app.app_context():
        services.add_assessment(collab.region("vastmanland"), plan_node("vastmanland", "M1"), date(2025, 1, 1),
                                "early", False, "", by=None)
        db.session.commit()
    assert render() == 4  # an assessment renews the region's marks: the trees are kept
    assert render() == 2


# -- the demo ------------------------------------------------------------------------------------------

DEMO_NOTICE = "Lägesbedömningarna på den här sidan är påhittade"


def test_demo_load_writes_assessments_with_a_history_once_marked_as_demo_data(synced_app):
    runner = synced_app.test_cli_runner()
    first = runner.invoke(args=["demo", "load"])
    assert first.exit_code == 0, first.output
    assert "status assessment: 88 created" in first.output
    with synced_app.app_context():
        rows = db.session.execute(
            select(Region.slug, PlanNode.code, StatusAssessment.assessed_on, StatusAssessment.demo, Person.email)
            .join(Region, Region.id == StatusAssessment.region_id).join(PlanNode)
            .join(Person, Person.id == StatusAssessment.author_id)).all()
        per_region = {slug: sum(1 for row in rows if row.slug == slug) for slug in ("vastmanland", "vasternorrland")}
        assert per_region == {"vastmanland": 47, "vasternorrland": 41}
        nodes = {(row.slug, row.code) for row in rows}
        assert len(nodes) == 38  # 20 of Västmanland's 47 nodes, 18 of Västernorrland's 20
        per_node = {node: sorted(row.assessed_on for row in rows if (row.slug, row.code) == node) for node in nodes}
        assert all(len(days) in (2, 3) and len(set(days)) == len(days) and days[-1] < today()
                   for days in per_node.values())
        assert all(row.demo for row in rows)
        assert {(row.slug, row.email) for row in rows} == {("vastmanland", "anna.lind@demo.samverkan.se"),
                                                           ("vasternorrland", "maria.sjoberg@demo.samverkan.se")}
        plans = {slug: main_plan(collab.region(slug)) for slug in ("vastmanland", "vasternorrland")}
        current = {slug: queries.current(node.id for node in plan.nodes.values()) for slug, plan in plans.items()}
        prioritised = {slug: sorted(plan_codes(plans[slug], [n for n, a in found.items() if a.prioritised]))
                       for slug, found in current.items()}
        assert prioritised == {"vastmanland": ["M1", "M11", "M2", "M8", "M8.3"],
                               "vasternorrland": ["F1.4", "F2.1", "F3.3", "F4.1"]}
    second = runner.invoke(args=["demo", "load"])
    assert second.output.strip() == "The demo data is already loaded."
    with synced_app.app_context():
        assert db.session.scalar(select(func.count()).select_from(StatusAssessment)) == 88


def plan_codes(plan, node_ids):
    codes = {node.id: code for code, node in plan.nodes.items()}
    return [codes[node_id] for node_id in node_ids]


DEMO_PAGES = ["/regions/{slug}/plan", "/regions/{slug}/assessments", "/regions/{slug}/priorities",
              "/regions/{slug}/gaps", "/regions/{slug}/plan/{assessed}", "/regions/{slug}/assessments/{assessed}/new"]


def test_every_page_that_shows_a_demo_assessment_says_it_is_demo_data(demo_app):
    client = signed_in(demo_app, "platform-admin")
    for slug, assessed, unassessed in [("vastmanland", "M8", "M2.2"), ("vasternorrland", "F3.3", "F2.2")]:
        for path in DEMO_PAGES:
            page = client.get(path.format(slug=slug, assessed=assessed))
            assert page.status_code == 200, path
            assert DEMO_NOTICE in page.text, path
        # a page with no demo assessment on it says nothing of it
        assert DEMO_NOTICE not in client.get(f"/regions/{slug}/plan/{unassessed}").text


def test_a_comment_is_shown_as_text_never_as_markup(synced_app, accounts):
    client = signed_in(synced_app, "region-admin")
    comment = '<script>alert("x")</script><b>fet</b>'
    response = post(client, NEW_M1, {**GOOD, "comment": comment}, headers=HTMX)
    for page in (response.text, client.get("/regions/vastmanland/assessments").text,
                 client.get("/regions/vastmanland/plan/M1").text):
        assert "<script>alert" not in page and "<b>fet</b>" not in page
        assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;&lt;b&gt;fet&lt;/b&gt;" in page


def test_the_region_and_its_plan_link_to_the_follow_up_pages(synced_app):
    client = synced_app.test_client()
    for path in ("/regions/vastmanland/", "/regions/vastmanland/plan"):
        page = client.get(path).text
        for target, text in [("assessments", "Nulägesanalys"), ("priorities", "Prioriteringar och mobilisering"),
                             ("gaps", "Luckor: delar av planen där inget arbete är i gång")]:
            assert f'<a href="/regions/vastmanland/{target}">{text}</a>' in page, (path, target)
    # a region without a plan has none of them
    for page in ("gaps", "assessments"):
        assert client.get(f"/regions/vastmanland/{page}").status_code == 200
        assert client.get(f"/regions/skane/{page}").status_code == 404
    assert "/regions/skane/gaps" not in client.get("/regions/skane/").text


# -- a node's work under way, with its funding -------------------------------------------------------

@pytest.fixture
def funded(synced_app):
    """On Västmanland's M8 and below: two initiatives under way with funding, a finished one and
    a draft with funding too (neither under way), and a progress report."""
    with synced_app.app_context():
        m8, m81 = plan_node("vastmanland", "M8"), plan_node("vastmanland", "M8.1")
        vard = collab.make_initiative("vastmanland", title="Validering i vården", nodes=[m81],
                                      funding={"esf": 1_000_000, "regional": 250_000})
        collab.make_initiative("vastmanland", title="Valideringsplanen", nodes=[m8], status="planned",
                               funding={"esf": 500_000})
        collab.make_initiative("vastmanland", title="Avslutad validering", nodes=[m8], status="finished",
                               funding={"own": 90_000})
        collab.make_initiative("vastmanland", title="Utkast om validering", nodes=[m8], draft=True,
                               funding={"national": 70_000})
        collab.make_entry(vard, date(2025, 6, 1), happened="Tolv undersköterskor validerade.")
        db.session.commit()
        ids = {"vard": vard.id}
    return synced_app, ids


def test_funding_sums_the_work_under_way_by_source_in_one_statement(funded):
    app, ids = funded
    with app.app_context():
        tree = main_plan(collab.region("vastmanland"))
        nodes = coverage.subtree_ids(tree.nodes["M8"])
        with statements() as executed:
            totals, rows = coverage.funding(nodes, [ids["vard"]])
        assert len(executed) == 1
        assert totals == [("esf", 1_500_000, 2), ("regional", 250_000, 1)]
        assert rows == {ids["vard"]: [("esf", 1_000_000), ("regional", 250_000)]}
        assert coverage.funding(coverage.subtree_ids(tree.nodes["M1"]), []) == ([], {})


def test_a_node_s_page_lists_its_work_under_way_with_funding_and_latest_progress(funded):
    app, ids = funded
    page = app.test_client().get("/regions/vastmanland/plan/M8").text
    work = page.split('id="initiatives-heading"', 1)[1]
    assert set(re.findall(r'<a href="/initiatives/\d+">([^<]+)</a>', work)) == {"Validering i vården",
                                                                                 "Valideringsplanen"}
    assert "2 initiativ är i gång" in work
    totals = plain(work.split("<table", 1)[1].split("</table>", 1)[0])
    assert "ESF+ 1 500 000 2" in totals and "Regionala medel 250 000 1" in totals
    row = plain(work.split(f'href="/initiatives/{ids["vard"]}"', 1)[1].split("</tr>", 1)[0])
    assert "ESF+: 1 000 000 kr" in row and "Regionala medel: 250 000 kr" in row
    assert "Tolv undersköterskor validerade." in row
    assert "Lucka." in app.test_client().get("/regions/vastmanland/plan/M1").text


def test_a_node_s_work_kept_by_a_worker_follows_a_write_in_another_at_once(funded, second_worker):
    app, ids = funded
    client = app.test_client()

    def work():
        page = client.get("/regions/vastmanland/plan/M8").text.split('id="initiatives-heading"', 1)[1]
        totals = plain(page.split("<caption>", 1)[1].split("</table>", 1)[0]).strip()
        return set(re.findall(r'<a href="/initiatives/\d+">([^<]+)</a>', page)), totals

    assert work() == work() == ({"Validering i vården", "Valideringsplanen"},
                                "Finansiering av initiativen som är i gång, per källa Källa kr Initiativ "
                                "ESF+ 1 500 000 2 Regionala medel 250 000 1")
    with second_worker.app_context():
        collab.make_initiative("vastmanland", title="Validering i industrin", nodes=[plan_node("vastmanland", "M8.3")],
                               funding={"eruf": 2_000_000})
        db.session.get(Initiative, ids["vard"]).status = "finished"
        db.session.commit()
    assert work() == ({"Valideringsplanen", "Validering i industrin"},
                      "Finansiering av initiativen som är i gång, per källa Källa kr Initiativ "
                      "Regionalfonden (ERUF) 2 000 000 1 ESF+ 500 000 1")


def test_the_audit_log_names_an_assessment_and_links_to_it(synced_app, accounts):
    client = signed_in(synced_app, "region-admin")
    assert post(client, NEW_M1, GOOD).status_code == 302
    log = client.get("/regions/vastmanland/audit").text
    assert "Lägesbedömning" in log
    assert ('<a href="/regions/vastmanland/assessments#node-M1">M1 Ökad kunskap om kompetensbehov för framtidens '
            'arbetsmarknad: lägesbedömning den 2025-03-01</a>') in log
