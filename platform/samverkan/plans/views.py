"""The plan as a tree, and one node of it.

The tree expands a node with and without JavaScript: the toggle is a link to the same page with
the node added to (or removed from) ``?open=``; htmx fetches just that node's list item instead.
"""
from flask import Blueprint, abort, g, render_template, request
from sqlalchemy import select

from ..extensions import db
from ..policy import public
from .models import PlanNode

bp = Blueprint("plans", __name__, url_prefix="/regions/<region_slug>/plan")


def _require_plan():
    if g.region.main_plan is None:
        abort(404)
    return g.region.main_plan


def _get_node_or_404(code):
    plan = _require_plan()
    return db.first_or_404(select(PlanNode).filter_by(plan_id=plan.id, code=code, retired=False))


def _open_codes(plan):
    """The expanded nodes from ``?open=``; without the parameter, the top level is open.

    An empty ``?open=`` means "all closed", so that closing the last node sticks.
    """
    if "open" not in request.args:
        return {node.code for node in plan.roots}
    return {code for code in request.args.getlist("open") if code}


@bp.get("")
@public
def tree():
    plan = _require_plan()
    return render_template("plans/tree.html", region=g.region, plan=plan, open_codes=_open_codes(plan))


@bp.get("/<code>")
@public
def node(code):
    node = _get_node_or_404(code)
    return render_template("plans/node.html", region=g.region, plan=node.plan, node=node)


@bp.get("/<code>/tree-item")
@public
def tree_item(code):
    """One ``<li>`` of the tree, opened or closed: what the htmx toggle swaps in."""
    node = _get_node_or_404(code)
    return render_template("plans/_tree_item.html", plan=node.plan, node=node, open_codes=_open_codes(node.plan))
