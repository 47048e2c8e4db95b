"""Västernorrland's plan data, transcribed from *Plan för bättre kompetensförsörjning*.

Source: ``shared/seeds/002_1f5acc4d341604ee.txt`` (Västernorrlands kompetensråd). The Swedish
text is copied exactly from the seed, typos included ("utvecklig", "komptensråd",
"utbudsutbud"); only PDF hyphenation ("kompetensförsörj-/ningen") and line breaks are undone.
Real hyphens such as "studie- och" are kept. English is our own translation.

The seed has two renderings of the focus areas: a summary page ("Fokusområden", headings and
"Inriktningar" only) and the appendix "bilaga 1. Fokusområden" (one page per focus area with
descriptive prose, the same direction bullets and an all-caps page heading). The appendix is
used where the two differ; each difference is noted at the node.

The appendix gives no explanatory text per direction, so directions have no ``text``. Every
direction bullet in the seed ends with a full stop; it is kept on all of them.
"""
from samverkan.specs import (
    ActorKindSpec,
    CouncilSpec,
    IndicatorSpec,
    NodeKindSpec,
    NodeSpec,
    PlanSpec,
    PrincipleSpec,
    RegionSpec,
    SectionSpec,
)

REGION_CODE = "22"

# --- Council workflow ----------------------------------------------------------------------
# Status analysis per direction, prioritisation and mobilisation, annual follow-up to the
# regional development board: sections "Prioriteringar av inriktningar och mobilisering" and
# "Uppföljning av resultat", split into steps in the seed's order. "komptensråd" (sic).

COUNCIL_WORKFLOW = (
    SectionSpec(
        title="Nulägesanalys",
        title_en="Status analysis",
        text=(
            "Utvecklingen inom de olika inriktningarna befinner sig på olika stadier, och de "
            "pågående aktiviteterna varierar i omfattning. För att driva utvecklingen framåt "
            "genomför Västernorrlands komptensråd en nulägesanalys som ger en bild av status "
            "inom varje inriktning."
        ),
        text_en=(
            "Development within the various directions is at different stages, and the "
            "ongoing activities vary in scope. To drive development forward, the "
            "Västernorrland Competence Council carries out a status analysis that gives a "
            "picture of the status within each direction."
        ),
    ),
    SectionSpec(
        title="Prioriteringar av inriktningar och mobilisering",
        title_en="Prioritisation of directions and mobilisation",
        text=(
            "Utifrån denna kan prioriteringar göras och resurser mobiliseras för att "
            "genomföra insatser som förbättrar situationen inom prioriterade områden."
            "\n\n"
            "Västernorrlands kompetensråd har en central roll i att prioritera inriktningar "
            "och föreslå aktiviteter för att främja utvecklingsarbetet. Rådet ska också "
            "stärka samverkan och nätverkande genom att skapa effektiva och värdeskapande "
            "mötesplatser. Målet med arbetet är att bygga en starkare genomförandekapacitet "
            "för en bättre kompetensförsörjning och hållbar utveckling i länet."
        ),
        text_en=(
            "On that basis, priorities can be set and resources mobilised to carry out "
            "efforts that improve the situation within the prioritised areas."
            "\n\n"
            "The Västernorrland Competence Council has a central role in prioritising "
            "directions and proposing activities to promote the development work. The council "
            "is also to strengthen collaboration and networking by creating effective and "
            "value-creating meeting places. The aim of the work is to build a stronger "
            "implementation capacity for better competence supply and sustainable development "
            "in the county."
        ),
    ),
    SectionSpec(
        title="Uppföljning av resultat",
        title_en="Follow-up of results",
        text=(
            "Västernorrlands kompetensråd ansvarar för att följa upp måluppfyllnad kring "
            "länets kompetensförsörjning kopplat till de prioriteringar som gjorts. "
            "Uppföljningen sker årligen och resultaten delges den Regionala "
            "utvecklingsnämnden och samverkansrådet."
        ),
        text_en=(
            "The Västernorrland Competence Council is responsible for following up goal "
            "attainment for the county's competence supply in relation to the priorities that "
            "have been set. The follow-up takes place annually and the results are reported "
            "to the Regional Development Board and the collaboration council."
        ),
    ),
)

# --- Region and council ------------------------------------------------------------------

