"""The annual report's PDF, rendered by a job and kept: a request never spends seconds of CPU on
it, and twenty requests at once render it once.

A PDF is kept per region, year, language and data version (:func:`data_version`): a write that
changes the report renews it, and one that does not (or one in another region) leaves it good.
The first request for a version stores a pending :class:`~.models.ReportPdf` row, whose unique
key lets only one request in, and that request queues the job; the others, until the job is done,
are told it is being prepared (or get the kept PDF of an older version, what the report said a
moment ago). A rendering left pending for :data:`RENDER_TIMEOUT` (its worker stopped) is queued again.
"""
import hashlib
import logging
from datetime import timedelta

from flask import current_app, g, render_template
from flask_babel import force_locale
from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError

from .. import jobs, times
from ..assessments.models import ASSESSMENT_STATUSES
from ..extensions import db
from ..networks.stages import STAGE_BY_KEY
from ..regions.models import Region
from . import queries
from .models import FAILED, PENDING, READY, ReportPdf, utcnow
from .pdf import PdfUnavailable, write_pdf

log = logging.getLogger(__name__)
#: the site's stylesheet and the report's, whose print rules shape the PDF's pages
STYLESHEETS = ("css/samverkan.css", "css/report.css")
#: a rendering still pending this long was lost with its worker, and is queued again
RENDER_TIMEOUT = timedelta(minutes=10)


def data_version(region, year):
    """The version of the data the report of ``region`` for ``year`` is drawn from: the region's
    generation of :data:`~.queries.REPORT`, and while the year runs the day (its end is today)."""
    today = times.today()
    day = (today,) if queries.Period(year, today).running else ()
    key = repr((*queries.REPORT.key(region.id), *day)).encode()
    return hashlib.sha256(key).hexdigest()[:32]


def render_html(template, region, year):
    """The report's page or its PDF's HTML (``year`` must be one of ``queries.years()``)."""
    return render_template(template, report=queries.report(region, year), region=region,
                           stages=STAGE_BY_KEY, assessment_statuses=ASSESSMENT_STATUSES, years=queries.years(),
                           listed=queries.LISTED)


def _kept(region, year, language, version):
    return db.session.scalar(select(ReportPdf).filter_by(region_id=region.id, year=year, language=language,
                                                         version=version))


def _older_ready(region, year, language):
    return db.session.scalar(select(ReportPdf).filter_by(region_id=region.id, year=year, language=language,
                                                         state=READY).order_by(ReportPdf.requested_at.desc()))


def kept_pdf(region, year, language, base_url):
    """The kept rendering of the report as the data stands, asking a job for it when it is not
    (once, whoever else asks at the same time); a pending one may fall back on an older version.
    Commits."""
    version = data_version(region, year)
    row = _kept(region, year, language, version)
    queue = False
    if row is None:
        row = ReportPdf(region_id=region.id, year=year, language=language, version=version, state=PENDING)
        db.session.add(row)
        try:
            db.session.commit()
            queue = True
        except IntegrityError:  # another request asked first: its job renders it
            db.session.rollback()
            row = _kept(region, year, language, version)
    elif row.state == PENDING and row.requested_at < utcnow() - RENDER_TIMEOUT:
        queue = db.session.execute(update(ReportPdf).where(ReportPdf.id == row.id,
                                                           ReportPdf.requested_at == row.requested_at)
                                   .values(requested_at=utcnow())).rowcount == 1
    db.session.commit()
    if queue:
        jobs.enqueue(render_pdf, row.id, base_url)
        db.session.refresh(row)  # immediate mode: the job has run
    if row.state == PENDING:
        return _older_ready(region, year, language) or row
    return row


@jobs.task(retries=2, retry_delay=30)
def render_pdf(pdf_id, base_url):
    """Render a pending PDF as an anonymous visitor sees the report (the same file for everyone)
    and keep it in place of the older versions of its region, year and language."""
    row = db.session.get(ReportPdf, pdf_id)
    if row is None or row.state != PENDING:
        return
    region = db.session.get(Region, row.region_id)
    app = current_app._get_current_object()
    with app.test_request_context("/", base_url=base_url), force_locale(row.language):
        g.region = region
        html = render_html("reports/report_pdf.html", region, row.year)
        try:
            # links in the PDF take the address it was asked at (only BASE_URL's host in production)
            row.document, row.state = write_pdf(html, base_url, STYLESHEETS), READY
        except PdfUnavailable as error:
            log.error("the report's PDF cannot be made: %s", error)
            row.state = FAILED
    if row.state == READY:
        db.session.execute(delete(ReportPdf).where(
            ReportPdf.region_id == row.region_id, ReportPdf.year == row.year, ReportPdf.language == row.language,
            ReportPdf.id != row.id, ReportPdf.state != PENDING))
    db.session.commit()
