"""Status assessments of the two plans for the demo: invented, marked ``demo=True``, and said to
be demo data on every page that shows them.

Each assessed node has two or three dated assessments, oldest first, so that it has a history
and the annual report something that changed during the year; days are counted back from the
day the demo is loaded. The council secretariats' demo people are the authors. A node that has
a demo assessment already gets none, so loading twice adds nothing.
"""
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select

from ..assessments.models import StatusAssessment
from ..extensions import db
from ..plans.models import PlanNode


@dataclass(frozen=True)
class Step:
    """An assessment ``days`` before the day the demo is loaded."""

    days: int
    status: str
    prioritised: bool
    comment: str


def _history(*steps):
    return tuple(Step(*step) for step in steps)


#: the e-mail local part (:data:`samverkan.demo.PEOPLE`) of the author of a region's assessments
AUTHORS = {"vastmanland": "anna.lind", "vasternorrland": "maria.sjoberg"}

#: region slug -> node code -> its assessments, oldest first
ASSESSMENTS = {
    "vastmanland": {
        "O1": _history(
            (700, "early", False, "Många aktörer är engagerade men insatserna är spridda."),
            (330, "progressing", False, "Arbetet med yrkessvenska och praktik har kommit igång i flera kommuner."),
        ),
        "M1": _history(
            (700, "early", False, "Vägledningsinsatser finns i enskilda skolor men saknar samordning."),
            (330, "progressing", False, "Gemensamt material om arbetsmarknaden används av fyra kommuner."),
            (60, "progressing", True, "Rådet prioriterar kunskap om kompetensbehov inför nästa läsår."),
        ),
        "M1.1": _history(
            (330, "early", False, "Prao och studiebesök erbjuds ojämnt i länet."),
            (60, "progressing", False, "Länsgemensam praoveckla planerad."),
        ),
        "M2": _history(
            (700, "not-started", False, "Inga samlade insatser för yrkessvenska."),
            (330, "early", True, "Rådet prioriterar yrkessvenska; en förstudie startar."),
            (60, "early", True, "Förstudien visar stort behov inom vård och omsorg."),
        ),
        "M2.1": _history(
            (330, "not-started", False, "Kombinationsutbildningar saknas utanför Västerås."),
            (60, "early", False, "Två kommuner planerar kombinationsutbildningar."),
        ),
        "M3": _history(
            (700, "progressing", False, "Arbetsplatsförlagt lärande fungerar väl inom industrin."),
            (60, "progressing", False, "Lärlingsplatserna räcker inte till alla som söker."),
        ),
        "M4": _history(
            (700, "early", False, "Lärcentra finns i tre kommuner."),
            (330, "early", False, "Distansstudier efterfrågas mer än utbudet medger."),
            (60, "progressing", False, "Ett nätverk för länets lärcentra har bildats."),
        ),
        "M5": _history(
            (700, "progressing", False, "Kompetensbehov kartläggs årligen av regionen."),
            (60, "established", False, "Kartläggningen används av kommuner och utbildningsanordnare."),
        ),
        "M5.1": _history(
            (700, "progressing", False, "Första länsgemensamma kartläggningen genomförd."),
            (60, "established", False, "Kartläggningen görs nu varje år."),
        ),
        "M6": _history(
            (700, "progressing", False, "Programråd finns för de flesta yrkesprogram."),
            (330, "progressing", False, "Branschråden möts men saknar gemensam uppföljning."),
            (60, "established", False, "Gemensam modell för programråd antagen."),
        ),
        "M7": _history(
            (700, "early", False, "Få korta utbildningar inom bristyrken."),
            (60, "progressing", False, "Yrkeshögskolan har startat två nya utbildningar i länet."),
        ),
        "M8": _history(
            (700, "not-started", False, "Validering sker i enstaka branscher."),
            (330, "early", True, "Rådet prioriterar en regional struktur för validering."),
            (60, "progressing", True, "Ett valideringsnätverk har bildats; utvecklingsplanen tas fram."),
        ),
        "M8.1": _history(
            (330, "early", False, "Validering ingår i vuxenutbildningen i två kommuner."),
            (60, "progressing", False, "Fler utbildningsanordnare erbjuder validering."),
        ),
        "M8.3": _history(
            (330, "not-started", False, "Ingen utvecklingsplan finns."),
            (60, "early", True, "Arbetet med utvecklingsplanen har startat i valideringsnätverket."),
        ),
        "O3": _history(
            (700, "early", False, "Arbetsgivarnas kompetensplanering varierar stort."),
            (60, "early", False, "Små företag behöver mer stöd än stora."),
        ),
        "M9": _history(
            (700, "not-started", False, "Få arbetsgivare har en kompetensförsörjningsplan."),
            (60, "early", False, "En mall för kompetensförsörjningsplaner prövas hos tio arbetsgivare."),
        ),
        "M10": _history(
            (700, "early", False, "Goda exempel finns men sprids inte."),
            (330, "early", False, "Behov av riktade insatser inom vård och industri."),
            (60, "progressing", False, "Exempelbank publicerad."),
        ),
        "M11": _history(
            (700, "early", False, "Breddad rekrytering diskuteras men få insatser pågår."),
            (330, "early", True, "Rådet prioriterar breddad rekrytering."),
            (60, "progressing", True, "Handledarutbildningar har genomförts i tre kommuner."),
        ),
        "M11.2": _history(
            (330, "not-started", False, "Inga handledarutbildningar i länet."),
            (60, "progressing", False, "Tre omgångar handledarutbildning genomförda."),
        ),
        "M12": _history(
            (700, "progressing", False, "Styrkeområdena har egna nätverk."),
            (60, "progressing", False, "Rekryteringen till styrkeområdena är fortsatt svår."),
        ),
    },
    "vasternorrland": {
        "F1": _history(
            (700, "early", False, "Utbudet av flexibla utbildningar är ojämnt fördelat i länet."),
            (330, "progressing", False, "Lärcentra samverkar mer; digitala lösningar sprids."),
        ),
        "F1.1": _history(
            (700, "early", False, "Studiemiljöerna är kända i kuststäderna men inte i inlandet."),
            (60, "progressing", False, "Informationsinsatser i alla sju kommuner."),
        ),
        "F1.2": _history(
            (700, "not-started", False, "Inget gemensamt arbete med utbildningsutbudet."),
            (330, "early", False, "Dialog med yrkeshögskolan inledd."),
            (60, "early", False, "Utbudet behöver breddas inom vård och teknik."),
        ),
        "F1.3": _history(
            (700, "early", False, "Enstaka digitala kurser."),
            (60, "progressing", False, "Gemensam plattform för distansstudier används av lärcentra."),
        ),
        "F1.4": _history(
            (700, "early", False, "Vägledningen når inte vuxna som redan arbetar."),
            (330, "early", True, "Rådet prioriterar studie- och karriärvägledning för vuxna."),
            (60, "progressing", True, "Ett länsgemensamt vägledningsnätverk har startat."),
        ),
        "F1.5": _history(
            (330, "not-started", False, "Lärande på arbetsplatsen diskuteras inte i rådet."),
            (60, "early", False, "Två arbetsgivare prövar kompetensutvecklingsplaner."),
        ),
        "F2": _history(
            (700, "early", False, "Arbetsgivarnas kompetensförsörjningsarbete varierar."),
            (60, "progressing", False, "Fler arbetsgivare kartlägger sina behov."),
        ),
        "F2.1": _history(
            (700, "not-started", False, "Få arbetsgivare kommunicerar sina kompetensbehov."),
            (330, "early", True, "Rådet prioriterar arbetsgivarnas kartläggning av kompetensbehov."),
            (60, "progressing", True, "Enkäten om kompetensbehov besvarad av 120 arbetsgivare."),
        ),
        "F2.3": _history(
            (700, "early", False, "Internationell rekrytering sker främst inom vården."),
            (60, "early", False, "Mottagandet av nya medarbetare behöver stärkas."),
        ),
        "F2.4": _history(
            (330, "early", False, "Breddad rekrytering prövas i industrin."),
            (60, "progressing", False, "Modellen sprids till offentlig sektor."),
        ),
        "F3": _history(
            (700, "progressing", False, "Samverkan mellan utbildning och arbetsliv finns i flera branscher."),
            (330, "progressing", False, "Valideringen behöver bli regional."),
        ),
        "F3.1": _history(
            (700, "progressing", False, "Teknikcollege och vård- och omsorgscollege är etablerade."),
            (60, "established", False, "Samverkan är en del av det ordinarie arbetet."),
        ),
        "F3.2": _history(
            (330, "early", False, "Utrikes födda akademiker tas inte tillvara."),
            (60, "early", False, "Kartläggning av kompetens hos nyanlända pågår."),
        ),
        "F3.3": _history(
            (700, "not-started", False, "Validering sker utan regional samordning."),
            (330, "early", True, "Rådet prioriterar effektiv regional validering."),
            (60, "early", True, "Valideringscentrum Mellansverige stödjer arbetet; resurser saknas ännu."),
        ),
        "F3.4": _history(
            (700, "progressing", False, "Utbildningarna svarar mot behoven i industrin."),
            (60, "progressing", False, "Fler platser behövs inom vård och omsorg."),
        ),
        "F4": _history(
            (700, "early", False, "Kunskapen om tillgång och efterfrågan är splittrad."),
            (60, "progressing", False, "Analysarbetet samordnas av regionen."),
        ),
        "F4.1": _history(
            (700, "not-started", False, "Ingen systematik för insamling av kompetensbehov."),
            (330, "early", True, "Rådet prioriterar en systematik för länets kompetensbehov."),
            (60, "progressing", True, "Återkommande enkät och analys är beslutad."),
        ),
        "F4.2": _history(
            (330, "early", False, "Analyserna används sällan i planeringen."),
            (60, "early", False, "Analyserna presenteras för rådet två gånger om året."),
        ),
    },
}


def load_assessments(regions, people, today, counts):
    """Write :data:`ASSESSMENTS` for the regions' main plans (``regions``: slug -> region,
    ``people``: e-mail local part -> person), counting them in ``counts``."""
    for slug, by_code in ASSESSMENTS.items():
        region = regions[slug]
        plan = region.main_plan
        nodes = {node.code: node for node in db.session.scalars(
            select(PlanNode).where(PlanNode.plan_id == plan.id, PlanNode.retired.is_(False)))}
        assessed = set(db.session.scalars(select(StatusAssessment.node_id).where(
            StatusAssessment.region_id == region.id, StatusAssessment.demo.is_(True))))
        for code, steps in by_code.items():
            node = nodes.get(code)
            if node is None or node.id in assessed:  # a code a revised plan dropped; done before
                continue
            for step in steps:
                db.session.add(StatusAssessment(
                    region_id=region.id, node_id=node.id, assessed_on=today - timedelta(days=step.days),
                    status=step.status, prioritised=step.prioritised, comment=step.comment,
                    author=people[AUTHORS[slug]], demo=True))
                counts["status assessment"] = counts.get("status assessment", 0) + 1
