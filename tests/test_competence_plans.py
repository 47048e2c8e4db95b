"""Organisations' competence-supply plans: a version a year, what changed since the year before,
who keeps them, publishing, activities made initiatives, the templates, and the demo's plan."""
import re

import collab
import pytest
from conftest import ACCOUNTS, csrf_token, login
from sqlalchemy import func, select

from samverkan.actors.models import Actor
from samverkan.audit import AuditEvent
from samverkan.competence_plans import services
from samverkan.competence_plans.diff import changes, word_diff
from samverkan.competence_plans.models import CompetenceActivity, CompetencePlanPart, CompetencePlanYear
from samverkan.competence_plans.templates import DEFAULT_SECTIONS
from samverkan.demo import load_demo
from samverkan.extensions import db
from samverkan.initiatives.models import Initiative
from samverkan.plans.models import Plan, PlanNode
from samverkan.regions.models import Region
from seedtext import normalise, read_seed_raw
from vastmanland import competence_plan

SEED = "001_f4636bc0a0b00214.txt"
VASTMANLAND_KEYS = ["attract", "recruit", "retain", "develop", "phase-out", "planning", "leadership"]


def nodes(*codes, slug="vastmanland"):
    found = {node.code: node for node in db.session.scalars(
        select(PlanNode).join(Plan).join(Region).where(Region.slug == slug, PlanNode.code.in_(codes)))}
    return [found[code] for code in codes]


def part(plan_year, key, horizon):
    return next(p for p in plan_year.parts if (p.section_key, p.horizon) == (key, horizon))


def activity(plan_year, title):
    return next(a for a in plan_year.activities if a.title == title)


def values(title, key="attract", horizon="short", **more):
    return dict(section_key=key, horizon=horizon, title=title, description=more.get("description", ""),
                responsible=more.get("responsible", ""), follow_up=more.get("follow_up", ""))


def make_plan(slug="vastmanland", name="Planerande arbetsgivare", published=True):
    """An actor of ``slug`` with a plan of 2025: two parts written, three activities."""
    actor = collab.make_actor(slug, name=name)
    plan_year = services.start_plan(actor, collab.region(slug), 2025, by=None)
    first_section = plan_year.sections[0]["key"]
    part(plan_year, first_section, "short").gap = "Få sökande till tjänsterna."
    part(plan_year, first_section, "long").need = "Fler handledare i hela länet."
    goals = nodes("M9", "M11") if slug == "vastmanland" else []
    services.add_activity(plan_year, values("Mässor", first_section, follow_up="Antal besök."), goals[:1], by=None)
    services.add_activity(plan_year, values("Handledarutbildning", first_section, "long",
                                            description="Två dagar för nya handledare."), goals, by=None)
    services.add_activity(plan_year, values("Kompetensväxling", first_section), [], by=None)
    if published:
        services.publish(plan_year, by=None)
    db.session.commit()
    return plan_year


@pytest.fixture
def plan(synced_app, accounts):
    """A published plan of 2025 of a Västmanland actor: (actor id, plan year id)."""
    with synced_app.app_context():
        plan_year = make_plan()
        return plan_year.actor_id, plan_year.id


def signed_in(app, role):
    client = app.test_client()
    if role != "anonymous":
        assert login(client, ACCOUNTS[role][0]).status_code == 302
    return client


def post(client, url, data=None, **kwargs):
    return client.post(url, data={**(data or {}), "csrf_token": csrf_token(client)}, **kwargs)


# -- the template -------------------------------------------------------------------------------

