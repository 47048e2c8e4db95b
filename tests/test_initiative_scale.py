"""The initiative list as written for 100,000 initiatives: its filters match the same initiatives
(partner regions and actors, themes through plan nodes, networks), its count stops at a cap and
says "more than", and ``samverkan demo initiatives`` fills a database the benchmark can use."""
import re

import collab
import pytest
from sqlalchemy import func, select

from samverkan.actors.models import Actor
from samverkan.audit import AuditEvent
from samverkan.extensions import db
from samverkan.initiatives import queries
from samverkan.initiatives.models import Initiative, ProgressEntry, initiative_plan_nodes, initiative_regions
from samverkan.networks.models import Network
from samverkan.plans.models import Plan, PlanNode
from samverkan.regions.models import Region
from samverkan.themes.models import Theme


def titles(client, query):
    page = client.get(f"/initiatives/?{query}")
    assert page.status_code == 200
    return set(re.findall(r'<a href="/initiatives/\d+">([^<]+)</a>', page.text))


def test_the_filters_match_partners_and_themes_carried_by_plan_nodes(synced_app, client):
    with synced_app.app_context():
        node = db.session.scalars(select(PlanNode).join(Plan).join(Region).join(PlanNode.themes).where(
            Region.slug == "vasternorrland", Theme.slug == "guidance", Plan.retired.is_(False))).first()
        partner = collab.make_actor("vastmanland", name="Partnern i Köping")
        network = db.session.scalar(select(Network).order_by(Network.id))
        collab.make_initiative("vasternorrland", title="Ledd från Sundsvall", partner_regions=[collab.region("vastmanland")],
                               partners=[partner], nodes=[node], networks=[network])
        collab.make_initiative("vastmanland", title="Ledd från Västerås", status="finished",
                               themes=[db.session.scalar(select(Theme).filter_by(slug="validation"))])
        db.session.commit()
        partner_id, network_id = partner.id, network.id
    both = {"Ledd från Sundsvall", "Ledd från Västerås"}
    assert titles(client, "region=vastmanland") == both
    assert titles(client, "region=vasternorrland") == {"Ledd från Sundsvall"}
    assert titles(client, "theme=guidance") == {"Ledd från Sundsvall"}  # through its plan node only
    assert titles(client, "theme=validation") == {"Ledd från Västerås"}  # set directly only
    assert titles(client, f"actor={partner_id}") == {"Ledd från Sundsvall"}
    assert titles(client, f"network={network_id}") == {"Ledd från Sundsvall"}
    assert titles(client, "region=vastmanland&status=finished") == {"Ledd från Västerås"}


def test_the_count_stops_at_the_cap_and_the_pages_say_so(synced_app, client, monkeypatch):
    monkeypatch.setattr(queries, "PAGE_SIZE", 2)
    monkeypatch.setattr(queries, "COUNT_CAP", 3)
    with synced_app.app_context():
        for number in range(6):
            collab.make_initiative("vastmanland", title=f"Insats {number}")
        db.session.commit()
    first = client.get("/initiatives/?region=vastmanland")
    # counted up to the page after this one (4); there are more
    assert "Fler än 4 initiativ" in first.text
    assert "Sida 1 av fler än 2" in first.text and 'rel="next"' in first.text
    last = client.get("/initiatives/?region=vastmanland&page=3")
    assert "6 initiativ" in last.text and "Sida 3 av 3" in last.text and 'rel="next"' not in last.text
    assert len(titles(client, "region=vastmanland&page=3")) == 2
    beyond = client.get("/initiatives/?region=vastmanland&page=5")
    assert "6 initiativ" in beyond.text and "Inget initiativ matchar." in beyond.text


