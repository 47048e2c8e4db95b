"""The plan as a tree, one node of it, its versions and what changed between them, and the
initiatives a revision left linked only to what it dropped.

The tree expands a node with and without JavaScript: the toggle is a link to the same page with
``?open=CODE``, which opens that node and the path to it; htmx fetches just that node's list item
instead. A toggle names one node, never the whole open set, so a crawler that follows every link
meets a bounded number of URLs (two per node with children); ``robots.txt`` asks it not to.

``?version=N`` shows an older version of the plan (its tree, its nodes); without it, the current one.

Beside each node the current version's tree says where it stands (its current status assessment
and priority) and whether it is a gap (no work under way, :mod:`.coverage`). The rendered tree is
kept with what it shows (:func:`.queries.follow_up`): rendered anew when plan data, an assessment
or an initiative is written, and three small statements a page while none is.
"""
from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from markupsafe import Markup
from sqlalchemy.orm.exc import StaleDataError

from .. import audit_display
from ..assessments import queries as assessments
from ..assessments.models import ASSESSMENT_STATUSES
from ..extensions import db
from ..i18n import localized
from ..initiatives import listings
from ..initiatives.models import Initiative
from ..initiatives.services import EditConflict
from ..initiatives.vocabulary import FUNDING_SOURCES, STATUSES
from ..policy import can, object_loader, public, requires
from . import services
from .forms import NODE_MATCHES, RelinkForm, finding_nodes, shown_nodes
from .models import Plan, PlanNode, without_replaced
from .queries import (count_to_relink, current_nodes, follow_up, main_plan_or_404, node_or_404, older_nodes,
                      plan_changes, plan_version, to_relink)

bp = Blueprint("plans", __name__, url_prefix="/regions/<region_slug>/plan")
bp.add_app_template_filter(without_replaced)  # the pages that link nodes show each plan's newest

#: at most this many ``?open=`` codes count (the page's own links carry one)
MAX_OPEN_CODES = 20
#: rendered trees kept per plan (two languages times the states the page links to fit)
MAX_RENDERED_TREES = 128


@object_loader("regional_initiative", "initiative_id")
def _initiative_of_region(initiative_id):
    """An initiative led from the URL's region or partnered by it; any other is not found here."""
    initiative = db.session.get(Initiative, initiative_id)
    return initiative if initiative is not None and g.region.id in initiative.region_ids else None


def _require_plan(main):
    """The tree the page shows: the current version (``main``), or the one ``?version=N`` names
    (a version the plan does not have is a 404)."""
    asked = request.args.get("version")
    plan = main if asked is None else plan_version(main, _version_number(asked))
    if plan is None:
        abort(404)
    return plan


def _version_number(text):
    """A version number from the query string; anything else is no version (a 404)."""
    if not (text.isascii() and text.isdigit() and len(text) <= 9):
        abort(404)
    return int(text)


def _open_codes(plan):
    """The expanded nodes: each ``?open=CODE`` with the path to it, or every node for
    ``?expand=all``; without either, the top level. Unknown codes are ignored, so an empty
    ``?open=`` means "all closed"."""
    if request.args.get("expand") == "all":
        return set(plan.expandable_codes)
    if "open" not in request.args:
        return {node.code for node in plan.roots}
    codes = set()
    for code in request.args.getlist("open")[:MAX_OPEN_CODES]:
        node = plan.nodes.get(code)
        if node is not None:
            codes.add(code)
            codes.update(ancestor.code for ancestor in node.ancestors)
    return codes


def _tree_html(plan, open_codes):
    """The tree's ``<ul>``, rendered once per language and set of open nodes and kept with what it
    shows (it names no visitor), with each node's mark on the current version. When full, the
    store starts over: any ``?open=`` mix a client sends stays bounded."""
    store = follow_up(plan)
    key = (get_locale().language, frozenset(open_codes))
    html = store.html.get(key)
    if html is None:
        html = Markup(render_template("plans/_tree.html", plan=plan, open_codes=open_codes, **_marks(plan, store)))
        if len(store.html) >= MAX_RENDERED_TREES:
            store.html.clear()
        store.html[key] = html
    return html, store


def _marks(plan, store):
    """What the tree items show beside each node: the marks of the current version only (an older
    version's nodes are neither assessed nor worked on any more)."""
    return {"marks": None if plan.superseded else store.marks, "assessment_statuses": ASSESSMENT_STATUSES}


@bp.get("")
@public
def tree():
    main = main_plan_or_404(g.region)
    plan = _require_plan(main)
    # only a region admin is told, and only on the current version: nobody else pays for the count
    relink = count_to_relink(g.region, main) if plan is main and can(current_user, "region.manage", g.region) else 0
    tree_html, store = _tree_html(plan, _open_codes(plan))
    return render_template("plans/tree.html", region=g.region, plan=plan, main=main, relink=relink,
                           tree_html=tree_html, follow_up=store)


