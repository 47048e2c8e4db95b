"""The initiatives other pages list: a plan node's (directly and through its children, with the
latest progress), a region's space (led and partnered, with counts per status), an actor's, a
network's and a theme's; drafts only to those who may see them. And meeting actions that name the
initiative they serve: the action form, the meeting page, the tables of open actions and the
initiative's own page."""
import re
from datetime import date

import collab
import pytest
from conftest import ACCOUNTS, csrf_token, login
from sqlalchemy import select
from test_practices import statements

from samverkan.extensions import db
from samverkan.initiatives.models import Initiative, ProgressEntry
from samverkan.meetings.models import Action
from samverkan.plans.models import Plan, PlanNode
from samverkan.regions.models import Region
from samverkan.themes.models import Theme


def signed_in(app, key):
    client = app.test_client()
    assert login(client, ACCOUNTS[key][0]).status_code == 302
    return client


def node(slug, code):
    return db.session.scalars(select(PlanNode).join(Plan).join(Region).where(
        Region.slug == slug, PlanNode.code == code, Plan.retired.is_(False))).one()


def titles_in(html):
    """The initiative titles the page's initiative tables link to."""
    return set(re.findall(r'<a href="/initiatives/\d+">([^<]+)</a>', html))


def make(slug, title, **values):
    return collab.make_initiative(slug, title=title, **values)


# -- a plan node's page -------------------------------------------------------------------------

@pytest.fixture
def on_m8(synced_app, accounts):
    """Initiatives on Västmanland's M8 directly, on its child M8.1, on another node, and a draft."""
    with synced_app.app_context():
        direct = make("vastmanland", "Direkt på M8", nodes=[node("vastmanland", "M8")])
        make("vastmanland", "Via barnet M8.1", nodes=[node("vastmanland", "M8.1")])
        make("vastmanland", "Annat mål", nodes=[node("vastmanland", "M1")])
        make("vastmanland", "Utkast på M8", nodes=[node("vastmanland", "M8")], draft=True)
        db.session.add(ProgressEntry(initiative=direct, reported_on=date(2025, 3, 1), happened="Första rapporten"))
        db.session.add(ProgressEntry(initiative=direct, reported_on=date(2025, 9, 1), happened="Tio validerade"))
        db.session.commit()


def test_a_plan_node_lists_its_work_under_way_directly_and_through_its_children(synced_app, on_m8):
    with synced_app.app_context():
        make("vastmanland", "Avslutat på M8", nodes=[node("vastmanland", "M8")], status="finished")
        make("vastmanland", "Idé på M8.1", nodes=[node("vastmanland", "M8.1")], status="idea")
        db.session.commit()
    client = synced_app.test_client()
    page = client.get("/regions/vastmanland/plan/M8")
    assert page.status_code == 200
    assert titles_in(page.text) == {"Direkt på M8", "Via barnet M8.1"}  # running: under way
    assert "Tio validerade" in page.text and "Första rapporten" not in page.text  # the latest progress
    child = client.get("/regions/vastmanland/plan/M8.1")
    assert titles_in(child.text) == {"Via barnet M8.1"}
    assert titles_in(client.get("/regions/vastmanland/plan/M2").text) == set()


def test_a_plan_node_lists_published_work_and_links_to_every_initiative(synced_app, on_m8):
    """Work under way is the same for every visitor (coverage counts published initiatives);
    a draft is on the list behind the node's link, for those who may see it."""
    with synced_app.app_context():
        m8_id = node("vastmanland", "M8").id
    analyst = signed_in(synced_app, "national-analyst")
    assert "Utkast på M8" not in titles_in(analyst.get("/regions/vastmanland/plan/M8").text)
    assert f'href="/initiatives/?node={m8_id}"' in analyst.get("/regions/vastmanland/plan/M8").text
    assert "Utkast på M8" in titles_in(analyst.get(f"/initiatives/?node={m8_id}").text)
    member = signed_in(synced_app, "member")
    assert "Utkast på M8" not in titles_in(member.get(f"/initiatives/?node={m8_id}").text)


def test_a_plan_node_with_many_initiatives_shows_twenty_and_links_to_all(synced_app, accounts):
    with synced_app.app_context():
        m8 = node("vastmanland", "M8")
        for i in range(23):
            make("vastmanland", f"Initiativ {i:02d}", nodes=[m8])
        db.session.commit()
        m8_id = m8.id
    page = synced_app.test_client().get("/regions/vastmanland/plan/M8").text
    assert len(titles_in(page)) == 20
    assert "23 initiativ är i gång" in page
    assert f'<a href="/initiatives/?node={m8_id}">' in page


