"""Networks: the filtered list (plain and htmx), a network's page, creating and editing one, its
steps on Samverkanstrappan and its members, and who may do which."""
import re

import collab
import pytest
from conftest import ACCOUNTS, csrf_token, login
from sqlalchemy import event, select

from samverkan.extensions import db
from samverkan.networks.models import Network, NetworkMember, StageChange
from samverkan.plans.models import Plan, PlanNode
from samverkan.regions.models import Region
from samverkan.themes.models import Theme


def signed_in(app, key):
    client = app.test_client()
    assert login(client, ACCOUNTS[key][0]).status_code == 302
    return client


def post(client, url, data):
    return client.post(url, data={**data, "csrf_token": csrf_token(client)})


def themed_node_id(slug, theme):
    """A node of ``slug``'s plan that has ``theme``."""
    return db.session.scalars(
        select(PlanNode.id).join(Plan).join(Region).join(PlanNode.themes)
        .where(Region.slug == slug, Theme.slug == theme, PlanNode.retired.is_(False))
    ).first()


@pytest.fixture
def two_networks(client, accounts):
    """A council of Västmanland on validation, and a sector council of Västernorrland at samsyn."""
    with client.application.app_context():
        node = db.session.get(PlanNode, themed_node_id("vastmanland", "validation"))
        first = collab.make_network("vastmanland", name="Valideringsnätverket", kind="validation-network",
                                    nodes=[node])
        second = collab.make_network("vasternorrland", name="Industrirådet", stage="samsyn")
        db.session.commit()
        return first.id, second.id


def unused_theme(app, network_id):
    """A theme none of the network's nodes has."""
    with app.app_context():
        used = {theme.slug for node in db.session.get(Network, network_id).nodes for theme in node.themes}
        return next(slug for slug in db.session.scalars(select(Theme.slug).order_by(Theme.position)) if slug not in used)


def names_in(text):
    return {name for name in ("Valideringsnätverket", "Industrirådet") if name in text}


@pytest.mark.parametrize("query, expected", [
    ("", {"Valideringsnätverket", "Industrirådet"}),
    ("region=vastmanland", {"Valideringsnätverket"}),
    ("region=vasternorrland", {"Industrirådet"}),
    ("theme=validation", {"Valideringsnätverket"}),
    ("theme=UNUSED", set()),
    ("stage=samsyn", {"Industrirådet"}),
    ("kind=validation-network", {"Valideringsnätverket"}),
    ("region=vastmanland&stage=samsyn", set()),
])
def test_filters_plain_and_htmx(client, two_networks, query, expected):
    query = query.replace("UNUSED", unused_theme(client.application, two_networks[0]))
    page = client.get(f"/networks/?{query}")
    assert page.status_code == 200
    assert "<h1>" in page.text and 'data-hx-get="/networks/"' in page.text
    assert names_in(page.text) == expected
    partial = client.get(f"/networks/?{query}", headers={"HX-Request": "true"})
    assert partial.status_code == 200
    assert "<html" not in partial.text and "<h1>" not in partial.text
    assert names_in(partial.text) == expected
    assert "HX-Request" in partial.headers["Vary"]


def test_the_list_shows_regions_kind_and_stage(client, two_networks):
    text = client.get("/networks/?region=vasternorrland").text
    row = re.search(r"<tr>\s*<th scope=\"row\"><a href=\"/networks/\d+\">Industrirådet.*?</tr>", text, re.S).group(0)
    assert "Västernorrland" in row and "Branschråd" in row and "Samsyn" in row


def test_an_unknown_filter_value_is_a_400_not_a_500(client, two_networks):
    for query, field in (("region=atlantis", "region"), ("stage=<b>", "stage")):
        response = client.get(f"/networks/?{query}")
        assert response.status_code == 400
        assert collab.form_errors(response) == {field: "Inte ett giltigt val"}
    assert client.get("/networks/?page=abc").status_code == 200


def test_the_list_costs_the_same_statements_however_many_networks(client, two_networks):
    app = client.application

    def statements():
        count = [0]

        def counter(*args):
            count[0] += 1

        with app.app_context():
            event.listen(db.engine, "before_cursor_execute", counter)
            try:
                assert client.get("/networks/").status_code == 200
            finally:
                event.remove(db.engine, "before_cursor_execute", counter)
        return count[0]

    before = statements()
    with app.app_context():
        for i in range(12):
            collab.make_network("vastmanland", "vasternorrland", "skane", name=f"Nätverk {i}")
        db.session.commit()
    assert statements() == before


