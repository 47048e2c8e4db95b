"""The figures of a region's annual follow-up report: what the council gives the regional
development board every year (Västernorrland, seed ``002``) and what Västmanland's plan asks to be
followed up (seed ``000``, section 4). The HTML page and the PDF are rendered from one
:class:`Report`, so their figures are the same.

How a past year is read:

- *Plan coverage* at the year's start and end is the region's current plan, covered by the
  published initiatives whose status on that day, by their status history, was planned or
  running (:func:`samverkan.plans.coverage.active_links`); links to nodes are taken as they are
  now (they have no history).
- Status assessments at the start and at the end are each node's newest on or before that day
  (:func:`samverkan.assessments.queries.current`).
- *Started*, *finished* and *cancelled* are the status changes to running, finished and
  cancelled dated in the year, of the published initiatives the region leads or takes part in.
- A practice is *shared* on the day it was marked as a good example (``practice_since``: created
  as one, or changed into one; unmarked, it is shared no more); *adopted* is an
  :class:`~samverkan.initiatives.models.Adoption` dated in the year, by the region or of the
  region's practices by another. Both are read from their own tables, never the audit log.
- A network's stage on a day is the last step of its history up to then.
- *Held* meetings are the meetings of the region's forums that began in the year and were not
  cancelled, once over (marked held, or planned and past); their decisions are the decisions taken.
- Indicators: the values of the region's indicators for the region, in the year and the one before.

While the year runs, "the end of the year" is today. What a report reads is the generation
:data:`REPORT` (of its region): a kept PDF is good while it holds. Eleven statements, whatever the
data (and the cache generations, read once a request): one each for the coverage at the start and
at the end, the assessments at the start and at the end, the assessments recorded in the year,
the status changes, the practices marked, the adoptions, the networks and their steps, the
meetings and their decisions, and the indicators.
"""
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time

from sqlalchemy import and_, func, or_, select

from .. import cache
from ..assessments import queries as assessment_queries
from ..assessments.models import ASSESSMENT_STATUSES, StatusAssessment
from ..extensions import db
from ..forums.models import Forum
from ..indicators.models import Indicator, IndicatorValue
from ..initiatives.models import Adoption, Initiative, StatusChange
from ..initiatives.queries import _in_regions
from ..meetings.models import Decision, Meeting
from ..meetings.queries import region_forums
from ..networks.models import Network, StageChange, network_regions
from ..networks.stages import STAGES
from ..plans import coverage
from ..plans.queries import PLANS, main_plan
from ..regions.models import Region
from .. import times

#: the initiative tables a report reads: their rows count in the regions the initiatives service
#: names (an edit's lead and partner regions and those whose plans it serves)
INITIATIVE_TABLES = {"initiatives", "initiative_regions", "initiative_plan_nodes", "initiative_status_changes"}
#: what a region's report is drawn from (its plan, coverage, assessments, status changes, practices,
#: networks, meetings, indicators): bumped for the regions a write names, or whole
REPORT = cache.declare("annual-report", reads=PLANS.reads | INITIATIVE_TABLES | {
    "practice_adoptions", "status_assessments", "networks", "network_regions", "stage_changes", "forums",
    "meetings", "decisions", "indicators", "indicator_values",
}, regional={**dict.fromkeys(INITIATIVE_TABLES, cache.SCOPED), "status_assessments": "region_id",
             "network_regions": "region_id", "indicator_values": "region_id"})

#: the first year a report is made for; the last is next year (which has not begun: nothing yet)
FIRST_YEAR = 2000
#: how many rows a list of the report shows (initiatives started, decisions …): a report is read
#: and printed, and its counts are whole whatever is listed
LISTED = 50
#: the statuses whose changes the report counts: started (running), finished, cancelled
MOVES = ("running", "finished", "cancelled")


def years():
    """The years a report may be asked for."""
    return range(FIRST_YEAR, times.today().year + 2)


@dataclass(frozen=True)
class Period:
    """The report's year, and the day its figures stand on at the end (today while it runs)."""

    year: int
    today: date

    @property
    def start(self):
        return date(self.year, 1, 1)

    @property
    def end(self):
        return date(self.year, 12, 31)

    @property
    def opening(self):
        """The day whose end is the year's start: figures "at the start" stand on it."""
        return date(self.year - 1, 12, 31)

    @property
    def closing(self):
        """The day whose end the figures "at the end" stand on: the last of the year, or today."""
        return min(self.end, self.today)

    @property
    def begun(self):
        return self.start <= self.today

    @property
    def running(self):
        """Whether today is in the year (on its last day too: meetings may still be ahead)."""
        return self.start <= self.today <= self.end

    @property
    def utc_bounds(self):
        """The year in stored (naive UTC) time: its first moment in Stockholm, and the first
        moment of the next year."""
        return times.to_utc(self.start, time(0)), times.to_utc(date(self.year + 1, 1, 1), time(0))


