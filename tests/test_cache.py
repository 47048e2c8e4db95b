"""The cache layer (``samverkan.cache``), tested from its declarations: every generation a feature
declares backs a page here (a new declaration without one fails), a Core statement writing any
table it declares renews it and makes its page compute again, and a real write through the app
shows on the page; a rolled-back write renews nothing; a region's write keeps other regions'
figures; keys change with the package's version; a cached HTML fragment is the same bytes for
every role."""
import re
from datetime import date

import collab
import needs_data as nd
import pytest
from conftest import ACCOUNTS, login
from markupsafe import Markup
from samverkan import cache
from samverkan.assessments import services as assessments
from samverkan.extensions import db
from samverkan.initiatives.models import Initiative
from samverkan.plans.models import PlanNode
from sqlalchemy import update
from test_assessments import tree_marks
from test_compare import all_themes_of
from test_needs_pages import table_rows
from test_practices import executed

#: generation -> a page it backs (its cached part computed on the first request)
PAGES = {
    "initiative-lists": "/initiatives/",
    "plan-trees": "/regions/vastmanland/plan",
    "plan-marks": "/regions/vastmanland/plan",
    "compare": "/compare/",
    "compare-pages": "/compare/",
    "needs": "/regions/vastmanland/needs",
    "annual-report": "/regions/vastmanland/report/2024.pdf",  # made again: a new data version
}


@pytest.fixture(autouse=True)
def pdfs_without_weasyprint(monkeypatch):
    """The report's PDF as a stand-in: what these tests see is whether it is made again."""
    from samverkan.reports import services

    monkeypatch.setattr(services, "write_pdf", lambda html, base_url, stylesheets: b"%PDF-")


def generations(app):
    """The generations as a new request reads them."""
    with app.app_context():
        return dict(cache.generations())


def touch(app, table_name, commit=True):
    """A Core ``UPDATE`` of every row of ``table_name`` (a column set to itself), committed (or
    rolled back) through the session as a fix by hand would be: a write the ORM never saw."""
    table = db.metadata.tables[table_name]
    column = next((c for c in table.columns if not c.primary_key), next(iter(table.columns)))
    with app.app_context():
        db.session.execute(update(table).values({column.name: column}))
        db.session.flush()
        if commit:
            db.session.commit()
        else:
            db.session.rollback()


def test_every_declared_generation_backs_a_page_here(app):  # the app: every feature declared
    assert set(cache.declared()) == set(PAGES)


@pytest.mark.parametrize("name", sorted(PAGES))
def test_a_write_to_each_declared_table_renews_the_generation_and_its_page(synced_app, accounts, name):
    """For each table the generation reads: the warm page reads a few statements; a Core write to
    the table bumps the generation (and only after its commit), and the page computes again."""
    generation, url = cache.declared()[name], PAGES[name]
    client = synced_app.test_client()
    with synced_app.app_context():
        nd.make_round("vastmanland", nd.FIVE)  # a closed round, so that the needs pages show figures
    for table in sorted(generation.reads):
        executed(synced_app, client, url)
        warm = len(executed(synced_app, client, url))
        before = generations(synced_app).get(name)
        touch(synced_app, table)
        assert generations(synced_app).get(name) != before, table
        assert len(executed(synced_app, client, url)) > warm, f"{table}: {url} was not computed again"


def test_a_rolled_back_write_renews_nothing(synced_app):
    before = generations(synced_app)
    for table in sorted(set().union(*(generation.reads for generation in cache.declared().values()))):
        touch(synced_app, table, commit=False)
        assert generations(synced_app) == before, table


# -- real writes through the app show on the pages -----------------------------------------------

def test_the_pages_show_a_write_through_the_app_at_once(synced_app):
    client = synced_app.test_client()
    plan = "/regions/vastmanland/plan"
    for url in {*PAGES.values()}:  # every page warm
        client.get(url)
    with synced_app.app_context():
        collab.make_initiative("gotland", title="Gotländskt cacheprov", status="running",
                               themes=[collab.theme("validation")], nodes=[])
        db.session.commit()
    assert "Gotländskt cacheprov" in client.get("/initiatives/").text  # initiative-lists
    assert all_themes_of(client, "Gotland") == 1  # compare
    with synced_app.app_context():
        db.session.query(PlanNode).filter_by(code="M2").one().title = "En titel som cachen inte kände"
        db.session.commit()
    assert "En titel som cachen inte kände" in client.get(plan).text  # plan-trees
    assert tree_marks(client.get(plan).text)["M1"].startswith("Status: Inte bedömd")
    with synced_app.app_context():
        assessments.add_assessment(collab.region("vastmanland"), db.session.query(PlanNode).filter_by(code="M1").one(),
                                   date(2025, 1, 1), "early", True, "", by=None)
        db.session.commit()
    assert tree_marks(client.get(plan).text)["M1"].startswith("Status: I ett tidigt skede Prioriterad")  # plan-marks
    assert "needs-ssyk-table" not in client.get("/regions/vastmanland/needs").text
    assert 'id="needs-table"' not in client.get("/compare/").text
    with synced_app.app_context():
        nd.make_round("vastmanland", nd.FIVE)
    assert table_rows(client.get("/regions/vastmanland/needs").text, "needs-ssyk-table")["Alla"][0] == "5"  # needs
    assert table_rows(client.get("/compare/").text, "needs-table")["Västmanland"][0]  # compare-pages


