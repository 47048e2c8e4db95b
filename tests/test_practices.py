"""Practices across counties: the practice library and its plain filters, similar initiatives in
other regions on every initiative page, and regions adopting each other's practices (recorded,
refused twice, withdrawn, counted, linked both ways)."""
import re
from datetime import date

import collab
import pytest
from conftest import ACCOUNTS, csrf_token, login
from sqlalchemy import event, func, select

from samverkan.audit import AuditEvent
from samverkan.extensions import db
from samverkan.initiatives import practices, similarity
from samverkan.initiatives.models import Adoption, Initiative
from samverkan.plans.models import Plan, PlanNode
from samverkan.regions.models import Region
from samverkan.themes.models import Theme


def signed_in(app, key):
    client = app.test_client()
    assert login(client, ACCOUNTS[key][0]).status_code == 302
    return client


def node_about(slug, theme):
    return db.session.scalars(
        select(PlanNode).join(Plan).join(Region).join(PlanNode.themes)
        .where(Region.slug == slug, Theme.slug == theme, PlanNode.retired.is_(False), Plan.retired.is_(False))
    ).first()


def main_text(page):
    """The page's ``<main>`` (the navigation names the library on every page)."""
    return re.search(r"<main.*</main>", page.text, re.S).group(0)


# -- the library ----------------------------------------------------------------------------------

LESSONS = "Börja med arbetsgivarnas behov och låt handledarna träffas före starten. " * 8


@pytest.fixture
def library(synced_app, accounts):
    """A practice of Västmanland (partner Skåne) on validation through a plan node and on gender
    equality directly, owned by an education provider, for newly arrived, paid by ESF+; beside it
    an initiative that matches every filter but is no practice, and a draft practice."""
    with synced_app.app_context():
        owner = collab.make_actor("vastmanland", name="Vuxenutbildningen Västerås", kind="education-provider")
        node = node_about("vastmanland", "validation")
        common = dict(owner=owner, nodes=[node], themes=[collab.theme("gender-equality")],
                      partner_regions=[collab.region("skane")], target_groups=["newly-arrived"],
                      funding={"esf": 500000})
        practice = collab.make_practice("vastmanland", title="Validering i vården", lessons=LESSONS,
                                        contact_name="Eva Ek", contact_email="eva.ek@vasteras.se", **common)
        collab.make_initiative("vastmanland", title="Vanligt initiativ", **common)
        collab.make_practice("vastmanland", title="Hemligt utkast", draft=True, **common)
        collab.make_adoption(practice, "vasternorrland")
        db.session.commit()
        used = {theme.slug for theme in node.themes} | {"gender-equality"}
        unused = next(slug for slug in db.session.scalars(select(Theme.slug)) if slug not in used)
        return dict(id=practice.id, unused=unused)


def test_the_library_shows_practices_with_owner_regions_themes_lessons_contact_and_adoptions(client, library):
    page = client.get("/practices/")
    assert page.status_code == 200
    text = main_text(page)
    assert "Validering i vården" in text
    assert "Vanligt initiativ" not in text and "Hemligt utkast" not in text
    assert "Vuxenutbildningen Västerås" in text
    assert "Västmanland" in text and "Skåne" in text
    assert "Jämställdhet" in text and "Validering" in text  # set directly, and through the plan node
    assert "Börja med arbetsgivarnas behov" in text and LESSONS.strip() not in text  # the start only
    assert "Eva Ek" in text and "eva.ek@vasteras.se" not in text  # a person's address: to the signed-in only
    assert "1 annan region" in text
    signed = main_text(signed_in(client.application, "other-member").get("/practices/"))
    assert "mailto:eva.ek@vasteras.se" in signed


@pytest.mark.parametrize("query, found", [
    ("", True),
    ("theme=gender-equality", True), ("theme=validation", True), ("theme={unused}", False),
    ("region=vastmanland", True), ("region=skane", True), ("region=vasternorrland", False),
    ("actor_kind=education-provider", True), ("actor_kind=employer", False),
    ("target_group=newly-arrived", True), ("target_group=employers", False),
    ("funding=esf", True), ("funding=eruf", False),
    ("status=running", True), ("status=finished", False),
    ("theme=validation&region=skane&actor_kind=education-provider&funding=esf", True),
    ("theme=validation&funding=regional", False),
])
def test_the_library_filters_by_plain_query_parameters(client, library, query, found):
    page = client.get(f"/practices/?{query.format(unused=library['unused'])}")
    assert page.status_code == 200
    assert ("Validering i vården" in page.text) is found
    assert "Vanligt initiativ" not in page.text


