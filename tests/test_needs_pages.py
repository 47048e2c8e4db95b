"""The employers' needs in public: a region's needs page, the whole country's, their CSV and JSON
files and the comparison's column group, with exact numbers on fixed answers (worked out by hand
in the comments), small counts suppressed at the threshold, secondary suppression, and only
completed answers of closed rounds ever counted."""
import csv
import html
import io
import re
from datetime import timedelta

import collab
import pytest

import needs_data as nd
from conftest import ACCOUNTS, csrf_token, login
from samverkan.extensions import db
from samverkan.needs.models import ReportedNeed, SurveyResponse
from samverkan.times import today

SSYK2 = "2 Yrken med krav på fördjupad högskolekompetens"
SSYK5 = "5 Service-, omsorgs- och försäljningsyrken"
SSYK7 = "7 Yrken inom byggverksamhet och tillverkning"
FEWER = "färre än 3"
SSYK_SV = "Yrkesområde (SSYK 2012)"


def table_rows(page, table_id):
    """{row header: [cell texts]} of the table ``table_id`` of an HTML page."""
    table = re.search(rf'<table[^>]* id="{table_id}">(.*?)</table>', page, re.S).group(1)
    rows = {}
    for header, cells in re.findall(r'<tr[^>]*><th scope="row">(.*?)</th>(.*?)</tr>', table, re.S):
        rows[_text(header)] = [_text(cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", cells, re.S)]
    return rows


def _text(fragment):
    return html.unescape(re.sub(r"<[^>]+>", "", fragment)).replace("\xa0", " ").strip()


def read_csv(response):
    assert response.status_code == 200, response.text
    assert response.mimetype == "text/csv" and response.data.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"), newline=""), delimiter=";"))


def csv_cells(response):
    """{(dimension, area, category): [employers, needs, within 1y, within 3y]} of a needs CSV."""
    rows = read_csv(response)
    header = rows[0]
    area = header.index("Kommun") if "Kommun" in header else header.index("Region")
    return {(row[header.index("Dimension")], row[area], row[header.index("Kategori")]): row[-4:] for row in rows[1:]}


def json_cells(data, dimension, area_key="municipality"):
    return {(cell[area_key], cell["category"]): cell for cell in data["tables"][dimension]["cells"]}


def figures(cell):
    return [cell["employers"], cell["needs"], cell["within_1y"], cell["within_3y"]]


@pytest.fixture
def five(client):
    """FIVE's round in Västmanland (closed), one more employer invited who never answered."""
    with client.application.app_context():
        return nd.make_round("vastmanland", nd.FIVE, invited_only=[("Tyst Arbetsgivare AB", "Arboga")])


# -- exact numbers ---------------------------------------------------------------------------

def test_the_region_page_shows_five_employers_exactly(client, five):
    page = client.get("/regions/vastmanland/needs")
    assert page.status_code == 200
    text = page.text
    assert "Behovsinventering 2026" in text
    facts = dict(re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", text))
    assert facts["Inbjudna arbetsgivare"] == "6" and facts["Arbetsgivare som svarade"] == "5"
    ssyk = table_rows(text, "needs-ssyk-table")
    # group 2: E1 (2 / 5 people), E2 (1 / 2), E3 (4 / 4) – three employers, three needs, 7 and 11
    assert ssyk[SSYK2] == ["3", "3", "7", "11"]
    # group 5: E1 and E5; group 7: E3 and E4 – two employers each
    assert ssyk[SSYK5] == [FEWER] and ssyk[SSYK7] == [FEWER]
    assert ssyk["1 Chefsyrken"] == ["0", "0", "0", "0"]
    # everyone: five employers, seven needs, 2+3+1+4+5+2+1 = 18 and 5+6+2+4+10+3+1 = 31
    assert ssyk["Alla"] == ["5", "7", "18", "31"]
    seqf = table_rows(text, "needs-seqf-table")
    # level 4: E1 (3 / 6), E3 (5 / 10), E4 (2 / 3)
    assert seqf["SeQF 4: Gymnasieexamen"] == ["3", "3", "10", "19"]
    assert seqf["SeQF 6: Kandidatexamen eller kvalificerad yrkeshögskoleexamen"] == [FEWER]
    route = table_rows(text, "needs-route-table")
    assert route["Gymnasieskola eller vuxenutbildning"] == ["3", "3", "10", "19"]
    assert route["Validering av befintlig kompetens"] == [FEWER]
    # by municipality, group by group, people within a year: Västerås has group 2 (7) and 15 in all
    matrix = table_rows(text, "needs-matrix-table")
    assert matrix["Västerås"] == ["0", "0", "7", "0", "0", FEWER, "0", FEWER, "0", "0", "15"]
    assert matrix["Köping"] == ["0"] * 7 + [FEWER, "0", "0", FEWER]
    assert matrix["Sala"] == ["0"] * 5 + [FEWER] + ["0"] * 4 + [FEWER]
    assert matrix["Arboga"] == ["0"] * 11  # invited, never answered
    assert matrix["Kommun ej angiven"] == ["0"] * 11
    assert matrix["Västmanland"] == ["0", "0", "7", "0", "0", FEWER, "0", FEWER, "0", "0", "18"]
    # the chart beside the group table: a bar for group 2 only, the others named as not drawn
    assert re.search(r'id="needs-ssyk-chart"', text)
    assert "Inte ritade" in text and SSYK5 in text


def test_the_matrix_by_another_dimension_and_horizon(client, five):
    page = client.get("/regions/vastmanland/needs?by=route&horizon=3y")
    assert page.status_code == 200
    matrix = table_rows(page.text, "needs-matrix-table")
    # upper-secondary, higher vocational, higher education, validation, internal, other, all
    # Västerås: upper-secondary E1, E3; higher-education E1, E2; higher-vocational E3: all fewer than 3
    assert matrix["Västerås"] == [FEWER, FEWER, FEWER, "0", "0", "0", "27"]
    assert matrix["Västmanland"] == ["19", FEWER, FEWER, FEWER, "0", "0", "31"]
    assert "Personer som behövs inom 3 år per område och utbildningsväg" in page.text


def test_the_files_have_the_pages_figures_and_no_figure_where_suppressed(client, five):
    cells = csv_cells(client.get(f"/regions/vastmanland/needs.csv?round={five}"))
    assert cells[SSYK_SV, "Västerås", SSYK2] == ["3", "3", "7", "11"]
    assert cells[SSYK_SV, "Västerås", SSYK5] == [FEWER] * 4
    assert cells[SSYK_SV, "Västmanland", "Alla"] == ["5", "7", "18", "31"]
    assert cells["Utbildningsväg", "Västmanland", "Gymnasieskola eller vuxenutbildning"] == ["3", "3", "10", "19"]
    only = csv_cells(client.get("/regions/vastmanland/needs.csv?by=seqf"))
    assert {dimension for dimension, _area, _category in only} == {"Kvalifikationsnivå (SeQF)"}

    data = client.get("/regions/vastmanland/needs.json").json
    assert data["round"]["invited"] == 6 and data["round"]["answered"] == 5 and data["threshold"] == 3
    ssyk = json_cells(data, "ssyk")
    assert figures(ssyk["Västerås", "2"]) == [3, 3, 7, 11]
    assert ssyk["Västerås", "5"] == {"municipality": "Västerås", "category": "5", "suppressed": True}
    assert ssyk["Köping", None] == {"municipality": "Köping", "category": None, "suppressed": True}
    assert figures(ssyk[None, None]) == [5, 7, 18, 31]
    assert figures(json_cells(data, "seqf")[None, 4]) == [3, 3, 10, 19]
    # no suppressed cell anywhere carries a figure
    for dimension in ("ssyk", "seqf", "route"):
        for cell in data["tables"][dimension]["cells"]:
            assert cell.get("suppressed") or "employers" in cell
            if cell.get("suppressed"):
                assert set(cell) == {"municipality", "category", "suppressed"}


def test_in_english_the_files_say_fewer_than_3(client, five):
    client.post("/language", data={"lang": "en", "next": "/", "csrf_token": csrf_token(client)})
    rows = read_csv(client.get("/regions/vastmanland/needs.csv?by=ssyk"))
    assert rows[0] == ["Round", "Closed on", "Dimension", "Municipality", "Category", "Employers", "Needs",
                       "People within 1 year", "People within 3 years"]
    found = {(row[3], row[4]): row[5:] for row in rows[1:]}
    assert found["Västerås", "5 Service, care and shop sales workers"] == ["fewer than 3"] * 4
    assert found["Västmanland", "All"] == ["5", "7", "18", "31"]
    page = client.get("/regions/vastmanland/needs")
    assert "Employers' competence needs in Västmanland" in page.text
    assert table_rows(page.text, "needs-ssyk-table")["5 Service, care and shop sales workers"] == ["fewer than 3"]


# -- the threshold ---------------------------------------------------------------------------

def test_two_employers_are_suppressed_and_three_shown_in_page_csv_and_json(client):
    two = [(f"Två {n} AB", "Västerås", [nd.need("2", 5, "internal", 4, 6)]) for n in (1, 2)]
    three = [(f"Tre {n} AB", "Sundsvall", [nd.need("2", 5, "internal", 4, 6)]) for n in (1, 2, 3)]
    with client.application.app_context():
        nd.make_round("vastmanland", two)
        nd.make_round("vasternorrland", three)
    # two employers: no figure of theirs anywhere, not even how many they are
    page = client.get("/regions/vastmanland/needs").text
    assert table_rows(page, "needs-ssyk-table")[SSYK2] == [FEWER]
    assert table_rows(page, "needs-ssyk-table")["Alla"] == [FEWER]
    assert table_rows(page, "needs-matrix-table")["Västerås"][2] == FEWER
    cells = csv_cells(client.get("/regions/vastmanland/needs.csv"))
    assert cells[SSYK_SV, "Västmanland", SSYK2] == cells[SSYK_SV, "Västerås", "Alla"] == [FEWER] * 4
    data = client.get("/regions/vastmanland/needs.json").json
    assert json_cells(data, "ssyk")[None, "2"] == {"municipality": None, "category": "2", "suppressed": True}
    # every cell is hidden or an honest zero: the two employers' 8 and 12 people are nowhere
    for dimension in ("ssyk", "seqf", "route"):
        assert all(cell.get("suppressed") or figures(cell) == [0, 0, 0, 0] for cell in data["tables"][dimension]["cells"])
    # three employers: shown, exactly
    page = client.get("/regions/vasternorrland/needs").text
    assert table_rows(page, "needs-ssyk-table")[SSYK2] == ["3", "3", "12", "18"]
    cells = csv_cells(client.get("/regions/vasternorrland/needs.csv"))
    assert cells[SSYK_SV, "Sundsvall", SSYK2] == ["3", "3", "12", "18"]
    data = client.get("/regions/vasternorrland/needs.json").json
    assert figures(json_cells(data, "ssyk")["Sundsvall", "2"]) == [3, 3, 12, 18]


def test_secondary_suppression_leaves_nothing_to_subtract(client):
    """Four employers in Västerås need group 2, one of them also group 5; three in Köping group 2.
    Västerås's group 5 alone would be its total minus its group 2: that is hidden too, and so the
    region's group 2 beside the region's group 5."""
    answers = [(f"V{n} AB", "Västerås", [nd.need("2", 5, "internal", n, n + 1)]) for n in range(1, 5)]
    answers[0][2].append(nd.need("5", 5, "internal", 7, 9))
    answers += [(f"K{n} AB", "Köping", [nd.need("2", 5, "internal", 1, 1)]) for n in range(1, 4)]
    with client.application.app_context():
        nd.make_round("vastmanland", answers)
    data = client.get("/regions/vastmanland/needs.json").json
    ssyk = json_cells(data, "ssyk")
    for key in (("Västerås", "2"), ("Västerås", "5"), (None, "2"), (None, "5")):
        assert ssyk[key]["suppressed"] is True and "needs" not in ssyk[key], key
    assert figures(ssyk["Köping", "2"]) == figures(ssyk["Köping", None]) == [3, 3, 3, 3]
    # Västerås: 1+2+3+4+7 = 17 and 2+3+4+5+9 = 23; everyone: 20 and 26
    assert figures(ssyk["Västerås", None]) == [4, 5, 17, 23]
    assert figures(ssyk[None, None]) == [7, 8, 20, 26]
    # no row or column of the published table holds exactly one hidden cell
    areas = ["Västerås", "Köping", None]
    categories = [str(n) for n in range(10)] + [None]
    for area in areas:
        assert sum(bool(ssyk[area, category].get("suppressed")) for category in categories) != 1
    for category in categories:
        assert sum(bool(ssyk[area, category].get("suppressed")) for area in areas) != 1
    # the same through the CSV
    cells = csv_cells(client.get("/regions/vastmanland/needs.csv?by=ssyk"))
    assert cells[SSYK_SV, "Västerås", SSYK2] == [FEWER] * 4
    assert cells[SSYK_SV, "Västerås", "Alla"] == ["4", "5", "17", "23"]


# -- what counts -----------------------------------------------------------------------------

def test_open_rounds_and_answers_in_progress_never_count(client):
    with client.application.app_context():
        closed = nd.make_round("vastmanland", nd.FIVE, statuses={"Arbetsgivare Fem AB": "in-progress"})
        newer = nd.make_round("vastmanland", [(f"Ny {n} AB", "Arboga", [nd.need("9", 2, "internal", 50, 90)])
                                              for n in range(4)], period=nd.open_period(), title="Pågående omgång")
    page = client.get("/regions/vastmanland/needs").text
    assert "Behovsinventering 2026" in page and "Pågående omgång" not in page
    facts = dict(re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", page))
    assert facts["Inbjudna arbetsgivare"] == "5" and facts["Arbetsgivare som svarade"] == "4"
    # Sala's employer is still answering: Sala is empty; everyone: 18 − 1 and 31 − 1
    matrix = table_rows(page, "needs-matrix-table")
    assert matrix["Sala"] == ["0"] * 11 and matrix["Arboga"] == ["0"] * 11
    assert table_rows(page, "needs-ssyk-table")["Alla"] == ["4", "6", "17", "30"]
    for path in ("/regions/vastmanland/needs", "/regions/vastmanland/needs.csv", "/regions/vastmanland/needs.json"):
        assert client.get(f"{path}?round={newer}").status_code == 404
        assert client.get(f"{path}?round={closed}").status_code == 200
    national = client.get("/needs.json").json
    assert [region["round"]["id"] for region in national["regions"]] == [closed]
    assert figures(json_cells(national, "ssyk", "region")[None, None]) == [4, 6, 17, 30]
    compare = client.get("/compare/needs.csv").text
    assert "Pågående" not in compare and "50" not in compare


def test_only_an_open_round_is_an_empty_state(client, accounts):
    with client.application.app_context():
        nd.make_round("vastmanland", nd.FIVE, period=nd.open_period())
    page = client.get("/regions/vastmanland/needs")
    assert page.status_code == 200
    assert "Ingen behovsinventering i länet har stängt ännu." in page.text
    assert "/regions/vastmanland/surveys" not in page.text
    assert client.get("/regions/vastmanland/needs.csv").status_code == 404
    assert client.get("/regions/vastmanland/needs.json").status_code == 404
    assert "Inget läns behovsinventering har stängt ännu." in client.get("/needs").text
    login(client, ACCOUNTS["region-admin"][0])
    assert 'href="/regions/vastmanland/surveys"' in client.get("/regions/vastmanland/needs").text
    with client.application.app_context():  # once a round has closed, the files are there
        nd.make_round("vastmanland", nd.FIVE, title="Stängd omgång")
    assert client.get("/regions/vastmanland/needs.csv").status_code == 200


def test_a_round_closing_shows_on_the_next_day_without_a_write(client, monkeypatch):
    with client.application.app_context():
        nd.make_round("vastmanland", nd.FIVE, period=nd.open_period())
    assert "har stängt ännu" in client.get("/regions/vastmanland/needs").text
    assert "Behovsinventering" not in client.get("/compare/").text
    later = nd.open_period()[1] + timedelta(days=1)
    monkeypatch.setattr("samverkan.needs.queries.today", lambda: later)
    monkeypatch.setattr("samverkan.compare.queries.today", lambda: later)
    assert table_rows(client.get("/regions/vastmanland/needs").text, "needs-ssyk-table")["Alla"] == ["5", "7", "18", "31"]
    assert table_rows(client.get("/compare/").text, "needs-table")["Västmanland"][1:] == ["5", "18", "31"]


def test_a_new_answer_renews_the_figures_kept(client):
    two = [(f"Två {n} AB", "Västerås", [nd.need("2", 5, "internal", 4, 6)]) for n in (1, 2)]
    with client.application.app_context():
        round_id = nd.make_round("vastmanland", two)
    assert table_rows(client.get("/regions/vastmanland/needs").text, "needs-ssyk-table")[SSYK2] == [FEWER]
    assert table_rows(client.get("/compare/").text, "needs-table")["Västmanland"][2:] == [FEWER, FEWER]
    with client.application.app_context():  # a third answer, as an import of the round's answers writes it
        actor = nd.employer("Tredje AB", "Västerås", "vastmanland")
        response = SurveyResponse(round_id=round_id, actor=actor, status="completed", source="import")
        response.needs = [ReportedNeed(**nd.need("2", 5, "internal", 1, 1))]
        db.session.add(response)
        db.session.commit()
    assert table_rows(client.get("/regions/vastmanland/needs").text, "needs-ssyk-table")[SSYK2] == ["3", "3", "9", "13"]
    assert table_rows(client.get("/compare/").text, "needs-table")["Västmanland"][1:] == ["3", "9", "13"]


def test_saving_answers_in_an_open_round_keeps_the_lists_and_a_round_moved_renews_the_needs(client):
    """An employer saving answers leaves every worker's lists and comparison figures be (they read
    no survey table); moving a round's dates changes which rounds count, so it renews the needs."""
    from samverkan import cache
    from samverkan.needs import services
    from samverkan.needs.models import SurveyRound

    app = client.application
    with app.app_context():
        round_id = nd.make_round("vastmanland", nd.FIVE[:3], period=nd.open_period(),
                                 statuses={name: "in-progress" for name, _town, _needs in nd.FIVE[:3]})
        before = dict(cache.generations())
        survey = db.session.get(SurveyRound, round_id)
        for response in survey.responses:
            services.save_answers(response, [nd.need("9", 2, "internal", 1, 1)], {}, today=nd.open_period()[0],
                                  complete=True)
        db.session.commit()
        after = cache.generations()
        assert [after.get(name) for name in ("initiative-lists", "compare")] == \
            [before.get(name) for name in ("initiative-lists", "compare")]
        needs = after.get("needs")
        survey.closes_on = nd.open_period()[0]  # closed three days ago: it counts now
        db.session.commit()
        assert cache.generations()["needs"] != needs
    assert table_rows(client.get("/regions/vastmanland/needs").text, "needs-ssyk-table")["Alla"] == ["3", "3", "3", "3"]


# -- choosing ----------------------------------------------------------------------------------

def test_another_closed_round_of_the_region(client):
    with client.application.app_context():
        earlier = nd.make_round("vastmanland", [(f"Förr {n} AB", "Sala", [nd.need("8", 3, "internal", 2, 2)])
                                                for n in range(3)], period=nd.EARLIER, title="Behovsinventering 2025")
        latest = nd.make_round("vastmanland", nd.FIVE)
        other = nd.make_round("vasternorrland", nd.FIVE[:1])
    page = client.get("/regions/vastmanland/needs").text
    assert "Behovsinventering 2026" in page
    assert f'<option value="{earlier}">' in page and f'<option value="{latest}" selected>' in page
    page = client.get(f"/regions/vastmanland/needs?round={earlier}").text
    assert table_rows(page, "needs-ssyk-table")["8 Yrken inom maskinell tillverkning och transport m.m."] == \
        ["3", "3", "6", "6"]
    for bad in (other, "abc", "9" * 25, "-1", str(latest + other + 1000)):
        assert client.get(f"/regions/vastmanland/needs?round={bad}").status_code == 404, bad
        assert client.get(f"/regions/vastmanland/needs.json?round={bad}").status_code == 404, bad


@pytest.mark.parametrize("query", ["by=everything", "horizon=5y", "by=ssyk&horizon=3Y", "by=" + "x" * 300])
def test_bad_choices_are_a_400_that_says_which_with_the_defaults(client, five, query):
    page = client.get(f"/regions/vastmanland/needs?{query}")
    assert page.status_code == 400
    assert 'aria-invalid="true"' in page.text and "Valen kunde inte tillämpas" in page.text
    assert table_rows(page.text, "needs-ssyk-table")[SSYK2] == ["3", "3", "7", "11"]
    national = client.get(f"/needs?{query}")
    assert national.status_code == 400
    assert 'aria-invalid="true"' in national.text and "Valen kunde inte tillämpas" in national.text


def test_bad_files_and_years_are_a_400(client, five):
    """The files say why in the reason they give ``abort`` (their 400 is the error page), the page
    among its problems."""
    app = client.application

    def file_refused(path):
        with collab.error_pages(app) as errors:
            assert client.get(path).status_code == 400, path
        return [error.description for error in errors]

    bad_by = "”by” måste vara en av ssyk, seqf, route."
    assert file_refused("/regions/vastmanland/needs.csv?by=everything") == [bad_by]
    assert file_refused("/regions/vastmanland/needs.json?by=everything") == [bad_by]
    bad_year = f"”year” måste vara ett år, till exempel {today().year}."
    for query in ("year=abc", "year=1066", "year=" + "9" * 30):
        page = client.get(f"/needs?{query}")
        assert page.status_code == 400 and f"<li>{bad_year}</li>" in page.text
        assert file_refused(f"/needs.csv?{query}") == [bad_year]
        assert file_refused(f"/needs.json?{query}") == [bad_year]


# -- the whole country -------------------------------------------------------------------------

def test_the_national_tables_exactly(client, five):
    three = [(f"Tre {n} AB", "Sundsvall", [nd.need("2", 6, "higher-education", 4, 6)]) for n in (1, 2, 3)]
    with client.application.app_context():
        earlier = nd.make_round("vasternorrland", three, period=nd.EARLIER, title="Behov 2025")
    data = client.get("/needs.json").json
    assert [(region["slug"], region["round"]["id"]) for region in data["regions"]] == [
        ("vasternorrland", earlier), ("vastmanland", five)]
    ssyk = json_cells(data, "ssyk", "region")
    # group 2: Västmanland's three (7 / 11) and Västernorrland's three (12 / 18)
    assert figures(ssyk["vastmanland", "2"]) == [3, 3, 7, 11]
    assert figures(ssyk["vasternorrland", "2"]) == [3, 3, 12, 18]
    assert figures(ssyk[None, "2"]) == [6, 6, 19, 29]
    # Västmanland's groups 5 and 7 as on its own page; the country's too (only Västmanland has them)
    assert ssyk["vastmanland", "5"]["suppressed"] and ssyk[None, "5"]["suppressed"] and ssyk[None, "7"]["suppressed"]
    assert figures(ssyk["vastmanland", None]) == [5, 7, 18, 31]
    assert figures(ssyk[None, None]) == [8, 10, 30, 49]
    page = client.get("/needs?by=ssyk&horizon=3y").text
    matrix = table_rows(page, "needs-matrix-table")
    assert matrix["Västmanland"] == ["0", "0", "11", "0", "0", FEWER, "0", FEWER, "0", "0", "31"]
    assert matrix["Hela landet"] == ["0", "0", "29", "0", "0", FEWER, "0", FEWER, "0", "0", "49"]
    assert "Behov 2025" in page and "Behovsinventering 2026" in page
    # the rounds that closed in 2025 only
    data = client.get("/needs.json?year=2025").json
    assert [region["slug"] for region in data["regions"]] == ["vasternorrland"]
    assert figures(json_cells(data, "ssyk", "region")[None, None]) == [3, 3, 12, 18]
    assert "stängde 2024" in client.get("/needs?year=2024").text
    rows = read_csv(client.get("/needs.csv?by=ssyk"))
    assert rows[0][:5] == ["Dimension", "Region", "Omgång", "Stängde", "Kategori"]
    found = {(row[1], row[4]): row[5:] for row in rows[1:]}
    assert found["Västmanland", SSYK5] == [FEWER] * 4
    assert found["Hela landet", "Alla"] == ["8", "10", "30", "49"]


# -- where the pages are linked ----------------------------------------------------------------

def test_the_needs_pages_are_linked_from_the_region_the_plan_and_the_comparison(client, five):
    assert 'href="/regions/vastmanland/needs"' in client.get("/regions/vastmanland/").text
    assert 'href="/regions/vastmanland/needs"' in client.get("/regions/vastmanland/plan/M5").text  # needs-analysis
    assert "/needs" not in client.get("/regions/vastmanland/plan/M8").text  # validation, coordination
    page = client.get("/compare/").text
    assert 'href="/needs"' in page
    row = table_rows(page, "needs-table")
    assert row["Västmanland"] == ["Behovsinventering 2026 (2026-02-15)", "5", "18", "31"]
    assert row["Alla regioner"][1:] == ["5", "18", "31"]
    assert f'href="/regions/vastmanland/needs?round={five}"' in page
    rows = read_csv(client.get("/compare/needs.csv"))
    assert rows[1][0] == "Västmanland" and rows[1][2:] == ["5", "18", "31"]


def test_the_comparison_says_fewer_than_3_for_a_small_region(client):
    with client.application.app_context():
        nd.make_round("vastmanland", nd.FIVE[:2])
    row = table_rows(client.get("/compare/").text, "needs-table")["Västmanland"]
    assert row[1:] == ["2", FEWER, FEWER]
    rows = read_csv(client.get("/compare/needs.csv"))
    assert rows[1][2:] == ["2", FEWER, FEWER]


def test_the_demos_closed_rounds_are_shown_marked_as_demo_data(demo_app, client):
    for slug in ("vastmanland", "vasternorrland"):
        page = client.get(f"/regions/{slug}/needs")
        assert page.status_code == 200
        assert "Demodata: svaren är påhittade" in page.text
        data = client.get(f"/regions/{slug}/needs.json").json
        assert data["round"]["demo"] is True and data["round"]["answered"] > 0
        for dimension in ("ssyk", "seqf", "route"):
            for cell in data["tables"][dimension]["cells"]:
                assert set(cell) == ({"municipality", "category", "suppressed"} if cell.get("suppressed")
                                     else {"municipality", "category", "employers", "needs", "within_1y", "within_3y"})
                assert cell.get("suppressed") or cell["employers"] == 0 or cell["employers"] >= 3
    national = client.get("/needs.json").json
    assert [region["slug"] for region in national["regions"]] == ["vasternorrland", "vastmanland"]
