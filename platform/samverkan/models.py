"""Every model, imported in one place so that Alembic and the sync see the whole schema."""
from .accounts.models import Person, RoleGrant
from .actors.models import ActorKind
from .audit import AuditEvent
from .indicators.models import Indicator
from .plans.models import Plan, PlanNode, plan_node_themes
from .regions.models import Council, CouncilDuty, CouncilStep, Principle, Region
from .themes.models import Theme

__all__ = [
    "ActorKind",
    "AuditEvent",
    "Council",
    "CouncilDuty",
    "CouncilStep",
    "Indicator",
    "Person",
    "Plan",
    "PlanNode",
    "Principle",
    "Region",
    "RoleGrant",
    "Theme",
    "plan_node_themes",
]
