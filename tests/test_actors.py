"""Actors: the filtered list (plain and through htmx), an actor's page, creating and editing with
the duplicate checks, and the people of an actor."""
import re
from datetime import timedelta

import pytest
from conftest import ACCOUNTS, csrf_token, login
from sqlalchemy import event, func, select

from collab import form_errors, make_actor, make_forum, make_meeting, make_membership, make_network, person, refusals
from samverkan.times import utcnow
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
    assert "<h1>" in page.text and 'data-hx-get="/actors/"' in page.text
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
    """In the regions the person manages: a platform admin in any."""
    client = signed_in(synced_app.test_client(), "platform-admin")
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


def test_a_region_admin_cannot_put_an_actor_into_another_regions_register(synced_app, accounts):
    """Only a region's own admins add an actor to it: the form offers no other region, and one
    posted all the same is refused, saying why, with nothing written."""
    client = signed_in(synced_app.test_client())
    form = client.get("/regions/vastmanland/actors/new").text
    assert 'value="vasternorrland"' not in form
    response = new_actor(client, name="AB Volvo", regions=["vasternorrland"])
    assert response.status_code == 400 and 'id="regions-error"' in response.text
    assert "Bara administratörerna för Västernorrland kan lägga till aktören i Västernorrland" in response.text
    assert actor_count(synced_app) == 0


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
    # moving the actor to a region the admin does not manage is refused, saying why
    response = client.post(f"/actors/{actor_id}/edit", data={**data, "regions": ["vasternorrland"]})
    assert response.status_code == 400 and 'id="regions-error"' in response.text
    assert "kan lägga till aktören i Västernorrland" in response.text
    # an actor stays in at least one region
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
    unknown = add("okand@exempel.se")  # no account: invited by e-mail (test_owners.py), not yet a member
    assert unknown.status_code == 302
    assert "En inbjudan är på väg till okand@exempel.se" in client.get(unknown.headers["Location"]).text
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


# -- an actor kept by two regions: each region holds its own part ------------------------------


def shared_actor(app, name="Valideringscentrum Mellansverige"):
    """An actor kept by Västmanland and Västernorrland, with a Västernorrland project lead as a
    member for Västernorrland: what lets them edit the initiatives of the actor there."""
    def create():
        actor = make_actor("vastmanland", name)
        actor.regions.append(collab_region("vasternorrland"))
        membership = make_membership(actor, ACCOUNTS["other-project-lead"][0], role="project-lead",
                                     slug="vasternorrland")
        return actor.id, membership.id
    return build(app, create)


def collab_region(slug):
    from collab import region

    return region(slug)


def regions_of(app, actor_id):
    with app.app_context():
        return sorted(region.slug for region in db.session.get(Actor, actor_id).regions)


def edit_data(client, **values):
    return {"name": "Valideringscentrum Mellansverige", "kind": "employer", "municipality": "", "org_number": "",
            "website": "", "description": "", "csrf_token": csrf_token(client), **values}


def refused(app, path):
    from samverkan.audit import AuditEvent

    with app.app_context():
        return [event.detail for event in db.session.scalars(
            select(AuditEvent).filter_by(action="refused", path=path).order_by(AuditEvent.id))]


def test_one_region_cannot_take_a_shared_actor_out_of_the_other(synced_app, accounts):
    """The probe's request: Västmanland's admin posts the edit form with only Västmanland ticked.
    Västernorrland is no box of theirs, so it is kept, and its admin still keeps the actor."""
    actor_id, _ = shared_actor(synced_app)
    vastmanland = signed_in(synced_app.test_client())
    form = vastmanland.get(f"/actors/{actor_id}/edit").text
    assert 'value="vastmanland"' in form and 'value="vasternorrland"' not in form
    assert "Hålls också av Västernorrland" in form
    response = vastmanland.post(f"/actors/{actor_id}/edit", data=edit_data(vastmanland, regions=["vastmanland"]))
    assert response.status_code == 302
    assert regions_of(synced_app, actor_id) == ["vasternorrland", "vastmanland"]
    assert signed_in(synced_app.test_client(), "other-region-admin").get(f"/actors/{actor_id}/edit").status_code == 200