def test_a_plan_started_in_vastmanland_has_its_template_sections(synced_app, accounts):
    with synced_app.app_context():
        actor_id = collab.make_actor("vastmanland").id
        db.session.commit()
    client = signed_in(synced_app, "region-admin")
    page = client.get(f"/actors/{actor_id}/competence-plan/new")
    assert page.status_code == 200
    response = post(client, f"/actors/{actor_id}/competence-plan/new",
                    {"region": collab_region_id(synced_app, "vastmanland"), "year": "2026"})
    assert response.status_code == 302
    assert response.headers["Location"] == f"/actors/{actor_id}/competence-plan/2026"
    with synced_app.app_context():
        plan_year = db.session.scalar(select(CompetencePlanYear).filter_by(actor_id=actor_id))
        assert (plan_year.year, plan_year.published) == (2026, False)
        assert [s["key"] for s in plan_year.sections] == VASTMANLAND_KEYS
        assert plan_year.sections[0]["title"] == "Attrahera"
        assert sorted((p.section_key, p.horizon) for p in plan_year.parts) == sorted(
            (key, horizon) for key in VASTMANLAND_KEYS for horizon in ("short", "long"))
    page = client.get(f"/actors/{actor_id}/competence-plan/2026").text
    titles = re.findall(r'<h2 id="section-[a-z-]+-heading">([^<]+)</h2>', page)
    assert titles == ["Attrahera", "Rekrytera", "Behålla", "Utveckla", "Avveckla", "Planering, styrning och utveckling",
                      "Chef- och ledarskap"]
    assert "Avveckla kompetenser på ett professionellt sätt." in page
    # a second start is sent to the plan there is
    assert post(client, f"/actors/{actor_id}/competence-plan/new",
                {"region": collab_region_id(synced_app, "vastmanland"), "year": "2027"}).status_code == 302
    with synced_app.app_context():
        assert services.count_years(actor_id) == 1


def collab_region_id(app, slug):
    with app.app_context():
        return collab.region(slug).id


def test_a_region_without_a_template_gets_the_core_default(synced_app, accounts):
    with synced_app.app_context():
        plan_year = make_plan("vasternorrland", published=False)
        assert [(s["key"], s["title"]) for s in plan_year.sections] == [("competence-supply", "Kompetensförsörjning")]
        assert len(plan_year.parts) == 2
        assert DEFAULT_SECTIONS[0].title_en == "Competence supply"


def test_vastmanlands_template_is_the_strategy_of_seed_001():
    """Every section's text is the strategy's own words; the titles name its parts in its order."""
    raw = read_seed_raw(SEED)
    seed, folded = normalise(raw), normalise(raw, fold=True)
    sections = competence_plan.TEMPLATE.sections
    assert [s.key for s in sections] == VASTMANLAND_KEYS
    assert [s.title for s in sections] == ["Attrahera", "Rekrytera", "Behålla", "Utveckla", "Avveckla",
                                           "Planering, styrning och utveckling", "Chef- och ledarskap"]
    for section in sections:
        # (Avveckla's text is the end of a sentence of the strategy's, capitalised as a sentence of its own)
        assert normalise(section.text, fold=True) in folded, section.key
        assert section.title_en
    # the plan's frame: gap, need and activities, short (1–3) and long (4–10 years), revised yearly
    assert "tydliggör gap, behov och aktiviteter" in seed
    assert "Kompetensförsörjningsplanen revideras årligen." in seed
    assert "Planering, styrning och utveckling" in seed and "Chef -och ledarskap" in seed


# -- the yearly revision and its diff -----------------------------------------------------------

def test_word_diff_marks_removed_and_added_words_in_words_too():
    html = str(word_diff("Få sökande till <tjänsterna>.", "Många sökande till <tjänsterna>."))
    assert html == ('<del><span class="visually-hidden">[removed: </span>Få<span class="visually-hidden">]</span></del>'
                    '<ins><span class="visually-hidden">[added: </span>Många<span class="visually-hidden">]</span></ins>'
                    ' sökande till &lt;tjänsterna&gt;.')
    assert str(word_diff("samma", "samma")) == "samma"


def revise(plan_year_id):
    """Year 2 of the plan, revised: one gap changed, one activity added, one removed, one changed
    (its title, and goal M11 unlinked, M5 linked)."""
    first = db.session.get(CompetencePlanYear, plan_year_id)
    second = services.start_next_year(first, by=None)
    services.update_part(part(second, "attract", "short"), "Mycket få sökande till tjänsterna.", "", by=None)
    services.add_activity(second, values("Validering", "recruit", "long"), nodes("M8"), by=None)
    services.remove_activity(activity(second, "Mässor"), by=None)
    changed = activity(second, "Handledarutbildning")
    services.update_activity(changed, values("Handledarutbildning för alla", "attract", "long",
                                             description="Två dagar för nya handledare."),
                             nodes("M9", "M5"), by=None)
    db.session.commit()
    return second


