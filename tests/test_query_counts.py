"""The SQL statements a page render costs do not grow with the data (no query per row).

Every page in :data:`PAGES` is rendered against two databases: the installed plugins plus a small
test county, and the same plus a large one (more regions with plans, each plan many times
larger, more principles, every node on a shared theme). Both hold the demo's actors, networks,
forums, meetings and indicator values; the large one also 40 more actors and 300 more meetings in
the first forum, with their registrations and actions, and 29 more years of an indicator's values
for every county. A page whose statement count differs
between the two issues statements per region, plan or node. A new page joins by adding its URL.

SQLite only: a statement count does not depend on the database, and PostgreSQL adds no page.
"""
import dataclasses

import pytest
from conftest import make_app
from sqlalchemy import event, select

from samverkan.extensions import db
from samverkan.plugins import get_plugin_manager
from samverkan.specs import NodeKindSpec, NodeSpec, PlanSpec, PrincipleSpec, RegionPlugin, RegionSpec
from samverkan.actors.models import Actor, comparable_name
from samverkan.bench_data import add_bench_meetings
from samverkan.demo import load_demo
from samverkan.regions.models import Region
from samverkan.sync import sync_all
from samverkan.times import today

#: every public page; the test county's pages (Stockholm) exist at both data sizes
PAGES = [
    "/",
    "/regions/",
    "/regions/vastmanland/",
    "/regions/vastmanland/plan",
    "/regions/vastmanland/plan?expand=all",
    "/regions/vastmanland/plan/M8",
    "/regions/vastmanland/plan/M8/tree-item?open=M8",
    "/regions/vasternorrland/plan",
    "/regions/stockholm/",
    "/regions/stockholm/plan",
    "/regions/stockholm/plan?expand=all",
    "/regions/stockholm/plan/A1",
    "/regions/stockholm/plan/A1.1/tree-item?open=A1.1",
    "/regions/stockholm/plan?version=1",
    "/regions/stockholm/plan?version=1&expand=all",
    "/regions/stockholm/plan/A1.1?version=1",
    "/regions/stockholm/plan/A1.1/tree-item?open=A1.1&version=1",
    "/regions/stockholm/plan/changes",
    "/regions/stockholm/plan/changes?from=2&to=1",
    "/regions/skane/",
    "/regions/vastmanland/assessments",
    "/regions/vasternorrland/gaps",
    "/regions/stockholm/assessments",
    "/regions/stockholm/gaps",
    "/themes/",
    "/themes/validation",
    "/regions/vastmanland/indicators",
    "/regions/vastmanland/indicators/rus-17",
    "/regions/vastmanland/indicators/rus-17?region=gavleborg",
    "/regions/vastmanland/indicators/rus-17.csv",
    "/regions/vasternorrland/indicators",
    "/compare/",
    "/compare/?status=&year_from=2020&funding=esf&actor_kind=municipality&target_group=students&measure=budget",
    "/compare/needs.csv",
    "/regions/vastmanland/needs",
    "/regions/vastmanland/needs?by=seqf&horizon=3y",
    "/regions/vastmanland/needs.csv",
    "/regions/vastmanland/needs.json",
    "/regions/vasternorrland/needs",
    "/needs",
    "/needs?by=route&horizon=3y",
    "/needs.csv",
    "/needs.json",
]
#: the collaboration pages: more to show per page, as many statements at every size
COLLABORATION_PAGES = [
    "/actors/",
    "/actors/?kind=municipality&region=vastmanland",
    "/actors/1",
    "/actors/1/competence-plan",
    "/actors/1/competence-plan/2025",
    "/networks/",
    "/networks/?stage=samverkan",
    "/networks/1",
    "/forum-models/",
    "/forum-models/1",
    "/forums/1",
    "/forums/1?page=2",
    "/meetings/1",
    "/regions/vastmanland/meetings",
    "/regions/vasternorrland/priorities",
    "/regions/vastmanland/priorities",
    "/networks/1/meetings",
    "/practices/",
    "/practices/?theme=validation&funding=esf",
    "/search?q=v%C3%A4ster%C3%A5s&kind=actor",
    "/search?q=m%C3%B6te&kind=meeting&region=vasternorrland",
]
#: the initiative list, plain, with every filter, by actor and network, and a second page (an
#: initiative's page is bounded by the practices' own test)
INITIATIVE_PAGES = [
    "/initiatives/",
    "/initiatives/?region=vastmanland&status=planned&target_group=students&theme=validation&q=initiativ",
    "/initiatives/?actor=1",
    "/initiatives/?network=1&status=idea",
    "/initiatives/?page=2",
]

