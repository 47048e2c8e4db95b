"""Plan revisions, proved with a county that revises its plan (``tests/revised_county``): release 1
of its package ships version 1 of the plan, release 2 version 2, in which A1.2 is removed, A2.1
reworded, A3.2 added and A2.2 moved from A2 to A3.

Before the upgrade, Dalarna's initiatives, a network, a meeting and status assessments point at
version 1; the sync of release 2 creates version 2 beside it and carries what pointed at the
codes version 2 kept. What only pointed at A1.2 is listed for the region admin to relink.
"""
import re
from datetime import date

import collab
import pytest
from conftest import create_accounts, csrf_token, in_language, login, running_app
from plugin_fixtures import install_revised_county
from revised_county.revised_county import release_1, release_2
from sqlalchemy import func, select
from test_sync import Boom, exploding

from samverkan.accounts import services as accounts
from samverkan.assessments.models import StatusAssessment
from samverkan.audit import AuditEvent
from samverkan.extensions import db
from samverkan.initiatives import services as initiative_services
from samverkan.initiatives.models import Initiative, initiative_plan_nodes
from samverkan.meetings.models import meeting_plan_nodes
from samverkan.networks.models import network_plan_nodes
from samverkan.plans.models import Plan, PlanNode
from samverkan.plugins import get_plugin_manager
from samverkan.sync import sync_all

pytestmark = pytest.mark.database("accounts")

ADMIN = "admin@regiondalarna.se"
PASSWORD = "rätt häst batteri häftklammer"
#: what pointed at version 1, by title (initiatives) or name: the codes it pointed at
INITIATIVES = {
    "Validering i industrin": ("running", False, "dalarna", ["A1.1", "A1.2"]),
    "Lärlingar i Borlänge": ("running", False, "dalarna", ["A1.2"]),
    "Lärlingar 2019": ("finished", False, "dalarna", ["A1.2"]),
    "Idé om lärlingar": ("idea", True, "dalarna", ["A1.2"]),
    "Undersköterskor i Falun": ("planned", False, "dalarna", ["A2.1"]),
    # led from Västmanland with Dalarna as a partner region
    "Lärlingar över länsgränsen": ("running", False, "vastmanland", ["A1.2"]),
    # led from Västmanland, Dalarna no longer a partner: not Dalarna's to relink
    "Västmanländskt utan Dalarna": ("running", False, "vastmanland", ["A1.2"]),
}
#: the initiatives Dalarna's admin is asked to relink, by title, with their old nodes
TO_RELINK = [("Idé om lärlingar", ["A1.2"]), ("Lärlingar i Borlänge", ["A1.2"]),
             ("Lärlingar över länsgränsen", ["A1.2"])]
#: what the sync of release 2 reports
REVISION_REPORT = {
    ("plan", "created"): 1,
    ("plan", "retired"): 1,  # version 1: superseded, kept
    ("node", "created"): 8,
    ("node theme mapping", "set"): 8,
    ("initiative link", "carried"): 2,  # Validering i industrin (A1.1), Undersköterskor i Falun (A2.1)
    ("network link", "carried"): 1,  # Vårdnätverket (A2.2, moved)
    ("meeting link", "carried"): 1,  # Industrirådet (A1.1)
    ("status assessment", "carried"): 1,  # A2.1's newest; A1.2's is not carried (dropped)
}


def plugins(release):
    return get_plugin_manager(extra_plugins=[("dalarna", {1: release_1, 2: release_2}[release])])


def node(code, version):
    return db.session.scalar(select(PlanNode).join(Plan).where(
        Plan.region_id == collab.region("dalarna").id, Plan.version == version, PlanNode.code == code))