def test_year_two_copies_year_one_and_leaves_it_unchanged(plan, synced_app):
    actor_id, first_id = plan
    with synced_app.app_context():
        first = db.session.get(CompetencePlanYear, first_id)
        before = [(p.section_key, p.horizon, p.gap, p.need) for p in first.parts], \
            [(a.title, a.description, a.follow_up, a.position, [n.code for n in a.nodes]) for a in first.activities]
        second = services.start_next_year(first, by=None)
        db.session.commit()
        assert (second.year, second.published, second.region_id) == (2026, False, first.region_id)
        assert [(p.section_key, p.horizon, p.gap, p.need) for p in second.parts] == before[0]
        assert [p.carried_from_id for p in second.parts] == [p.id for p in first.parts]
        assert [(a.title, a.description, a.follow_up, a.position, [n.code for n in a.nodes])
                for a in second.activities] == before[1]
        assert [a.carried_from_id for a in second.activities] == [a.id for a in first.activities]
        assert not changes(first, second)
        # only one draft at a time, and only from the latest year
        with pytest.raises(services.PlanError):
            services.start_next_year(second, by=None)
        with pytest.raises(services.PlanError):
            services.start_next_year(first, by=None)
        db.session.rollback()
        revise_id = second.id
        db.session.expire_all()
    with synced_app.app_context():
        second = db.session.get(CompetencePlanYear, revise_id)
        services.update_part(part(second, "attract", "short"), "Ändrat", "", by=None)
        services.remove_activity(activity(second, "Mässor"), by=None)
        db.session.commit()
        first = db.session.get(CompetencePlanYear, first_id)
        assert ([(p.section_key, p.horizon, p.gap, p.need) for p in first.parts],
                [(a.title, a.description, a.follow_up, a.position, [n.code for n in a.nodes])
                 for a in first.activities]) == before
        assert first.published


def test_the_diff_lists_exactly_the_changes_made(plan, synced_app):
    actor_id, first_id = plan
    with synced_app.app_context():
        second = revise(first_id)
        first = db.session.get(CompetencePlanYear, first_id)
        found = changes(first, second)
        assert [(c.section_key, c.horizon, c.gap is not None, c.need is not None) for c in found.parts] == [
            ("attract", "short", True, False)]
        assert [a.title for a in found.added] == ["Validering"]
        assert [a.title for a in found.removed] == ["Mässor"]
        assert [(c.activity.title, sorted(c.texts), [n.code for n in c.linked], [n.code for n in c.unlinked])
                for c in found.changed] == [("Handledarutbildning för alla", ["title"], ["M5"], ["M11"])]
        assert found.summary is None
    client = signed_in(synced_app, "anonymous")
    assert client.get(f"/actors/{actor_id}/competence-plan/2026").status_code == 404  # a draft
    admin = signed_in(synced_app, "region-admin")
    page = admin.get(f"/actors/{actor_id}/competence-plan/2026").text
    changed = page[page.index('id="changes"'):page.index('id="section-attract"')]
    assert "Vad har ändrats sedan 2025" in changed
    assert ('<del><span class="visually-hidden">[borttaget: </span>Få<span class="visually-hidden">]</span></del>'
            '<ins><span class="visually-hidden">[tillagt: </span>Mycket få<span class="visually-hidden">]</span></ins>'
            ) in changed
    assert "Aktiviteter som lagts till (1)" in changed and "Aktiviteter som tagits bort (1)" in changed
    assert "Aktiviteter som ändrats (1)" in changed and "Mässor" in changed
    assert re.search(r"Mål som kopplats</dt><dd><span class=\"node-code\">M5</span>", changed)
    assert re.search(r"Mål som inte längre kopplas</dt><dd><span class=\"node-code\">M11</span>", changed)
    # year 1's page is as it was, and says it is the first year
    first_page = signed_in(synced_app, "anonymous").get(f"/actors/{actor_id}/competence-plan/2025").text
    assert "Planens första år." in first_page and "Mässor" in first_page