#: the annual report, this year's (the demo's meetings and steps are in it) and last year's for the
#: test county, computed on request: :data:`REPORT_STATEMENTS` statements, whatever the data
REPORT_PAGES = [f"/regions/vastmanland/report/{today().year}", f"/regions/stockholm/report/{today().year - 1}"]
#: the region, the cache generations (one read, where the plan and initiative stamps were two), the
#: coverage and the status assessments at the year's start and end, the assessments made in it, the
#: status changes, the practices marked, the adoptions, the networks, the meetings, the indicators
REPORT_STATEMENTS = 12

#: (counties with a test plan, areas per plan, goals per area, principles per county)
SMALL, LARGE = (["01"], 1, 1, 1), (["01", "03", "04", "05"], 6, 5, 4)


def test_county_plugin(counties, areas, goals, principles):
    """A plugin with a plan of ``areas`` × ``goals`` × 2 nodes in each of ``counties``; the first
    county's plan has a version 2 besides, in which every goal's first step is gone and every area
    is reworded."""
    kinds = (NodeKindSpec("area", "Område"), NodeKindSpec("goal", "Mål"), NodeKindSpec("step", "Steg"))

    def nodes():
        for a in range(1, areas + 1):
            yield NodeSpec(f"A{a}", "area", f"Område {a}", themes=("validation",), children=tuple(
                NodeSpec(f"A{a}.{g}", "goal", f"Mål {a}.{g}", themes=("validation", "reskilling"), children=(
                    NodeSpec(f"A{a}.{g}.1", "step", "Första steget", themes=("validation",)),
                    NodeSpec(f"A{a}.{g}.2", "step", "Andra steget", themes=("validation",)),
                )) for g in range(1, goals + 1)))

    def revised():
        for area in nodes():
            yield dataclasses.replace(area, title=f"Nytt {area.title}", children=tuple(
                dataclasses.replace(goal, children=goal.children[1:2]) for goal in area.children))

    plans = [PlanSpec(region_code=code, key="plan", title=f"Plan {code}", node_kinds=kinds, nodes=tuple(nodes()))
             for code in counties]
    plans.append(dataclasses.replace(plans[0], version=2, nodes=tuple(revised())))
    return RegionPlugin(
        regions=[RegionSpec(code=code, name=f"Testlän {code}") for code in counties],
        plans=plans,
        principles=[PrincipleSpec(region_code=code, title=f"Princip {i}") for code in counties
                    for i in range(principles)],
    )


test_county_plugin.__test__ = False  # a builder, not a test


def more_collaboration():
    """40 more actors in Västmanland, 300 more meetings (with registrants and actions) in forum 1."""
    region = db.session.scalar(select(Region).filter_by(slug="vastmanland"))
    for i in range(40):
        name = f"Kommun {i}"
        db.session.add(Actor(name=name, comparable_name=comparable_name(name), kind="municipality",
                             municipality="Västerås", regions=[region]))
    add_bench_meetings(1, 300)


def more_indicator_values():
    """Values of sub-goal 17 for every county in 1990–2018, women and men too (the demo has 2019–2025)."""
    from samverkan.indicators import services
    from samverkan.indicators.models import Indicator

    rus17 = db.session.scalar(select(Indicator).filter_by(key="rus-17"))
    for region in db.session.scalars(select(Region)):
        for year in range(1990, 2019):
            services.add_value(rus17, region.id, year, {"value": 60 + year % 7, "value_women": 64.5,
                                                        "value_men": 57.25})
    db.session.commit()


def some_initiatives(count):
    """``count`` initiatives led from Västmanland (every third a draft) on node M8 or its child M8.1
    and on the theme validation, for students, owned by actor 1 or a partner of it, in network 1,
    with Stockholm as partner region and two progress entries each; and an action of meeting 1
    serving each."""
    from datetime import date

    from samverkan.initiatives import services
    from samverkan.initiatives.models import ProgressEntry
    from samverkan.meetings.models import Action
    from samverkan.networks.models import Network
    from samverkan.plans.models import Plan, PlanNode
    from samverkan.themes.models import Theme

    region = db.session.scalar(select(Region).filter_by(slug="vastmanland"))
    partner = db.session.scalar(select(Region).filter_by(slug="stockholm"))
    nodes = {node.code: node for node in db.session.scalars(
        select(PlanNode).join(Plan).where(Plan.region_id == region.id, Plan.retired.is_(False),
                                          PlanNode.code.in_(["M8", "M8.1"])))}
    theme = db.session.scalar(select(Theme).filter_by(slug="validation"))
    actor, network = db.session.get(Actor, 1), db.session.get(Network, 1)
    others = db.session.scalars(select(Actor).where(Actor.id != 1).order_by(Actor.id).limit(count)).all()
    for i in range(count):
        own = i % 2 == 0 or not others
        initiative = services.create_initiative(
            {"title": f"Initiativ {i}", "owner_id": actor.id if own else others[i % len(others)].id,
             "partners": [] if own else [actor], "lead_region_id": region.id, "partner_regions": [partner],
             "nodes": [nodes["M8" if i % 2 else "M8.1"]], "themes": [theme], "networks": [network],
             "status": ("idea", "planned", "running", "finished")[i % 4], "draft": i % 3 == 2,
             "target_groups": ["students"]}, by=None)
        for day in (1, 2):
            db.session.add(ProgressEntry(initiative=initiative, reported_on=date(2025, 1, day), happened="Gjort"))
        db.session.add(Action(meeting_id=1, what=f"Åtgärd {i}", owner_actor=actor, initiative=initiative))
    db.session.commit()


