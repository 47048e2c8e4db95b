from flask import Blueprint, g, render_template

<<<<<<< HEAD
from ..policy import public
from . import queries
=======
from ..plans.queries import main_plan, plan_trees
from ..policy import public
from .queries import region_list
>>>>>>> speed

bp = Blueprint("regions", __name__, url_prefix="/regions")


@bp.get("/")
@public
def index():
<<<<<<< HEAD
    return render_template("regions/index.html", regions=queries.all_regions())
=======
    return render_template("regions/index.html", regions=region_list(), plans=plan_trees())
>>>>>>> speed


@bp.get("/<region_slug>/")
@public
def show():
    return render_template("regions/show.html", region=g.region, plan=main_plan(g.region))
