from flask import Blueprint, g, render_template

from ..plans.queries import main_plan, plan_trees
from ..policy import public
from .queries import region_list

bp = Blueprint("regions", __name__, url_prefix="/regions")


@bp.get("/")
@public
def index():
    return render_template("regions/index.html", regions=region_list(), plans=plan_trees())


@bp.get("/<region_slug>/")
@public
def show():
    return render_template("regions/show.html", region=g.region, plan=main_plan(g.region))
