"""Region plugin for Västernorrland (county code 22).

Provides the region, its competence council (Västernorrlands kompetensråd) and the council's
*Plan för bättre kompetensförsörjning*: four focus areas (*fokusområden*), each with its
directions (*inriktningar*), the three guiding words (*ledord*) and the actor kinds the plan
names. Source document: ``shared/seeds/002_1f5acc4d341604ee.txt``; the data is in
:mod:`vasternorrland.plan`.
"""
from samverkan.specs import NeedsQuestionSpec, RegionPlugin

from . import plan

plugin = RegionPlugin(
    regions=[plan.REGION],
    plans=[plan.PLAN],
    principles=plan.PRINCIPLES,
    actor_kinds=plan.ACTOR_KINDS,
    indicators=plan.INDICATORS,
    # focus area 4, knowledge of the supply of and demand for competence
    needs_questions=[NeedsQuestionSpec(
        region_code=plan.REGION_CODE, key="hardest-to-find", kind="text",
        text="Vilken kompetens är svårast för er att hitta i dag?",
        text_en="Which competence is hardest for you to find today?",
    )],
)