# -- a region's space ---------------------------------------------------------------------------

@pytest.fixture
def in_regions(synced_app, accounts):
    with synced_app.app_context():
        vasternorrland = collab.region("vasternorrland")
        make("vastmanland", "Leds av Västmanland", status="running")
        make("vasternorrland", "Västmanland är partner", status="planned", partner_regions=[collab.region("vastmanland")])
        make("vasternorrland", "Bara Västernorrland", status="running")
        make("vastmanland", "Västmanlands utkast", status="idea", draft=True, partner_regions=[vasternorrland])
        db.session.commit()


def test_a_region_lists_the_initiatives_it_leads_or_partners_in_with_counts(synced_app, in_regions):
    page = synced_app.test_client().get("/regions/vastmanland/")
    assert page.status_code == 200
    assert titles_in(page.text) == {"Leds av Västmanland", "Västmanland är partner"}
    assert 'href="/initiatives/?region=vastmanland"' in page.text
    counts = dict(re.findall(r'href="/initiatives/\?region=vastmanland&amp;status=(\w+)">[^:<]+: (\d+)<', page.text))
    assert counts == {"planned": "1", "running": "1"}
    other = synced_app.test_client().get("/regions/vasternorrland/").text
    assert titles_in(other) == {"Västmanland är partner", "Bara Västernorrland"}


def test_a_region_shows_its_drafts_to_analysts_not_to_visitors(synced_app, in_regions):
    analyst = signed_in(synced_app, "national-analyst").get("/regions/vastmanland/").text
    assert "Västmanlands utkast" in titles_in(analyst)
    assert re.search(r'status=idea">[^:<]+: 1<', analyst)
    # the partner region's admin may edit it and sees it; its project lead (not of the owner) does not
    other_admin = signed_in(synced_app, "other-region-admin").get("/regions/vasternorrland/").text
    assert "Västmanlands utkast" in titles_in(other_admin)
    other_lead = signed_in(synced_app, "other-project-lead").get("/regions/vasternorrland/").text
    assert "Västmanlands utkast" not in titles_in(other_lead)
    assert "Västmanlands utkast" not in titles_in(synced_app.test_client().get("/regions/vastmanland/").text)


@pytest.mark.parametrize("key, offered", [("project-lead", True), ("region-admin", True), ("member", False),
                                          ("other-project-lead", False), (None, False)])
def test_the_region_offers_a_new_initiative_to_those_who_may_lead_one_there(synced_app, accounts, key, offered):
    client = signed_in(synced_app, key) if key else synced_app.test_client()
    page = client.get("/regions/vastmanland/").text
    assert ('href="/initiatives/new?region=vastmanland"' in page) is offered


# -- actor, network and theme pages -------------------------------------------------------------

def test_an_actor_lists_the_initiatives_it_owns_or_partners_in(synced_app, accounts):
    with synced_app.app_context():
        actor = collab.make_actor("vastmanland", name="Västerås stad")
        make("vastmanland", "Stadens eget", owner=actor)
        make("vastmanland", "Staden är partner", partners=[actor])
        make("vastmanland", "Inte stadens")
        make("vastmanland", "Stadens utkast", owner=actor, draft=True)
        db.session.commit()
        actor_id = actor.id
    page = synced_app.test_client().get(f"/actors/{actor_id}")
    assert titles_in(page.text) == {"Stadens eget", "Staden är partner"}
    assert "Stadens utkast" in titles_in(signed_in(synced_app, "national-analyst").get(f"/actors/{actor_id}").text)


def test_a_network_lists_the_initiatives_linked_to_it(synced_app, accounts):
    with synced_app.app_context():
        network = collab.make_network("vastmanland", name="Valideringsnätverket")
        make("vastmanland", "I nätverket", networks=[network])
        make("vastmanland", "Utanför nätverket")
        db.session.commit()
        network_id = network.id
    page = synced_app.test_client().get(f"/networks/{network_id}")
    assert titles_in(page.text) == {"I nätverket"}
    assert f'href="/initiatives/?network={network_id}"' in page.text