@pytest.mark.parametrize("query, field", [
    ("actor_kind=spaceship", "aktör"), ("funding=lottery", "Finansiering"), ("theme=nothing", "Tema"),
    ("region=atlantis", "Region"), ("status=halfway", "Status"), ("target_group=cats", "Målgrupp"),
])
def test_an_unknown_filter_value_is_a_400_that_says_which(client, query, field):
    answer = client.get(f"/practices/?{query}")
    assert answer.status_code == 400
    assert "kunde inte användas" in answer.text and field in answer.text


def test_htmx_gets_the_results_alone(client, library):
    answer = client.get("/practices/?funding=esf", headers={"HX-Request": "true"})
    assert answer.status_code == 200
    assert answer.text.lstrip().startswith('<section id="practice-results"')
    assert "<html" not in answer.text and "Validering i vården" in answer.text
    assert "Validering i vården" not in client.get("/practices/?funding=own", headers={"HX-Request": "true"}).text


def test_the_library_is_in_the_navigation_and_linked_from_the_initiatives(client):
    assert 'href="/practices/">Goda exempel</a>' in client.get("/").text
    assert 'href="/practices/"' in main_text(client.get("/initiatives/"))


def test_the_library_escapes_what_people_wrote(synced_app, client, accounts):
    with synced_app.app_context():
        collab.make_practice("vastmanland", title="<b>Fet</b> titel", lessons="<script>alert(1)</script>",
                             contact_name="<i>Namn</i>")
        db.session.commit()
    text = client.get("/practices/").text
    assert "<b>Fet</b>" not in text and "&lt;b&gt;Fet&lt;/b&gt;" in text
    assert "<script>alert(1)" not in text and "<i>Namn</i>" not in text


def test_an_analyst_sees_the_draft_practice_and_a_member_does_not(synced_app, library):
    assert "Hemligt utkast" in signed_in(synced_app, "national-analyst").get("/practices/").text
    assert "Hemligt utkast" not in signed_in(synced_app, "other-member").get("/practices/").text


# -- similar initiatives in other regions -----------------------------------------------------------

@pytest.fixture
def themes(synced_app):
    with synced_app.app_context():
        return {slug: collab.theme(slug).id for slug in ("validation", "guidance", "gender-equality", "integration")}


def make(slug, title, theme_slugs=(), summary="", **values):
    return collab.make_initiative(slug, title=title, summary=summary,
                                  themes=[collab.theme(s) for s in theme_slugs], **values)


def titles(matches):
    return [match.initiative.title for match in matches]


def test_shared_themes_count_in_the_ranking(synced_app):
    with synced_app.app_context():
        subject = make("vastmanland", "Validering och vägledning", ("validation", "guidance"))
        make("vasternorrland", "Ett projekt", ("validation",))
        make("vasternorrland", "Ett annat projekt", ("validation", "guidance"))
        make("skane", "Något helt annat", ("integration",))
        db.session.commit()
        assert titles(similarity.similar_to(subject)) == ["Ett annat projekt", "Ett projekt"]


def test_text_counts_in_the_ranking_among_equal_themes(synced_app):
    with synced_app.app_context():
        subject = make("vastmanland", "Validering av undersköterskor i äldreomsorgen", ("validation",),
                       summary="Erfarna vårdbiträden valideras mot undersköterskeyrket.")
        make("vasternorrland", "Yrkespaket för lagerarbetare", ("validation",),
             summary="Korta kurser för logistikföretag.")
        make("vasternorrland", "Undersköterskor valideras i äldreomsorgen", ("validation",),
             summary="Vårdbiträden får sin erfarenhet validerad.")
        db.session.commit()
        ranked = similarity.similar_to(subject)
        assert titles(ranked) == ["Undersköterskor valideras i äldreomsorgen", "Yrkespaket för lagerarbetare"]
        assert ranked[0].text_score > ranked[1].text_score and ranked[0].theme_score == ranked[1].theme_score


