"""Reads across regions by theme, shared by the theme pages and later the API and exports."""
from functools import cache

from sqlalchemy import func, select
from sqlalchemy.orm import contains_eager

from ..extensions import db
from ..plans.models import Plan, PlanNode, plan_node_themes
from ..regions.models import Region
from .models import Theme


def all_themes():
    """The theme vocabulary in its order."""
    return db.session.scalars(select(Theme).order_by(Theme.position)).all()


@cache
def _themes_with_node_counts_query():
    """Built once: constructing the subquery costs more than running it."""
    counts = (
        select(plan_node_themes.c.theme_id, func.count().label("nodes"))
        .join(PlanNode, PlanNode.id == plan_node_themes.c.node_id)
        .join(Plan)
        .where(PlanNode.retired.is_(False), Plan.retired.is_(False))
        .group_by(plan_node_themes.c.theme_id)
        .subquery()
    )
    return (
        select(Theme, func.coalesce(counts.c.nodes, 0))
        .outerjoin(counts, counts.c.theme_id == Theme.id)
        .order_by(Theme.position)
    )


def themes_with_node_counts():
    """Every theme in vocabulary order, with how many current plan nodes map to it: ``[(theme, n)]``."""
    return db.session.execute(_themes_with_node_counts_query()).all()


def nodes_by_region(theme):
    """The current plan nodes mapped to ``theme``, grouped by region: ``{region: [node, …]}``.

    Regions by name, nodes in their plan's order.
    """
    nodes = db.session.scalars(
        select(PlanNode)
        .join(PlanNode.themes)
        .join(Plan)
        .join(Region)
        .options(contains_eager(PlanNode.plan).contains_eager(Plan.region))
        .where(Theme.id == theme.id, PlanNode.retired.is_(False), Plan.retired.is_(False))
        .order_by(Region.name, Plan.position, PlanNode.id)
    ).all()
    by_region = {}
    for node in nodes:
        by_region.setdefault(node.plan.region, []).append(node)
    return by_region
