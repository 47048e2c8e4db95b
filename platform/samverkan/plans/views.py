"""The plan as a tree, and one node of it.

The tree expands a node with and without JavaScript: the toggle is a link to the same page with
``?open=CODE``, which opens that node and the path to it; htmx fetches just that node's list item
instead. A toggle names one node, never the whole open set, so a crawler that follows every link
meets a bounded number of URLs (two per node with children); ``robots.txt`` asks it not to.
"""
from flask import Blueprint, abort, g, render_template, request
from flask_babel import get_locale
from flask_login import current_user
from markupsafe import Markup

from ..initiatives import listings
from ..initiatives.vocabulary import STATUSES
from ..policy import public
from .queries import main_plan

bp = Blueprint("plans", __name__, url_prefix="/regions/<region_slug>/plan")

#: at most this many ``?open=`` codes count (the page's own links carry one)
MAX_OPEN_CODES = 20
#: rendered trees kept per plan (two languages times the states the page links to fit)
MAX_RENDERED_TREES = 128


def _require_plan():
    plan = main_plan(g.region)
    if plan is None:
        abort(404)
    return plan


def _get_node_or_404(plan, code):
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
    key = (get_locale().language, frozenset(open_codes))
    html = plan.rendered.get(key)
    if html is None:
        html = Markup(render_template("plans/_tree.html", plan=plan, open_codes=open_codes))
        if len(plan.rendered) >= MAX_RENDERED_TREES:
            plan.rendered.clear()
        plan.rendered[key] = html
    return html


@bp.get("")
@public
def tree():
    plan = _require_plan()
    return render_template("plans/tree.html", region=g.region, plan=plan, tree_html=_tree_html(plan, _open_codes(plan)))


@bp.get("/<code>")
@public
def node(code):
    plan = _require_plan()
    node = _get_node_or_404(plan, code)
    return render_template("plans/node.html", region=g.region, plan=plan, node=node,
                           initiatives=listings.for_node(current_user, node), statuses=STATUSES)


@bp.get("/<code>/tree-item")
@public
def tree_item(code):
    """One ``<li>`` of the tree, opened or closed: what the htmx toggle swaps in."""
    plan = _require_plan()
    node = _get_node_or_404(plan, code)
    html = render_template("plans/_tree_item.html", plan=plan, node=node, open_codes=_open_codes(plan))
    return html, {"X-Robots-Tag": "noindex, nofollow"}
