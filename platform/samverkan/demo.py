"""Demo data: actors, networks, forums, meetings and initiatives.

``samverkan demo load`` writes it after ``plugins sync`` so that a newcomer opens a living
platform: for Västmanland and Västernorrland the organisations the plans name, invented people
(their addresses are under ``demo.samverkan.se`` and have no password) with roles in the two
regions, networks, forums, meetings, initiatives linked to the plans' nodes with their progress
reports, reporting periods, status assessments of the plans with their history
(:mod:`samverkan.demo_data.assessments`), and invented values of their indicators for them and the
counties they compare with (:mod:`samverkan.demo_data.indicators`), employers and their answers to
needs survey rounds, closed and open (:mod:`samverkan.demo_data.needs`); for every county, the national
overview's projects (:mod:`samverkan.demo_data.overview_projects`). Meetings, reports and periods
are placed around today, so there are always past and upcoming ones. Loading twice adds nothing:
every object is looked up by what names it (an initiative by its title and lead region) before it
is written.
"""
import itertools
import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, insert, select, text

from .accounts.models import Person, RoleGrant
from .accounts.services import grant_role
from .actors.models import Actor, Membership, actor_regions, comparable_name
from .demo_data import competence_plans as demo_competence_plans
from .demo_data import indicators as demo_indicators
from .demo_data import needs as demo_needs
from .demo_data import overview_projects as overview
from .demo_data.assessments import load_assessments
from .demo_data.regional_initiatives import INITIATIVES, ROLES
from .extensions import db
from .forums.models import Forum, ForumModel, ForumModelItem, forum_region_ids as forum_regions
from .initiatives.models import Initiative, ProgressEntry, ReportingPeriod
from .initiatives.services import change_status, create_initiative
from .initiatives import models as initiative_models
from .initiatives.vocabulary import EQUALITY_PERSPECTIVES, FUNDING_SOURCES, TARGET_GROUPS
from .meetings.models import Action, AgendaItem, Decision, Meeting, Registration
from .networks.models import Network, NetworkMember, StageChange
from .plans.models import PlanNode, plan_node_themes
from .regions.models import Region
from .themes.models import Theme
from .times import to_utc
from .times import today as times_today

DEMO_DOMAIN = "demo.samverkan.se"

#: (name, kind, region slugs, municipality, website)
ACTORS = [
    ("Region Västmanland", "region", ["vastmanland"], "Västerås", "https://regionvastmanland.se"),
    ("Västerås stad", "municipality", ["vastmanland"], "Västerås", "https://www.vasteras.se"),
    ("Köpings kommun", "municipality", ["vastmanland"], "Köping", "https://www.koping.se"),
    ("Mälardalens universitet", "university", ["vastmanland"], "Västerås", "https://www.mdu.se"),
    ("Arbetsförmedlingen Västmanland", "public-agency", ["vastmanland"], "Västerås",
     "https://arbetsformedlingen.se"),
    ("Västerås Folkhögskola", "education-provider", ["vastmanland"], "Västerås", None),
    ("Företagarna Västmanland", "business-organisation", ["vastmanland"], "Västerås", None),
    ("Region Västernorrland", "region", ["vasternorrland"], "Härnösand", "https://www.rvn.se"),
    ("Sundsvalls kommun", "municipality", ["vasternorrland"], "Sundsvall", "https://sundsvall.se"),
    ("Örnsköldsviks kommun", "municipality", ["vasternorrland"], "Örnsköldsvik", "https://www.ornskoldsvik.se"),
    ("Mittuniversitetet", "university", ["vasternorrland"], "Sundsvall", "https://www.miun.se"),
    ("Arbetsförmedlingen Västernorrland", "public-agency", ["vasternorrland"], "Sundsvall",
     "https://arbetsformedlingen.se"),
    ("Teknikcollege Västernorrland", "education-provider", ["vasternorrland"], "Örnsköldsvik", None),
    ("Valideringscentrum Mellansverige", "education-provider", ["vastmanland", "vasternorrland"], None, None),
]

#: (e-mail local part, name, actor name, role in the actor)
PEOPLE = [
    ("anna.lind", "Anna Lind", "Region Västmanland", "contact"),
    ("erik.holm", "Erik Holm", "Västerås stad", "representative"),
    ("sara.nyberg", "Sara Nyberg", "Mälardalens universitet", "representative"),
    ("johan.berg", "Johan Berg", "Arbetsförmedlingen Västmanland", "representative"),
    ("maria.sjoberg", "Maria Sjöberg", "Region Västernorrland", "contact"),
    ("lars.ostlund", "Lars Östlund", "Sundsvalls kommun", "representative"),
    ("fatima.haddad", "Fatima Haddad", "Mittuniversitetet", "project-lead"),
    ("karin.wallin", "Karin Wallin", "Valideringscentrum Mellansverige", "project-lead"),
]


@dataclass(frozen=True)
class NetworkDemo:
    name: str
    kind: str
    regions: tuple
    purpose: str
    #: (stage, reason, days ago) from the first step up
    stages: tuple
    actors: tuple
    #: (person, coordinator)
    people: tuple
    #: plan node codes, any of its regions' current plans
    nodes: tuple