def test_a_region_may_release_its_own_hold_on_a_shared_actor(synced_app, accounts):
    actor_id, _ = shared_actor(synced_app)
    vastmanland = signed_in(synced_app.test_client())
    response = vastmanland.post(f"/actors/{actor_id}/edit", data=edit_data(vastmanland, regions=[]))
    assert response.status_code == 302
    assert regions_of(synced_app, actor_id) == ["vasternorrland"]
    assert vastmanland.get(f"/actors/{actor_id}/edit").status_code == 403  # no longer Västmanland's


def test_taking_another_region_out_is_refused_by_the_service_saying_why_and_writing_nothing(synced_app, accounts):
    """Whatever a form sends: the actors service holds the rule."""
    from samverkan.actors import services

    actor_id, _ = shared_actor(synced_app)
    with synced_app.app_context():
        actor = db.session.get(Actor, actor_id)
        admin = person(ACCOUNTS["region-admin"][0])
        with pytest.raises(services.ActorRefused, match="Bara administratörerna för Västernorrland kan ta bort "
                                                        "aktören från Västernorrland"):
            services.update_actor(actor, by=admin, name="Nytt namn", kind="employer", municipality=None,
                                  org_number=None, website=None, description="",
                                  regions=[collab_region("vastmanland")])
        assert actor.name == "Valideringscentrum Mellansverige"  # nothing half-written
        # a platform admin may
        services.update_actor(actor, by=person(ACCOUNTS["platform-admin"][0]), name=actor.name, kind="employer",
                              municipality=None, org_number=None, website=None, description="",
                              regions=[collab_region("vastmanland")])
        assert [region.slug for region in actor.regions] == ["vastmanland"]


def test_a_region_takes_an_actor_into_its_register_itself(synced_app, accounts):
    """The way to share an actor: the other region's admin adds it from the actor's page. Another
    region's admin cannot do it for them."""
    actor_id = build(synced_app, lambda: make_actor("vastmanland", "Mälarenergi AB").id)
    path = f"/regions/vasternorrland/actors/{actor_id}/add"
    vastmanland = signed_in(synced_app.test_client())
    assert vastmanland.post(path, data={"csrf_token": csrf_token(vastmanland)}).status_code == 403
    assert refused(synced_app, path)[-1] == f"POST {path}: region.manage"
    assert regions_of(synced_app, actor_id) == ["vastmanland"]
    vasternorrland = signed_in(synced_app.test_client(), "other-region-admin")
    page = vasternorrland.get(f"/actors/{actor_id}").text
    assert f'action="{path}"' in page and "Lägg till aktören bland aktörerna i Västernorrland" in page
    response = vasternorrland.post(path, data={"csrf_token": csrf_token(vasternorrland)})
    assert response.status_code == 302 and response.headers["Location"] == f"/actors/{actor_id}"
    assert regions_of(synced_app, actor_id) == ["vasternorrland", "vastmanland"]
    assert f'action="{path}"' not in vasternorrland.get(f"/actors/{actor_id}").text


def test_a_region_cannot_take_in_an_actor_whose_name_it_has_already(synced_app, accounts):
    actor_id = build(synced_app, lambda: make_actor("vastmanland", "Bygg AB").id)
    build(synced_app, lambda: make_actor("vasternorrland", "BYGG AB."))
    client = signed_in(synced_app.test_client(), "other-region-admin")
    response = client.post(f"/regions/vasternorrland/actors/{actor_id}/add", data={"csrf_token": csrf_token(client)})
    assert response.status_code == 409
    assert "Västernorrland har redan en aktör med det här namnet: BYGG AB." in response.text
    assert regions_of(synced_app, actor_id) == ["vastmanland"]