def test_a_kept_list_page_is_renewed_by_every_write_that_changes_it(synced_app, client):
    """The workers keep list pages under the initiative data stamp: a write through the ORM (a new
    initiative, a status, a draft, a link) or a bulk load renews it, so no list shows stale rows."""
    with synced_app.app_context():
        first = collab.make_initiative("vastmanland", title="Första insatsen")
        db.session.commit()
        first_id = first.id
    assert titles(client, "region=vastmanland&status=running") == {"Första insatsen"}
    with synced_app.app_context():
        collab.make_initiative("vastmanland", title="Andra insatsen")
        db.session.commit()
    assert titles(client, "region=vastmanland&status=running") == {"Första insatsen", "Andra insatsen"}
    with synced_app.app_context():
        db.session.get(Initiative, first_id).status = "finished"
        db.session.commit()
    assert titles(client, "region=vastmanland&status=running") == {"Andra insatsen"}
    with synced_app.app_context():
        db.session.get(Initiative, first_id).draft = True
        db.session.commit()
    assert titles(client, "region=vastmanland") == {"Andra insatsen"}
    with synced_app.app_context():
        db.session.get(Initiative, first_id).draft = False
        db.session.get(Initiative, first_id).partner_regions = [collab.region("gotland")]
        db.session.commit()
    assert titles(client, "region=gotland") == {"Första insatsen"}
    assert listed(client, "region=gotland") == 1
    assert synced_app.test_cli_runner().invoke(args=["demo", "initiatives", "--count", "300"]).exit_code == 0
    assert listed(client, "region=gotland") > 1


def listed(client, query):
    """How many initiatives the list says match."""
    return int(re.search(r"<p>(\d+) initiativ</p>", client.get(f"/initiatives/?{query}").text).group(1))


def count(model):
    return db.session.scalar(select(func.count()).select_from(model))


def test_demo_initiatives_adds_linked_initiatives_in_bulk(synced_app):
    runner = synced_app.test_cli_runner()
    assert runner.invoke(args=["demo", "load"]).exit_code == 0
    with synced_app.app_context():
        audit_events, demo_initiatives, demo_actors = count(AuditEvent), count(Initiative), count(Actor)
    result = runner.invoke(args=["demo", "initiatives", "--count", "400"])
    assert result.exit_code == 0, result.output
    rich = int(re.search(r"the most links: (\d+)", result.output).group(1))
    with synced_app.app_context():
        assert count(Initiative) - demo_initiatives == 400
        assert 1900 <= count(Actor) - demo_actors <= 2000  # the synthetic actors, besides the demo's
        assert len(set(db.session.scalars(select(Initiative.lead_region_id)))) >= 15
        assert 0 < db.session.scalar(select(func.count()).where(Initiative.draft.is_(True))) < 40
        assert 0 < db.session.scalar(select(func.count()).where(Initiative.is_practice.is_(True))) < 60
        assert db.session.scalar(select(func.count(func.distinct(ProgressEntry.initiative_id)))) < 100
        # plan nodes only from the plans of the initiative's regions
        wrong = select(func.count()).select_from(initiative_plan_nodes).join(Initiative).join(
            PlanNode, PlanNode.id == initiative_plan_nodes.c.node_id).join(Plan).where(
            Plan.region_id != Initiative.lead_region_id,
            ~Plan.region_id.in_(select(initiative_regions.c.region_id).where(
                initiative_regions.c.initiative_id == Initiative.id)))
        assert db.session.scalar(wrong) == 0
        initiative = db.session.get(Initiative, rich)
        assert initiative.lead_region.slug == "vastmanland" and not initiative.draft
        assert len(initiative.nodes) >= 6 and len(initiative.partners) >= 5 and initiative.partner_regions
        assert len(initiative.progress_entries) == 8 and len(initiative.target_groups) == 5
        assert count(AuditEvent) == audit_events  # written in bulk, not through the ORM's hooks
    page = synced_app.test_client().get(f"/initiatives/{rich}")
    assert page.status_code == 200 and initiative.title in page.text
    # a second batch adds initiatives, not actors; new ids follow on (the sequence moved past them)
    again = runner.invoke(args=["demo", "initiatives", "--count", "10"])
    assert again.exit_code == 0, again.output
    with synced_app.app_context():
        assert count(Initiative) - demo_initiatives == 410 and 1900 <= count(Actor) - demo_actors <= 2000
        collab.make_initiative("vastmanland", title="Efter massinläsningen")
        db.session.commit()


@pytest.mark.parametrize("args", [["--count", "0"], []])
def test_demo_initiatives_needs_a_positive_count(synced_app, args):
    result = synced_app.test_cli_runner().invoke(args=["demo", "initiatives", *args])
    assert result.exit_code == 2
