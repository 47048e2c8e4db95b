"""Progress reports on an initiative, and a region's reporting periods and overdue reports.

Reports are written by whoever may edit the initiative (``initiative.edit``, decided on the
initiative; an entry is decided on its initiative the same way). The add form sits in the
initiative's timeline and works without JavaScript: an htmx request is answered with the timeline
alone, any other with a redirect, or with a page of its own when the form has errors.
"""
from flask import Blueprint, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from .. import audit_display
from ..extensions import db
from ..policy import can, object_by_id, requires
from ..templating import confirm_then, htmx_request, render_form
from ..times import today
from ..urls import query_int
from . import progress_queries as queries
from . import progress_services as services
from .models import Initiative, ProgressEntry, ReportingPeriod
from .progress_forms import ReportingPeriodForm, progress_form

bp = Blueprint("progress", __name__)

#: the prefix of the report form's fields: unique beside the other forms of the initiative page
PREFIX = "progress"

object_by_id("progress_entry", "entry_id", ProgressEntry)


object_by_id("reporting_period", "period_id", ReportingPeriod)


# -- the timeline on the initiative's page ------------------------------------------------------

def _form(initiative, entry=None, blank=False):
    """The report form with a field per indicator of the initiative's regions; ``blank`` for a
    new report dated today (not filled from the request)."""
    indicators = queries.indicators_for(initiative, entry)
    if blank:
        return progress_form(indicators, formdata=None, prefix=PREFIX, reported_on=today())
    form = progress_form(indicators, obj=entry, prefix=PREFIX)
    if entry is not None and request.method != "POST":
        for row in entry.values:
            form[f"indicator_{row.indicator_id}"].data = row.value
    return form


def progress_context(initiative, form=None, focus=None):
    """What ``initiatives/_progress.html`` shows: the entries, and for the initiative's editors
    the reports missing and the form to add one."""
    may_edit = can(current_user, "initiative.edit", initiative)
    context = dict(entries=queries.timeline(initiative), may_edit=may_edit, form=None, missing=[],
                   focus=focus, days_late=queries.days_late)
    if may_edit:
        context["form"] = form or _form(initiative, blank=True)
        context["missing"] = db.session.execute(
            queries.missing_reports(Initiative.id == initiative.id, queries.due_or_overdue())).all()
    return context


def _timeline(initiative, status=200, **kwargs):
    """The timeline alone: the answer to an htmx request."""
    return render_template("initiatives/_progress.html", initiative=initiative,
                           progress=progress_context(initiative, **kwargs)), status


def _values(form):
    return dict(reported_on=form.reported_on.data, happened=form.happened.data,
                next_steps=form.next_steps.data, indicators=form.indicator_values())


def _back(initiative, anchor="progress"):
    return redirect(url_for("initiatives.show", initiative_id=initiative.id, _anchor=anchor))


@bp.route("/initiatives/<int:initiative_id>/progress", methods=["GET", "POST"])
@requires("initiative.edit", on="initiative")
def add(initiative):
    form = _form(initiative)
    if request.method == "POST":
        if form.validate_on_submit():
            entry = services.add_entry(initiative, _values(form), by=current_user._get_current_object())
            db.session.commit()
            if htmx_request():
                return _timeline(initiative, focus=f"progress-{entry.id}")
            flash(_("The progress report is saved."), "info")
            return _back(initiative, f"progress-{entry.id}")
        if htmx_request():
            return _timeline(initiative, 400, form=form)
    elif not form.reported_on.data:
        form.reported_on.data = today()
    return render_form("initiatives/progress_form.html", form, initiative=initiative, entry=None)


@bp.route("/progress/<int:entry_id>/edit", methods=["GET", "POST"])
@requires("initiative.edit", on="progress_entry")
def edit(progress_entry):
    entry = progress_entry
    form = _form(entry.initiative, entry)
    if form.validate_on_submit():
        services.update_entry(entry, _values(form))
        db.session.commit()
        flash(_("The progress report is saved."), "info")
        return _back(entry.initiative, f"progress-{entry.id}")
    return render_form("initiatives/progress_form.html", form, initiative=entry.initiative, entry=entry)


@bp.route("/progress/<int:entry_id>/delete", methods=["GET", "POST"])
@requires("initiative.edit", on="progress_entry")
def delete(progress_entry):
    initiative = progress_entry.initiative
    return confirm_then("initiatives/progress_delete.html", lambda: services.delete_entry(progress_entry),
                        _("The progress report is deleted."),
                        back=url_for("initiatives.show", initiative_id=initiative.id,
                                     _anchor=f"progress-{progress_entry.id}"),
                        after=lambda: _back(initiative), entry=progress_entry, initiative=initiative)


# -- a region's reporting periods and overdue reports -------------------------------------------

@bp.route("/regions/<region_slug>/reporting-periods", methods=["GET", "POST"])
@requires("region.manage")
def periods():
    region = g.region
    form = ReportingPeriodForm()
    if form.validate_on_submit():
        problem = services.period_problem(region, form.starts_on.data, form.ends_on.data)
        if problem is None:
            services.add_period(region, form.name.data, form.starts_on.data, form.ends_on.data, form.due_on.data)
            db.session.commit()
            flash(_("The reporting period is added."), "info")
            return redirect(url_for("progress.periods"))
        form.starts_on.errors.append(problem)
    return render_form("regions/reporting_periods.html", form, region=region, periods=queries.periods_of(region))


@bp.route("/reporting-periods/<int:period_id>/delete", methods=["GET", "POST"])
@requires("region.manage", on="reporting_period")
def delete_period(reporting_period):
    """Decided on the period's region, like the other objects of a region."""
    region = reporting_period.region
    return confirm_then("regions/reporting_period_delete.html", lambda: services.delete_period(reporting_period),
                        _("The reporting period is deleted."), back=url_for("progress.periods", region_slug=region.slug),
                        period=reporting_period, region=region)


@bp.get("/regions/<region_slug>/reports-due")
@requires("region.manage")
def reports_due():
    page = queries.overdue_in(g.region, page=query_int("page", maximum=1000))
    return render_template("regions/reports_due.html", region=g.region, page=page, days_late=queries.days_late)


# -- how the audit log names these objects ---------------------------------------------------

def _entry(obj, values):
    if obj is None:
        return _("progress report of %(date)s", date=values.get("reported_on", "")), None
    return _("%(initiative)s: progress report of %(date)s", initiative=obj.initiative.title,
             date=obj.reported_on.isoformat()), \
        url_for("initiatives.show", initiative_id=obj.initiative_id, _anchor=f"progress-{obj.id}")


def _period(obj, values):
    if obj is None:
        return values.get("name", ""), None
    return obj.name, url_for("progress.periods", region_slug=obj.region.slug)


audit_display.register_kind("ProgressEntry", _l("Progress report"), _entry, ProgressEntry)
audit_display.register_kind("ReportingPeriod", _l("Reporting period"), _period, ReportingPeriod)