# -- plan coverage ------------------------------------------------------------------------------

@dataclass
class NodeCoverage:
    node: object  # a plans.queries.TreeNode
    depth: int
    at_start: int
    at_end: int

    @property
    def closed(self):
        """A gap at the start with work at the end."""
        return bool(self.at_end and not self.at_start)

    @property
    def opened(self):
        """Work at the start, a gap at the end."""
        return bool(self.at_start and not self.at_end)


@dataclass
class Coverage:
    rows: list
    #: the plan's initiatives under way at the end: each once, however many nodes it serves
    initiatives_at_end: int

    @property
    def total(self):
        return len(self.rows)

    @property
    def covered_at_start(self):
        return sum(1 for row in self.rows if row.at_start)

    @property
    def covered_at_end(self):
        return sum(1 for row in self.rows if row.at_end)

    @property
    def gaps(self):
        return [row for row in self.rows if not row.at_end]

    @property
    def closed(self):
        return [row for row in self.rows if row.closed]

    @property
    def opened(self):
        return [row for row in self.rows if row.opened]


def plan_coverage(tree, period):
    start = coverage.coverage(tree, period.opening)
    end = coverage.coverage(tree, period.closing)
    rows = [NodeCoverage(node, len(node.ancestors), len(start[node.id]), len(end[node.id]))
            for node in tree.in_order()]
    return Coverage(rows, len(frozenset().union(*end.values())))


# -- status assessments -------------------------------------------------------------------------

@dataclass
class NodeAssessment:
    node: object  # a plans.queries.TreeNode
    start: StatusAssessment | None
    end: StatusAssessment | None
    #: how many assessments of the node were recorded in the year
    made: int

    @property
    def changed(self):
        """Whether the status or the priority at the end differs from the start's."""
        def key(assessment):
            return (assessment.status, assessment.prioritised) if assessment else None
        return key(self.start) != key(self.end)

    @property
    def demo(self):
        return any(assessment is not None and assessment.demo for assessment in (self.start, self.end))


@dataclass
class Assessments:
    #: the nodes assessed by the end of the year, in the plan's order
    rows: list
    #: how many assessments were recorded in the year
    made: int

    @property
    def changed(self):
        return [row for row in self.rows if row.changed]

    @property
    def demo(self):
        return any(row.demo for row in self.rows)

    def by_status(self):
        """(key, label, nodes at the start, at the end) for every status of an assessment."""
        start = Counter(row.start.status for row in self.rows if row.start)
        end = Counter(row.end.status for row in self.rows)
        return [(key, label, start[key], end[key]) for key, label in ASSESSMENT_STATUSES.items()]

    @property
    def prioritised(self):
        """How many nodes were prioritised at the start and at the end."""
        return (sum(1 for row in self.rows if row.start and row.start.prioritised),
                sum(1 for row in self.rows if row.end.prioritised))


def assessments(tree, period):
    """Every node's assessment at the start and at the end of the year, and how many were made
    in it (the rows of nodes never assessed by the end are left out by :attr:`Assessments.rows`)."""
    nodes = list(tree.in_order())
    ids = [node.id for node in nodes]
    start = assessment_queries.current(ids, as_of=period.opening)
    end = assessment_queries.current(ids, as_of=period.closing)
    made = dict(db.session.execute(
        select(StatusAssessment.node_id, func.count()).where(
            StatusAssessment.node_id.in_(ids), StatusAssessment.assessed_on.between(period.start, period.closing))
        .group_by(StatusAssessment.node_id)).all())
    rows = [NodeAssessment(node, start.get(node.id), end.get(node.id), made.get(node.id, 0)) for node in nodes
            if node.id in end]
    return Assessments(rows, sum(made.values()))


# -- initiatives started, finished, cancelled ---------------------------------------------------

@dataclass(frozen=True)
class Moved:
    id: int
    title: str
    status: str
    on: date
    led: bool


def status_moves(region, period):
    """``{status: [Moved, …]}`` for :data:`MOVES`: the region's published initiatives (led or
    partnered) that moved to each status in the year, each once (its first such move), by date."""
    rows = db.session.execute(
        select(StatusChange.initiative_id, Initiative.title, StatusChange.to_status, StatusChange.changed_on,
               Initiative.lead_region_id)
        .join(Initiative, Initiative.id == StatusChange.initiative_id)
        .where(_in_regions([region.id]), Initiative.draft.is_(False), StatusChange.to_status.in_(MOVES),
               StatusChange.changed_on.between(period.start, period.closing))
        .order_by(StatusChange.changed_on, StatusChange.id))
    moves, seen = {status: [] for status in MOVES}, set()
    for initiative_id, title, status, on, lead_region_id in rows:
        if (initiative_id, status) not in seen:
            seen.add((initiative_id, status))
            moves[status].append(Moved(initiative_id, title, status, on, lead_region_id == region.id))
    return moves