REGION = RegionSpec(
    code=REGION_CODE,
    name="Västernorrland",
    name_en="Västernorrland",
    municipalities=(
        "Härnösand",
        "Kramfors",
        "Sollefteå",
        "Sundsvall",
        "Timrå",
        "Ånge",
        "Örnsköldsvik",
    ),
    council=CouncilSpec(
        name="Västernorrlands kompetensråd",
        name_en="Västernorrland Competence Council",
        # Section "Organisering av samverkan via Västernorrlands kompetensråd".
        description=(
            "I Västernorrlands län organiseras den övergripande samverkan för det regionala "
            "kompetensförsörjningsarbetet via Västernorrlands kompetensråd. I rådet finns "
            "representanter med olika perspektiv och uppdrag inom kompetensförsörjningsområdet."
        ),
        description_en=(
            "In Västernorrland County, the overall collaboration on regional competence supply "
            "is organised through the Västernorrland Competence Council. The council has "
            "representatives with different perspectives and remits within the field of "
            "competence supply."
        ),
        workflow=COUNCIL_WORKFLOW,
        # The bullets under "Västernorrland kompetenråd ansvarar för att:" (sic), one string
        # per bullet; the first bullet holds two sentences in the seed and is kept whole.
        duties=(
            "Ta fram och fastställa en plan för en bättre kompetensförsörjning. Identifiera och "
            "prioritera inriktningar inom fokusområden från planen.",
            "Skapa genomförandekapacitet kring prioriterade inriktningarna.",
            "Främja och underlätta kontakt mellan aktörer.",
            "Följa upp arbetet med måluppfyllnad mot de prioriteringar som gjorts.",
        ),
        duties_en=(
            "Develop and adopt a plan for better competence supply. Identify and prioritise "
            "directions within the plan's focus areas.",
            "Build implementation capacity around the prioritised directions.",
            "Promote and facilitate contact between actors.",
            "Follow up the work on goal attainment against the priorities that have been set.",
        ),
    ),
)

# --- The plan ------------------------------------------------------------------------------


def _direction(code, title, title_en, themes):
    """A direction (*inriktning*): a bullet under "Inriktningar", no text of its own."""
    return NodeSpec(code=code, kind="direction", title=title, title_en=title_en, themes=themes)


F1 = NodeSpec(
    code="F1",
    kind="focus-area",
    title="Livslångt lärande",
    title_en="Lifelong learning",
    text=(
        "Livslångt lärande är centralt för att möta förändringar. På arbetsmarknaden. Och i "
        "samhället. Livslångt lärande är en avgörande faktor för omställning i samhället. "
        "Genom lärande utvecklas individens, verksamhetens och samhällets innovationsförmåga "
        "och bidrar till jämlika och stärkta livsvillkor för människor. Med snabb teknisk "
        "utvecklings- och innovationstakt, förändrad demografi skapas nya möjligheter och "
        "utmaningar som gör det viktigare än någonsin att möjligheten, viljan och förmågan att "
        "lära utvecklas. Genom att prioritera livslångt lärande i Västernorrland skapas en bra "
        "miljö för att verksamheter, människor och samhälle blir mer resilienta och "
        "motståndskraftiga över tid."
        "\n\n"
        "För att tillvarata de som bor i länet, så alla kan bidra på bästa sätt i framtidens "
        "arbetsmarknad, är en kultur av livslångt lärande ett viktigt förhållningssätt. Först "
        "då kan både individer och arbetsgivare anpassa sig till en arbetsmarknad i ständig "
        "förändring. Genom att utveckla flexibla studie- och utbildningsmiljöer, och nyttja "
        "digitala lösningar kan fler individer och arbetsgivare få tillgång till den "
        "kompetensutveckling som behövs för framtidens arbetsmarknad."
        "\n\n"
        "Dessutom behövs kännedom om arbetsmarknadens kompetensbehov för att möjliggöra rätt "
        "utbildningsval."
    ),
    text_en=(
        "Lifelong learning is central to meeting change. In the labour market. And in society. "
        "Lifelong learning is a decisive factor for transition in society. Through learning, "
        "the innovative capacity of individuals, organisations and society develops and "
        "contributes to equal and strengthened living conditions for people. With a rapid pace "
        "of technological development and innovation, and changing demographics, new "
        "opportunities and challenges arise that make it more important than ever that the "
        "opportunity, the will and the ability to learn are developed. By prioritising "
        "lifelong learning in Västernorrland, a good environment is created for organisations, "
        "people and society to become more resilient and robust over time."
        "\n\n"
        "To make the most of those who live in the county, so that everyone can contribute in "
        "the best way in the labour market of the future, a culture of lifelong learning is an "
        "important approach. Only then can both individuals and employers adapt to a labour "
        "market in constant change. By developing flexible study and education environments, "
        "and using digital solutions, more individuals and employers can gain access to the "
        "competence development needed for the labour market of the future."
        "\n\n"
        "In addition, knowledge of the labour market's competence needs is required to make "
        "the right educational choices possible."
    ),
    themes=("lifelong-learning", "reskilling"),
    children=(
        _direction(
            "F1.1",
            "Kännedom om och tillgång till anpassade studie- och utbildningsmiljöer.",
            "Awareness of and access to adapted study and education environments.",
            ("lifelong-learning", "education-planning"),
        ),
        _direction(
            "F1.2",
            "Flexibla och effektiva sätt för utveckling av utbildningsutbud.",
            "Flexible and effective ways of developing the range of education on offer.",
            ("education-planning", "lifelong-learning"),
        ),
        _direction(
            "F1.3",
            "Digitala och innovativa lösningar för lärande.",
            "Digital and innovative solutions for learning.",
            ("lifelong-learning",),
        ),
        _direction(
            "F1.4",
            "Tillgång till studie- och karriärvägledning för att möta framtidens arbetsliv.",
            "Access to study and career guidance to meet the working life of the future.",
            ("guidance",),
        ),
        _direction(
            "F1.5",
            # "utvecklig" (sic) in both the summary page and the appendix.
            "Arbetsplatser där utvecklig och lärande är en del av framgången.",
            "Workplaces where development and learning are part of success.",
            ("lifelong-learning", "employer-competence-planning"),
        ),
    ),
)

