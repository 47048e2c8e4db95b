"""A county that revises its plan, as a county's package would ship it: release 1 of the package
provides version 1 of the plan, release 2 version 2 (the entry point names one of them, as the
installed release would).

From version 1 to version 2 one node is removed (A1.2), one reworded (A2.1, title and text), one
added (A3.2) and one moved (A2.2, from area A2 to area A3); the rest is unchanged.
"""
from samverkan.specs import NodeKindSpec, NodeSpec, PlanSpec, RegionPlugin, RegionSpec

REGION = RegionSpec(code="20", name="Dalarna", name_en="Dalarna", municipalities=("Falun", "Borlänge"))
KINDS = (NodeKindSpec("area", "Område", "Area"), NodeKindSpec("goal", "Mål", "Goal"))


def _plan(version, nodes):
    return PlanSpec(region_code="20", key="kompetensplan", version=version, title="Kompetensplan Dalarna",
                    title_en="Competence plan Dalarna", period_start=2024, period_end=2030, node_kinds=KINDS,
                    nodes=nodes)


INDUSTRY_VALIDATION = NodeSpec("A1.1", "goal", "Fler valideras inom industrin", "More validated in industry",
                               themes=("validation",))
SWEDISH_IN_CARE = NodeSpec("A2.2", "goal", "Yrkessvenska för vårdens medarbetare",
                           "Vocational Swedish for care staff", themes=("vocational-swedish",))
BROADER_RECRUITMENT = NodeSpec("A3.1", "goal", "Bredare rekrytering till bristyrken",
                               "Broader recruitment to shortage occupations", themes=("broadened-recruitment",))

VERSION_1 = _plan(1, (
    NodeSpec("A1", "area", "Industrins kompetens", "Skills for industry", themes=("strength-areas",), children=(
        INDUSTRY_VALIDATION,
        NodeSpec("A1.2", "goal", "Fler lärlingar i industrin", "More apprentices in industry",
                 themes=("work-based-learning",)),
    )),
    NodeSpec("A2", "area", "Vård och omsorg", "Health and social care", themes=("education-planning",), children=(
        NodeSpec("A2.1", "goal", "Fler undersköterskor utbildas", "More assistant nurses trained",
                 text="Utbildningen byggs ut i hela länet.", text_en="Training grows across the county.",
                 themes=("education-planning",)),
        SWEDISH_IN_CARE,
    )),
    NodeSpec("A3", "area", "Inkludering", "Inclusion", themes=("integration",), children=(BROADER_RECRUITMENT,)),
))

VERSION_2 = _plan(2, (
    NodeSpec("A1", "area", "Industrins kompetens", "Skills for industry", themes=("strength-areas",), children=(
        INDUSTRY_VALIDATION,
    )),
    NodeSpec("A2", "area", "Vård och omsorg", "Health and social care", themes=("education-planning",), children=(
        NodeSpec("A2.1", "goal", "Fler undersköterskor utbildas och stannar i yrket",
                 "More assistant nurses trained and staying in the job",
                 text="Utbildningen byggs ut, och arbetsgivarna gör det lättare att stanna.",
                 text_en="Training grows, and employers make it easier to stay.", themes=("education-planning",)),
    )),
    NodeSpec("A3", "area", "Inkludering", "Inclusion", themes=("integration",), children=(
        BROADER_RECRUITMENT,
        SWEDISH_IN_CARE,
        NodeSpec("A3.2", "goal", "Fler nyanlända i arbete", "More newly arrived in work",
                 themes=("labour-market-entry",)),
    )),
))

release_1 = RegionPlugin(regions=[REGION], plans=[VERSION_1])
release_2 = RegionPlugin(regions=[REGION], plans=[VERSION_2])
