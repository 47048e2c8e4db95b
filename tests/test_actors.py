"""Actors: the filtered list (plain and through htmx), an actor's page, creating and editing with
the duplicate checks, and the people of an actor."""
import re
from datetime import timedelta

import pytest
from conftest import ACCOUNTS, csrf_token, login
from sqlalchemy import event, func, select

from collab import form_errors, make_actor, make_forum, make_meeting, make_membership, make_network, person, refusals
from samverkan.accounts.models import utcnow
from samverkan.actors.models import Actor, Membership
from samverkan.extensions import db
from samverkan.networks.models import NetworkMember

HTMX = {"HX-Request": "true", "HX-Target": "actor-results"}


def build(app, function):
    with app.app_context():
        value = function()
        db.session.commit()
        return value


def signed_in(client, key="region-admin"):
    assert login(client, ACCOUNTS[key][0]).status_code == 302
    return client


def actor_named(app, name):
    with app.app_context():
        return db.session.scalar(select(Actor).filter_by(name=name))


def actor_count(app):
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Actor))


@pytest.fixture
def listed(synced_app):
    """Three actors in two regions, of different kinds and municipalities."""
    def create():
        make_actor("vastmanland", "Mälardalens universitet", kind="university", municipality="Västerås")
        make_actor("vastmanland", "Köpings kommun", kind="municipality", municipality="Köping")
        make_actor("vasternorrland", "Sundsvalls Verkstäder AB", kind="employer")
    build(synced_app, create)
    return synced_app


def names_in(text):
    return set(re.findall(r'<th scope="row"><a href="/actors/\d+">([^<]+)</a>', text))


ALL = {"Mälardalens universitet", "Köpings kommun", "Sundsvalls Verkstäder AB"}


@pytest.mark.parametrize("query, expected", [
    ("", ALL),
    ("kind=university", {"Mälardalens universitet"}),
    ("region=vasternorrland", {"Sundsvalls Verkstäder AB"}),
    ("municipality=K%C3%B6ping", {"Köpings kommun"}),
    ("q=KOMMUN", {"Köpings kommun"}),
    ("q=verkst%C3%A4der+ab.", {"Sundsvalls Verkstäder AB"}),
    ("q=universitet&region=vasternorrland", set()),
    ("q=%25", ALL),  # punctuation is ignored, as in the names
    ("q=zz_%25", set()),
])
def test_the_list_filters_by_plain_query_parameters_and_through_htmx(listed, query, expected):
    client = listed.test_client()
    page = client.get(f"/actors/?{query}")
    assert page.status_code == 200
    assert names_in(page.text) == expected
    assert "<h1>" in page.text and 'hx-get="/actors/"' in page.text
    partial = client.get(f"/actors/?{query}", headers=HTMX)
    assert partial.status_code == 200
    assert names_in(partial.text) == expected
    assert "<h1>" not in partial.text and "<html" not in partial.text
    assert partial.text.lstrip().startswith("<section id=\"actor-results\"")


def test_the_kind_filter_offers_core_and_plugin_kinds(listed):
    text = listed.test_client().get("/actors/").text
    kinds = re.search(r'<select id="kind".*?</select>', text, re.S).group(0)
    assert 'value="civil-society"' in kinds  # a core kind
    assert 'value="political-body"' in kinds  # a plugin's kind, by its name
    assert kinds.count('value="employer"') == 1  # a key both name appears once
    municipalities = re.search(r'<select id="municipality".*?</select>', text, re.S).group(0)
    assert 'value="Sundsvall"' in municipalities and 'value="Västerås"' in municipalities


@pytest.mark.parametrize("query", ["kind=spaceship", "region=atlantis", "municipality=Gotham", "q=" + "x" * 300])
def test_unknown_filter_values_are_a_400_with_a_reason(listed, query):
    client = listed.test_client()
    for headers in ({}, HTMX):
        response = client.get(f"/actors/?{query}", headers=headers)
        assert response.status_code == 400
        assert '<p class="error">' in response.text
        assert names_in(response.text) == set()


