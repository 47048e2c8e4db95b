"""Region plugin for Västernorrland (county code 22).

Provides the region, its competence council (Västernorrlands kompetensråd) and the council's
*Plan för bättre kompetensförsörjning*: four focus areas (*fokusområden*), each with its
directions (*inriktningar*), the three guiding words (*ledord*) and the actor kinds the plan
names. Source document: ``shared/seeds/002_1f5acc4d341604ee.txt``; the data is in
:mod:`vasternorrland.plan`.
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