def test_a_theme_lists_initiatives_with_it_directly_or_through_nodes_with_a_count_per_region(synced_app, accounts):
    with synced_app.app_context():
        theme = db.session.scalar(select(Theme).filter_by(slug="validation"))
        validation_node = db.session.scalars(select(PlanNode).join(Plan).join(Region).join(PlanNode.themes).where(
            Region.slug == "vasternorrland", Theme.slug == "validation", Plan.retired.is_(False))).first()
        other_theme = db.session.scalars(select(Theme).where(Theme.slug != "validation")).first()
        make("vastmanland", "Direkt tema", themes=[theme], partner_regions=[collab.region("vasternorrland")])
        make("vasternorrland", "Tema via nod", nodes=[validation_node])
        make("vastmanland", "Annat tema", themes=[other_theme])
        make("vastmanland", "Utkast med tema", themes=[theme], draft=True)
        db.session.commit()
    page = synced_app.test_client().get("/themes/validation")
    assert page.status_code == 200
    assert titles_in(page.text) == {"Direkt tema", "Tema via nod"}
    per_region = dict(re.findall(r'href="/initiatives/\?theme=validation&amp;region=(\w+)">(\d+) ', page.text))
    assert per_region == {"vastmanland": "1", "vasternorrland": "2"}
    analyst = signed_in(synced_app, "national-analyst").get("/themes/validation").text
    assert "Utkast med tema" in titles_in(analyst)
    assert dict(re.findall(r'region=(\w+)">(\d+) ', analyst)) == {"vastmanland": "2", "vasternorrland": "2"}


def themes_shown(html, title):
    """The themes the list row (or practice entry) of the initiative titled ``title`` names, as
    the row writes them: ``"A, B"``."""
    row = re.search(r'>' + re.escape(title) + r'(?:</span>)?</a>.*?(?:</tr>|</article>)', html, re.S).group(0)
    if row.endswith("</tr>"):
        return re.findall(r'<td>([^<]*)</td>\s*</tr>', row)[0]
    return ", ".join(re.findall(r'class="tag" href="/themes/[\w-]+">([^<]+)<', row))


def test_lists_show_the_themes_an_initiative_has_directly_and_through_its_plan_nodes(synced_app, accounts):
    """The themes of a row are those the theme filter and the theme's page go by: the ones set on
    the initiative and those its plan nodes carry, each once, in the vocabulary's order."""
    with synced_app.app_context():
        theme = db.session.scalar(select(Theme).filter_by(slug="validation"))
        validation_node = db.session.scalars(select(PlanNode).join(Plan).join(Region).join(PlanNode.themes).where(
            Region.slug == "vasternorrland", Theme.slug == "validation", Plan.retired.is_(False))).first()
        direct = db.session.scalars(select(Theme).where(Theme.id.not_in([t.id for t in validation_node.themes]))
                                    .order_by(Theme.position)).first()
        expected = sorted({*validation_node.themes, direct, theme}, key=lambda t: t.position)
        swedish, english = ", ".join(t.name for t in expected), ", ".join(t.name_en for t in expected)
        make("vasternorrland", "Tema via nod", nodes=[validation_node], themes=[direct, theme], is_practice=True)
        make("vasternorrland", "Bara nod", nodes=[validation_node])
        db.session.commit()
        node_only = ", ".join(t.name for t in validation_node.themes)
    client = synced_app.test_client()
    for url in ("/themes/validation", "/initiatives/", "/regions/vasternorrland/", "/initiatives/?theme=validation"):
        page = client.get(url).text
        assert themes_shown(page, "Tema via nod") == swedish, url
        assert themes_shown(page, "Bara nod") == node_only, url
    assert themes_shown(client.get("/practices/").text, "Tema via nod") == swedish
    client.post("/language", data={"lang": "en", "csrf_token": csrf_token(client, "/")})
    assert themes_shown(client.get("/themes/validation").text, "Tema via nod") == english


# -- meeting actions that serve an initiative ---------------------------------------------------

@pytest.fixture
def meeting(synced_app, accounts):
    """A meeting of a Västmanland forum, an initiative there, one in Västernorrland, and a draft."""
    with synced_app.app_context():
        network = collab.make_network("vastmanland", name="Kompetensrådet")
        meeting = collab.make_meeting(collab.make_forum(network), title="Rådsmöte")
        ids = dict(
            meeting=meeting.id, network=network.id,
            ours=make("vastmanland", "Vårt initiativ").id,
            theirs=make("vasternorrland", "Deras initiativ").id,
            draft=make("vastmanland", "Vårt utkast", draft=True).id,
        )
        db.session.commit()
    return ids


def action_data(client, **values):
    return {"what": "Boka lokal", "owner_email": ACCOUNTS["member"][0], "due_on": "2030-06-01",
            "owner_actor": "None", "node": "None", "decision": "None", "csrf_token": csrf_token(client), **values}