# -- regions, versions ------------------------------------------------------------------------------

def test_a_write_that_names_its_region_keeps_the_other_regions_figures(synced_app):
    """An assessment in Västernorrland renews Västernorrland's plan marks (and every region's
    together), never Västmanland's; an edit of a node, which names no region, renews all."""
    vm, vn = (collab_region_id(synced_app, slug) for slug in ("vastmanland", "vasternorrland"))
    before = generations(synced_app)
    with synced_app.app_context():
        node = db.session.query(PlanNode).join(PlanNode.plan).filter_by(region_id=vn).first()
        assessments.add_assessment(collab.region("vasternorrland"), node, date(2025, 1, 1), "early", False, "", by=None)
        db.session.commit()
    after = generations(synced_app)
    assert after.get(f"plan-marks@{vn}") != before.get(f"plan-marks@{vn}")
    assert after.get("plan-marks@any") != before.get("plan-marks@any")
    assert after.get(f"plan-marks@{vm}") == before.get(f"plan-marks@{vm}")
    assert after.get("plan-marks") == before.get("plan-marks")
    assert after.get("plan-trees") == before.get("plan-trees")
    with synced_app.app_context():
        key = cache.declared()["plan-marks"].key
        assert key(vm) != key(vn) and key(vm)[:3] == key(vn)[:3]


def test_changes_a_service_says_are_of_some_regions_bump_those_regions_where_declared_scoped(synced_app):
    """An initiative's change flushed in ``regions_written`` bumps the comparison's and the
    report's generations of those regions (and of any region), the lists' (not regional) whole."""
    vm, vn = (collab_region_id(synced_app, slug) for slug in ("vastmanland", "vasternorrland"))
    with synced_app.app_context():
        initiative_id = collab.make_initiative("vastmanland", title="Bara i Västmanland").id
        db.session.commit()
    before = generations(synced_app)
    with synced_app.app_context():
        with cache.regions_written({vm}):
            db.session.get(Initiative, initiative_id).budget_sek = 1000
        db.session.commit()
    after = generations(synced_app)
    for name in ("compare", "annual-report"):
        assert after[f"{name}@{vm}"] != before.get(f"{name}@{vm}"), name
        assert after[f"{name}@any"] != before.get(f"{name}@any"), name
        assert after.get(f"{name}@{vn}") == before.get(f"{name}@{vn}"), name
        assert after.get(name) == before.get(name), name
    assert after["initiative-lists"] != before.get("initiative-lists")
    assert after.get("plan-marks") != before.get("plan-marks")  # its initiatives' tables are not scoped


def collab_region_id(app, slug):
    with app.app_context():
        return collab.region(slug).id


def test_keys_carry_the_package_version(synced_app, monkeypatch):
    lists = cache.declared()["initiative-lists"]
    with synced_app.app_context():
        before = lists.key()
        kept = lists.kept(10)
        kept["page"] = "computed by the release before"
        monkeypatch.setattr(cache, "VERSION", "99.0")
        assert lists.key() != before and "99.0" in lists.key()
        assert "page" not in lists.kept(10)


def test_renew_by_hand_renews_the_names_given_or_all(synced_app):
    runner = synced_app.test_cli_runner()
    before = generations(synced_app)
    result = runner.invoke(args=["cache", "renew", "needs"])
    assert result.exit_code == 0, result.output
    after = generations(synced_app)
    assert after["needs"] != before.get("needs")
    assert after.get("compare") == before.get("compare")
    assert runner.invoke(args=["cache", "renew"]).exit_code == 0
    assert all(generations(synced_app)[name] != after.get(name) for name in PAGES)
    wrong = runner.invoke(args=["cache", "renew", "no-such-thing"])
    assert wrong.exit_code != 0 and "unknown generation" in wrong.output


# -- a fragment is the same for every role ---------------------------------------------------------

ROLES = ["anonymous", "member", "project-lead", "region-admin", "platform-admin"]


