"""``plugins sync``: idempotent, transactional, and it never deletes what is still referenced."""
import dataclasses

import pytest
from sqlalchemy import Column, ForeignKey, Integer, Table, func, insert, select, text

from samverkan.audit import AuditEvent
from samverkan.extensions import db
from samverkan.plans.models import Plan, PlanNode
from samverkan.networks.models import Network
from samverkan.plugins import PluginContent
from samverkan.regions.models import Council, CouncilDuty, CouncilStep, Region
from samverkan.sync import sync_all
from samverkan.themes.models import Theme
from samverkan.themes.vocabulary import CORE_THEMES
from vasternorrland import plan as vasternorrland_plan


def contents(app):
    return app.extensions["samverkan.plugins"]


def count(model, **filters):
    return db.session.scalar(select(func.count()).select_from(model).filter_by(**filters))


def without_node(plugin_contents, plugin_name, code):
    """A copy of the plugins' contents in which ``code`` is gone from ``plugin_name``'s plan."""

    def prune(nodes):
        return tuple(dataclasses.replace(n, children=prune(n.children)) for n in nodes if n.code != code)

    result = []
    for content in plugin_contents:
        if content.name == plugin_name:
            plans = [dataclasses.replace(p, nodes=prune(p.nodes)) for p in content.plans]
            content = dataclasses.replace(content, plans=plans)
        result.append(content)
    return result


def test_first_sync_writes_counties_themes_and_plans(app):
    with app.app_context():
        report = sync_all(contents(app))
        assert count(Region) == 21
        assert count(Theme) == len(CORE_THEMES) == 17
        assert count(Region, plugin="vastmanland") == count(Region, plugin="vasternorrland") == 1
        assert count(Plan) == 2
        assert report.changes[("node", "created")] == count(PlanNode) > 0


def test_second_sync_changes_nothing(app):
    with app.app_context():
        sync_all(contents(app))
        rows = count(PlanNode)
        report = sync_all(contents(app))
        assert report.total == 0, report.lines()
        assert count(PlanNode) == rows


def with_council(plugin_contents, plugin_name, council):
    """A copy of the plugins' contents in which ``plugin_name``'s regions have ``council``."""
    return [dataclasses.replace(content, regions=[dataclasses.replace(r, council=council) for r in content.regions])
            if content.name == plugin_name else content for content in plugin_contents]


def test_the_council_is_rows_of_its_own(app):
    council = vasternorrland_plan.REGION.council
    with app.app_context():
        sync_all(contents(app))
        region = db.session.execute(select(Region).filter_by(slug="vasternorrland")).scalar_one()
        assert (region.council.name, region.council.name_en) == (council.name, council.name_en)
        assert [(d.text, d.text_en) for d in region.council.duties] == list(zip(council.duties, council.duties_en))
        assert [(s.title, s.title_en, s.text, s.text_en) for s in region.council.steps] == [
            (s.title, s.title_en, s.text, s.text_en) for s in council.workflow]
        assert count(Council) == 2  # Västmanland's and Västernorrland's; other counties have none
        audited = db.session.execute(select(AuditEvent.object_type, AuditEvent.region_id).where(
            AuditEvent.object_type.in_(["CouncilDuty", "CouncilStep"]))).all()
        assert set(audited) == {("CouncilDuty", region.id), ("CouncilStep", region.id)}  # under their region
        duties, steps = count(CouncilDuty), count(CouncilStep)
        report = sync_all(contents(app))
        assert report.total == 0, report.lines()
        assert (count(Council), count(CouncilDuty), count(CouncilStep)) == (2, duties, steps)


def test_a_changed_council_is_updated_in_place(app):
    council = vasternorrland_plan.REGION.council
    changed = dataclasses.replace(council, name="Nytt råd", duties=("Ny uppgift",) + council.duties[1:2],
                                  duties_en=(), workflow=council.workflow[:1])
    with app.app_context():
        sync_all(contents(app))
        council_id = db.session.execute(select(Council).filter_by(name=council.name)).scalar_one().id
        report = sync_all(with_council(contents(app), "vasternorrland", changed))
        assert report.changes == {
            ("council", "updated"): 1,
            ("council network", "updated"): 1,  # its name follows the council's
            ("council duty", "updated"): 2,  # the first text, and the English of the second
            ("council duty", "deleted"): len(council.duties) - 2,
            ("council step", "deleted"): len(council.workflow) - 1,
        }, report.lines()
        row = db.session.get(Council, council_id)
        assert row.name == "Nytt råd"
        assert [(d.text, d.text_en) for d in row.duties] == [("Ny uppgift", None), (council.duties[1], None)]
        assert len(row.steps) == 1
        assert sync_all(with_council(contents(app), "vasternorrland", changed)).total == 0


