from flask import Blueprint, abort, redirect, render_template, request, session, url_for

from ..config import LANGUAGES
from ..plans.queries import plan_trees
from ..policy import public
from ..regions.models import Region
from ..regions.queries import region_list
from ..themes.queries import all_themes
from ..urls import local_path

bp = Blueprint("home", __name__)


@bp.get("/")
@public
def index():
    regions = region_list(Region.plugin.is_not(None))
    return render_template("home/index.html", regions=regions, themes=all_themes(), plans=plan_trees())


@bp.get("/healthz")
@public
def healthz():
    """For load balancers and the benchmark's baseline: answers without touching the database."""
    return "ok", 200, {"Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store"}


#: the plan tree's toggles (``?open=``, ``?expand=``) and its htmx fragments are views of the
#: plan page, not pages of their own
ROBOTS_TXT = """User-agent: *
Disallow: /*?open=
Disallow: /*&open=
Disallow: /*?expand=
Disallow: /*&expand=
Disallow: /*/tree-item
"""


@bp.get("/robots.txt")
@public
def robots_txt():
    return ROBOTS_TXT, 200, {"Content-Type": "text/plain; charset=utf-8"}


@bp.post("/language")
@public
def set_language():
    """Remember the chosen UI language and go back to the page the visitor came from."""
    lang = request.form.get("lang")
    if lang not in LANGUAGES:
        abort(400)
    session["lang"] = lang
    return redirect(local_path(request.form.get("next")) or url_for("home.index"))