def before_the_revision():
    """Dalarna on version 1, with what points at it; returns the ids by name."""
    dalarna = collab.region("dalarna")
    admin = accounts.create_person(ADMIN, "Dalarnas administratör", PASSWORD)
    accounts.grant_role(admin, "region-admin", region=dalarna)
    ids = {}
    for title, (status, draft, lead, codes) in INITIATIVES.items():
        partners = [dalarna] if title == "Lärlingar över länsgränsen" else []
        ids[title] = collab.make_initiative(lead, title=title, status=status, draft=draft, partner_regions=partners,
                                            nodes=[node(code, 1) for code in codes]).id
    network = collab.make_network("dalarna", name="Vårdnätverket", nodes=[node("A2.2", 1)])
    meeting = collab.make_meeting(collab.make_forum(network), title="Industrirådet",
                                  nodes=[node("A1.1", 1), node("A1.2", 1)])
    ids.update({"network": network.id, "meeting": meeting.id, "admin": admin.id})
    for code, day, status, prioritised, comment in (
            ("A2.1", date(2024, 3, 1), "early", False, "Få platser."),
            ("A2.1", date(2025, 2, 1), "progressing", True, "Fler platser på Yrkesvux."),
            ("A1.2", date(2025, 2, 1), "not-started", False, "")):
        db.session.add(StatusAssessment(region_id=dalarna.id, node=node(code, 1), assessed_on=day, status=status,
                                        prioritised=prioritised, comment=comment, author=admin))
    db.session.commit()
    return ids


@pytest.fixture
def revision(database_url):
    """The database after release 1 was synced and used, and the app of release 2 (not synced
    yet); ``revision.ids`` names what points at version 1."""
    with running_app(database_url, plugin_manager=plugins(1)) as first, first.app_context():
        sync_all(first.extensions["samverkan.plugins"])
        ids = before_the_revision()
    with running_app(database_url, plugin_manager=plugins(2)) as app:
        app.ids = ids
        yield app


@pytest.fixture
def revised(revision):
    """The database after release 2 was synced."""
    with revision.app_context():
        revision.report = sync_all(revision.extensions["samverkan.plugins"])
    return revision


def linked_codes(table, column, owner_id):
    """``[(version, code), …]`` of the nodes ``owner_id`` links through ``table``."""
    return db.session.execute(
        select(Plan.version, PlanNode.code).join(PlanNode, PlanNode.plan_id == Plan.id)
        .join(table, table.c.node_id == PlanNode.id).where(table.c[column] == owner_id)
        .order_by(Plan.version, PlanNode.code)).all()


def link_counts():
    return [db.session.scalar(select(func.count()).select_from(table))
            for table in (initiative_plan_nodes, network_plan_nodes, meeting_plan_nodes)]


def assessments_of(code, version):
    return db.session.execute(
        select(StatusAssessment.assessed_on, StatusAssessment.status, StatusAssessment.prioritised,
               StatusAssessment.comment, StatusAssessment.author_id)
        .where(StatusAssessment.node_id == node(code, version).id)
        .order_by(StatusAssessment.assessed_on)).all()


def test_a_new_version_is_created_beside_the_old_and_takes_over_its_links(revised):
    ids = revised.ids
    assert dict(revised.report.changes) == REVISION_REPORT, revised.report.lines()
    with revised.app_context():
        plans = db.session.execute(select(Plan.version, Plan.retired).where(
            Plan.region_id == collab.region("dalarna").id).order_by(Plan.version)).all()
        assert plans == [(1, True), (2, False)]
        assert collab.region("dalarna").main_plan.version == 2
        # version 1 is whole: the node version 2 dropped is still there, not retired
        old = db.session.scalars(select(PlanNode.code).join(Plan).where(
            Plan.version == 1, Plan.region_id == collab.region("dalarna").id, PlanNode.retired.is_(False))).all()
        assert sorted(old) == ["A1", "A1.1", "A1.2", "A2", "A2.1", "A2.2", "A3", "A3.1"]
        # the old links stay; a kept code gains its new node
        assert linked_codes(initiative_plan_nodes, "initiative_id", ids["Validering i industrin"]) == [
            (1, "A1.1"), (1, "A1.2"), (2, "A1.1")]
        assert linked_codes(initiative_plan_nodes, "initiative_id", ids["Undersköterskor i Falun"]) == [
            (1, "A2.1"), (2, "A2.1")]
        assert linked_codes(initiative_plan_nodes, "initiative_id", ids["Lärlingar i Borlänge"]) == [(1, "A1.2")]
        assert linked_codes(network_plan_nodes, "network_id", ids["network"]) == [(1, "A2.2"), (2, "A2.2")]
        assert linked_codes(meeting_plan_nodes, "meeting_id", ids["meeting"]) == [(1, "A1.1"), (1, "A1.2"),
                                                                                 (2, "A1.1")]
        # the current assessment is the new node's starting point; the history stays with the old node
        assert assessments_of("A2.1", 2) == [(date(2025, 2, 1), "progressing", True, "Fler platser på Yrkesvux.",
                                              ids["admin"])]
        assert [row.status for row in assessments_of("A2.1", 1)] == ["early", "progressing"]
        assert node("A1.2", 2) is None
        # every carry is in the audit log, on the new node, with what it took over
        events = db.session.execute(select(AuditEvent.object_id, AuditEvent.changes, AuditEvent.detail).where(
            AuditEvent.action == "update", AuditEvent.object_type == "PlanNode").order_by(AuditEvent.id)).all()
        assert [(e.object_id, e.changes) for e in events] == [
            (str(node("A1.1", 2).id), {"initiatives": [[], [ids["Validering i industrin"]]],
                                       "meetings": [[], [ids["meeting"]]]}),
            (str(node("A2.1", 2).id), {"initiatives": [[], [ids["Undersköterskor i Falun"]]]}),
            (str(node("A2.2", 2).id), {"networks": [[], [ids["network"]]]}),
        ]
        assert {e.detail for e in events} == {"links carried over from version 1 of the plan"}
        assert db.session.scalar(select(func.count()).select_from(AuditEvent).where(
            AuditEvent.action == "create", AuditEvent.object_type == "StatusAssessment")) == 4  # 3 + the copy


