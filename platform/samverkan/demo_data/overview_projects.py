"""The 45 projects of the national overview, as the demo's initiatives of their counties.

Source: seed ``004_fe35523ca644aa24.txt``, Tillväxtverket, *Regionala kompetensplattformar – en
översikt av utvecklingsprojekten 2013–2017* (Info 0676). Its appendix ("Bilagor") lists every
project with its owner (*projektägare*) and web address, county by county; the body describes
many of them, grouped by their main orientation (section 2):

====================================================  =======================
the overview's group                                   theme
====================================================  =======================
2.1 Ta fram analysunderlag och kunskapsunderlag         ``needs-analysis``
2.2 Samordna aktörer på regional nivå                   ``coordination``
2.3 Vara ett stöd i utbildningsplaneringen              ``education-planning``
2.4 Övriga: Integration och jämställdhet                ``integration`` / ``gender-equality``
2.4 Övriga: Studie- och yrkesvägledning                 ``guidance``
2.4 Övriga: Validering                                  ``validation``
====================================================  =======================

How each project was transcribed:

- ``title``, ``owner`` and ``website``: the appendix, line breaks joined (the ``*`` after a title
  is not part of it: it marks the projects whose owner was to change in 2017, ``owner_changes``).
- ``passages``: the overview's own words about the project, word for word; only the PDF's
  hyphenation at line ends is undone and footnote marks are left out. A passage that starts with
  a lower-case letter continues the previous one's sentence (the PDF broke it with a footnote).
  Where the overview describes a project only in the appendix, the passages are its description
  of the project's group (``basis = "appendix"``), and the description says so.
- ``basis``: ``"named"`` when the overview's text names the project or the county has only one;
  ``"inferred"`` when the county has several and the text does not say which one it means: it is
  attached to the one whose name fits (e.g. Gotland's dialogue forums to its *Kreativ
  undersökning om näringslivets rekrytering- och kompetensbehov*); ``"appendix"`` as above.
- ``themes``: the first is the group the overview puts the project in (for ``"appendix"``
  projects: the group the name points to, the platform-strengthening projects to coordination,
  which the overview says nearly all 17 of them belong to); further themes only where the
  overview's text about the project names another of its groups (e.g. Uppsala's guidance project
  "med en tydlig inriktning på jämställdhet och integration").
- status: every project is finished. The overview says "Projekten i den här översikten avslutas
  löpande, de sista 31 oktober 2017"; it gives no project's own start or end, so the initiatives
  have none, and their one status change is dated on that last day (``FINISHED_BY``).
- funding: Tillväxtverket's national funds (the government commission 1.2.2-2013-000007), but the
  overview gives no amounts, so the initiatives carry no funding rows.
- ``partner_counties``: the one project that names several counties, Östergötland's regional
  forecast "för Västmanland, Sörmland, Örebro och Östergötland", is led by its owner's county
  (Region Östergötland, "projektägare") and linked to the other three as partner regions.
- ``target_groups`` and ``perspectives``: only where the overview names them for the project.
"""
from dataclasses import dataclass, field
from datetime import date

SEED = "004_fe35523ca644aa24.txt"
SOURCE = ("Tillväxtverket, Regionala kompetensplattformar – en översikt av utvecklingsprojekten "
          "2013–2017 (Info 0676)")
#: "Projekten i den här översikten avslutas löpande, de sista 31 oktober 2017."
FINISHED_BY = date(2017, 10, 31)

#: county slug -> (the project owner as the appendix names it, actor kind, web address)
OWNERS = {
    "norrbotten": ("Länsstyrelsen i Norrbottens län", "public-agency", "www.lansstyrelsen.se/norrbotten"),
    "stockholm": ("Länsstyrelsen i Stockholms län", "public-agency", "www.lansstyrelsen.se/stockholm"),
    "vasternorrland": ("Länsstyrelsen i Västernorrland", "public-agency", "www.lansstyrelsen.se/vasternorrland"),
    "vastmanland": ("Länsstyrelsen i Västmanland", "public-agency", "www.lansstyrelsen.se"),
    "blekinge": ("Region Blekinge", "region", "www.regionblekinge.se"),
    "dalarna": ("Region Dalarna", "region", "www.regiondalarna.se"),
    "gotland": ("Region Gotland", "region", "www.gotland.se"),
    "gavleborg": ("Region Gävleborg", "region", "www.regiongavleborg.se"),
    "halland": ("Region Halland", "region", "www.regionhalland.se"),
    "jonkoping": ("Region Jönköpings län", "region", "www.rjl.se"),
    "kronoberg": ("Region Kronoberg", "region", "www.regionkronoberg.se"),
    "skane": ("Region Skåne", "region", "www.skane.se/näringsliv"),
    "varmland": ("Region Värmland", "region", "www.regionvarmland.se"),
    "ostergotland": ("Region Östergötland", "region", "www.regionostergotland.se"),
    "kalmar": ("Regionförbundet i Kalmar län", "region", "www.rfkl.se"),
    "jamtland": ("Regionförbundet Jämtland", "region", "www.regionjh.se"),
    "sodermanland": ("Regionförbundet Sörmland", "region", "www.region.sormland.se"),
    "uppsala": ("Regionförbundet Uppsala län", "region", "www.regionuppsala.se"),
    "vasterbotten": ("Regionförbundet Västerbottens län", "region", "www.regionvasterbotten.se"),
    "orebro": ("Regionförbundet Örebro län", "region", "www.regionorebrolan.se"),
    "vastra-gotaland": ("Västra Götalandsregionen", "region", "www.vgregion.se"),
}

