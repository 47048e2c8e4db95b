"""A signed-in person's own page: where they start (and land after logging in)."""
from flask import Blueprint, render_template
from flask_login import current_user

from ..initiatives.progress_queries import days_late
from ..initiatives.queries import actor_missing
from ..initiatives.vocabulary import STATUSES
from ..policy import signed_in
from ..times import today
from ..urls import query_int
from . import queries

bp = Blueprint("me", __name__)


@bp.get("/me")
@signed_in
def index():
    person = current_user._get_current_object()
    initiatives, progress = queries.my_initiatives(person, query_int("page", maximum=400))
    reports, reports_total = queries.my_reports(person)
    return render_template("me/index.html", initiatives=initiatives, progress=progress, reports=reports,
                           reports_total=reports_total, meetings=queries.my_meetings(person),
                           actions=queries.my_actions(person), regions=queries.managed_regions(person),
                           surveys=queries.my_surveys(person, today()), statuses=STATUSES, days_late=days_late,
                           actor_missing=actor_missing(person))