F2 = NodeSpec(
    code="F2",
    kind="focus-area",
    # Appendix page heading "HÅLLBARA OCH KONKURRENS-/KRAFTIGA ARBETSGIVARE" (same wording
    # as the summary page).
    title="Hållbara och konkurrenskraftiga arbetsgivare",
    title_en="Sustainable and competitive employers",
    text=(
        "Arbetsgivarnas förmåga att attrahera, behålla och utveckla kompetens är en nyckel för "
        "en hållbar arbetsmarknad. Insatser behövs för att skapa attraktiva arbetsgivare med "
        "förmåga att kartlägga behov, attrahera kompetens, behålla och utveckla sina anställda "
        "och bredda sina rekryteringsstrategier."
    ),
    text_en=(
        "Employers' ability to attract, retain and develop competence is a key to a "
        "sustainable labour market. Efforts are needed to create attractive employers with the "
        "ability to map needs, attract competence, retain and develop their employees and "
        "broaden their recruitment strategies."
    ),
    themes=("employer-competence-planning",),
    children=(
        _direction(
            "F2.1",
            "Arbetsgivare kartlägger och kommunicerar sina kompetensbehov.",
            "Employers map and communicate their competence needs.",
            ("employer-competence-planning", "needs-analysis"),
        ),
        _direction(
            "F2.2",
            # Appendix: "medarbetares"; the summary page has "Tillvaratagande och utveckling
            # av arbetstagares kompetens."
            "Tillvaratagande och utveckling av medarbetares kompetens.",
            "Making use of and developing employees' competence.",
            ("employer-competence-planning", "lifelong-learning"),
        ),
        _direction(
            "F2.3",
            "Möjligheter att rekrytera nationellt och internationellt.",
            "Opportunities to recruit nationally and internationally.",
            ("international-recruitment",),
        ),
        _direction(
            "F2.4",
            "Breddad rekrytering används för att skapa konkurrenskraft.",
            "Broadened recruitment is used to create competitiveness.",
            ("broadened-recruitment", "employer-competence-planning"),
        ),
        _direction(
            "F2.5",
            "Engagemang i utbildning och andra kompetensförsörjningsinsatser.",
            "Engagement in education and other competence-supply efforts.",
            ("education-employer-collaboration", "employer-competence-planning"),
        ),
    ),
)

