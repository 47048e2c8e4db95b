"""``samverkan demo load``: a living platform for a newcomer, written once."""
import time
from collections import Counter

from sqlalchemy import event, func, select

from samverkan.accounts.models import Person, RoleGrant
from samverkan.times import utcnow
from samverkan.actors.models import Actor, Membership
from samverkan.audit import AuditEvent
from samverkan.demo import demo_email
from samverkan.demo_data import overview_projects as overview
from samverkan.demo_data.regional_initiatives import INITIATIVES
from samverkan.extensions import db
from samverkan.forums.models import Forum
from samverkan.initiatives import queries
from samverkan.initiatives.models import Initiative, ProgressEntry, ReportingPeriod, StatusChange
from samverkan.meetings.models import Action, Meeting
from samverkan.networks.models import Network
from samverkan.plans.models import PlanNode
from samverkan.policy import can
from samverkan.regions.models import Region
from samverkan.times import today


def count(model, *where):
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def test_demo_load_writes_councils_at_a_stage_forums_and_meetings_once(synced_app):
    runner = synced_app.test_cli_runner()
    with synced_app.app_context():
        statements = []
        event.listen(db.engine, "before_cursor_execute", lambda *args: statements.append(1))
    started = time.perf_counter()
    first = runner.invoke(args=["demo", "load"])
    # measured, not asserted (the machine is shared); shown with `pytest -rP`
    print(f"demo load: {time.perf_counter() - started:.2f} s, {len(statements)} statements")
    assert first.exit_code == 0, first.output
    # the 14 organisations of the two regions, the 21 owners of the overview's projects and the
    # 21 employers of the needs survey rounds
    assert "actor: 56 created" in first.output
    assert f"initiative: {45 + len(INITIATIVES)} created" in first.output
    with synced_app.app_context():
        councils = db.session.scalars(select(Network).where(Network.council_id.is_not(None))
                                      .order_by(Network.name)).all()
        # the councils from the plugins, not copies of them, have climbed the staircase
        assert [(n.name, n.stage) for n in councils] == [("Västernorrlands kompetensråd", "samhandling"),
                                                         ("Västmanlands kompetensråd", "samverkan")]
        assert all(len(n.stage_changes) >= 3 and n.members and n.nodes for n in councils)
        spanning = db.session.scalar(select(Network).filter_by(kind="validation-network"))
        assert sorted(r.slug for r in spanning.regions) == ["vasternorrland", "vastmanland"]
        # a forum of Västernorrland started from Gotland's published model
        from_model = db.session.scalar(select(Forum).where(Forum.model_id.is_not(None), Forum.region_id.is_not(None)))
        assert from_model.model.region.slug == "gotland" and from_model.region.slug == "vasternorrland"
        now = utcnow()
        assert count(Meeting, Meeting.starts_at < now, Meeting.status == "held") > 0
        assert count(Meeting, Meeting.starts_at > now, Meeting.status == "planned") > 0
        rows = {model: count(model) for model in (Actor, Network, Forum, Meeting, AuditEvent, Initiative,
                                                  StatusChange, ProgressEntry, ReportingPeriod, RoleGrant, Action)}
        linked_actions = count(Action, Action.initiative_id.is_not(None))
        assert linked_actions > 0

    second = runner.invoke(args=["demo", "load"])
    assert second.exit_code == 0 and second.output.strip() == "The demo data is already loaded."
    with synced_app.app_context():
        assert {model: count(model) for model in rows} == rows
        assert count(Action, Action.initiative_id.is_not(None)) == linked_actions


def test_demo_load_before_sync_says_what_to_do(app):
    result = app.test_cli_runner().invoke(args=["demo", "load"])
    assert result.exit_code == 1
    assert "plugins sync" in result.output


def test_bench_meetings_in_an_unknown_forum_is_an_error_not_a_traceback(synced_app):
    result = synced_app.test_cli_runner().invoke(args=["demo", "meetings", "--forum", "999", "--count", "5"])
    assert result.exit_code == 1
    assert "no forum 999" in result.output