def test_the_list_pages_and_reads_the_same_number_of_statements_for_any_number_of_actors(synced_app):
    client = synced_app.test_client()
    client.get("/actors/")  # warm

    def statements():
        counted = []
        with synced_app.app_context():
            listener = lambda *args: counted.append(1)  # noqa: E731
            event.listen(db.engine, "before_cursor_execute", listener)
            try:
                assert client.get("/actors/").status_code == 200
            finally:
                event.remove(db.engine, "before_cursor_execute", listener)
        return len(counted)

    build(synced_app, lambda: [make_actor("vastmanland", f"Aktör {i}") for i in range(3)])
    few = statements()
    build(synced_app, lambda: [make_actor("vasternorrland", f"Fler {i}") for i in range(60)])
    many = statements()
    assert few == many
    second = client.get("/actors/?page=2")
    assert len(names_in(second.text)) == 13
    assert client.get("/actors/?page=abc").status_code == 200


def test_an_actor_page_shows_its_details_people_networks_forums_and_meetings(synced_app, accounts):
    def create():
        actor = make_actor("vastmanland", "Västerås Stad", kind="municipality", municipality="Västerås",
                           org_number="212000-2080", website="https://www.vasteras.se",
                           description="Kommunen.")
        make_membership(actor, accounts["member"], role="contact")
        make_membership(actor, accounts["project-lead"], role="project-lead")
        network = make_network("vastmanland", name="Vårdnätverket")
        db.session.add(NetworkMember(network=network, actor=actor))
        forum = make_forum(network, name="Vårdforum")
        make_meeting(forum, title="Höstmötet", starts_at=utcnow().replace(microsecond=0) + timedelta(days=3))
        make_meeting(forum, title="Förra mötet", starts_at=utcnow().replace(microsecond=0) - timedelta(days=3))
        return actor.id, network.id
    actor_id, network_id = build(synced_app, create)
    client = synced_app.test_client()
    page = client.get(f"/actors/{actor_id}")
    assert page.status_code == 200
    text = page.text
    assert "<h1>Västerås Stad</h1>" in text
    assert "212000-2080" in text and 'href="https://www.vasteras.se" rel="noopener"' in text
    assert "member" in text and "Kontaktperson" in text and "Projektledare" in text
    assert accounts["member"] not in text  # e-mail addresses are for signed-in users only
    assert f'href="/networks/{network_id}"' in text and "Vårdforum" in text
    assert "Höstmötet" in text and "Förra mötet" not in text
    assert "Redigera" not in text and "/edit" not in text
    client = signed_in(synced_app.test_client(), "member")
    text = client.get(f"/actors/{actor_id}").text
    assert accounts["member"] in text
    assert f"/actors/{actor_id}/edit" not in text  # a member manages nothing
    client = signed_in(synced_app.test_client(), "region-admin")
    text = client.get(f"/actors/{actor_id}").text
    assert f"/actors/{actor_id}/edit" in text and f"/actors/{actor_id}/members" in text
    assert client.get("/actors/999999").status_code == 404


def new_actor(client, slug="vastmanland", **values):
    data = {"name": "AB Volvo", "kind": "employer", "municipality": "", "org_number": "", "website": "",
            "description": "", "csrf_token": csrf_token(client), **values}
    return client.post(f"/regions/{slug}/actors/new", data=data)


def test_a_region_admin_creates_an_actor_in_their_region_and_others(synced_app, accounts):
    client = signed_in(synced_app.test_client())
    assert client.get("/regions/vastmanland/actors/new").status_code == 200
    response = new_actor(client, name="  AB Volvo ", municipality="Köping", org_number="5560360793",
                         website="https://www.volvo.se", description="Fordon.", regions=["vasternorrland"])
    assert response.status_code == 302, re.findall(r'id="([a-z_]+)-error"', response.text)
    actor = actor_named(synced_app, "AB Volvo")
    assert response.headers["Location"] == f"/actors/{actor.id}"
    with synced_app.app_context():
        actor = db.session.get(Actor, actor.id)
        assert actor.comparable_name == "ab volvo"
        assert actor.org_number == "556036-0793"
        assert sorted(region.slug for region in actor.regions) == ["vasternorrland", "vastmanland"]
    assert "AB Volvo" in client.get(response.headers["Location"]).text