def some_needs(employers):
    """A closed needs round in Västmanland answered by ``employers`` employers (two needs each,
    over four municipalities and "not given"), an earlier one, and an open one that never counts."""
    import needs_data as nd

    towns = ("Västerås", "Köping", "Sala", "Arboga", None)
    answers = [(f"Behovsarbetsgivare {n} AB", towns[n % len(towns)],
                [nd.need(str(n % 10), 1 + n % 8, ("internal", "validation", "upper-secondary")[n % 3], n % 7, n % 7 + 2),
                 nd.need("2", 6, "higher-education", 1, 3)]) for n in range(employers)]
    nd.make_round("vastmanland", answers[: employers // 2 + 1], period=nd.EARLIER, title="Förra")
    nd.make_round("vastmanland", answers)
    nd.make_round("vastmanland", answers, period=nd.open_period(), title="Pågående")


def statements_per_page(tmp_path_factory, size):
    pm = get_plugin_manager(extra_plugins=[("testcounty", test_county_plugin(*size))])
    app = make_app(f"sqlite:///{tmp_path_factory.mktemp('counts') / 'db.sqlite'}", plugin_manager=pm)
    client = app.test_client()
    counts = {}
    with app.app_context():
        sync_all(app.extensions["samverkan.plugins"])
        load_demo()
        if size == LARGE:
            more_collaboration()
            more_indicator_values()
        some_initiatives(40 if size == LARGE else 3)
        some_needs(60 if size == LARGE else 5)
        executed = []
        listener = lambda *args: executed.append(args[2])  # noqa: E731  (the statement)
        event.listen(db.engine, "before_cursor_execute", listener)
        try:
            for url in PAGES + COLLABORATION_PAGES + INITIATIVE_PAGES + REPORT_PAGES:
                renders = []
                for _ in range(2):  # the first render may fill a cache; the second reads it
                    # a fresh session, as every request in production has: the test's app context
                    # would otherwise keep one identity map across requests, and what an earlier
                    # page happened to load would save this one a statement
                    db.session.remove()
                    executed.clear()
                    response = client.get(url)
                    assert response.status_code == 200, url
                    renders.append(len(executed))
                counts[url] = renders
        finally:
            event.remove(db.engine, "before_cursor_execute", listener)
            db.session.remove()
            db.engine.dispose()
    return counts


@pytest.fixture(scope="module")
def small_and_large(tmp_path_factory):
    return statements_per_page(tmp_path_factory, SMALL), statements_per_page(tmp_path_factory, LARGE)


@pytest.mark.parametrize("url", PAGES + COLLABORATION_PAGES + INITIATIVE_PAGES + REPORT_PAGES)
def test_statements_per_render_do_not_grow_with_the_data(small_and_large, url):
    small, large = small_and_large
    assert large[url] == small[url], f"{url}: {small[url]} statements (first, second render) with the small data, {large[url]} with the large"


@pytest.mark.parametrize("url", PAGES)
def test_a_page_reads_at_most_a_few_statements_once_warm(small_and_large, url):
    small, _large = small_and_large
    assert small[url][1] <= 6, f"{url}: {small[url][1]} statements on a warm render"


@pytest.mark.parametrize("url", COLLABORATION_PAGES + INITIATIVE_PAGES)
def test_a_collaboration_page_reads_a_bounded_number_of_statements(small_and_large, url):
    small, _large = small_and_large
    assert small[url][1] <= 15, f"{url}: {small[url][1]} statements"


@pytest.mark.parametrize("url", REPORT_PAGES)
def test_the_annual_report_reads_a_fixed_number_of_statements(small_and_large, url):
    small, _large = small_and_large
    assert small[url][1] == REPORT_STATEMENTS, f"{url}: {small[url][1]} statements on a warm render"