def test_a_second_sync_changes_nothing(revised):
    with revised.app_context():
        links, assessments = link_counts(), db.session.scalar(select(func.count()).select_from(StatusAssessment))
        report = sync_all(revised.extensions["samverkan.plugins"])
        assert report.total == 0, report.lines()
        assert link_counts() == links == [10, 2, 3]
        assert db.session.scalar(select(func.count()).select_from(StatusAssessment)) == assessments == 4


def test_a_link_removed_after_the_revision_is_not_carried_again(revised):
    """Carried once, when the new node is created: a later sync respects what people changed."""
    with revised.app_context():
        initiative = db.session.get(Initiative, revised.ids["Validering i industrin"])
        initiative_services.update_initiative(initiative, {"nodes": [node("A1.1", 1), node("A1.2", 1)]}, by=None,
                                              version=initiative.version)
        db.session.commit()
        assert sync_all(revised.extensions["samverkan.plugins"]).total == 0
        assert linked_codes(initiative_plan_nodes, "initiative_id", initiative.id) == [(1, "A1.1"), (1, "A1.2")]


def test_a_failing_sync_leaves_nothing_half_done(revision):
    """The revision is carried, then a later plugin breaks the sync: nothing of it stays."""
    with revision.app_context():
        contents = revision.extensions["samverkan.plugins"]
        assert contents[-1].name == "dalarna"  # synced before the broken one
        broken = exploding(contents[0])
        links = link_counts()
        events = db.session.scalar(select(func.count()).select_from(AuditEvent))
        with pytest.raises(Boom):
            sync_all([*contents, broken])
        assert db.session.scalars(select(Plan.version).where(Plan.region_id == collab.region("dalarna").id)).all() == [1]
        assert link_counts() == links == [8, 1, 2]
        assert db.session.scalar(select(func.count()).select_from(StatusAssessment)) == 3
        assert db.session.scalar(select(func.count()).select_from(AuditEvent)) == events
        # and the same sync, unbroken, does it all
        assert dict(sync_all(contents).changes) == REVISION_REPORT


@pytest.mark.database("schema")
def test_upgrading_the_package_and_syncing_reports_what_was_carried(tmp_path, monkeypatch, database_url):
    """Through the entry point and the command, as a county's admin would: release 1, then 2."""
    install_revised_county(tmp_path, monkeypatch, 1)
    with running_app(database_url) as first:
        assert first.test_cli_runner().invoke(args=["plugins", "sync"]).exit_code == 0
        with first.app_context():
            create_accounts()
            before_the_revision()
    install_revised_county(tmp_path, monkeypatch, 2)
    with running_app(database_url) as second:
        result = second.test_cli_runner().invoke(args=["plugins", "sync"])
        assert result.exit_code == 0, result.output
        assert result.output.splitlines() == [
            "initiative link: 2 carried", "meeting link: 1 carried", "network link: 1 carried",
            "node: 8 created", "node theme mapping: 8 set", "plan: 1 created", "plan: 1 retired",
            "status assessment: 1 carried"]
        again = second.test_cli_runner().invoke(args=["plugins", "sync"])
        assert again.output.strip() == "Everything is up to date."


