from flask import Blueprint, render_template
<<<<<<< HEAD
from sqlalchemy import select
=======
from sqlalchemy import func, select
from sqlalchemy.orm import contains_eager
>>>>>>> speed

from ..extensions import db
from ..policy import public
from . import queries
from .models import Theme

bp = Blueprint("themes", __name__, url_prefix="/themes")


@bp.get("/")
@public
def index():
    return render_template("themes/index.html", rows=queries.themes_with_node_counts())


@bp.get("/<slug>")
@public
def show(slug):
    theme = db.first_or_404(select(Theme).filter_by(slug=slug))
<<<<<<< HEAD
    return render_template("themes/show.html", theme=theme, by_region=queries.nodes_by_region(theme))
=======
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
>>>>>>> speed