def test_the_next_year_through_the_page_and_one_draft_at_a_time(plan, synced_app):
    actor_id, first_id = plan
    admin = signed_in(synced_app, "region-admin")
    response = post(admin, f"/competence-plans/{first_id}/next")
    assert response.headers["Location"] == f"/actors/{actor_id}/competence-plan/2026"
    assert post(admin, f"/competence-plans/{first_id}/next").status_code == 409
    with synced_app.app_context():
        assert services.count_years(actor_id) == 2
        second_id = db.session.scalar(select(CompetencePlanYear.id).filter_by(actor_id=actor_id, year=2026))
    # the current page shows the draft to its keepers, the published year to everyone else
    assert "Kompetensförsörjningsplan 2026" in admin.get(f"/actors/{actor_id}/competence-plan").text
    public = signed_in(synced_app, "anonymous").get(f"/actors/{actor_id}/competence-plan").text
    assert "Kompetensförsörjningsplan 2025" in public and "competence-plan/2026" not in public
    # publishing freezes the year
    assert post(admin, f"/competence-plans/{second_id}/publish").status_code == 302
    with synced_app.app_context():
        part_id = db.session.scalar(select(CompetencePlanPart.id).filter_by(plan_year_id=second_id,
                                                                            section_key="attract", horizon="short"))
        gap = db.session.get(CompetencePlanPart, part_id).gap
    response = post(admin, f"/competence-plan-parts/{part_id}/edit", {"gap": "Ny text", "need": ""})
    assert response.status_code == 409 and "Starta nästa års plan" in response.text
    assert post(admin, f"/competence-plans/{second_id}/delete").status_code == 409
    with synced_app.app_context():
        assert db.session.get(CompetencePlanPart, part_id).gap == gap
        assert services.count_years(actor_id) == 2
    assert "Kompetensförsörjningsplan 2026" in signed_in(synced_app, "anonymous").get(
        f"/actors/{actor_id}/competence-plan").text


def test_editing_a_draft_through_the_pages(plan, synced_app):
    actor_id, first_id = plan
    admin = signed_in(synced_app, "region-admin")
    post(admin, f"/competence-plans/{first_id}/next")
    with synced_app.app_context():
        second = db.session.scalar(select(CompetencePlanYear).filter_by(actor_id=actor_id, year=2026))
        second_id, part_id = second.id, part(second, "develop", "long").id
        kept = {a.title: a.id for a in second.activities}
        m9 = nodes("M9")[0].id
    assert admin.get(f"/competence-plan-parts/{part_id}/edit").status_code == 200
    assert post(admin, f"/competence-plan-parts/{part_id}/edit",
                {"gap": "Otydliga karriärvägar.", "need": "Specialistutbildning."}).status_code == 302
    assert post(admin, f"/competence-plans/{second_id}/summary", {"summary": "Årets plan."}).status_code == 302
    response = post(admin, f"/competence-plans/{second_id}/activities/new",
                    {"section": "develop", "horizon": "long", "title": "Karriärvägar", "responsible": "HR",
                     "follow_up": "Årligen", "nodes": [str(m9)]})
    assert response.status_code == 302
    assert post(admin, f"/competence-activities/{kept['Kompetensväxling']}/move", {"direction": "up"}).status_code == 302
    assert post(admin, f"/competence-activities/{kept['Mässor']}/delete").status_code == 302
    with synced_app.app_context():
        second = db.session.get(CompetencePlanYear, second_id)
        assert (part(second, "develop", "long").gap, second.summary) == ("Otydliga karriärvägar.", "Årets plan.")
        added = activity(second, "Karriärvägar")
        assert (added.section_key, added.horizon, added.responsible, [n.code for n in added.nodes]) == (
            "develop", "long", "HR", ["M9"])
        short = sorted((a for a in second.activities if (a.section_key, a.horizon) == ("attract", "short")),
                       key=lambda a: a.position)
        assert [a.title for a in short] == ["Kompetensväxling"]
    page = admin.get(f"/actors/{actor_id}/competence-plan/2026").text
    assert "Karriärvägar" in page and 'class="diff"' in page
    # each change is in the audit log, in the plan's region, and the log names it
    with synced_app.app_context():
        events = db.session.execute(select(AuditEvent.object_type, AuditEvent.action, AuditEvent.region_id).where(
            collab.by(ACCOUNTS["region-admin"][0]), AuditEvent.object_type.like("Competence%"))).all()
        region_id = collab.region("vastmanland").id
        assert {(kind, action) for kind, action, _ in events} >= {
            ("CompetencePlanYear", "create"), ("CompetencePlanPart", "update"), ("CompetenceActivity", "create"),
            ("CompetenceActivity", "delete"), ("CompetenceActivity", "update")}
        assert {region for _, _, region in events} == {region_id}
    log = admin.get("/regions/vastmanland/audit")
    assert log.status_code == 200 and "Del av kompetensförsörjningsplan" in log.text
    # deleting the draft leaves the published year
    assert admin.get(f"/competence-plans/{second_id}/delete").status_code == 200
    assert post(admin, f"/competence-plans/{second_id}/delete").status_code == 302
    with synced_app.app_context():
        assert [y.year for y in db.session.scalars(select(CompetencePlanYear).filter_by(actor_id=actor_id))] == [2025]


