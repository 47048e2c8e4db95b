"""Initiatives of Västmanland and Västernorrland for the demo, with their progress logs.

Invented, but of the kinds the two plans call for, run by the demo's actors and people
(:mod:`samverkan.demo`), linked to real nodes of the plugins' plans (codes of
``plugins/vastmanland`` and ``plugins/vasternorrland``). Days are counted from the day the demo is
loaded (negative: before), so a fresh demo always has finished, running and planned work, reports
that came in and reports that are overdue. Telephone numbers are from the series the Swedish Post
and Telecom Authority keeps for fiction (070-174 06 xx).
"""
from dataclasses import dataclass

from ..roles import PROJECT_LEAD, REGION_ADMIN


@dataclass(frozen=True)
class Entry:
    """A progress report ``days`` from today."""

    days: int
    author: str
    happened: str
    next_steps: str = ""


@dataclass(frozen=True)
class RegionalInitiative:
    title: str
    #: the lead region's slug
    region: str
    #: actor names of :data:`samverkan.demo.ACTORS`
    owner: str
    partners: tuple
    #: the demo person (e-mail local part) who registered it; also its contact person
    lead: str
    summary: str
    description: str
    #: plan node codes in the lead and partner regions' current plans
    nodes: tuple
    #: (status, days from today): its first status, then each change
    history: tuple
    starts: int | None
    ends: int | None
    target_groups: tuple
    perspectives: tuple
    #: source -> kronor
    funding: dict
    entries: tuple
    phone: str = ""
    partner_regions: tuple = ()
    #: themes besides those of its plan nodes
    themes: tuple = ()
    #: network names
    networks: tuple = ()
    draft: bool = False
    results: str = ""
    lessons_learned: str = ""
    #: the network whose forum's meeting actions it carries out (they name it once loaded)
    serves_actions_of: str | None = None

    @property
    def status(self):
        return self.history[-1][0]

    @property
    def budget(self):
        return sum(self.funding.values()) or None