NETWORKS = [
    NetworkDemo("Västmanlands kompetensråd", "council", ("vastmanland",), "",
                (("samtal", "Rådet bildades.", 900), ("samsyn", "Gemensam bild av länets kompetensbehov antagen.", 540),
                 ("samverkan", "Kompetensplan Västmanland 2030 beslutad; aktörerna har tagit ansvar per mål.", 200)),
                ("Region Västmanland", "Västerås stad", "Mälardalens universitet", "Arbetsförmedlingen Västmanland"),
                (("anna.lind", True), ("erik.holm", False)), ("M4", "M5", "M7")),
    NetworkDemo("Västernorrlands kompetensråd", "council", ("vasternorrland",), "",
                (("samtal", "Rådet bildades.", 1100), ("samsyn", "Nulägesanalys per inriktning genomförd.", 700),
                 ("samverkan", "Inriktningar prioriterade och aktörer mobiliserade.", 380),
                 ("samhandling", "Aktörerna genomför gemensamma insatser enligt planen.", 60)),
                ("Region Västernorrland", "Sundsvalls kommun", "Mittuniversitetet", "Arbetsförmedlingen Västernorrland"),
                (("maria.sjoberg", True), ("lars.ostlund", False)), ("F1", "F3", "F4")),
    NetworkDemo("Branschråd vård och omsorg Västmanland", "sector-council", ("vastmanland",),
                "Arbetsgivare och utbildningsanordnare inom vård och omsorg möts för att matcha utbildningarna "
                "mot länets behov av undersköterskor och sjuksköterskor.",
                (("samtal", "Första mötet med arbetsgivarna.", 300), ("samsyn", "Gemensam behovsbild klar.", 90)),
                ("Region Västmanland", "Västerås stad", "Västerås Folkhögskola"), (("erik.holm", True),), ("M6",)),
    NetworkDemo("Vägledningsnätverket Västernorrland", "guidance-network", ("vasternorrland",),
                "Studie- och yrkesvägledare i länets kommuner utvecklar vägledningen tillsammans.",
                (("samtal", "Nätverket startade.", 400), ("samsyn", "Gemensam vägledningsplan.", 150),
                 ("samverkan", "Kommunerna delar ansvaret för länsgemensamma insatser.", 30)),
                ("Sundsvalls kommun", "Örnsköldsviks kommun"), (("lars.ostlund", True),), ("F1",)),
    NetworkDemo("Valideringsnätverket Västmanland–Västernorrland", "validation-network",
                ("vastmanland", "vasternorrland"),
                "Två län lär av varandra om en regional struktur för validering.",
                (("samtal", "Första gemensamma mötet mellan länen.", 120),),
                ("Valideringscentrum Mellansverige", "Region Västmanland", "Region Västernorrland"),
                (("karin.wallin", True), ("anna.lind", False), ("maria.sjoberg", False)), ("M8", "F3.3")),
]

#: Gotland's model for dialogue forums (seed 004): published by Region Gotland, used elsewhere
GOTLAND_MODEL = dict(
    name="Dialogforum med branschföreträdare",
    purpose="Få fram bättre kunskapsunderlag om kompetensförsörjningsbehovet tillsammans med "
            "branschföreträdare.",
    participant_mix="Fyra dialogforum med olika målgrupper av branschföreträdare; utbildningsanordnare och "
                    "Arbetsförmedlingen deltar.",
    cadence="Fyra möten per år och forum",
    meetings_per_year=4,
    items=("Läget i branschen", "Kompetensbehov på kort och lång sikt", "Utbildningsutbudet",
           "Åtgärder och ansvar till nästa möte"),
)

#: (forum name, network name or None, region slug when no network, uses Gotland's model)
FORUMS = [
    ("Kompetensrådets möten", "Västmanlands kompetensråd", None, False),
    ("Kompetensrådets möten", "Västernorrlands kompetensråd", None, False),
    ("Dialogforum vård och omsorg", "Branschråd vård och omsorg Västmanland", None, True),
    ("Dialogforum industri Västernorrland", None, "vasternorrland", True),
    ("Valideringsträffar", "Valideringsnätverket Västmanland–Västernorrland", None, False),
]

#: days from today of each forum's meetings: past ones are held, with minutes and actions
MEETING_DAYS = (-120, -60, -14, 10, 45, 90)
AGENDA = ("Inledning och föregående protokoll", "Lägesbild", "Aktörernas insatser", "Beslut och åtgärder")


def demo_email(local):
    return f"{local}@{DEMO_DOMAIN}"


def load_demo(today=None):
    """Write the demo data; returns how many rows of each kind it created (nothing the second time)."""
    today = today or times_today()
    counts = {}
    try:
        regions = {r.slug: r for r in db.session.scalars(select(Region))}
        if not {"vastmanland", "vasternorrland", "gotland", *overview.OWNERS} <= regions.keys():
            raise LookupError("run `samverkan plugins sync` first: the regions are missing")
        actors = _actors([(name, kind, [regions[s] for s in slugs], municipality, website)
                          for name, kind, slugs, municipality, website in ACTORS]
                         + [(owner, kind, [regions[county]], None, f"https://{website}")
                            for county, (owner, kind, website) in overview.OWNERS.items()], counts)
        people = {local: _person(local, name, actors[actor], role, counts) for local, name, actor, role in PEOPLE}
        networks = {spec.name: _network(spec, regions, actors, people, today, counts) for spec in NETWORKS}
        model = _gotland_model(regions["gotland"], counts)
        for name, network_name, slug, from_model in FORUMS:
            network = networks[network_name] if network_name else None
            _forum(name, network, regions.get(slug), model if from_model else None, people, today, counts)
        _roles(people, regions, counts)
        themes = {theme.slug: theme for theme in db.session.scalars(select(Theme))}
        existing = set(db.session.execute(select(Initiative.title, Initiative.lead_region_id)).all())
        _overview_projects(regions, actors, themes, existing, counts)
        for spec in INITIATIVES:
            if (spec.title, regions[spec.region].id) not in existing:
                _initiative(spec, regions, actors, people, networks, themes, today, counts)
        _reporting_periods([regions["vastmanland"], regions["vasternorrland"]], today, counts)
        load_assessments(regions, people, today, counts)
        demo_indicators.load(regions, counts)
        employers = _actors(demo_needs.actor_specs(regions), counts)
        demo_needs.load(regions, {**actors, **employers}, today, counts)
        demo_competence_plans.load(regions, actors, people, counts)
        if counts:
            _reindex_search()
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    return counts