@bp.get("/<code>")
@public
def node(code):
    plan = _require_plan(main_plan_or_404(g.region))
    node = node_or_404(plan, code)
    return render_template("plans/node.html", region=g.region, plan=plan, node=node,
                           initiatives=listings.for_node(current_user, node) if plan.superseded
                           else listings.under_way(plan, node), statuses=STATUSES, funding_sources=FUNDING_SOURCES,
                           history=assessments.history(node.id), assessment_statuses=ASSESSMENT_STATUSES)


@bp.get("/<code>/tree-item")
@public
def tree_item(code):
    """One ``<li>`` of the tree, opened or closed: what the htmx toggle swaps in."""
    plan = _require_plan(main_plan_or_404(g.region))
    node = node_or_404(plan, code)
    html = render_template("plans/_tree_item.html", plan=plan, node=node, open_codes=_open_codes(plan),
                           **_marks(plan, follow_up(plan)))
    return html, {"X-Robots-Tag": "noindex, nofollow"}


@bp.get("/changes")
@public
def changes():
    """What changed between two versions (``?from=N&to=M``; by default the current version and the
    one before it)."""
    main = main_plan_or_404(g.region)
    numbers = [version.version for version in main.versions]
    if len(numbers) < 2:
        return render_template("plans/changes.html", region=g.region, plan=main, changes=None, numbers=numbers)
    to = _asked_version(main, "to", main.version)
    earlier = [number for number in numbers if number < to.version]
    start = _asked_version(main, "from", earlier[-1] if earlier else numbers[1])
    return render_template("plans/changes.html", region=g.region, plan=main, changes=plan_changes(start, to),
                           numbers=numbers)


def _asked_version(main, name, default):
    """The tree of the version the query argument ``name`` names (else ``default``); 404 if none."""
    asked = request.args.get(name)
    tree = plan_version(main, default if asked is None else _version_number(asked))
    if tree is None:
        abort(404)
    return tree


@bp.get("/relink")
@requires("region.manage")
def relink_list():
    """The initiatives a revision left linked only to parts of the plan it dropped."""
    plan = main_plan_or_404(g.region)
    return render_template("plans/relink.html", region=g.region, plan=plan, waiting=to_relink(g.region, plan))


@bp.route("/relink/<int:initiative_id>", methods=["GET", "POST"])
@requires("region.manage", on="regional_initiative")
def relink(regional_initiative):
    """Link one initiative to parts of the current plan; its links to older versions stay."""
    initiative, plan = regional_initiative, main_plan_or_404(g.region)
    form = RelinkForm()
    form.nodes.choices = [(node.id, node) for node in current_nodes([g.region])]
    if request.method == "GET":
        form.version.data = initiative.version
    form.lead_region.data = g.region.id
    if finding_nodes():
        return _render_relink(form, initiative, plan, 200)
    if form.validate_on_submit():
        chosen = [node for node_id, node in form.nodes.choices if node_id in form.nodes.data]
        try:
            services.relink(initiative, chosen, by=current_user, version=form.version.data)
            db.session.commit()
        except (EditConflict, StaleDataError):
            db.session.rollback()
            initiative = db.session.get(Initiative, initiative.id)
            form.version.data, form.version.raw_data = initiative.version, None
            form.nodes.errors = [_("Someone else changed the initiative a moment ago. Check its links below "
                                   "and choose again.")]
            return _render_relink(form, initiative, plan, 409)
        flash(_("“%(title)s” is linked to the current plan.", title=initiative.title), "info")
        return redirect(url_for("plans.relink_list"))
    return _render_relink(form, initiative, plan, 400 if form.errors else 200)


def _render_relink(form, initiative, plan, status):
    waiting = bool(to_relink(g.region, plan, [initiative.id]))
    html = render_template("plans/relink_form.html", region=g.region, plan=plan, form=form, initiative=initiative,
                           old_nodes=older_nodes(plan, [initiative.id]).get(initiative.id, []), waiting=waiting,
                           shown_nodes=shown_nodes(form), node_matches=NODE_MATCHES)
    return html, status


# -- how plans read in the audit log --------------------------------------------------------------


def _node(obj, values):
    if obj is None:
        return f"{values['code']} {values['title']}", None
    url = None
    if not obj.retired and obj.plan is not None and obj.plan.region is not None:
        url = url_for("plans.node", region_slug=obj.plan.region.slug, code=obj.code)
    return f"{obj.code} {localized(obj, 'title')}", url


audit_display.register_kind("Plan", _l("Plan"), audit_display.named_by("title"), Plan)
audit_display.register_kind("PlanNode", _l("Plan node"), _node, PlanNode)
# the plan and parent of a node, the plans a sync wrote (``audit.on_plan_synced``), and what a
# node of a revised plan took over (``services.carry_over``)
for _field, _kind in (("plan_id", "Plan"), ("plan_ids", "Plan"), ("parent_id", "PlanNode"),
                      ("initiatives", "Initiative"), ("networks", "Network"), ("meetings", "Meeting")):
    audit_display.register_reference(_field, _kind)