def test_an_action_can_name_the_initiative_it_serves(synced_app, meeting):
    admin = signed_in(synced_app, "region-admin")
    form = admin.get(f"/meetings/{meeting['meeting']}").text
    offered = dict((title, int(value)) for value, title in re.findall(r'<option value="(\d+)">([^<]+)</option>', form))
    assert offered.get("Vårt initiativ") == meeting["ours"] and offered.get("Vårt utkast") == meeting["draft"]
    assert "Deras initiativ" not in offered
    answer = admin.post(f"/meetings/{meeting['meeting']}/actions", data=action_data(admin, initiative=meeting["ours"]))
    assert answer.status_code == 302
    with synced_app.app_context():
        action = db.session.scalars(select(Action).filter_by(meeting_id=meeting["meeting"])).one()
        assert action.initiative_id == meeting["ours"]
    link = f'<a href="/initiatives/{meeting["ours"]}">Vårt initiativ</a>'
    visitor = synced_app.test_client()
    assert link in visitor.get(f"/meetings/{meeting['meeting']}").text
    assert link in visitor.get(f"/networks/{meeting['network']}").text  # the open actions table
    initiative_page = visitor.get(f"/initiatives/{meeting['ours']}").text
    assert "Boka lokal" in initiative_page and "Rådsmöte" in initiative_page
    assert "Boka lokal" not in visitor.get(f"/initiatives/{meeting['theirs']}").text


def test_an_action_without_an_initiative_is_still_valid(synced_app, meeting):
    admin = signed_in(synced_app, "region-admin")
    assert admin.post(f"/meetings/{meeting['meeting']}/actions", data=action_data(admin)).status_code == 302
    with synced_app.app_context():
        assert db.session.scalars(select(Action.initiative_id).filter_by(meeting_id=meeting["meeting"])).one() is None


@pytest.mark.parametrize("value", ["theirs", "missing", "text"])
def test_an_initiative_outside_the_forums_regions_is_refused_with_a_form_error(synced_app, meeting, value):
    admin = signed_in(synced_app, "region-admin")
    chosen = {"theirs": meeting["theirs"], "missing": 999999, "text": "abc"}[value]
    answer = admin.post(f"/meetings/{meeting['meeting']}/actions", data=action_data(admin, initiative=chosen))
    assert answer.status_code == 400
    error = re.search(r'<p class="error" id="initiative-error">([^<]+)</p>', answer.text)
    assert error and "initiativ" in error.group(1)  # the field's own message, in either language
    with synced_app.app_context():
        assert db.session.scalars(select(Action).filter_by(meeting_id=meeting["meeting"])).all() == []


def test_an_action_serving_a_draft_does_not_show_the_draft_to_visitors(synced_app, meeting):
    with synced_app.app_context():
        collab.make_action(db.session.get(collab.Meeting, meeting["meeting"]), what="Skriv ansökan",
                           owner_email=ACCOUNTS["member"][0], initiative_id=meeting["draft"])
        db.session.commit()
    visitor = synced_app.test_client()
    for url in (f"/meetings/{meeting['meeting']}", f"/networks/{meeting['network']}"):
        page = visitor.get(url).text
        assert "Skriv ansökan" in page and "Vårt utkast" not in page
    analyst = signed_in(synced_app, "national-analyst")
    assert "Vårt utkast" in analyst.get(f"/meetings/{meeting['meeting']}").text
    assert "Skriv ansökan" in analyst.get(f"/initiatives/{meeting['draft']}").text


def test_the_pages_of_actions_issue_as_many_statements_with_more_actions_and_initiatives(synced_app, meeting):
    """The meeting page, the network's open actions and the initiative's: no statement per action."""
    urls = [f"/meetings/{meeting['meeting']}", f"/networks/{meeting['network']}", f"/initiatives/{meeting['ours']}"]

    def add_actions(count):
        with synced_app.app_context():
            owner = collab.make_actor("vastmanland", name=f"Ägare {count}")
            for i in range(count):
                served = make("vastmanland", f"Initiativ {count}-{i}")
                for initiative_id in (meeting["ours"], served.id):
                    collab.make_action(db.session.get(collab.Meeting, meeting["meeting"]), what=f"Åtgärd {i}",
                                       owner_actor=owner, node_id=node("vastmanland", f"M{i + 1}").id,
                                       initiative_id=initiative_id)
            db.session.commit()

    add_actions(1)
    few = [statements(synced_app, url) for url in urls]
    add_actions(5)
    assert [statements(synced_app, url) for url in urls] == few
