"""Writing status assessments. The caller commits.

An assessment is never changed or deleted: a new one is added, and the earlier ones are the
node's history (the audit log records each, ``__audited__``).
"""
from ..extensions import db
from ..times import today
from .models import ASSESSMENT_STATUSES, StatusAssessment


class AssessmentError(ValueError):
    """An assessment the domain refuses (the form says why before it gets here)."""


def add_assessment(region, node, assessed_on, status, prioritised, comment, by):
    """A new assessment of ``node`` (a :class:`~samverkan.plans.models.PlanNode` of a plan of
    ``region``) dated ``assessed_on``, by the person ``by``."""
    if node.plan.region_id != region.id:
        raise AssessmentError(f"node {node.code} is not in the plans of {region.slug}")
    if status not in ASSESSMENT_STATUSES:
        raise AssessmentError(f"not a status: {status!r}")
    if assessed_on > today():
        raise AssessmentError(f"dated in the future: {assessed_on}")
    assessment = StatusAssessment(region_id=region.id, node_id=node.id, assessed_on=assessed_on, status=status,
                                  prioritised=bool(prioritised), comment=(comment or "").strip(), author=by)
    db.session.add(assessment)
    db.session.flush()
    return assessment
