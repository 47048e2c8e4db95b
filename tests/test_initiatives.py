"""Initiatives: the list and its filters, an initiative's page, creating and editing one through
its form (with the plan-node picker without JavaScript), drafts, and two people editing at once."""
import re
import threading

import collab
import pytest
from conftest import ACCOUNTS, csrf_token, in_language, login
from flask_babel import force_locale
from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError

from samverkan.audit import AuditEvent
from samverkan.extensions import db
from samverkan.initiatives import services
from samverkan.initiatives.models import Initiative
from samverkan.plans.forms import NODE_MATCHES
from samverkan.plans.models import Plan, PlanNode
from samverkan.regions.models import Region
from samverkan.themes.models import Theme


def signed_in(app, key):
    client = app.test_client()
    assert login(client, ACCOUNTS[key][0]).status_code == 302
    return client


def node_about(slug, theme):
    """The id of a node of ``slug``'s current plan that has ``theme``."""
    return db.session.scalars(
        select(PlanNode.id).join(Plan).join(Region).join(PlanNode.themes)
        .where(Region.slug == slug, Theme.slug == theme, PlanNode.retired.is_(False), Plan.retired.is_(False))
    ).first()


@pytest.fixture
def lead_actor(client, accounts):
    """An actor of Västmanland whose member is the Västmanland project lead."""
    with client.application.app_context():
        actor = collab.make_actor("vastmanland", name="Mälardalens validering AB")
        collab.make_membership(actor, ACCOUNTS["project-lead"][0], role="project-lead")
        db.session.commit()
        return actor.id


def form_data(client, **values):
    data = {"title": "Validering i vården", "summary": "Kortare väg till undersköterska.", "status": "running",
            "csrf_token": csrf_token(client)}
    data.update(values)
    return data


def test_a_project_lead_creates_an_initiative_linked_to_a_plan_node(synced_app, lead_actor):
    client = signed_in(synced_app, "project-lead")
    with synced_app.app_context():
        region_id = collab.region("vastmanland").id
        node_id = node_about("vastmanland", "validation")
    page = client.get("/initiatives/new")
    assert page.status_code == 200
    assert "Mälardalens validering AB" in page.text
    answer = client.post("/initiatives/new", data=form_data(
        client, lead_region=region_id, owner=lead_actor, nodes=[node_id], target_groups=["newly-arrived"],
        perspectives=["gender"], funding_esf="1200000", description="Se **mer** <script>x()</script>"))
    assert answer.status_code == 302, answer.text
    shown = client.get(answer.headers["Location"])
    assert "Validering i vården" in shown.text
    assert "<strong>mer</strong>" in shown.text and "<script>x()" not in shown.text
    with synced_app.app_context():
        initiative = db.session.scalars(select(Initiative).filter_by(title="Validering i vården")).one()
        assert [node.id for node in initiative.nodes] == [node_id]
        assert list(initiative.target_groups) == ["newly-arrived"]
        assert {row.source: row.amount_sek for row in initiative.funding} == {"esf": 1200000}
        assert [(c.from_status, c.to_status) for c in initiative.status_changes] == [(None, "running")]


def test_a_project_lead_cannot_create_one_for_an_actor_they_do_not_belong_to(synced_app, lead_actor):
    client = signed_in(synced_app, "project-lead")
    with synced_app.app_context():
        stranger = collab.make_actor("vastmanland", name="Främmande AB")
        db.session.commit()
        region_id, stranger_id = collab.region("vastmanland").id, stranger.id
    assert "Främmande AB" not in client.get("/initiatives/new").text.split('name="owner"')[1].split("</select>")[0]
    answer = client.post("/initiatives/new", data=form_data(client, lead_region=region_id, owner=stranger_id))
    assert answer.status_code == 400
    assert collab.form_errors(answer)["owner"] == "Inte ett giltigt val"
    with synced_app.app_context():
        assert db.session.scalar(select(db.func.count(Initiative.id))) == 0


