"""The shared national theme vocabulary. Slugs are stable; plugins map their plan nodes onto them."""
from ..specs import ThemeSpec

CORE_THEMES = (
    ThemeSpec("needs-analysis", "Kompetensbehov, analyser och prognoser", "Competence needs, analyses and forecasts"),
    ThemeSpec("education-planning", "Utbildningsplanering och utbildningsutbud", "Education planning and provision"),
    ThemeSpec("education-employer-collaboration", "Samverkan mellan utbildning och arbetsliv", "Collaboration between education and working life"),
    ThemeSpec("guidance", "Studie- och yrkesvägledning", "Study and career guidance"),
    ThemeSpec("work-based-learning", "Arbetsplatsförlagt lärande, praktik och lärlingar", "Work-based learning, placements and apprenticeships"),
    ThemeSpec("vocational-swedish", "Yrkessvenska och språkträning", "Vocational Swedish and language training"),
    ThemeSpec("labour-market-entry", "Inträde på arbetsmarknaden", "Entry into the labour market"),
    ThemeSpec("reskilling", "Omställning och karriärväxling", "Reskilling and career change"),
    ThemeSpec("lifelong-learning", "Livslångt lärande och flexibla utbildningsvägar", "Lifelong learning and flexible education paths"),
    ThemeSpec("validation", "Validering", "Validation of prior learning"),
    ThemeSpec("employer-competence-planning", "Arbetsgivares strategiska kompetensförsörjning", "Employers' strategic competence supply"),
    ThemeSpec("broadened-recruitment", "Breddad rekrytering", "Broadened recruitment"),
    ThemeSpec("international-recruitment", "Nationell och internationell rekrytering", "National and international recruitment"),
    ThemeSpec("strength-areas", "Styrkeområden och smart specialisering", "Strength areas and smart specialisation"),
    ThemeSpec("integration", "Integration och etablering av nyanlända", "Integration of newly arrived"),
    ThemeSpec("gender-equality", "Jämställdhet", "Gender equality"),
    ThemeSpec("coordination", "Regional samordning, strategier och samverkansstrukturer", "Regional coordination, strategies and collaboration structures"),
)