def test_an_actor_without_a_plan_has_an_empty_state(synced_app, accounts):
    with synced_app.app_context():
        actor_id = collab.make_actor("vastmanland").id
        db.session.commit()
    public = signed_in(synced_app, "anonymous").get(f"/actors/{actor_id}/competence-plan")
    assert public.status_code == 200 and "har ingen kompetensförsörjningsplan" in public.text
    assert "Starta en plan" not in public.text
    assert "Starta en plan" in signed_in(synced_app, "region-admin").get(f"/actors/{actor_id}/competence-plan").text
    assert signed_in(synced_app, "anonymous").get(f"/actors/{actor_id}/competence-plan/2025").status_code == 404
    # the actor's page links the plan
    assert f'href="/actors/{actor_id}/competence-plan"' in signed_in(synced_app, "anonymous").get(
        f"/actors/{actor_id}").text


# -- who keeps a plan ---------------------------------------------------------------------------

#: role -> (the membership the account gets: (actor, role) or None, whether it may edit, whether it
#: sees the draft)
KEEPERS = {
    "contact": ("member", ("own", "contact"), True, True),
    "representative": ("no-role", ("own", "representative"), True, True),
    "project-lead membership": ("project-lead", ("own", "project-lead"), False, False),
    "contact of another actor": ("member", ("other", "contact"), False, False),
    "region admin of the plan's region": ("region-admin", None, True, True),
    "region admin of another region": ("other-region-admin", None, False, False),
    "national analyst": ("national-analyst", None, False, True),
    "anonymous": ("anonymous", None, False, False),
}


@pytest.mark.parametrize("who", KEEPERS)
def test_who_keeps_a_plan(synced_app, accounts, who):
    role, membership, may_edit, sees_draft = KEEPERS[who]
    with synced_app.app_context():
        published = make_plan()
        draft = services.start_next_year(published, by=None)
        if membership:
            target = published.actor if membership[0] == "own" else collab.make_actor("vastmanland", name="Annan")
            collab.make_membership(target, ACCOUNTS[role][0], role=membership[1])
        db.session.commit()
        actor_id, draft_id, part_id = published.actor_id, draft.id, part(draft, "attract", "short").id
    client = signed_in(synced_app, role)
    assert client.get(f"/actors/{actor_id}/competence-plan/2025").status_code == 200
    assert client.get(f"/actors/{actor_id}/competence-plan/2026").status_code == (200 if sees_draft else 404)
    response = post(client, f"/competence-plan-parts/{part_id}/edit", {"gap": "Nytt gap", "need": ""})
    if role == "anonymous":
        assert response.status_code == 302 and response.headers["Location"].startswith("/login")
    else:
        assert response.status_code == (302 if may_edit else 403)
    with synced_app.app_context():
        assert (db.session.get(CompetencePlanPart, part_id).gap == "Nytt gap") is may_edit
    publish = post(client, f"/competence-plans/{draft_id}/publish")
    assert publish.status_code == (302 if may_edit else 302 if role == "anonymous" else 403)
    with synced_app.app_context():
        assert db.session.get(CompetencePlanYear, draft_id).published is may_edit