def test_each_council_is_a_network_of_its_region_once(app):
    with app.app_context():
        sync_all(contents(app))
        networks = db.session.scalars(select(Network).where(Network.council_id.is_not(None)).order_by(Network.name)).all()
        assert [(n.name, n.kind, [r.slug for r in n.regions]) for n in networks] == [
            ("Västernorrlands kompetensråd", "council", ["vasternorrland"]),
            ("Västmanlands kompetensråd", "council", ["vastmanland"]),
        ]
        networks[0].stage = "samsyn"  # the region's to keep: a sync leaves it
        db.session.commit()
        assert sync_all(contents(app)).total == 0
        assert count(Network) == 2 and db.session.get(Network, networks[0].id).stage == "samsyn"

        report = sync_all(with_council(contents(app), "vasternorrland", None))
        assert ("council network", "deleted") not in report.changes
        kept = db.session.get(Network, networks[0].id)
        assert (kept.council_id, kept.name) == (None, "Västernorrlands kompetensråd")


def test_a_council_gone_from_the_plugin_is_deleted_with_its_rows(app):
    with app.app_context():
        sync_all(contents(app))
        report = sync_all(with_council(contents(app), "vasternorrland", None))
        assert report.changes == {("council", "deleted"): 1}, report.lines()
        assert count(Council) == 1
        region = db.session.execute(select(Region).filter_by(slug="vastmanland")).scalar_one()
        assert count(CouncilDuty) == len(region.council.duties)
        assert count(CouncilStep) == len(region.council.steps)


def test_cli_sync_twice(runner, app):
    first = runner.invoke(args=["plugins", "sync"])
    assert first.exit_code == 0, first.output
    assert "node: " in first.output and "created" in first.output
    second = runner.invoke(args=["plugins", "sync"])
    assert second.exit_code == 0
    assert second.output.strip() == "Everything is up to date."


def test_cli_plugins_list(runner):
    result = runner.invoke(args=["plugins", "list"])
    assert result.exit_code == 0
    assert "vastmanland: regions 19 Västmanland" in result.output
    assert "plan kompetensplan v1: Kompetensplan Västmanland 2030" in result.output
    assert "vasternorrland: regions 22 Västernorrland" in result.output


def test_a_changed_title_is_updated_in_place(app):
    with app.app_context():
        sync_all(contents(app))
        node = db.session.execute(select(PlanNode).filter_by(code="M2")).scalar_one()
        node_id, node.title = node.id, "Ändrad"
        db.session.commit()
        report = sync_all(contents(app))
        assert report.changes == {("node", "updated"): 1}
        node = db.session.get(PlanNode, node_id)
        assert node.title == "Goda kunskaper i yrkessvenska för utlandsfödda"


def test_a_node_gone_from_the_plugin_is_deleted_when_nothing_points_at_it(app):
    with app.app_context():
        sync_all(contents(app))
        report = sync_all(without_node(contents(app), "vastmanland", "M1.3"))
        assert report.changes == {("node", "deleted"): 1}
        assert count(PlanNode, code="M1.3") == 0


def test_a_node_gone_from_the_plugin_is_retired_when_referenced(app):
    """Later features (initiatives, assessments) point at nodes; sync finds them by foreign key."""
    links = Table("test_node_links", db.metadata, Column("id", Integer, primary_key=True),
                  Column("node_id", ForeignKey("plan_nodes.id")))
    try:
        with app.app_context():
            links.create(db.engine)
            sync_all(contents(app))
            node = db.session.execute(select(PlanNode).filter_by(code="M1.3")).scalar_one()
            db.session.execute(insert(links).values(node_id=node.id))
            db.session.commit()
            report = sync_all(without_node(contents(app), "vastmanland", "M1.3"))
            assert report.changes == {("node", "retired"): 1}
            node = db.session.execute(select(PlanNode).filter_by(code="M1.3")).scalar_one()
            assert node.retired
            client = app.test_client()
            assert client.get("/regions/vastmanland/plan/M1.3").status_code == 404
            assert "M1.3" not in client.get("/regions/vastmanland/plan?open=M1").text
            # back in the plugin: the same row comes back to life
            report = sync_all(contents(app))
            assert report.changes == {("node", "updated"): 1}
            assert not db.session.get(PlanNode, node.id).retired
            db.session.rollback()
            links.drop(db.engine)
    finally:
        db.metadata.remove(links)


class Boom(Exception):
    """What a broken plugin raises in the middle of a sync."""


class ExplodingContent(PluginContent):
    """A plugin's contents whose principles cannot be read: the sync fails when it reaches them."""

    @property
    def principles(self):
        raise Boom

    @principles.setter
    def principles(self, value):
        pass


def exploding(content):
    """A copy of ``content`` that breaks the sync."""
    return ExplodingContent(**{f.name: getattr(content, f.name) for f in dataclasses.fields(content)})


def test_a_failing_sync_writes_nothing(app):
    broken = exploding(contents(app)[0])
    with app.app_context():
        with pytest.raises(Boom):
            sync_all([broken])
        assert count(Region) == 0
        assert count(Theme) == 0


def test_cli_sync_refuses_a_database_that_is_not_upgraded(runner, app):
    with app.app_context():
        db.drop_all()
        db.session.execute(text("DROP TABLE alembic_version"))
        db.session.commit()
    result = runner.invoke(args=["plugins", "sync"])
    assert result.exit_code == 1
    assert "The database schema is not up to date (at nothing" in result.output
    assert "Run `samverkan db upgrade` first." in result.output
    assert "Traceback" not in result.output