def test_the_council_networks_from_the_plugins_are_listed(client):
    text = client.get("/networks/?kind=council").text
    assert "Västmanlands kompetensråd" in text and "Västernorrlands kompetensråd" in text


def test_create_a_network_in_the_urls_region(client, accounts):
    admin = signed_in(client.application, "region-admin")
    form = admin.get("/regions/vastmanland/networks/new")
    assert form.status_code == 200
    with client.application.app_context():
        node_id = themed_node_id("vastmanland", "validation")
        other = collab.region("vasternorrland").id
    response = post(admin, "/regions/vastmanland/networks/new", {
        "name": "Vårdrådet", "kind": "sector-council", "purpose": "Vård och omsorg", "regions": [other],
        "nodes": [node_id]})
    assert response.status_code == 302
    with client.application.app_context():
        network = db.session.execute(select(Network).filter_by(name="Vårdrådet")).scalar_one()
        assert {r.slug for r in network.regions} == {"vastmanland", "vasternorrland"}
        assert [n.id for n in network.nodes] == [node_id]
        assert network.stage == "samtal"
        [first] = network.stage_changes
        assert (first.from_stage, first.to_stage, first.changed_by.email) == (None, "samtal", accounts["region-admin"])
        assert response.headers["Location"] == f"/networks/{network.id}"
    page = client.get(response.headers["Location"]).text
    assert 'aria-current="step"' in page and "Vem vill och varför?" in page


def test_a_node_of_a_region_the_network_is_not_in_is_refused(client, accounts):
    admin = signed_in(client.application, "region-admin")
    with client.application.app_context():
        foreign = db.session.scalars(select(PlanNode.id).join(Plan).join(Region)
                                     .where(Region.slug == "vasternorrland")).first()
    response = post(admin, "/regions/vastmanland/networks/new", {"name": "X", "kind": "other", "nodes": [foreign]})
    assert response.status_code == 400
    assert collab.form_errors(response) == {"nodes": "Länka bara till delar av planerna för nätverkets regioner. Kryssa "
                                                     "i regionen ovan och tryck på Sök för att se dess plan."}
    with client.application.app_context():
        assert db.session.scalar(select(Network).filter_by(name="X")) is None


def test_editing_needs_a_region_and_keeps_the_staircase(client, accounts, two_networks):
    first, _second = two_networks
    admin = signed_in(client.application, "region-admin")
    no_region = post(admin, f"/networks/{first}/edit", {"name": "Ny", "kind": "other"})
    assert no_region.status_code == 400
    assert collab.form_errors(no_region) == {"regions": "Välj minst en region."}
    with client.application.app_context():
        region_id = collab.region("vastmanland").id
    response = post(admin, f"/networks/{first}/edit", {"name": "Nytt namn", "kind": "other", "regions": [region_id]})
    assert response.status_code == 302
    with client.application.app_context():
        network = db.session.get(Network, first)
        assert (network.name, network.kind, network.nodes) == ("Nytt namn", "other", [])


def test_stage_change_needs_a_new_stage_and_a_reason_and_is_in_the_history(client, accounts, two_networks):
    first, _second = two_networks
    admin = signed_in(client.application, "region-admin")
    page = admin.get(f"/networks/{first}/stage")
    assert page.status_code == 200 and "Vad bör göras?" in page.text
    no_reason = post(admin, f"/networks/{first}/stage", {"stage": "samsyn", "reason": ""})
    assert no_reason.status_code == 400
    assert collab.form_errors(no_reason) == {"reason": "Det här fältet är obligatoriskt."}
    same = post(admin, f"/networks/{first}/stage", {"stage": "samtal", "reason": "Igen"})
    assert same.status_code == 400
    assert collab.form_errors(same) == {"stage": "Nätverket är redan på det här steget."}
    unknown = post(admin, f"/networks/{first}/stage", {"stage": "himmel", "reason": "x"})
    assert unknown.status_code == 400
    assert collab.form_errors(unknown) == {"stage": "Inte ett giltigt val"}
    response = post(admin, f"/networks/{first}/stage", {"stage": "samverkan", "reason": "Vi vet vilka som behövs."})
    assert response.status_code == 302
    with client.application.app_context():
        network = db.session.get(Network, first)
        assert network.stage == "samverkan"
        change = network.stage_changes[0]
        assert (change.from_stage, change.to_stage, change.reason) == ("samtal", "samverkan", "Vi vet vilka som behövs.")
        assert change.changed_by.email == accounts["region-admin"]
    text = client.get(f"/networks/{first}").text
    assert "Samtal → Samverkan" in text and "Vi vet vilka som behövs." in text
    current = re.search(r'<li aria-current="step"[^>]*>(.*?)</li>', text, re.S).group(1)
    assert "Samverkan" in current and "Vilka behövs för att göra det?" in current


