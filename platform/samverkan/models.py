"""Every model, imported in one place so that Alembic and the sync see the whole schema."""
from .actors.models import ActorKind
from .indicators.models import Indicator
from .plans.models import Plan, PlanNode, plan_node_themes
from .regions.models import Principle, Region
from .themes.models import Theme

__all__ = ["ActorKind", "Indicator", "Plan", "PlanNode", "Principle", "Region", "Theme", "plan_node_themes"]