def test_text_can_outweigh_a_theme_less_in_common(synced_app):
    """Themes and text both count: the same wording beats one more shared theme of different work."""
    with synced_app.app_context():
        subject = make("vastmanland", "Svenska för vårdpersonal på arbetsplatsen", ("validation", "guidance"),
                       summary="Yrkessvenska för vårdpersonal, med handledare på arbetsplatsen.")
        make("vasternorrland", "Studiebesök på industriföretag", ("validation", "guidance"),
             summary="Elever i årskurs nio besöker fabriker.")
        make("vasternorrland", "Svenska för vårdpersonal på arbetsplatsen i Sundsvall", ("validation",),
             summary="Yrkessvenska för vårdpersonal, med handledare på arbetsplatsen.")
        db.session.commit()
        assert titles(similarity.similar_to(subject))[0] == "Svenska för vårdpersonal på arbetsplatsen i Sundsvall"


def test_initiatives_of_the_same_regions_and_drafts_are_not_similar_ones(synced_app):
    with synced_app.app_context():
        subject = make("vastmanland", "Validering i vården", ("validation",),
                       partner_regions=[collab.region("skane")])
        make("vastmanland", "Validering i vården, Köping", ("validation",))
        make("skane", "Validering i vården, Malmö", ("validation",))
        make("vasternorrland", "Validering i vården, utkast", ("validation",), draft=True)
        make("vasternorrland", "Validering i vården, Sundsvall", ("validation",))
        db.session.commit()
        assert titles(similarity.similar_to(subject)) == ["Validering i vården, Sundsvall"]


def test_themes_through_plan_nodes_count_as_shared(synced_app):
    with synced_app.app_context():
        subject = make("vastmanland", "Valideringsinsats", nodes=[node_about("vastmanland", "validation")])
        make("vasternorrland", "Norrländsk insats", nodes=[node_about("vasternorrland", "validation")])
        make("vasternorrland", "Annan insats", ("strength-areas",))
        db.session.commit()
        ranked = similarity.similar_to(subject)
        assert titles(ranked) == ["Norrländsk insats"]
        assert "validation" in {theme.slug for theme in ranked[0].shared_themes}


def test_an_initiative_without_themes_finds_others_by_its_title(synced_app):
    with synced_app.app_context():
        subject = make("vastmanland", "Lärlingsutbildning för målare")
        make("vasternorrland", "Lärlingsutbildningar inom bygg")
        make("vasternorrland", "Helt orelaterat")
        db.session.commit()
        assert titles(similarity.similar_to(subject)) == ["Lärlingsutbildningar inom bygg"]


def test_at_most_five_are_shown(synced_app):
    with synced_app.app_context():
        subject = make("vastmanland", "Validering", ("validation",))
        for number in range(8):
            make("vasternorrland", f"Validering {number}", ("validation",))
        db.session.commit()
        assert len(similarity.similar_to(subject)) == 5


def test_the_ranking_alone():
    """Without a database: the theme overlap and the text cosine each lift a candidate."""
    subject = similarity.Document(1, "validering av undersköterskor", frozenset({1, 2}))
    both = similarity.Document(2, "validering av undersköterskor i Sundsvall", frozenset({1, 2}))
    themes_only = similarity.Document(3, "lager och logistik", frozenset({1, 2}))
    text_only = similarity.Document(4, "undersköterskor valideras", frozenset({9}))
    nothing = similarity.Document(5, "fiske", frozenset({9}))
    ranked = similarity.rank(subject, [nothing, text_only, themes_only, both])
    assert [match.id for match in ranked] == [2, 3, 4]
    assert ranked[0].shared_theme_ids == {1, 2} and ranked[2].shared_theme_ids == frozenset()
    assert similarity.terms("Valideringen av validering") == ["validering", "validering"]