# -- an activity becomes an initiative ----------------------------------------------------------

def test_an_activity_becomes_one_initiative(plan, synced_app):
    actor_id, first_id = plan
    with synced_app.app_context():
        activity_id = activity(db.session.get(CompetencePlanYear, first_id), "Handledarutbildning").id
        initiatives = db.session.scalar(select(func.count()).select_from(Initiative))
    admin = signed_in(synced_app, "region-admin")
    response = post(admin, f"/competence-activities/{activity_id}/initiative")
    assert response.status_code == 302
    with synced_app.app_context():
        made = db.session.get(CompetenceActivity, activity_id).initiative
        assert response.headers["Location"] == f"/initiatives/{made.id}"
        assert (made.title, made.summary, made.owner_id, made.lead_region.slug, made.status, made.draft) == (
            "Handledarutbildning", "Två dagar för nya handledare.", actor_id, "vastmanland", "planned", True)
        assert [n.code for n in made.nodes] == ["M9", "M11"]
        assert [(c.from_status, c.to_status) for c in made.status_changes] == [(None, "planned")]
        assert made.created_by.email == ACCOUNTS["region-admin"][0]
        made_id = made.id
    again = post(admin, f"/competence-activities/{activity_id}/initiative")
    assert again.headers["Location"] == f"/initiatives/{made_id}"
    with synced_app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Initiative)) == initiatives + 1
        # carried into the next year, the activity is the same initiative
        second = services.start_next_year(db.session.get(CompetencePlanYear, first_id), by=None)
        db.session.commit()
        assert activity(second, "Handledarutbildning").initiative_id == made_id
    page = admin.get(f"/actors/{actor_id}/competence-plan/2025").text
    assert f'href="/initiatives/{made_id}">Handledarutbildning</a>' in page


@pytest.mark.parametrize("role, regional_role, expected", [
    ("no-role", False, 403),  # a contact without a regional role keeps the plan, not the registry
    ("project-lead", True, 302),  # a project lead of the region who is the actor's contact
])
def test_making_an_initiative_takes_the_registrys_right_too(plan, synced_app, role, regional_role, expected):
    actor_id, first_id = plan
    with synced_app.app_context():
        collab.make_membership(db.session.get(Actor, actor_id), ACCOUNTS[role][0], role="contact")
        activity_id = activity(db.session.get(CompetencePlanYear, first_id), "Mässor").id
        db.session.commit()
        before = db.session.scalar(select(func.count()).select_from(Initiative))
    client = signed_in(synced_app, role)
    page = client.get(f"/actors/{actor_id}/competence-plan/2025").text
    assert ("Gör den till ett initiativ" in page) is regional_role
    assert post(client, f"/competence-activities/{activity_id}/initiative").status_code == expected
    with synced_app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Initiative)) == before + (expected == 302)
        assert (db.session.get(CompetenceActivity, activity_id).initiative_id is not None) is (expected == 302)


# -- bad input ----------------------------------------------------------------------------------