#: the overview's groups: theme -> (its heading, its section)
GROUPS = {
    "needs-analysis": ("Ta fram analysunderlag och kunskapsunderlag", "2.1"),
    "coordination": ("Samordna aktörer på regional nivå", "2.2"),
    "education-planning": ("Vara ett stöd i utbildningsplaneringen", "2.3"),
    "integration": ("Integration och jämställdhet", "2.4"),
    "gender-equality": ("Integration och jämställdhet", "2.4"),
    "guidance": ("Studie- och yrkesvägledning", "2.4"),
    "validation": ("Validering", "2.4"),
}


@dataclass(frozen=True)
class OverviewProject:
    county: str
    title: str
    themes: tuple
    passages: tuple
    basis: str = "named"
    partner_counties: tuple = ()
    target_groups: tuple = ()
    perspectives: tuple = field(default=())
    #: marked * in the appendix: the owner was to change in 2017, when the county council took
    #: over the regional development responsibility
    owner_changes: bool = False

    @property
    def owner(self):
        return OWNERS[self.county][0]

    @property
    def summary(self):
        """The heading of the overview's group the project belongs to."""
        return GROUPS[self.themes[0]][0]

    @property
    def description(self):
        """Markdown: the overview's passages, then where they come from."""
        paragraphs = []
        for passage in self.passages:
            if paragraphs and passage[:1].islower():
                paragraphs[-1] += " " + passage
            else:
                paragraphs.append(passage)
        heading, section = GROUPS[self.themes[0]]
        if self.basis == "appendix":
            note = (f"Projektet nämns i översiktens bilaga. Texten ovan är översiktens beskrivning av gruppen "
                    f"”{heading}” (avsnitt {section}).")
        elif self.basis == "inferred":
            note = ("Översikten säger inte vilket av länets projekt texten gäller; den är knuten till det "
                    "projekt vars namn stämmer med den.")
        else:
            note = ""
        paragraphs.append(f"*Ur {SOURCE}.{' ' + note if note else ''}*")
        return "\n\n".join(paragraphs)

    @property
    def website(self):
        return "https://" + OWNERS[self.county][2]


# --- The overview's texts of the groups, for the projects it names only in the appendix ------

ANALYSIS_GROUP = (
    "Projekten inom detta område handlar antingen om att utarbeta helt nya eller bättre metoder att ta "
    "fram analys- och kunskapsunderlag, eller om att förbättra hur man använder befintliga underlag. Det "
    "kan vara att ta fram en metod för återkommande analyser, eller en modell för att ta fram ett "
    "kunskapsunderlag.",
)
COORDINATION_GROUP = (
    "Tydligt fokus på samordning och systemorienterat arbetssätt finns i de projekt som har den mest "
    "övergripande inriktningen på kompetensförsörjningsarbetet. De är inriktade på att ta fram och arbeta "
    "med\n\n- modeller och metoder\n- handlingsplaner och strategier\n- regionala strukturer och processer "
    "för kompetensförsörjningsarbetet.",
    "Hit hör nästan alla de 17 projekt som ska förstärka strukturer och processer i det grundläggande "
    "arbetet för plattformarna. Genomgående är det en tydlig dominans av breda förankringsarbeten för att "
    "skapa en samsyn kring hur arbetet ska utvecklas.",
    "Andra resultatmål i projekten i denna grupp är att arbeta upp former för samarbetet med branscher, och "
    "att etablera forum där de olika aktörerna kan mötas. Dessutom ingår i flera projekt att beställa "
    "externa analyser inför det fortsatta arbetet.",
)
EDUCATION_PLANNING_GROUP = (
    "Kunskapsunderlag och samordning av aktörer är också en del i att stödja utbildningsplaneringen. I "
    "samordningen av aktörer är ett av de förväntade resultaten att samverkan ska ge underlag till "
    "utbildningsplaneringen.",
)

# --- Passages shared by more than one project -------------------------------------------------