def _count(counts, kind):
    counts[kind] = counts.get(kind, 0) + 1


def _actors(specs, counts):
    """name -> actor for (name, kind, regions, municipality, website): the actor of a comparable
    name if there is one, else a new one (one query for all)."""
    keys = [comparable_name(name) for name, *_ in specs]
    known = {actor.comparable_name: actor for actor in db.session.scalars(
        select(Actor).where(Actor.comparable_name.in_(keys)))}
    actors = {}
    for key, (name, kind, regions, municipality, website) in zip(keys, specs, strict=True):
        if key not in known:
            known[key] = Actor(name=name, comparable_name=key, kind=kind, regions=regions,
                               municipality=municipality, website=website)
            db.session.add(known[key])
            _count(counts, "actor")
        actors[name] = known[key]
    return actors


def _person(local, name, actor, role, counts):
    person = db.session.scalar(select(Person).filter_by(email=demo_email(local)))
    if person is None:
        person = Person(email=demo_email(local), name=name)
        db.session.add(person)
        for region in actor.regions:  # a shared actor's person acts for each of its regions
            db.session.add(Membership(actor=actor, person=person, role=role, region=region))
        _count(counts, "person")
    return person


def _nodes(regions, codes):
    """The nodes with these codes in the current plans of ``regions``."""
    plans = [plan.id for region in regions for plan in region.current_plans]
    return db.session.scalars(select(PlanNode).where(PlanNode.plan_id.in_(plans), PlanNode.code.in_(codes))).all()


def _network(spec, regions, actors, people, today, counts):
    network = db.session.scalar(select(Network).filter_by(name=spec.name))
    if network is None:  # the councils exist after `plugins sync`; the others are created here
        network = Network(name=spec.name, kind=spec.kind, purpose=spec.purpose,
                          regions=[regions[slug] for slug in spec.regions])
        db.session.add(network)
        _count(counts, "network")
    if network.stage_changes:
        return network
    previous = None
    for stage, reason, days_ago in spec.stages:
        changed_at = datetime.combine(today - timedelta(days=days_ago), time(9))
        network.stage_changes.append(StageChange(from_stage=previous, to_stage=stage, reason=reason,
                                                 changed_at=changed_at, changed_by=people[spec.people[0][0]]))
        previous = stage
    network.stage = previous
    network.nodes = _nodes(network.regions, spec.nodes)
    network.members = [NetworkMember(actor=actors[name]) for name in spec.actors] + [
        NetworkMember(person=people[local], coordinator=coordinator) for local, coordinator in spec.people]
    _count(counts, "network history")
    return network


def _gotland_model(gotland, counts):
    model = db.session.scalar(select(ForumModel).filter_by(name=GOTLAND_MODEL["name"], region_id=gotland.id))
    if model is None:
        values = {key: value for key, value in GOTLAND_MODEL.items() if key != "items"}
        model = ForumModel(region=gotland, published=True, **values, agenda_items=[
            ForumModelItem(position=i, title=title) for i, title in enumerate(GOTLAND_MODEL["items"])])
        db.session.add(model)
        _count(counts, "forum model")
    return model


def _forum(name, network, region, model, people, today, counts):
    query = select(Forum).filter_by(name=name)
    query = query.filter_by(network_id=network.id) if network else query.filter_by(region_id=region.id)
    if db.session.scalar(query) is not None:
        return
    forum = Forum(name=name, network=network, region=region if network is None else None, model=model,
                  purpose=model.purpose if model else "")
    db.session.add(forum)
    _count(counts, "forum")
    members = [m.person for m in network.members if m.person] if network else list(people.values())[:3]
    nodes = network.nodes if network else []
    agenda = [item.title for item in model.agenda_items] if model else AGENDA
    for number, days in enumerate(MEETING_DAYS, start=1):
        add_meeting(forum, f"{name} {number}", today + timedelta(days=days), agenda, members, nodes)
        _count(counts, "meeting")


def _roles(people, regions, counts):
    """The demo people's roles in Västmanland and Västernorrland (project leads, region admins)."""
    db.session.flush()  # people created in this run get their ids
    for local, role, slug in ROLES:
        person, region = people[local], regions[slug]
        held = select(RoleGrant.id).filter_by(person_id=person.id, role=role, region_id=region.id)
        if db.session.scalar(held) is None:
            grant_role(person, role, region)
            _count(counts, "role")


def _overview_projects(regions, actors, themes, existing, counts):
    """The national overview's 45 projects as finished initiatives of their counties, owned by the
    project owners the overview's appendix names."""
    db.session.flush()  # owners created in this run get their ids
    for project in overview.PROJECTS:
        if (project.title, regions[project.county].id) in existing:
            continue
        create_initiative({
            "title": project.title, "summary": project.summary, "description": project.description,
            "owner_id": actors[project.owner].id, "lead_region_id": regions[project.county].id,
            "partner_regions": [regions[slug] for slug in project.partner_counties],
            "themes": [themes[slug] for slug in project.themes],
            # the overview: "avslutas löpande, de sista 31 oktober 2017"; no project's own dates
            "status": "finished", "draft": False, "links": project.website,
            "target_groups": project.target_groups, "perspectives": project.perspectives,
        }, by=None, on=overview.FINISHED_BY)
        _count(counts, "initiative")


