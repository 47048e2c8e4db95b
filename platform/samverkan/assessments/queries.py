"""Status assessments as the pages and the annual report read them, and the council's
priorities with the work and the meeting actions behind them.

A node's *current* assessment on a day is its newest on or before that day: the latest
``assessed_on``, and of two on the same day the one recorded last (the higher id).
"""
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload, selectinload

from ..extensions import db
from ..initiatives.models import Initiative
from ..initiatives.models import initiative_plan_nodes as links
from ..meetings import queries as meeting_queries
from ..meetings.models import Action
from ..plans import coverage
from .models import StatusAssessment

#: how many of the initiatives under way a prioritised node lists (the node's page has the rest)
PRIORITY_INITIATIVES = 10
#: how many open actions the priorities page lists at most
PRIORITY_ACTIONS = 200


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
    return histories([node_id]).get(node_id, [])


def histories(node_ids):
    """``{node id: [StatusAssessment, …]}``: every assessment of each node, newest first, with
    its author; nodes never assessed are left out. One statement."""
    found = {}
    rows = db.session.scalars(
        select(StatusAssessment)
        .where(StatusAssessment.node_id.in_(list(node_ids)))
        .options(joinedload(StatusAssessment.author))
        .order_by(StatusAssessment.node_id, StatusAssessment.assessed_on.desc(), StatusAssessment.id.desc())
    )
    for row in rows:
        found.setdefault(row.node_id, []).append(row)
    return found


@dataclass
class Priority:
    """A part of the plan the council prioritises, and what mobilises for it."""

    #: the node (a tree node)
    node: object
    #: the initiatives under way on it or below it, latest changed first, at most
    #: :data:`PRIORITY_INITIATIVES`
    initiatives: list
    #: how many initiatives are under way on it
    total: int
    #: the open meeting actions that name it, a node below it, or an initiative under way on it
    actions: list


def priorities(tree, marks, person):
    """A :class:`Priority` for each node of ``tree`` whose current assessment prioritises it
    (``marks``: node id -> :class:`~samverkan.plans.queries.NodeMark`), in the plan's order.
    Four statements however many: the links of the work under way, the initiatives shown (and
    their themes), the open actions (each with the initiative it serves if ``person`` may see it)."""
    chosen = [node for node in tree.in_order() if marks[node.id].prioritised]
    if not chosen:
        return []
    subtrees = {node.id: set(coverage.subtree_ids(node)) for node in chosen}
    every = sorted(set().union(*subtrees.values()))
    linked = db.session.execute(
        select(links.c.node_id, Initiative.id, Initiative.updated_at)
        .join(Initiative, Initiative.id == links.c.initiative_id)
        .where(links.c.node_id.in_(every), coverage.UNDER_WAY)
    ).all()
    under_way = {}
    for node in chosen:
        newest = {initiative_id: updated for node_id, initiative_id, updated in linked if node_id in subtrees[node.id]}
        under_way[node.id] = sorted(newest, key=lambda i: (newest[i], i), reverse=True)
    shown_ids = {i for ids in under_way.values() for i in ids[:PRIORITY_INITIATIVES]}
    shown = {initiative.id: initiative for initiative in db.session.scalars(
        select(Initiative).where(Initiative.id.in_(shown_ids))
        .options(joinedload(Initiative.owner), joinedload(Initiative.lead_region), selectinload(Initiative.all_themes)))}
    actions = meeting_queries.open_actions(
        Action.node_id.in_(every) | Action.initiative_id.in_(select(Initiative.id).where(coverage.under_way_on(every))),
        limit=PRIORITY_ACTIONS, person=person)
    found = []
    for node in chosen:
        ids = under_way[node.id]
        serving_ids = set(ids)
        serving = [action for action in actions
                   if action.node_id in subtrees[node.id] or action.initiative_id in serving_ids]
        found.append(Priority(node, [shown[i] for i in ids[:PRIORITY_INITIATIVES]], len(ids), serving))
    return found

