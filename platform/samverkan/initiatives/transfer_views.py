"""Initiatives in and out of files: the upload page of a region's administrators, and the list's
export as CSV and XLSX for everyone who may read it.

Those who may not read people's e-mail addresses (anonymous visitors) get the export without the
contact person's address; the columns of the file are the import's still, less that one.

The upload is checked and imported in one transaction (:mod:`.importer`): in the request up to
``IMPORT_JOB_BYTES``, by the worker above it, with a page that follows it (:mod:`.import_runs`). With JavaScript, the page
shows the upload's progress (htmx's ``htmx:xhr:progress`` events) and then that the server is
checking the file; without, the form is an ordinary post.
"""
from flask import (
    Blueprint,
    Response,
    current_app,
    g,
    redirect,
    render_template,
    request,
    stream_with_context,
    url_for,
)
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf.file import FileAllowed, FileField, FileRequired
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError
from wtforms import BooleanField

from ..actors.queries import kind_labels
from ..extensions import db
from ..forms import CheckboxesField, Form
from ..policy import public, requires, sees_personal_addresses
from ..templating import htmx_request
from ..themes.queries import all_themes
from ..times import today
from . import import_runs, queries, transfer
from .forms import InitiativeFilterForm
from .importer import import_file
from .transfer import COLUMNS, Problem

bp = Blueprint("initiative_transfer", __name__)

CONTENT_TYPES = {"csv": "text/csv; charset=utf-8",
                 "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
#: at most this many problems, and links to imported initiatives, are listed on the page
SHOWN = 500


class ImportForm(Form):
    file = FileField(_l("File"), validators=[
        FileRequired(_l("Choose a file.")),
        FileAllowed(list(transfer.FORMATS), _l("Choose a .csv or an .xlsx file.")),
    ])
    #: the file's unknown columns, offered once an upload has them: choices set by :func:`upload`
    ignore = CheckboxesField(_l("Leave out these columns"), choices=[], validate_choice=False)
    check_only = BooleanField(_l("Only check the file, import nothing"))

    def offer_ignoring(self, headers):
        """Offer the headers as columns to leave out, beside those chosen already."""
        chosen = list(self.ignore.data or ())
        self.ignore.choices = [(header, header) for header in dict.fromkeys([*chosen, *headers])]
        self.ignore.data = chosen


def size_limit():
    """The largest upload, in words (the app refuses a larger request body unread)."""
    size = current_app.config["MAX_CONTENT_LENGTH"]
    return f"{size / 1024 / 1024:g} MiB" if size >= 1024 * 1024 else f"{size / 1024:g} KiB"


@bp.route("/regions/<region_slug>/initiatives/import", methods=["GET", "POST"])
@requires("region.manage")
def upload():
    """Check an uploaded file and import it into the region: all its rows, or none."""
    form = ImportForm()
    if not form.is_submitted():  # from an import's page: its unknown columns, to leave out
        form.ignore.data = request.args.getlist("ignore")
    outcome, status = None, 200
    if form.validate_on_submit():
        upload_ = form.file.data
        data = upload_.read()
        ignore = tuple(form.ignore.data or ())
        if import_runs.is_large(data):  # seconds of work: the worker does it, a page follows it
            run = import_runs.start(g.region, current_user, upload_.filename, data, form.check_only.data,
                                    str(get_locale()), ignore)
            db.session.commit()
            import_runs.queue(run)
            url = url_for("initiative_transfer.import_run", region_slug=g.region.slug, run_id=run.id)
            if htmx_request():
                return "", 204, {"HX-Redirect": url}
            return redirect(url, 303)
        outcome = import_file(upload_.filename, data, region=g.region, by=current_user,
                              dry_run=form.check_only.data, ignore=ignore)
        if not outcome.ok or outcome.dry_run:
            db.session.rollback()
            status = 400 if not outcome.ok else 200
            if outcome.ok:
                form.check_only.data = False  # checked: choosing the file again imports it
        else:
            try:
                db.session.commit()
            except (IntegrityError, StaleDataError):  # someone changed the same rows at the same time
                db.session.rollback()
                outcome.problems = [Problem(None, None, _l("Someone changed the same initiatives or actors while "
                                                           "the file was imported. Nothing was imported; try "
                                                           "again."))]
                status = 409
    elif form.is_submitted():
        status = 400
    form.offer_ignoring(outcome.unknown if outcome is not None else ())
    context = dict(form=form, outcome=outcome, region=g.region, shown=SHOWN, size_limit=size_limit(),
                   columns=COLUMNS)
    template = "initiatives/_import.html" if htmx_request() else "initiatives/import.html"
    return render_template(template, **context), status


@bp.get("/regions/<region_slug>/initiatives/import/<int:run_id>")
@requires("region.manage", on="run")
def import_run(run):
    """How far an import the worker runs has come, then what it did: polled by htmx, and without
    JavaScript a page that reloads itself until it is done."""
    done = run.state == import_runs.DONE
    context = dict(run=run, region=g.region, shown=SHOWN, done=done,
                   progress=None if done else import_runs.progress(run),
                   outcome=import_runs.outcome(run) if done else None)
    template = "initiatives/_import_run.html" if htmx_request() else "initiatives/import_run.html"
    return render_template(template, **context)


# -- the export ----------------------------------------------------------------------------------

def _exported(fmt):
    """The initiatives of the list with the request's filters, as a file to download."""
    form = InitiativeFilterForm(queries.all_regions(), all_themes(), kind_labels(), formdata=request.args)
    if not form.validate():
        return Response(_("The filters could not be applied:") + " " + form.problems + "\n", 400,
                        mimetype="text/plain")
    filters = form.filters
    initiatives = transfer.for_export(queries.filtered(current_user, **filters))
    name = "-".join(["initiativ", *([filters["region"]] if "region" in filters else []), today().isoformat()])
    headers = {"Content-Disposition": f'attachment; filename="{name}.{fmt}"'}
    # streamed, a batch of initiatives at a time, each batch read in a transaction of its own: the
    # file is never whole in memory, and a slow client holds no database connection
    layout = transfer.LAYOUT if sees_personal_addresses(current_user) else transfer.PUBLIC_LAYOUT
    return Response(stream_with_context(layout.stream(fmt, initiatives)), headers=headers,
                    content_type=CONTENT_TYPES[fmt])


@bp.get("/initiatives/export.csv")
@public
def export_csv():
    return _exported("csv")


@bp.get("/initiatives/export.xlsx")
@public
def export_xlsx():
    return _exported("xlsx")