def _initiative(spec, regions, actors, people, networks, themes, today, counts):
    """One of the Västmanland and Västernorrland initiatives, with its status history and reports."""
    region, lead = regions[spec.region], people[spec.lead]
    partner_regions = [regions[slug] for slug in spec.partner_regions]
    nodes = _nodes([region, *partner_regions], spec.nodes)
    if len(nodes) != len(spec.nodes):
        found = {node.code for node in nodes}
        raise LookupError(f"the plans have no node {', '.join(sorted(set(spec.nodes) - found))} "
                          f"for the demo initiative {spec.title!r}")

    def day(days):
        return None if days is None else today + timedelta(days=days)

    first_status, first_day = spec.history[0]
    initiative = create_initiative({
        "title": spec.title, "summary": spec.summary, "description": spec.description,
        "owner_id": actors[spec.owner].id, "lead_region_id": region.id,
        "partners": [actors[name] for name in spec.partners], "partner_regions": partner_regions,
        "nodes": nodes, "themes": [themes[slug] for slug in spec.themes],
        "networks": [networks[name] for name in spec.networks],
        "status": first_status, "draft": spec.draft, "starts_on": day(spec.starts), "ends_on": day(spec.ends),
        "budget_sek": spec.budget, "funding": spec.funding,
        "target_groups": spec.target_groups, "perspectives": spec.perspectives,
        "contact_name": lead.name, "contact_email": lead.email, "contact_phone": spec.phone,
        "results": spec.results, "is_practice": bool(spec.lessons_learned), "lessons_learned": spec.lessons_learned,
    }, by=lead, on=day(first_day))
    for status, days in spec.history[1:]:
        change_status(initiative, status, lead, on=day(days))
    for entry in spec.entries:
        initiative.progress_entries.append(ProgressEntry(
            reported_on=day(entry.days), happened=entry.happened, next_steps=entry.next_steps,
            author=people[entry.author]))
        _count(counts, "progress entry")
    _count(counts, "initiative")
    if spec.serves_actions_of:
        forums = select(Forum.id).where(Forum.network_id == networks[spec.serves_actions_of].id)
        actions = db.session.scalars(select(Action).join(Meeting).where(
            Meeting.forum_id.in_(forums), Action.initiative_id.is_(None)))
        for action in actions:
            action.initiative = initiative


def reporting_half_years(today):
    """(name, start, end, due) of the half-years a region asks reports for, oldest first: from the
    newest one whose report was due before ``today`` up to the current one. A report is due a
    month after its half-year ends."""
    start, periods = date(today.year, 1 if today.month <= 6 else 7, 1), []
    while True:
        first_half = start.month == 1
        end = date(start.year, 6, 30) if first_half else date(start.year, 12, 31)
        due = end + timedelta(days=31)
        periods.append((f"{'Första' if first_half else 'Andra'} halvåret {start.year}", start, end, due))
        if due < today:
            return periods[::-1]
        start = date(start.year - 1, 7, 1) if first_half else date(start.year, 1, 1)


def _reporting_periods(regions, today, counts):
    """The regions' half-years (by name): loaded again in a later half-year, the new one is added."""
    existing = set(db.session.execute(select(ReportingPeriod.region_id, ReportingPeriod.name)).all())
    for region in regions:
        for name, starts, ends, due in reporting_half_years(today):
            if (region.id, name) not in existing:
                db.session.add(ReportingPeriod(region=region, name=name, starts_on=starts, ends_on=ends, due_on=due))
                _count(counts, "reporting period")


def add_meeting(forum, title, day, agenda, registrants=(), nodes=()):
    """A meeting 09:00–12:00 Stockholm time on ``day``; held, with minutes and actions, when past."""
    starts, today = to_utc(day, time(9)), times_today()
    past = day < today
    meeting = Meeting(
        forum=forum, title=title, status="held" if past else "planned", capacity=12,
        starts_at=starts, ends_at=starts + timedelta(hours=3),
        place="Regionhuset, sal 2", video_url="https://meet.example.se/samverkan" if len(forum_regions(forum)) > 1 else None,
        agenda_items=[AgendaItem(position=i, title=t) for i, t in enumerate(agenda)],
        registrations=[Registration(person=p) for p in registrants], nodes=list(nodes[:2]),
    )
    if past:
        meeting.minutes = ("## Lägesbild\n\nAktörerna redovisade sina insatser sedan förra mötet.\n\n"
                           "## Beslut\n\n- Arbetsgruppen fortsätter enligt plan.\n")
        decision = Decision(position=0, text="Arbetsgruppen tar fram ett underlag till nästa möte.")
        meeting.decisions = [decision]
        owner = registrants[0] if registrants else None
        if owner is not None:
            meeting.actions = [Action(decision=decision, what="Ta fram underlag om kompetensbehoven",
                                      owner_person=owner, due_on=day + timedelta(days=30),
                                      # done once its due date is a month past
                                      done=day + timedelta(days=60) < today,
                                      node=nodes[0] if nodes else None)]
    db.session.add(meeting)
    return meeting


