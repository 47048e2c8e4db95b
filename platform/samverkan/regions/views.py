from flask import Blueprint, render_template
from sqlalchemy import select

from ..extensions import db
from .models import Region

bp = Blueprint("regions", __name__, url_prefix="/regions")


def get_region_or_404(slug):
    return db.first_or_404(select(Region).filter_by(slug=slug))


@bp.get("/")
def index():
    regions = db.session.scalars(select(Region).order_by(Region.name)).all()
    return render_template("regions/index.html", regions=regions)


@bp.get("/<slug>/")
def show(slug):
    region = get_region_or_404(slug)
    return render_template("regions/show.html", region=region, plan=region.main_plan)