def test_stages_and_questions_in_english(client, two_networks):
    client.post("/language", data={"lang": "en", "next": "/", "csrf_token": csrf_token(client)})
    text = client.get(f"/networks/{two_networks[1]}").text
    current = re.search(r'<li aria-current="step"[^>]*>(.*?)</li>', text, re.S).group(1)
    assert "Shared view" in current and "What should be done?" in current


def test_members_added_and_removed(client, accounts, two_networks):
    first, _second = two_networks
    app = client.application
    with app.app_context():
        actor = collab.make_actor("vastmanland", name="Mälardalens yrkeshögskola")
        foreign = collab.make_actor("vasternorrland", name="Norrlands verkstad")
        db.session.commit()
        actor_id, foreign_id = actor.id, foreign.id
    admin = signed_in(app, "region-admin")
    url = f"/networks/{first}/members"
    assert post(admin, url, {"email": ACCOUNTS["no-role"][0], "coordinator": "y"}).status_code == 302
    assert post(admin, url, {"actor": actor_id}).status_code == 302
    member = "Detta är redan en medlem i nätverket."
    one_of_them = "Välj en aktör eller ange en persons e-postadress – en av dem."
    no_account = "Inget konto har den här e-postadressen. Personen behöver först ett konto."
    problems = [
        ({"email": ACCOUNTS["no-role"][0]}, {"email": member}),
        ({"actor": actor_id}, {"actor": member}),
        ({"email": "okand@exempel.se"}, {"email": no_account}),
        ({"actor": foreign_id}, {"actor": "Inte ett giltigt val"}),  # not of the network's regions
        ({"actor": actor_id, "email": ACCOUNTS["member"][0]}, {"actor": one_of_them}),
        ({}, {"actor": one_of_them}),
    ]
    for data, errors in problems:
        response = post(admin, url, data)
        assert response.status_code == 400, data
        assert collab.form_errors(response) == errors, data
    with app.app_context():
        members = db.session.scalars(select(NetworkMember).filter_by(network_id=first).order_by(NetworkMember.id)).all()
        assert [(m.person.email if m.person else None, m.actor_id, m.coordinator) for m in members] == [
            (ACCOUNTS["no-role"][0], None, True), (None, actor_id, False)]
        person_member, actor_member = members[0].id, members[1].id
    text = client.get(f"/networks/{first}").text
    assert f'href="/actors/{actor_id}"' in text and "(samordnare)" in text
    confirm = admin.get(f"/network-members/{actor_member}/delete")
    assert confirm.status_code == 200 and "Mälardalens yrkeshögskola" in confirm.text
    assert post(admin, f"/network-members/{actor_member}/delete", {}).status_code == 302
    with app.app_context():
        assert db.session.get(NetworkMember, actor_member) is None
        assert db.session.get(NetworkMember, person_member) is not None


def test_a_coordinator_flag_needs_a_person(client, accounts, two_networks):
    with client.application.app_context():
        actor = collab.make_actor("vastmanland")
        db.session.commit()
        actor_id = actor.id
    admin = signed_in(client.application, "region-admin")
    response = post(admin, f"/networks/{two_networks[0]}/members", {"actor": actor_id, "coordinator": "y"})
    assert response.status_code == 400
    assert collab.form_errors(response) == {"coordinator": "Bara en person kan samordna ett nätverk."}
    with client.application.app_context():
        assert db.session.scalars(select(NetworkMember).filter_by(network_id=two_networks[0])).all() == []


def test_a_network_of_two_regions_is_kept_by_both_regions_admins_and_no_member(client, accounts):
    app = client.application
    with app.app_context():
        network = collab.make_network("vastmanland", "vasternorrland")
        db.session.commit()
        network_id, ids = network.id, [r.id for r in network.regions]
    for key in ("region-admin", "other-region-admin"):
        admin = signed_in(app, key)
        assert admin.get(f"/networks/{network_id}/edit").status_code == 200
        response = post(admin, f"/networks/{network_id}/edit", {"name": f"Av {key}", "kind": "other", "regions": ids})
        assert response.status_code == 302, key
        assert "Redigera nätverket" in admin.get(f"/networks/{network_id}").text
    for key in ("member", "other-member", "project-lead"):
        visitor = signed_in(app, key)
        assert post(visitor, f"/networks/{network_id}/edit", {"name": "Nej", "kind": "other", "regions": ids}).status_code == 403
        assert collab.refusals(app)[-1] == "region.manage", key
        assert "Redigera nätverket" not in visitor.get(f"/networks/{network_id}").text
    with app.app_context():
        assert db.session.get(Network, network_id).name == "Av other-region-admin"


