"""The plans as the pages read them: every region's main plan as a tree, built once per process.

Plans change only when plan data is written (``plugins sync``, usually in another process). The
trees are kept under the generation :data:`PLANS` (:mod:`samverkan.cache`): a page gets the trees
built for the current generation, or builds them anew (four queries however large the plans).
The trees are plain objects, never ORM rows, so that threads and requests can share them; their
attributes carry the models' names, so templates read a tree node as they read a ``PlanNode``.

Older versions of a plan (:func:`plan_version`) are built only when a page asks for one, and kept
with the main tree: the current plan's pages never wait for them.

What the tree shows beside each node (:func:`follow_up`: its current status assessment, and
whether work is under way) is kept per region under :data:`PLAN_MARKS`: an assessment written in
one region renews that region's marks only; an initiative written renews every region's.
"""
from dataclasses import dataclass, field
from typing import NamedTuple

from flask import abort
from sqlalchemy import func, or_, select
from sqlalchemy.orm import contains_eager, selectinload

from .. import cache
from ..assessments import queries as assessments
from ..extensions import db
from ..initiatives.models import Initiative, initiative_plan_nodes, initiative_regions
from ..initiatives.vocabulary import CLOSED_STATUSES
from ..regions.models import Region
from . import coverage
from .models import Ancestry, KindsOfNodes, Plan, PlanNode

#: the trees (:func:`plan_trees`, :func:`plan_version`)
PLANS = cache.declare("plan-trees", reads={"regions", "plans", "plan_nodes", "plan_node_themes", "themes"})
#: what the tree shows beside each node, and the work under way on it (:func:`follow_up`)
PLAN_MARKS = cache.declare("plan-marks", reads=PLANS.reads | {
    "status_assessments", "initiatives", "initiative_plan_nodes", "initiative_funding",
}, regional={"status_assessments": "region_id"})
#: follow-ups a worker keeps per region and generation (the current version's and older ones)
MAX_FOLLOW_UPS = 16


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


class PlanVersion(NamedTuple):
    """One version of a plan, for the version switch."""

    version: int
    #: the plan row's id
    id: int


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
    #: every version of this plan, oldest first (the main plan's tree only; empty for the others)
    versions: tuple = ()
    #: version -> the tree of an older version, built when a page asks for it (main trees only)
    older: dict = field(default_factory=dict)
    #: the version the region's space leads with (None: this tree is that version)
    current_version: int | None = None
    #: the region whose plan it is
    region_id: int | None = None

    @property
    def expandable_codes(self):
        """Codes of the nodes that have children: what "expand all" opens."""
        return sorted(code for code, node in self.nodes.items() if node.active_children)

    @property
    def superseded(self):
        """Whether this is an older version than the one the region leads with."""
        return self.current_version is not None

    def in_order(self):
        """The nodes the plugin provides, parents before their children, in the plan's order."""
        def walk(nodes):
            for node in nodes:
                yield node
                yield from walk(node.active_children)

        return walk(self.roots)


def plan_order(plans):
    """node id -> its place when ``plans`` (Plan rows) are read one after the other, each plan's
    nodes in :meth:`PlanTree.in_order` (parents before their children: O1, M1, M1.1, …, M2): the
    order of every plan-node picker, the same as the plan's pages."""
    trees = {tree.id: tree for tree in plan_trees().values()}
    missing = [plan for plan in plans if plan.id not in trees]
    if missing:
        trees.update(_build_trees(missing))
    order = {}
    for plan in plans:
        for node in trees[plan.id].in_order():
            order[node.id] = len(order)
    return order


def current_nodes(regions, text=None, limit=None, include=()):
    """Nodes of the current plans of ``regions`` whose code or title contains ``text`` (all when
    empty), region by region (by name) and plan by plan in :func:`plan_order`, with the nodes
    ``include`` first among them: what the plan-node picker offers."""
    plans = [plan for region in sorted(regions, key=lambda region: region.name) for plan in region.current_plans]
    query = (select(PlanNode).where(PlanNode.plan_id.in_([plan.id for plan in plans]), PlanNode.retired.is_(False))
             .options(selectinload(PlanNode.plan).selectinload(Plan.region)))
    if text:
        text = text.strip()
        query = query.where(or_(PlanNode.title.icontains(text, autoescape=True),
                                PlanNode.code.icontains(text, autoescape=True),
                                PlanNode.title_en.icontains(text, autoescape=True)))
    order = plan_order(plans) if plans else {}
    found = sorted(db.session.scalars(query).all() if plans else [], key=lambda node: order.get(node.id, len(order)))
    found = found[:limit] if limit else found
    missing = set(include) - {node.id for node in found}
    if not missing:
        return found
    kept = db.session.scalars(select(PlanNode).where(PlanNode.id.in_(missing))).all()
    return sorted(kept, key=lambda node: order.get(node.id, len(order))) + found


