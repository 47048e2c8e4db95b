"""An actor's competence-supply plan: the current year and each year's page with what changed
since the year before, and keeping it (starting it, the next year, parts, activities, publishing).

Who may keep it is decided on the plan year by the policy: the region admins of the plan's region
(through the role) and the actor's contacts and representatives (the object grant in ``models``).
A published year is frozen (see :mod:`.services`): a form on it answers 409 and says to start the
next year. Without JavaScript every change is a form and a page; with htmx, moving and removing an
activity swap the list of its section and horizon in place.
"""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select

from .. import audit_display
from ..forms import ConfirmForm
from ..actors.models import Actor
from ..extensions import db
from ..i18n import localized
from ..initiatives import services as initiative_services
from ..plans.models import PlanNode
from ..policy import can, object_by_id, object_grant, public, refuse, region_scope, requires
from ..templating import confirm_then, htmx_request, render_form
from ..times import today
from . import queries, services
from .diff import changes
from .forms import ActivityForm, MoveForm, PartForm, StartPlanForm, SummaryForm
from .models import HORIZONS, CompetenceActivity, CompetencePlanPart, CompetencePlanYear, _keepers_edit_own

bp = Blueprint("competence_plans", __name__)

object_by_id("plan_year", "plan_year_id", CompetencePlanYear)
object_by_id("plan_part", "plan_part_id", CompetencePlanPart)
object_by_id("competence_activity", "competence_activity_id", CompetenceActivity)


@region_scope(CompetencePlanPart)
@region_scope(CompetenceActivity)
def _year_region(obj):
    return {obj.plan_year.region_id}


@object_grant("competence-plan.edit", CompetencePlanPart)
@object_grant("competence-plan.edit", CompetenceActivity)
def _keepers_edit_parts(person, obj):
    return _keepers_edit_own(person, obj.plan_year)


# -- reading ------------------------------------------------------------------------------------

def _year_url(plan_year, anchor=None, focus=None):
    """The year's page; ``focus``: the id of what takes the keyboard focus after an htmx swap."""
    return url_for("competence_plans.year", actor_id=plan_year.actor_id, year=plan_year.year, _anchor=anchor,
                   **({"focus": focus} if focus else {}))


def _initiative_candidate(plan_year):
    return initiative_services.build(dict(owner_id=plan_year.actor_id, lead_region_id=plan_year.region_id))


def _page(actor, plan_year, every_year, current_page=False):
    years = [y for y in every_year if queries.may_see(current_user, y)]
    context = dict(actor=actor, years=years, plan_year=plan_year, current_page=current_page,
                   horizons=HORIZONS, confirm=ConfirmForm(), move=MoveForm())
    if plan_year is None:
        context["may_start"] = can(current_user, "competence-plan.edit", actor)
        return render_template("competence_plans/year.html", **context)
    may_edit = queries.may_edit(current_user, plan_year)
    previous = queries.previous_of(plan_year, every_year)
    titles = {section.key: localized(section, "title") for section in queries.sections(plan_year)}
    latest = years[0] if years else None
    context.update(
        layout=queries.layout(plan_year), previous=previous, titles=titles,
        changes=changes(previous, plan_year) if previous else None,
        may_edit=may_edit, editable=may_edit and not plan_year.published,
        may_start_next=may_edit and plan_year.published and latest is plan_year,
        may_make_initiatives=may_edit and can(current_user, "initiative.edit", _initiative_candidate(plan_year)),
        published_years=[y for y in years if y.published],
        focus=request.args.get("focus"),
        activity_labels={"title": _("Title"), "description": _("Description"), "responsible": _("Responsible"),
                         "follow_up": _("Follow-up")},
    )
    return render_template("competence_plans/year.html", **context)


@bp.get("/actors/<int:actor_id>/competence-plan")
@public
def current(actor_id):
    """The latest published year; to those who may edit it, the latest year, a draft too."""
    actor = db.get_or_404(Actor, actor_id)
    every_year = queries.years_of(actor.id)
    shown = next((y for y in every_year if y.published or queries.may_edit(current_user, y)), None)
    plan_year = queries.year_of(actor.id, shown.year) if shown else None
    return _page(actor, plan_year, every_year, current_page=True)


