"""Every model, imported in one place so that Alembic and the sync see the whole schema."""
from .accounts.models import Person, RoleGrant
from .actors.models import Actor, ActorKind, Membership, actor_regions
from .audit import AuditEvent
from .forums.models import Forum, ForumModel, ForumModelItem
from .indicators.models import Indicator
from .meetings.models import Action, AgendaItem, Decision, Meeting, Registration, meeting_plan_nodes
from .networks.models import Network, NetworkMember, StageChange, network_plan_nodes, network_regions
from .plans.models import Plan, PlanNode, plan_node_themes
from .regions.models import Council, CouncilDuty, CouncilStep, Principle, Region
from .themes.models import Theme

__all__ = [
    "Action",
    "Actor",
    "ActorKind",
    "AgendaItem",
    "AuditEvent",
    "Council",
    "CouncilDuty",
    "CouncilStep",
    "Decision",
    "Forum",
    "ForumModel",
    "ForumModelItem",
    "Indicator",
    "Meeting",
    "Membership",
    "Network",
    "NetworkMember",
    "Person",
    "Plan",
    "PlanNode",
    "Principle",
    "Region",
    "Registration",
    "RoleGrant",
    "StageChange",
    "Theme",
    "actor_regions",
    "meeting_plan_nodes",
    "network_plan_nodes",
    "network_regions",
    "plan_node_themes",
]
