"""Kompetensplan Västmanland 2030 as plain data.

Transcribed from "Kompetensplan Västmanland 2030" (Region Västmanland, valid 2022–2030),
``seeds/000_bd98864756804bbd.txt``. The Swedish text is the plan's own wording, typos included;
only the PDF's line breaks, bullet characters and footnote markers have been removed. The English
is a translation made for this plugin.

Tree: utvecklingsområde (``O1``–``O3``, sections 3.1–3.3) → mål (``M1``–``M12``, sections 3.x.y)
→ prioritering (``M<n>.1``…, the bullets under each goal's "Prioriteringar").
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
)

REGION_CODE = "19"


def _paragraphs(*paragraphs: str) -> str:
    """Join paragraphs the way plan texts are stored: separated by a blank line."""
    return "\n\n".join(paragraphs)


# --------------------------------------------------------------------------------------------
# Region and council
# --------------------------------------------------------------------------------------------

REGION = RegionSpec(
    code=REGION_CODE,
    name="Västmanland",
    name_en="Västmanland",
    municipalities=(
        "Arboga",
        "Fagersta",
        "Hallstahammar",
        "Kungsör",
        "Köping",
        "Norberg",
        "Sala",
        "Skinnskatteberg",
        "Surahammar",
        "Västerås",
    ),
    council=CouncilSpec(
        name="Västmanlands kompetensråd",
        name_en="Västmanland Competence Council",
        # footnote 1 of section 1.3
        description=(
            "Strategiskt råd i syfte att uppnå bättre resultat och resursutnyttjande inom arbetet "
            "med regional kompetensförsörjning och matchningen på arbetsmarknaden i länet. "
            "Representanter återfinns från utbildningsväsendet, myndigheter, företrädare för "
            "offentliga och privat organisationer med bäring på kompetensförsörjningsområdet. "
            "Region Västmanland sammankallar och samordnar rådet och ordförande är regionens "
            "Regionala utvecklingsdirektör."
        ),
        description_en=(
            "A strategic council whose purpose is to achieve better results and use of resources "
            "in the work on regional competence supply and on matching in the county's labour "
            "market. Its representatives come from the education system, public agencies, and "
            "representatives of public and private organisations with a bearing on the field of "
            "competence supply. Region Västmanland convenes and coordinates the council, and the "
            "chair is the region's Regional Development Director."
        ),
    ),
)


# --------------------------------------------------------------------------------------------
# Plan tree
# --------------------------------------------------------------------------------------------

_M1 = NodeSpec(
    code="M1",
    kind="goal",
    # the goal list at the start of 3.1 words it "Ökad kunskap om kompetens för ..."
    title="Ökad kunskap om kompetensbehov för framtidens arbetsmarknad",
    title_en="Increased knowledge of competence needs for the labour market of the future",
    text=(
        "För att få till en bra matchning där alla invånares kompetens tas tillvara behöver "
        "kunskapen om hur arbetsplatserna i länet ser ut och vilka styrkeområden som länet vilar "
        "på öka. Länets invånare, utbildningsanordnare samt studie- och yrkesvägledare behöver "
        "kunskap om detta för att utbildningsutbudet ska passa både individ och yrkesstrukturen i "
        "länet. Bland annat behöver vi fler sökande till yrkesutbildningar i hela länet. Även "
        "vård och omsorg och industrin i länet har ständiga behov av kompetens. Arbetsplatsbesök "
        "och olika typer av praktik är en viktig del för att öka kunskap om arbetsmarknaden. Vi "
        "behöver samsas genom ett stärkt arbete med vägledning mot arbete och studier från "
        "grundskolan och genom hela livet i omställningsbehov och kompetensutveckling."
    ),
    text_en=(
        "To achieve good matching in which the competence of all residents is put to use, "
        "knowledge of what the workplaces in the county look like and which strength areas the "
        "county rests on needs to increase. The county's residents, education providers and "
        "study and career counsellors need knowledge of this so that the range of education "
        "suits both the individual and the occupational structure of the county. Among other "
        "things, we need more applicants to vocational programmes throughout the county. Health "
        "and social care and the county's industry also have constant needs for competence. "
        "Workplace visits and different kinds of placements are an important part of increasing "
        "knowledge of the labour market. We need to come together through strengthened work on "
        "guidance towards work and studies, from compulsory school and throughout life, in "
        "needs for reskilling and in competence development."
    ),
    themes=("needs-analysis", "guidance", "education-employer-collaboration"),
    children=(
        NodeSpec(
            code="M1.1",
            kind="priority",
            title="Aktiviteter för vägledning, arbetsplatsförlagt lärande och "
            "arbetsmarknadskunskap",
            title_en="Activities for guidance, work-based learning and labour-market knowledge",
            themes=("guidance", "work-based-learning"),
        ),
        NodeSpec(
            code="M1.2",
            kind="priority",
            title="Initiativ för samverkan mellan elever/studenter och arbetsliv",
            title_en="Initiatives for collaboration between pupils/students and working life",
            themes=("education-employer-collaboration",),
        ),
        NodeSpec(
            code="M1.3",
            kind="priority",
            title="Forum för information till individ, arbetsgivare samt pedagogisk- och "
            "arbetsmarknadspersonal om utbildning och tillgång till utbildning i hela länet",
            title_en="Forums for informing individuals, employers and teaching and "
            "labour-market staff about education and access to education throughout the county",
            themes=("guidance", "education-planning"),
        ),
    ),
)

_M2 = NodeSpec(
    code="M2",
    kind="goal",
    title="Goda kunskaper i yrkessvenska för utlandsfödda",
    title_en="Good command of vocational Swedish for people born abroad",
    text=(
        "Genom att förbättra insatser för språkträning och yrkessvenska för utlandsfödda "
        "underlättar och ökar inträdet på arbetsmarknaden. Oavsett utbildningsnivå är "
        "arbetslösheten tydligt högre för utrikes födda. Arbetslösheten är särskilt hög bland "
        "personer som är födda utanför Europa och saknar en gymnasieutbildning. Det faktum att "
        "många av dessa helt eller delvis även saknar grundskolekompetens ger dem en särskilt "
        "utsatt ställning på arbetsmarknaden. Studieovana kan ge en svag progression i svenska "
        "språket och många fastnar i SFI under lång tid utan att närma sig arbetsmarknaden. "
        "Insatser som ger progression och förflyttning mot arbete är viktiga delar för att fler "
        "ska komma i arbete."
    ),
    text_en=(
        "Improving the efforts for language training and vocational Swedish for people born "
        "abroad makes entry into the labour market easier and more frequent. Whatever the level "
        "of education, unemployment is clearly higher among people born abroad. Unemployment is "
        "particularly high among people born outside Europe who lack upper-secondary education. "
        "The fact that many of them also lack compulsory-school competence, wholly or in part, "
        "puts them in a particularly vulnerable position on the labour market. Being "
        "unaccustomed to studying can mean slow progress in the Swedish language, and many get "
        "stuck in SFI (Swedish for immigrants) for a long time without getting closer to the "
        "labour market. Efforts that give progress and movement towards work are important for "
        "more people to get into work."
    ),
    themes=("vocational-swedish", "integration", "labour-market-entry"),
    children=(
        NodeSpec(
            code="M2.1",
            kind="priority",
            title="Utbildningslösningar där språk- och yrkeskunskaper integreras",
            title_en="Education solutions in which language and vocational skills are integrated",
            themes=("vocational-swedish",),
        ),
        NodeSpec(
            code="M2.2",
            kind="priority",
            title="Vidareutveckla insatser för språkträning kopplat till arbetslivet",
            title_en="Further develop language-training efforts linked to working life",
            themes=("vocational-swedish", "integration"),
        ),
    ),
)

_M3 = NodeSpec(
    code="M3",
    kind="goal",
    title="Ökade möjligheter för inträde på arbetsmarknaden",
    title_en="Increased opportunities for entering the labour market",
    text=(
        "För att fler av de individer som idag står utanför arbetsmarknaden ska komma i egen "
        "försörjning finns ett behov av förbättrade och säkrare arbetsmarknadsinsatser och "
        "stärkt vuxenutbildning. Trots brist på arbetskraft i en del branscher i länet finns "
        "fortfarande en stor del individer som står utanför arbetsmarknaden. Här behöver "
        "tillfällen skapas där individ och arbetsgivare kan mötas och även möjliga forum mellan "
        "arbetsgivare. I den reformering Arbetsförmedlingen genomgår uppkommer ett behov av en ny "
        "samverkansform mellan Arbetsförmedling, fristående aktörer och kommuner. Insatser som "
        "leder mot arbete och studier prioriteras så som kortare yrkesintegrerade "
        "utbildningsinsatser. Även folkhögskolor fortsätter ha en betydande roll med bland annat "
        "studiemotiverande folkhögskolekurser."
    ),
    text_en=(
        "For more of the individuals who are outside the labour market today to become "
        "self-supporting, there is a need for better and more reliable labour-market measures "
        "and strengthened adult education. Despite labour shortages in some industries in the "
        "county, a large number of individuals are still outside the labour market. Here, "
        "occasions need to be created where individuals and employers can meet, as well as "
        "possible forums between employers. The reform the Swedish Public Employment Service is "
        "undergoing gives rise to a need for a new form of collaboration between the Public "
        "Employment Service, independent providers and municipalities. Efforts that lead towards "
        "work and studies are prioritised, such as shorter work-integrated training. Folk high "
        "schools also continue to play a significant role, among other things with courses that "
        "motivate people to study."
    ),
    themes=("labour-market-entry", "work-based-learning"),
    children=(
        NodeSpec(
            code="M3.1",
            kind="priority",
            title="Insatser för arbetsplatsförlagt lärande, lärlingsmöjligheter och handledning",
            title_en="Efforts for work-based learning, apprenticeship opportunities and "
            "supervision",
            themes=("work-based-learning",),
        ),
        NodeSpec(
            code="M3.2",
            kind="priority",
            title="Insatser för att hitta nya lösningar för inträde på arbetsmarknaden",
            title_en="Efforts to find new solutions for entry into the labour market",
            themes=("labour-market-entry",),
        ),
    ),
)

_M4 = NodeSpec(
    code="M4",
    kind="goal",
    title="Ökade möjligheter för omställning och karriärväxling",
    title_en="Increased opportunities for reskilling and career change",
    text=(
        "På en föränderlig och framtida arbetsmarknad kommer nya yrken att tillkomma och andra "
        "yrken att försvinna. För personer med en svag ställning på arbetsmarknaden eller "
        "personer i en yrkeskår som förväntas minska behövs möjligheter till omskolning, "
        "validering och vidareutbildning. Att kunna bo kvar på sin hemort och studera eller att "
        "studera samtidigt som man arbetar blir en viktig förutsättning för att få till "
        "omställning och karriärväxling. Likaså behövs individanpassade lösningar stärkas genom "
        "digitalisering, lärcentra och yrkesnära satsningar. För redan anställda blir smidiga "
        "lösningar för omställning, kompetensutveckling och möjlighet till karriärväxling allt "
        "viktigare."
    ),
    text_en=(
        "In a changing labour market of the future, new occupations will appear and others will "
        "disappear. People with a weak position on the labour market, or in an occupational "
        "group that is expected to shrink, need opportunities for retraining, validation and "
        "further education. Being able to stay in one's home town and study, or to study while "
        "working, becomes an important precondition for reskilling and career change. Likewise, "
        "individually tailored solutions need to be strengthened through digitalisation, "
        "learning centres and work-related initiatives. For those already employed, smooth "
        "solutions for reskilling, competence development and the opportunity to change career "
        "become ever more important."
    ),
    themes=("reskilling", "lifelong-learning", "validation"),
    children=(
        NodeSpec(
            code="M4.1",
            kind="priority",
            title="Utveckla länets lärcentra och möjlighet till distansstudier",
            title_en="Develop the county's learning centres and the opportunities for distance "
            "study",
            themes=("lifelong-learning",),
        ),
        NodeSpec(
            code="M4.2",
            kind="priority",
            title="Stödjande aktiviteter för att förenkla möjlighet till utbildning som anställd",
            title_en="Supporting activities to make it easier to take up education while "
            "employed",
            themes=("reskilling", "lifelong-learning"),
        ),
    ),
)

_M5 = NodeSpec(
    code="M5",
    kind="goal",
    title="Ökad kännedom om länets kompetensbehov",
    title_en="Increased awareness of the county's competence needs",
    text=_paragraphs(
        "Flera aktörer arbetar på olika sätt med att ta fram analyser och prognoser, både på "
        "lokal-, regional- och nationell nivå, vilka tillsammans genererar underlag och stöd för "
        "det arbete som behöver bedrivas i länet.",
        "Bland annat finns utmaningar kopplat till åldrande befolkning och ökad digitalisering "
        "som kommer att kräva stor tillgång på rätt kompetens inom yrkesområden som bland annat "
        "vård och omsorg samt industrin. För att förbereda och säkra arbetet med att "
        "kunskapshöja länet med rätt kompetens är ett bra prognos- och analysarbete en grund. "
        "Därför behövs en ökad kompetens att ta emot rapporter, prognoser, tabellpaket samt att "
        "paketera, kommunicera och föra dialog kring kunskapsunderlagen.",
    ),
    text_en=_paragraphs(
        "Several actors work in different ways on producing analyses and forecasts, at local, "
        "regional and national level, which together generate evidence and support for the work "
        "that needs to be done in the county.",
        "Among other things, there are challenges linked to an ageing population and increased "
        "digitalisation that will require a large supply of the right competence in occupational "
        "fields such as health and social care and industry. Good forecasting and analysis work "
        "is a foundation for preparing and securing the work of raising the county's knowledge "
        "with the right competence. Greater competence is therefore needed in receiving reports, "
        "forecasts and table packages, and in packaging, communicating and holding dialogue "
        "about the knowledge base.",
    ),
    themes=("needs-analysis",),
    children=(
        NodeSpec(
            code="M5.1",
            kind="priority",
            title="Kontinuerligt kartlägga kompetensbehov",
            title_en="Continuously map competence needs",
            themes=("needs-analysis",),
        ),
        NodeSpec(
            code="M5.2",
            kind="priority",
            title="Tillgängliggöra kartläggningar",
            title_en="Make mappings accessible",
            themes=("needs-analysis",),
        ),
        NodeSpec(
            code="M5.3",
            kind="priority",
            title="Sprida kunskap om kompetensförsörjningsbehovet i länet",
            title_en="Spread knowledge about the competence supply needs in the county",
            themes=("needs-analysis",),
        ),
    ),
)

_M6 = NodeSpec(
    code="M6",
    kind="goal",
    title="Stärkt samverkan mellan utbildning och arbetsliv",
    title_en="Strengthened collaboration between education and working life",
    text=(
        "För att möjliggöra en bättre matchning till länets kompetensförsörjning behöver "
        "arbetslivets aktörer samtala med länets utbildningsaktörer. Arenor som möjliggör möten "
        "bör utvecklas och så även arenor för kunskapsöverföring mellan bransch och utbildning. "
        "Forskning och innovation är en stor del i detta arbete och där behövs ytor och arenor "
        "för kunskapsöverföring. Detta arbete kan med fördel utföras på både lokal och regional "
        "nivå och även utifrån de samverkansnoder som redan idag finns etablerade i länet. Här är "
        "även andra aktörer som Arbetsförmedlingen och dess fristående aktörer viktiga för att "
        "hitta gemensamma lösningar och samverkansformer och forum."
    ),
    text_en=(
        "To enable better matching for the county's competence supply, actors in working life "
        "need to talk with the county's education providers. Arenas that make meetings possible "
        "should be developed, as should arenas for knowledge transfer between industry and "
        "education. Research and innovation are a large part of this work, and spaces and arenas "
        "for knowledge transfer are needed there. This work can usefully be carried out at both "
        "local and regional level, and also building on the collaboration hubs already "
        "established in the county. Other actors, such as the Swedish Public Employment Service "
        "and its independent providers, are also important here for finding joint solutions, "
        "forms of collaboration and forums."
    ),
    themes=("education-employer-collaboration", "coordination"),
    children=(
        NodeSpec(
            code="M6.1",
            kind="priority",
            title="Utveckla samverkan inom befintliga och nya bransch- och programråd",
            title_en="Develop collaboration within existing and new industry and programme "
            "councils",
            themes=("education-employer-collaboration",),
        ),
        NodeSpec(
            code="M6.2",
            kind="priority",
            title="Pröva och initiera samverkanslösningar mellan utbildningsanordnare, "
            "branschorganisationer och arbetsgivare",
            title_en="Try out and initiate collaboration solutions between education providers, "
            "industry organisations and employers",
            themes=("education-employer-collaboration",),
        ),
        NodeSpec(
            code="M6.3",
            kind="priority",
            title="Samverkansnätverk mellan branschorganisationer, utbildning och arbetsgivare",
            title_en="Collaboration networks between industry organisations, education and "
            "employers",
            themes=("education-employer-collaboration", "coordination"),
        ),
    ),
)

_M7 = NodeSpec(
    code="M7",
    kind="goal",
    title="Utbildningar som matchar länets kompetensbehov",
    title_en="Education that matches the county's competence needs",
    # "kompensbehov" (sic) in the plan's text
    text=(
        "Med en bred bas av kunskapsunderlag och möjliga arenor att samverka på skapas ett "
        "klimat där vi kan matcha utbildning mot länets kompensbehov. För att detta ska vara "
        "möjligt behövs nya utbildningar formas, befintliga utbildningar utvecklas och nya "
        "lösningar för lärande tas fram. Länets utbildningsaktörer är centrala i den regionala "
        "kompetensförsörjningen. Att arbetsgivarna i länet förstår och har kunskap om framtida "
        "kompetensbehov blir en viktig del i att kunna planera med utbildningsaktörerna. Här är "
        "det viktigt att ta fram både korta snabba utbildningslösningar samt ha en "
        "utbildningsdialog för utbildningar som har en längre tidsaspekt för att säkra "
        "kompetensförsörjningen just nu och på sikt."
    ),
    text_en=(
        "A broad base of knowledge and possible arenas for collaboration creates a climate in "
        "which we can match education to the county's competence needs. For this to be "
        "possible, new programmes need to be formed, existing programmes developed and new "
        "solutions for learning produced. The county's education providers are central to "
        "regional competence supply. That the county's employers understand and know about "
        "future competence needs becomes an important part of being able to plan together with "
        "the education providers. Here it is important both to produce short, fast education "
        "solutions and to hold an education dialogue on programmes with a longer time horizon, "
        "so as to secure competence supply right now and in the longer term."
    ),
    themes=("education-planning", "education-employer-collaboration", "lifelong-learning"),
    children=(
        NodeSpec(
            code="M7.1",
            kind="priority",
            title="Insatser för att öka antalet utbildningar inom bristyrken och länets "
            "styrkeområden, stärka länets utbildningsplanering",
            title_en="Efforts to increase the number of programmes in shortage occupations and "
            "in the county's strength areas, and to strengthen the county's education planning",
            themes=("education-planning", "strength-areas"),
        ),
        NodeSpec(
            code="M7.2",
            kind="priority",
            title="Stärka utbudet av kompetensutvecklingsinsatser genom främjandet av flexibla "
            "korta kurser och utbildningar.",
            title_en="Strengthen the supply of competence-development efforts by promoting "
            "flexible short courses and programmes.",
            themes=("lifelong-learning", "education-planning"),
        ),
    ),
)

_M8 = NodeSpec(
    code="M8",
    kind="goal",
    title="Etablerad regional struktur för validering",
    title_en="An established regional structure for validation",
    text=(
        "Många enskilda kommuner är för små för att kunna erbjuda validering inom alla områden. "
        "Därför är det viktigt att samverka för att kunna komplettera varandra. Det är också "
        "viktigt att Arbetsförmedlingen, utbildningsanordnare och det regionala arbetsgivarna "
        "involveras i samverkansarbetet. Man kan också se att regionala strukturer för "
        "validering bidrar till ett likvärdigt, tillgängligt och sammanhållet nationellt system "
        "för validering och i slutändan kan bidra till att fler individer får sin kompetens "
        "validerad."
    ),
    text_en=(
        "Many individual municipalities are too small to offer validation in every field. It is "
        "therefore important to collaborate so as to complement one another. It is also "
        "important that the Swedish Public Employment Service, education providers and the "
        "regional employers are involved in the collaboration. Regional structures for "
        "validation can also be seen to contribute to an equivalent, accessible and coherent "
        "national system for validation and, in the end, to more individuals having their "
        "competence validated."
    ),
    themes=("validation", "coordination"),
    children=(
        NodeSpec(
            code="M8.1",
            kind="priority",
            title="Verka för att validering blir en del av utbildningsanordnares arbete",
            title_en="Work for validation to become part of education providers' work",
            themes=("validation",),
        ),
        NodeSpec(
            code="M8.2",
            kind="priority",
            title="Verka för att validering blir en del av länets arbetsgivares strategiska "
            "kompetensförsörjning",
            title_en="Work for validation to become part of the strategic competence supply of "
            "the county's employers",
            themes=("validation", "employer-competence-planning"),
        ),
        NodeSpec(
            code="M8.3",
            kind="priority",
            title="I samverkan med länets aktörer ta fram en utvecklingsplan för arbetet med en "
            "regional struktur för validering",
            title_en="Together with the county's actors, draw up a development plan for the "
            "work on a regional structure for validation",
            themes=("validation", "coordination"),
        ),
    ),
)

_M9 = NodeSpec(
    code="M9",
    kind="goal",
    title="Arbetsgivarna i länet har kunskap för att kompetensplanera sin verksamhet",
    title_en="Employers in the county have the knowledge to plan the competence of their "
    "operations",
    text=(
        "Förändringar i omvärlden ställer nya krav på företag och organisationer att ständigt "
        "utvecklas. Bland annat ställer globalisering, digitalisering, gröna "
        "omställningsprocesser och ändrade konsumtionsmönster, krav på företag och "
        "organisationer att inneha förmågan att blicka framåt och identifiera behov av nya "
        "kompetenser. Även de befintliga kompetenserna behöver kartläggas inom respektive "
        "företag och organisation. Dessa kompetensbehov behöver formuleras och synliggöras för "
        "att kommuniceras till utbildningsaktörer, det vill säga att arbetsgivarna stärker sin "
        "beställarkompetens."
    ),
    text_en=(
        "Changes in the wider world place new demands on companies and organisations to develop "
        "constantly. Globalisation, digitalisation, green transition processes and changing "
        "consumption patterns, among other things, require companies and organisations to have "
        "the ability to look ahead and identify needs for new competences. The existing "
        "competences within each company and organisation also need to be mapped. These "
        "competence needs have to be formulated and made visible so that they can be "
        "communicated to education providers; that is, employers strengthen their competence as "
        "commissioners of education."
    ),
    themes=("employer-competence-planning", "needs-analysis"),
    children=(
        NodeSpec(
            code="M9.1",
            kind="priority",
            title="Omvärldsbevakning av trender och faktorer som kan påverka framtida behov av "
            "nya kompetenser",
            title_en="Monitoring of trends and factors in the wider world that may affect future "
            "needs for new competences",
            themes=("needs-analysis", "employer-competence-planning"),
        ),
        NodeSpec(
            code="M9.2",
            kind="priority",
            title="Behovsinventering av kompetensbehov på olika kvalifikationsnivåer",
            title_en="Inventory of competence needs at different qualification levels",
            themes=("employer-competence-planning", "needs-analysis"),
        ),
        NodeSpec(
            code="M9.3",
            kind="priority",
            title="Kartläggning och behovsinventering av både befintligt och framtida "
            "kompetensbehov",
            title_en="Mapping and inventory of both existing and future competence needs",
            themes=("employer-competence-planning", "needs-analysis"),
        ),
    ),
)

_M10 = NodeSpec(
    code="M10",
    kind="goal",
    # the goal list at the start of 3.3 words it "... hos arbetsgivare att ..."
    title="Höjd kapacitet hos arbetsgivarna att arbeta med kontinuerlig kompetensutveckling",
    title_en="Increased capacity among employers to work with continuous competence development",
    text=(
        "Att ha strategier, strukturer och system för att skapa kontinuerlig "
        "kompetensutveckling för de anställda blir viktigt för att organisationer ska fortsätta "
        "vara konkurrenskraftiga. Processer för kompetensutveckling ger förutsättningar för en "
        "lärande organisation, som kontinuerligt förbättrar sin förmåga att hantera "
        "verksamhetens och omvärldens utmaningar och krav. Små och stora företag har olika "
        "förutsättningar för arbetet och därför behövs olika stödfunktioner. "
        "Kompetensutveckling och/eller validering av befintlig personal ger möjligheter att ta "
        "tillvara den kompetens man innehar och skapar förflyttning så att ny personal kan komma "
        "in."
    ),
    text_en=(
        "Having strategies, structures and systems for continuous competence development of "
        "employees becomes important for organisations to remain competitive. Processes for "
        "competence development create the conditions for a learning organisation, one that "
        "continuously improves its ability to handle the challenges and demands of its "
        "operations and of the wider world. Small and large companies have different conditions "
        "for this work, so different support functions are needed. Competence development "
        "and/or validation of existing staff make it possible to make use of the competence one "
        "has and create movement so that new staff can come in."
    ),
    themes=("employer-competence-planning", "lifelong-learning"),
    children=(
        NodeSpec(
            code="M10.1",
            kind="priority",
            title="Synliggöra goda exempel på hur arbetsgivare arbetar med kompetensutveckling",
            title_en="Highlight good examples of how employers work with competence development",
            themes=("employer-competence-planning",),
        ),
        NodeSpec(
            code="M10.2",
            kind="priority",
            title="Riktade kompetensutvecklingsinsatser inom prioriterade branscher och sektorer",
            title_en="Targeted competence-development efforts in prioritised industries and "
            "sectors",
            themes=("employer-competence-planning", "lifelong-learning"),
        ),
        NodeSpec(
            code="M10.3",
            kind="priority",
            title="Tillgängliggöra olika metoder och verktyg som stöd i arbetet med "
            "kompetensutveckling, så som validering och behovsinventering.",
            title_en="Make various methods and tools available to support the work on "
            "competence development, such as validation and needs inventories.",
            themes=("employer-competence-planning", "validation"),
        ),
    ),
)

_M11 = NodeSpec(
    code="M11",
    kind="goal",
    title="Öka arbetsgivarnas rekryteringsmöjligheter genom breddad rekrytering",
    title_en="Increase employers' recruitment opportunities through broadened recruitment",
    text=(
        "Samtidigt som kompetensbehoven är stora finns många personer som står långt ifrån "
        "arbetsmarknaden. Arbetsgivare spelar en viktig roll genom att tidigt knyta kontakt och "
        "möjliggöra praktik och anställning. Jämställda arbetsplatser är attraktiva "
        "arbetsplatser för både kvinnor och män. Personer med funktionsnedsättning, utlandsfödda "
        "och ungdomar har svårare att få och att behålla ett arbete. Därför behövs "
        "kunskapshöjande insatser för att arbetsgivare ska kunna ta tillvara den "
        "kompetensresurs som finns i länet. Även inom utbildning är breddad rekrytering och "
        "breddat deltagande viktigt, men det är också av vikt att arbetslivet arbetar med ett "
        "breddat mottagande vilket står för att öppna upp för att ta emot individer med annan "
        "bakgrund än vad som vanligtvis rekryteras."
    ),
    text_en=(
        "While competence needs are great, many people are far from the labour market. Employers "
        "play an important role by making contact early and offering placements and employment. "
        "Gender-equal workplaces are attractive workplaces for both women and men. People with "
        "disabilities, people born abroad and young people find it harder to get and keep a job. "
        "Knowledge-raising efforts are therefore needed so that employers can make use of the "
        "competence resources available in the county. Broadened recruitment and broadened "
        "participation are important in education too, but it also matters that working life "
        "works with broadened reception, meaning opening up to receive individuals with "
        "backgrounds other than those usually recruited."
    ),
    themes=("broadened-recruitment", "work-based-learning", "gender-equality"),
    children=(
        NodeSpec(
            code="M11.1",
            kind="priority",
            title="Kunskapshöjande insatser om hur arbetsgivare kan utveckla breddad "
            "mottagarkapacitet",
            title_en="Knowledge-raising efforts on how employers can develop a broadened "
            "capacity to receive new employees",
            themes=("broadened-recruitment",),
        ),
        NodeSpec(
            code="M11.2",
            kind="priority",
            title="Handledarutbildningar",
            title_en="Supervisor training",
            themes=("work-based-learning",),
        ),
        NodeSpec(
            code="M11.3",
            kind="priority",
            title="Visa på möjligheter med olika former av arbetsplatsförlagt lärande och andra "
            "anställningsformer som en del i breddad rekrytering",
            title_en="Show the opportunities of different forms of work-based learning and other "
            "forms of employment as part of broadened recruitment",
            themes=("work-based-learning", "broadened-recruitment"),
        ),
    ),
)

_M12 = NodeSpec(
    code="M12",
    kind="goal",
    # the goal list at the start of 3.3 words it "Stärkt kompetensförsörjning ..."
    title="Förstärkt kompetensförsörjning inom länets styrkeområden",
    title_en="Reinforced competence supply in the county's strength areas",
    # "samhällutmaningar" (sic) in the plan's text
    text=(
        "Genom ett aktivt arbete med de områden där Västmanlands län har kapacitet att bli bäst, "
        "nationellt och internationellt, skapas möjligheter att adressera viktiga "
        "samhällutmaningar och framtida tillväxtområden. Styrkeområdena som identifierats här i "
        "Västmanland är inte branscher utan ska snarare ses som ansamlingar av kompetens och "
        "förmågor inom områden som Automation, Energi, Järnväg samt Välfärd och Hälsa. Offentlig "
        "sektor är och kommer vara en viktig del för insatser inom de områden som är av intresse "
        "för smart specialiseringsarbetet i Västmanland. Behov av viss specialistkompetens eller "
        "spetskompetens som inte finns i länet eller i Sverige behöver kunna rekryteras "
        "nationellt och internationellt."
    ),
    text_en=(
        "Active work in the fields where Västmanland County has the capacity to be the best, "
        "nationally and internationally, creates opportunities to address important societal "
        "challenges and future growth areas. The strength areas identified here in Västmanland "
        "are not industries but should rather be seen as concentrations of competence and "
        "capabilities in fields such as Automation, Energy, Railways, and Welfare and Health. "
        "The public sector is, and will remain, an important part of efforts in the fields of "
        "interest to the smart specialisation work in Västmanland. Needs for certain specialist "
        "or cutting-edge competence that is not available in the county or in Sweden must be "
        "met by recruiting nationally and internationally."
    ),
    themes=("strength-areas", "international-recruitment"),
    children=(
        NodeSpec(
            code="M12.1",
            kind="priority",
            title="Kompetensutvecklingsinsatser riktade mot länets styrkeområden",
            title_en="Competence-development efforts aimed at the county's strength areas",
            themes=("strength-areas", "lifelong-learning"),
        ),
        NodeSpec(
            code="M12.2",
            kind="priority",
            title="Kunskapshöjande nätverk",
            title_en="Knowledge-raising networks",
            themes=("strength-areas", "coordination"),
        ),
        NodeSpec(
            code="M12.3",
            kind="priority",
            title="Insatser som stärker arbetsgivarnas möjligheter att rekrytera kompetens både "
            "nationellt och internationellt",
            title_en="Efforts that strengthen employers' opportunities to recruit competence "
            "both nationally and internationally",
            themes=("international-recruitment",),
        ),
    ),
)

_O1 = NodeSpec(
    code="O1",
    kind="development-area",
    title="Matcha och bygga kompetens",
    title_en="Match and build competence",
    # the first paragraph is the section's tagline; the last sentence introduces its goal list
    text=_paragraphs(
        "I Västmanland använder vi alla invånares kompetens",
        "För att lyckas med att motivera och matcha till arbete inom framtidens arbetsmarknad "
        "och där rekryteringsbehov finns behöver vi arbeta på olika plan. Det behövs en större "
        "kunskap om arbetsmarknaden i Västmanland för de som ska välja utbildning. "
        "Utbildningsvalen behöver i högre grad matcha arbetsmarknadens behov samt den egna "
        "kompetensen. För de individer som står inför ett inträde på arbetsmarknaden behöver vi "
        "prioritera insatser som stärker individen på olika sätt. Här är arbetsgivarnas "
        "medverkan viktig. Det kan handla om att träna språk på en arbetsplats eller i en trygg "
        "miljö, arbetsplatsförlagt lärande, lärlingsplatser eller andra insatser med koppling "
        "till arbetsmarknaden. Men det kan lika väl handla om att bygga spetskompetens inom "
        "specifika områden.",
        "För de individer som redan idag befinner sig i arbete behöver vi förbättra möjligheter "
        "att ställa om eller karriärväxla allt utifrån att yrken förändras och nya tillkommer. "
        "För att på sikt matcha och bygga rätt kompetens i Västmanland har vi tagit fram fyra "
        "delmål;",
    ),
    text_en=_paragraphs(
        "In Västmanland we make use of the competence of all residents",
        "To succeed in motivating people towards, and matching them to, work in the labour "
        "market of the future and where there are recruitment needs, we need to work on several "
        "levels. Those who are about to choose an education need greater knowledge of the labour "
        "market in Västmanland. Educational choices need to match the needs of the labour "
        "market and one's own competence to a greater extent. For individuals about to enter the "
        "labour market, we need to prioritise efforts that strengthen the individual in "
        "different ways. Here the participation of employers is important. It may be a matter "
        "of practising the language at a workplace or in a safe environment, work-based "
        "learning, apprenticeships or other efforts connected to the labour market. But it may "
        "equally be a matter of building cutting-edge competence in specific fields.",
        "For individuals who are already in work today, we need to improve the opportunities to "
        "reskill or change career, given that occupations change and new ones appear. To match "
        "and build the right competence in Västmanland in the longer term, we have drawn up four "
        "sub-goals:",
    ),
    themes=(
        "guidance",
        "needs-analysis",
        "vocational-swedish",
        "integration",
        "labour-market-entry",
        "work-based-learning",
        "reskilling",
        "lifelong-learning",
    ),
    children=(_M1, _M2, _M3, _M4),
)

_O2 = NodeSpec(
    code="O2",
    kind="development-area",
    title="Samverkan för framtidens arbetsmarknad",
    title_en="Collaboration for the labour market of the future",
    # the first paragraph is the section's tagline; the last sentence introduces its goal list
    text=_paragraphs(
        "I Västmanland matchar vi utbildning och arbetsliv utifrån regionala och lokala behov",
        "Att det finns framtagna analyser och prognoser kring kompetensbehoven i länet är "
        "viktigt för att stärka samverkan mellan länets utbildningsanordnare och arbetsgivarna. "
        "Dessa behöver samlas och spridas till berörda aktörer. För att träffa rätt med "
        "utbildningarna i länet behövs lösningar med kortare, flexibla utbildningsinsatser för "
        "att tillgodose det behov som finns nu men också kunskap om vilken kompetens som behövs "
        "för framtidens arbetsmarknad. Här behövs strukturer, nätverk och forum både lokalt och "
        "regionalt för att trygga kompetensförsörjningen i länet. De fyra delmål som stöttar "
        "samverkan för framtidens arbetsmarknad är;",
    ),
    text_en=_paragraphs(
        "In Västmanland we match education and working life to regional and local needs",
        "Having analyses and forecasts of the county's competence needs is important for "
        "strengthening collaboration between the county's education providers and employers. "
        "These need to be gathered and spread to the actors concerned. For the county's "
        "education to hit the mark, solutions with shorter, flexible education efforts are "
        "needed to meet the needs that exist now, but also knowledge of what competence the "
        "labour market of the future will need. Structures, networks and forums are needed "
        "here, both locally and regionally, to secure competence supply in the county. The four "
        "sub-goals that support collaboration for the labour market of the future are:",
    ),
    themes=(
        "needs-analysis",
        "education-employer-collaboration",
        "education-planning",
        "validation",
        "coordination",
    ),
    children=(_M5, _M6, _M7, _M8),
)

_O3 = NodeSpec(
    code="O3",
    kind="development-area",
    title="Strategisk kompetensförsörjning",
    title_en="Strategic competence supply",
    # the first paragraph is the section's tagline
    text=_paragraphs(
        "I Västmanland stärker vi arbetsgivarnas arbete med strategisk kompetensförsörjning",
        "Att arbeta aktivt och strategiskt med sin kompetensförsörjning handlar om att "
        "långsiktigt attrahera, rekrytera, behålla och utveckla rätt kompetens i organisationen. "
        "För att utveckla länets attraktivitet och för att möta framtida demografiska "
        "utmaningar behöver alla arbetsgivare arbeta aktivt för en god och hållbar arbetsmiljö. "
        "En nyckelfaktor för detta är ett gott ledarskap som främjar både hälsa, effektivitet "
        "och prestation. Med hjälp av fungerande kompetensförsörjning kan organisationen "
        "anpassa sig utifrån behov och önskat läge på ett följsamt sätt. Företag behöver ges "
        "bättre förutsättningar att identifiera kompetensbehov och genomföra insatser för att "
        "tillgodose behoven. Affärsutveckling och kompetensförsörjning behöver gå hand i hand "
        "när arbetsgivare ska digitalisera, robotisera eller ställa om till mer klimatsmarta och "
        "cirkulära affärsmodeller.",
    ),
    text_en=_paragraphs(
        "In Västmanland we strengthen employers' work on strategic competence supply",
        "Working actively and strategically with one's competence supply means attracting, "
        "recruiting, retaining and developing the right competence in the organisation over "
        "the long term. To develop the county's attractiveness and to meet future demographic "
        "challenges, all employers need to work actively for a good and sustainable working "
        "environment. A key factor in this is good leadership that promotes health, efficiency "
        "and performance alike. With functioning competence supply, the organisation can adapt "
        "smoothly to needs and to the desired situation. Companies need to be given better "
        "conditions for identifying competence needs and carrying out efforts to meet them. "
        "Business development and competence supply need to go hand in hand when employers "
        "digitalise, robotise or convert to more climate-smart and circular business models.",
    ),
    themes=(
        "employer-competence-planning",
        "needs-analysis",
        "broadened-recruitment",
        "strength-areas",
        "international-recruitment",
    ),
    children=(_M9, _M10, _M11, _M12),
)

PLAN = PlanSpec(
    region_code=REGION_CODE,
    key="kompetensplan",
    title="Kompetensplan Västmanland 2030",
    title_en="Competence Plan Västmanland 2030",
    version=1,
    period_start=2022,
    period_end=2030,
    # section 1.1 "Syftet med Kompetensplan Västmanland", its first two paragraphs
    summary=_paragraphs(
        "Kompetensplan Västmanland är ett verktyg för att stärka förutsättningar för en hållbar "
        "och inkluderande kompetensförsörjning i länet. Västmanland behöver kraftsamla och "
        "samverka för att det ska finnas tillgång till den kompetens som behövs för att skapa "
        "tillväxt i länet. Kompetensplan Västmanland 2030 är länets plan för arbetet med "
        "kompetensförsörjning och kompetensutveckling. Planen har arbetats fram tillsammans med "
        "flertalet olika aktörer i länet och beslutats av regionstyrelsen, planen gäller från "
        "2022 till 2030.",
        "Tillgången till rätt kompetens är avgörande för företagens möjligheter att växa och "
        "vara konkurrenskraftiga och för att den offentliga sektorn ska ha tillgång till den "
        "kompetens de behöver. En fungerande kompetensförsörjning är också en viktig "
        "förutsättning för att platser, orter, kommuner och regioner ska vara attraktiva för "
        "boende, företag och besökare. I sammanhanget har Region Västmanland som regionalt "
        "utvecklingsansvarig aktör tillsammans med länets aktörer en central funktion att "
        "samverka och driva på arbetet med att åstadkomma en effektiv matchning av utbud och "
        "efterfrågan av kompetens i hela länet. Syftet är att Kompetensplan Västmanland ska ange "
        "prioriteringar samt riktning för länet att gemensamt samlas kring och styra mot.",
    ),
    summary_en=_paragraphs(
        "Competence Plan Västmanland is a tool for strengthening the conditions for sustainable "
        "and inclusive competence supply in the county. Västmanland needs to join forces and "
        "collaborate so that the competence needed to create growth in the county is available. "
        "Competence Plan Västmanland 2030 is the county's plan for the work on competence supply "
        "and competence development. The plan has been drawn up together with a large number of "
        "actors in the county and adopted by the Regional Executive Board; it is valid from 2022 "
        "to 2030.",
        "Access to the right competence is crucial for companies' opportunities to grow and be "
        "competitive, and for the public sector to have access to the competence it needs. "
        "Functioning competence supply is also an important precondition for places, towns, "
        "municipalities and regions to be attractive to residents, businesses and visitors. In "
        "this context Region Västmanland, as the actor responsible for regional development, "
        "together with the county's actors, has a central role in collaborating on and driving "
        "the work of achieving an effective match between the supply of and the demand for "
        "competence throughout the county. The purpose is for Competence Plan Västmanland to set "
        "out priorities and a direction for the county to rally around and steer towards "
        "together.",
    ),
    node_kinds=(
        NodeKindSpec("development-area", "Utvecklingsområde", "Development area"),
        NodeKindSpec("goal", "Mål", "Goal"),
        NodeKindSpec("priority", "Prioritering", "Priority"),
    ),
    nodes=(_O1, _O2, _O3),
)


# --------------------------------------------------------------------------------------------
# Guiding principles (section 4.1 "Gemensamma och vägledande principer")
# --------------------------------------------------------------------------------------------

PRINCIPLES = (
    PrincipleSpec(
        region_code=REGION_CODE,
        title="Vi inspirerar till samarbete",
        title_en="We inspire collaboration",
        text="Vi är ett system av aktörer som uppmuntrar att dela med oss och arbeta "
        "tillsammans för att inspirera varandra och skapa mervärde för arbetet med "
        "kompetensförsörjning i länet.",
        text_en="We are a system of actors that encourages sharing and working together to "
        "inspire one another and create added value for the work on competence supply in the "
        "county.",
    ),
    PrincipleSpec(
        region_code=REGION_CODE,
        title="Vi länkar en helhet",
        title_en="We link a whole",
        text="Vår fördel ligger i att vara öppna, prestigelösa och länka samman oss operativt "
        "för att ge människor relevant stöd från ett helt nätverk av aktörer med olika styrkor.",
        text_en="Our advantage lies in being open and unpretentious and in linking ourselves "
        "together operationally, so as to give people relevant support from a whole network of "
        "actors with different strengths.",
    ),
    PrincipleSpec(
        region_code=REGION_CODE,
        title="Vi har ett entreprenöriellt mindset",
        title_en="We have an entrepreneurial mindset",
        text="Vi experimenterar och lär tillsammans, där tidigare resultat, utforskade problem "
        "och möjligheter är lika centrala som att vi vågar testa nytt och ta lärdom av tidigare "
        "insatser.",
        text_en="We experiment and learn together, where earlier results, explored problems and "
        "opportunities are as central as our daring to try new things and to learn from earlier "
        "efforts.",
    ),
    PrincipleSpec(
        region_code=REGION_CODE,
        title="Vi är inkluderande",
        title_en="We are inclusive",
        # no full stop in the plan (the web page, seed 003, has one)
        text="Vi inkluderar människor med ett brett spektrum av bakgrunder, åsikter, idéer och "
        "färdigheter för att det bidrar till en bättre kompetensförsörjning",
        text_en="We include people with a broad spectrum of backgrounds, opinions, ideas and "
        "skills, because this contributes to better competence supply",
    ),
    PrincipleSpec(
        region_code=REGION_CODE,
        title="Vi tar samhällsansvar",
        title_en="We take social responsibility",
        # the web page (seed 003) has "skillnad för vår tids"
        text="Vi tar oss an rollen att aktivt göra skillnad på vår tids globala utmaningar, från "
        "klimat till social sammanhållning.",
        text_en="We take on the role of actively making a difference to the global challenges of "
        "our time, from climate to social cohesion.",
    ),
)


# --------------------------------------------------------------------------------------------
# Actor kinds (section 1.3), in the plan's order
# --------------------------------------------------------------------------------------------

ACTOR_KINDS = (
    ActorKindSpec(
        region_code=REGION_CODE,
        key="education-provider",
        name="Utbildningsaktörer",
        name_en="Education providers",
        description="både inom det offentliga och privata utbildningsystemet",
        description_en="within both the public and the private education system",
    ),
    ActorKindSpec(
        region_code=REGION_CODE,
        key="employer",
        name="Arbetsgivare",
        name_en="Employers",
        description="både privata och offentliga inom länet",
        description_en="both private and public, within the county",
    ),
    ActorKindSpec(
        region_code=REGION_CODE,
        key="municipality",
        name="Kommuner",
        name_en="Municipalities",
        description="länets kommuner i form av arbetsgivare, utbildningsanordnare och ansvarig "
        "för försörjningsfrågor",
        description_en="the county's municipalities in their roles as employers, as education "
        "providers and as responsible for matters of income support",
    ),
    ActorKindSpec(
        region_code=REGION_CODE,
        key="university",
        name="Mälardalens Universitet samt Sveriges Lantbruksuniversitet med innovation och "
        "forskning",
        name_en="Mälardalen University and the Swedish University of Agricultural Sciences, "
        "with innovation and research",
    ),
    ActorKindSpec(
        region_code=REGION_CODE,
        key="employer-employee-organisation",
        name="Arbetsgivar-/arbetstagarorganisationer",
        name_en="Employers' and employees' organisations",
    ),
    ActorKindSpec(
        region_code=REGION_CODE,
        key="public-agency",
        name="Myndigheter",
        name_en="Public agencies",
        description="som till exempel Arbetsförmedlingen och Länsstyrelsen",
        description_en="such as the Swedish Public Employment Service and the County "
        "Administrative Board",
    ),
    ActorKindSpec(
        region_code=REGION_CODE,
        key="other-actor",
        # the bullet has no dash; split after the short name
        name="Övriga aktörer",
        name_en="Other actors",
        description="inom kompetensförsörjningsområdet som exempelvis Samordningsförbund och "
        "intresseorganisationer",
        description_en="in the field of competence supply, for example coordination "
        "associations (samordningsförbund) and interest organisations",
    ),
    ActorKindSpec(
        region_code=REGION_CODE,
        key="political-body",
        name="Politiker och beslutsfattare",
        name_en="Politicians and decision-makers",
    ),
)


# --------------------------------------------------------------------------------------------
# Indicators: the sub-goals of the Regional Development Strategy (RUS 2030) the plan aims at
# --------------------------------------------------------------------------------------------

INDICATORS = (
    IndicatorSpec(
        region_code=REGION_CODE,
        key="rus-17",
        name="Delmål 17",
        name_en="Sub-goal 17",
        description="Öka andelen elever som fullföljer sina studier med godkända resultat",
        description_en="Increase the proportion of pupils who complete their studies with "
        "passing grades",
        unit="%",
        prioritised=False,
    ),
    IndicatorSpec(
        region_code=REGION_CODE,
        key="rus-18",
        name="Delmål 18",
        name_en="Sub-goal 18",
        description="Öka andelen företag och organisationer som upplever att de har lätt att "
        "hitta rätt kompetens vid rekrytering",
        description_en="Increase the proportion of companies and organisations that find it "
        "easy to find the right competence when recruiting",
        unit="%",
        prioritised=True,
    ),
    IndicatorSpec(
        region_code=REGION_CODE,
        key="rus-19",
        name="Delmål 19",
        name_en="Sub-goal 19",
        description="Öka andelen sysselsatta",
        description_en="Increase the proportion of people in employment",
        unit="%",
        prioritised=False,
    ),
)

__all__ = ["ACTOR_KINDS", "INDICATORS", "PLAN", "PRINCIPLES", "REGION"]