def test_a_coordinator_without_a_role_starts_forums_but_does_not_edit_the_network(client, accounts):
    app = client.application
    with app.app_context():
        network = collab.make_network("vastmanland", "vasternorrland")
        collab.make_coordinator(network, ACCOUNTS["no-role"][0])
        db.session.commit()
        network_id, ids = network.id, [r.id for r in network.regions]
    coordinator = signed_in(app, "no-role")
    page = coordinator.get(f"/networks/{network_id}").text
    assert "Starta ett forum" in page and "Redigera nätverket" not in page
    assert coordinator.get(f"/networks/{network_id}/forums/new").status_code == 200
    response = post(coordinator, f"/networks/{network_id}/forums/new", {"name": "Koordinatorns forum", "model": "0"})
    assert response.status_code == 302
    assert re.fullmatch(r"/forums/\d+", response.headers["Location"])
    assert post(coordinator, f"/networks/{network_id}/edit", {"name": "Nej", "kind": "other", "regions": ids}).status_code == 403
    assert post(coordinator, f"/networks/{network_id}/stage", {"stage": "samsyn", "reason": "x"}).status_code == 403
    assert collab.refusals(app)[-2:] == ["region.manage", "region.manage"]
    with app.app_context():
        assert db.session.get(Network, network_id).name != "Nej"
        assert db.session.scalars(select(StageChange).filter_by(network_id=network_id)).all() == []


def test_forums_meetings_and_open_actions_on_the_network_page(client, accounts):
    from datetime import date, datetime, timedelta

    app = client.application
    with app.app_context():
        network = collab.make_network("vastmanland")
        forum = collab.make_forum(network, name="Branschforum vård")
        collab.make_meeting(forum, title="Vintermötet", starts_at=datetime(2099, 1, 15, 12, 0))
        collab.make_meeting(forum, title="Sommarmötet", starts_at=datetime(2099, 7, 15, 12, 0))
        past = collab.make_meeting(forum, title="Förra mötet", starts_at=datetime(2000, 1, 1, 12, 0), status="held")
        collab.make_action(past, what="Skicka rapporten", owner_email=ACCOUNTS["member"][0],
                           due_on=date.today() - timedelta(days=3))
        collab.make_action(past, what="Boka lokal", owner_email=ACCOUNTS["member"][0], due_on=date(2099, 1, 1))
        collab.make_action(past, what="Klar sak", owner_email=ACCOUNTS["member"][0], done=True)
        db.session.commit()
        network_id, forum_id = network.id, forum.id
    text = client.get(f"/networks/{network_id}").text
    assert f'href="/forums/{forum_id}"' in text
    # Swedish time: 12:00 UTC is 13:00 in winter and 14:00 in summer
    upcoming = text.split('id="meetings-heading"')[1].split("</section>")[0]
    assert "13:00" in upcoming and "14:00" in upcoming and "Förra mötet" not in upcoming
    assert upcoming.index("Vintermötet") < upcoming.index("Sommarmötet")
    assert text.index("Skicka rapporten") < text.index("Boka lokal")
    assert "Klar sak" not in text
    overdue_row = re.search(r"<tr[^>]*>(?:(?!</tr>).)*Skicka rapporten.*?</tr>", text, re.S).group(0)
    assert "Försenad" in overdue_row and "Förra mötet" in overdue_row  # the meeting it came from
    assert "Försenad" not in re.search(r"<tr[^>]*>(?:(?!</tr>).)*Boka lokal.*?</tr>", text, re.S).group(0)


def test_names_and_reasons_are_escaped(client, accounts):
    app = client.application
    with app.app_context():
        network = collab.make_network("vastmanland", name="<script>alert(1)</script>")
        db.session.commit()
        network_id = network.id
    admin = signed_in(app, "region-admin")
    post(admin, f"/networks/{network_id}/stage", {"stage": "samsyn", "reason": "<img src=x onerror=alert(2)>"})
    for url in (f"/networks/{network_id}", "/networks/"):
        text = client.get(url).text
        assert "<script>alert(1)" not in text and "<img src=x" not in text
        assert "&lt;script&gt;alert(1)" in text