# -- practices shared and adopted ---------------------------------------------------------------

@dataclass(frozen=True)
class Shared:
    id: int
    title: str
    on: date


@dataclass(frozen=True)
class Adopted:
    practice_id: int
    title: str
    #: the other region: the practice's (adopted here) or the adopting one (adopted elsewhere)
    region: object
    on: date


@dataclass
class Practices:
    shared: list
    adopted_here: list
    adopted_elsewhere: list

    def __bool__(self):
        return bool(self.shared or self.adopted_here or self.adopted_elsewhere)


def practices(region, period):
    marked = db.session.execute(
        select(Initiative.id, Initiative.title, Initiative.practice_since)
        .where(Initiative.lead_region_id == region.id, Initiative.is_practice.is_(True), Initiative.draft.is_(False),
               Initiative.practice_since.between(period.start, period.closing))
        .order_by(Initiative.practice_since, Initiative.id))
    shared = [Shared(*row) for row in marked]

    adopting = db.aliased(Region)
    leading = db.aliased(Region)
    rows = db.session.execute(
        select(Adoption.practice_id, Initiative.title, Adoption.adopted_on, Adoption.region_id,
               adopting.name, adopting.name_en, leading.name, leading.name_en)
        .join(Initiative, Initiative.id == Adoption.practice_id)
        .join(adopting, adopting.id == Adoption.region_id)
        .join(leading, leading.id == Initiative.lead_region_id)
        .where(or_(Adoption.region_id == region.id, Initiative.lead_region_id == region.id),
               Initiative.draft.is_(False), Adoption.adopted_on.between(period.start, period.closing))
        .order_by(Adoption.adopted_on, Adoption.id))
    here, elsewhere = [], []
    for practice_id, title, on, region_id, name, name_en, lead_name, lead_name_en in rows:
        if region_id == region.id:
            here.append(Adopted(practice_id, title, _Named(lead_name, lead_name_en), on))
        else:
            elsewhere.append(Adopted(practice_id, title, _Named(name, name_en), on))
    return Practices(shared, here, elsewhere)


@dataclass(frozen=True)
class _Named:
    """A name and its English, for ``localized``."""

    name: str
    name_en: str | None


# -- networks -----------------------------------------------------------------------------------

@dataclass
class NetworkStages:
    id: int
    name: str
    name_en: str | None
    #: a key of ``networks.stages.STAGES``; None: the network did not exist yet
    start: str | None
    end: str | None


@dataclass(frozen=True)
class Step:
    network_id: int
    name: str
    name_en: str | None
    at: datetime
    from_stage: str | None
    to_stage: str
    reason: str


@dataclass
class Networks:
    rows: list
    steps: list

    @property
    def existing(self):
        return [row for row in self.rows if row.end is not None]

    def by_stage(self):
        """(stage, networks at the start, at the end) for every step of Samverkanstrappan."""
        start = Counter(row.start for row in self.rows)
        end = Counter(row.end for row in self.rows)
        return [(stage, start[stage.key], end[stage.key]) for stage in STAGES]


def _stage_at(created_at, stage_now, changes, moment):
    """A network's stage just before ``moment`` from its history (oldest first), or None if it
    did not exist then. Before its first recorded step it was at the step's starting point."""
    before = [change for change in changes if change.at < moment]
    if before:
        return before[-1].to_stage
    if created_at >= moment:
        return None
    if changes:
        return changes[0].from_stage or changes[0].to_stage
    return stage_now


def networks(region, period):
    start, end = period.utc_bounds
    rows = db.session.execute(
        select(Network.id, Network.name, Network.name_en, Network.stage, Network.created_at,
               StageChange.changed_at, StageChange.from_stage, StageChange.to_stage, StageChange.reason)
        .join(network_regions, network_regions.c.network_id == Network.id)
        .outerjoin(StageChange, StageChange.network_id == Network.id)
        .where(network_regions.c.region_id == region.id)
        .order_by(Network.name, Network.id, StageChange.changed_at, StageChange.id))
    found, histories = {}, {}
    for network_id, name, name_en, stage, created_at, at, from_stage, to_stage, reason in rows:
        found.setdefault(network_id, (name, name_en, stage, created_at))
        history = histories.setdefault(network_id, [])
        if at is not None:
            history.append(Step(network_id, name, name_en, at, from_stage, to_stage, reason))
    result, steps = [], []
    for network_id, (name, name_en, stage, created_at) in found.items():
        history = histories[network_id]
        at_start = _stage_at(created_at, stage, history, start)
        at_end = _stage_at(created_at, stage, history, end)
        if at_start is None and at_end is None:
            continue
        result.append(NetworkStages(network_id, name, name_en, at_start, at_end))
        steps += [step for step in history if start <= step.at < end and step.from_stage is not None]
    return Networks(result, sorted(steps, key=lambda step: step.at))


