from flask import Blueprint, render_template
from sqlalchemy import select

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
    return render_template("themes/show.html", theme=theme, by_region=queries.nodes_by_region(theme))
