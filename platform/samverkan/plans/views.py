"""The plan as a tree, and one node of it.

The tree expands a node with and without JavaScript: the toggle is a link to the same page with
``?open=CODE``, which opens that node and the path to it; htmx fetches just that node's list item
instead. A toggle names one node, never the whole open set, so a crawler that follows every link
meets a bounded number of URLs (two per node with children); ``robots.txt`` asks it not to.

Beside each node the tree says where it stands (its current status assessment and priority) and
whether it is a gap (no work under way, :mod:`.coverage`). The rendered tree is kept with what it
shows (:func:`.queries.follow_up`): rendered anew when plan data, an assessment or an initiative
is written, and three small statements a page while none is.
"""

from flask import Blueprint, abort, g, render_template, request
from flask_babel import get_locale
from flask_login import current_user
from markupsafe import Markup

from ..assessments import queries as assessments
from ..assessments.models import ASSESSMENT_STATUSES
from ..initiatives import listings
from ..initiatives.vocabulary import FUNDING_SOURCES, STATUSES
from ..policy import public
from .queries import follow_up, main_plan

bp = Blueprint("plans", __name__, url_prefix="/regions/<region_slug>/plan")

#: at most this many ``?open=`` codes count (the page's own links carry one)
MAX_OPEN_CODES = 20
#: rendered trees kept per plan (two languages times the states the page links to fit)
MAX_RENDERED_TREES = 128


def require_plan():
    """The main plan of the region of the URL (``g.region``), or a 404."""
    plan = main_plan(g.region)
    if plan is None:
        abort(404)
    return plan


def node_or_404(plan, code):
    node = plan.nodes.get(code)
    if node is None:
        abort(404)
    return node


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
    """The tree's ``<ul>``, rendered once per language and set of open nodes and kept with the
    plan's cached tree (it names no visitor). When full, the store starts over: any ``?open=``
    mix a client sends stays bounded."""
    store = follow_up(plan)
    key = (get_locale().language, frozenset(open_codes))
    html = store.html.get(key)
    if html is None:
        html = Markup(render_template("plans/_tree.html", plan=plan, open_codes=open_codes, marks=store.marks,
                                      assessment_statuses=ASSESSMENT_STATUSES))
        if len(store.html) >= MAX_RENDERED_TREES:
            store.html.clear()
        store.html[key] = html
    return html, store


@bp.get("")
@public
def tree():
    plan = require_plan()
    tree_html, store = _tree_html(plan, _open_codes(plan))
    return render_template("plans/tree.html", region=g.region, plan=plan, tree_html=tree_html, follow_up=store)


@bp.get("/<code>")
@public
def node(code):
    plan = require_plan()
    node = node_or_404(plan, code)
    return render_template("plans/node.html", region=g.region, plan=plan, node=node,
                           initiatives=listings.for_node(plan, node), statuses=STATUSES, funding_sources=FUNDING_SOURCES,
                           history=assessments.history(node.id), assessment_statuses=ASSESSMENT_STATUSES)


@bp.get("/<code>/tree-item")
@public
def tree_item(code):
    """One ``<li>`` of the tree, opened or closed: what the htmx toggle swaps in."""
    plan = require_plan()
    node = node_or_404(plan, code)
    html = render_template("plans/_tree_item.html", plan=plan, node=node, open_codes=_open_codes(plan),
                           marks=follow_up(plan).marks, assessment_statuses=ASSESSMENT_STATUSES)
    return html, {"X-Robots-Tag": "noindex, nofollow"}
