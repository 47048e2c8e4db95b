"""The search page: one search over initiatives, actors, networks and meetings.

Plain GET parameters (``q``, ``kind``, ``region``, ``page``), so that a search is a link and works
without JavaScript; htmx asks for the results alone while the person types.
"""
from flask import Blueprint, render_template, request
from flask_login import current_user

from ..i18n import localized
from ..initiatives.queries import all_regions
from ..initiatives.vocabulary import STATUSES
from ..policy import public
from ..templating import htmx_request
from ..urls import query_int
from . import queries
from .forms import KIND_NAMES, SearchForm

bp = Blueprint("search", __name__)

#: the id of the element the results are swapped into
RESULTS_ID = "search-results"
#: a search page is not for search engines to index
NO_INDEX = {"X-Robots-Tag": "noindex"}


@bp.get("/search")
@public
def index():
    regions = all_regions()
    form = SearchForm([(region.slug, localized(region, "name").text) for region in regions], formdata=request.args)
    valid = form.validate()
    results, searched = None, valid and bool(queries.query_terms(form.q.data or ""))
    if valid:
        region = next((region for region in regions if region.slug == form.region.data), None)
        results = queries.search(current_user, form.q.data, kind=form.kind.data or None, region=region,
                                 page=query_int("page", maximum=queries.MAX_PAGE))
    context = dict(form=form, results=results, searched=searched, filters=form.filters, results_id=RESULTS_ID,
                   kind_names=KIND_NAMES, statuses=STATUSES,
                   region_names={region.id: localized(region, "name") for region in regions})
    template = "search/_results.html" if htmx_request() else "search/index.html"
    return render_template(template, **context), 200 if valid else 400, NO_INDEX
