from flask import Blueprint, g, render_template

from ..policy import public
from . import queries

bp = Blueprint("regions", __name__, url_prefix="/regions")


@bp.get("/")
@public
def index():
    return render_template("regions/index.html", regions=queries.all_regions())


@bp.get("/<region_slug>/")
@public
def show():
    return render_template("regions/show.html", region=g.region, plan=g.region.main_plan)
