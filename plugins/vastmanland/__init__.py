"""Region plugin for Västmanland (county code 19).

Provides Region Västmanland's plan space to Samverkan: the region and its competence council,
"Kompetensplan Västmanland 2030" (valid 2022–2030; three development areas, twelve goals and
their priorities, each mapped to the shared themes), the plan's five guiding principles, its
eight kinds of actors and the RUS 2030 sub-goals it is followed up by. The data sits in
:mod:`vastmanland.plan`, transcribed from the plan document (seed ``000_bd98864756804bbd.txt``); the template of the competence-supply plans of the county's
organisations and the region's own needs-survey question sit in :mod:`vastmanland.competence_plan`
(seed ``001_f4636bc0a0b00214.txt``).
"""
from samverkan.specs import RegionPlugin

from . import competence_plan, plan

plugin = RegionPlugin(
    regions=[plan.REGION],
    plans=[plan.PLAN],
    principles=plan.PRINCIPLES,
    actor_kinds=plan.ACTOR_KINDS,
    indicators=plan.INDICATORS,
    needs_questions=competence_plan.NEEDS_QUESTIONS,
    competence_plan_templates=[competence_plan.TEMPLATE],
)