def add_bench_meetings(forum_id, count):
    """``count`` more meetings in one forum, half past and half upcoming, for the benchmark."""
    forum = db.session.get(Forum, forum_id)
    if forum is None:
        raise LookupError(f"no forum {forum_id}")
    today = times_today()
    for i in range(count):
        add_meeting(forum, f"Möte {i + 1}", today + timedelta(days=i - count // 2), AGENDA[:2])
    db.session.commit()
    return db.session.scalar(select(func.count()).select_from(Meeting).filter_by(forum_id=forum_id))



# -- many initiatives, for the benchmark ----------------------------------------------------------

#: three places per county, for actors' names and initiatives' titles
TOWNS = {
    "stockholm": ("Stockholm", "Södertälje", "Norrtälje"), "uppsala": ("Uppsala", "Enköping", "Östhammar"),
    "sodermanland": ("Eskilstuna", "Nyköping", "Katrineholm"), "ostergotland": ("Linköping", "Norrköping", "Motala"),
    "jonkoping": ("Jönköping", "Värnamo", "Nässjö"), "kronoberg": ("Växjö", "Ljungby", "Älmhult"),
    "kalmar": ("Kalmar", "Västervik", "Oskarshamn"), "gotland": ("Visby", "Hemse", "Slite"),
    "blekinge": ("Karlskrona", "Karlshamn", "Ronneby"), "skane": ("Malmö", "Helsingborg", "Kristianstad"),
    "halland": ("Halmstad", "Varberg", "Falkenberg"), "vastra-gotaland": ("Göteborg", "Borås", "Trollhättan"),
    "varmland": ("Karlstad", "Arvika", "Kristinehamn"), "orebro": ("Örebro", "Karlskoga", "Lindesberg"),
    "vastmanland": ("Västerås", "Köping", "Sala"), "dalarna": ("Falun", "Borlänge", "Mora"),
    "gavleborg": ("Gävle", "Sandviken", "Hudiksvall"), "vasternorrland": ("Sundsvall", "Härnösand", "Örnsköldsvik"),
    "jamtland": ("Östersund", "Strömsund", "Åre"), "vasterbotten": ("Umeå", "Skellefteå", "Lycksele"),
    "norrbotten": ("Luleå", "Piteå", "Kiruna"),
}
#: inhabitants in thousands: a county's share of the initiatives follows the square root (a small
#: county runs fewer projects than a large one, but not proportionally fewer)
POPULATION = {
    "stockholm": 2450, "uppsala": 400, "sodermanland": 300, "ostergotland": 470, "jonkoping": 370,
    "kronoberg": 205, "kalmar": 246, "gotland": 61, "blekinge": 157, "skane": 1400, "halland": 340,
    "vastra-gotaland": 1750, "varmland": 283, "orebro": 307, "vastmanland": 280, "dalarna": 288,
    "gavleborg": 287, "vasternorrland": 244, "jamtland": 132, "vasterbotten": 275, "norrbotten": 250,
}
#: (name pattern, actor kind); "{gen}" is the place's genitive
ACTOR_PATTERNS = (
    ("{gen} kommun", "municipality"), ("Lärcentrum {town}", "education-provider"),
    ("{town} folkhögskola", "education-provider"), ("Yrkeshögskolan {town}", "education-provider"),
    ("Komvux {town}", "education-provider"), ("{town} Industriteknik AB", "employer"),
    ("{town} Vård och Omsorg AB", "employer"), ("Bygg och Anläggning {town} AB", "employer"),
    ("{town} Logistikcenter AB", "employer"), ("{town} Energi AB", "employer"),
    ("Företagarna {town}", "business-organisation"), ("Näringslivsbolaget i {town}", "business-organisation"),
    ("{town} Science Park", "business-organisation"), ("Arbetsförmedlingen {town}", "public-agency"),
    ("Samordningsförbundet {town}", "public-agency"), ("IT-kompetens {town} AB", "employer"),
    ("Skogsgruppen {town}", "employer"), ("{town} Livsmedel AB", "employer"),
    ("Gymnasieskolan i {town}", "education-provider"), ("Teknikcollege {town}", "education-provider"),
    ("Vård- och omsorgscollege {town}", "education-provider"), ("Studieförbundet {town}", "civil-society"),
    ("{town} Verkstad AB", "employer"), ("{town} Elektro AB", "employer"),
    ("Hotell och Konferens {town}", "employer"), ("{town} Transport AB", "employer"),
    ("Kompetenscentrum {town}", "education-provider"), ("Integrationscentrum {town}", "civil-society"),
    ("Fackförbundens samverkan {town}", "trade-union"), ("{gen} Hamn och Terminal AB", "employer"),
    ("{town} Fastigheter AB", "employer"), ("Handelsgillet {town}", "business-organisation"),
    ("{town} Digitala AB", "employer"), ("Rekryteringsnätverket {town}", "business-organisation"),
)
BENCH_ACTORS = 2000
#: theme slug -> (title stems, one sentence on what such an initiative does)
THEME_WORDS = {
    "validation": (("Validering", "Valideringscentrum", "Branschvalidering", "Validera yrkeskunnande"),
                   "Deltagarnas yrkeskunnande valideras mot branschens krav, så att de kan gå vidare till arbete "
                   "eller en kortare utbildning."),
    "guidance": (("Studie- och yrkesvägledning", "Vägledningscentrum", "Karriärvägledning"),
                 "Vägledarna i länets kommuner får stöd att visa vilka yrken och utbildningar som leder till jobb."),
    "integration": (("Etableringsinsats", "Snabbspår", "Integration genom arbete"),
                    "Nyanlända kommer snabbare i arbete genom språk, praktik och kontakter med arbetsgivare."),
    "gender-equality": (("Jämställd kompetensförsörjning", "Könsbrytande utbildningsval", "Jämställdhetslyft"),
                        "Insatsen bryter könsmönster i utbildningsval och rekrytering."),
    "education-planning": (("Utbildningsplanering", "Regional utbildningsplanering", "Dimensionering av utbildning"),
                           "Utbudet av utbildningar planeras efter arbetsmarknadens behov i länet."),
    "needs-analysis": (("Kompetensbehovsanalys", "Behovsinventering", "Kartläggning av kompetensbehov"),
                       "Arbetsgivarnas behov av kompetens kartläggs och analyseras för de kommande fem åren."),
    "coordination": (("Samordning", "Samverkansplattform", "Regional samordning"),
                     "Aktörerna samordnar sina insatser och delar kunskap i ett gemensamt forum."),
    "employer-competence-planning": (("Kompetensplanering", "Strategisk kompetensförsörjning",
                                      "Kompetensstöd för småföretag"),
                                     "Små och medelstora företag får stöd att planera sin kompetensförsörjning."),
    "education-employer-collaboration": (("Branschsamverkan", "Collegesamverkan", "Utbildning i samverkan"),
                                         "Utbildningsanordnare och arbetsgivare utformar utbildningarna tillsammans."),
    "broadened-recruitment": (("Breddad rekrytering", "Kompetensbaserad rekrytering", "Inkluderande rekrytering"),
                              "Arbetsgivarna rekryterar bredare och ser kompetens före formella meriter."),
    "international-recruitment": (("Internationell rekrytering", "Rekrytering från EU", "Välkomstpaket"),
                                  "Internationell kompetens lockas till länet och får hjälp att stanna."),
    "labour-market-entry": (("Vägen till arbete", "Arbetsmarknadsinsats", "Jobbspår"),
                            "Deltagarna får en väg in på arbetsmarknaden med handledning och praktik."),
    "lifelong-learning": (("Livslångt lärande", "Kompetenslyft", "Vidareutbildning"),
                          "Yrkesverksamma får möjlighet att utvecklas i yrket under hela arbetslivet."),
    "reskilling": (("Omställning", "Omskolning", "Omställningsstöd"),
                   "Anställda i branscher som förändras ställer om till nya yrken med hjälp av korta utbildningar."),
    "strength-areas": (("Styrkeområde", "Smart specialisering", "Innovationsmiljö"),
                       "Länets styrkeområden får den kompetens som behövs för att växa."),
    "vocational-swedish": (("Yrkessvenska", "Svenska för yrkesverksamma", "Språkstöd på arbetsplatsen"),
                           "Svenskundervisningen kombineras med yrkesutbildning och sker delvis på arbetsplatsen."),
    "work-based-learning": (("Arbetsplatsförlagt lärande", "Lärlingsutbildning", "Praktikprogram"),
                            "En stor del av lärandet sker på arbetsplatsen, med utbildade handledare."),
}
SECTORS = ("inom vård och omsorg", "inom industrin", "inom byggsektorn", "i besöksnäringen",
           "inom transport och logistik", "inom IT och digitalisering", "inom skogsnäringen",
           "inom energiomställningen", "i offentlig sektor", "inom handeln", "inom livsmedelsindustrin",
           "inom förskola och skola", "inom de gröna näringarna", "inom fordonsindustrin")
#: target group key -> how a title names it
GROUP_WORDS = {
    "young-people": "för unga", "newly-arrived": "för nyanlända",
    "far-from-labour-market": "för personer långt från arbetsmarknaden",
    "disabilities": "för personer med funktionsnedsättning", "employees": "för anställda",
    "employers": "för arbetsgivare", "students": "för elever", "adult-learners": "för vuxenstuderande",
    "guidance-counsellors": "för studie- och yrkesvägledare", "teachers": "för lärare och skolledare",
    "unemployed": "för arbetssökande",
}
FIRST_NAMES = ("Anna", "Erik", "Maria", "Johan", "Sara", "Lars", "Karin", "Mikael", "Elin", "Ahmed", "Fatima",
               "Per", "Emma", "Anders", "Sofia", "Mohammed", "Linnea", "Nils", "Ida", "Jonas")
LAST_NAMES = ("Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson",
              "Svensson", "Gustafsson", "Lindberg", "Holm", "Berg", "Sjöberg", "Haddad", "Wallin", "Öberg")
#: how many initiatives reach each status, in per cent
STATUS_SHARES = {"idea": 10, "planned": 20, "running": 45, "finished": 20, "cancelled": 5}
#: the steps an initiative took to reach its status
STATUS_PATHS = {"idea": ("idea",), "planned": ("idea", "planned"), "running": ("idea", "planned", "running"),
                "finished": ("idea", "planned", "running", "finished"), "cancelled": ("idea", "planned", "cancelled")}


def add_bench_initiatives(count, seed=8):
    """``count`` more initiatives spread over the 21 regions, for the benchmark; returns the id of
    the one with the most links (the benchmark's initiative page).

    Their owners and partners are ~2,000 synthetic actors (created once); those of regions with a
    plan link nodes of it; each has themes, target groups, perspectives, funding and a status
    history; 10 % report progress, 5 % are practices, 2 % drafts. Titles and summaries come from a
    vocabulary per theme, so text search has words to rank. Written with bulk inserts (no ORM
    objects, so no audit events and no session hooks: the search index is written here; the cache
    generations see Core inserts as they see flushes): 100,000 load in well under a minute.
    """
    rng = random.Random(seed)
    today = times_today()
    now = datetime.combine(today, time(12))
    regions = db.session.scalars(select(Region).order_by(Region.id)).all()
    if not regions:
        raise LookupError("run `samverkan plugins sync` first: the regions are missing")
    actors = _bench_actors(regions)
    themes = dict(db.session.execute(select(Theme.slug, Theme.id)).all())
    node_themes = {}
    for node_id, theme_id in db.session.execute(select(plan_node_themes.c.node_id, plan_node_themes.c.theme_id)):
        node_themes.setdefault(node_id, set()).add(theme_id)
    #: region id -> ids of the nodes of its current plans
    nodes = {region.id: db.session.scalars(select(PlanNode.id).where(
        PlanNode.plan_id.in_([plan.id for plan in region.current_plans]), PlanNode.retired.is_(False))).all()
        for region in regions}
    networks = {region.id: db.session.scalars(select(Network.id).where(
        Network.regions.any(Region.id == region.id))).all() for region in regions}
    weights = list(itertools.accumulate(POPULATION.get(region.slug, 250) ** 0.5 for region in regions))
    statuses, shares = list(STATUS_SHARES), list(itertools.accumulate(STATUS_SHARES.values()))
    theme_slugs = [slug for slug in THEME_WORDS if slug in themes] or list(themes)

    rows, links = [], []
    for _ in range(count):
        region = rng.choices(regions, cum_weights=weights)[0]
        towns = TOWNS.get(region.slug, (region.name,))
        slug = rng.choice(theme_slugs)
        stems, sentence = THEME_WORDS.get(slug, ((slug,), ""))
        groups = rng.sample(list(TARGET_GROUPS), rng.choice((1, 1, 2, 3)))
        status = rng.choices(statuses, cum_weights=shares)[0]
        town = rng.choice(towns)
        title = f"{rng.choice(stems)} {rng.choice(SECTORS)} {GROUP_WORDS.get(groups[0], '')}".strip()
        if rng.random() < 0.5:
            title += f" i {town}"
        created = now - timedelta(days=rng.randint(30, 6 * 365), minutes=rng.randint(0, 1440))
        updated = created + (now - created) * rng.random()
        starts = created.date() + timedelta(days=rng.randint(0, 120))
        budget = rng.randrange(200_000, 20_000_000, 10_000)
        practice = status in ("running", "finished") and rng.random() < 0.05 / 0.65
        owner = rng.choice(actors[region.id])
        summary = (f"{sentence} {owner.name} driver arbetet i {town}"
                   f"{' tillsammans med partner i flera län' if rng.random() < 0.2 else ''}. "
                   f"Målet är att fler ska få arbete {rng.choice(SECTORS)} till {starts.year + 3}.")
        rows.append(dict(
            title=title, summary=summary,
            description=f"## Bakgrund\n\n{sentence}\n\n## Genomförande\n\n- Kartläggning\n- Utbildning\n"
                        f"- Uppföljning med {rng.choice(LAST_NAMES)}-modellen\n",
            owner_id=owner.id, lead_region_id=region.id, status=status, draft=rng.random() < 0.02,
            starts_on=starts, ends_on=starts + timedelta(days=rng.randint(180, 3 * 365)), budget_sek=budget,
            external_ref=f"{starts.year}/{rng.randint(1, 99999):05d}" if rng.random() < 0.3 else None,
            contact_name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}", contact_email=None,
            contact_phone=f"010-{rng.randint(100, 999)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
            links="",
            results="Deltagarna har fått arbete eller gått vidare till studier." if status == "finished" else "",
            is_practice=practice, practice_since=created.date() if practice else None,
            lessons_learned="Börja med arbetsgivarnas behov och låt dem vara med från start." if practice else "",
            created_at=created, created_by_id=None, updated_at=updated, updated_by_id=None, version=1,
        ))
        partner_regions = rng.sample([r for r in regions if r is not region], rng.choice((1, 2))) \
            if rng.random() < 0.15 else []
        nearby = [region, *partner_regions]
        own_nodes = [n for r in nearby for n in nodes[r.id]] if partner_regions else nodes[region.id]
        picked_nodes = rng.sample(own_nodes, min(len(own_nodes), rng.randint(1, 3))) if own_nodes else []
        carried = set().union(*(node_themes.get(n, set()) for n in picked_nodes))
        direct = {themes[slug]} if themes.get(slug) not in carried or rng.random() < 0.5 else set()
        if rng.random() < 0.3:
            direct.add(themes[rng.choice(theme_slugs)])
        partners = {a.id for a in rng.sample([a for r in nearby for a in actors[r.id]], rng.randint(1, 3))} \
            - {owner.id} if rng.random() < 0.3 else set()
        funding = _split_budget(rng, budget)
        # reports come from initiatives under way or done, after they began: 10 % of all
        reports = status in ("running", "finished") and rng.random() < 0.10 / 0.65
        progress = [max(created.date(), today - timedelta(days=rng.randint(1, 400)))
                    for _ in range(rng.randint(1, 4))] if reports else []
        steps = STATUS_PATHS[status]
        links.append(dict(
            regions=[r.id for r in partner_regions], nodes=picked_nodes, themes=direct, partners=partners,
            groups=groups, perspectives=rng.sample(list(EQUALITY_PERSPECTIVES), rng.randint(0, 2)),
            funding=funding, progress=progress,
            networks=rng.sample(networks[region.id], 1) if networks[region.id] and rng.random() < 0.1 else [],
            steps=[(before, after, created.date() + (updated.date() - created.date()) * n // len(steps))
                   for n, (before, after) in enumerate(zip((None, *steps), steps))],
        ))
    rich = _richest(rows, links, regions, nodes, themes, actors, networks, today)
    ids = _bulk_insert(rows, links)
    _reindex_search()
    db.session.commit()
    if db.engine.dialect.name == "postgresql":
        # the statistics autovacuum would gather shortly after a load this size
        db.session.execute(text("ANALYZE"))
        db.session.commit()
    return ids[rich]


def _split_budget(rng, budget):
    sources = rng.sample(list(FUNDING_SOURCES), rng.randint(1, 3))
    cuts = sorted(rng.randrange(0, budget, 10_000) for _ in sources[1:])
    bounds = [0, *cuts, budget]
    return {source: bounds[n + 1] - bounds[n] for n, source in enumerate(sources) if bounds[n + 1] > bounds[n]}


def _richest(rows, links, regions, nodes, themes, actors, networks, today):
    """Give the first Västmanland initiative (or the first) many links: the page the benchmark opens."""
    region_ids = {region.slug: region.id for region in regions}
    index = next((n for n, row in enumerate(rows) if row["lead_region_id"] == region_ids.get("vastmanland")), 0)
    row, link = rows[index], links[index]
    lead = row["lead_region_id"]
    others = [r for r in (region_ids.get("vasternorrland"), region_ids.get("gotland")) if r and r != lead]
    row.update(draft=False, status="running", is_practice=True, practice_since=row["practice_since"] or today,
               links="https://example.se/projekt\nhttps://example.se/rapport",
               lessons_learned="Börja med arbetsgivarnas behov och låt dem vara med från start.")
    link.update(
        regions=others, nodes=[*nodes[lead][:6], *[n for r in others for n in nodes[r][:3]]],
        themes=set(list(themes.values())[:5]), partners={a.id for a in actors[lead][1:9]} - {row["owner_id"]},
        groups=list(TARGET_GROUPS)[:5], perspectives=list(EQUALITY_PERSPECTIVES), networks=networks[lead],
        progress=[today - timedelta(days=30 * n) for n in range(1, 9)],
        funding={"esf": row["budget_sek"] // 2, "regional": row["budget_sek"] // 4,
                 "own": row["budget_sek"] - row["budget_sek"] // 2 - row["budget_sek"] // 4},
        steps=[(None, "idea", today - timedelta(days=400)), ("idea", "planned", today - timedelta(days=300)),
               ("planned", "running", today - timedelta(days=200))],
    )
    return index


def _bench_actors(regions):
    """region id -> its synthetic actors (created the first time), ~2,000 over the 21 regions."""
    wanted = []
    for pattern, kind in ACTOR_PATTERNS:
        for region in regions:
            for town in TOWNS.get(region.slug, (region.name,)):
                gen = town if town[-1] in "sxz" else town + "s"
                wanted.append((pattern.format(town=town, gen=gen), kind, town, region.id))
    wanted = wanted[:BENCH_ACTORS]
    names = [comparable_name(name) for name, *_ in wanted]
    existing = set()
    for chunk in range(0, len(names), 500):
        existing |= set(db.session.scalars(select(Actor.comparable_name).where(
            Actor.comparable_name.in_(names[chunk:chunk + 500]))))
    new = [(name, kind, town, region_id) for (name, kind, town, region_id), key in zip(wanted, names)
           if key not in existing]
    if new:
        table = Actor.__table__
        ids = db.session.scalars(insert(table).returning(table.c.id, sort_by_parameter_order=True), [
            dict(name=name, comparable_name=comparable_name(name), kind=kind, municipality=town, description="",
                 created_at=datetime.combine(times_today(), time(8)))
            for name, kind, town, _ in new]).all()
        db.session.execute(insert(actor_regions), [dict(actor_id=actor_id, region_id=region_id)
                                                   for actor_id, (*_, region_id) in zip(ids, new)])
    found = db.session.execute(select(Actor, actor_regions.c.region_id).join(
        actor_regions, actor_regions.c.actor_id == Actor.id).where(Actor.comparable_name.in_(set(names)))).all()
    by_region = {region.id: [] for region in regions}
    for actor, region_id in found:
        by_region[region_id].append(actor)
    return by_region


def _bulk_insert(rows, links):
    """The initiatives and their links, in batches of plain INSERTs; the initiatives' new ids."""
    m = initiative_models
    # ids given here, not returned one by one: RETURNING in a stated order is a row per statement on SQLite
    table = m.Initiative.__table__
    first = (db.session.scalar(select(func.max(table.c.id))) or 0) + 1
    ids = list(range(first, first + len(rows)))
    for start in range(0, len(rows), 20_000):
        _insert_rows(table, [dict(row, id=initiative_id) for initiative_id, row in
                             zip(ids[start:start + 20_000], rows[start:start + 20_000])])
    if db.engine.dialect.name == "postgresql":
        db.session.execute(text("SELECT setval(pg_get_serial_sequence('initiatives', 'id'), :last)"),
                           {"last": ids[-1]})
    tables = {
        m.initiative_regions: lambda i, l: [dict(initiative_id=i, region_id=r) for r in l["regions"]],
        m.initiative_plan_nodes: lambda i, l: [dict(initiative_id=i, node_id=n) for n in l["nodes"]],
        m.initiative_themes: lambda i, l: [dict(initiative_id=i, theme_id=t) for t in l["themes"]],
        m.initiative_partners: lambda i, l: [dict(initiative_id=i, actor_id=a) for a in l["partners"]],
        m.initiative_networks: lambda i, l: [dict(initiative_id=i, network_id=n) for n in l["networks"]],
        m.InitiativeTargetGroup.__table__: lambda i, l: [dict(initiative_id=i, key=k) for k in l["groups"]],
        m.InitiativePerspective.__table__: lambda i, l: [dict(initiative_id=i, key=k) for k in l["perspectives"]],
        m.Funding.__table__: lambda i, l: [dict(initiative_id=i, source=s, amount_sek=a)
                                           for s, a in l["funding"].items()],
        m.StatusChange.__table__: lambda i, l: [dict(initiative_id=i, from_status=f, to_status=t, changed_on=d,
                                                     changed_by_id=None) for f, t, d in l["steps"]],
        m.ProgressEntry.__table__: lambda i, l: [dict(
            initiative_id=i, reported_on=day, happened="Vi har genomfört planerade aktiviteter och följt upp "
            "deltagarna.", next_steps="Fortsätta enligt plan.", author_id=None,
            created_at=datetime.combine(day, time(9)))
            for day in sorted(l["progress"])],
    }
    for table, make in tables.items():
        batch = []
        for initiative_id, link in zip(ids, links):
            batch += make(initiative_id, link)
            if len(batch) >= 20_000:
                _insert_rows(table, batch)
                batch = []
        if batch:
            _insert_rows(table, batch)
    return ids


def _insert_rows(table, rows):
    """One INSERT of many rows (dicts with the same keys); on PostgreSQL a COPY, a few times faster
    than even a pipelined executemany."""
    if db.engine.dialect.name != "postgresql":
        db.session.execute(insert(table), rows)
        return
    columns = list(rows[0])
    cursor = db.session.connection().connection.driver_connection.cursor()
    with cursor, cursor.copy(f"COPY {table.name} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row([row[column] for column in columns])


def _reindex_search():
    """The demo's rows are written around the services, which emit the events the search index
    follows (and bulk inserts around the ORM): rebuild the index once here."""
    from .search.documents import reindex

    reindex(db.session)