@bp.get("/actors/<int:actor_id>/competence-plan/<int:year>")
@public
def year(actor_id, year):
    actor = db.get_or_404(Actor, actor_id)
    every_year = queries.years_of(actor.id)
    if not any(y.year == year and queries.may_see(current_user, y) for y in every_year):
        abort(404)
    return _page(actor, queries.year_of(actor.id, year), every_year)


# -- starting -----------------------------------------------------------------------------------

def _refused(plan_year, message, status=409):
    """A change the plan's state refuses (a published year, a second draft): why, and the way on."""
    return render_template("competence_plans/refused.html", plan_year=plan_year, message=message,
                           back=_year_url(plan_year)), status


FROZEN = _l("The plan of this year is published and no longer changes. Start the next year's plan to revise it.")


@bp.route("/actors/<int:actor_id>/competence-plan/new", methods=["GET", "POST"])
@requires("competence-plan.edit", on="actor")
def start(actor):
    """The actor's first plan year, in one of its regions where the person may keep it."""
    latest = services.latest_year(actor.id)
    if latest is not None:
        flash(_("The actor has a plan already: revise it by starting its next year."), "info")
        return redirect(url_for("competence_plans.current", actor_id=actor.id))
    regions = [region for region in actor.regions
               if can(current_user, "competence-plan.edit", CompetencePlanYear(actor_id=actor.id, region_id=region.id))]
    form = StartPlanForm()
    form.region.choices = [(region.id, localized(region, "name").text) for region in regions]
    if request.method == "GET":
        form.year.data = today().year
        if regions:
            form.region.data = regions[0].id
    if form.validate_on_submit():
        region = next(region for region in regions if region.id == form.region.data)
        plan_year = services.start_plan(actor, region, form.year.data, by=current_user)
        db.session.commit()
        flash(_("The plan of %(year)s is started as a draft.", year=plan_year.year), "info")
        return redirect(_year_url(plan_year))
    return render_form("competence_plans/start.html", form, actor=actor)


@bp.post("/competence-plans/<int:plan_year_id>/next")
@requires("competence-plan.edit", on="plan_year")
def start_next(plan_year):
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        next_year = services.start_next_year(plan_year, by=current_user)
    except services.PlanError:
        db.session.rollback()
        return _refused(plan_year, _("Only the latest year of a plan, once published, can be carried on to the "
                                     "next year: a plan has one draft at a time."))
    db.session.commit()
    flash(_("The plan of %(year)s is started as a draft, with the content of %(previous)s to revise.",
            year=next_year.year, previous=plan_year.year), "info")
    return redirect(_year_url(next_year))


# -- the year's content -------------------------------------------------------------------------

@bp.route("/competence-plans/<int:plan_year_id>/summary", methods=["GET", "POST"])
@requires("competence-plan.edit", on="plan_year")
def summary(plan_year):
    if plan_year.published:
        return _refused(plan_year, FROZEN)
    form = SummaryForm(obj=plan_year)
    if form.validate_on_submit():
        services.update_summary(plan_year, form.summary.data, by=current_user)
        db.session.commit()
        flash(_("The summary is saved."), "info")
        return redirect(_year_url(plan_year, "summary"))
    return render_form("competence_plans/form.html", form, plan_year=plan_year, heading=_("Edit the summary"),
                       fields=["summary"])


@bp.route("/competence-plan-parts/<int:plan_part_id>/edit", methods=["GET", "POST"])
@requires("competence-plan.edit", on="plan_part")
def edit_part(plan_part):
    plan_year = plan_part.plan_year
    if plan_year.published:
        return _refused(plan_year, FROZEN)
    form = PartForm(obj=plan_part)
    if form.validate_on_submit():
        services.update_part(plan_part, form.gap.data, form.need.data, by=current_user)
        db.session.commit()
        flash(_("The gap and the need are saved."), "info")
        return redirect(_year_url(plan_year, f"{plan_part.section_key}-{plan_part.horizon}"))
    title = _section_title(plan_year, plan_part.section_key)
    return render_form("competence_plans/form.html", form, plan_year=plan_year, fields=["gap", "need"],
                       heading=_("%(section)s, %(horizon)s: gap and need", section=title,
                                 horizon=str(HORIZONS[plan_part.horizon]).lower()))


