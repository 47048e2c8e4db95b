"""Region Västmanland as an employer: its competence-supply plan for 2025 and its revision for 2026,
in Västmanland's template (the strategy of seed ``001``), both published. Invented content on the
strategy's themes (VFU and praktikplatser, kompetensbaserad rekrytering, arbetsgivarvarumärke,
chefsförsörjning, kompetensväxling …), linked to goals of Kompetensplan Västmanland; marked
``demo=True`` and said to be demo data on its pages.

2026 is made from 2025 the way a user makes it (:func:`~samverkan.competence_plans.services.start_next_year`),
then revised: three gaps or needs rewritten, one activity added, one removed, one changed (its
follow-up and a goal more), and one made an initiative of the registry. Loading twice adds nothing:
an actor that has a plan of 2025 gets none.
"""
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from ..actors.models import Actor, comparable_name
from ..competence_plans import services
from ..competence_plans.models import CompetencePlanYear
from ..extensions import db
from ..plans.models import PlanNode

ACTOR = "Region Västmanland"
#: the e-mail local part (:data:`samverkan.demo.PEOPLE`) of the plan's keeper, the actor's contact
KEEPER = "anna.lind"
FIRST_YEAR = 2025
PUBLISHED = {2025: datetime(2025, 3, 14, 8, 0), 2026: datetime(2026, 3, 13, 8, 0)}

SUMMARY_2025 = ("Region Västmanland behöver rekrytera och behålla fler sjuksköterskor, undersköterskor och chefer "
                "de kommande åren. Planen samlar regionens insatser för att attrahera, rekrytera, behålla, "
                "utveckla och avveckla kompetens, med ansvar och uppföljning för varje aktivitet.")
SUMMARY_2026 = ("Region Västmanland behöver rekrytera och behålla fler sjuksköterskor, undersköterskor och chefer "
                "de kommande åren. 2026 läggs tyngdpunkten på validering av utländsk kompetens och på "
                "chefsförsörjningen. Planen samlar regionens insatser för att attrahera, rekrytera, behålla, "
                "utveckla och avveckla kompetens, med ansvar och uppföljning för varje aktivitet.")

#: (section key, horizon) -> (gap, need) in 2025
PARTS_2025 = {
    ("attract", "short"): ("Få sökande till annonserade tjänster inom vård och omsorg på landsbygden.",
                           "Ett tydligare arbetsgivarvarumärke som når studenter och yrkesverksamma."),
    ("attract", "long"): ("För få VFU- och praktikplatser i länet för att möta lärosätenas utbildningsvolymer.",
                          "Fler handledare och lärandemiljöer av hög kvalitet i hela länet."),
    ("recruit", "short"): ("Rekryteringar utgår ofta från den som slutat, inte från verksamhetens behov.",
                           "Kompetensbaserad rekrytering i alla förvaltningar."),
    ("recruit", "long"): ("Pensionsavgångar inom specialistsjukvården de kommande tio åren.",
                          "Cirka 400 sjuksköterskor och 150 specialistläkare till 2035."),
    ("retain", "short"): ("Hög personalomsättning bland nyanställda sjuksköterskor under första året.",
                          "Introduktion och bemanningsplanering som ger ett hållbart arbetsliv."),
    ("retain", "long"): ("Arbetsmiljön uppfattas som pressad i flera verksamheter.",
                         "Ett ständigt förbättringsarbete där rätt kompetens används för rätt uppgift."),
    ("develop", "short"): ("Specialistsjuksköterskor utför uppgifter som andra yrkesgrupper kan ta över.",
                           "Kompetensväxling mellan yrkesgrupper."),
    ("develop", "long"): ("Otydliga karriärvägar för medarbetare som vill utvecklas inom regionen.",
                          "Tydliga utvecklingsmöjligheter och ett livslångt lärande."),
    ("phase-out", "short"): ("", ""),
    ("phase-out", "long"): ("Erfarenhet försvinner när medarbetare går i pension.",
                            "Kunskapsöverföring i god tid före pensionsavgångar."),
    ("planning", "short"): ("Förvaltningarnas kompetensbehov analyseras på olika sätt och vid olika tider.",
                            "En gemensam årlig analys av kompetens, verksamhetens utveckling och rekryteringsbehov."),
    ("planning", "long"): ("Konsekvenser för kompetensförsörjningen saknas i underlag för större beslut.",
                           "Konsekvensanalyser av kompetensförsörjning inför större verksamhetsförändringar."),
    ("leadership", "short"): ("Flera chefer har stora personalgrupper.",
                              "Förutsättningar för ett hållbart och utvecklande ledarskap."),
    ("leadership", "long"): ("Få interna sökande till chefstjänster.",
                             "En strukturerad chefsförsörjning med egna chefsaspiranter."),
}

