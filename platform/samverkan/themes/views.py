from flask import Blueprint, render_template
from flask_login import current_user
from sqlalchemy import select

from ..extensions import db
from ..initiatives import listings
from ..initiatives.vocabulary import STATUSES
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
    return render_template("themes/show.html", theme=theme, by_region=queries.nodes_by_region(theme),
                           initiatives=listings.for_theme(current_user, theme), statuses=STATUSES)
