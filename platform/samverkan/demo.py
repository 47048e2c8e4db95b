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
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from .accounts.models import Person, RoleGrant
from .accounts.services import grant_role
from .actors.models import Actor, Membership, comparable_name
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
from .meetings.models import Action, AgendaItem, Decision, Meeting, Registration
from .networks.models import Network, NetworkMember, StageChange
from .plans.models import PlanNode
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
            reindex_search()
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


def reindex_search():
    """The demo's rows are written around the services, which emit the events the search index
    follows (and bulk inserts around the ORM): rebuild the index once here."""
    from .search.documents import reindex

    reindex(db.session)
