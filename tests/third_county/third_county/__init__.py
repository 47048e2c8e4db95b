"""A third county's plugin, as another county would ship it: its own package, no core changes.

Used by the tests to prove that a plugin registered through the ``samverkan.regions`` entry point
is found, validated, synced and served. It exercises every hook.
"""
from flask import Blueprint, render_template

from samverkan import hookimpl
from samverkan.events import InitiativeChanged
from samverkan.policy import public
from samverkan.specs import (
    ActorKindSpec,
    CompetencePlanTemplateSpec,
    IndicatorSpec,
    NeedsQuestionSpec,
    NodeKindSpec,
    NodeSpec,
    PlanSpec,
    PrincipleSpec,
    RegionSpec,
    SubscriberSpec,
    TemplateSectionSpec,
    ThemeSpec,
)

blueprint = Blueprint("third_county", __name__, template_folder="templates")


@blueprint.get("/regions/jamtland/fjallen")
@public
def mountains():
    return render_template("third_county/mountains.html")


@hookimpl
def samverkan_regions():
    return [RegionSpec(code="23", name="Jämtland Härjedalen", name_en="Jämtland Härjedalen",
                       municipalities=("Östersund", "Åre"))]


@hookimpl
def samverkan_plans():
    return [
        PlanSpec(
            region_code="23",
            key="testplan",
            title="Testplan för Jämtland",
            title_en="Test plan for Jämtland",
            period_start=2024,
            period_end=2028,
            node_kinds=(NodeKindSpec("area", "Område", "Area"), NodeKindSpec("goal", "Mål", "Goal")),
            nodes=(
                NodeSpec("A1", "area", "Besöksnäringens kompetens", "Skills for tourism",
                         themes=("strength-areas", "mountain-tourism"),
                         children=(NodeSpec("A1.1", "goal", "Fler valideras inom turism", themes=("validation",)),)),
            ),
        )
    ]


@hookimpl
def samverkan_principles():
    return [PrincipleSpec(region_code="23", title="Tillsammans", text="Vi gör det tillsammans.")]


@hookimpl
def samverkan_actor_kinds():
    return [ActorKindSpec(region_code="23", key="employer", name="Arbetsgivare", name_en="Employers")]


@hookimpl
def samverkan_indicators():
    return [IndicatorSpec(region_code="23", key="employment", name="Sysselsättningsgrad", unit="%")]


@hookimpl
def samverkan_themes():
    return [ThemeSpec("mountain-tourism", "Fjällturism", "Mountain tourism")]


@hookimpl
def samverkan_needs_questions():
    return [NeedsQuestionSpec(region_code="23", key="seasonal-staff", kind="choice",
                              text="Hur stor del av behovet gäller säsongsanställda?",
                              text_en="How much of the need is for seasonal staff?",
                              choices=("Ingen", "Mindre delen", "Större delen"),
                              choices_en=("None", "The smaller part", "The larger part"))]


@hookimpl
def samverkan_blueprints():
    return [blueprint]


@hookimpl
def samverkan_competence_plan_templates():
    return [CompetencePlanTemplateSpec(region_code="23", sections=(
        TemplateSectionSpec("season", "Säsongsbemanning", "Seasonal staffing",
                            text="Bemanna vintersäsongen i fjällen.", text_en="Staff the winter season."),
        TemplateSectionSpec("guides", "Fjällguider", "Mountain guides"),
    ))]


#: the initiatives' events this plugin has heard of, each with the initiative's title as committed
HEARD = []


def initiative_changed(event, session):
    from samverkan.initiatives.models import Initiative

    HEARD.append((event, session.get(Initiative, event.initiative_id).title))


@hookimpl
def samverkan_event_subscribers():
    return [SubscriberSpec(InitiativeChanged, initiative_changed)]
