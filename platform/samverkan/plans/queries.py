"""The plans as the pages read them: every region's main plan as a tree, built once per process.

Plans change only when plan data is written (``plugins sync``, usually in another process), and
every such write renews :class:`~samverkan.plans.models.PlanDataStamp` in its transaction. A
page reads the stamp (one small query) and gets the trees built for that stamp, or builds them
anew (four queries however large the plans). The trees are plain objects, never ORM rows, so
that threads and requests can share them; their attributes carry the models' names, so templates
read a tree node as they read a ``PlanNode``.

What the tree shows beside each node (:func:`follow_up`: its current status assessment, and
whether work is under way) is kept with the tree too, under the initiative data token: an
assessment written renews the plan data stamp (``plans.models``), so the tree goes and the marks
with it; an initiative written renews the initiative data token, so the marks are read anew.
"""
from dataclasses import dataclass, field

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..assessments import queries as assessments
from ..extensions import db
from ..initiatives.queries import data_token
from ..regions.models import Region
from . import coverage
from .models import Ancestry, KindsOfNodes, PlanDataStamp, PlanNode

_CACHE = "samverkan.plan_trees"


@dataclass(frozen=True)
class ThemeTag:
    slug: str
    name: str
    name_en: str | None


@dataclass(eq=False)
class TreeNode(Ancestry):
    #: the row's id: what lists of the things linked to a node (initiatives) select by
    id: int
    code: str
    kind: str
    title: str
    title_en: str | None
    text: str
    text_en: str | None
    themes: tuple
    parent: "TreeNode | None" = None
    #: the children still provided by the plugin, in the plan's order
    active_children: list = field(default_factory=list)


@dataclass(eq=False)
class PlanTree(KindsOfNodes):
    id: int
    key: str
    version: int
    title: str
    title_en: str | None
    summary: str
    summary_en: str | None
    period_start: int | None
    period_end: int | None
    node_kinds: list
    roots: list = field(default_factory=list)
    #: code -> node, for the nodes the plugin still provides
    nodes: dict = field(default_factory=dict)
    #: its :class:`FollowUp` (see :func:`follow_up`)
    kept: object = None

    @property
    def expandable_codes(self):
        """Codes of the nodes that have children: what "expand all" opens."""
        return sorted(code for code, node in self.nodes.items() if node.active_children)


def main_plan(region):
    """The tree of the plan ``region``'s space leads with, or None."""
    return plan_trees().get(region.id)


def plan_trees():
    """region id -> :class:`PlanTree` of its main plan, current as of the stamp read now.

    The stamp is read before the plans, so a sync that commits in between leaves trees that are
    newer than their stamp, and the next request rebuilds them: never older data under a newer
    stamp.
    """
    token = db.session.scalar(select(PlanDataStamp.token).where(PlanDataStamp.id == 1))
    cached = current_app.extensions.get(_CACHE)
    if cached is None or cached[0] != token:
        cached = current_app.extensions[_CACHE] = (token, _build_trees())
    return cached[1]


def _build_trees():
    regions = db.session.scalars(select(Region).options(selectinload(Region.plans))).all()
    main_plans = {region.id: plan for region in regions if (plan := region.main_plan) is not None}
    trees = {plan.id: _plan_tree(plan) for plan in main_plans.values()}
    rows = db.session.scalars(
        select(PlanNode)
        .where(PlanNode.plan_id.in_(trees))
        .options(selectinload(PlanNode.themes))
        .order_by(PlanNode.position, PlanNode.id)
    ).all()
    tags, nodes = {}, {}
    for row in rows:
        themes = tuple(tags.setdefault(t.id, ThemeTag(t.slug, t.name, t.name_en)) for t in row.themes)
        nodes[row.id] = TreeNode(row.id, row.code, row.kind, row.title, row.title_en, row.text, row.text_en, themes)
    for row in rows:  # in the plan's order, so children are appended in it too
        if row.retired:
            continue
        node, tree = nodes[row.id], trees[row.plan_id]
        tree.nodes[row.code] = node
        if row.parent_id is None:
            tree.roots.append(node)
        else:
            node.parent = nodes[row.parent_id]
            node.parent.active_children.append(node)
    return {region_id: trees[plan.id] for region_id, plan in main_plans.items()}


def _plan_tree(plan):
    return PlanTree(plan.id, plan.key, plan.version, plan.title, plan.title_en, plan.summary, plan.summary_en,
                    plan.period_start, plan.period_end, list(plan.node_kinds))


@dataclass(frozen=True)
class NodeMark:
    """What the plan's pages show beside a node: its current status assessment (a key of
    ``ASSESSMENT_STATUSES``, None when never assessed) with its date and priority, and whether
    work is under way on it."""

    status: str | None
    assessed_on: object
    prioritised: bool
    demo: bool
    covered: bool


@dataclass
class FollowUp:
    """Where each node of a plan stands, kept with its :class:`PlanTree`."""

    #: the initiative data token it was read under
    token: str | None
    #: node id -> :class:`NodeMark`
    marks: dict
    #: node id -> the ids of the initiatives under way on it (:func:`coverage.coverage`)
    covered: dict
    #: (nodes with work under way, nodes)
    share: tuple
    #: whether a current assessment is invented demo data
    demo: bool
    #: what a page rendered from it, kept as long as it (``plans.views``)
    html: dict = field(default_factory=dict)
    #: (node id, limit) -> :class:`coverage.Work`, made when a node's page first asks
    work: dict = field(default_factory=dict)

    def work_on(self, node, limit):
        """The :class:`coverage.Work` under way on ``node``, the latest ``limit`` of it, kept."""
        found = self.work.get((node.id, limit))
        if found is None:
            found = self.work[(node.id, limit)] = coverage.work_under(node, limit)
        return found


def follow_up(tree):
    """The :class:`FollowUp` of ``tree`` under the initiative data token read now: made anew (two
    statements) when the token differs from the one it was made under. Read after the token,
    never older than it; replaced whole, so a thread holding the previous one never mixes the two."""
    token = data_token()
    found = tree.kept
    if found is None or found.token != token:
        nodes = list(tree.nodes.values())
        current = assessments.current(node.id for node in nodes)
        covered = coverage.coverage(tree)
        marks = {}
        for node in nodes:
            now = current.get(node.id)
            marks[node.id] = NodeMark(now.status if now else None, now.assessed_on if now else None,
                                      bool(now and now.prioritised), bool(now and now.demo),
                                      bool(covered.get(node.id)))
        found = tree.kept = FollowUp(token, marks, covered, coverage.share_covered(tree, covered),
                                         any(now.demo for now in current.values()))
    return found