@pytest.mark.parametrize("values, field", [
    ({"org_number": "556036-0794"}, "org_number"),
    ({"website": "javascript:alert(1)"}, "website"),
    ({"website": "ftp://example.se"}, "website"),
    ({"kind": "spaceship"}, "kind"),
    ({"municipality": "Sundsvall"}, "municipality"),  # not a municipality of the region
    ({"name": ""}, "name"),
])
def test_bad_input_is_a_form_error(synced_app, accounts, values, field):
    client = signed_in(synced_app.test_client())
    response = new_actor(client, **values)
    assert response.status_code == 400
    assert f'id="{field}-error"' in response.text
    assert actor_count(synced_app) == 0


def test_a_duplicate_name_in_the_region_is_refused_with_a_link_to_the_actor(synced_app, accounts):
    existing = build(synced_app, lambda: make_actor("vastmanland", "AB Volvo").id)
    client = signed_in(synced_app.test_client())
    response = new_actor(client, name="ab  volvo.")
    assert response.status_code == 400
    assert 'id="name-error"' in response.text
    assert f'<a href="/actors/{existing}">AB Volvo</a>' in response.text
    assert actor_count(synced_app) == 1
    # in a region the existing actor is not in, the same name is another organisation
    build(synced_app, lambda: make_actor("vasternorrland", "Lokala Bygg AB"))
    assert new_actor(client, name="Lokala Bygg AB").status_code == 302


def test_a_duplicate_org_number_is_refused_anywhere_with_an_escaped_link(synced_app, accounts):
    existing = build(synced_app, lambda: make_actor("vasternorrland", "<b>Volvo</b>", org_number="556036-0793").id)
    client = signed_in(synced_app.test_client())
    response = new_actor(client, name="Volvo Personvagnar", org_number="556036 0793")
    assert response.status_code == 400
    assert 'id="org_number-error"' in response.text
    assert f'<a href="/actors/{existing}">&lt;b&gt;Volvo&lt;/b&gt;</a>' in response.text
    assert "<b>Volvo</b>" not in response.text
    assert actor_count(synced_app) == 1


def test_an_org_number_registered_meanwhile_is_refused_by_the_database_with_the_same_message(
        synced_app, accounts, monkeypatch):
    """Two people registering the same organisation number at once both pass the form's check;
    the unique constraint refuses the second, who sees the first's actor, not an error page."""
    from samverkan.actors import services

    existing = build(synced_app, lambda: make_actor("vasternorrland", "Volvo Cars", org_number="556036-0793").id)
    check = services.find_duplicate
    calls = []
    # the first check runs before the other person's actor is there: it finds nothing
    monkeypatch.setattr(services, "find_duplicate", lambda *a, **k: calls.append(1) or (check(*a, **k) if len(calls) > 1 else None))
    client = signed_in(synced_app.test_client())
    response = new_actor(client, name="Volvo Personvagnar", org_number="5560360793")
    assert response.status_code == 400 and len(calls) == 2
    assert 'id="org_number-error"' in response.text
    assert f'<a href="/actors/{existing}">Volvo Cars</a>' in response.text
    assert actor_count(synced_app) == 1


def test_edit_saves_and_checks_duplicates_but_not_against_itself(synced_app, accounts):
    def create():
        make_actor("vastmanland", "Sala kommun", kind="municipality")
        return make_actor("vastmanland", "Sala Sparbank", org_number="556012-5790").id
    actor_id = build(synced_app, create)
    client = signed_in(synced_app.test_client())
    page = client.get(f"/actors/{actor_id}/edit")
    assert page.status_code == 200 and 'value="Sala Sparbank"' in page.text
    data = {"name": "Sala Sparbank", "kind": "employer", "municipality": "Sala", "org_number": "5560125790",
            "website": "", "description": "Banken.", "regions": ["vastmanland"], "csrf_token": csrf_token(client)}
    assert client.post(f"/actors/{actor_id}/edit", data=data).status_code == 302
    with synced_app.app_context():
        actor = db.session.get(Actor, actor_id)
        assert (actor.municipality, actor.description, actor.org_number) == ("Sala", "Banken.", "556012-5790")
    response = client.post(f"/actors/{actor_id}/edit", data={**data, "name": "SALA KOMMUN"})
    assert response.status_code == 400 and 'id="name-error"' in response.text
    # a region admin keeps a region they manage, or they would lose the actor
    response = client.post(f"/actors/{actor_id}/edit", data={**data, "regions": ["vasternorrland"]})
    assert response.status_code == 400 and 'id="regions-error"' in response.text
    response = client.post(f"/actors/{actor_id}/edit", data={**data, "regions": []})
    assert response.status_code == 400 and form_errors(response) == {"regions": "Välj minst en region."}
    assert actor_named(synced_app, "Sala Sparbank") is not None