def main_plan(region):
    """The tree of the plan ``region``'s space leads with, or None."""
    return plan_trees().get(region.id)


def plan_trees():
    """region id -> :class:`PlanTree` of its main plan, current as of the generation read now
    (read before the plans, so a sync that commits in between leaves trees newer than their
    generation, and the next request rebuilds them: never older data under a newer one)."""
    kept = PLANS.kept(1)
    if "main" not in kept:
        kept["main"] = _main_trees()
    return kept["main"]


def plan_version(main, version):
    """The tree of ``version`` of the plan whose current tree is ``main`` (a tree of
    :func:`plan_trees`), or None when the plan has no such version. An older version is built at
    its first request and kept with ``main``, so it goes when the generation moves on, with ``main``."""
    if version == main.version:
        return main
    tree = main.older.get(version)
    if tree is None:
        plan_id = next((v.id for v in main.versions if v.version == version), None)
        if plan_id is None:
            return None
        tree = _build_trees([db.session.get(Plan, plan_id)])[plan_id]
        tree.current_version = main.version
        main.older[version] = tree
    return tree


def _main_trees():
    regions = db.session.scalars(select(Region).options(selectinload(Region.plans))).all()
    main_plans = {region.id: plan for region in regions if (plan := region.main_plan) is not None}
    trees = _build_trees(main_plans.values())
    for region in regions:
        if region.id in main_plans:
            key = main_plans[region.id].key
            trees[main_plans[region.id].id].versions = tuple(sorted(
                PlanVersion(plan.version, plan.id) for plan in region.plans if plan.key == key))
    return {region_id: trees[plan.id] for region_id, plan in main_plans.items()}


def _build_trees(plans):
    """plan id -> :class:`PlanTree` for the plan rows ``plans``: two statements (the nodes and
    their themes) however many and however large."""
    trees = {plan.id: _plan_tree(plan) for plan in plans}
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
    return trees


def _plan_tree(plan):
    return PlanTree(plan.id, plan.key, plan.version, plan.title, plan.title_en, plan.summary, plan.summary_en,
                    plan.period_start, plan.period_end, list(plan.node_kinds), region_id=plan.region_id)


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
    """Where each node of a plan stands, kept per region under :data:`PLAN_MARKS`."""

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
    """The :class:`FollowUp` of ``tree`` under the region's generation of :data:`PLAN_MARKS` read
    now: made anew (two statements) when it moved on. Read after the generation, never older than
    it; replaced whole, so a thread holding the previous one never mixes the two."""
    kept = PLAN_MARKS.kept(MAX_FOLLOW_UPS, region=tree.region_id)
    found = kept.get(tree.id)
    if found is None:
        nodes = list(tree.nodes.values())
        current = assessments.current(node.id for node in nodes)
        covered = coverage.coverage(tree)
        marks = {}
        for node in nodes:
            now = current.get(node.id)
            marks[node.id] = NodeMark(now.status if now else None, now.assessed_on if now else None,
                                      bool(now and now.prioritised), bool(now and now.demo),
                                      bool(covered.get(node.id)))
        found = kept[tree.id] = FollowUp(marks, covered, coverage.share_covered(tree, covered),
                                         any(now.demo for now in current.values()))
    return found


# -- what changed between two versions ------------------------------------------------------------

@dataclass
class PlanChanges:
    """What changed from one version of a plan to another, node by node (matched by code), each
    list in the plan's order. Reworded means the plan's own wording (Swedish: the language the
    plan is written in) of the title or the text changed; a corrected translation alone is not a
    revision of the plan. Moved means the parent changed."""

    old: PlanTree
    new: PlanTree
    #: nodes of ``new`` that ``old`` has not
    added: list
    #: nodes of ``old`` that ``new`` has not
    removed: list
    #: (node in ``old``, node in ``new``) pairs
    reworded: list
    moved: list

    def __bool__(self):
        return bool(self.added or self.removed or self.reworded or self.moved)


