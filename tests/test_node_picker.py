"""The plan-node picker that every form linking to a plan shares (initiatives, networks, meetings,
relinking): the tree in the plan's order, grouped by region and plan, as checkboxes; the search
without JavaScript and with htmx; and what each form saves from it."""
import re

import collab
from conftest import ACCOUNTS, csrf_token, in_language, login
from sqlalchemy import select

from samverkan.extensions import db
from samverkan.meetings.models import Meeting
from samverkan.networks.models import Network
from samverkan.plans.models import Plan, PlanNode
from samverkan.regions.models import Region


def signed_in(app, key):
    """A client of ``app`` logged in as the test account ``key``, in English."""
    client = app.test_client()
    assert login(client, ACCOUNTS[key][0]).status_code == 302
    return in_language(client, "en")


def post(client, url, data):
    return client.post(url, data={**data, "csrf_token": csrf_token(client)})


def plan_codes(slug):
    """The codes of ``slug``'s current plan depth-first, as the plugin lists them (O1, M1, M1.1, …, M2)."""
    nodes = db.session.scalars(select(PlanNode).join(Plan).join(Region).where(
        Region.slug == slug, Plan.retired.is_(False), PlanNode.retired.is_(False))).all()
    children = {}
    for node in sorted(nodes, key=lambda node: (node.position, node.id)):
        children.setdefault(node.parent_id, []).append(node)

    def walk(parent_id):
        for node in children.get(parent_id, []):
            yield node.code
            yield from walk(node.id)

    return list(walk(None))


def offered(page):
    """(group legend, [codes]) of the picker in ``page``, in the page's order."""
    groups = re.findall(r'<fieldset class="node-group">\s*<legend>(.*?)</legend>(.*?)</fieldset>', page, re.S)
    return [(legend, re.findall(r'<span class="code">([^<]+)</span>', body)) for legend, body in groups]


def test_the_picker_lists_a_plan_in_its_own_order_not_by_place_among_siblings(synced_app, accounts):
    """Depth-first: a goal's priorities follow the goal, before the next goal; sorted by place
    within the parent (as the forms once did) the levels interleave: M1, M2, … after M1.1."""
    with synced_app.app_context():
        expected = plan_codes("vastmanland")
        by_place = [node.code for node in sorted(db.session.scalars(select(PlanNode).join(Plan).join(Region).where(
            Region.slug == "vastmanland", Plan.retired.is_(False), PlanNode.retired.is_(False))).all(),
            key=lambda node: (node.position, node.id))]
        # (the form is for a person who acts for an actor)
        collab.make_membership(collab.make_actor("vastmanland"), ACCOUNTS["project-lead"][0], role="project-lead")
        db.session.commit()
    assert expected != by_place
    page = signed_in(synced_app, "project-lead").get("/initiatives/new").text
    groups = offered(page)
    assert [re.sub(r"<[^>]+>", "", legend).split(":")[0] for legend, _codes in groups] == ["Västmanland"]
    assert groups[0][1] == expected
    # indented by level: a priority sits deeper than its goal
    assert re.search(r'<li class="depth-0"><label><input type="checkbox" name="nodes" value="\d+"> '
                     rf'<span class="code">{re.escape(expected[0])}</span>', page)


def test_a_network_offers_the_plan_of_a_region_ticked_now_and_saves_its_nodes(synced_app, accounts):
    """Without JavaScript: tick Västernorrland, press Find, and its plan is there to tick, beside
    after Västmanland's; saved, the network links a node of each."""
    admin = signed_in(synced_app, "region-admin")
    with synced_app.app_context():
        here, there = collab.region("vastmanland"), collab.region("vasternorrland")
        ids = {"here": here.id, "there": there.id}
        theirs = plan_codes("vasternorrland")
        node_there = db.session.scalar(select(PlanNode.id).join(Plan).where(Plan.region_id == there.id,
                                                                             PlanNode.code == theirs[1]))
        node_here = db.session.scalar(select(PlanNode.id).join(Plan).where(Plan.region_id == here.id,
                                                                            PlanNode.code == plan_codes("vastmanland")[0]))
    url = "/regions/vastmanland/networks/new"
    before = admin.get(url).text
    assert [legend.split(":")[0] for legend, _codes in offered(before)] == ["Västmanland"]
    data = {"name": "Valideringsrådet", "kind": "other", "regions": [ids["here"], ids["there"]]}
    found = post(admin, url, {**data, "find_nodes": "1"})
    assert found.status_code == 200
    groups = offered(found.text)
    assert [legend.split(":")[0] for legend, _codes in groups] == ["Västernorrland", "Västmanland"]  # by name
    assert groups[0][1] == theirs
    with synced_app.app_context():
        assert db.session.scalar(select(Network).filter_by(name="Valideringsrådet")) is None  # Find saves nothing
    saved = post(admin, url, {**data, "nodes": [node_here, node_there]})
    assert saved.status_code == 302
    with synced_app.app_context():
        network = db.session.scalars(select(Network).filter_by(name="Valideringsrådet")).one()
        assert {node.id for node in network.nodes} == {node_here, node_there}


