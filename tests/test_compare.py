"""The national comparison (``/compare/``) on a fixed data set: exact figures for the regions ×
themes matrix (counts and budgets), plan coverage, the status and funding breakdowns, networks per
step of Samverkanstrappan and indicators; what the filters do; that each figure is the length of
the initiative list it links to; every CSV file read back and compared with the page; bad filters
answered with a 400 that says why; and that a write shows in the very next comparison (in one app,
and across two app servers sharing Redis and the database).

The data set (:func:`fixed`), on top of the synced plugins (whose two councils are networks at
"samtal"):

====  ============  ==========  ===========  ============================  =========  ====================
name  lead          partners    status       themes (direct; via nodes)    budget     funding
====  ============  ==========  ===========  ============================  =========  ====================
I1    Västmanland               running      validation                    1,000,000  esf 600k, own 400k
I2    Västmanland   Västernorrl planned      guidance; M8.1 → validation   500,000    regional 500k
I3    Västernorrl               running      validation; F3.2 → broadened  –          –
                                             recruitment, labour-market-entry
I4    Skåne         Västmanland finished     validation                    2,000,000  esf 2,000k
I5    Skåne                     running      validation (a draft)          9,000,000  esf 9,000k
I6    Västmanland               idea         gender-equality               100,000    –
I7    Västmanland               cancelled    validation                    50,000     –
I8    Västernorrl   Skåne       running      validation; F3.3 → validation, 300,000    national 300k
                                             lifelong-learning
====  ============  ==========  ===========  ============================  =========  ====================

Owners: I1, I2, I6, I7 a municipality; I3, I8 a university; I4, I5 an employer. Target groups:
I1 young people, I2 job seekers. Dates: I1 2024-01-01–2025-12-31, I2 from 2025-03-01, I4
2020-01-01–2022-06-30, I8 2023-06-01–2024-05-31; the others none.
"""
import csv
import io
import re
import uuid
from datetime import date
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import collab
import pytest
from conftest import ACCOUNTS, csrf_token, login, make_app, unavailable
from test_practices import executed
from sqlalchemy import select

from samverkan.extensions import db
from samverkan.indicators.models import Indicator, IndicatorValue
from samverkan.initiatives import services
from samverkan.initiatives.models import Initiative
from samverkan.networks.models import Network
from samverkan.plans.models import Plan, PlanNode
from samverkan.regions.models import Region
from samverkan.themes.models import Theme

REDIS_URL = "redis://127.0.0.1:6379/0"
VM, VN, SK = "Västmanland", "Västernorrland", "Skåne"
ALL = "Alla regioner"
#: the matrix's columns: the 17 core themes in the vocabulary's order, then the total
THEMES = ["Kompetensbehov, analyser och prognoser", "Utbildningsplanering och utbildningsutbud",
          "Samverkan mellan utbildning och arbetsliv", "Studie- och yrkesvägledning",
          "Arbetsplatsförlagt lärande, praktik och lärlingar", "Yrkessvenska och språkträning",
          "Inträde på arbetsmarknaden", "Omställning och karriärväxling",
          "Livslångt lärande och flexibla utbildningsvägar", "Validering",
          "Arbetsgivares strategiska kompetensförsörjning", "Breddad rekrytering",
          "Nationell och internationell rekrytering", "Styrkeområden och smart specialisering",
          "Integration och etablering av nyanlända", "Jämställdhet",
          "Regional samordning, strategier och samverkansstrukturer"]
VALIDATION, GUIDANCE, LIFELONG = "Validering", "Studie- och yrkesvägledning", "Livslångt lärande och flexibla utbildningsvägar"
BROADENED, ENTRY = "Breddad rekrytering", "Inträde på arbetsmarknaden"
GENDER = "Jämställdhet"
#: the 21 counties by name, as every table lists them
COUNTIES = ["Blekinge", "Dalarna", "Gotland", "Gävleborg", "Halland", "Jämtland", "Jönköping", "Kalmar",
            "Kronoberg", "Norrbotten", "Skåne", "Stockholm", "Södermanland", "Uppsala", "Värmland", "Västerbotten",
            "Västernorrland", "Västmanland", "Västra Götaland", "Örebro", "Östergötland"]


def node(slug, code):
    return db.session.scalars(select(PlanNode).join(Plan).join(Region).where(
        Region.slug == slug, PlanNode.code == code, Plan.retired.is_(False))).one()


