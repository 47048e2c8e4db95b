"""Which parts of a plan have work under way, and which are gaps.

A node is *covered* when a published initiative under way (``ACTIVE_STATUSES``: planned or
running) is linked to it or to one of its descendants; a node with none is a *gap*, the first
thing a council should see before it prioritises. One statement per call, however many plans:
the node ↔ initiative links of the active initiatives, then rolled up through each tree in Python
(an initiative linked to a goal and to one of its priorities counts once for the goal).

Coverage on a past day (the annual report's year end) reads each initiative's status on that day
from its status history (:class:`~samverkan.initiatives.models.StatusChange`), with the links and
the draft flag as they are now: links have no history of their own.
"""
from dataclasses import dataclass

from sqlalchemy import and_, func, null, select, union_all

from ..extensions import db
from ..initiatives.models import Funding, Initiative, StatusChange, initiative_plan_nodes
from ..initiatives.vocabulary import ACTIVE_STATUSES
from ..plans.models import PlanNode

#: a condition on :class:`Initiative`: work under way, what covers a node
UNDER_WAY = and_(Initiative.status.in_(ACTIVE_STATUSES), Initiative.draft.is_(False))


def active_links(plan_ids, as_of=None, where=()):
    """``{node id: {initiative id, …}}``: the published, active initiatives linked directly to
    each node of the plans ``plan_ids`` (nodes without any are left out); with ``as_of`` (a date),
    those whose status was active at the end of that day by their history, not now; ``where``:
    more conditions on :class:`Initiative` (the national comparison's filters)."""
    links = {}
    query = (
        select(initiative_plan_nodes.c.node_id, initiative_plan_nodes.c.initiative_id)
        .join(Initiative, Initiative.id == initiative_plan_nodes.c.initiative_id)
        .join(PlanNode, PlanNode.id == initiative_plan_nodes.c.node_id)
        .where(PlanNode.plan_id.in_(list(plan_ids)), Initiative.draft.is_(False), *where)
    )
    if as_of is None:
        query = query.where(Initiative.status.in_(ACTIVE_STATUSES))
    else:
        status = _status_on(as_of, select(initiative_plan_nodes.c.initiative_id).join(
            PlanNode, PlanNode.id == initiative_plan_nodes.c.node_id).where(PlanNode.plan_id.in_(list(plan_ids))))
        query = query.join(status, status.c.initiative_id == Initiative.id).where(
            status.c.rank == 1, status.c.to_status.in_(ACTIVE_STATUSES))
    for node_id, initiative_id in db.session.execute(query):
        links.setdefault(node_id, set()).add(initiative_id)
    return links


def _status_on(day, initiative_ids):
    """A subquery of the status changes of ``initiative_ids`` (a select of ids) up to ``day``,
    ``rank`` 1 on each initiative's latest: its status at the end of that day (of two changes on
    one day, the one recorded last). An initiative without a change by then did not exist yet."""
    rank = func.row_number().over(partition_by=StatusChange.initiative_id,
                                  order_by=(StatusChange.changed_on.desc(), StatusChange.id.desc()))
    return (select(StatusChange.initiative_id, StatusChange.to_status, rank.label("rank"))
            .where(StatusChange.changed_on <= day, StatusChange.initiative_id.in_(initiative_ids))
            .subquery())


def rolled_up(tree, links):
    """``{node id: frozenset of initiative ids}`` for every node of ``tree`` (a
    :class:`~samverkan.plans.queries.PlanTree`): its own active initiatives and its descendants'."""
    covered = {}

    def walk(node):
        ids = set(links.get(node.id, ()))
        for child in node.active_children:
            ids |= walk(child)
        covered[node.id] = frozenset(ids)
        return ids

    for root in tree.roots:
        walk(root)
    return covered


def coverage(tree, as_of=None):
    """The rolled-up active initiatives of every node of ``tree`` (at the end of the day
    ``as_of``, when given); a node whose set is empty is a gap."""
    return rolled_up(tree, active_links([tree.id], as_of))


def gaps(tree, covered):
    """The nodes of ``tree`` without active work, in the plan's order (parents before children)."""
    return [node for node in tree.in_order() if not covered[node.id]]


def share_covered(tree, covered):
    """How many of the tree's nodes have active work, and how many nodes there are."""
    return sum(1 for ids in covered.values() if ids), len(covered)


def subtree_ids(node):
    """The ids of ``node`` (a tree node) and of every node below it that the plugin still
    provides: the nodes whose initiatives cover it."""
    ids = [node.id]
    for child in node.active_children:
        ids.extend(subtree_ids(child))
    return ids


def under_way_on(node_ids):
    """A condition on :class:`Initiative`: work under way linked to one of ``node_ids``."""
    linked = select(initiative_plan_nodes.c.initiative_id).where(initiative_plan_nodes.c.node_id.in_(node_ids))
    return and_(UNDER_WAY, Initiative.id.in_(linked))


def funding(node_ids, shown_ids):
    """What pays for the work under way on ``node_ids``: ``(totals, rows)``, where ``totals`` is
    ``[(source, kronor, initiatives)]`` summed over all of it, largest first, and ``rows`` is
    ``{initiative id: [(source, kronor)]}`` for the initiatives ``shown_ids``. One statement."""
    per_source = (
        select(null().cast(db.Integer).label("initiative_id"), Funding.source, func.sum(Funding.amount_sek).label("amount"),
               func.count().label("initiatives"))
        .join(Initiative, Initiative.id == Funding.initiative_id)
        .where(under_way_on(node_ids)).group_by(Funding.source)
    )
    per_initiative = (
        select(Funding.initiative_id, Funding.source, Funding.amount_sek, null().cast(db.Integer))
        .where(Funding.initiative_id.in_(list(shown_ids)))
    )
    totals, rows = [], {}
    for initiative_id, source, amount, initiatives in db.session.execute(union_all(per_source, per_initiative)):
        if initiative_id is None:  # PostgreSQL sums a bigint as a numeric
            totals.append((source, int(amount), initiatives))
        else:
            rows.setdefault(initiative_id, []).append((source, int(amount)))
    totals.sort(key=lambda total: (-total[1], total[0]))
    for sources in rows.values():
        sources.sort()
    return totals, rows


@dataclass(frozen=True)
class Work:
    """The work under way on a node and below it, as its page lists it."""

    #: the latest changed first, at most the limit asked for
    ids: tuple
    #: how many in all
    total: int
    #: ``[(source, kronor, initiatives)]`` over all of it, largest first (:func:`funding`)
    funding_totals: list
    #: ``{initiative id: [(source, kronor)]}`` for ``ids``
    funding: dict


def work_under(node, limit):
    """The :class:`Work` under way on ``node`` (a tree node). Two statements: the latest changed
    with the count of all (a window), and the funding."""
    nodes = subtree_ids(node)
    rows = db.session.execute(
        select(Initiative.id, func.count().over()).where(under_way_on(nodes))
        .order_by(Initiative.updated_at.desc(), Initiative.id.desc()).limit(limit)
    ).all()
    ids = tuple(initiative_id for initiative_id, _count in rows)
    totals, rows_by_id = funding(nodes, ids)
    return Work(ids, rows[0][1] if rows else 0, totals, rows_by_id)