def test_the_page_shows_similar_initiatives_with_whom_to_call(synced_app, client, accounts):
    with synced_app.app_context():
        subject = make("vastmanland", "Validering i vården", ("validation",))
        make("vasternorrland", "Validering i Sundsvalls vård", ("validation",),
             contact_name="Nils Norr", contact_email="nils@rvn.se",
             owner=collab.make_actor("vasternorrland", name="Sundsvalls kommun"))
        make("vastmanland", "Validering i Köpings vård", ("validation",))
        db.session.commit()
        subject_id = subject.id
    text = main_text(client.get(f"/initiatives/{subject_id}"))
    similar = text[text.index('id="similar-heading"'):]
    assert "Validering i Sundsvalls vård" in similar and "Köping" not in similar
    assert "Västernorrland" in similar and "Sundsvalls kommun" in similar
    assert "Nils Norr" in similar and "nils@rvn.se" not in similar  # a person's address: to the signed-in only
    signed = main_text(signed_in(client.application, "other-member").get(f"/initiatives/{subject_id}"))
    assert "mailto:nils@rvn.se" in signed[signed.index('id="similar-heading"'):]
    assert "Gemensamma teman:" in similar and "Validering" in similar


# -- adoption -----------------------------------------------------------------------------------------

@pytest.fixture
def practice(synced_app, accounts):
    """Västmanland's practice, and an initiative of Västernorrland that can carry it on."""
    with synced_app.app_context():
        practice = collab.make_practice("vastmanland", title="Yrkesvux med praktik")
        own = collab.make_initiative("vasternorrland", title="Norrlands yrkesvux")
        db.session.commit()
        return dict(id=practice.id, own=own.id, rvn=collab.region("vasternorrland").id,
                    vm=collab.region("vastmanland").id)


def adoptions(app, practice_id):
    with app.app_context():
        return [(adoption.region.slug, adoption.initiative_id) for adoption in db.session.scalars(
            select(Adoption).where(Adoption.practice_id == practice_id).order_by(Adoption.id))]


def adopt(client, practice, **values):
    data = {"region": practice["rvn"], "adopted_on": "2025-04-01", "initiative": str(practice["own"]),
            "note": "Vi gör det med kortare praktik.", "csrf_token": csrf_token(client)}
    data.update(values)
    return client.post(f"/practices/{practice['id']}/adopt", data=data)


def test_a_region_admin_records_an_adoption_shown_both_ways_and_counted(synced_app, practice):
    admin = signed_in(synced_app, "other-region-admin")
    form = admin.get(f"/practices/{practice['id']}/adopt")
    assert form.status_code == 200
    assert "Norrlands yrkesvux" in form.text
    assert f'<option value="{practice["vm"]}"' not in form.text  # not the practice's own region
    answer = adopt(admin, practice)
    assert answer.status_code == 302
    assert answer.headers["Location"] == f"/initiatives/{practice['id']}"
    assert adoptions(synced_app, practice["id"]) == [("vasternorrland", practice["own"])]

    anonymous = synced_app.test_client()
    page = main_text(anonymous.get(f"/initiatives/{practice['id']}"))
    adopted = page[page.index('id="adoptions-heading"'):]
    assert "1 region har infört det här goda exemplet." in adopted
    assert "Västernorrland" in adopted and f'href="/initiatives/{practice["own"]}"' in adopted
    assert "Vi gör det med kortare praktik." in adopted
    own = main_text(anonymous.get(f"/initiatives/{practice['own']}"))
    assert "Västernorrland inför det goda exemplet" in own and "från Västmanland" in own
    assert f'href="/initiatives/{practice["id"]}">Yrkesvux med praktik</a>' in own
    assert "1 annan region" in main_text(anonymous.get("/practices/"))
    with synced_app.app_context():
        event = db.session.scalar(select(func.count()).select_from(AuditEvent).where(
            AuditEvent.object_type == "Adoption", AuditEvent.action == "create"))
        assert event == 1


def test_a_second_adoption_by_the_same_region_is_a_form_error(synced_app, practice):
    admin = signed_in(synced_app, "other-region-admin")
    assert adopt(admin, practice).status_code == 302
    again = adopt(admin, practice, initiative="")
    assert again.status_code == 400
    assert "Västernorrland har redan infört det här goda exemplet" in again.text
    assert adoptions(synced_app, practice["id"]) == [("vasternorrland", practice["own"])]