F3 = NodeSpec(
    code="F3",
    kind="focus-area",
    # Appendix page heading "MATCHNING OCH TILLVARA-/TAGANDE AV KOMPETENS" (same wording as
    # the summary page).
    title="Matchning och tillvaratagande av kompetens",
    title_en="Matching and making use of competence",
    # "utbudsutbud" (sic).
    text=(
        "En välfungerande arbetsmarknad kräver att kompetenser matchas med arbetslivets behov "
        "och att tillgänglig arbetskraft tas tillvara på ett effektivt sätt. Insatser behövs "
        "för samverkan mellan utbildning och arbetsliv för att säkerställa rätt utbudsutbud och "
        "söktryck. Flexibla utbildningsupplägg, validering av erfarenheter, utbildningar som "
        "motsvarar arbetsmarknadens behov och breddad rekrytering är centrala verktyg för att "
        "underlätta inträde på arbetsmarknaden och korta vägen till sysselsättning."
        "\n\n"
        "Utbildningarna behöver vara attraktiva och på en nivå och som stämmer överens med de "
        "potentiella studerandes förutsättningar. Det skapar förutsättningar för högt söktryck "
        "och god genomströmning."
    ),
    text_en=(
        "A well-functioning labour market requires that competences are matched with the needs "
        "of working life and that the available workforce is made use of effectively. Efforts "
        "are needed for collaboration between education and working life to ensure the right "
        "range of provision and number of applicants. Flexible course arrangements, validation "
        "of experience, education that corresponds to the needs of the labour market and "
        "broadened recruitment are central tools for easing entry into the labour market and "
        "shortening the path to employment."
        "\n\n"
        "Education needs to be attractive and at a level that matches the circumstances of "
        "prospective students. This creates the conditions for a high number of applicants and "
        "good completion rates."
    ),
    themes=("education-employer-collaboration", "labour-market-entry"),
    children=(
        _direction(
            "F3.1",
            "Samverkan mellan utbildning och arbetsliv som skapar attraktion till bristyrken och "
            "bidrar till ett utbildningsutbud som möter kompetensbehoven.",
            "Collaboration between education and working life that makes shortage occupations "
            "attractive and contributes to a range of education that meets competence needs.",
            ("education-employer-collaboration", "education-planning"),
        ),
        _direction(
            "F3.2",
            "Tillvaratagande av kompetens genom bland annat breddad rekrytering till "
            "arbetslivet.",
            "Making use of competence through, among other things, broadened recruitment to "
            "working life.",
            ("broadened-recruitment", "labour-market-entry"),
        ),
        _direction(
            "F3.3",
            "Möjligheter till effektiv regional validering och flexibla utbildningsvägar.",
            "Opportunities for effective regional validation and flexible education paths.",
            ("validation", "lifelong-learning"),
        ),
        _direction(
            "F3.4",
            "Attraktiva och tillgängliga utbildningar som möter arbetsmarknadens behov och "
            "elevunderlagets förutsättningar.",
            "Attractive and accessible education that meets the needs of the labour market and "
            "the circumstances of the student population.",
            ("education-planning",),
        ),
    ),
)

F4 = NodeSpec(
    code="F4",
    kind="focus-area",
    # Appendix page heading "KUNSKAP OM TILLGÅNG OCH EFTERFRÅGAN PÅ KOMPETENS", used here in
    # sentence case. The summary page words it "Kunskap om länets tillgång och efterfrågan av
    # kompetens".
    title="Kunskap om tillgång och efterfrågan på kompetens",
    title_en="Knowledge of the supply of and demand for competence",
    text=(
        "Genom systematisk insamling, analys och spridning av data skapas en samlad och "
        "uppdaterad bild av länets kompetenstillgång och efterfrågan. Det här är avgörande för "
        "att fatta välgrundade beslut om utbildningsinsatser, arbetsmarknadsåtgärder och "
        "engagemang och fokus kring kompetensförsörjningsinsatser."
    ),
    text_en=(
        "Through systematic collection, analysis and dissemination of data, a comprehensive "
        "and up-to-date picture of the county's competence supply and demand is created. This "
        "is crucial for making well-founded decisions on education initiatives, labour-market "
        "measures, and engagement in and focus on competence-supply efforts."
    ),
    themes=("needs-analysis",),
    children=(
        _direction(
            "F4.1",
            "Systematik för insamling och analys av länets kompetensbehov.",
            "Systematic collection and analysis of the county's competence needs.",
            ("needs-analysis",),
        ),
        _direction(
            "F4.2",
            "Analyser och kunskapsunderlag om tillgång och efterfrågan av kompetensbehov används "
            "av relevanta aktörer.",
            "Analyses and knowledge bases on the supply of and demand for competence needs are "
            "used by relevant actors.",
            ("needs-analysis", "education-planning"),
        ),
    ),
)