def test_the_network_search_without_javascript_narrows_the_tree_and_keeps_what_is_ticked(synced_app, accounts):
    admin = signed_in(synced_app, "region-admin")
    with synced_app.app_context():
        region_id = collab.region("vastmanland").id
        first = db.session.scalar(select(PlanNode).join(Plan).where(
            Plan.region_id == region_id, PlanNode.code == plan_codes("vastmanland")[0]))
        first_id, first_code = first.id, first.code
    found = post(admin, "/regions/vastmanland/networks/new",
                 {"name": "X", "kind": "other", "nodes": [first_id], "node_query": "validering", "find_nodes": "1"})
    assert found.status_code == 200
    assert 'value="X"' in found.text and 'value="validering"' in found.text
    assert re.search(rf'value="{first_id}" checked> <span class="code">{re.escape(first_code)}</span>', found.text)
    with synced_app.app_context():
        titles = {node.code: node.title.casefold() for node in db.session.scalars(
            select(PlanNode).join(Plan).where(Plan.region_id == region_id))}
    codes = offered(found.text)[0][1]
    assert [code for code in codes if code != first_code] and all(
        "validering" in titles[code] or "validering" in code.casefold() for code in codes if code != first_code)
    assert re.search(r'<p class="match-count">\d+ plan nodes? match', found.text)


def test_a_meeting_saves_the_nodes_ticked_in_its_forums_plans(synced_app, accounts):
    admin = signed_in(synced_app, "region-admin")
    with synced_app.app_context():
        forum = collab.make_forum(slug="vastmanland")
        db.session.commit()
        forum_id, codes = forum.id, plan_codes("vastmanland")
        wanted = db.session.scalars(select(PlanNode.id).join(Plan).join(Region).where(
            Region.slug == "vastmanland", PlanNode.code.in_(codes[1:3]))).all()
    url = f"/forums/{forum_id}/meetings/new"
    page = admin.get(url).text
    assert offered(page)[0][1] == codes
    answer = post(admin, url, {"title": "Kompetensrådet", "place": "Västerås", "status": "planned",
                               "day": "2026-05-05", "starts": "10:00", "ends": "12:00", "nodes": wanted})
    assert answer.status_code == 302
    with synced_app.app_context():
        meeting = db.session.scalars(select(Meeting).filter_by(title="Kompetensrådet")).one()
        assert sorted(node.id for node in meeting.nodes) == sorted(wanted)
    # a node of another region's plan is refused, and said why
    with synced_app.app_context():
        foreign = db.session.scalar(select(PlanNode.id).join(Plan).join(Region).where(Region.slug == "vasternorrland"))
    refused = post(admin, url, {"title": "Annat", "place": "Västerås", "status": "planned",
                                "day": "2026-05-05", "starts": "10:00", "ends": "12:00", "nodes": [foreign]})
    assert refused.status_code == 400
    assert collab.form_errors(refused) == {"nodes": "Link only parts of the plans of the forum's regions."}


def test_the_htmx_search_answers_for_a_networks_regions(synced_app, client):
    with synced_app.app_context():
        region_id = collab.region("vasternorrland").id
        codes = plan_codes("vasternorrland")
    whole = client.get(f"/initiatives/node-options?regions={region_id}", headers={"HX-Request": "true"})
    assert whole.status_code == 200 and "<html" not in whole.text
    assert offered(whole.text)[0][1] == codes
    found = client.get(f"/initiatives/node-options?regions={region_id}&node_query=validering",
                       headers={"HX-Request": "true"})
    shown = offered(found.text)[0][1]
    assert shown and set(shown) < set(codes)
    assert shown == [code for code in codes if code in shown]  # still in the plan's order


def test_an_action_chooses_its_one_part_of_the_plan_in_plan_order_grouped_by_plan(synced_app, accounts):
    """An action serves one part of a plan: a select, in the picker's order and groups, and saved."""
    admin = signed_in(synced_app, "region-admin")
    with synced_app.app_context():
        meeting = collab.make_meeting(collab.make_forum(slug="vastmanland"))
        db.session.commit()
        meeting_id, codes = meeting.id, plan_codes("vastmanland")
        chosen = db.session.scalar(select(PlanNode.id).join(Plan).join(Region).where(
            Region.slug == "vastmanland", Plan.retired.is_(False), PlanNode.code == codes[2]))
    page = admin.get(f"/meetings/{meeting_id}").text
    select_html = re.search(r'<select[^>]*name="node"[^>]*>(.*?)</select>', page, re.S).group(1)
    assert re.findall(r'<optgroup label="([^":]+):', select_html) == ["Västmanland"]
    assert [re.sub(r"^\W*", "", label).split(" ")[0]
            for label in re.findall(r'<option value="\d+">([^<]+)</option>', select_html)] == codes
    answer = post(admin, f"/meetings/{meeting_id}/actions", {
        "what": "Kartlägg behoven", "owner_email": ACCOUNTS["member"][0], "due_on": "2026-06-01",
        "owner_actor": "None", "decision": "None", "node": str(chosen)})
    assert answer.status_code == 302
    with synced_app.app_context():
        assert [action.node_id for action in db.session.get(Meeting, meeting_id).actions] == [chosen]