def test_a_member_may_not_open_the_new_initiative_form(synced_app, accounts):
    assert signed_in(synced_app, "member").get("/initiatives/new").status_code == 403
    assert collab.refusals(synced_app)[-1] == "initiative.edit (in no region)"


def test_the_node_picker_finds_nodes_without_javascript_and_keeps_what_was_typed(synced_app, lead_actor):
    client = signed_in(synced_app, "project-lead")
    with synced_app.app_context():
        region_id = collab.region("vastmanland").id
    answer = client.post("/initiatives/new", data=form_data(client, lead_region=region_id, owner=lead_actor,
                                                            node_query="validering", find_nodes="1"))
    assert answer.status_code == 200
    assert 'value="Validering i vården"' in answer.text
    found = re.findall(r'name="nodes" value="(\d+)"', answer.text)
    assert found, "the search offers nodes to tick"
    with synced_app.app_context():
        assert db.session.scalar(select(db.func.count(Initiative.id))) == 0
        titles = [db.session.get(PlanNode, int(i)).title.casefold() for i in found]
    assert all("validering" in title for title in titles)


def test_a_search_with_many_matches_never_hides_a_linked_node(synced_app, running):
    """The picker shows at most NODE_MATCHES matches, but every linked node besides: a linked node
    left out of the form would be unlinked by the next save."""
    lead = signed_in(synced_app, "project-lead")
    with synced_app.app_context():
        nodes = db.session.scalars(select(PlanNode).join(Plan).join(Region).where(
            Region.slug == "vastmanland", Plan.retired.is_(False), PlanNode.retired.is_(False))
            .order_by(PlanNode.position.desc(), PlanNode.id.desc())).all()
        last = next(node for node in nodes if "e" in node.title)  # late in the plan, and a match
        assert sum("e" in node.title.casefold() for node in nodes) > NODE_MATCHES + 1
        initiative = db.session.get(Initiative, running)
        initiative.nodes = [last]
        db.session.commit()
        last_id = last.id
    data = edit_data(lead, running, nodes=[last_id], node_query="e", find_nodes="1")
    answer = in_language(lead, "en").post(f"/initiatives/{running}/edit", data=data)
    assert answer.status_code == 200
    shown = re.findall(r'name="nodes" value="(\d+)"( checked)?', answer.text)
    assert (str(last_id), " checked") in shown
    assert len(shown) == NODE_MATCHES + 1
    assert "The first 30 plan nodes that match “e”" in answer.text
    # and saved as it stands, the link stays
    del data["find_nodes"]
    assert lead.post(f"/initiatives/{running}/edit", data=data).status_code == 302
    with synced_app.app_context():
        assert [node.id for node in db.session.get(Initiative, running).nodes] == [last_id]


def test_the_htmx_picker_answers_with_the_matching_nodes(synced_app, client):
    with synced_app.app_context():
        region_id = collab.region("vasternorrland").id
    answer = client.get(f"/initiatives/node-options?node_query=validering&lead_region={region_id}",
                        headers={"HX-Request": "true"})
    assert answer.status_code == 200
    assert '<div id="node-options"' in answer.text and "<html" not in answer.text
    assert 'name="nodes"' in answer.text


@pytest.fixture
def running(client, accounts, lead_actor):
    with client.application.app_context():
        actor = db.session.get(collab.Actor, lead_actor)
        initiative = collab.make_initiative("vastmanland", title="Yrkesvux i Västerås", owner=actor)
        db.session.commit()
        return initiative.id


def edit_data(client, initiative_id, **values):
    page = client.get(f"/initiatives/{initiative_id}/edit")
    assert page.status_code == 200
    version = re.search(r'name="version" type="hidden" value="(\d+)"', page.text).group(1)
    with client.application.app_context():
        initiative = db.session.get(Initiative, initiative_id)
        data = {"title": initiative.title, "status": initiative.status, "lead_region": initiative.lead_region_id,
                "owner": initiative.owner_id, "version": version, "csrf_token": csrf_token(client)}
    data.update(values)
    return data