def test_two_adoptions_at_the_same_moment_the_database_refuses_the_second(synced_app, practice, monkeypatch):
    """The check before the write passes for both (as in a race); the unique constraint refuses
    the second, who gets the same form error, not a 500."""
    admin = signed_in(synced_app, "other-region-admin")
    with synced_app.app_context():
        collab.make_adoption(db.session.get(Initiative, practice["id"]), "vasternorrland")
        db.session.commit()
    real = practices.already_adopted
    calls = []

    def not_yet_seen(practice_, region):
        calls.append(region.id)
        return False if len(calls) == 1 else real(practice_, region)

    monkeypatch.setattr(practices, "already_adopted", not_yet_seen)
    answer = adopt(admin, practice)
    assert answer.status_code == 400
    assert "Västernorrland har redan infört det här goda exemplet" in answer.text
    assert len(calls) == 2
    assert adoptions(synced_app, practice["id"]) == [("vasternorrland", None)]


@pytest.mark.parametrize("key, status", [("project-lead", 403), ("other-project-lead", 403), ("member", 403),
                                         ("national-analyst", 403), ("no-role", 403)])
def test_only_region_admins_may_adopt(synced_app, practice, key, status):
    client = signed_in(synced_app, key)
    assert client.get(f"/practices/{practice['id']}/adopt").status_code == status
    assert adopt(client, practice).status_code == status
    assert adoptions(synced_app, practice["id"]) == []


def test_anonymous_is_sent_to_log_in(synced_app, practice):
    client = synced_app.test_client()
    answer = client.post(f"/practices/{practice['id']}/adopt", data={"csrf_token": csrf_token(client)})
    assert answer.status_code == 302 and answer.headers["Location"].startswith("/login")


def test_a_region_cannot_adopt_its_own_practice_nor_for_a_region_it_does_not_keep(synced_app, practice):
    admin = signed_in(synced_app, "region-admin")  # Västmanland's, the practice's own region
    page = admin.get(f"/practices/{practice['id']}/adopt")
    assert page.status_code == 200 and "kommer från din egen region" in page.text
    own = adopt(admin, practice, region=practice["vm"], initiative="")
    assert own.status_code == 400 and "kommer från din egen region" in own.text
    other = adopt(signed_in(synced_app, "other-region-admin"), practice, region=practice["vm"], initiative="")
    assert other.status_code == 400
    assert collab.form_errors(other) == {"region": "Inte ett giltigt val"}  # not a region they keep
    assert adoptions(synced_app, practice["id"]) == []


def test_the_own_initiative_must_be_the_adopting_regions(synced_app, practice):
    admin = signed_in(synced_app, "platform-admin")
    with synced_app.app_context():
        skane = collab.region("skane").id
    answer = adopt(admin, practice, region=skane)  # Västernorrland's initiative, for Skåne
    assert answer.status_code == 400
    assert "Skåne varken leder" in answer.text
    assert adoptions(synced_app, practice["id"]) == []


def test_no_adoption_of_a_draft_or_of_what_is_no_practice(synced_app, practice):
    with synced_app.app_context():
        draft = collab.make_practice("vastmanland", title="Utkast", draft=True)
        plain = collab.make_initiative("vastmanland", title="Inget exempel")
        db.session.commit()
        ids = draft.id, plain.id
    admin = signed_in(synced_app, "other-region-admin")
    assert admin.get(f"/practices/{practice['id']}/adopt").status_code == 200  # the published practice
    for initiative_id in ids:
        assert admin.get(f"/practices/{initiative_id}/adopt").status_code == 404
        assert adopt(admin, {**practice, "id": initiative_id}).status_code == 404
        assert adoptions(synced_app, initiative_id) == []