def kept_fragments(app):
    """Every HTML fragment the worker keeps: (generation, part, region, key) -> its bytes."""
    found = {}
    for (name, part, region), (_generation, kept) in app.extensions.get("samverkan.cache.kept", {}).items():
        for key, value in kept.items():
            if isinstance(value, Markup):
                found[name, part, region, repr(key)] = str(value).encode()
            for html_key, html in getattr(value, "html", {}).items():  # the plan tree's, with its marks
                found[name, part, region, repr((key, html_key))] = str(html).encode()
    return found


def test_a_cached_fragment_is_the_same_bytes_for_every_role(synced_app, accounts):
    with synced_app.app_context():
        nd.make_round("vastmanland", nd.FIVE)
    urls = ["/regions/vastmanland/plan", "/regions/vastmanland/plan?expand=all", "/compare/",
            "/compare/?measure=budget", "/regions/vastmanland/needs", "/needs"]
    seen = {}
    for role in ROLES:
        synced_app.extensions.pop("samverkan.cache.kept", None)  # each role renders them first
        client = synced_app.test_client()
        if role != "anonymous":
            assert login(client, ACCOUNTS[role][0]).status_code == 302
        for url in urls:
            assert client.get(url).status_code == 200, (role, url)
        seen[role] = kept_fragments(synced_app)
    assert len(seen["anonymous"]) >= len(urls)
    for role in ROLES[1:]:
        assert seen[role] == seen["anonymous"], role


def test_a_write_on_a_connection_of_its_own_is_renewed_by_renew_committed(synced_app):
    """Outside a session (a migration), Core writes are noted too, and bumped once the code that
    committed them says so; what was rolled back is never bumped."""
    before = generations(synced_app).get("plan-trees")
    plans = db.metadata.tables["plans"]
    with synced_app.app_context(), db.engine.connect() as connection:
        connection.execute(update(plans).values(title=plans.c.title))
        connection.rollback()
        connection.execute(update(plans).values(summary=plans.c.summary))
        connection.commit()
        cache.renew_committed(connection)
        renewed = generations(synced_app)["plan-trees"]
        cache.renew_committed(connection)  # once only
    assert renewed != before and generations(synced_app)["plan-trees"] == renewed


#: tables read while a kept thing is computed, but nothing of them kept: the generations, the
#: author an assessment is loaded with (``assessments.queries.current``; a mark keeps no name), and
#: the report's PDFs themselves (kept by data version)
NOT_KEPT = {"cache_generations", "people", "report_pdfs"}


def test_what_a_page_computes_once_reads_only_declared_tables(synced_app, accounts):
    """The statements a page issues cold but not warm are what it keeps: every table they read is
    one a generation declares, so no write to it can leave the page stale (a new filter on an
    undeclared table fails here)."""
    with synced_app.app_context():
        nd.make_round("vastmanland", nd.FIVE)
    declared = set().union(*(generation.reads for generation in cache.declared().values()))
    client = synced_app.test_client()
    filtered = [("/initiatives/?region=vastmanland&theme=validation&target_group=young-people&funding=esf"
                 "&actor_kind=municipality&status=running&year_from=2020&q=validering"),
                ("/compare/?status=&year_from=2020&year_to=2025&funding=esf&actor_kind=municipality"
                 "&target_group=young-people&measure=budget"), "/needs"]
    for url in sorted({*PAGES.values(), *filtered}):
        synced_app.extensions.pop("samverkan.cache.kept", None)
        cold = executed(synced_app, client, url)
        warm = set(executed(synced_app, client, url))
        kept_reads = {table for statement in cold if statement not in warm
                      for table in db.metadata.tables if re.search(rf'(?<![\w.]){table}(?!\w)', statement)}
        assert kept_reads - NOT_KEPT <= declared, (url, kept_reads - NOT_KEPT - declared)


def test_a_write_in_a_savepoint_renews_at_the_commit_and_not_the_next_one(synced_app):
    """SQLAlchemy reports a savepoint's release as a commit: the generation moves at the real
    commit, once (a write left noted on the connection would bump a later, unrelated commit)."""
    themes = db.metadata.tables["themes"]
    before = generations(synced_app).get("initiative-lists")
    with synced_app.app_context():
        with db.session.begin_nested():
            db.session.execute(update(themes).values(slug=themes.c.slug))
        assert generations(synced_app).get("initiative-lists") == before
        db.session.commit()
    after = generations(synced_app).get("initiative-lists")
    assert after != before
    with synced_app.app_context():
        db.session.execute(update(db.metadata.tables["people"]).values(name=db.metadata.tables["people"].c.name))
        db.session.commit()
    assert generations(synced_app).get("initiative-lists") == after