#: what 2026 rewrites: (section key, horizon) -> (gap, need)
PARTS_2026 = {
    ("recruit", "short"): ("Rekryteringar utgår ofta från den som slutat, inte från verksamhetens behov.",
                           "Kompetensbaserad rekrytering i alla förvaltningar, och snabbare validering av "
                           "utländsk vårdutbildning."),
    ("develop", "long"): ("Otydliga karriärvägar för undersköterskor och sjuksköterskor som vill utvecklas inom "
                          "regionen.", "Tydliga utvecklingsmöjligheter och ett livslångt lärande."),
    ("leadership", "short"): ("Flera chefer har fler än 40 medarbetare, och var femte chef slutar inom tre år.",
                              "Förutsättningar för ett hållbart och utvecklande ledarskap."),
}


@dataclass(frozen=True)
class ActivityDemo:
    section: str
    horizon: str
    title: str
    description: str
    responsible: str
    follow_up: str
    goals: tuple


ACTIVITIES_2025 = (
    ActivityDemo("attract", "short", "Arbetsgivarvarumärket i sociala medier och på mässor",
                 "Medarbetare berättar om sitt arbete i regionens kanaler och på utbildningsmässor.",
                 "HR-avdelningen och kommunikationsenheten", "Antal ansökningar per annons, kvartalsvis.",
                 ("M11",)),
    ActivityDemo("attract", "long", "Fler VFU- och praktikplatser tillsammans med länets kommuner",
                 "Regionen driver att kommuner och privata vårdgivare tar emot studenter, och utbildar "
                 "handledare tillsammans med lärosätena.",
                 "Utbildningssamordnarna, hälso- och sjukvårdsförvaltningen",
                 "Antal VFU-platser per termin, årligen med Mälardalens universitet.", ("M6", "M6.1")),
    ActivityDemo("recruit", "short", "Kompetensbaserad rekrytering för alla rekryterande chefer",
                 "En utbildning i kompetensbaserad rekrytering som främjar mångfald, jämställdhet och jämlikhet.",
                 "HR-avdelningen", "Andel rekryterande chefer som gått utbildningen.", ("M9",)),
    ActivityDemo("retain", "short", "Bemanningsplanering för hållbara scheman",
                 "Schemaläggning som utgår från verksamhetens behov och ger förutsättningar för ett hälsosamt "
                 "arbetsliv.", "Förvaltningscheferna", "Sjukfrånvaro och personalomsättning, halvårsvis.",
                 ("M10",)),
    ActivityDemo("develop", "short", "Kompetensväxling mellan undersköterskor och sjuksköterskor",
                 "Uppgifter som inte kräver legitimation flyttas till undersköterskor, som får utbildning för dem.",
                 "Verksamhetscheferna inom slutenvården", "Antal växlade uppgifter och utbildade undersköterskor.",
                 ("M10", "M10.2")),
    ActivityDemo("develop", "long", "Karriärvägar och specialistutbildning",
                 "Betald specialistutbildning för sjuksköterskor och tydliga steg för undersköterskor.",
                 "HR-avdelningen", "Antal påbörjade specialistutbildningar per år.", ("M10",)),
    ActivityDemo("phase-out", "long", "Mentorskap före pensionsavgång",
                 "Medarbetare som går i pension inom två år blir mentorer för nyanställda.",
                 "Närmaste chef", "Antal mentorspar per år.", ("M9.3",)),
    ActivityDemo("planning", "short", "Årlig kompetensanalys i varje förvaltning",
                 "En gemensam mall för analysen, med prognoser från Arbetsförmedlingen och lärosätena och "
                 "in- och utflödet av medarbetare.", "Förvaltningarnas HR-strateger",
                 "Analyserna sammanställs i regionens budgetprocess.", ("M9", "M9.2")),
    ActivityDemo("leadership", "long", "Chefsförsörjningsprogram för blivande chefer",
                 "Ett aspirantprogram över ett år för medarbetare som vill bli chefer.",
                 "HR-avdelningen, ledarskapsenheten", "Andel chefstjänster som tillsätts internt.", ("M10",)),
)

