from flask import Blueprint, render_template
from sqlalchemy import func, select
from sqlalchemy.orm import contains_eager

from ..extensions import db
from ..policy import public
from ..plans.models import Plan, PlanNode, plan_node_themes
from ..regions.models import Region
from .models import Theme

bp = Blueprint("themes", __name__, url_prefix="/themes")


@bp.get("/")
@public
def index():
    counts = (
        select(plan_node_themes.c.theme_id, func.count().label("nodes"))
        .join(PlanNode, PlanNode.id == plan_node_themes.c.node_id)
        .join(Plan)
        .where(PlanNode.retired.is_(False), Plan.retired.is_(False))
        .group_by(plan_node_themes.c.theme_id)
        .subquery()
    )
    rows = db.session.execute(
        select(Theme, func.coalesce(counts.c.nodes, 0))
        .outerjoin(counts, counts.c.theme_id == Theme.id)
        .order_by(Theme.position)
    ).all()
    return render_template("themes/index.html", rows=rows)


@bp.get("/<slug>")
@public
def show(slug):
    theme = db.first_or_404(select(Theme).filter_by(slug=slug))
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
    return render_template("themes/show.html", theme=theme, by_region=by_region)
