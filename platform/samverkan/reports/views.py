"""The annual follow-up report of a region and year: a printable page, and the same as a PDF."""
import logging

from flask import Blueprint, Response, abort, g, render_template, url_for

from ..assessments.models import ASSESSMENT_STATUSES
from ..networks.stages import STAGE_BY_KEY
from ..policy import public
from . import queries
from .pdf import PdfUnavailable, write_pdf

bp = Blueprint("reports", __name__, url_prefix="/regions/<region_slug>/report")
log = logging.getLogger(__name__)
#: the site's stylesheet and the report's, whose print rules shape the PDF's pages
STYLESHEETS = ("css/samverkan.css", "css/report.css")


def _render(template, year):
    if year not in queries.years():
        abort(404)
    return render_template(template, report=queries.report(g.region, year), region=g.region,
                           stages=STAGE_BY_KEY, assessment_statuses=ASSESSMENT_STATUSES, years=queries.years(),
                           listed=queries.LISTED)


@bp.get("/<int:year>")
@public
def show(year):
    return _render("reports/report.html", year)


@bp.get("/<int:year>.pdf")
@public
def pdf(year):
    html = _render("reports/report_pdf.html", year)
    try:
        # the PDF goes back to whoever asked, not into an e-mail: its links take the address the
        # request came to (in production only BASE_URL's host is served), with or without BASE_URL
        document = write_pdf(html, url_for("home.index", _external=True), STYLESHEETS)
    except PdfUnavailable as error:
        log.error("the report's PDF cannot be made: %s", error)
        return render_template("reports/pdf_unavailable.html", region=g.region, year=year), 503
    return Response(document, mimetype="application/pdf", headers={
        "Content-Disposition": f'inline; filename="samverkan-{g.region.slug}-{year}.pdf"'})
