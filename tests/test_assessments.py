"""Status assessments: each node's current assessment on a day, and a node's history."""
from contextlib import contextmanager
from datetime import date

import pytest
from sqlalchemy import event, select

from samverkan.assessments import queries
from samverkan.assessments.models import StatusAssessment
from samverkan.extensions import db
from samverkan.plans.models import Plan, PlanNode
from samverkan.regions.models import Region


def node_ids(slug, *codes):
    """The ids of the nodes ``codes`` of ``slug``'s plan, in that order."""
    rows = dict(db.session.execute(
        select(PlanNode.code, PlanNode.id).join(Plan).join(Region)
        .where(Region.slug == slug, PlanNode.code.in_(codes))
    ).all())
    return [rows[code] for code in codes]


def assess(node_id, on, status, prioritised=False, comment=""):
    node = db.session.get(PlanNode, node_id)
    row = StatusAssessment(region_id=node.plan.region_id, node_id=node_id, assessed_on=on, status=status,
                           prioritised=prioritised, comment=comment)
    db.session.add(row)
    db.session.flush()
    return row


@pytest.fixture
def assessed(synced_app):
    """F1.1: three assessments (two on one day); F1.2: one; F2.1: none."""
    with synced_app.app_context():
        f11, f12, f21 = node_ids("vasternorrland", "F1.1", "F1.2", "F2.1")
        assess(f11, date(2024, 3, 1), "not-started")
        assess(f11, date(2025, 2, 1), "early", comment="först")
        assess(f11, date(2025, 2, 1), "progressing", prioritised=True, comment="sedan")
        assess(f12, date(2024, 9, 30), "established")
        db.session.commit()
        yield synced_app, (f11, f12, f21)


@contextmanager
def statements():
    """The SQL statements executed inside the block."""
    executed = []
    listener = lambda *args: executed.append(args[2])  # noqa: E731  (the statement)
    event.listen(db.engine, "before_cursor_execute", listener)
    try:
        yield executed
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)


def test_current_is_the_newest_on_or_before_the_day_in_one_statement(assessed):
    app, (f11, f12, f21) = assessed
    with app.app_context():
        with statements() as executed:
            now = queries.current([f11, f12, f21])
        assert len(executed) == 1
        assert {node: (row.status, row.prioritised, row.comment) for node, row in now.items()} == {
            f11: ("progressing", True, "sedan"),  # of two on one day, the one recorded last
            f12: ("established", False, ""),
        }
        then = queries.current([f11, f12, f21], as_of=date(2025, 1, 31))
        assert {node: (row.status, row.assessed_on) for node, row in then.items()} == {
            f11: ("not-started", date(2024, 3, 1)), f12: ("established", date(2024, 9, 30))}
        on_the_day = queries.current([f11], as_of=date(2024, 9, 30))
        assert on_the_day[f11].status == "not-started"
        assert queries.current([f12], as_of=date(2024, 9, 29)) == {}
        assert queries.current([]) == {}


def test_history_is_newest_first(assessed):
    app, (f11, f12, f21) = assessed
    with app.app_context():
        assert [(row.assessed_on, row.status) for row in queries.history(f11)] == [
            (date(2025, 2, 1), "progressing"), (date(2025, 2, 1), "early"), (date(2024, 3, 1), "not-started")]
        assert queries.history(f21) == []