def test_the_overview_s_projects_are_initiatives_of_their_counties_as_many_as_the_appendix_lists(demo_app):
    with demo_app.app_context():
        titles = {project.title for project in overview.PROJECTS}
        rows = db.session.execute(select(Region.slug, Initiative.title, Actor.name)
                                  .join(Initiative.lead_region).join(Initiative.owner)
                                  .where(Initiative.title.in_(titles))).all()
        assert len(rows) == 45
        expected = Counter(project.county for project in overview.PROJECTS)
        assert Counter(slug for slug, _, _ in rows) == expected
        assert len(expected) == 21 and expected["vastmanland"] == 2 and expected["vastra-gotaland"] == 4
        # owned by the appendix's project owners, one actor each
        assert {(slug, owner) for slug, _, owner in rows} == {
            (county, owner) for county, (owner, _, _) in overview.OWNERS.items()}
        # finished, published, with the overview's group as a theme and its words as the description
        dalarna = db.session.scalar(select(Initiative).filter_by(title="Dala Valideringscentrum"))
        assert (dalarna.status, dalarna.draft) == ("finished", False)
        assert [theme.slug for theme in dalarna.themes] == ["validation"]
        assert "skapa en regional struktur för validering" in dalarna.description
        assert [(c.to_status, c.changed_on) for c in dalarna.status_changes] == [("finished", overview.FINISHED_BY)]
        # the project naming four counties is led by its owner's and linked to the other three
        forecast = db.session.scalar(select(Initiative).where(Initiative.title.like("Regional utbildnings-%")))
        assert forecast.lead_region.slug == "ostergotland"
        assert sorted(r.slug for r in forecast.partner_regions) == ["orebro", "sodermanland", "vastmanland"]
        found = db.session.scalars(queries.filtered(None, region="orebro")).all()
        assert forecast in found and len(found) == 2  # Örebro's own project and the shared forecast


def node(slug, code):
    return db.session.scalar(select(PlanNode).join(PlanNode.plan).join(Region)
                             .where(Region.slug == slug, PlanNode.code == code))


def test_vastmanland_s_validation_initiative_is_on_its_goal_on_validation_with_progress(demo_app):
    with demo_app.app_context():
        goal = node("vastmanland", "M8")
        assert goal.title == "Etablerad regional struktur för validering"
        on_goal = db.session.scalars(queries.filtered(None, node=goal.id)).all()
        lift = db.session.scalar(select(Initiative).filter_by(title="Valideringslyftet Västmanland"))
        assert lift in on_goal and lift.lead_region.slug == "vastmanland"
        assert lift.status == "running" and lift.is_practice and lift.lessons_learned
        assert lift.owner.name == "Valideringscentrum Mellansverige"
        assert [c.to_status for c in reversed(lift.status_changes)] == ["planned", "running"]
        entries = lift.progress_entries
        assert 2 <= len(entries) <= 4 and entries[0].reported_on <= today()
        assert lift.funding and lift.budget_sek == sum(f.amount_sek for f in lift.funding)
        assert lift.target_groups and lift.perspectives and lift.contact_name == "Karin Wallin"
        # Karin Wallin leads it: a project lead of the region and a member of the owner
        karin = db.session.scalar(select(Person).filter_by(email=demo_email("karin.wallin")))
        assert db.session.scalar(select(Membership).filter_by(person=karin, actor=lift.owner, role="project-lead"))
        assert can(karin, "initiative.edit", lift)
        assert not can(db.session.scalar(select(Person).filter_by(email=demo_email("fatima.haddad"))),
                       "initiative.edit", lift)

        # Västernorrland's direction on validation has the two regions' shared initiative
        direction = node("vasternorrland", "F3.3")
        shared = db.session.scalars(queries.filtered(None, node=direction.id)).all()
        assert [i.title for i in shared] == ["Gemensam valideringsstruktur Västernorrland–Västmanland"]
        assert [r.slug for r in shared[0].partner_regions] == ["vastmanland"]
        assert shared[0] in db.session.scalars(queries.filtered(None, region="vastmanland", theme="validation")).all()
        # the validation network's meeting actions now name the initiative they serve
        assert db.session.scalar(select(func.count()).select_from(Action).filter_by(initiative_id=shared[0].id))


def test_drafts_are_hidden_from_visitors_and_reports_are_due_in_both_regions(demo_app):
    with demo_app.app_context():
        drafts = db.session.scalars(select(Initiative).filter_by(draft=True)).all()
        assert {d.lead_region.slug for d in drafts} == {"vastmanland", "vasternorrland"}
        visible = set(db.session.scalars(queries.filtered(None)).all())
        assert visible and not visible & set(drafts)
        for slug in ("vastmanland", "vasternorrland"):
            periods = db.session.scalars(select(ReportingPeriod).join(Region).where(Region.slug == slug)
                                         .order_by(ReportingPeriod.due_on)).all()
            assert periods[0].due_on < today() <= periods[-1].due_on  # one overdue, one current
            assert periods[-1].starts_on <= today() <= periods[-1].ends_on
        # some running initiatives have not reported since before the overdue period began
        overdue_since = min(p.starts_on for p in db.session.scalars(select(ReportingPeriod)))
        silent = [i.title for i in db.session.scalars(select(Initiative).filter_by(status="running"))
                  if i.progress_entries and i.progress_entries[0].reported_on < overdue_since]
        assert "Yrkessvenska inom vård och omsorg" in silent
        roles = {(g.person.email, g.role, g.region and g.region.slug) for g in db.session.scalars(select(RoleGrant))}
        assert (demo_email("karin.wallin"), "project-lead", "vastmanland") in roles