def fixed():
    """The data set of the module's docstring (committed)."""
    municipality = collab.make_actor("vastmanland", name="Testkommunen", kind="municipality")
    university = collab.make_actor("vasternorrland", name="Testuniversitetet", kind="university")
    employer = collab.make_actor("skane", name="Testarbetsgivaren", kind="employer")
    theme, region = collab.theme, collab.region

    def make(title, slug, owner, status, **values):
        return collab.make_initiative(slug, title=title, owner=owner, status=status, **values)

    make("I1", "vastmanland", municipality, "running", themes=[theme("validation")], budget_sek=1_000_000,
         funding={"esf": 600_000, "own": 400_000}, target_groups=["young-people"],
         starts_on=date(2024, 1, 1), ends_on=date(2025, 12, 31))
    make("I2", "vastmanland", municipality, "planned", partner_regions=[region("vasternorrland")],
         themes=[theme("guidance")], nodes=[node("vastmanland", "M8.1")], budget_sek=500_000,
         funding={"regional": 500_000}, target_groups=["unemployed"], starts_on=date(2025, 3, 1))
    make("I3", "vasternorrland", university, "running", themes=[theme("validation")],
         nodes=[node("vasternorrland", "F3.2")])
    make("I4", "skane", employer, "finished", partner_regions=[region("vastmanland")], themes=[theme("validation")],
         budget_sek=2_000_000, funding={"esf": 2_000_000}, starts_on=date(2020, 1, 1), ends_on=date(2022, 6, 30))
    make("I5", "skane", employer, "running", draft=True, themes=[theme("validation")], budget_sek=9_000_000,
         funding={"esf": 9_000_000})
    make("I6", "vastmanland", municipality, "idea", themes=[theme("gender-equality")], budget_sek=100_000)
    make("I7", "vastmanland", municipality, "cancelled", themes=[theme("validation")], budget_sek=50_000)
    make("I8", "vasternorrland", university, "running", partner_regions=[region("skane")],
         themes=[theme("validation")], nodes=[node("vasternorrland", "F3.3")], budget_sek=300_000,
         funding={"national": 300_000}, starts_on=date(2023, 6, 1), ends_on=date(2024, 5, 31))
    collab.make_network("vastmanland", name="Nätverk A", stage="samsyn")
    collab.make_network("vastmanland", "vasternorrland", name="Nätverk B", stage="samverkan")
    collab.make_network("vasternorrland", name="Nätverk C", stage="samhandling")
    rus17 = db.session.scalar(select(Indicator).filter_by(key="rus-17"))
    for slug, year, value, women, men, source in (("vastmanland", 2022, 70.5, None, None, ""),
                                                  ("vastmanland", 2023, 72.0, None, None, ""),
                                                  ("vasternorrland", 2023, 68.25, 70.0, 66.5, ""),
                                                  ("skane", 2021, 65.0, None, None, "SCB, egen beräkning")):
        db.session.add(IndicatorValue(indicator=rus17, region=region(slug), year=year, value=value,
                                      value_women=women, value_men=men, source=source))
    db.session.commit()


@pytest.fixture
def data(synced_app, accounts):
    with synced_app.app_context():
        fixed()
    return synced_app


# -- reading the page and the files ---------------------------------------------------------------

