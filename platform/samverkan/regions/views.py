from flask import Blueprint, g, render_template
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..plans.queries import main_plan
from ..policy import public
from .models import Region

bp = Blueprint("regions", __name__, url_prefix="/regions")


@bp.get("/")
@public
def index():
    regions = db.session.scalars(select(Region).options(selectinload(Region.plans)).order_by(Region.name)).all()
    return render_template("regions/index.html", regions=regions)


@bp.get("/<region_slug>/")
@public
def show():
    return render_template("regions/show.html", region=g.region, plan=main_plan(g.region))