#: 2026: the activity removed, the one added, the one changed and the one made an initiative
REMOVED_2026 = "Arbetsgivarvarumärket i sociala medier och på mässor"
ADDED_2026 = ActivityDemo(
    "recruit", "long", "Validering av utländsk vårdutbildning och yrkessvenska",
    "Sjuksköterskor och undersköterskor med utländsk utbildning får sin kompetens validerad och kurser i "
    "yrkessvenska med handledning på arbetsplatsen.", "HR-avdelningen med Valideringscentrum Mellansverige",
    "Antal validerade och anställda per år.", ("M2", "M8"))
CHANGED_2026 = ("Kompetensbaserad rekrytering för alla rekryterande chefer",
                "Andel rekryterande chefer som gått utbildningen, och andel nyanställda som är kvar efter ett år.",
                ("M9", "M11"))
INITIATIVE_2026 = "Fler VFU- och praktikplatser tillsammans med länets kommuner"


def _goals(region, codes):
    plan_ids = [plan.id for plan in region.current_plans]
    found = {node.code: node for node in db.session.scalars(
        select(PlanNode).where(PlanNode.plan_id.in_(plan_ids), PlanNode.code.in_(codes)))}
    return [found[code] for code in codes if code in found]


def _actor(region, actors):
    actor = actors.get(ACTOR) or db.session.scalar(select(Actor).where(Actor.comparable_name == comparable_name(ACTOR)))
    if actor is None:
        actor = Actor(name=ACTOR, comparable_name=comparable_name(ACTOR), kind="region", regions=[region])
        db.session.add(actor)
    return actor


def load(regions, actors, people, counts):
    """Region Västmanland's plan of 2025 and 2026; nothing if it has a plan of 2025."""
    region = regions["vastmanland"]
    actor = _actor(region, actors)
    db.session.flush()
    if db.session.scalar(select(CompetencePlanYear.id).where(CompetencePlanYear.actor_id == actor.id,
                                                             CompetencePlanYear.year == FIRST_YEAR)):
        return
    keeper = people.get(KEEPER)
    first = services.start_plan(actor, region, FIRST_YEAR, by=keeper, demo=True)
    first.summary = SUMMARY_2025
    for part in first.parts:
        part.gap, part.need = PARTS_2025.get((part.section_key, part.horizon), ("", ""))
    for spec in ACTIVITIES_2025:
        _add(first, spec, keeper, counts)
    first.published_at = PUBLISHED[2025]
    _count(counts, "competence plan year")
    db.session.flush()

    second = services.start_next_year(first, by=keeper, demo=True)
    second.summary = SUMMARY_2026
    for part in second.parts:
        if (part.section_key, part.horizon) in PARTS_2026:
            services.update_part(part, *PARTS_2026[(part.section_key, part.horizon)], by=keeper)
    by_title = {activity.title: activity for activity in second.activities}
    services.remove_activity(by_title[REMOVED_2026], by=keeper)
    _add(second, ADDED_2026, keeper, counts)
    title, follow_up, goals = CHANGED_2026
    changed = by_title[title]
    services.update_activity(changed, dict(section_key=changed.section_key, horizon=changed.horizon, title=title,
                                           description=changed.description, responsible=changed.responsible,
                                           follow_up=follow_up), _goals(region, goals), by=keeper)
    counts["competence activity"] = counts.get("competence activity", 0) + len(second.activities) - 1
    services.activity_to_initiative(by_title[INITIATIVE_2026], by=keeper)
    _count(counts, "initiative from a competence plan")
    second.published_at = PUBLISHED[2026]
    _count(counts, "competence plan year")
    db.session.flush()


def _add(plan_year, spec, keeper, counts):
    services.add_activity(plan_year, dict(section_key=spec.section, horizon=spec.horizon, title=spec.title,
                                          description=spec.description, responsible=spec.responsible,
                                          follow_up=spec.follow_up),
                          _goals(plan_year.region, spec.goals), by=keeper)
    _count(counts, "competence activity")


def _count(counts, kind):
    counts[kind] = counts.get(kind, 0) + 1
