from flask import Blueprint, abort, redirect, render_template, request, session, url_for

from ..config import LANGUAGES
from ..policy import public
from ..regions.queries import regions_with_plans
from ..themes.queries import all_themes
from ..urls import local_path

bp = Blueprint("home", __name__)


@bp.get("/")
@public
def index():
    return render_template("home/index.html", regions=regions_with_plans(), themes=all_themes())


@bp.post("/language")
@public
def set_language():
    """Remember the chosen UI language and go back to the page the visitor came from."""
    lang = request.form.get("lang")
    if lang not in LANGUAGES:
        abort(400)
    session["lang"] = lang
    return redirect(local_path(request.form.get("next")) or url_for("home.index"))

