"""Region plugin for Västmanland (county code 19).

Provides Region Västmanland's plan space to Samverkan: the region and its competence council,
"Kompetensplan Västmanland 2030" (valid 2022–2030; three development areas, twelve goals and
their priorities, each mapped to the shared themes), the plan's five guiding principles, its
eight kinds of actors and the RUS 2030 sub-goals it is followed up by. The data sits in
:mod:`vastmanland.plan`, transcribed from the plan document (seed ``000_bd98864756804bbd.txt``).
"""
from samverkan.hookspecs import hookimpl

from . import plan


@hookimpl
def samverkan_regions():
    return [plan.REGION]


@hookimpl
def samverkan_plans():
    return [plan.PLAN]


@hookimpl
def samverkan_principles():
    return list(plan.PRINCIPLES)


@hookimpl
def samverkan_actor_kinds():
    return list(plan.ACTOR_KINDS)


@hookimpl
def samverkan_indicators():
    return list(plan.INDICATORS)
