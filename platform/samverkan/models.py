"""Every model, imported in one place so that Alembic and the sync see the whole schema."""
from .accounts.models import Person, RoleGrant
from .assessments.models import StatusAssessment
from .actors.models import Actor, ActorKind, Membership, actor_regions
from .audit import AuditEvent
from .competence_plans.models import (
    CompetenceActivity,
    CompetencePlanPart,
    CompetencePlanYear,
    competence_activity_nodes,
)
from .forums.models import Forum, ForumModel, ForumModelItem
from .indicators.models import Indicator, IndicatorValue
from .initiatives.models import (
    Adoption,
    Funding,
    Initiative,
    InitiativePerspective,
    InitiativeTargetGroup,
    ProgressEntry,
    ProgressValue,
    ReportingPeriod,
    StatusChange,
    initiative_networks,
    initiative_partners,
    initiative_plan_nodes,
    initiative_regions,
    initiative_themes,
)
from .mail import OutgoingMail
from .initiatives.import_runs import ImportRun
from .meetings.models import Action, AgendaItem, Decision, Meeting, Registration, meeting_plan_nodes
from .needs.models import ReportedNeed, SurveyResponse, SurveyRound
from .networks.models import Network, NetworkMember, StageChange, network_plan_nodes, network_regions
from .plans.models import Plan, PlanNode, plan_node_themes
from .reports.models import ReportPdf
from .regions.models import Council, CouncilDuty, CouncilStep, Principle, Region
from .events import OutboxEvent
from .search import schema as _search_schema  # noqa: F401  (the index's full-text side, per database)
from .search.models import SearchDocument
from .themes.models import Theme

__all__ = [
    "Action",
    "CompetenceActivity",
    "CompetencePlanPart",
    "CompetencePlanYear",
    "Actor",
    "ActorKind",
    "Adoption",
    "AgendaItem",
    "AuditEvent",
    "Council",
    "CouncilDuty",
    "CouncilStep",
    "Decision",
    "Forum",
    "ForumModel",
    "ForumModelItem",
    "Funding",
    "ImportRun",
    "Indicator",
    "IndicatorValue",
    "Initiative",
    "InitiativePerspective",
    "InitiativeTargetGroup",
    "Meeting",
    "Membership",
    "Network",
    "NetworkMember",
    "OutboxEvent",
    "OutgoingMail",
    "Person",
    "Plan",
    "PlanNode",
    "Principle",
    "ProgressEntry",
    "ProgressValue",
    "Region",
    "Registration",
    "ReportPdf",
    "SearchDocument",
    "ReportingPeriod",
    "ReportedNeed",
    "RoleGrant",
    "StageChange",
    "StatusAssessment",
    "StatusChange",
    "SurveyResponse",
    "SurveyRound",
    "Theme",
    "actor_regions",
    "competence_activity_nodes",
    "initiative_networks",
    "initiative_partners",
    "initiative_plan_nodes",
    "initiative_regions",
    "initiative_themes",
    "meeting_plan_nodes",
    "network_plan_nodes",
    "network_regions",
    "plan_node_themes",
]