def test_two_people_editing_at_once_the_second_gets_a_conflict_not_an_overwrite(synced_app, running):
    lead = signed_in(synced_app, "project-lead")
    admin = signed_in(synced_app, "region-admin")
    first = edit_data(lead, running, summary="Från projektledaren")
    second = edit_data(admin, running, summary="Från regionen")
    assert lead.post(f"/initiatives/{running}/edit", data=first).status_code == 302
    conflict = admin.post(f"/initiatives/{running}/edit", data=second)
    assert conflict.status_code == 409
    assert "Från projektledaren" in conflict.text and "Från regionen" in conflict.text
    with synced_app.app_context():
        assert db.session.get(Initiative, running).summary == "Från projektledaren"
    # saving again, now over the newest version, keeps the second person's text deliberately
    again = re.search(r'name="version" type="hidden" value="(\d+)"', conflict.text).group(1)
    assert admin.post(f"/initiatives/{running}/edit", data={**second, "version": again}).status_code == 302
    with synced_app.app_context():
        assert db.session.get(Initiative, running).summary == "Från regionen"


def test_the_conflict_shows_the_other_persons_values_in_words(synced_app, running):
    """Target groups, themes and funding by their labels in the reader's language, amounts as
    numbers are written: never the keys and slugs the comparison uses."""
    lead = signed_in(synced_app, "project-lead")
    admin = signed_in(synced_app, "region-admin")
    with synced_app.app_context():
        theme = db.session.scalars(select(Theme).filter_by(slug="validation")).one()
        theme_id, theme_name = theme.id, theme.name_en or theme.name
    mine = edit_data(admin, running, summary="Från regionen", budget_sek="")  # as a browser sends it
    theirs = edit_data(lead, running, target_groups=["newly-arrived"], themes=[theme_id], funding_esf="1200000",
                       budget_sek="2500000")
    assert lead.post(f"/initiatives/{running}/edit", data=theirs).status_code == 302
    conflict = in_language(admin, "en").post(f"/initiatives/{running}/edit", data=mine)
    assert conflict.status_code == 409
    rows = {row[0]: row[1:] for row in re.findall(
        r'<tr><th scope="row">([^<]+)</th><td class="prewrap">([^<]*)</td><td class="prewrap">([^<]*)</td></tr>',
        conflict.text)}
    assert rows["Target groups"] == ("Newly arrived", "–")
    assert rows["Themes"] == (theme_name, "–")
    assert rows["Funding"] == ("ESF+: 1,200,000 SEK", "–")
    assert rows["Budget (SEK)"] == ("2,500,000", "–")
    assert "newly-arrived" not in conflict.text.split('id="conflict"')[1].split("</table>")[0]