def test_bad_input_is_a_form_error_never_a_500(plan, synced_app):
    actor_id, first_id = plan
    admin = signed_in(synced_app, "region-admin")
    post(admin, f"/competence-plans/{first_id}/next")
    with synced_app.app_context():
        second = db.session.scalar(select(CompetencePlanYear).filter_by(actor_id=actor_id, year=2026))
        second_id, activity_id = second.id, second.activities[0].id
        other_node = nodes("F1.1", slug="vasternorrland")[0].id
        count = len(second.activities)
    new = f"/competence-plans/{second_id}/activities/new"
    for data, field in (({"section": "attract", "horizon": "short", "title": ""}, "title"),
                        ({"section": "attract", "horizon": "short", "title": "   "}, "title"),
                        ({"section": "nowhere", "horizon": "short", "title": "X"}, "section"),
                        ({"section": "attract", "horizon": "medium", "title": "X"}, "horizon"),
                        ({"section": "attract", "horizon": "short", "title": "X" * 301}, "title"),
                        ({"section": "attract", "horizon": "short", "title": "X", "nodes": [str(other_node)]}, "nodes"),
                        ({"section": "attract", "horizon": "short", "title": "X", "nodes": ["not-a-number"]}, "nodes"),
                        ({"section": "attract", "horizon": "short", "title": "Noll\x00byte"}, "title")):
        response = post(admin, new, data)
        assert response.status_code == 400, data
        assert 'class="error-summary"' in response.text
        assert set(collab.form_errors(response)) == {field}, data
    sideways = post(admin, f"/competence-activities/{activity_id}/move", {"direction": "sideways"})
    assert sideways.status_code == 400 and collab.heading(sideways) == collab.BAD_REQUEST
    no_token = admin.post(f"/competence-plans/{second_id}/publish")
    assert no_token.status_code == 400 and collab.heading(no_token) == collab.FORM_EXPIRED
    with synced_app.app_context():
        assert len(db.session.get(CompetencePlanYear, second_id).activities) == count
        assert db.session.get(CompetencePlanYear, second_id).published_at is None
        other_actor = collab.make_actor("vastmanland", name="Utan plan").id
        db.session.commit()
    start = f"/actors/{other_actor}/competence-plan/new"
    region_id = collab_region_id(synced_app, "vastmanland")
    for data, field in (({"region": str(region_id), "year": "99999"}, "year"),
                        ({"region": str(region_id), "year": "tjugo"}, "year"),
                        ({"region": str(collab_region_id(synced_app, "vasternorrland")), "year": "2026"}, "region")):
        response = post(admin, start, data)
        assert response.status_code == 400, data
        assert set(collab.form_errors(response)) == {field}, data
    with synced_app.app_context():
        assert services.count_years(other_actor) == 0


# -- the demo -----------------------------------------------------------------------------------

def test_the_demo_has_region_vastmanlands_plan_of_two_years(synced_app):
    with synced_app.app_context():
        counts = load_demo()
        assert (counts["competence plan year"], counts["competence activity"],
                counts["initiative from a competence plan"]) == (2, 18, 1)
        actor = db.session.scalar(select(Actor).filter_by(name="Region Västmanland"))
        years = db.session.scalars(select(CompetencePlanYear).filter_by(actor_id=actor.id)
                                   .order_by(CompetencePlanYear.year)).all()
        assert [(y.year, y.published, y.demo, y.region.slug) for y in years] == [
            (2025, True, True, "vastmanland"), (2026, True, True, "vastmanland")]
        found = changes(*years)
        assert len(found.parts) == 3 and len(found.added) == 1 and len(found.removed) == 1
        assert "<ins>" in str(found.summary)
        assert [(c.activity.title, [n.code for n in c.linked]) for c in found.changed] == [
            ("Kompetensbaserad rekrytering för alla rekryterande chefer", ["M11"])]
        made = [a for a in years[1].activities if a.initiative_id]
        assert [(a.title, a.initiative.draft, a.initiative.status) for a in made] == [
            ("Fler VFU- och praktikplatser tillsammans med länets kommuner", True, "planned")]
        assert "M9" in {n.code for a in years[0].activities for n in a.nodes}
        again = load_demo()
        assert not {key for key in again if "competence" in key}
        assert db.session.scalar(select(func.count()).select_from(CompetencePlanYear)) == 2
        actor_id = actor.id
    page = synced_app.test_client().get(f"/actors/{actor_id}/competence-plan")
    assert page.status_code == 200
    assert "Kompetensförsörjningsplan 2026" in page.text and "Demodata." in page.text