UAP = (
    "Ett stort arbete sker med långsiktiga prognoser, där flera regioner samarbetar med Statistiska "
    "centralbyrån. De tre storstadsregionerna har fördjupat sitt tidigare arbete med prognoser, och gör en "
    "utbildnings- och arbetsmarknadsprognos 2025 (UAP) för vardera Västra Götaland, Skåne och Stockholm. De "
    "baseras på prognoser över tillgång och efterfrågan på utbildningsgrupper från Statistiska "
    "centralbyrån, vissa ytterligare utbildningsgrupper samt att ett urval av yrkeshögskoleutbildningar. "
    "Prognosen tar upp ett 90-tal utbildningsgrupper. Även regionala yrkesprognoser tas fram, som ger en "
    "djupare information.",
)
FIRST_KNOWLEDGE_THEN_STRUCTURES = (
    "Vissa regioner, till exempel Halland och Kalmar, valde att först ansöka om medel till att ta fram "
    "kunskapsunderlag, som ett första steg, för att sedan ansöka igen för arbetet med strukturerna för "
    "arbetet."
)
GUIDANCE_EXCHANGE = (
    "Även där utvecklas nya metoder och arbetssätt som kan spridas, och det pågår ett utbyte mellan de "
    "regioner som arbetar med detta, till exempel Västmanland, Jämtland och Västernorrland. De arbetar till "
    "exempel med huvudmannaplaner för studie- och yrkesvägledning – planer för hur kravet om "
    "arbetslivskunskap i skolan ska genomföras."
)
UPPSALA_AND_VASTMANLAND = (
    "Studie- och yrkesvägledning och arbetslivskunskap i skolan är tidiga insatser för att påverka "
    "individen. Både Uppsala och Västmanland har projekt för att skapa ett gemensamt arbete för studie- och "
    "yrkesvägledare, där det finns en tydlig inriktning på jämställdhet och integration."
)


def _strengthening(county, title, **kwargs):
    """A project to strengthen the county's platform that the overview names only in the appendix."""
    return OverviewProject(county, title, ("coordination",), COORDINATION_GROUP, basis="appendix", **kwargs)


# --- The projects, in the appendix's order ---------------------------------------------------