# -- meetings and decisions ---------------------------------------------------------------------

@dataclass
class ForumMeetings:
    id: int
    name: str
    held: int = 0
    cancelled: int = 0
    coming: int = 0
    decisions: int = 0


@dataclass(frozen=True)
class Taken:
    meeting_id: int
    meeting_title: str
    starts_at: datetime
    forum: str
    text: str


@dataclass
class Meetings:
    forums: list
    decisions: list

    def total(self, name):
        return sum(getattr(forum, name) for forum in self.forums)


def meetings(region, period):
    start, end = period.utc_bounds
    now = times.now_utc()
    rows = db.session.execute(
        select(Forum.id, Forum.name, Meeting.id, Meeting.title, Meeting.starts_at, Meeting.ends_at, Meeting.status,
               Decision.text)
        .join(Meeting, Meeting.forum_id == Forum.id)
        .outerjoin(Decision, Decision.meeting_id == Meeting.id)
        .where(region_forums(region), Meeting.starts_at >= start, Meeting.starts_at < end)
        .order_by(Meeting.starts_at, Meeting.id, Decision.position, Decision.id))
    forums, counted, decisions = {}, set(), []
    for forum_id, forum_name, meeting_id, title, starts_at, ends_at, status, text in rows:
        forum = forums.setdefault(forum_id, ForumMeetings(forum_id, forum_name))
        held = status == "held" or (status == "planned" and ends_at <= now)
        if meeting_id not in counted:
            counted.add(meeting_id)
            kind = "held" if held else "cancelled" if status == "cancelled" else "coming"
            setattr(forum, kind, getattr(forum, kind) + 1)
        if held and text is not None:
            forum.decisions += 1
            decisions.append(Taken(meeting_id, title, starts_at, forum_name, text))
    return Meetings(sorted(forums.values(), key=lambda forum: (forum.name, forum.id)), decisions)


# -- indicators ---------------------------------------------------------------------------------

@dataclass
class IndicatorFigures:
    indicator: Indicator
    previous: IndicatorValue | None
    current: IndicatorValue | None

    @property
    def change(self):
        if self.previous is None or self.current is None:
            return None
        return self.current.value - self.previous.value

    @property
    def demo(self):
        return any(value is not None and value.demo for value in (self.previous, self.current))


def indicators(region, period):
    rows = db.session.execute(
        select(Indicator, IndicatorValue)
        .outerjoin(IndicatorValue, and_(IndicatorValue.indicator_id == Indicator.id,
                                        IndicatorValue.region_id == region.id,
                                        IndicatorValue.year.in_((period.year - 1, period.year))))
        .where(Indicator.region_id == region.id)
        .order_by(Indicator.position, Indicator.id))
    found = {}
    for indicator, value in rows:
        figures = found.setdefault(indicator.id, IndicatorFigures(indicator, None, None))
        if value is not None:
            if value.year == period.year:
                figures.current = value
            else:
                figures.previous = value
    return [figures for figures in found.values()
            if not figures.indicator.retired or figures.previous or figures.current]


# -- the report ---------------------------------------------------------------------------------

@dataclass
class Report:
    region: Region
    period: Period
    plan: object = None  # a plans.queries.PlanTree
    coverage: Coverage | None = None
    assessments: Assessments | None = None
    moves: dict = field(default_factory=dict)
    practices: Practices | None = None
    networks: Networks | None = None
    meetings: Meetings | None = None
    indicators: list = field(default_factory=list)

    @property
    def has_data(self):
        """Whether anything happened or stood in the year: else the report says there is nothing."""
        return bool(
            (self.coverage and self.coverage.initiatives_at_end) or (self.assessments and self.assessments.rows)
            or any(self.moves.values()) or self.practices
            or (self.networks and self.networks.rows) or (self.meetings and self.meetings.forums)
            or any(row.previous or row.current for row in self.indicators))

    @property
    def demo(self):
        return bool((self.assessments and self.assessments.demo) or any(row.demo for row in self.indicators))


def report(region, year):
    """The report of ``region`` for ``year`` (one of :func:`years`)."""
    period = Period(year, times.today())
    result = Report(region, period)
    if not period.begun:
        return result
    result.plan = tree = main_plan(region)
    if tree is not None:
        result.coverage = plan_coverage(tree, period)
        result.assessments = assessments(tree, period)
    result.moves = status_moves(region, period)
    result.practices = practices(region, period)
    result.networks = networks(region, period)
    result.meetings = meetings(region, period)
    result.indicators = indicators(region, period)
    return result
