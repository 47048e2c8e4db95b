"""Reading competence-supply plans: which years a person may see, a year with everything its
page shows, and the choices its forms offer."""
import re
from types import SimpleNamespace

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from ..extensions import db
from ..plans.models import PlanNode
from ..policy import can
from .models import HORIZONS, CompetenceActivity, CompetencePlanYear


def may_edit(person, plan_year):
    return can(person, "competence-plan.edit", plan_year)


def may_see(person, plan_year):
    """A published year: everyone. A draft: those who may edit it and readers of drafts in its region."""
    return plan_year.published or may_edit(person, plan_year) or can(person, "region.read-drafts", plan_year)


def years_of(actor_id):
    """The actor's plan years, newest first."""
    return db.session.scalars(select(CompetencePlanYear).where(CompetencePlanYear.actor_id == actor_id)
                              .order_by(CompetencePlanYear.year.desc())).all()


def year_of(actor_id, year):
    """The actor's plan of ``year`` with its region, parts, activities, their goals and initiatives:
    four statements."""
    return db.session.scalar(
        select(CompetencePlanYear).where(CompetencePlanYear.actor_id == actor_id, CompetencePlanYear.year == year)
        .options(joinedload(CompetencePlanYear.region), selectinload(CompetencePlanYear.parts),
                 selectinload(CompetencePlanYear.activities).joinedload(CompetenceActivity.initiative),
                 selectinload(CompetencePlanYear.activities).selectinload(CompetenceActivity.nodes)))


def previous_of(plan_year, years):
    """The year before ``plan_year`` in the actor's plan (the one it was made from), or None;
    ``years``: the actor's years, newest first."""
    found = next((y.year for y in years if y.year < plan_year.year), None)
    return None if found is None else year_of(plan_year.actor_id, found)


def sections(plan_year):
    """The year's sections as objects :func:`~samverkan.i18n.localized` reads."""
    return [SimpleNamespace(**section) for section in plan_year.sections]


def layout(plan_year):
    """``[(section, [(horizon key, label, part, [activities])])]``: the year in its template's order."""
    parts = {(part.section_key, part.horizon): part for part in plan_year.parts}
    activities = {}
    for activity in sorted(plan_year.activities, key=lambda a: (a.position, a.id)):
        activities.setdefault((activity.section_key, activity.horizon), []).append(activity)
    return [(section, [(horizon, label, parts.get((section.key, horizon)), activities.get((section.key, horizon), []))
                       for horizon, label in HORIZONS.items()])
            for section in sections(plan_year)]


def goal_choices(region):
    """The nodes of the region's current plans an activity may serve: its goals and priorities (the
    nodes below the top level; every node of a plan that has only one level)."""
    plan_ids = [plan.id for plan in region.current_plans]
    if not plan_ids:
        return []
    nodes = db.session.scalars(select(PlanNode).where(PlanNode.plan_id.in_(plan_ids), PlanNode.retired.is_(False))
                               .order_by(PlanNode.plan_id, PlanNode.id)).all()
    below = [node for node in nodes if node.parent_id is not None]
    return _in_tree_order(below or nodes)


def _in_tree_order(nodes):
    by_parent = {}
    for node in nodes:
        by_parent.setdefault(node.parent_id, []).append(node)
    ids = {node.id for node in nodes}
    ordered = []

    def walk(node):
        ordered.append(node)
        for child in sorted(by_parent.get(node.id, []), key=lambda n: (n.position, n.id)):
            walk(child)

    for node in sorted((n for n in nodes if n.parent_id not in ids), key=lambda n: (n.plan_id, _natural(n.code))):
        walk(node)
    return ordered


def _natural(code):
    """"M2" before "M10"."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", code)]