def test_a_name_with_markup_is_shown_escaped(synced_app, accounts):
    actor_id = build(synced_app, lambda: make_actor("vastmanland", "<script>alert(1)</script>").id)
    client = synced_app.test_client()
    for url in (f"/actors/{actor_id}", "/actors/", "/actors/?q=script"):
        text = client.get(url).text
        assert "<script>alert(1)</script>" not in text
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text


def memberships_of(app, actor_id):
    with app.app_context():
        return sorted((m.person.email, m.role) for m in db.session.scalars(select(Membership).filter_by(actor_id=actor_id)))


def test_members_are_added_and_removed(synced_app, accounts):
    actor_id = build(synced_app, lambda: make_actor("vastmanland", "Arboga Mekaniska").id)
    client = signed_in(synced_app.test_client())
    add = lambda email, role="contact": client.post(  # noqa: E731
        f"/actors/{actor_id}/members", data={"email": email, "role": role, "csrf_token": csrf_token(client)})
    assert add(accounts["member"].upper()).status_code == 302
    assert memberships_of(synced_app, actor_id) == [(accounts["member"], "contact")]
    duplicate = add(accounts["member"])
    assert duplicate.status_code == 400 and 'id="role-error"' in duplicate.text
    unknown = add("okand@exempel.se")
    assert unknown.status_code == 400 and "okand@exempel.se" in unknown.text and 'id="email-error"' in unknown.text
    assert add(accounts["member"], role="representative").status_code == 302
    boss = add(accounts["member"], role="boss")
    assert boss.status_code == 400 and form_errors(boss) == {"role": "Inte ett giltigt val"}
    assert len(memberships_of(synced_app, actor_id)) == 2

    with synced_app.app_context():
        membership_id = db.session.scalar(select(Membership.id).filter_by(actor_id=actor_id, role="contact"))
    confirm = client.get(f"/memberships/{membership_id}/delete")
    assert confirm.status_code == 200 and "Arboga Mekaniska" in confirm.text
    assert len(memberships_of(synced_app, actor_id)) == 2
    response = client.post(f"/memberships/{membership_id}/delete", data={"csrf_token": csrf_token(client)})
    assert response.headers["Location"] == f"/actors/{actor_id}"
    assert memberships_of(synced_app, actor_id) == [(accounts["member"], "representative")]
    assert client.get(f"/memberships/{membership_id}/delete").status_code == 404
    assert refusals(synced_app)[-1] == f"no membership {membership_id}"  # deleted: not found, not refused


def test_a_person_can_belong_to_several_actors(synced_app, accounts):
    def create():
        first = make_actor("vastmanland", "Första AB")
        second = make_actor("vasternorrland", "Andra AB")
        make_membership(first, accounts["project-lead"], role="project-lead")
        make_membership(second, accounts["project-lead"], role="contact")
        return first.id, second.id
    first, second = build(synced_app, create)
    client = synced_app.test_client()
    for actor_id in (first, second):
        assert "lead" in client.get(f"/actors/{actor_id}").text
    with synced_app.app_context():
        lead = person(accounts["project-lead"])
        assert db.session.scalar(select(func.count()).select_from(Membership).filter_by(person_id=lead.id)) == 2


def test_changes_to_actors_read_well_in_the_audit_log(synced_app, accounts):
    client = signed_in(synced_app.test_client())
    new_actor(client, name="Loggad Aktör AB")
    actor = actor_named(synced_app, "Loggad Aktör AB")
    client.post(f"/actors/{actor.id}/members", data={"email": accounts["member"], "role": "contact",
                                                     "csrf_token": csrf_token(client)})
    text = client.get("/regions/vastmanland/audit").text
    assert f'<a href="/actors/{actor.id}">Loggad Aktör AB</a>' in text
    assert "kontaktperson för Loggad Aktör AB" in text