def test_the_adopting_region_withdraws_after_confirming_and_others_may_not(synced_app, practice):
    with synced_app.app_context():
        adoption = collab.make_adoption(db.session.get(Initiative, practice["id"]), "vasternorrland")
        db.session.commit()
        adoption_id = adoption.id
    url = f"/practices/adoptions/{adoption_id}/withdraw"
    practice_admin = signed_in(synced_app, "region-admin")  # the practice's region, not the adopting one
    assert practice_admin.get(url).status_code == 403
    assert practice_admin.post(url, data={"csrf_token": csrf_token(practice_admin)}).status_code == 403
    assert collab.refusals(synced_app)[-2:] == ["region.manage", "region.manage"]  # of the adopting region
    assert adoptions(synced_app, practice["id"]) == [("vasternorrland", None)]
    assert "Dra tillbaka" not in main_text(practice_admin.get(f"/initiatives/{practice['id']}"))

    admin = signed_in(synced_app, "other-region-admin")
    assert "Dra tillbaka" in main_text(admin.get(f"/initiatives/{practice['id']}"))
    confirm = admin.get(url)
    assert confirm.status_code == 200 and "Yrkesvux med praktik" in confirm.text
    assert adoptions(synced_app, practice["id"]) == [("vasternorrland", None)]
    assert admin.post(url, data={"csrf_token": csrf_token(admin)}).status_code == 302
    assert adoptions(synced_app, practice["id"]) == []
    assert "Ingen annan region" in main_text(admin.get(f"/initiatives/{practice['id']}"))


def test_a_withdrawal_needs_its_csrf_token(synced_app, practice):
    with synced_app.app_context():
        adoption = collab.make_adoption(db.session.get(Initiative, practice["id"]), "vasternorrland")
        db.session.commit()
        adoption_id = adoption.id
    admin = signed_in(synced_app, "other-region-admin")
    refused = admin.post(f"/practices/adoptions/{adoption_id}/withdraw", data={})
    assert refused.status_code == 400 and collab.heading(refused) == collab.FORM_EXPIRED
    assert adoptions(synced_app, practice["id"]) == [("vasternorrland", None)]


def test_counts_on_the_practice_and_in_the_library(synced_app, practice):
    with synced_app.app_context():
        practice_row = db.session.get(Initiative, practice["id"])
        collab.make_adoption(practice_row, "vasternorrland", adopted_on=date(2025, 1, 2))
        collab.make_adoption(practice_row, "skane", adopted_on=date(2025, 2, 3))
        db.session.commit()
        assert practices.adoption_counts([practice["id"]]) == {practice["id"]: 2}
    client = synced_app.test_client()
    assert "2 regioner har infört det här goda exemplet." in main_text(client.get(f"/initiatives/{practice['id']}"))
    assert "2 andra regioner" in main_text(client.get("/practices/"))


# -- statements per page ---------------------------------------------------------------------------

def executed(app, client, url):
    """The SQL statements one render of ``url`` by ``client`` issues, in a fresh session."""
    found = []
    listener = lambda *args: found.append(args[2])  # noqa: E731  (the statement)
    with app.app_context():
        db.session.remove()
        event.listen(db.engine, "before_cursor_execute", listener)
    try:
        assert client.get(url).status_code == 200
    finally:
        with app.app_context():
            event.remove(db.engine, "before_cursor_execute", listener)
    return found


def statements(app, url):
    """How many SQL statements a warm render of ``url`` issues (anonymous, a fresh session)."""
    client = app.test_client()
    executed(app, client, url)
    return len(executed(app, client, url))


def test_the_pages_issue_as_many_statements_with_more_adoptions_and_similar_ones(synced_app, accounts):
    with synced_app.app_context():
        node = node_about("vastmanland", "validation")
        practice = make("vastmanland", "Validering", ("validation",), nodes=[node], is_practice=True,
                        lessons_learned="Lärdomar.")
        make("vasternorrland", "Validering i norr", ("validation",))
        collab.make_adoption(practice, "vasternorrland", initiative=make("vasternorrland", "Eget"))
        db.session.commit()
        practice_id = practice.id
    few = statements(synced_app, f"/initiatives/{practice_id}"), statements(synced_app, "/practices/")
    with synced_app.app_context():
        practice = db.session.get(Initiative, practice_id)
        for slug in ("skane", "stockholm", "gotland", "kalmar"):
            own = make(slug, f"Validering i {slug}", ("validation", "guidance"),
                       nodes=[node_about("vasternorrland", "validation")], partner_regions=[collab.region("skane")])
            collab.make_adoption(practice, slug, initiative=own)
            make(slug, f"Praktik i {slug}", ("validation",), is_practice=True, lessons_learned="Lärdomar.",
                 nodes=[node], partner_regions=[collab.region("vasternorrland")])
        db.session.commit()
    many = statements(synced_app, f"/initiatives/{practice_id}"), statements(synced_app, "/practices/")
    assert many == few, (few, many)