PROJECTS = (
    # Länsstyrelsen i Norrbottens län
    _strengthening("norrbotten", "Kompetensplattform Norrbotten"),
    OverviewProject(
        "norrbotten", "Norrbottens kompetensförsörjning - Norrkomp", ("coordination",), (
            "Kompetensförsörjningsarbetet blir mer effektivt när aktörerna är samordnade och har en gemensam "
            "syn på hur de ska samverka i det strategiska arbetet. Norrbotten har ett projekt där "
            "samordningen av strategiska aktörer är en viktig utgångspunkt. De arbetar med att fördela "
            "arbetet mellan de strategiska aktörerna och skapa ett gemensamt språk kring arbetet. De tar "
            "fram en verksamhetsplan för kompetensförsörjningsarbetet, i ett tätt samarbete mellan "
            "Länsstyrelsen, Landstinget, Arbetsförmedlingen och Kommunförbundet. Den ena målsättningen är "
            "att generellt öka samarbetet och kunskapen om kompetensförsörjning i länet. Den andra är att "
            "synliggöra hela arbetskraftspotentialen i länet.",
        ), basis="inferred", owner_changes=True),
    # Länsstyrelsen i Stockholms län
    OverviewProject("stockholm", "Utbildnings- och arbetsmarknadsprognos Stockholm 2025", ("needs-analysis",), UAP),
    _strengthening("stockholm", "Förstärkning av regional kompetensplattform i Stockholms län"),
    _strengthening("stockholm", "Kompetensplattform Sthlm"),
    # Länsstyrelsen i Västernorrland
    OverviewProject(
        "vasternorrland", "Invandring till jobb", ("integration",), (
            "Att arbeta för integration och nyanländas väg till ett arbete kräver motsvarande insatser av "
            "olika aktörer. Projektet om integration i Västernorrland har två delar. Den första delen är att "
            "kartlägga och beskriva metoder som syftar till att nyanlända snabbare ska komma i arbete. "
            "Arbetet är riktat till de som hanterar mottagandet – både offentliga, ideella organisationer "
            "och företag. Den andra delen är en vetenskaplig studie som syftar till att hitta "
            "framgångsfaktorer som förbättrar mottagandet och etableringen i Västernorrland. Faktorer som "
            "bidrar till att utrikesfödda stannar i Västernorrland. Projektet möjliggör samordning och "
            "identifiering av roller i arbetet.",
            "Endast ett av projekten är helt inriktat på integration, genom att arbeta med metoder för att få "
            "nyanlända snabbare i arbete och hur mottagandet och etableringen kan förbättras.",
        ), target_groups=("newly-arrived",), perspectives=("origin",)),
    _strengthening("vasternorrland", "KOMP2020, Förstärkning av regional kompetensplattform i Västernorrlands län",
                   owner_changes=True),
    OverviewProject(
        "vasternorrland", "Vässa - Vägledning i Samverkan Skola och Arbetsliv", ("education-planning", "guidance"), (
            "Västernorrland har ett projekt för att förbättra studie- och yrkesvägledningsprocessen och "
            "praktikprocessen. Projektet kompletterar insatser för en förbättrad regional samverkan, där "
            "också ett regionalt lärande ingår. Det kan handla om att skapa modeller som blir tillgängliga "
            "för alla samverkansaktörer, ta fram arbetssätt för handledarutbildningar och skapa nätverk för "
            "samverkan. De tar också fram huvudmannaplaner för kommuner kring studie- och "
            "yrkesvägledningen. Skolledare och studie- och yrkesvägledare i kommunerna i länet är "
            "målgruppen.",
            GUIDANCE_EXCHANGE,
        ), target_groups=("teachers", "guidance-counsellors")),
    # Länsstyrelsen i Västmanland
    OverviewProject(
        "vastmanland", "Vägledning Västmanland", ("guidance", "gender-equality", "integration"), (
            UPPSALA_AND_VASTMANLAND,
            "I Västmanland är det en vägledningsprocess och stöd till vägledaren som är fokus. De har även "
            "för avsikt att etablera en länsgemensam stödfunktion för arbetet med vägledning. Det ingår ett "
            "anpassat stöd för vägledning av nyanlända och utbildning i jämställdhet.",
            GUIDANCE_EXCHANGE,
        ), target_groups=("guidance-counsellors", "newly-arrived"), perspectives=("gender", "origin")),
    _strengthening("vastmanland", "Utveckling av kompetensplattform Västmanland", owner_changes=True),
    # Region Blekinge
    _strengthening("blekinge", "Förstärkning av regional kompetensplattform Blekinge-län"),
    _strengthening("blekinge", "Utvecklad kompetensförsörjning i Blekinge"),
    OverviewProject("blekinge", "Arbetsmodell för fler går ut gymnasieskolan", ("education-planning",),
                    EDUCATION_PLANNING_GROUP, basis="appendix"),
    # Region Dalarna
    OverviewProject(
        "dalarna", "Dala Valideringscentrum", ("validation",), (
            "Projektet i Dalarna handlar om att skapa en regional struktur för validering. De kartlägger och "
            "analyserar goda exempel inom validering och tar fram förslag genom interna processer och "
            "regionala möten. De har tagit fram indikatorer för att följa projektet och för en långsiktig "
            "utveckling av validering.",
            "För en effektiv validering har det varit viktigt i Dalarnas projekt att skapa en gemensam syn "
            "på samverkan, tydlighet i rollerna för inblandade aktörer och samarbete mellan aktörer på "
            "lokal, regional och nationell nivå. Kommunerna behöver få ordentlig kunskap om validering och "
            "god kompetens för att veta vart de ska hänvisa personer som behöver validering. En utmaning för "
            "projektet är att samordna regionens femton kommuner. Validering är också ett stort och komplext "
            "område. Därför delas ansvaret upp mellan kommunerna för specifika utbildningsområden. Några "
            "kommuner tar hand om vårdsektorn, andra fokuserar på teknik och industri eller hotell och "
            "restaurang.",
        )),
    _strengthening("dalarna", "Förstärkning av regional kompetensplattform i Dalarnas län"),
    # Region Gotland
    OverviewProject(
        "gotland", "Kreativ undersökning om näringslivets rekrytering- och kompetensbehov", ("needs-analysis",), (
            "Gotland, som är landets minsta region, har haft svårigheter att göra prognoser som är anpassade "
            "till deras arbetsmarknad. De behövde testa nya metoder och hitta bra former för att samverka "
            "med näringslivet.",
            "Projektet arbetar med fyra dialogforum, med olika målgrupper av branschföreträdare, för att få "
            "fram bättre kunskapsunderlag om kompetensförsörjningsbehovet på Gotland. De har tagit fram en "
            "detaljerad modell för hur dialogmöten ska bli så bra som möjligt, som beskriver allt från hur "
            "möteslokalen bör möbleras och hur många möten man bör ha, till sammansättningen av deltagare.",
        ), basis="inferred", target_groups=("employers",)),
    _strengthening("gotland", "Förstärkning av regional kompetensplattform i Gotlands län"),
    # Region Gävleborg: its only project, described in section 2.1
    OverviewProject(
        "gavleborg", "Förstärkning av regional kompetensplattform i Gävleborgs län",
        ("needs-analysis", "education-planning"), (
            "De här två underlagen är grund till ett utvecklingsarbete i Gävleborg. Målsättningen är att ta "
            "fram ett verktyg för att föra regionala och lokala dialoger på ett",
            "enhetligt sätt kring behovet av olika utbildningar och hur strategiskt viktiga de är. Verktyget "
            "består av en samling frågor, som kartlägger arbetsgivarnas behov av kompetens. Ett gemensamt "
            "verktyg innebär att resultaten kan aggregeras på både lokal och regional nivå.",
            "Gävleborg arbetar med att i ett första steg översätta behoven av arbetskraft till SeQF:s "
            "nivågruppering, för att tydligare kunna formulera behoven inom utbildningssystemet. I ett andra "
            "steg ska de utreda om det går att använda ramverket för att mer fördjupat beskriva "
            "kompetensbehovet, till exempel i underlag till ansökningar om yrkeshögskoleutbildningar.",
            "Utifrån resultatet tar de fram en arbetsmodell för att välja ut vilka behov som är strategiskt "
            "viktiga och är möjliga att tillgodose. Varje arbetsmarknadsområde i regionen deltar. Alla "
            "aktörer identifierar vilka områden som är strategiskt viktiga utifrån regionala prioriteringar, "
            "och som skulle kunna vara en flaskhals för regionens utveckling. En viktig utgångspunkt är att "
            "underlaget och dialogerna ska svara på inom vilka områden det finns möjlighet att söka en "
            "yrkeshögskoleutbildning. De är viktiga för kompetensförsörjningen i regionen, och ett "
            "förbättringsarbete med underlagen om behoven är prioriterat, för att fler YH-utbildningar ska "
            "bli beviljade.",
        ), target_groups=("employers",)),
    # Region Halland: first a knowledge base, then the structures (section 3)
    OverviewProject("halland", "Kompetensråd Halland", ("needs-analysis",),
                    (FIRST_KNOWLEDGE_THEN_STRUCTURES, *ANALYSIS_GROUP), basis="inferred"),
    OverviewProject("halland", "Förstärkning av regional kompetensplattform i Hallands län", ("coordination",),
                    (FIRST_KNOWLEDGE_THEN_STRUCTURES, *COORDINATION_GROUP), basis="inferred"),
    # Region Jönköpings län
    OverviewProject(
        "jonkoping", "LYHS - Långtgående YH-samverkan", ("education-planning",), (
            "I Jönköping ses yrkeshögskoleutbildningar (YH-utbildningar) som en viktig källa till "
            "kompetensförsörjning. I arbetet med kompetensplattformsuppdraget hade Småland och Blekinge "
            "samarbetat i sex år i form av ett nätverk för yrkeshögskoleanordnare. YH-anordnarna hade "
            "uttryckt ett större behov av samordning av YH-frågor än vad som varit möjligt. Projektet tar "
            "därför fram en modell för en stärkt YH-samverkan. Det långsiktiga målet med projektet är att "
            "tillgodose behoven av kompetens mer effektivt genom den struktur som projektet ska ta fram.",
            "Ett projekt i Jönköping är inriktat på YH-anordnarna och deras samverkan. Projektet stödjer "
            "utbildningsplaneringen genom att samordna aktörerna och öka dialogen, så att de kan lära sig av "
            "varandra, vilket gör att risken för dubbelarbete minskar. Ett exempel är att göra insatser "
            "samtidigt till studie- och yrkesvägledare och studenter. En målsättning med projektet är också "
            "att ge bättre förutsättningar för de YH-ansökningar som skickas in, till exempel genom att inte "
            "flera närliggande anordnare konkurrerar om samma utbildning, eller genom att",
            "bidra i att ta fram bättre underlag.",
            "En viktig del för YH-utbildningarna är dessutom praktiken – lärande i arbetslivet. Projektet "
            "arbetar med hur YH-anordnarna kan stödja företagens handledare och studenterna med hur lärande i "
            "arbetslivet ska gå till.",
        ), target_groups=("students",)),
    _strengthening("jonkoping", "Förstärkning av regional kompetensplattform i Jönköpings län"),
    # Region Kronoberg
    OverviewProject(
        "kronoberg", "Kompetensförsörjningsstrategi södra Småland", ("gender-equality", "coordination"), (
            "I Kronobergs projekt är syftet att möta de utmaningar regionen står inför och samla arbetet för "
            "en hållbar kompetens- och arbetskraftsförsörjning, där alla människors resurser och kompetenser "
            "tas tillvara. Projektet har en tydlig inriktning på jämställdhetsarbete. Att ta fram en "
            "kompetensförsörjningsstrategi är en förutsättning för att lyckas. Till strategin knyts "
            "handlingsplaner som tydliggör olika aktörers ansvar, kopplat till de övergripande målen och "
            "visionerna. Projektet har också en ytterligare del där man ska öka intresset för "
            "naturvetenskap, matematik och teknik bland ungdomar med hjälp av astronautbesök, kallat Mot nya "
            "höjder.",
        ), target_groups=("young-people",), perspectives=("gender",)),
    _strengthening("kronoberg", "Förstärkning av regional kompetensplattform i Kronobergs län"),
    # Region Skåne
    _strengthening("skane", "Kompetensförsörjning Skåne"),
    OverviewProject("skane", "Utbildnings- och arbetsmarknadsprognos för Skåne med sikte på 2025",
                    ("needs-analysis",), UAP),
    OverviewProject(
        "skane", "Competence Evolution", ("needs-analysis", "education-planning"), (
            "Region Skåne har ett projekt fokuserat på lärande mellan organisationer och företag. Målet med "
            "projektet är att ta fram en digital plattform som ska underlätta ett lärande mellan "
            "organisationer, utifrån de behov och möjligheter digitaliseringen innebär. Plattformen ska ge "
            "möjlighet att dela så kallad tyst kunskap inom organisationer. Metoder för fysiska utbildningar "
            "från plattformen kommer att testas av deltagande företag.",
            "Skåne har ett projekt som ger ett stöd för utbildning, men inte så mycket för planeringen som "
            "för att faktiskt stödja lärandet. Projektet är inriktat på företagens behov av lättillgänglig "
            "kunskap.",
        ), basis="inferred", target_groups=("employers", "employees")),
    # Region Värmland
    _strengthening("varmland", "Kompetensplattform Värmland"),
    OverviewProject(
        "varmland", "Förstärkning av regional kompetensplattform i Värmlands län, Kompetensplattform Värmland 2",
        ("coordination",), (
            "Värmlands projekt syftar till att skapa en hållbar regional struktur med fungerande "
            "branscharenor inom hälsa, vård och omsorg, utbildning, teknik och bygg. Projektet tar fram "
            "indikatorer, analyser och kunskapsunderlag för att driva arbetsprocesserna i branscharenorna. "
            "Vård- och omsorgsarenan diskuterar bland annat gemensam introduktion i yrkena och "
            "anställningsgaranti för utbildade. Tanken är att arenorna ska ägas och drivas av arbetsgivarna.",
        ), basis="inferred", target_groups=("employers",)),
    # Region Östergötland
    OverviewProject(
        "ostergotland", "Förstärkning av regional kompetensplattform i Östergötlands län", ("coordination",), (
            "Projektet för en smart specialiseringsarena i Östergötland är en ansats kring branscharenor som "
            "har vuxit fram i Östergötland. Kompetensförsörjningsområdet har tydlig koppling till den "
            "strategi som tagits fram för Östergötland kring smart specialisering.",
            "Östergötlands profilområde, smart hållbar tillväxt, har tre områden för kompetensanalys:\n\n"
            "- visualisering och simulering\n- smarta robusta uppkopplade system och produkter\n"
            "- hållbara tjänste- och varuflöden.",
            "Projektet ska skapa regional samsyn, lärande, kunskap och översikt av insatser och aktörer. "
            "Tanken är att få till en arena där företag från olika branscher samlas och diskuterar "
            "gemensamma utmaningar, där digitaliseringen driver på utvecklingen och kan skapa nya "
            "möjligheter och nya behov av kompetens. Arenan skapar incitament för produktutveckling, ökad "
            "konkurrenskraft och nya marknader. Den lyfter fram nya utmaningar inom "
            "kompetensförsörjningsområdet och behov av nya utbildningar.",
        ), basis="inferred", target_groups=("employers",)),
    _strengthening("ostergotland", "Kompetensplattformen Östergötland"),
    OverviewProject(
        "ostergotland",
        "Regional utbildnings- och arbetsmarknadsprognos för Västmanland, Sörmland, Örebro och Östergötland",
        ("needs-analysis",), (
            "UAP-projekten kan ses som en helt egen grupp av likvärdiga projekt för att utveckla analyser och "
            "kunskapsunderlag. Innan ansökningsomgångarna hade stängt fick dessa projekt spridning. Det var de "
            "tre storstadsregionerna som först påbörjade arbetet, som därefter fick ytterligare deltagare i "
            "utvecklingsarbetet med Statistiska centralbyrån om delregionala prognoser. Region Östergötland "
            "är projektägare, och projektet innebär att gemensamt utveckla utbildnings- och "
            "arbetsmarknadsprognoser för och med Västmanland, Södermanland, Örebro län och Östergötland. För "
            "att lyfta kompetensförsörjningen som en storregional fråga för Östra Mellansverige arbetar "
            "projektet även med dialoger mellan länen och en gemensam utbildnings- och "
            "arbetsmarknadsprognos. Där det är möjligt, tar projektet fram delregionala prognoser för "
            "respektive län.",
            "Spridningen av arbetet med utbildnings- och arbetsmarknadsprognoser fram till 2025 är ett "
            "exempel där spridningsarbetet redan är i gång i form av att Östergötland, Västmanland, Sörmland "
            "och Örebro län arbetar med länsgemensam prognos.",
        ), partner_counties=("vastmanland", "sodermanland", "orebro")),
    # Regionförbundet i Kalmar län: first the OECD analysis, then the structures (section 3)
    OverviewProject(
        "kalmar", "Kompetensmatchning för tillväxt i Kalmar län", ("needs-analysis", "validation", "guidance"), (
            "Några har valt att ta hjälp av externa konsulter, som analyserar förutsättningarna i regionen, "
            "för att se var arbetet behöver förstärkas. Ett exempel är regionförbundet i Kalmar län, som "
            "anlitar OECD för att analysera förutsättningarna för arbetskraftsförsörjningen i länet. De "
            "använder sedan materialet för att engagera och informera kring arbetet med att skapa en "
            "struktur för samverkan och samförstånd kring kompetensförsörjning i länet.",
            FIRST_KNOWLEDGE_THEN_STRUCTURES,
            "I Kalmars första projekt skulle samverkan påbörjas för validering, matchning och vägledning, "
            "utöver framtagandet av OECD-rapporten.",
        ), basis="inferred"),
    OverviewProject(
        "kalmar", "Förstärkning av regional kompetensplattform i Kalmar län", ("coordination", "validation"), (
            FIRST_KNOWLEDGE_THEN_STRUCTURES,
            "I det andra projektet ska strukturerna förtydligas i en handlingsplan, men det är också ett "
            "fortsatt fokus på att utveckla valideringsarbetet.",
        ), basis="inferred"),
    # Regionförbundet Jämtland: its only project
    OverviewProject(
        "jamtland", "Kompetensplattformen Jämtland Härjedalen", ("education-planning", "guidance"), (
            "Även Jämtland Härjedalens projekt fokuserar på huvudmannaplaner för studie- och yrkesvägledning "
            "och arbetsmarknadskunskap i skolan. Det projektet har flera delar. Att förbättra attityden till "
            "högre utbildning, skapa ett enhetligt arbetssätt för lärcentrum i regionen och stödja "
            "MOOC-utbildning är andra viktiga delar.",
            "Även Jämtlands arbete med att stödja MOOC-utbildning är ett exempel på att behovet av ny "
            "kunskap behöver mötas på flera olika sätt.",
            GUIDANCE_EXCHANGE,
        ), target_groups=("teachers", "guidance-counsellors")),
    # Regionförbundet Sörmland
    OverviewProject(
        "sodermanland", "Attraktiv arbetsgivare vård och omsorg", ("gender-equality",), (
            "Ett projekt som tar sig an könssegregeringen är projektet i Södermanland – attraktivitet inom "
            "vård och omsorg. Projektet ska förbättra attraktiviteten för arbetsmarknaden inom vård och "
            "omsorg i länet. Målet är att ta fram ett stöd för att skapa attraktiva arbetsgivare, främst de "
            "offentliga vårdarbetsgivarna. Projektet har analyserat fyra områden kring varumärke, ny teknik "
            "i arbetet, karriärmöjligheter och hur man stärker attraktiviteten och möjligheterna att "
            "rekrytera. Projektet håller informationsträffar och andra kunskapshöjande aktiviteter. De har "
            "tagit fram en handlingsplan för det fortsatta arbetet och har en länsövergripande "
            "överenskommelse om fortsatt regional samordning. Varje delområde ska lägga fram en strategi, "
            "metod och modell som leder arbetet vidare.",
        ), target_groups=("employers",), perspectives=("gender",)),
    _strengthening("sodermanland", "Förstärkning av regional kompetensplattform i Södermanlands län"),
    # Regionförbundet Uppsala län: its only project
    OverviewProject(
        "uppsala", "Utveckling av Kompetensplattform Uppsala län", ("guidance", "gender-equality", "integration"), (
            UPPSALA_AND_VASTMANLAND,
            "I Uppsala är studie- och yrkesvägledarna också målgrupp, och stort fokus läggs på att öka "
            "kunskapen om arbetsmarknadens funktion och efterfrågan. Minst lika stort fokus har de framtida "
            "arbetsgivarna via branschorganisationerna samt teknikcollege, fastighetsforum och vård- och "
            "omsorgscollege. Uppsala hade sedan tidigare en struktur för samverkan mellan "
            "utbildningsanordnare och branscher som projektet bygger vidare på. Projektet stödjer "
            "framtagandet av en plan för breddad rekrytering, för att uppnå jämnare fördelning av män och "
            "kvinnor där det ena könet är underrepresenterat i branschen. Arbetsmiljöerna inom "
            "teknikcollege, fastighetsforum och vård- och omsorgscollege ska ha en genusgenomgång.",
            "Uppsala har flera insatser för branschorganisationerna med utbildning i jämställdhet och genus, "
            "samt ett arbete med konkreta åtgärder för att bryta en könssegregerad arbetsmarknad.",
        ), target_groups=("guidance-counsellors", "employers"), perspectives=("gender", "origin")),
    # Regionförbundet Västerbottens län
    OverviewProject(
        "vasterbotten", "Modell för branschsamverkan", ("coordination",), (
            "Västerbottens projekt syftar till att skapa en förbättrad dialog och gemensam kunskap om "
            "kompetensförsörjningsbehoven i länet, mellan olika aktörer inom fältet för "
            "kompetensförsörjning. Projektet arbetar med indikatorer och med branschforum och branscharenor. "
            "Indikatorpaket används för att beskriva lokaliseringskvot, dvs. tillgången på kompetens. En "
            "målsättning är att ta fram bra kunskapsunderlag, och att etablera branscharenor där branscher "
            "och utbildningsanordnare möts, så att utbudet av utbildningar kommer att bygga mer på "
            "arbetsmarknadens behov. Kunskapsunderlag efterfrågas, och hjälper till att skapa samsyn kring "
            "läget och hur samverkan bör se ut framåt. Det gemensamma ämnet är ett näringsliv i omvandling, "
            "där en drivkraft kan vara digitalisering. Det är en stor utmaning att få branschforum att "
            "fungera långsiktigt, och att hålla ihop arbetet. Därför prioriteras kommunikationsinsatser i "
            "projektet, där behoven av kartläggningar och nya studier är en viktig del.",
        ), basis="inferred", target_groups=("employers",)),
    _strengthening("vasterbotten",
                   "Förstärkning av regional kompetensplattform i Västerbottens län (\"YH-nätverk Västerbotten\")"),
    # Regionförbundet Örebro län: its only project
    OverviewProject(
        "orebro", "Kompetensplattform Region Örebro", ("coordination",), (
            "Flera projekt tar fram en handlingsplan för kompetensarbetet. Örebro är ett exempel där en "
            "handlingsplan för kompetensförsörjning fanns när projektet började. De riktar nu in sig på att "
            "arbeta fram metoder och arbetssätt för att åtagandena i handlingsplanen ska bli verklighet. "
            "Örebro använder 4-P-metoden som verktyg för att alla åtgärder i handlingsplanen ska genomsyras "
            "av perspektiv på kön, ålder och etnicitet",
            "För att identifiera aktörer i arbetet använder Örebro samverkanstrappan, se nedan, som metod för "
            "att definiera vad som ska göras, vilka som ska bidra och hur samhandlingen ska gå till, i "
            "åtgärderna i deras handlingsplan. De har utsett processledare och kontaktpersoner, men ansvaret "
            "att driva på och utveckla åtgärderna delas med övriga aktörer som är aktiva inom åtgärden. "
            "Detta är två av fler olika modeller som Örebro arbetar med.",
        ), perspectives=("gender", "age", "origin")),
    # Västra Götalandsregionen
    OverviewProject(
        "vastra-gotaland", "Förstärkning av Kompetensplattform Västra Götaland", ("guidance",), (
            "Studie- och yrkesvägledningsplattformen SYV online",
            "i Västra Götaland har tre huvuddelar:\n\n- databas med metoder och fakta\n"
            "- REKAS-verktyg (utbildningsstatistik)\n- samordning av vägledningen.",
            "Processen för att samordna vägledningen går genom kommunförbunden, som har en kontaktperson i "
            "varje regiondel. Projektet har också upprättat kommunala vägledningsplaner.",
            "I SYV online kan vägledarna ta del av omvärldsbevakning, metoder och statistik via REKAS. "
            "Databasen fylls bland annat med antagningsstatistik för utbildningar (REKAS) och kan matchas mot "
            "arbetsförmedlingens prognoser. En kompletterande del till SYV online är praktikplatsen.se där "
            "praktikplatser kan läggas ut.",
            "SYV online från Västra Götaland är ett bra exempel. Det är en digital plattform som kan användas "
            "av studie- och yrkesvägledare i hela landet.",
        ), basis="inferred", target_groups=("guidance-counsellors",)),
    OverviewProject("vastra-gotaland", "Utbildnings- och arbetsmarknadsprognos för Västra Götaland med sikte på 2025",
                    ("needs-analysis",), UAP),
    OverviewProject("vastra-gotaland",
                    "Strukturomvandlingen och automatiseringens effekter på regionala arbetsmarknader",
                    ("needs-analysis",), ANALYSIS_GROUP, basis="appendix"),
    OverviewProject(
        "vastra-gotaland", "Förstärkning av regional kompetensplattform i Västra Götaland", ("needs-analysis",), (
            "Statistik och kvantitativa data ger en bild av ett kompetensbehov. I Västra Götaland har ett "
            "delprojekt handlat om att komplettera statistik med mer kvalitativ, djupgående kunskap om "
            "kompetensbehov i en bransch. Arbetet handlade om att ta fram en allmän modell för branschvisa "
            "kompetenskartläggningar. Underlag är näringslivsdata från Vinnova, kompletterat med data från "
            "SCB. Det blir den kvantitativa sammanställningen av kompetenser inom en vald bransch. Den "
            "kompletteras med kvalitativt underlag i form av intervjuer med olika aktörer, för att skapa en "
            "ny form av kompetenskartläggning. Modellen är testad på ett Life science-kluster i Västra "
            "Götaland. Life science är utpekat som ett av fyra styrkeområden i Västra Götaland.",
        ), basis="inferred"),
)
