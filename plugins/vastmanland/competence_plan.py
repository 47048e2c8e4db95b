"""Region Västmanland's competence-supply work as an employer (seed ``001_f4636bc0a0b00214.txt``):
the template of the organisations' competence-supply plans, and the region's own question in the
needs survey.

The strategy realises itself through a yearly competence-supply plan stating gap, need and
activities for the short (1–3 years) and the long (4–10 years) horizon; its sections are the
strategy's: attract, recruit, retain, develop and phase out competence, planning and leadership.
The section texts are the strategy's own words.
"""
from samverkan.specs import CompetencePlanTemplateSpec, NeedsQuestionSpec, TemplateSectionSpec

REGION_CODE = "19"

TEMPLATE = CompetencePlanTemplateSpec(
    region_code=REGION_CODE,
    sections=(
        TemplateSectionSpec(
            key="attract", title="Attrahera", title_en="Attract",
            text="Region Västmanland ska aktivt utveckla vårda sitt arbetsgivarvarumärke i syfte att "
                 "marknadsföra sig och uppfattas som en attraktiv arbetsgivare.",
        ),
        TemplateSectionSpec(
            key="recruit", title="Rekrytera", title_en="Recruit",
            text="Region Västmanland ska arbeta med kompetensbaserad rekrytering baserat på verksamhetens "
                 "uppdrag och mål på kort och lång sikt. Arbetet med rekryteringsinsatser ska aktivt främja "
                 "mångfald, jämställdhet och jämlikhet.",
        ),
        TemplateSectionSpec(
            key="retain", title="Behålla", title_en="Retain",
            text="Regionens arbete ska vara utformat/organiserat för att säkerställa en god arbetsmiljö och "
                 "ett hållbart arbetsliv.",
        ),
        TemplateSectionSpec(
            key="develop", title="Utveckla", title_en="Develop",
            text="Region Västmanland ska tydliggöra utvecklingsmöjligheter i syfte att uppnå ett livslångt "
                 "lärande. Det är nödvändigt att arbeta aktivt med kompetensöverföring och kompetensväxling "
                 "för att säkerställa kompetens över tid.",
        ),
        TemplateSectionSpec(
            key="phase-out", title="Avveckla", title_en="Phase out",
            text="Avveckla kompetenser på ett professionellt sätt.",
        ),
        TemplateSectionSpec(
            key="planning", title="Planering, styrning och utveckling",
            title_en="Planning, governance and development",
            text="Arbetet med kompetensförsörjning ska vara en integrerad del i verksamhetens styrning, "
                 "planering och utveckling av verksamheter.",
        ),
        TemplateSectionSpec(
            key="leadership", title="Chef- och ledarskap", title_en="Management and leadership",
            text="Arbetet med chefsförsörjning är därför prioriterat och ska ha särskilt fokus på att skapa "
                 "förutsättningar för ett hållbart och utvecklande ledarskap.",
        ),
    ),
)

#: goal 9 of the regional plan: employers have the knowledge to plan their competence supply
NEEDS_QUESTIONS = (
    NeedsQuestionSpec(
        region_code=REGION_CODE, key="has-competence-plan", kind="yes-no",
        text="Har ni en kompetensförsörjningsplan för er verksamhet?",
        text_en="Do you have a competence-supply plan for your organisation?",
    ),
)
