from flask import Blueprint, g, render_template
from sqlalchemy import select

from ..extensions import db
from ..policy import public
from .models import Region

bp = Blueprint("regions", __name__, url_prefix="/regions")


@bp.get("/")
@public
def index():
    regions = db.session.scalars(select(Region).order_by(Region.name)).all()
    return render_template("regions/index.html", regions=regions)


@bp.get("/<region_slug>/")
@public
def show():
    return render_template("regions/show.html", region=g.region, plan=g.region.main_plan)