class _Tables(HTMLParser):
    """The comparison's tables (``table.compare``) by id: header, and per row its header cell's
    text and its cells' texts and links."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables, self.table, self.row, self.cell, self.href, self.hidden = {}, None, None, None, None, 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and "compare" in attrs.get("class", ""):
            self.table = self.tables.setdefault(attrs["id"].removesuffix("-table"), [])
        elif self.table is None:
            return
        elif tag == "tr":
            self.row = []
        elif tag in ("th", "td"):
            self.cell, self.href = "", None
        elif tag == "a":
            self.href = attrs["href"]
        elif tag == "span" and "visually-hidden" in attrs.get("class", ""):
            self.hidden += 1

    def handle_endtag(self, tag):
        if self.table is None:
            return
        if tag == "table":
            self.table = None
        elif tag == "tr":
            self.table.append(self.row)
        elif tag in ("th", "td"):
            self.row.append((self.cell.strip(), self.href))
            self.cell = None
        elif tag == "span" and self.hidden:
            self.hidden -= 1

    def handle_data(self, data):
        if self.cell is not None and not self.hidden:
            self.cell += data


def number(text):
    """A figure as the page writes it (Swedish: ``1 234``, ``6,4 %``, ``–`` for none); other text as
    it is."""
    figure = text.replace("\xa0", "").replace(" ", "").removesuffix("%")
    if figure in ("–", ""):
        return None
    if re.fullmatch(r"-?\d+", figure):
        return int(figure)
    if re.fullmatch(r"-?\d+,\d+", figure):
        return float(figure.replace(",", "."))
    return text


class Table:
    """A table of the page or a CSV file: ``columns`` and ``rows[label][column]``, and the links."""

    def __init__(self, header, rows, links=None):
        self.columns = list(header[1:])
        self.rows = {row[0]: dict(zip(self.columns, row[1:])) for row in rows}
        self.links = links or {}

    def __getitem__(self, label):
        return self.rows[label]

    def nonzero(self, label):
        return {column: value for column, value in self.rows[label].items() if value}


def page_tables(html):
    parser = _Tables()
    parser.feed(html)
    found = {}
    for name, rows in parser.tables.items():
        header = [text for text, _href in rows[0]]
        body = [[rows_cell[0][0]] + [number(text) if text else None for text, _href in rows_cell[1:]] for rows_cell in rows[1:]]
        links = {(row[0][0], column): href for row in rows[1:] for column, (_text, href) in zip(header[1:], row[1:])
                 if href}
        found[name] = Table(header, body, links)
    return found


def folded(html, name):
    """The regions folded after the table ``name`` for having no figure: (the summary, their names)."""
    part = re.search(rf'id="{name}-table".*?</table>\s*</div>\s*(<details class="empty-regions">.*?</details>)?',
                     html, re.S).group(1)
    if part is None:
        return None
    summary = re.search(r"<summary>(.*?)</summary>", part).group(1)
    names = re.search(r"<p>(.*?)</p>", part, re.S).group(1)
    return summary, [re.sub(r"<[^>]+>", "", label).strip() for label in names.split(", ")]


def page_caption(html, name):
    return re.search(rf'<caption id="{name}-caption">(.*?)</caption>', html).group(1)


def text_tables(html):
    """The coverage table keeps its plan titles as text."""
    parser = _Tables()
    parser.feed(html)
    return {name: rows for name, rows in parser.tables.items()}


def read_csv(response):
    """A CSV download as Excel in Sweden opens it: its rows, numbers as numbers."""
    assert response.status_code == 200, response.text
    assert response.mimetype == "text/csv"
    assert response.data.startswith("\ufeff".encode()) and b"\r\n" in response.data
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"), newline=""), delimiter=";"))

    def value(cell):
        if re.fullmatch(r"-?\d+", cell):
            return int(cell)
        if re.fullmatch(r"-?\d+,\d+", cell):
            return float(cell.replace(",", "."))
        return cell if cell else None

    return [rows[0]] + [[row[0]] + [value(cell) for cell in row[1:]] for row in rows[1:]]


def csv_table(response):
    rows = read_csv(response)
    return Table(rows[0], rows[1:])


def tables_of(client, query=""):
    response = client.get("/compare/" + query)
    assert response.status_code == 200, response.text
    return page_tables(response.text)


def zero_except(table, label, expected):
    """The row ``label`` holds ``expected`` and zeros elsewhere."""
    assert table.nonzero(label) == expected, label


# -- the figures --------------------------------------------------------------------------------

def test_the_matrix_counts_published_initiatives_under_way_by_region_and_theme(data):
    html = data.test_client().get("/compare/").text
    matrix = page_tables(html)["matrix"]
    assert matrix.columns == THEMES + ["Alla teman"]
    # the regions with initiatives lead; the other 18 are named, folded under their count
    assert list(matrix.rows) == [county for county in COUNTIES if county in {VM, VN, SK}] + [ALL]
    assert folded(html, "matrix") == ("18 regioner utan data", [c for c in COUNTIES if c not in {VM, VN, SK}])
    zero_except(matrix, VM, {VALIDATION: 2, GUIDANCE: 1, "Alla teman": 2})
    zero_except(matrix, VN, {VALIDATION: 3, GUIDANCE: 1, BROADENED: 1, ENTRY: 1, LIFELONG: 1, "Alla teman": 3})
    zero_except(matrix, SK, {VALIDATION: 1, LIFELONG: 1, "Alla teman": 1})
    zero_except(matrix, ALL, {VALIDATION: 4, GUIDANCE: 1, BROADENED: 1, ENTRY: 1, LIFELONG: 1, "Alla teman": 4})


def test_the_matrix_sums_the_budgets(data):
    matrix = tables_of(data.test_client(), "?measure=budget")["matrix"]
    zero_except(matrix, VM, {VALIDATION: 1_500_000, GUIDANCE: 500_000, "Alla teman": 1_500_000})
    zero_except(matrix, VN, {VALIDATION: 800_000, GUIDANCE: 500_000, LIFELONG: 300_000, "Alla teman": 800_000})
    zero_except(matrix, SK, {VALIDATION: 300_000, LIFELONG: 300_000, "Alla teman": 300_000})
    zero_except(matrix, ALL, {VALIDATION: 1_800_000, GUIDANCE: 500_000, LIFELONG: 300_000, "Alla teman": 1_800_000})


def test_plan_coverage_is_the_share_of_each_plans_nodes_with_work_under_way(data):
    client = data.test_client()
    rows = text_tables(client.get("/compare/").text)["coverage"]
    assert [[text for text, _href in row] for row in rows] == [
        ["Region", "Plan", "Noder med arbete som pågår", "Noder", "Andel (%)"],
        # I3 on F3.2 and I8 on F3.3 cover them and F3, 3 of 20
        [VN, "Plan för bättre kompetensförsörjning", "3", "20", "15,0 %"],
        # I2 on M8.1 covers M8.1, M8 and the area above it, 3 of 47
        [VM, "Kompetensplan Västmanland 2030", "3", "47", "6,4 %"],
    ]
    assert rows[2][0][1] == "/regions/vastmanland/plan"
    # a filter narrows the work counted: I3 and I8 are a university's
    university = text_tables(client.get("/compare/?actor_kind=university").text)["coverage"]
    assert [[text for text, _href in row][2:] for row in university[1:]] == [["3", "20", "15,0 %"],
                                                                             ["0", "47", "0,0 %"]]


def test_the_status_breakdown_counts_every_status_whatever_the_filter(data):
    for query in ("", "?status=finished"):
        statuses = tables_of(data.test_client(), query)["statuses"]
        assert statuses.columns == ["Idé", "Planerat", "Pågår", "Avslutat", "Avbrutet", "Alla statusar"]
        zero_except(statuses, VM, {"Idé": 1, "Planerat": 1, "Pågår": 1, "Avslutat": 1, "Avbrutet": 1,
                                   "Alla statusar": 5})
        zero_except(statuses, VN, {"Planerat": 1, "Pågår": 2, "Alla statusar": 3})
        zero_except(statuses, SK, {"Pågår": 1, "Avslutat": 1, "Alla statusar": 2})
        zero_except(statuses, ALL, {"Idé": 1, "Planerat": 1, "Pågår": 3, "Avslutat": 1, "Avbrutet": 1,
                                    "Alla statusar": 7})
    budgets = tables_of(data.test_client(), "?measure=budget")["statuses"]
    zero_except(budgets, VM, {"Idé": 100_000, "Planerat": 500_000, "Pågår": 1_000_000, "Avslutat": 2_000_000,
                              "Avbrutet": 50_000, "Alla statusar": 3_650_000})
    zero_except(budgets, ALL, {"Idé": 100_000, "Planerat": 500_000, "Pågår": 1_300_000, "Avslutat": 2_000_000,
                               "Avbrutet": 50_000, "Alla statusar": 3_950_000})


def test_the_funding_breakdown_counts_initiatives_and_sums_what_each_source_pays(data):
    counts = tables_of(data.test_client())["funding"]
    assert counts.columns == ["ESF+", "Regionalfonden (ERUF)", "Regionala medel", "Nationella medel", "Egna medel",
                              "Annan finansiering", "Med finansiering"]
    zero_except(counts, VM, {"ESF+": 1, "Regionala medel": 1, "Egna medel": 1, "Med finansiering": 2})
    zero_except(counts, VN, {"Regionala medel": 1, "Nationella medel": 1, "Med finansiering": 2})
    zero_except(counts, SK, {"Nationella medel": 1, "Med finansiering": 1})
    zero_except(counts, ALL, {"ESF+": 1, "Regionala medel": 1, "Nationella medel": 1, "Egna medel": 1,
                              "Med finansiering": 3})
    amounts = tables_of(data.test_client(), "?measure=budget")["funding"]
    assert amounts.columns[-1] == "Alla källor"
    zero_except(amounts, VM, {"ESF+": 600_000, "Regionala medel": 500_000, "Egna medel": 400_000,
                              "Alla källor": 1_500_000})
    zero_except(amounts, ALL, {"ESF+": 600_000, "Regionala medel": 500_000, "Nationella medel": 300_000,
                               "Egna medel": 400_000, "Alla källor": 1_800_000})


def test_networks_per_step_of_samverkanstrappan(data):
    networks = tables_of(data.test_client())["networks"]
    assert networks.columns == ["Samtal", "Samsyn", "Samverkan", "Samhandling", "Alla steg"]
    # the councils of the two plugins are at samtal; network B spans both regions
    zero_except(networks, VM, {"Samtal": 1, "Samsyn": 1, "Samverkan": 1, "Alla steg": 3})
    zero_except(networks, VN, {"Samtal": 1, "Samverkan": 1, "Samhandling": 1, "Alla steg": 3})
    zero_except(networks, ALL, {"Samtal": 2, "Samsyn": 1, "Samverkan": 1, "Samhandling": 1, "Alla steg": 5})
    assert networks.links[VN, "Samhandling"] == "/networks/?region=vasternorrland&stage=samhandling"
    listed = data.test_client().get("/networks/?region=vasternorrland&stage=samhandling").text
    assert "Nätverk C" in listed and "Nätverk B" not in listed


def test_indicator_values_across_regions_and_years(data):
    client = data.test_client()
    with data.app_context():
        rus17 = db.session.scalar(select(Indicator.id).filter_by(key="rus-17"))
    table = tables_of(client)[f"indicator-{rus17}"]
    assert table.columns == ["2021", "2022", "2023"]
    assert table.rows == {SK: {"2021": 65, "2022": None, "2023": None},
                          VN: {"2021": None, "2022": None, "2023": 68.25},
                          VM: {"2021": None, "2022": 70.5, "2023": 72}}
    narrowed = tables_of(client, "?year_from=2022&year_to=2022")[f"indicator-{rus17}"]
    assert narrowed.rows == {VM: {"2022": 70.5}}
    assert "Inget indikatorvärde finns för de valda åren." in client.get("/compare/?year_from=2030").text
    rows = read_csv(client.get("/compare/indicators.csv"))
    assert rows == [
        ["Indikator", "Enhet", "Region", "År", "Värde", "Kvinnor", "Män", "Källa", "Demodata"],
        ["Delmål 17", "%", SK, 2021, 65, None, None, "SCB, egen beräkning", "nej"],
        ["Delmål 17", "%", VN, 2023, 68.25, 70, 66.5, None, "nej"],
        ["Delmål 17", "%", VM, 2022, 70.5, None, None, None, "nej"],
        ["Delmål 17", "%", VM, 2023, 72, None, None, None, "nej"],
    ]


@pytest.mark.parametrize("query, totals", [
    # query -> the whole country's row: {theme: count}, and "Alla teman"
    ("?status=finished", {VALIDATION: 1, "Alla teman": 1}),
    ("?status=", {VALIDATION: 6, GUIDANCE: 1, BROADENED: 1, ENTRY: 1, LIFELONG: 1, GENDER: 1, "Alla teman": 7}),
    ("?status=running", {VALIDATION: 3, BROADENED: 1, ENTRY: 1, LIFELONG: 1, "Alla teman": 3}),
    ("?funding=esf", {VALIDATION: 1, "Alla teman": 1}),
    ("?actor_kind=university", {VALIDATION: 2, BROADENED: 1, ENTRY: 1, LIFELONG: 1, "Alla teman": 2}),
    ("?target_group=unemployed", {VALIDATION: 1, GUIDANCE: 1, "Alla teman": 1}),
    # I1 runs until 2025 and I2 from 2025; I3 has no dates, I8 ended in 2024
    ("?year_from=2025", {VALIDATION: 2, GUIDANCE: 1, "Alla teman": 2}),
    ("?year_to=2023", {VALIDATION: 1, LIFELONG: 1, "Alla teman": 1}),
    ("?year_from=2024&year_to=2024", {VALIDATION: 2, LIFELONG: 1, "Alla teman": 2}),
    ("?status=&year_from=2020&year_to=2022&funding=esf&actor_kind=employer", {VALIDATION: 1, "Alla teman": 1}),
])
def test_the_filters_narrow_the_initiatives_counted(data, query, totals):
    assert tables_of(data.test_client(), query)["matrix"].nonzero(ALL) == totals


# -- each figure is the length of the list it links to ------------------------------------------

def list_count(client, href):
    """How many initiatives the list at ``href`` says it holds."""
    response = client.get(href)
    assert response.status_code == 200, href
    return int(re.search(r"(\d+) initiativ</p>", response.text).group(1))


@pytest.mark.parametrize("query", ["", "?status=", "?year_from=2024&year_to=2025&funding=esf",
                                   "?status=running&actor_kind=university", "?target_group=unemployed"])
@pytest.mark.parametrize("role", ["anonymous", "national-analyst"])
def test_each_figure_links_to_the_list_of_the_initiatives_it_counts(data, query, role):
    """The analyst sees the draft I5 in lists, yet every link gives the figure: the links ask for
    the published ones."""
    client = data.test_client()
    if role != "anonymous":
        assert login(client, ACCOUNTS[role][0]).status_code == 302
    tables = tables_of(client, query)
    for name in ("matrix", "statuses", "funding"):
        table = tables[name]
        # every figure but a zero (an empty list) and the count of funded initiatives (no list has it)
        unlinked = table.columns[-1] if name == "funding" else None
        assert set(table.links) == {(label, column) for label, row in table.rows.items()
                                    for column, value in row.items() if value and column != unlinked}
        for (label, column), href in table.links.items():
            assert list_count(client, href) == table[label][column], (name, label, column, href)


def test_a_cell_links_with_the_lists_own_parameters(data):
    matrix = tables_of(data.test_client(), "?year_from=2024&funding=esf")["matrix"]
    link = urlsplit(matrix.links[VM, VALIDATION])
    assert link.path == "/initiatives/"
    assert parse_qs(link.query) == {"region": ["vastmanland"], "theme": ["validation"], "status": ["active"],
                                    "funding": ["esf"], "year_from": ["2024"], "published": ["1"]}


def test_the_list_reads_the_comparisons_filters(data):
    """The list's own filters that the comparison's links use, one by one."""
    client = data.test_client()
    analyst = data.test_client()
    login(analyst, ACCOUNTS["national-analyst"][0])
    assert list_count(client, "/initiatives/?status=active") == 4
    assert list_count(client, "/initiatives/?actor_kind=employer") == 1
    assert list_count(client, "/initiatives/?funding=esf") == 2
    assert list_count(client, "/initiatives/?year_from=2023&year_to=2023") == 1
    assert list_count(client, "/initiatives/?year_to=2022") == 1
    assert list_count(analyst, "/initiatives/?funding=esf") == 3
    assert list_count(analyst, "/initiatives/?funding=esf&published=1") == 2
    bad = client.get("/initiatives/?year_from=2025&year_to=2024")
    assert bad.status_code == 400 and "Det sista året kan inte vara före det första." in bad.text


# -- the files ----------------------------------------------------------------------------------

@pytest.mark.parametrize("query", ["", "?measure=budget", "?status=&year_from=2020&measure=budget",
                                   "?actor_kind=university"])
@pytest.mark.parametrize("name", ["matrix", "statuses", "funding", "networks"])
def test_every_table_downloads_as_csv_with_the_pages_figures(data, name, query):
    client = data.test_client()
    html = client.get("/compare/" + query).text
    page = page_tables(html)[name]
    separator = "&" if query else "?"
    measure = "" if "measure" in query else separator + "measure=count"
    downloaded = csv_table(client.get(f"/compare/{name}.csv{query}{measure}"))
    assert downloaded.columns == page.columns
    assert len(downloaded.rows) == 22
    # the page shows the rows with a figure; the file has every region, the folded ones too
    empty = [label for label, row in downloaded.rows.items() if label != ALL and not any(row.values())]
    assert empty and page.rows == {label: row for label, row in downloaded.rows.items() if label not in empty}
    assert folded(html, name)[1] == empty
    assert f'download>Ladda ner {page_caption(html, name)} som CSV (för Excel)</a>' in html


def test_the_coverage_csv_has_the_pages_figures(data):
    client = data.test_client()
    rows = read_csv(client.get("/compare/coverage.csv"))
    page = text_tables(client.get("/compare/").text)["coverage"]
    assert rows == [["Region", "Plan", "Noder med arbete som pågår", "Noder", "Andel (%)"],
                    [VN, "Plan för bättre kompetensförsörjning", 3, 20, 15],
                    [VM, "Kompetensplan Västmanland 2030", 3, 47, 6.4]]
    assert [[number(text) if i > 1 else text for i, (text, _href) in enumerate(row)] for row in page[1:]] == rows[1:]


def test_the_page_links_its_downloads_with_its_filters(data):
    html = data.test_client().get("/compare/?status=&funding=esf&measure=budget").text
    for name in ("matrix", "coverage", "statuses", "funding", "networks", "indicators"):
        assert f'href="/compare/{name}.csv?funding=esf&amp;status=&amp;measure=budget"' in html, name


def test_the_comparison_in_english(data):
    client = data.test_client()
    response = client.post("/language", data={"lang": "en", "next": "/compare/", "csrf_token": csrf_token(client)})
    assert response.status_code == 302
    tables = tables_of(client)
    assert tables["matrix"].columns[9] == "Validation of prior learning"
    assert tables["matrix"]["Västmanland"]["Validation of prior learning"] == 2
    assert tables["matrix"]["All regions"]["All themes"] == 4
    rows = read_csv(client.get("/compare/statuses.csv"))
    assert rows[0] == ["Region", "Idea", "Planned", "Running", "Finished", "Cancelled", "All statuses"]


# -- bad input ----------------------------------------------------------------------------------

@pytest.mark.parametrize("query, field, message", [
    ("?status=paused", "Status", "Inte ett giltigt val"),
    ("?funding=lottery", "Finansiering", "Inte ett giltigt val"),
    ("?actor_kind=alien", "Ägarens typ av aktör", "Inte ett giltigt val"),
    ("?target_group=cats", "Målgrupp", "Inte ett giltigt val"),
    ("?measure=weight", "Visa", "Inte ett giltigt val"),
    ("?year_from=förra", "Från år", "Inte ett giltigt heltal"),
    ("?year_from=1066", "Från år", "Numret måste vara mellan 1990 och 2100."),
    ("?year_from=2025&year_to=2020", "Till år", "Det sista året kan inte vara före det första."),
])
def test_a_bad_filter_is_a_400_that_says_why(data, query, field, message):
    client = data.test_client()
    page = client.get("/compare/" + query)
    assert page.status_code == 400
    assert f"{field}: {message}" in page.text
    assert 'class="compare' not in page.text  # no figures under a filter that was not applied
    fragment = client.get("/compare/" + query, headers={"HX-Request": "true"})
    assert fragment.status_code == 400 and "<html" not in fragment.text and message in fragment.text
    download = client.get("/compare/matrix.csv" + query)
    assert download.status_code == 400 and download.mimetype == "text/plain"
    assert download.text.startswith("Filtren kunde inte användas:") and message in download.text


def test_htmx_gets_the_results_alone(data):
    client = data.test_client()
    fragment = client.get("/compare/?status=finished", headers={"HX-Request": "true"})
    assert fragment.status_code == 200
    assert fragment.text.lstrip().startswith('<section id="compare-results"')
    assert "<html" not in fragment.text and "<form" not in fragment.text
    assert page_tables(fragment.text)["matrix"][ALL]["Alla teman"] == 1
    assert "HX-Request" in fragment.headers["Vary"]


# -- never stale --------------------------------------------------------------------------------

def all_themes_of(client, label, query=""):
    return tables_of(client, query)["matrix"][label]["Alla teman"]


def test_a_write_shows_in_the_very_next_comparison(data):
    client = data.test_client()
    assert all_themes_of(client, VM) == 2
    with data.app_context():
        new = collab.make_initiative("vastmanland", title="I9", status="running", themes=[collab.theme("reskilling")])
        db.session.commit()
        new_id = new.id
    assert all_themes_of(client, VM) == 3
    with data.app_context():
        services.change_status(db.session.get(Initiative, new_id), "cancelled", None)
        db.session.commit()
    assert all_themes_of(client, VM) == 2
    with data.app_context():
        initiative = db.session.get(Initiative, new_id)
        services.change_status(initiative, "running", None)
        services.update_initiative(initiative, {"draft": True}, by=None, version=initiative.version)
        db.session.commit()
    assert all_themes_of(client, VM) == 2  # a draft is not counted


def test_a_network_step_and_an_indicator_value_show_at_once(data):
    client = data.test_client()
    with data.app_context():
        rus17 = db.session.scalar(select(Indicator.id).filter_by(key="rus-17"))
    assert tables_of(client)["networks"][ALL]["Samhandling"] == 1
    assert "2024" not in tables_of(client)[f"indicator-{rus17}"].columns
    with data.app_context():
        network = db.session.scalar(select(Network).filter_by(name="Nätverk A"))
        network.stage = "samhandling"
        db.session.add(IndicatorValue(indicator_id=rus17, region=collab.region("gotland"), year=2024, value=50.0))
        db.session.commit()
    tables = tables_of(client)
    assert tables["networks"][ALL]["Samhandling"] == 2
    assert tables[f"indicator-{rus17}"]["Gotland"] == {"2021": None, "2022": None, "2023": None, "2024": 50}


def test_an_edit_in_one_region_computes_that_regions_figures_and_the_countrys_not_the_others(data, monkeypatch):
    """The regions whose rows a write computes again (the whole country's each time): an edit of
    I1 (Västmanland's alone) computes Västmanland's, never Västernorrland's; one of I2 (led from
    Västmanland with Västernorrland) both; moving I3's lead from Västernorrland to Skåne both of
    those; a write that names no region (a statement outside the service) every region's. What is
    served after each is what the figures computed from nothing give."""
    from samverkan.compare import queries

    computed, real = [], queries.computed

    def counting(filters, region_ids, every_region=None):
        computed.append((set(region_ids), every_region is not None))
        return real(filters, region_ids, every_region)

    monkeypatch.setattr(queries, "computed", counting)
    client = data.test_client()
    with data.app_context():
        ids = dict(db.session.execute(select(Region.name, Region.id)).all())

    def served(query="?status=&measure=budget"):
        """The regions computed for the page, and its tables (checked against a cold page's)."""
        computed.clear()
        tables = {name: table.rows for name, table in tables_of(client, query).items()}
        regions = list(computed)
        data.extensions.pop("samverkan.cache.kept")
        assert {name: table.rows for name, table in tables_of(client, query).items()} == tables
        return regions, tables

    def edit(title, **values):
        with data.app_context():
            initiative = db.session.scalar(select(Initiative).filter_by(title=title))
            services.update_initiative(initiative, values, by=None, version=initiative.version)
            db.session.commit()
        return served()

    regions, before = served()
    assert regions == [(set(ids.values()), True)]
    regions, after = edit("I1", budget_sek=1_200_000)  # was 1,000,000
    assert regions == [({ids[VM]}, True)]
    assert after["matrix"][VM]["Alla teman"] == before["matrix"][VM]["Alla teman"] + 200_000
    assert after["matrix"][VN] == before["matrix"][VN]
    assert edit("I2", budget_sek=600_000)[0] == [({ids[VM], ids[VN]}, True)]
    assert edit("I3", lead_region_id=ids[SK])[0] == [({ids[VN], ids[SK]}, True)]
    with data.app_context():
        db.session.execute(db.update(Initiative).where(Initiative.title == "I1").values(budget_sek=1_000_000))
        db.session.commit()
    assert served()[0] == [(set(ids.values()), True)]


@pytest.mark.parametrize("url", ["/compare/", "/compare/?status=&year_from=2020&funding=esf&measure=budget"])
def test_a_warm_comparison_reads_one_small_query(data, url):
    client = data.test_client()
    executed(data, client, url)
    warm = executed(data, client, url)
    assert len(warm) == 1 and "cache_generations" in warm[0]
    assert len(executed(data, client, url.replace("/compare/", "/compare/matrix.csv"))) == 1


# -- two app servers sharing Redis and the database ---------------------------------------------

def redis_answers():
    import redis

    try:
        return redis.Redis.from_url(REDIS_URL, socket_timeout=1).ping()
    except redis.RedisError:
        return False


@pytest.fixture
def two_servers(data, database_url):
    if not redis_answers():
        unavailable(f"Redis does not answer at {REDIS_URL}")
    prefix = f"samverkan-test-{uuid.uuid4().hex[:12]}"  # this test's keys: others may share the server
    apps = [make_app(database_url, REDIS_URL=REDIS_URL, CACHE_KEY_PREFIX=prefix) for _ in range(2)]
    yield apps
    for app in apps:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    client.delete(*client.keys(f"{prefix}:*") or [f"{prefix}:generations"])


def test_two_app_servers_share_the_figures_and_a_write_on_one_shows_on_the_other(two_servers):
    first, second = two_servers
    with first.app_context():
        collab.make_initiative("gotland", title="Gotländskt", status="running", themes=[collab.theme("validation")])
        db.session.commit()
    one, other = first.test_client(), second.test_client()
    assert all_themes_of(one, "Gotland") == 1
    # the second server reads the figures the first computed: no statement counts initiatives
    statements = executed(second, other, "/compare/")
    assert not any("initiatives" in statement for statement in statements), statements
    assert all_themes_of(other, "Gotland") == 1
    with second.app_context():  # a write on the second server ...
        collab.make_initiative("gotland", title="Gotländskt två", status="planned",
                               themes=[collab.theme("validation")])
        db.session.commit()
    assert all_themes_of(one, "Gotland") == 2  # ... is in the first server's very next comparison
    assert all_themes_of(other, "Gotland") == 2
    with first.app_context():
        initiative = db.session.scalar(select(Initiative).filter_by(title="Gotländskt"))
        services.change_status(initiative, "finished", None)
        db.session.commit()
    assert all_themes_of(other, "Gotland") == 1
    assert all_themes_of(one, "Gotland", "?status=finished") == 1


def test_without_redis_answering_each_server_computes_for_itself(data, database_url):
    import socket

    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    app = make_app(database_url, REDIS_URL=f"redis://127.0.0.1:{port}/0")
    try:
        assert all_themes_of(app.test_client(), VM) == 2
    finally:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


# -- the national overview's projects, counted by hand --------------------------------------------

#: the 45 projects of the national overview (seed 004, its appendix), counted by hand per county and
#: theme (the overview's group, and a second group where its text names one; transcribed in
#: ``demo_data/overview_projects.py``): Östergötland's forecast "för Västmanland, Sörmland, Örebro
#: och Östergötland" counts in all four. Keys: theme slug -> projects, and "all" -> the county's.
OVERVIEW = {
    "Norrbotten": {"coordination": 2, "all": 2},
    "Stockholm": {"needs-analysis": 1, "coordination": 2, "all": 3},
    "Västernorrland": {"integration": 1, "coordination": 1, "education-planning": 1, "guidance": 1, "all": 3},
    "Västmanland": {"guidance": 1, "gender-equality": 1, "integration": 1, "coordination": 1, "needs-analysis": 1,
                    "all": 3},
    "Blekinge": {"coordination": 2, "education-planning": 1, "all": 3},
    "Dalarna": {"validation": 1, "coordination": 1, "all": 2},
    "Gotland": {"needs-analysis": 1, "coordination": 1, "all": 2},
    "Gävleborg": {"needs-analysis": 1, "education-planning": 1, "all": 1},
    "Halland": {"needs-analysis": 1, "coordination": 1, "all": 2},
    "Jönköping": {"education-planning": 1, "coordination": 1, "all": 2},
    "Kronoberg": {"gender-equality": 1, "coordination": 2, "all": 2},
    "Skåne": {"coordination": 1, "needs-analysis": 2, "education-planning": 1, "all": 3},
    "Värmland": {"coordination": 2, "all": 2},
    "Östergötland": {"coordination": 2, "needs-analysis": 1, "all": 3},
    "Kalmar": {"needs-analysis": 1, "validation": 2, "guidance": 1, "coordination": 1, "all": 2},
    "Jämtland": {"education-planning": 1, "guidance": 1, "all": 1},
    "Södermanland": {"gender-equality": 1, "coordination": 1, "needs-analysis": 1, "all": 3},
    "Uppsala": {"guidance": 1, "gender-equality": 1, "integration": 1, "all": 1},
    "Västerbotten": {"coordination": 2, "all": 2},
    "Örebro": {"coordination": 1, "needs-analysis": 1, "all": 2},
    "Västra Götaland": {"guidance": 1, "needs-analysis": 3, "all": 4},
}
#: the demo's two finished initiatives of the regions' own, by hand from their plan nodes' themes:
#: Västmanland's "Länsgemensam kartläggning av kompetensbehov" (M5, M5.1, M5.2: needs analysis;
#: M9.2: employers' competence planning and needs analysis) and Västernorrland's "Fler tjejer till
#: industrin" (F3.1: education–working life and education planning; F3.2: broadened recruitment
#: and entry; F2.4: broadened recruitment and employers' competence planning)
REGIONAL_FINISHED = {
    "Västmanland": {"needs-analysis": 1, "employer-competence-planning": 1, "all": 1},
    "Västernorrland": {"education-employer-collaboration": 1, "education-planning": 1, "broadened-recruitment": 1,
                       "labour-market-entry": 1, "employer-competence-planning": 1, "all": 1},
}
#: the whole country, each project once: the 45 and the two
NATIONAL_FINISHED = {"needs-analysis": 12, "education-planning": 7, "guidance": 6, "gender-equality": 4,
                     "integration": 3, "validation": 3, "coordination": 24, "education-employer-collaboration": 1,
                     "broadened-recruitment": 1, "labour-market-entry": 1, "employer-competence-planning": 2,
                     "all": 47}


def test_the_matrix_of_the_demo_is_the_hand_count_of_the_national_overview(demo_app):
    client = demo_app.test_client()
    with demo_app.app_context():
        names = dict(db.session.execute(select(Theme.slug, Theme.name)).all())
    names["all"] = "Alla teman"

    def by_name(counts):
        return {names[slug]: count for slug, count in counts.items()}

    matrix = tables_of(client, "?status=finished")["matrix"]
    assert sum(counts["all"] for counts in OVERVIEW.values()) == 45 + 3
    for county, counts in OVERVIEW.items():
        expected = dict(counts)
        for slug, count in REGIONAL_FINISHED.get(county, {}).items():
            expected[slug] = expected.get(slug, 0) + count
        assert matrix.nonzero(county) == by_name(expected), county
    assert matrix.nonzero(ALL) == by_name(NATIONAL_FINISHED)
    # the figure of a cell is the list behind it, here too
    assert list_count(client, matrix.links["Örebro", names["needs-analysis"]]) == 1
    assert list_count(client, matrix.links["Kalmar", names["validation"]]) == 2


def test_the_charts_draw_the_tables_figures(data):
    """Each bar's tooltip says the figure of the table beside it."""
    html = data.test_client().get("/compare/").text

    def bars(chart_id):
        svg = re.search(rf'<svg[^>]* id="{chart_id}".*?</svg>', html, re.S).group(0)
        return re.findall(r"<rect class=\"chart-(?:bar|segment)[^>]*><title>([^<]+)</title>", svg)

    assert bars("matrix-chart") == ["Skåne: 1", "Västernorrland: 3", "Västmanland: 2"]
    assert bars("matrix-columns-chart") == ["Studie- och yrkesvägledning: 1", "Inträde på arbetsmarknaden: 1",
                                            "Livslångt lärande och flexibla utbildningsvägar: 1", "Validering: 4",
                                            "Breddad rekrytering: 1"]
    assert bars("coverage-chart") == ["Västernorrland: 15\xa0%", "Västmanland: 6,4\xa0%"]
    assert bars("statuses-chart") == ["Skåne, Pågår: 1", "Skåne, Avslutat: 1", "Västernorrland, Planerat: 1",
                                      "Västernorrland, Pågår: 2", "Västmanland, Idé: 1", "Västmanland, Planerat: 1",
                                      "Västmanland, Pågår: 1", "Västmanland, Avslutat: 1", "Västmanland, Avbrutet: 1"]
    assert bars("networks-chart") == ["Västernorrland, Samtal: 1", "Västernorrland, Samverkan: 1",
                                      "Västernorrland, Samhandling: 1", "Västmanland, Samtal: 1",
                                      "Västmanland, Samsyn: 1", "Västmanland, Samverkan: 1"]
    with data.app_context():
        rus17 = db.session.scalar(select(Indicator.id).filter_by(key="rus-17"))
    line = re.search(rf'<svg[^>]* id="indicator-{rus17}-chart".*?</svg>', html, re.S).group(0)
    assert re.findall(r'<path class="chart-marker"[^>]*><title>([^<]+)</title>', line) == [
        "Skåne 2021: 65\xa0%", "Västernorrland 2023: 68,25\xa0%", "Västmanland 2022: 70,5\xa0%",
        "Västmanland 2023: 72\xa0%"]


def test_a_table_of_contents_leads_to_every_section_and_indicator(data):
    html = data.test_client().get("/compare/").text
    contents = re.search(r'<nav class="contents".*?</nav>', html, re.S).group(0)
    targets = re.findall(r'href="#([^"]+)"', contents)
    assert targets[:7] == ["matrix-heading", "coverage-heading", "statuses-heading", "funding-heading",
                           "networks-heading", "needs-heading", "indicators-heading"]
    assert len(targets) > 7 and all(target.startswith("indicator-") for target in targets[7:])
    for target in targets:
        assert html.count(f'id="{target}"') == 1, target