def _section_title(plan_year, key):
    section = next((s for s in queries.sections(plan_year) if s.key == key), None)
    return localized(section, "title").text if section else key


def _activity_form(plan_year, activity=None):
    goals = [(node.id, f"{node.code} {localized(node, 'title').text}")
             for node in queries.goal_choices(plan_year.region)]
    if activity is not None:  # an edit keeps offering what it links to
        offered = {node_id for node_id, _label in goals}
        goals += [(node.id, f"{node.code} {localized(node, 'title').text}") for node in activity.nodes
                  if node.id not in offered]
    sections = [(s.key, localized(s, "title").text) for s in queries.sections(plan_year)]
    form = ActivityForm(sections, goals, obj=activity)
    if request.method == "GET":
        if activity is not None:
            form.section.data, form.nodes.data = activity.section_key, [node.id for node in activity.nodes]
        else:
            form.section.data = request.args.get("section")
            form.horizon.data = request.args.get("horizon")
    return form


def _activity_values(form):
    return dict(section_key=form.section.data, horizon=form.horizon.data, title=form.title.data,
                description=form.description.data, responsible=form.responsible.data,
                follow_up=form.follow_up.data)


def _nodes(ids):
    """The plan nodes the form chose (its choices are the region's goals, so these are too)."""
    return db.session.scalars(select(PlanNode).where(PlanNode.id.in_(ids)).order_by(PlanNode.id)).all() if ids else []


ACTIVITY_FIELDS = ["section", "horizon", "title", "description", "responsible", "follow_up", "nodes"]


@bp.route("/competence-plans/<int:plan_year_id>/activities/new", methods=["GET", "POST"])
@requires("competence-plan.edit", on="plan_year")
def new_activity(plan_year):
    if plan_year.published:
        return _refused(plan_year, FROZEN)
    form = _activity_form(plan_year)
    if form.validate_on_submit():
        activity = services.add_activity(plan_year, _activity_values(form), _nodes(form.nodes.data), by=current_user)
        db.session.commit()
        flash(_("The activity %(title)s is added.", title=activity.title), "info")
        return redirect(_year_url(plan_year, f"activity-{activity.id}"))
    return render_form("competence_plans/form.html", form, plan_year=plan_year, heading=_("New activity"),
                       fields=ACTIVITY_FIELDS)


@bp.route("/competence-activities/<int:competence_activity_id>/edit", methods=["GET", "POST"])
@requires("competence-plan.edit", on="competence_activity")
def edit_activity(competence_activity):
    activity = competence_activity
    plan_year = activity.plan_year
    if plan_year.published:
        return _refused(plan_year, FROZEN)
    form = _activity_form(plan_year, activity)
    if form.validate_on_submit():
        services.update_activity(activity, _activity_values(form), _nodes(form.nodes.data), by=current_user)
        db.session.commit()
        flash(_("The activity %(title)s is saved.", title=activity.title), "info")
        return redirect(_year_url(plan_year, f"activity-{activity.id}"))
    return render_form("competence_plans/form.html", form, plan_year=plan_year,
                       heading=_("Edit the activity %(title)s", title=activity.title), fields=ACTIVITY_FIELDS)


@bp.post("/competence-activities/<int:competence_activity_id>/delete")
@requires("competence-plan.edit", on="competence_activity")
def remove_activity(competence_activity):
    plan_year = competence_activity.plan_year
    if not ConfirmForm().validate_on_submit():
        abort(400)
    if plan_year.published:
        return _refused(plan_year, FROZEN)
    anchor = f"{competence_activity.section_key}-{competence_activity.horizon}"
    title = competence_activity.title
    services.remove_activity(competence_activity, by=current_user)
    db.session.commit()
    flash(_("The activity %(title)s is removed.", title=title), "info")
    return redirect(_year_url(plan_year, anchor, focus=f"activities-{anchor}-heading" if htmx_request() else None))


@bp.post("/competence-activities/<int:competence_activity_id>/move")
@requires("competence-plan.edit", on="competence_activity")
def move_activity(competence_activity):
    plan_year = competence_activity.plan_year
    form = MoveForm()
    if not form.validate_on_submit() or form.direction.data not in ("up", "down"):
        abort(400)
    if plan_year.published:
        return _refused(plan_year, FROZEN)
    services.move_activity(competence_activity, -1 if form.direction.data == "up" else 1, by=current_user)
    db.session.commit()
    anchor = f"activity-{competence_activity.id}"
    return redirect(_year_url(plan_year, anchor, focus=f"{anchor}-title" if htmx_request() else None))