PLAN = PlanSpec(
    region_code=REGION_CODE,
    key="kompetensforsorjning",
    title="Plan för bättre kompetensförsörjning",
    title_en="Plan for better competence supply",
    version=1,
    # The seed states no period for the plan itself: "2020–2030" is the period of the regional
    # development strategy (RUS), and "Under 2025 kartläggs ..." is an activity, not a period.
    period_start=None,
    period_end=None,
    # The "Syfte" paragraph.
    summary=(
        "Planens syfte är att skapa förutsättningar och bidra till en gemensam riktning för hur "
        "Västernorrlands län ska nå en god kompetensförsörjning utifrån en förändrad demografi "
        "och de förestående kompetensbehoven inom både offentlig och privat sektor."
    ),
    summary_en=(
        "The purpose of the plan is to create the conditions for, and contribute to, a common "
        "direction for how Västernorrland County is to achieve good competence supply in the "
        "light of changing demographics and the upcoming competence needs in both the public "
        "and the private sector."
    ),
    node_kinds=(
        NodeKindSpec("focus-area", "Fokusområde", "Focus area"),
        NodeKindSpec("direction", "Inriktning", "Direction"),
    ),
    nodes=(F1, F2, F3, F4),
)

# --- Guiding words ("Ledord för framgångsrikt utvecklingsarbete") -----------------------------
# Introduced in the seed by: "En stärkt kompetensförsörjning i Västernorrland bygger på
# gemensamma förhållningssätt och samarbete. Utvecklingsarbetet är beroende av:"

PRINCIPLES = (
    PrincipleSpec(
        region_code=REGION_CODE,
        title="Tillit, samverkan och gemensamt ansvar",
        title_en="Trust, collaboration and shared responsibility",
        text=(
            "Ett framgångsrikt arbete bygger på förtroende, dialog och delat ansvar. "
            "Näringslivet och offentliga aktörer ska vara naturliga samarbetspartners, och vi "
            "samordnar oss över gränser – mellan kommuner, branscher och sakområden – för att "
            "hitta lösningar tillsammans."
        ),
        text_en=(
            "Successful work is built on trust, dialogue and shared responsibility. The "
            "business sector and public actors should be natural partners, and we coordinate "
            "across boundaries – between municipalities, industries and subject areas – to find "
            "solutions together."
        ),
    ),
    PrincipleSpec(
        region_code=REGION_CODE,
        title="Tydliga mål och synliga resultat",
        title_en="Clear goals and visible results",
        text=(
            "Vi arbetar mot samma mål med en modig och genomtänkt plan. Genom att följa upp och "
            "lyfta fram insatser gör vi framgångar synliga och inspirerar till fortsatt "
            "utveckling."
        ),
        text_en=(
            "We work towards the same goals with a bold and well-considered plan. By following "
            "up and highlighting efforts we make successes visible and inspire continued "
            "development."
        ),
    ),
    PrincipleSpec(
        region_code=REGION_CODE,
        title="Enkel och tydlig kommunikation",
        title_en="Simple and clear communication",
        text=(
            "Det ska vara lätt att förstå vad som görs och varför samt hur det för utvecklingen "
            "framåt. Samsyn och tydlighet skapar engagemang och stärker vårt gemensamma arbete."
        ),
        text_en=(
            "It should be easy to understand what is being done and why, and how it moves "
            "development forward. Shared understanding and clarity create engagement and "
            "strengthen our common work."
        ),
    ),
)

# --- Actor kinds ---------------------------------------------------------------------------
# The seed has no list of actor kinds and does not say which kinds sit on the council ("I rådet
# finns representanter med olika perspektiv och uppdrag"). These are the kinds it names as
# actors, in order of first mention: employers (focus area F2, "Arbetsgivare kartlägger ...")
# and, in the first guiding word, "Näringslivet och offentliga aktörer ska vara naturliga
# samarbetspartners". "kommuner" there are boundaries to coordinate across, not named as
# actors, so they are not listed.

ACTOR_KINDS = (
    ActorKindSpec(region_code=REGION_CODE, key="employer", name="Arbetsgivare",
                  name_en="Employers"),
    ActorKindSpec(region_code=REGION_CODE, key="business-sector", name="Näringslivet",
                  name_en="The business sector"),
    ActorKindSpec(region_code=REGION_CODE, key="public-actor", name="Offentliga aktörer",
                  name_en="Public actors"),
)

# --- Indicators ----------------------------------------------------------------------------
# The seed names no follow-up indicators (follow-up is of "måluppfyllnad" against the
# priorities made, see COUNCIL_WORKFLOW).

INDICATORS: tuple[IndicatorSpec, ...] = ()

