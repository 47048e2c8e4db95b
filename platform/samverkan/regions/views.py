from flask import Blueprint, g, render_template
from flask_login import current_user

from ..initiatives import listings
from ..initiatives.vocabulary import STATUSES
from ..plans.queries import main_plan, plan_trees
from ..policy import public
from .queries import region_for_page, region_list

bp = Blueprint("regions", __name__, url_prefix="/regions")


@bp.get("/")
@public
def index():
    return render_template("regions/index.html", regions=region_list(), plans=plan_trees())


@bp.get("/<region_slug>/")
@public
def show():
    region = region_for_page(g.region.id)
    return render_template("regions/show.html", region=region, plan=main_plan(region),
                           initiatives=listings.for_region(current_user, region), statuses=STATUSES)
