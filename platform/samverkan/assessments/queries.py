"""Status assessments as the pages and the annual report read them.

A node's *current* assessment on a day is its newest on or before that day: the latest
``assessed_on``, and of two on the same day the one recorded last (the higher id).
"""
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from ..extensions import db
from .models import StatusAssessment


def current(node_ids, as_of=None):
    """``{node id: StatusAssessment}``: each node's newest assessment on or before ``as_of`` (a
    date; None: any date), with its author. Nodes never assessed by then are left out. One
    statement for any number of nodes."""
    node_ids = list(node_ids)
    if not node_ids:
        return {}
    rank = func.row_number().over(
        partition_by=StatusAssessment.node_id,
        order_by=(StatusAssessment.assessed_on.desc(), StatusAssessment.id.desc()),
    )
    ranked = select(StatusAssessment.id, rank.label("rank")).where(StatusAssessment.node_id.in_(node_ids))
    if as_of is not None:
        ranked = ranked.where(StatusAssessment.assessed_on <= as_of)
    ranked = ranked.subquery()
    rows = db.session.scalars(
        select(StatusAssessment)
        .join(ranked, ranked.c.id == StatusAssessment.id)
        .where(ranked.c.rank == 1)
        .options(joinedload(StatusAssessment.author))
    )
    return {row.node_id: row for row in rows}


def history(node_id):
    """Every assessment of one node, newest first (the current one first), with its author."""
    return db.session.scalars(
        select(StatusAssessment)
        .where(StatusAssessment.node_id == node_id)
        .options(joinedload(StatusAssessment.author))
        .order_by(StatusAssessment.assessed_on.desc(), StatusAssessment.id.desc())
    ).all()