def test_two_requests_at_once_make_one_initiative(plan, synced_app):
    """The second of two requests that both read the activity unlinked is refused by the guarded
    UPDATE, so its initiative is rolled back: one activity, one initiative."""
    actor_id, first_id = plan
    with synced_app.app_context():
        first = db.session.get(CompetencePlanYear, first_id)
        target = activity(first, "Mässor")
        assert target.initiative is None  # read as the second request reads it
        other = services.initiative_values(target)
        made_meanwhile = services.initiative_services.create_initiative(other, by=None)
        db.session.execute(CompetenceActivity.__table__.update().where(CompetenceActivity.id == target.id)
                           .values(initiative_id=made_meanwhile.id))
        db.session.commit()
        before = db.session.scalar(select(func.count()).select_from(Initiative))
        target = activity(db.session.get(CompetencePlanYear, first_id), "Mässor")
        db.session.expire(target, ["initiative_id", "initiative"])
        assert services.activity_to_initiative(target, by=None) == (made_meanwhile, False)
        # the race itself: the ORM still believes the activity unlinked when the UPDATE runs
        target.__dict__["initiative"] = None
        with pytest.raises(services.PlanError):
            services.activity_to_initiative(target, by=None)
        db.session.rollback()
        assert db.session.scalar(select(func.count()).select_from(Initiative)) == before
        assert db.session.get(CompetenceActivity, target.id).initiative_id == made_meanwhile.id


def test_a_year_past_any_column_is_a_404(plan, synced_app):
    actor_id, _ = plan
    client = synced_app.test_client()
    assert client.get(f"/actors/{actor_id}/competence-plan/2025").status_code == 200
    # a number past any column matches no route; an unknown actor or year is the view's 404
    for path, routed in ((f"/actors/{actor_id}/competence-plan/{2**31}", False),
                         (f"/actors/{actor_id}/competence-plan/{'9' * 25}", False),
                         ("/actors/999999/competence-plan", True), (f"/actors/{actor_id}/competence-plan/1999", True)):
        assert (collab.route_of(synced_app, path) is not None) == routed, path
        assert client.get(path).status_code == 404, path


def test_an_actor_in_two_regions_starts_its_plan_in_the_one_chosen(synced_app, accounts):
    """A contact chooses among the actor's regions; a region admin only their own region. The
    region's template and goals apply: Västernorrland has no template, so the core's one section."""
    with synced_app.app_context():
        actor = collab.make_actor("vastmanland", name="Tvåregionsaktören")
        actor.regions.append(collab.region("vasternorrland"))
        collab.make_membership(actor, ACCOUNTS["no-role"][0], role="contact", slug="vastmanland")
        db.session.commit()
        actor_id = actor.id
    path = f"/actors/{actor_id}/competence-plan/new"
    admin_form = signed_in(synced_app, "region-admin").get(path).text
    assert re.findall(r'<option[^>]*value="(\d+)"', admin_form) == [str(collab_region_id(synced_app, "vastmanland"))]
    contact = signed_in(synced_app, "no-role")
    options = re.findall(r'<option[^>]*>([^<]+)</option>', contact.get(path).text)
    assert options == ["Västernorrland", "Västmanland"]
    response = post(contact, path, {"region": collab_region_id(synced_app, "vasternorrland"), "year": "2026"})
    assert response.status_code == 302
    page = contact.get(f"/actors/{actor_id}/competence-plan/2026").text
    assert re.findall(r'<h2 id="section-[a-z-]+-heading">([^<]+)</h2>', page) == ["Kompetensförsörjning"]
    # its activities serve Västernorrland's plan: its directions are offered, Västmanland's goals not
    with synced_app.app_context():
        plan_id = db.session.scalar(select(CompetencePlanYear.id).filter_by(actor_id=actor_id))
    form = contact.get(f"/competence-plans/{plan_id}/activities/new").text
    assert "F1.1" in form and "M9 " not in form