# -- the pages ---------------------------------------------------------------------------------------

def main_text(response):
    """The words of the page's ``<main>``, one space between them."""
    main = re.search(r"<main.*</main>", response.text, re.S).group(0)
    return " ".join(re.sub(r"<[^>]+>", " ", main).split())


def section_text(response, name):
    """The words of the section headed ``name-heading``."""
    found = re.search(rf'<section aria-labelledby="{name}-heading">(.*?)</section>', response.text, re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", found.group(1)).split())


def test_the_version_switch(revised):
    client = revised.test_client()
    current = client.get("/regions/dalarna/plan")
    assert current.status_code == 200
    assert 'href="/regions/dalarna/plan" aria-current="page">Version 2 (aktuell)</a>' in current.text
    assert '<a href="/regions/dalarna/plan?version=1">Version 1</a>' in current.text
    assert "A3.2" in current.text and "A1.2" not in current.text
    old = client.get("/regions/dalarna/plan?version=1")
    assert old.status_code == 200
    assert 'href="/regions/dalarna/plan?version=1" aria-current="page">Version 1</a>' in old.text
    assert "Du läser version 1 av planen. Version 2 har ersatt den." in main_text(old)
    assert '<link rel="canonical" href="http://localhost/regions/dalarna/plan?version=1">' in old.text
    # its tree, its links: every link of the old tree stays in version 1
    assert "A1.2 Fler lärlingar i industrin" in main_text(old) and "A3.2" not in old.text
    assert 'href="/regions/dalarna/plan/A1.2?version=1"' in old.text
    assert 'href="/regions/dalarna/plan?open=&amp;version=1#node-A1"' in old.text  # the toggle that closes A1
    assert client.get("/regions/dalarna/plan?version=1&expand=all").status_code == 200
    assert "A1.2" in client.get("/regions/dalarna/plan/A1/tree-item?open=A1&version=1").text
    # a node of version 1, with the initiatives linked to it then
    page = client.get("/regions/dalarna/plan/A1.2?version=1")
    assert page.status_code == 200
    assert "Det här är en del av version 1 av planen" in main_text(page)
    assert "Lärlingar i Borlänge" in page.text and "Lärlingar 2019" in page.text
    assert client.get("/regions/dalarna/plan/A1.2").status_code == 404
    # the current version named is the current page
    assert client.get("/regions/dalarna/plan?version=2").status_code == 200
    for wrong in ("3", "0", "x", "1.0", "-1", "99999999999", "１"):
        assert client.get(f"/regions/dalarna/plan?version={wrong}").status_code == 404, wrong
        assert client.get(f"/regions/dalarna/plan/A1?version={wrong}").status_code == 404, wrong
    # a plan with one version has no switch
    assert "Version 1 (aktuell)" not in client.get("/regions/vastmanland/plan").text
    assert client.get("/regions/vastmanland/plan?version=2").status_code == 404


def test_the_changes_page_says_exactly_what_changed(revised):
    client = revised.test_client()
    for lang in ("en", "sv"):
        assert main_text(in_language(client, lang).get("/regions/dalarna/plan/changes")) == main_text(client.get(
            "/regions/dalarna/plan/changes?from=1&to=2"))
    page = client.get("/regions/dalarna/plan/changes")
    assert page.status_code == 200
    assert "Från version 1 till version 2 1 tillagd 1 borttagen 1 omformulerad 1 flyttad" in main_text(page)
    assert section_text(page, "added") == "Tillagt A3.2 Fler nyanlända i arbete"
    assert section_text(page, "removed") == "Borttaget A1.2 Fler lärlingar i industrin"
    assert section_text(page, "reworded") == (
        "Omformulerat Kod Version 1 Version 2 "
        "A2.1 Fler undersköterskor utbildas Utbildningen byggs ut i hela länet. "
        "Fler undersköterskor utbildas och stannar i yrket "
        "Utbildningen byggs ut, och arbetsgivarna gör det lättare att stanna.")
    assert section_text(page, "moved") == (
        "Flyttat Del av planen Under, i version 1 Under, i version 2 "
        "A2.2 Yrkessvenska för vårdens medarbetare A2 Vård och omsorg A3 Inkludering")
    # each node links to its page in the version it is of
    assert 'href="/regions/dalarna/plan/A1.2?version=1"' in page.text
    assert 'href="/regions/dalarna/plan/A3.2"' in page.text
    english = in_language(client, "en").get("/regions/dalarna/plan/changes")
    assert section_text(english, "added") == "Added A3.2 More newly arrived in work"
    assert section_text(english, "reworded") == (
        "Reworded Code Version 1 Version 2 A2.1 More assistant nurses trained Training grows across the county. "
        "More assistant nurses trained and staying in the job Training grows, and employers make it easier to stay.")
    assert section_text(english, "moved") == (
        "Moved Part of the plan Under, in version 1 Under, in version 2 "
        "A2.2 Vocational Swedish for care staff A2 Health and social care A3 Inclusion")


def test_changes_between_any_two_versions(revised):
    client = revised.test_client()
    back = client.get("/regions/dalarna/plan/changes?from=2&to=1")
    assert section_text(back, "added") == "Tillagt A1.2 Fler lärlingar i industrin"
    assert section_text(back, "removed") == "Borttaget A3.2 Fler nyanlända i arbete"
    assert "A3 Inkludering A2 Vård och omsorg" in section_text(back, "moved")
    same = client.get("/regions/dalarna/plan/changes?from=2&to=2")
    assert "Ingenting ändrades mellan de här versionerna." in main_text(same)
    assert section_text(same, "added") == "Tillagt Ingen del av planen lades till."
    for query in ("from=3&to=2", "from=1&to=9", "from=a&to=2", "to=", "from=1&to=2.0"):
        assert client.get(f"/regions/dalarna/plan/changes?{query}").status_code == 404, query
    one = client.get("/regions/vastmanland/plan/changes")
    assert one.status_code == 200
    assert "Planen har en version: ingenting har ändrats än." in main_text(one)
    assert client.get("/regions/skane/plan/changes").status_code == 404  # no plan at all


def admin_client(app):
    client = app.test_client()
    assert login(client, ADMIN).status_code == 302
    return client


def relink_rows(response):
    """``[(title, [codes]), …]`` of the relink list."""
    table = re.search(r'<table class="data" id="relink-list">(.*?)</table>', response.text, re.S)
    if table is None:
        return []
    rows = re.findall(r"<tr>\s*<th scope=\"row\"><a [^>]*>([^<]*)</a>.*?</th>\s*<td>(.*?)</td>", table.group(1), re.S)
    return [(title, re.findall(r'<span class="node-code">([^<]*)</span>', cell)) for title, cell in rows]


def test_the_relink_list_and_the_notice_on_the_plan(revised):
    client = admin_client(revised)
    page = client.get("/regions/dalarna/plan/relink")
    assert page.status_code == 200
    assert relink_rows(page) == TO_RELINK
    assert "3 initiativ att länka om" in page.text
    plan = client.get("/regions/dalarna/plan")
    assert "3 initiativ är länkade bara till delar av planen som den aktuella versionen tog bort." in main_text(plan)
    assert 'href="/regions/dalarna/plan/relink"' in plan.text
    # not on the old version, and not for anyone who does not keep the region's plan
    assert 'href="/regions/dalarna/plan/relink"' not in client.get("/regions/dalarna/plan?version=1").text
    assert 'href="/regions/dalarna/plan/relink"' not in revised.test_client().get("/regions/dalarna/plan").text
    other = revised.test_client()
    login(other, "admin@regionvastmanland.se")
    assert 'href="/regions/dalarna/plan/relink"' not in other.get("/regions/dalarna/plan").text
    assert other.get("/regions/dalarna/plan/relink").status_code == 403


def relink(client, app, title, codes, version=None):
    initiative_id = app.ids[title]
    with app.app_context():
        initiative = db.session.get(Initiative, initiative_id)
        data = {"nodes": [node(code, 2).id for code in codes], "lead_region": initiative.lead_region_id,
                "version": initiative.version if version is None else version}
    url = f"/regions/dalarna/plan/relink/{initiative_id}"
    return client.post(url, data={**data, "csrf_token": csrf_token(client, url)})


def test_relinking_empties_the_list_and_keeps_the_old_links(revised):
    client = admin_client(revised)
    form = client.get(f"/regions/dalarna/plan/relink/{revised.ids['Lärlingar i Borlänge']}")
    assert form.status_code == 200
    assert "A1.2 Fler lärlingar i industrin (version 1)" in main_text(form)
    # the picker finds the current version's nodes without JavaScript
    url = f"/regions/dalarna/plan/relink/{revised.ids['Lärlingar i Borlänge']}"
    found = client.post(url, data={"node_query": "industrin", "find_nodes": "1", "version": "1",
                                   "csrf_token": csrf_token(client, url)})
    assert found.status_code == 200
    # under its region's and plan's name, as every picker groups its nodes
    assert re.search(r"Dalarna: [^:]*? A1\.1 Fler valideras inom industrin", main_text(found))

    answer = relink(client, revised, "Lärlingar i Borlänge", ["A1.1", "A3.2"])
    assert answer.status_code == 302 and answer.headers["Location"] == "/regions/dalarna/plan/relink"
    listed = client.get("/regions/dalarna/plan/relink")
    assert "”Lärlingar i Borlänge” är länkat till den aktuella planen." in listed.text.replace("“", "”")
    assert relink_rows(listed) == [row for row in TO_RELINK if row[0] != "Lärlingar i Borlänge"]
    for title, codes in (("Idé om lärlingar", ["A1.1"]), ("Lärlingar över länsgränsen", ["A3.1"])):
        assert relink(client, revised, title, codes).status_code == 302
    done = client.get("/regions/dalarna/plan/relink")
    assert relink_rows(done) == []
    assert "Alla pågående initiativ är länkade till planens aktuella version." in main_text(done)
    assert "initiativ är länkade bara" not in client.get("/regions/dalarna/plan").text
    with revised.app_context():
        initiative = db.session.get(Initiative, revised.ids["Lärlingar i Borlänge"])
        assert linked_codes(initiative_plan_nodes, "initiative_id", initiative.id) == [
            (1, "A1.2"), (2, "A1.1"), (2, "A3.2")]
        assert initiative.version == 2 and initiative.updated_by.email == ADMIN
        event = db.session.execute(select(AuditEvent).where(
            AuditEvent.action == "update", AuditEvent.object_type == "Initiative",
            AuditEvent.object_id == str(initiative.id))).scalar_one()
        assert event.person_id == initiative.updated_by.id
        assert event.changes == {"nodes": [["A1.2"], ["A1.1", "A1.2", "A3.2"]]}
    again = client.get(f"/regions/dalarna/plan/relink/{revised.ids['Lärlingar i Borlänge']}")
    assert "Initiativet väntar inte på att länkas om." in main_text(again)
    # the new version's node lists it; the old node still does
    assert "Lärlingar i Borlänge" in client.get("/regions/dalarna/plan/A3.2").text
    assert "Lärlingar i Borlänge" in client.get("/regions/dalarna/plan/A1.2?version=1").text


def test_a_relink_refuses_what_it_cannot_do(revised):
    client = admin_client(revised)
    title = "Lärlingar i Borlänge"
    with revised.app_context():
        before = linked_codes(initiative_plan_nodes, "initiative_id", revised.ids[title])
    # someone saved the initiative since the admin opened it
    conflict = relink(client, revised, title, ["A1.1"], version=0)
    assert conflict.status_code == 409
    assert "Någon annan ändrade initiativet" in main_text(conflict)
    assert 'name="version" type="hidden" value="1"' in conflict.text
    nothing = relink(client, revised, title, [])
    assert nothing.status_code == 400
    assert "Välj minst en del av den aktuella planen." in main_text(nothing)
    url = f"/regions/dalarna/plan/relink/{revised.ids[title]}"
    with revised.app_context():
        old_node = node("A1.1", 1).id
    stale = client.post(url, data={"nodes": [old_node], "version": 1, "csrf_token": csrf_token(client, url)})
    assert stale.status_code == 400
    assert "Välj bara delar av regionens aktuella plan." in main_text(stale)
    no_token = client.post(url, data={"nodes": [old_node], "version": 1})
    assert no_token.status_code == 400 and collab.heading(no_token) == collab.FORM_EXPIRED
    # an initiative that is not the region's is not found through its URL
    elsewhere = revised.ids["Västmanländskt utan Dalarna"]
    assert client.get(url).status_code == 200
    assert client.get(f"/regions/dalarna/plan/relink/{elsewhere}").status_code == 404
    with revised.app_context():
        assert linked_codes(initiative_plan_nodes, "initiative_id", revised.ids[title]) == before
        assert db.session.get(Initiative, revised.ids[title]).version == 1


def test_an_initiative_page_names_each_linked_node_once(revised):
    client = admin_client(revised)
    page = client.get(f"/initiatives/{revised.ids['Validering i industrin']}")
    section = section_text(page, "plan")
    # A1.1 of version 2 (carried) stands for A1.1 of version 1; A1.2 is only in version 1
    assert section == ("I planerna A1.2 Fler lärlingar i industrin (Dalarna, version 1 av planen) "
                       "A1.1 Fler valideras inom industrin (Dalarna) "
                       # the themes it has through these nodes
                       "Arbetsplatsförlagt lärande, praktik och lärlingar Validering")
    assert 'href="/regions/dalarna/plan/A1.2?version=1"' in page.text
    assert 'href="/regions/dalarna/plan/A1.1"' in page.text
    network = client.get(f"/networks/{revised.ids['network']}")
    assert main_text(network).count("A2.2 Yrkessvenska för vårdens medarbetare") == 1
    meeting = revised.test_client().get(f"/meetings/{revised.ids['meeting']}")  # no action form, no node picker
    assert 'href="/regions/dalarna/plan/A1.2?version=1"' in meeting.text
    assert main_text(meeting).count("A1.1 Fler valideras inom industrin") == 1
    # the edit form keeps every link, and says which version an old node is of
    form = client.get(f"/initiatives/{revised.ids['Validering i industrin']}/edit")
    assert main_text(form).count("A1.1 Fler valideras inom industrin") == 2
    # under the old version's own heading, before the current plan's
    assert re.search(r"Dalarna: Kompetensplan Dalarna \(version 1 av planen\)[^:]* A1\.2 Fler lärlingar i industrin "
                     r"Dalarna: Kompetensplan Dalarna A1 ", main_text(form))


def test_the_audit_log_names_what_each_new_node_took_over(revised):
    page = admin_client(revised).get("/regions/dalarna/audit?command_line=y")
    assert page.status_code == 200
    text = main_text(page)
    for node_title, taken in (("A1.1 Fler valideras inom industrin",
                               "initiativ – → Validering i industrin möten – → Industrirådet"),
                              ("A2.1 Fler undersköterskor utbildas och stannar i yrket",
                               "initiativ – → Undersköterskor i Falun"),
                              ("A2.2 Yrkessvenska för vårdens medarbetare", "nätverk – → Vårdnätverket")):
        assert f"Ändrad Planpunkt: {node_title} links carried over from version 1 of the plan {taken}" in text


def test_an_export_names_each_linked_node_once(revised):
    """A code a revision carried is written once; a code only an old version has stays, and an
    import of it finds that old node (the importer falls back to older versions)."""
    result = revised.test_cli_runner().invoke(args=["export", "initiatives", "-", "--region", "dalarna"])
    assert result.exit_code == 0, result.output
    rows = [line.split(";") for line in result.output.lstrip("\ufeff").splitlines()]
    column = rows[0].index("Plankoder")
    assert {row[0]: row[column] for row in rows[1:]} == {
        "Idé om lärlingar": "A1.2", "Lärlingar 2019": "A1.2", "Lärlingar i Borlänge": "A1.2",
        "Lärlingar över länsgränsen": "dalarna:A1.2", "Undersköterskor i Falun": "A2.1",
        "Validering i industrin": "A1.2 | A1.1"}
