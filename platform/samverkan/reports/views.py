"""The annual follow-up report of a region and year: a printable page, and the same as a PDF,
rendered by a job and kept (:mod:`.services`). While it is prepared, the PDF's URL answers 202 with
a page that asks again: with htmx a status fragment every few seconds (which then links to the
file, rather than reloading the page), without JavaScript by reloading itself."""
from flask import Blueprint, Response, abort, g, render_template, request, url_for
from flask_babel import get_locale

from ..policy import public
from ..templating import htmx_request
from . import queries, services
from .models import FAILED, READY

bp = Blueprint("reports", __name__, url_prefix="/regions/<region_slug>/report")
#: seconds after which the page saying the PDF is being prepared asks again
RETRY_AFTER = 5


def _year(year):
    if year not in queries.years():
        abort(404)
    return year


@bp.get("/<int:year>")
@public
def show(year):
    return services.render_html("reports/report.html", g.region, _year(year))


@bp.get("/<int:year>.pdf")
@public
def pdf(year):
    # the PDF goes back to whoever asked, not into an e-mail: its links take the address the
    # request came to (in production only BASE_URL's host is served), with or without BASE_URL
    kept = services.kept_pdf(g.region, _year(year), str(get_locale()), url_for("home.index", _external=True))
    if htmx_request():  # the waiting page asking how it goes: a fragment, never the file itself
        return render_template("reports/_pdf_preparing.html", region=g.region, year=year, state=kept.state,
                               retry_after=RETRY_AFTER, here=request.path)
    if kept.state == READY:
        return Response(kept.document, mimetype="application/pdf", headers={
            "Content-Disposition": f'inline; filename="samverkan-{g.region.slug}-{year}.pdf"'})
    if kept.state == FAILED:
        return render_template("reports/pdf_unavailable.html", region=g.region, year=year), 503
    page = render_template("reports/pdf_preparing.html", region=g.region, year=year, state=kept.state,
                           retry_after=RETRY_AFTER, here=request.path)
    return page, 202, {"Retry-After": str(RETRY_AFTER), "Cache-Control": "no-store"}
