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
from sqlalchemy import func, select

from ..extensions import db
from ..initiatives.models import Initiative, StatusChange, initiative_plan_nodes
from ..initiatives.vocabulary import ACTIVE_STATUSES
from ..plans.models import PlanNode


def active_links(plan_ids, as_of=None):
    """``{node id: {initiative id, …}}``: the published, active initiatives linked directly to
    each node of the plans ``plan_ids`` (nodes without any are left out); with ``as_of`` (a date),
    those whose status was active at the end of that day by their history, not now."""
    links = {}
    query = (
        select(initiative_plan_nodes.c.node_id, initiative_plan_nodes.c.initiative_id)
        .join(Initiative, Initiative.id == initiative_plan_nodes.c.initiative_id)
        .join(PlanNode, PlanNode.id == initiative_plan_nodes.c.node_id)
        .where(PlanNode.plan_id.in_(list(plan_ids)), Initiative.draft.is_(False))
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
    found = []

    def walk(node):
        if not covered[node.id]:
            found.append(node)
        for child in node.active_children:
            walk(child)

    for root in tree.roots:
        walk(root)
    return found


def share_covered(tree, covered):
    """How many of the tree's nodes have active work, and how many nodes there are."""
    return sum(1 for ids in covered.values() if ids), len(covered)
