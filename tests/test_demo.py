"""``samverkan demo load``: a living platform for a newcomer, written once."""
from sqlalchemy import func, select

from samverkan.accounts.models import utcnow
from samverkan.actors.models import Actor
from samverkan.audit import AuditEvent
from samverkan.extensions import db
from samverkan.forums.models import Forum
from samverkan.meetings.models import Meeting
from samverkan.networks.models import Network


def count(model, *where):
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def test_demo_load_writes_councils_at_a_stage_forums_and_meetings_once(synced_app):
    runner = synced_app.test_cli_runner()
    first = runner.invoke(args=["demo", "load"])
    assert first.exit_code == 0, first.output
    assert "actor: 14 created" in first.output
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
        rows = {model: count(model) for model in (Actor, Network, Forum, Meeting, AuditEvent)}

    second = runner.invoke(args=["demo", "load"])
    assert second.exit_code == 0 and second.output.strip() == "The demo data is already loaded."
    with synced_app.app_context():
        assert {model: count(model) for model in rows} == rows


def test_demo_load_before_sync_says_what_to_do(app):
    result = app.test_cli_runner().invoke(args=["demo", "load"])
    assert result.exit_code == 1
    assert "plugins sync" in result.output


def test_bench_meetings_in_an_unknown_forum_is_an_error_not_a_traceback(synced_app):
    result = synced_app.test_cli_runner().invoke(args=["demo", "meetings", "--forum", "999", "--count", "5"])
    assert result.exit_code == 1
    assert "no forum 999" in result.output