INITIATIVES = (
    # --- Västmanland ----------------------------------------------------------------------------
    RegionalInitiative(
        title="Valideringslyftet Västmanland",
        region="vastmanland",
        owner="Valideringscentrum Mellansverige",
        partners=("Västerås stad", "Köpings kommun", "Arbetsförmedlingen Västmanland", "Västerås Folkhögskola"),
        lead="karin.wallin",
        summary="En länsgemensam väg till validering inom vård och omsorg, industri och bygg. Den som har "
                "kunnande från arbetslivet eller från ett annat land får det bedömt och dokumenterat, och en "
                "plan för det som saknas.",
        description=(
            "## Bakgrund\n\n"
            "Många i Västmanland har yrkeskunnande som inte syns i ett betyg eller ett intyg. Arbetsgivarna "
            "inom vård och omsorg, industri och bygg har svårt att rekrytera, samtidigt som personer med "
            "erfarenhet läser om sådant de redan kan.\n\n"
            "## Vad vi gör\n\n"
            "- En gemensam ingång till validering för länets kommuner och Arbetsförmedlingen\n"
            "- Branschvalidering enligt branschernas egna modeller (undersköterska, CNC-operatör, "
            "anläggningsarbetare)\n"
            "- Kartläggning på modersmål för nyanlända, med tolk vid behov\n"
            "- Kompletterande utbildning på Komvux och folkhögskola för det som saknas\n\n"
            "## Mål\n\n"
            "300 personer validerade under projekttiden, minst hälften av dem i arbete eller studier sex "
            "månader efter valideringen. Arbetssättet ska leva kvar i kommunernas vuxenutbildning när "
            "projektet slutar."
        ),
        nodes=("M8", "M8.1", "M8.3"),
        networks=("Valideringsnätverket Västmanland–Västernorrland",),
        history=(("planned", -540), ("running", -420)),
        starts=-420, ends=310,
        target_groups=("unemployed", "newly-arrived", "employees", "adult-learners"),
        perspectives=("gender", "origin"),
        funding={"esf": 2_400_000, "regional": 650_000, "own": 350_000},
        phone="070-174 06 11",
        results="Efter första året: 142 personer har genomgått kartläggning, 96 har fått ett intyg eller "
                "branschcertifikat och 61 av dem har fått arbete eller börjat studera.",
        lessons_learned=(
            "- Börja med arbetsgivarna: utan en bransch som står bakom bedömningen blir intyget svårt att "
            "använda.\n"
            "- En gemensam ingång för alla kommuner var viktigare än en gemensam metod; metoderna skiljer "
            "sig mellan branscherna.\n"
            "- Kartläggning på modersmål kortade tiden till validering med ungefär en månad.\n"
            "- Avsätt tid för handledarna på arbetsplatserna, annars stannar den praktiska bedömningen upp."
        ),
        entries=(
            Entry(-380, "karin.wallin",
                  "Styrgruppen med kommunerna, Arbetsförmedlingen och folkhögskolan är på plats. Avtal om "
                  "branschvalidering tecknade med Vård- och omsorgscollege och Industrins yrkesbevis.",
                  "Öppna den gemensamma ingången för anmälan och utbilda handläggarna i kommunerna."),
            Entry(-200, "karin.wallin",
                  "Den gemensamma ingången är öppen sedan i våras. 58 personer har kartlagts, 31 har "
                  "genomfört validering inom vård och omsorg. Köping och Västerås remitterar flest.",
                  "Starta validering inom bygg tillsammans med Byggbranschens yrkesnämnd."),
            Entry(-95, "karin.wallin",
                  "Första omgången inom bygg klar med 12 deltagare. Kartläggning på modersmål prövad på "
                  "arabiska, somaliska och tigrinja.",
                  "Ta fram ett gemensamt intyg som alla kommuners vuxenutbildning godtar."),
            Entry(-20, "karin.wallin",
                  "142 kartlagda och 96 validerade sedan start. Erfarenheterna presenterade för "
                  "Västernorrlands kompetensråd, som vill pröva samma ingång.",
                  "Skriva in arbetssättet i kommunernas ordinarie vuxenutbildning inför nästa år."),
        ),
    ),
    RegionalInitiative(
        title="Yrkessvenska inom vård och omsorg",
        region="vastmanland",
        owner="Västerås stad",
        partners=("Västerås Folkhögskola", "Region Västmanland"),
        lead="erik.holm",
        summary="Svenska och vårdutbildning i samma kurs, med praktik på äldreboenden i Västerås, för "
                "utrikesfödda som vill bli undersköterskor.",
        description=(
            "Kursen varvar svenska för invandrare med vård- och omsorgsutbildning på gymnasial nivå. "
            "Språkläraren och vårdläraren planerar tillsammans, och en tredjedel av tiden är praktik på "
            "stadens äldreboenden med språkombud som handledare.\n\n"
            "Deltagarna anvisas av Arbetsförmedlingen och stadens arbetsmarknadsenhet."
        ),
        nodes=("M2", "M2.1", "M2.2"),
        history=(("running", -500),),
        starts=-500, ends=250,
        target_groups=("newly-arrived", "adult-learners", "unemployed"),
        perspectives=("origin", "gender"),
        funding={"regional": 900_000, "own": 400_000},
        phone="070-174 06 12",
        entries=(
            Entry(-470, "erik.holm",
                  "Första gruppen med 18 deltagare har börjat. Sex språkombud på tre äldreboenden utbildade.",
                  "Följa upp närvaron efter första månaden."),
            # nothing since: the two last half-years' reports are missing (overdue)
            Entry(-420, "erik.holm",
                  "15 av 18 deltagare går kvar. Praktiken fungerar bäst där språkombudet har avsatt tid.",
                  "Ta in en andra grupp och låta folkhögskolan ansvara för kvällsundervisningen."),
        ),
    ),
    RegionalInitiative(
        title="Länsgemensam kartläggning av kompetensbehov",
        region="vastmanland",
        owner="Region Västmanland",
        partners=("Mälardalens universitet", "Arbetsförmedlingen Västmanland", "Företagarna Västmanland"),
        lead="anna.lind",
        summary="En återkommande kartläggning av arbetsgivarnas kompetensbehov i länet, på kort och lång "
                "sikt och per kvalifikationsnivå, som alla aktörer kan använda.",
        description=(
            "Region Västmanland samlar arbetsgivarnas bedömningar i en enkät och i dialogmöten per bransch, "
            "och lägger ihop dem med Arbetsförmedlingens prognoser och SCB:s statistik. Resultatet redovisas "
            "per yrkesgrupp, nivå i SeQF och tidshorisont (1–3 år och 4–10 år).\n\n"
            "Kartläggningen görs varje år och presenteras för kompetensrådet och kommunernas "
            "utbildningsplanerare."
        ),
        nodes=("M5", "M5.1", "M5.2", "M9.2"),
        networks=("Västmanlands kompetensråd",),
        history=(("planned", -720), ("running", -650), ("finished", -60)),
        starts=-650, ends=-60,
        target_groups=("employers",),
        perspectives=(),
        funding={"regional": 800_000, "national": 400_000},
        phone="070-174 06 13",
        results="Två årliga kartläggningar publicerade, med svar från 412 arbetsgivare det andra året. "
                "Underlaget har använts i fyra ansökningar om yrkeshögskoleutbildningar och i kommunernas "
                "planering av Komvux yrkesutbildning.",
        lessons_learned=(
            "Dialogmötena per bransch gav mer än enkäten: där kom behoven fram som arbetsgivarna inte "
            "hade ord för i ett formulär. Låt Arbetsförmedlingen och Företagarna bjuda in, så kommer de "
            "små företagen. Redovisa per kvalifikationsnivå från början, det är den uppdelningen "
            "utbildningsanordnarna frågar efter."
        ),
        serves_actions_of="Västmanlands kompetensråd",
        entries=(
            Entry(-600, "anna.lind",
                  "Enkäten utformad tillsammans med Mälardalens universitet och skickad till 1 800 "
                  "arbetsgivare.",
                  "Dialogmöten med vård och omsorg, industri och handel."),
            Entry(-400, "anna.lind",
                  "Första kartläggningen publicerad och presenterad för kompetensrådet. Svarsfrekvensen "
                  "var låg bland företag med färre än tio anställda.",
                  "Låta Företagarna bjuda in till dialogmöten för småföretag."),
            Entry(-200, "anna.lind",
                  "Andra omgången: 412 svar, varav 160 från småföretag. Resultatet redovisat per "
                  "SeQF-nivå för första gången.",
                  "Slutrapport och överlämning till regionens analysenhet."),
            Entry(-70, "anna.lind",
                  "Slutrapporten är klar. Kartläggningen fortsätter som en del av Region Västmanlands "
                  "ordinarie analysarbete.",
                  ""),
        ),
    ),
    RegionalInitiative(
        title="Handledarutbildning för arbetsplatsförlagt lärande",
        region="vastmanland",
        owner="Företagarna Västmanland",
        partners=("Köpings kommun", "Västerås Folkhögskola", "Valideringscentrum Mellansverige"),
        lead="karin.wallin",
        summary="En kort handledarutbildning för små företag som tar emot praktikanter, lärlingar och "
                "personer som valideras på arbetsplatsen.",
        description=(
            "Tre halvdagar om att introducera, handleda och bedöma på arbetsplatsen, med uppgifter mellan "
            "träffarna. Utbildningen ges i Köping och Västerås och på distans.\n\n"
            "*Utkast: budgeten och upplägget stäms av med Företagarna innan initiativet publiceras.*"
        ),
        nodes=("M11.2", "M3.1"),
        draft=True,
        history=(("idea", -40), ("planned", -10)),
        starts=45, ends=410,
        target_groups=("employers", "employees"),
        perspectives=("gender", "age"),
        funding={"own": 150_000, "regional": 250_000},
        phone="070-174 06 14",
        entries=(
            Entry(-30, "karin.wallin",
                  "Behovet bekräftat i samtal med tolv företag i Köping och Västerås.",
                  "Skissa upplägget med folkhögskolan."),
            Entry(-8, "karin.wallin",
                  "Upplägg med tre halvdagar klart. Ansökan om regionala medel skickad.",
                  "Besked om medlen väntas inom en månad."),
        ),
    ),
    # --- Västernorrland -------------------------------------------------------------------------
    RegionalInitiative(
        title="Gemensam valideringsstruktur Västernorrland–Västmanland",
        region="vasternorrland",
        partner_regions=("vastmanland",),
        owner="Valideringscentrum Mellansverige",
        partners=("Mittuniversitetet", "Sundsvalls kommun", "Örnsköldsviks kommun",
                  "Arbetsförmedlingen Västernorrland"),
        lead="karin.wallin",
        summary="Västernorrland bygger en regional struktur för validering och tar efter Västmanlands "
                "gemensamma ingång; länen utvecklar ett gemensamt intyg och delar bedömare.",
        description=(
            "Västernorrlands plan pekar ut effektiv regional validering som en inriktning, och "
            "Västmanlands plan en etablerad regional struktur för validering som ett mål. Initiativet "
            "låter länen göra jobbet en gång:\n\n"
            "- en gemensam ingång i Västernorrlands sju kommuner, efter Västmanlands modell\n"
            "- ett gemensamt intyg som båda länens vuxenutbildningar och arbetsgivare godtar\n"
            "- en pool av branschbedömare som arbetar i båda länen, på plats och på distans\n\n"
            "Valideringsnätverket Västmanland–Västernorrland följer arbetet."
        ),
        nodes=("F3.3", "M8.3"),
        themes=("validation",),
        networks=("Valideringsnätverket Västmanland–Västernorrland",),
        history=(("planned", -260), ("running", -200)),
        starts=-200, ends=530,
        target_groups=("unemployed", "newly-arrived", "employees"),
        perspectives=("origin",),
        funding={"esf": 3_100_000, "regional": 500_000},
        phone="070-174 06 15",
        serves_actions_of="Valideringsnätverket Västmanland–Västernorrland",
        entries=(
            Entry(-180, "karin.wallin",
                  "Kommunerna i Västernorrland har utsett kontaktpersoner. Studiebesök i Västerås för att se "
                  "hur den gemensamma ingången fungerar.",
                  "Beslut om vilka branscher som ska ingå först."),
            Entry(-90, "karin.wallin",
                  "Vård och omsorg samt industri valda. Mittuniversitetet utbildar de första tio "
                  "branschbedömarna.",
                  "Utkast till gemensamt intyg till båda länens vuxenutbildningar på remiss."),
            Entry(-14, "karin.wallin",
                  "Ingången är öppen i Sundsvall och Örnsköldsvik; 23 personer kartlagda. Intyget är "
                  "godkänt av vuxenutbildningarna i båda länen.",
                  "Öppna ingången i Härnösand, Kramfors och Sollefteå."),
        ),
    ),
    RegionalInitiative(
        title="Lärcentra och distansutbildning i hela länet",
        region="vasternorrland",
        owner="Mittuniversitetet",
        partners=("Örnsköldsviks kommun", "Sundsvalls kommun", "Region Västernorrland"),
        lead="fatima.haddad",
        summary="Kommunernas lärcentra och Mittuniversitetet gör högskolekurser och yrkesutbildning "
                "tillgängliga på distans, med studieplats, handledning och tentamen nära hemmet.",
        description=(
            "Den som bor i Sollefteå eller Ånge ska kunna läsa en kurs utan att flytta. Mittuniversitetet "
            "ger kurser på distans och lärcentra i kommunerna erbjuder studieplats, teknik, studiestöd och "
            "tentamen på orten.\n\n"
            "Initiativet prövar också korta kurser för yrkesverksamma inom vård, skola och industri, som "
            "går att läsa på halvfart vid sidan av arbetet."
        ),
        nodes=("F1.1", "F1.3"),
        history=(("running", -500),),
        starts=-500, ends=200,
        target_groups=("adult-learners", "employees", "students"),
        perspectives=("gender", "age"),
        funding={"eruf": 4_200_000, "regional": 1_000_000, "own": 800_000},
        phone="070-174 06 16",
        results="Sju lärcentra har gemensamt arbetssätt; 640 studenter har skrivit tentamen på sin hemort.",
        lessons_learned=(
            "Studieplatsen räcker inte: det som håller kvar studenterna är en studievägledare på plats och "
            "en grupp att läsa med. Boka lokaler för tentamen centralt, inte per kurs. Korta kurser för "
            "yrkesverksamma behöver arbetsgivarens stöd i schemat, annars hoppar hälften av."
        ),
        entries=(
            Entry(-470, "fatima.haddad",
                  "Avtal med sju kommuner om gemensamt arbetssätt för lärcentra. Tentamensrutin klar.",
                  "Första distanskurserna startar till hösten."),
            Entry(-320, "fatima.haddad",
                  "210 studenter har skrivit tentamen på sitt lärcentrum. Studievägledning på plats en dag "
                  "i veckan i Sollefteå och Kramfors.",
                  "Pröva korta kurser för yrkesverksamma i vården."),
            Entry(-200, "fatima.haddad",
                  "Första korta kursen för undersköterskor genomförd; 34 av 50 fullföljde.",
                  "Ta fram en modell för arbetsgivarnas stöd i schemaläggningen."),
            Entry(-45, "fatima.haddad",
                  "640 tentamina på hemorten sedan start. Region Västernorrland tar över samordningen av "
                  "lärcentra när projektet slutar.",
                  "Slutrapport och spridning till kompetensrådet."),
        ),
    ),
    RegionalInitiative(
        title="Studie- och yrkesvägledning för vuxna i länets kommuner",
        region="vasternorrland",
        owner="Sundsvalls kommun",
        partners=("Örnsköldsviks kommun", "Arbetsförmedlingen Västernorrland"),
        lead="lars.ostlund",
        summary="Vägledare i kommunerna och Arbetsförmedlingen ger vuxna som vill byta yrke eller står långt "
                "från arbetsmarknaden samma stöd, oavsett var i länet de bor.",
        description=(
            "En gemensam vägledningsmodell för vuxna: ett första samtal inom två veckor, en individuell "
            "studieplan och uppföljning efter tre månader. Vägledarna använder länets "
            "kompetensbehovskartläggning i samtalen.\n\n"
            "Vägledningsnätverket Västernorrland är styrgrupp."
        ),
        nodes=("F1.4",),
        networks=("Vägledningsnätverket Västernorrland",),
        history=(("planned", -430), ("running", -400)),
        starts=-400, ends=330,
        target_groups=("adult-learners", "unemployed", "far-from-labour-market", "guidance-counsellors"),
        perspectives=("gender", "origin"),
        funding={"own": 600_000, "national": 300_000},
        phone="070-174 06 17",
        entries=(
            Entry(-380, "lars.ostlund",
                  "Vägledningsmodellen antagen av nätverket. Gemensam utbildningsdag för 24 vägledare.",
                  "Börja använda modellen i Sundsvall och Örnsköldsvik."),
            Entry(-260, "lars.ostlund",
                  "Modellen används i två kommuner. Väntetiden till första samtal har gått från sex till "
                  "två veckor i Sundsvall.",
                  "Arbetsförmedlingen ansluter sina vägledare."),
        ),
    ),
    RegionalInitiative(
        title="Kompetensbarometer Västernorrland",
        region="vasternorrland",
        owner="Region Västernorrland",
        partners=("Mittuniversitetet", "Arbetsförmedlingen Västernorrland"),
        lead="maria.sjoberg",
        summary="En halvårsvis barometer över arbetsgivarnas rekryteringsbehov och svårigheter i länet, "
                "som kompetensrådet använder i sin nulägesanalys.",
        description=(
            "Barometern ska bygga på en kort enkät till arbetsgivare två gånger om året, Arbetsförmedlingens "
            "yrkesprognoser och Mittuniversitetets analys. Den ska visa var bristen är störst och hur den "
            "förändras.\n\n"
            "*Utkast: ska förankras i kompetensrådet innan det publiceras.*"
        ),
        nodes=("F4.1", "F4.2", "F2.1"),
        networks=("Västernorrlands kompetensråd",),
        draft=True,
        history=(("idea", -90), ("planned", -20)),
        starts=30, ends=760,
        target_groups=("employers",),
        perspectives=(),
        funding={"regional": 700_000},
        phone="070-174 06 18",
        entries=(
            Entry(-85, "maria.sjoberg",
                  "Idén presenterad i kompetensrådet, som vill ha ett underlag inför nästa nulägesanalys.",
                  "Ta fram enkätfrågor med Mittuniversitetet."),
            Entry(-20, "maria.sjoberg",
                  "Enkätfrågorna är klara och testade på sex arbetsgivare.",
                  "Beslut om finansiering i regionala utvecklingsnämnden."),
        ),
    ),
    RegionalInitiative(
        title="Fler tjejer till industrin",
        region="vasternorrland",
        owner="Teknikcollege Västernorrland",
        partners=("Örnsköldsviks kommun", "Mittuniversitetet"),
        lead="maria.sjoberg",
        summary="Teknikcollege och industriföretagen i Örnsköldsvik gör teknik- och industriutbildningarna "
                "mer attraktiva för unga kvinnor, med förebilder, sommarjobb och en genomgång av "
                "arbetsmiljön.",
        description=(
            "Industrin i länet rekryterar nästan bara män. Initiativet arbetar från tre håll:\n\n"
            "- förebilder och studiebesök för högstadieelever\n"
            "- feriejobb för tjejer på industriföretagen\n"
            "- en genomgång av arbetsmiljö och rekrytering på de företag som ingår i Teknikcollege"
        ),
        nodes=("F3.1", "F3.2", "F2.4"),
        history=(("planned", -950), ("running", -900), ("finished", -120)),
        starts=-900, ends=-120,
        target_groups=("young-people", "students", "employers"),
        perspectives=("gender",),
        funding={"esf": 1_800_000, "own": 300_000},
        phone="070-174 06 19",
        results="Andelen kvinnor bland de antagna till teknik- och industriprogrammen i Örnsköldsvik steg "
                "från 14 till 22 procent. Elva företag har gjort en genomgång av arbetsmiljön.",
        entries=(
            Entry(-850, "maria.sjoberg",
                  "Elva företag har anslutit sig. Förebildsbesök i alla högstadieskolor i Örnsköldsvik.",
                  "Feriejobb för 30 tjejer i sommar."),
            Entry(-500, "maria.sjoberg",
                  "28 tjejer hade feriejobb; 19 vill söka teknik- eller industriprogrammet.",
                  "Genomgång av arbetsmiljön på företagen."),
            Entry(-200, "maria.sjoberg",
                  "Genomgången av arbetsmiljön klar på elva företag; omklädningsrum och skyddskläder var "
                  "de vanligaste bristerna.",
                  "Slutrapport."),
            Entry(-125, "maria.sjoberg",
                  "Slutrapporten är klar och presenterad för kompetensrådet.",
                  ""),
        ),
    ),
)

#: demo people's roles in the regions: (e-mail local part, role, region slug)
ROLES = (
    ("karin.wallin", PROJECT_LEAD, "vastmanland"),
    ("karin.wallin", PROJECT_LEAD, "vasternorrland"),
    ("erik.holm", PROJECT_LEAD, "vastmanland"),
    ("fatima.haddad", PROJECT_LEAD, "vasternorrland"),
    ("lars.ostlund", PROJECT_LEAD, "vasternorrland"),
    ("anna.lind", REGION_ADMIN, "vastmanland"),
    ("maria.sjoberg", REGION_ADMIN, "vasternorrland"),
)
