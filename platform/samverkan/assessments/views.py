"""Where a region's plan stands: the council's status analysis (a dated assessment per node, with
its history), the parts it prioritises with the work and the meeting actions behind them, and the
gaps, the parts without work under way.

A region admin adds an assessment from the status analysis: without JavaScript through a page of
its own (back to the analysis when saved), with htmx in place of the node's item, which answers
with the item again (400 with the form's errors).
"""
from flask import Blueprint, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from .. import audit_display
from ..extensions import db
from ..i18n import localized
from ..initiatives.vocabulary import STATUSES
from ..plans import coverage
from ..plans.models import PlanNode
from ..plans.queries import follow_up, main_plan_or_404, node_or_404
from ..policy import public, requires
from ..templating import htmx_request, render_form
from ..times import today
from . import queries, services
from .forms import AssessmentForm
from .models import ASSESSMENT_STATUSES, StatusAssessment

bp = Blueprint("assessments", __name__, url_prefix="/regions/<region_slug>")

#: the order of the gap page after the prioritised gaps: the least developed first, the parts never
#: assessed (nobody knows) before those under way
GAP_ORDER = ("not-started", "early", None, "progressing", "established")


def _render(template, **context):
    return render_template(template, region=g.region, assessment_statuses=ASSESSMENT_STATUSES, **context)


@bp.get("/assessments")
@public
def index():
    plan = main_plan_or_404(g.region)
    nodes = list(plan.in_order())
    histories = queries.histories(node.id for node in nodes)
    counts = {key: 0 for key in (*ASSESSMENT_STATUSES, None)}
    for node in nodes:
        history = histories.get(node.id)
        counts[history[0].status if history else None] += 1
    return _render("assessments/index.html", plan=plan, nodes=nodes, histories=histories, counts=counts,
                   prioritised=sum(1 for h in histories.values() if h[0].prioritised),
                   demo=any(a.demo for h in histories.values() for a in h))


def _item(plan, node, form=None, focus=None, status=200):
    """The node's item of the status analysis: what htmx swaps in."""
    return _render("assessments/_node.html", plan=plan, node=node, history=queries.history(node.id),
                   form=form, focus=focus), status


@bp.route("/assessments/<code>/new", methods=["GET", "POST"])
@requires("region.manage")
def new(code):
    plan = main_plan_or_404(g.region)
    node = node_or_404(plan, code)
    form = AssessmentForm()
    if form.validate_on_submit():
        assessment = services.add_assessment(g.region, db.session.get(PlanNode, node.id), form.assessed_on.data,
                                             form.status.data, form.prioritised.data, form.comment.data,
                                             by=current_user._get_current_object())
        db.session.commit()
        if htmx_request():
            return _item(plan, node, focus=f"assessment-{assessment.id}")
        flash(_("The status assessment of %(code)s is saved.", code=node.code), "info")
        return redirect(url_for("assessments.index", _anchor=f"node-{node.code}"))
    if request.method == "GET" and form.assessed_on.data is None:
        form.assessed_on.data = today()
    if htmx_request():
        return _item(plan, node, form=form, status=400 if form.errors else 200)
    return render_form("assessments/new.html", form, region=g.region, plan=plan, node=node,
                       history=queries.history(node.id), assessment_statuses=ASSESSMENT_STATUSES)


@bp.get("/priorities")
@public
def priorities():
    plan = main_plan_or_404(g.region)
    marks = follow_up(plan).marks
    found = queries.priorities(plan, marks, current_user)
    return _render("assessments/priorities.html", plan=plan, priorities=found, marks=marks, statuses=STATUSES,
                   demo=any(marks[p.node.id].demo for p in found))


def _gap_order(mark):
    return not mark.prioritised, GAP_ORDER.index(mark.status if mark.status in GAP_ORDER else None)


@bp.get("/gaps")
@public
def gaps():
    plan = main_plan_or_404(g.region)
    kept = follow_up(plan)
    found = sorted(coverage.gaps(plan, kept.covered), key=lambda node: _gap_order(kept.marks[node.id]))
    return _render("assessments/gaps.html", plan=plan, gaps=found, marks=kept.marks, share=kept.share,
                   demo=any(kept.marks[node.id].demo for node in found))


# -- how the audit log names these objects ---------------------------------------------------

def _assessment(obj, values):
    if obj is None:
        return _("status assessment of %(date)s", date=values.get("assessed_on", "")), None
    text = _("%(code)s %(title)s: status assessment of %(date)s", code=obj.node.code,
             title=localized(obj.node, "title").text, date=obj.assessed_on.isoformat())
    return text, url_for("assessments.index", region_slug=obj.node.plan.region.slug, _anchor=f"node-{obj.node.code}")


audit_display.register_kind("StatusAssessment", _l("Status assessment"), _assessment, StatusAssessment)
