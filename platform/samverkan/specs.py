"""The data a region plugin hands to the core.

Plugins build these plain, frozen dataclasses in their hook implementations; the core validates
them at start-up and syncs them into the database. Swedish text is the canonical field (``title``,
``text``); the English translation sits beside it (``title_en``, ``text_en``) where the plugin can
give a faithful one, and the UI falls back to Swedish where it cannot.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .hookspecs import hookimpl


@dataclass(frozen=True)
class SectionSpec:
    """A titled passage of text, e.g. one step of how a council works."""

    title: str
    title_en: str | None = None
    text: str = ""
    text_en: str | None = None


@dataclass(frozen=True)
class CouncilSpec:
    """The region's competence council (*kompetensråd*) and what it is charged with."""

    name: str
    name_en: str | None = None
    description: str = ""
    description_en: str | None = None
    #: the council's duties, one sentence each, in Swedish
    duties: tuple[str, ...] = ()
    duties_en: tuple[str, ...] = ()
    #: how the council works, step by step (status analysis, prioritisation, follow-up …)
    workflow: tuple[SectionSpec, ...] = ()


@dataclass(frozen=True)
class RegionSpec:
    """A county the plugin provides a plan space for, identified by its county code."""

    code: str
    name: str
    name_en: str | None = None
    municipalities: tuple[str, ...] = ()
    council: CouncilSpec | None = None


@dataclass(frozen=True)
class NodeKindSpec:
    """One level of a plan tree, e.g. ``goal`` / "Mål" / "Goal"."""

    key: str
    name: str
    name_en: str | None = None


@dataclass(frozen=True)
class NodeSpec:
    """A node of a plan tree. ``code`` is unique within the plan and stable across syncs."""

    code: str
    kind: str
    title: str
    title_en: str | None = None
    text: str = ""
    text_en: str | None = None
    #: slugs of the shared themes this node serves (at least one)
    themes: tuple[str, ...] = ()
    children: tuple[NodeSpec, ...] = ()


@dataclass(frozen=True)
class PlanSpec:
    """A region's plan: a versioned tree of nodes of the kinds it declares."""

    region_code: str
    key: str
    title: str
    title_en: str | None = None
    version: int = 1
    period_start: int | None = None
    period_end: int | None = None
    summary: str = ""
    summary_en: str | None = None
    #: the levels of the tree, outermost first
    node_kinds: tuple[NodeKindSpec, ...] = ()
    nodes: tuple[NodeSpec, ...] = ()


@dataclass(frozen=True)
class PrincipleSpec:
    """A guiding principle (or guiding word, *ledord*) of a region's competence work."""

    region_code: str
    title: str
    title_en: str | None = None
    text: str = ""
    text_en: str | None = None


@dataclass(frozen=True)
class ActorKindSpec:
    """A kind of actor the region's plan names, e.g. education providers or employers."""

    region_code: str
    key: str
    name: str
    name_en: str | None = None
    description: str = ""
    description_en: str | None = None


#: the start of the keys of the indicators a region adds itself; a plugin's keys never start with it
CUSTOM_INDICATOR_PREFIX = "own-"


@dataclass(frozen=True)
class IndicatorSpec:
    """A follow-up indicator of a region's plan, with yearly values per region.

    ``key`` names it in its page's address and in import files: lower-case letters, digits and
    hyphens, not starting with :data:`CUSTOM_INDICATOR_PREFIX`."""

    region_code: str
    key: str
    name: str
    name_en: str | None = None
    description: str = ""
    description_en: str | None = None
    unit: str = ""
    prioritised: bool = False


@dataclass(frozen=True)
class ThemeSpec:
    """A theme a plugin adds to the shared vocabulary (the comparison views use the core's)."""

    slug: str
    name: str
    name_en: str | None = None


#: the kinds of answer a region's own survey question takes
QUESTION_KINDS = ("text", "yes-no", "number", "choice")


@dataclass(frozen=True)
class NeedsQuestionSpec:
    """A question of a region's own that its employers answer once per survey, after the shared
    questions (which a region never changes: they keep every region's answers comparable)."""

    region_code: str
    #: names the answer in the database and in import files: lower-case letters, digits, hyphens
    key: str
    text: str
    text_en: str | None = None
    #: one of :data:`QUESTION_KINDS`
    kind: str = "text"
    #: for ``choice``: the options in Swedish, and in English where given
    choices: tuple[str, ...] = ()
    choices_en: tuple[str, ...] = ()


@dataclass(frozen=True)
class TemplateSectionSpec:
    """One section of a competence-supply plan's template, e.g. "Attrahera" / "Attract"."""

    key: str
    title: str
    title_en: str | None = None
    text: str = ""
    text_en: str | None = None


@dataclass(frozen=True)
class CompetencePlanTemplateSpec:
    """How the organisations of a region structure their competence-supply plans: each section
    states gap, need and activities for the short and the long horizon."""

    region_code: str
    sections: tuple[TemplateSectionSpec, ...] = ()


@dataclass(frozen=True)
class SubscriberSpec:
    """A plugin's subscriber: ``handler(event, session)`` is called with each ``event`` (a type of
    :mod:`samverkan.events`) after the transaction that emitted it commits."""

    event: type
    handler: Callable


class RegionPlugin:
    """A region plugin made of data: each hook returns what the plugin was given.

    Most plugins need nothing more; the package's entry point names an instance
    (``vastmanland = "vastmanland:plugin"``). A plugin that computes its data writes the hooks of
    :mod:`samverkan.hookspecs` as functions instead.
    """

    def __init__(self, *, regions=(), plans=(), principles=(), actor_kinds=(), indicators=(), themes=(),
                 blueprints=(), needs_questions=(), competence_plan_templates=()):
        self.regions, self.plans, self.principles = list(regions), list(plans), list(principles)
        self.actor_kinds, self.indicators = list(actor_kinds), list(indicators)
        self.themes, self.blueprints = list(themes), list(blueprints)
        self.needs_questions = list(needs_questions)
        self.competence_plan_templates = list(competence_plan_templates)

    @hookimpl
    def samverkan_regions(self):
        return self.regions

    @hookimpl
    def samverkan_plans(self):
        return self.plans

    @hookimpl
    def samverkan_principles(self):
        return self.principles

    @hookimpl
    def samverkan_actor_kinds(self):
        return self.actor_kinds

    @hookimpl
    def samverkan_indicators(self):
        return self.indicators

    @hookimpl
    def samverkan_themes(self):
        return self.themes

    @hookimpl
    def samverkan_blueprints(self):
        return self.blueprints

    @hookimpl
    def samverkan_needs_questions(self):
        return self.needs_questions

    @hookimpl
    def samverkan_competence_plan_templates(self):
        return self.competence_plan_templates


def region_items(app, attribute, region_code):
    """What the plugins contribute to one region at run time, e.g. its needs questions: the specs
    that :mod:`samverkan.plugins` validated at start-up."""
    return [item for content in app.extensions["samverkan.plugins"] for item in getattr(content, attribute)
            if item.region_code == region_code]


__all__ = [
    "ActorKindSpec",
    "CompetencePlanTemplateSpec",
    "CouncilSpec",
    "IndicatorSpec",
    "NeedsQuestionSpec",
    "NodeKindSpec",
    "NodeSpec",
    "PlanSpec",
    "PrincipleSpec",
    "RegionPlugin",
    "RegionSpec",
    "SectionSpec",
    "SubscriberSpec",
    "TemplateSectionSpec",
    "ThemeSpec",
]

