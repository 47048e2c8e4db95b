"""The benchmark's data: many meetings in one forum and many initiatives over the 21 regions, written
in bulk (``samverkan demo meetings`` and ``demo initiatives``; ``make bench`` uses both). The demo
a newcomer sees is :mod:`samverkan.demo`."""
import itertools
import random
from datetime import datetime, time, timedelta

from sqlalchemy import func, insert, select, text

from .actors.models import Actor, actor_regions, comparable_name
from .demo import AGENDA, add_meeting, reindex_search
from .extensions import db
from .forums.models import Forum
from .initiatives import models as initiative_models
from .initiatives.vocabulary import EQUALITY_PERSPECTIVES, FUNDING_SOURCES, TARGET_GROUPS
from .meetings.models import Meeting
from .networks.models import Network
from .plans.models import PlanNode, plan_node_themes
from .regions.models import Region
from .themes.models import Theme
from .times import today as times_today


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
    reindex_search()
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