def test_only_a_memberships_own_region_removes_it(synced_app, accounts):
    """The probe's second request: Västmanland's admin deleted the membership that lets a
    Västernorrland project lead edit the actor's initiatives there. A membership is its region's."""
    actor_id, membership_id = shared_actor(synced_app)
    path = f"/memberships/{membership_id}/delete"
    vastmanland = signed_in(synced_app.test_client())
    assert path not in vastmanland.get(f"/actors/{actor_id}").text
    assert vastmanland.get(path).status_code == 403
    assert vastmanland.post(path, data={"csrf_token": csrf_token(vastmanland)}).status_code == 403
    assert refused(synced_app, path)[-1] == f"POST {path}: region.manage"
    assert memberships_of(synced_app, actor_id) == [(ACCOUNTS["other-project-lead"][0], "project-lead")]
    vasternorrland = signed_in(synced_app.test_client(), "other-region-admin")
    assert path in vasternorrland.get(f"/actors/{actor_id}").text
    assert vasternorrland.post(path, data={"csrf_token": csrf_token(vasternorrland)}).status_code == 302
    assert memberships_of(synced_app, actor_id) == []


def test_each_region_adds_its_own_people_to_a_shared_actor(synced_app, accounts):
    """A region admin adds people for their region (no question asked when it is the only one);
    the same person in the same role may be added by each region, and each addition is its own."""
    actor_id, _ = shared_actor(synced_app)
    lead = ACCOUNTS["other-project-lead"][0]
    vastmanland = signed_in(synced_app.test_client())
    assert 'id="region"' not in vastmanland.get(f"/actors/{actor_id}").text
    response = vastmanland.post(f"/actors/{actor_id}/members",
                                data={"email": lead, "role": "project-lead", "csrf_token": csrf_token(vastmanland)})
    assert response.status_code == 302
    with synced_app.app_context():
        assert sorted((m.person.email, m.region.slug) for m in db.session.scalars(
            select(Membership).filter_by(actor_id=actor_id))) == [(lead, "vasternorrland"), (lead, "vastmanland")]
    page = vastmanland.get(f"/actors/{actor_id}").text
    assert "för Västmanland" in page and "för Västernorrland" in page
    # a platform admin chooses the region among the actor's, and must
    admin = signed_in(synced_app.test_client(), "platform-admin")
    assert 'id="region"' in admin.get(f"/actors/{actor_id}").text
    data = {"email": accounts["member"], "role": "contact", "csrf_token": csrf_token(admin)}
    missing = admin.post(f"/actors/{actor_id}/members", data=data)
    assert missing.status_code == 400 and "Välj den region som personen företräder aktören för." in missing.text
    assert admin.post(f"/actors/{actor_id}/members", data={**data, "region": "skane"}).status_code == 400
    assert admin.post(f"/actors/{actor_id}/members", data={**data, "region": "vasternorrland"}).status_code == 302
    with synced_app.app_context():
        added = db.session.scalar(select(Membership).filter_by(actor_id=actor_id, role="contact"))
        assert added.region.slug == "vasternorrland"


def test_adding_a_membership_for_a_region_one_does_not_manage_is_refused_by_the_service(synced_app, accounts):
    from samverkan.actors import services

    actor_id, _ = shared_actor(synced_app)
    with synced_app.app_context():
        actor = db.session.get(Actor, actor_id)
        with pytest.raises(services.ActorRefused, match="Bara administratörerna för Västernorrland kan lägga till "
                                                        "personer"):
            services.add_membership(actor, person(accounts["member"]), "contact", collab_region("vasternorrland"),
                                    by=person(ACCOUNTS["region-admin"][0]))
        with pytest.raises(services.ActorRefused, match="Aktören hålls inte av Skåne"):
            services.add_membership(actor, person(accounts["member"]), "contact", collab_region("skane"),
                                    by=person(ACCOUNTS["platform-admin"][0]))
