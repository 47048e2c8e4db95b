"""Which parts of a plan have work under way, and which are gaps.

A node is *covered* when a published initiative under way (``ACTIVE_STATUSES``: planned or
running) is linked to it or to one of its descendants; a node with none is a *gap*, the first
thing a council should see before it prioritises. One statement per call, however many plans:
the node ↔ initiative links of the active initiatives, then rolled up through each tree in Python
(an initiative linked to a goal and to one of its priorities counts once for the goal).
"""
from sqlalchemy import select

from ..extensions import db
from ..initiatives.models import Initiative, initiative_plan_nodes
from ..initiatives.vocabulary import ACTIVE_STATUSES
from ..plans.models import PlanNode


def active_links(plan_ids, where=()):
    """``{node id: {initiative id, …}}``: the published, active initiatives linked directly to
    each node of the plans ``plan_ids`` (nodes without any are left out); ``where``: more
    conditions on :class:`Initiative` (the national comparison's filters)."""
    links = {}
    rows = db.session.execute(
        select(initiative_plan_nodes.c.node_id, initiative_plan_nodes.c.initiative_id)
        .join(Initiative, Initiative.id == initiative_plan_nodes.c.initiative_id)
        .join(PlanNode, PlanNode.id == initiative_plan_nodes.c.node_id)
        .where(PlanNode.plan_id.in_(list(plan_ids)), Initiative.status.in_(ACTIVE_STATUSES),
               Initiative.draft.is_(False), *where)
    )
    for node_id, initiative_id in rows:
        links.setdefault(node_id, set()).add(initiative_id)
    return links


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


def coverage(tree):
    """The rolled-up active initiatives of every node of ``tree``; a node whose set is empty is
    a gap."""
    return rolled_up(tree, active_links([tree.id]))


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