def plan_changes(old, new):
    """:class:`PlanChanges` from the tree ``old`` to the tree ``new``."""
    kept = [(old.nodes[node.code], node) for node in new.in_order() if node.code in old.nodes]
    return PlanChanges(
        old, new,
        added=[node for node in new.in_order() if node.code not in old.nodes],
        removed=[node for node in old.in_order() if node.code not in new.nodes],
        reworded=[(before, after) for before, after in kept
                  if (before.title, before.text) != (after.title, after.text)],
        moved=[(before, after) for before, after in kept if _parent_code(before) != _parent_code(after)],
    )


def _parent_code(node):
    return node.parent.code if node.parent is not None else None


# -- initiatives to relink after a revision -------------------------------------------------------

def to_relink(region, tree, initiative_ids=None):
    """The initiatives of ``region`` (led or partnered) that link nodes of an older version of its
    main plan which the current version dropped, and no node of the current version: each with
    the nodes of older versions it links, as ``[(initiative, [node, …]), …]`` by title. Finished
    and cancelled ones are left out: work that is over belongs to the plan it was done under.
    ``tree`` is the region's main plan (:func:`main_plan`); ``initiative_ids`` narrows the look
    to those."""
    query = _to_relink(region, tree)
    if query is None:
        return []
    if initiative_ids is not None:
        query = query.where(Initiative.id.in_(list(initiative_ids)))
    initiatives = db.session.scalars(query.order_by(Initiative.title, Initiative.id)).all()
    old_nodes = older_nodes(tree, [initiative.id for initiative in initiatives]) if initiatives else {}
    return [(initiative, old_nodes.get(initiative.id, [])) for initiative in initiatives]


def older_nodes(tree, initiative_ids):
    """``{initiative id: [node, …]}``: the nodes of older versions of the plan whose current
    version is ``tree`` that the initiatives ``initiative_ids`` link, oldest version first, in
    the plan's order."""
    older = _older_plan_ids(tree)
    if not older:
        return {}
    found = {}
    rows = db.session.execute(
        select(initiative_plan_nodes.c.initiative_id, PlanNode)
        .join(PlanNode, PlanNode.id == initiative_plan_nodes.c.node_id)
        .join(Plan, Plan.id == PlanNode.plan_id)
        .options(contains_eager(PlanNode.plan))
        .where(initiative_plan_nodes.c.initiative_id.in_(list(initiative_ids)), PlanNode.plan_id.in_(older))
        .order_by(Plan.version, PlanNode.position, PlanNode.id))
    for initiative_id, node in rows:
        found.setdefault(initiative_id, []).append(node)
    return found


def count_to_relink(region, tree):
    """How many initiatives :func:`to_relink` lists: what the plan page tells a region admin."""
    query = _to_relink(region, tree)
    return db.session.scalar(select(func.count()).select_from(query.subquery())) if query is not None else 0


def _older_plan_ids(tree):
    return [version.id for version in tree.versions if version.id != tree.id]


def _to_relink(region, tree):
    """The query of :func:`to_relink`, or None when the region's plan has a single version."""
    if len(tree.versions) < 2:
        return None
    links, current = initiative_plan_nodes.c, PlanNode.__table__.alias("current_node")
    kept_codes = select(current.c.code).where(current.c.plan_id == tree.id, current.c.retired.is_(False))
    dropped = (select(links.initiative_id).join(PlanNode, PlanNode.id == links.node_id)
               .where(PlanNode.plan_id.in_(_older_plan_ids(tree)), PlanNode.code.not_in(kept_codes)))
    on_current = select(links.initiative_id).join(PlanNode, PlanNode.id == links.node_id).where(
        PlanNode.plan_id == tree.id)
    partnered = select(initiative_regions.c.initiative_id).where(initiative_regions.c.region_id == region.id)
    return select(Initiative).where(
        Initiative.id.in_(dropped), Initiative.id.not_in(on_current),
        Initiative.status.not_in(CLOSED_STATUSES),
        (Initiative.lead_region_id == region.id) | Initiative.id.in_(partnered))


def main_plan_or_404(region):
    """The tree of ``region``'s main plan, for a page of the region: a region without one is a 404."""
    plan = main_plan(region)
    if plan is None:
        abort(404)
    return plan


def node_or_404(plan, code):
    """The node ``code`` of ``plan``'s tree, for a page of it: a code the plan lacks is a 404."""
    node = plan.nodes.get(code)
    if node is None:
        abort(404)
    return node
