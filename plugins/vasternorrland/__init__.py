"""Region plugin for Västernorrland (county code 22).

Provides the region, its competence council (Västernorrlands kompetensråd) and the council's
*Plan för bättre kompetensförsörjning*: four focus areas (*fokusområden*), each with its
directions (*inriktningar*), the three guiding words (*ledord*) and the actor kinds the plan
names. Source document: ``shared/seeds/002_1f5acc4d341604ee.txt``; the data is in
:mod:`vasternorrland.plan`.
"""
from samverkan.specs import RegionPlugin

from . import plan

plugin = RegionPlugin(
    regions=[plan.REGION],
    plans=[plan.PLAN],
    principles=plan.PRINCIPLES,
    actor_kinds=plan.ACTOR_KINDS,
    indicators=plan.INDICATORS,
)