@bp.post("/competence-activities/<int:competence_activity_id>/initiative")
@requires("competence-plan.edit", on="competence_activity")
def to_initiative(competence_activity):
    """The activity as a draft initiative of the registry, planned, for the actor to complete; a
    second request finds the first one's. Besides keeping the plan, the person must be able to
    edit the initiative it becomes (``initiative.edit``: a region admin of the plan's region, or a
    project lead there who belongs to the actor): the registry is the region's, and a draft
    nobody could complete would be left lying there."""
    activity = competence_activity
    if not ConfirmForm().validate_on_submit():
        abort(400)
    if activity.initiative is None and not can(current_user, "initiative.edit",
                                               _initiative_candidate(activity.plan_year)):
        refuse(403, "initiative.edit (the initiative the activity would become)")
    try:
        initiative, created = services.activity_to_initiative(activity, by=current_user)
        db.session.commit()
    except services.PlanError:  # made by a request a moment ago
        db.session.rollback()
        initiative, created = db.session.get(CompetenceActivity, activity.id).initiative, False
    if created:
        flash(_("The activity is an initiative now, a draft: complete it and publish it when it is ready."), "info")
    else:
        flash(_("The activity became this initiative already."), "info")
    return redirect(url_for("initiatives.show", initiative_id=initiative.id))


# -- publishing and deleting --------------------------------------------------------------------

@bp.post("/competence-plans/<int:plan_year_id>/publish")
@requires("competence-plan.edit", on="plan_year")
def publish(plan_year):
    if not ConfirmForm().validate_on_submit():
        abort(400)
    if plan_year.published:
        return _refused(plan_year, _("The plan of this year is published already."))
    services.publish(plan_year, by=current_user)
    db.session.commit()
    flash(_("The plan of %(year)s is published. It no longer changes: revise it by starting the next year.",
            year=plan_year.year), "info")
    return redirect(_year_url(plan_year))


@bp.route("/competence-plans/<int:plan_year_id>/delete", methods=["GET", "POST"])
@requires("competence-plan.edit", on="plan_year")
def delete(plan_year):
    problem = _("A published plan is kept: it cannot be deleted.") if plan_year.published else None
    return confirm_then("competence_plans/delete.html", lambda: services.delete_draft(plan_year),
                        _("The draft of %(year)s is deleted.", year=plan_year.year), back=_year_url(plan_year),
                        after=url_for("competence_plans.current", actor_id=plan_year.actor_id), problem=problem,
                        plan_year=plan_year)


# -- how the audit log names these objects ------------------------------------------------------

def _describe_year(obj, values):
    if obj is None:
        return _("competence-supply plan %(year)s", year=values.get("year", "")), None
    return _("%(actor)s: competence-supply plan %(year)s", actor=obj.actor.name, year=obj.year), _year_url(obj)


def _describe_part(obj, values):
    if obj is None:
        return _("part of a competence-supply plan"), None
    plan_year = obj.plan_year
    return (_("%(actor)s: competence-supply plan %(year)s, %(section)s", actor=plan_year.actor.name,
              year=plan_year.year, section=_section_title(plan_year, obj.section_key)),
            _year_url(plan_year, f"{obj.section_key}-{obj.horizon}"))


def _describe_activity(obj, values):
    if obj is None:
        return values.get("title", ""), None
    return (_("%(actor)s: activity %(title)s (%(year)s)", actor=obj.plan_year.actor.name, title=obj.title,
              year=obj.plan_year.year), _year_url(obj.plan_year, f"activity-{obj.id}"))


audit_display.register_kind("CompetencePlanYear", _l("Competence-supply plan"), _describe_year, CompetencePlanYear)
audit_display.register_kind("CompetencePlanPart", _l("Part of a competence-supply plan"), _describe_part,
                            CompetencePlanPart)
audit_display.register_kind("CompetenceActivity", _l("Competence-supply activity"), _describe_activity,
                            CompetenceActivity)