def test_saving_the_same_version_at_the_same_moment_lets_one_win(synced_app, running):
    """Two sessions load the same version of an initiative and save at once, each in a
    transaction of its own: the version checked in the UPDATE lets exactly one through; the other
    gets ``StaleDataError`` (both passed the check in Python, so only the database can tell), and
    the winner's text is what is stored. On SQLite the database serialises the writes; on
    PostgreSQL the second UPDATE waits for the first's row lock and then finds the version gone."""
    barrier = threading.Barrier(2)
    outcomes, errors = {}, []

    def save(summary):
        try:
            with synced_app.app_context():
                initiative = db.session.get(Initiative, running)
                version = initiative.version
                barrier.wait(timeout=30)  # both have read the same version before either writes
                try:
                    services.update_initiative(initiative, {"summary": summary}, by=None, version=version)
                    db.session.commit()
                    outcomes[summary] = "saved"
                except StaleDataError:
                    db.session.rollback()
                    outcomes[summary] = "stale"
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)

    threads = [threading.Thread(target=save, args=(summary,)) for summary in ("Först", "Sedan")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors
    assert sorted(outcomes.values()) == ["saved", "stale"]
    winner = next(summary for summary, outcome in outcomes.items() if outcome == "saved")
    with synced_app.app_context():
        initiative = db.session.get(Initiative, running)
        assert (initiative.summary, initiative.version) == (winner, 2)


def test_two_browsers_posting_the_same_version_at_once_one_saves_the_other_sees_a_conflict(
        synced_app, running, monkeypatch):
    """The same race through the web: the project lead and the region admin post the edit form of
    the same version at the same moment, each request held until both have loaded the initiative
    and passed the form's checks; one is saved (302), the other answered 409 with the winner's
    text beside its own, and nothing of it stored."""
    lead = signed_in(synced_app, "project-lead")
    admin = signed_in(synced_app, "region-admin")
    posts = {"Från projektledaren": (lead, edit_data(lead, running, summary="Från projektledaren")),
             "Från regionen": (admin, edit_data(admin, running, summary="Från regionen"))}
    both_loaded = threading.Barrier(2)
    update = services.update_initiative

    def held_update(*args, **kwargs):
        both_loaded.wait(timeout=30)
        return update(*args, **kwargs)

    monkeypatch.setattr(services, "update_initiative", held_update)
    answers, errors = {}, []

    def post(summary):
        client, data = posts[summary]
        try:
            answers[summary] = client.post(f"/initiatives/{running}/edit", data=data)
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)

    threads = [threading.Thread(target=post, args=(summary,)) for summary in posts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors
    assert sorted(answer.status_code for answer in answers.values()) == [302, 409]
    winner = next(summary for summary, answer in answers.items() if answer.status_code == 302)
    loser = next(summary for summary in answers if summary != winner)
    conflict = answers[loser].text
    assert winner in conflict and loser in conflict  # theirs beside mine
    assert 'id="conflict"' in conflict
    # the form comes back over the newest version: saving it again is deliberate, and goes through
    newest = re.search(r'name="version" type="hidden" value="(\d+)"', conflict).group(1)
    with synced_app.app_context():
        stored = db.session.get(Initiative, running)
        assert stored.summary == winner and str(stored.version) == newest


def test_an_edit_is_in_the_audit_log_with_its_links(synced_app, running):
    lead = signed_in(synced_app, "project-lead")
    with synced_app.app_context():
        node_id = node_about("vastmanland", "validation")
    data = edit_data(lead, running, summary="Ny sammanfattning", nodes=[node_id], status="finished")
    assert lead.post(f"/initiatives/{running}/edit", data=data).status_code == 302
    with synced_app.app_context():
        events = db.session.scalars(select(AuditEvent).where(AuditEvent.object_type == "Initiative",
                                                             AuditEvent.action == "update")).all()
        changed = {key for event in events for key in event.changes}
        assert {"summary", "status", "nodes"} <= changed
        initiative = db.session.get(Initiative, running)
        assert [c.to_status for c in initiative.status_changes][:1] == ["finished"]


def test_a_draft_is_seen_by_its_editors_and_analysts_only(synced_app, running):
    with synced_app.app_context():
        db.session.get(Initiative, running).draft = True
        db.session.commit()
    seen = {}
    for key in ("project-lead", "region-admin", "national-analyst", "member", "other-region-admin",
                "other-project-lead"):
        client = signed_in(synced_app, key)
        seen[key] = (client.get(f"/initiatives/{running}").status_code,
                     "Yrkesvux i Västerås" in client.get("/initiatives/").text)
    seen["anonymous"] = (synced_app.test_client().get(f"/initiatives/{running}").status_code,
                         "Yrkesvux i Västerås" in synced_app.test_client().get("/initiatives/").text)
    assert seen == {"project-lead": (200, True), "region-admin": (200, True), "national-analyst": (200, True),
                    "member": (404, False), "other-region-admin": (404, False),
                    "other-project-lead": (404, False), "anonymous": (404, False)}


@pytest.mark.parametrize("query, found", [
    ("", True), ("region=vastmanland", True), ("region=vasternorrland", False), ("status=running", True),
    ("status=finished", False), ("target_group=students", True), ("target_group=employers", False),
    ("theme=validation", True), ("theme={unused}", False), ("q=yrkesvux", True), ("q=bageri", False),
    ("q=%25", False), ("q=_", False), ("q=v%C3%A4ster%C3%A5s", True),  # words, through the search index; % and _ never wildcards
])
def test_the_list_filters_by_plain_query_parameters(synced_app, client, accounts, query, found):
    with synced_app.app_context():
        node = db.session.get(PlanNode, node_about("vastmanland", "validation"))
        collab.make_initiative("vastmanland", title="Yrkesvux i Västerås", nodes=[node],
                               target_groups=["students"])
        db.session.commit()
        used = {theme.slug for theme in node.themes}
        unused = next(slug for slug in db.session.scalars(select(Theme.slug)) if slug not in used)
    page = client.get(f"/initiatives/?{query.format(unused=unused)}")
    assert page.status_code == 200
    assert ("Yrkesvux i Västerås" in page.text) is found


def test_the_list_by_plan_node_includes_the_nodes_children(synced_app, client, accounts):
    with synced_app.app_context():
        child = db.session.scalars(select(PlanNode).join(Plan).join(Region).where(
            Region.slug == "vastmanland", PlanNode.parent_id.is_not(None), Plan.retired.is_(False))).first()
        collab.make_initiative("vastmanland", title="Barnets initiativ", nodes=[child])
        db.session.commit()
        parent_id, child_id = child.parent_id, child.id
    assert "Barnets initiativ" in client.get(f"/initiatives/?node={parent_id}").text
    assert "Barnets initiativ" in client.get(f"/initiatives/?node={child_id}").text


def test_an_unknown_filter_value_is_a_400_that_says_why(client):
    answer = client.get("/initiatives/?status=halfway")
    assert answer.status_code == 400
    assert collab.form_errors(answer) == {"status": "Inte ett giltigt val"}


def status_data(client, initiative_id, status):
    page = client.get(f"/initiatives/{initiative_id}")
    version = re.search(r'name="version" type="hidden" value="(\d+)"', page.text).group(1)
    return {"status": status, "version": version, "csrf_token": csrf_token(client)}


def test_an_editor_changes_the_status_in_place_with_htmx(synced_app, running):
    lead = signed_in(synced_app, "project-lead")
    answer = lead.post(f"/initiatives/{running}/status", data=status_data(lead, running, "finished"),
                       headers={"HX-Request": "true"})
    assert answer.status_code == 200
    assert '<section aria-labelledby="history-heading"' in answer.text
    assert "<html" not in answer.text
    with synced_app.app_context():
        initiative = db.session.get(Initiative, running)
        assert initiative.status == "finished"
        assert [(c.from_status, c.to_status) for c in initiative.status_changes][0] == ("running", "finished")


def test_without_javascript_the_status_change_reloads_the_page(synced_app, running):
    lead = signed_in(synced_app, "project-lead")
    answer = lead.post(f"/initiatives/{running}/status", data=status_data(lead, running, "cancelled"))
    assert answer.status_code == 302
    assert answer.headers["Location"].endswith(f"/initiatives/{running}#status-section")
    with collab.error_pages(synced_app) as errors:
        assert lead.post(f"/initiatives/{running}/status",
                         data=status_data(lead, running, "halfway")).status_code == 400
    assert [error.description for error in errors] == ["not a status"]
    with synced_app.app_context():
        assert db.session.get(Initiative, running).status == "cancelled"


def test_a_status_change_over_a_newer_version_is_a_conflict(synced_app, running):
    lead = signed_in(synced_app, "project-lead")
    admin = signed_in(synced_app, "region-admin")
    stale = status_data(admin, running, "cancelled")
    assert lead.post(f"/initiatives/{running}/status", data=status_data(lead, running, "finished")).status_code == 302
    answer = admin.post(f"/initiatives/{running}/status", data=stale, headers={"HX-Request": "true"})
    assert answer.status_code == 409
    assert 'role="alert"' in answer.text
    with synced_app.app_context():
        assert db.session.get(Initiative, running).status == "finished"


def test_the_status_form_is_only_for_editors(synced_app, running):
    assert 'name="status"' not in signed_in(synced_app, "member").get(f"/initiatives/{running}").text
    member = signed_in(synced_app, "member")
    assert member.post(f"/initiatives/{running}/status",
                       data={"status": "finished", "version": "1", "csrf_token": csrf_token(member)}).status_code == 403
    assert collab.refusals(synced_app)[-1] == "initiative.edit"
    with synced_app.app_context():
        assert db.session.get(Initiative, running).status == "running"


@pytest.mark.parametrize("lessons", ["", "   \r\n  "])
def test_a_practice_without_lessons_learned_is_an_error_on_that_field(synced_app, lead_actor, lessons):
    """Ticking "good example" with no lessons learned is the form's error on the lessons-learned
    field (it once raised AttributeError: the check wrote to that field before it was validated)."""
    client = signed_in(synced_app, "project-lead")
    with synced_app.app_context():
        region_id = collab.region("vastmanland").id
    answer = in_language(client, "en").post("/initiatives/new", data=form_data(
        client, lead_region=region_id, owner=lead_actor, is_practice="y", lessons_learned=lessons))
    assert answer.status_code == 400
    error = re.search(r'<p class="error" id="lessons_learned-error">([^<]*)</p>', answer.text)
    assert error, "the error is shown at the lessons-learned field"
    assert error.group(1) == "Write the lessons learned to mark the initiative as a practice."
    assert 'id="is_practice-error"' not in answer.text
    with synced_app.app_context():
        assert db.session.scalar(select(db.func.count(Initiative.id))) == 0
    # with its lessons written, the same practice is saved
    saved = client.post("/initiatives/new", data=form_data(
        client, lead_region=region_id, owner=lead_actor, is_practice="y", lessons_learned="Börja i liten skala."))
    assert saved.status_code == 302
    with synced_app.app_context():
        practice = db.session.scalars(select(Initiative)).one()
        assert (practice.is_practice, practice.lessons_learned) == (True, "Börja i liten skala.")


def test_status_and_good_example_are_tags_on_the_page_and_in_lists(synced_app, running):
    """Status, draft and good example are framed words beside the title and in the lists, not only
    the grey line above the title."""
    with synced_app.app_context():
        initiative = db.session.get(Initiative, running)
        initiative.is_practice, initiative.lessons_learned = True, "Börja i liten skala."
        db.session.commit()
    lead = signed_in(synced_app, "project-lead")
    page = in_language(lead, "en").get(f"/initiatives/{running}").text
    row = re.search(r'<p class="tag-row">(.*?)</p>', page, re.S).group(1)
    assert re.findall(r'<span class="tag [^"]*">([^<]+)</span>', row) == ["Running", "Practice"]
    assert "Running" not in re.search(r'<p class="kind">(.*?)</p>', page, re.S).group(1)
    listed = in_language(lead, "sv").get("/initiatives/?q=Yrkesvux").text
    row = re.search(r"<tr>\s*<th scope=\"row\"><a[^>]*>Yrkesvux i Västerås</a>(.*?)</tr>", listed, re.S).group(1)
    assert '<span class="tag practice-tag">Gott exempel</span>' in row
    assert '<span class="tag status-tag status-running">Pågår</span>' in row


# -- the regions of a shared initiative: a region releases its own hold, never another's ---------

@pytest.fixture
def shared(client, accounts):
    """An initiative Västmanland leads, with Västernorrland and a third region as partner regions:
    (its id, the third region's id)."""
    with client.application.app_context():
        third = db.session.scalars(select(Region).where(Region.slug.not_in(("vastmanland", "vasternorrland")))
                                   .order_by(Region.slug)).first()
        initiative = collab.make_initiative(
            "vastmanland", title="Gemensam validering",
            partner_regions=[collab.region("vasternorrland"), third])
        db.session.commit()
        return initiative.id, third.id


def regions_of(app, initiative_id):
    with app.app_context():
        initiative = db.session.get(Initiative, initiative_id)
        return (initiative.lead_region.slug, sorted(region.slug for region in initiative.partner_regions),
                initiative.title, initiative.version)


def field_error(answer, name):
    found = re.search(rf'<p class="error" id="{name}-error">([^<]*)</p>', answer.text)
    return found and found.group(1)


def test_a_partner_regions_admin_cannot_make_their_region_the_lead(synced_app, shared):
    """The probe: Västernorrland's admin, reaching the initiative through its partner region, posted
    the form with their region as the lead and no partner regions; it saved, and Västmanland's admin
    was refused their own initiative."""
    initiative_id, third = shared
    before = regions_of(synced_app, initiative_id)
    with synced_app.app_context():
        takeover = collab.region("vasternorrland").id
    partner_admin = signed_in(synced_app, "other-region-admin")
    data = edit_data(partner_admin, initiative_id, title="Övertagen", partner_regions=[])
    lead_id, data["lead_region"] = data["lead_region"], takeover
    answer = in_language(partner_admin, "en").post(f"/initiatives/{initiative_id}/edit", data=data)
    assert answer.status_code == 400
    assert field_error(answer, "lead_region") == (
        "Only those who edit the initiative for its lead region, Västmanland, can change the lead region.")
    assert regions_of(synced_app, initiative_id) == before  # nothing of it written, not even the title
    # with the lead left alone, dropping the other partner regions is refused as well
    data["lead_region"] = lead_id
    answer = in_language(partner_admin, "en").post(f"/initiatives/{initiative_id}/edit", data=data)
    assert answer.status_code == 400
    assert field_error(answer, "partner_regions").startswith(
        "Only those who edit the initiative for its lead region, Västmanland, can add or remove partner "
        "regions.")
    assert regions_of(synced_app, initiative_id) == before
    assert signed_in(synced_app, "region-admin").get(f"/initiatives/{initiative_id}/edit").status_code == 200


def test_a_partner_regions_admin_cannot_add_a_partner_region(synced_app, shared):
    initiative_id, third = shared
    with synced_app.app_context():
        db.session.get(Initiative, initiative_id).partner_regions = [collab.region("vasternorrland")]
        db.session.commit()
    before = regions_of(synced_app, initiative_id)
    partner_admin = signed_in(synced_app, "other-region-admin")
    with synced_app.app_context():
        own = collab.region("vasternorrland").id
    answer = in_language(partner_admin, "en").post(f"/initiatives/{initiative_id}/edit", data=edit_data(
        partner_admin, initiative_id, partner_regions=[own, third]))
    assert answer.status_code == 400
    assert "can add or remove partner regions" in field_error(answer, "partner_regions")
    assert regions_of(synced_app, initiative_id) == before


def test_a_partner_regions_admin_releases_their_own_region(synced_app, shared):
    initiative_id, third = shared
    partner_admin = signed_in(synced_app, "other-region-admin")
    answer = in_language(partner_admin, "en").post(f"/initiatives/{initiative_id}/edit", data=edit_data(
        partner_admin, initiative_id, summary="Vi kliver av", partner_regions=[third]))
    assert answer.status_code == 302
    lead, partners, _title, _version = regions_of(synced_app, initiative_id)
    with synced_app.app_context():
        third_slug = db.session.get(Region, third).slug
        assert db.session.get(Initiative, initiative_id).summary == "Vi kliver av"
    assert (lead, partners) == ("vastmanland", [third_slug])
    shown = in_language(partner_admin, "en").get(answer.headers["Location"])
    assert "Your region is no longer one of its partner regions" in shown.text
    assert partner_admin.get(f"/initiatives/{initiative_id}/edit").status_code == 403
    assert signed_in(synced_app, "region-admin").get(f"/initiatives/{initiative_id}/edit").status_code == 200


def test_the_lead_regions_admin_changes_the_partner_regions(synced_app, shared):
    initiative_id, third = shared
    admin = signed_in(synced_app, "region-admin")
    answer = admin.post(f"/initiatives/{initiative_id}/edit", data=edit_data(admin, initiative_id,
                                                                              partner_regions=[third]))
    assert answer.status_code == 302
    with synced_app.app_context():
        assert [region.id for region in db.session.get(Initiative, initiative_id).partner_regions] == [third]


def test_the_form_shows_a_partner_region_the_regions_it_cannot_change_without_offering_them(synced_app, shared):
    initiative_id, third = shared
    with synced_app.app_context():
        own, lead = collab.region("vasternorrland").id, collab.region("vastmanland").id
    page = in_language(signed_in(synced_app, "other-region-admin"), "en").get(f"/initiatives/{initiative_id}/edit")
    assert '<select id="lead_region"' not in page.text
    assert "<strong>Lead region:</strong> Västmanland" in page.text
    boxes = re.findall(r'<input type="checkbox" name="partner_regions" id="[^"]+" value="(\d+)"( checked)?>',
                       page.text)
    assert boxes == [(str(own), " checked")]  # their own region only, to untick
    assert f'<input type="hidden" name="partner_regions" value="{third}">' in page.text
    assert f'<input type="hidden" name="lead_region" value="{lead}">' in page.text
    # the lead region's admin chooses among every region
    page = signed_in(synced_app, "region-admin").get(f"/initiatives/{initiative_id}/edit")
    assert '<select id="lead_region"' in page.text
    with synced_app.app_context():
        every = db.session.scalar(select(db.func.count(Region.id)))
    assert len(re.findall(r'<input[^>]* name="partner_regions" type="checkbox"', page.text)) == every


def test_a_new_initiative_is_led_from_a_region_where_the_person_edits_it(synced_app, accounts):
    """The form offers only those lead regions; the rule refuses any other besides, for whatever
    calls it."""
    with synced_app.app_context():
        ours = collab.make_actor("vasternorrland", name="Sundsvalls lärcentrum")
        collab.make_membership(ours, ACCOUNTS["other-project-lead"][0], role="project-lead")
        db.session.commit()
        ours_id, own, other = ours.id, collab.region("vasternorrland"), collab.region("vastmanland")
        own_id, other_id = own.id, other.id
        lead = collab.person(ACCOUNTS["other-project-lead"][0])
        values = {"title": "Lett från fel region", "owner_id": ours_id, "lead_region_id": other_id,
                  "partner_regions": [own], "status": "idea"}
        key, message = services.refusal(lead, values)
        with force_locale("en"):
            assert (key, str(message)) == ("lead_region_id", "Choose a lead region where you may edit the initiative.")
        assert services.refusal(lead, {**values, "lead_region_id": own_id, "partner_regions": [other]}) is None
    client = signed_in(synced_app, "other-project-lead")
    answer = client.post("/initiatives/new", data=form_data(client, lead_region=other_id, partner_regions=[own_id],
                                                            owner=ours_id))
    assert answer.status_code == 400
    with synced_app.app_context():
        assert db.session.scalar(select(db.func.count(Initiative.id))) == 0


def test_a_contact_persons_address_is_shown_as_the_actor_pages_show_peoples(synced_app, lead_actor):
    """To anyone signed in, never to an anonymous visitor: the same rule on an actor's page and an
    initiative's (the probe found account holders' addresses shown to anonymous visitors)."""
    address = ACCOUNTS["project-lead"][0]
    with synced_app.app_context():
        actor = db.session.get(collab.Actor, lead_actor)
        initiative = collab.make_initiative("vastmanland", title="Med kontaktperson", owner=actor,
                                            contact_name="Lena Lead", contact_email=address)
        db.session.commit()
        initiative_id = initiative.id
    pages = (f"/initiatives/{initiative_id}", f"/actors/{lead_actor}")
    anonymous = [synced_app.test_client().get(url) for url in pages]
    assert [page.status_code for page in anonymous] == [200, 200]
    assert not [page for page in anonymous if address in page.text]
    assert "Lena Lead" in anonymous[0].text  # the name stays: whom to ask for
    member = signed_in(synced_app, "other-member")
    assert all(f'<a href="mailto:{address}">{address}</a>' in member.get(url).text for url in pages)
