"""Indicators: a region's list with the latest values, an indicator's page (its charts and the
table of its values by region and year, women and men), the forms of a region admin (a region's
own indicator, the source of a plugin's, values with Swedish decimal commas, duplicates refused,
deletion through a confirmation), the CSV download, the demo's marking, and what ``plugins sync``
leaves alone. The import is in ``test_indicator_import.py``."""
import re
from html.parser import HTMLParser

import collab
import pytest
from conftest import ACCOUNTS, csrf_token, login
from sqlalchemy import func, select

from samverkan.audit import AuditEvent
from samverkan.extensions import db
from samverkan.indicators import queries, services
from samverkan.indicators.models import Indicator, IndicatorValue
from samverkan.sync import sync_all

NBSP = "\u00a0"


class Tables(HTMLParser):
    """The tables of a page: caption -> rows of cell texts (header row first), spaces (no-break
    spaces too) made one."""

    def __init__(self, html):
        super().__init__()
        self.tables, self._rows, self._cell, self._caption = {}, None, None, None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self._rows = []
        elif tag == "caption":
            self._caption = ""
        elif tag == "tr" and self._rows is not None:
            self._rows.append([])
        elif tag in ("td", "th") and self._rows is not None:
            self._cell = ""

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self._rows[-1].append(" ".join(self._cell.split()))
            self._cell = None
        elif tag == "caption":
            self._name, self._caption = " ".join(self._caption.split()), None
        elif tag == "table":
            self.tables[self._name] = self._rows
            self._rows = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell += data
        elif self._caption is not None:
            self._caption += data


def indicator(key, slug="vastmanland"):
    return db.session.scalar(select(Indicator).where(Indicator.key == key, Indicator.region_id == collab.region(slug).id))


@pytest.fixture
def data(synced_app, accounts):
    """Values of Västmanland's sub-goal 17 for Västmanland (two years, the second with women and
    men), Gävleborg and Skåne, and an indicator of Västmanland's own without values."""
    with synced_app.app_context():
        rus17 = indicator("rus-17")
        for slug, year, value, women, men in (("vastmanland", 2023, 69.4, None, None),
                                              ("vastmanland", 2024, 70.25, 74, 66.5),
                                              ("gavleborg", 2023, 66, None, None),
                                              ("skane", 2024, 80, 82.5, None)):
            collab.make_indicator_value(rus17, slug, year, value, value_women=women, value_men=men)
        own = collab.make_indicator("vastmanland", name="Andel validerade", unit="%", source="Egen enkät")
        db.session.commit()
        return {"rus-17": rus17.id, "own": own.key}


def admin_client(synced_app, role="region-admin"):
    client = synced_app.test_client()
    assert login(client, ACCOUNTS[role][0]).status_code == 302
    return client


def post(client, url, data):
    return client.post(url, data={**data, "csrf_token": csrf_token(client, url)})


def collab_region_id(app, slug):
    with app.app_context():
        return collab.region(slug).id


def values_of(app, indicator_id):
    with app.app_context():
        return [(row.region.slug, row.year, row.value, row.value_women, row.value_men, row.source, row.demo)
                for row in db.session.scalars(select(IndicatorValue).where(IndicatorValue.indicator_id == indicator_id)
                                              .order_by(IndicatorValue.region_id, IndicatorValue.year))]


# -- reading ------------------------------------------------------------------------------------

def test_the_list_shows_the_plans_indicators_then_the_regions_own_with_their_latest_values(client, data):
    page = client.get("/regions/vastmanland/indicators")
    assert page.status_code == 200
    rows = Tables(page.text).tables["Indikatorer för Västmanland och deras senaste värden för regionen"]
    assert rows == [
        ["Indikator", "Senaste värde", "Källa"],
        ["Delmål 17 Öka andelen elever som fullföljer sina studier med godkända resultat",
         "70,25 % (2024) kvinnor 74, män 66,5", "–"],
        ["Delmål 18 Prioriterad Öka andelen företag och organisationer som upplever att de har lätt att hitta "
         "rätt kompetens vid rekrytering", "Inget värde ännu", "–"],
        ["Delmål 19 Öka andelen sysselsatta", "Inget värde ännu", "–"],
        ["Andel validerade regionens egen", "Inget värde ännu", "Egen enkät"],
    ]
    assert 'href="/regions/vastmanland/indicators/own-andel-validerade"' in page.text
    assert "Demodata" not in page.text
    assert "Lägg till en indikator" not in page.text  # only for those who manage the region
    # a region without indicators says so; the region's page links to its list
    assert "Regionen följer ännu inte upp några indikatorer" in client.get("/regions/skane/indicators").text
    assert 'href="/regions/vastmanland/indicators"' in client.get("/regions/vastmanland/").text


def test_an_indicators_page_has_a_chart_and_the_table_of_its_values_by_region_and_year(client, data):
    page = client.get("/regions/vastmanland/indicators/rus-17")
    assert page.status_code == 200
    tables = Tables(page.text).tables
    # the own region first, then by name; two decimals, as the most precise value needs
    assert tables["Delmål 17 per region och år (%)"] == [
        ["Region", "2023", "2024"],
        ["Västmanland", "69,40", "70,25"],
        ["Gävleborg", "66,00", "–inget värde"],
        ["Skåne", "–inget värde", "80,00"],
    ]
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg" id="indicator-regions"' in page.text
    assert '<title id="indicator-regions-title">Delmål 17 per region och år</title>' in page.text
    assert ("En linje för varje region med värden (Västmanland, Gävleborg, Skåne), åren 2023–2024. "
            "Tabellen efter diagrammet visar alla värden.") in page.text
    assert f"<title>Skåne 2024: 80{NBSP}%</title>" in page.text
    # women and men: the own region by default, any region with them on request
    assert tables["Delmål 17 för kvinnor och män i Västmanland (%)"] == [
        ["År", "Alla", "Kvinnor", "Män"], ["2023", "69,40", "–", "–"], ["2024", "70,25", "74,00", "66,50"]]
    assert [option for option in ("vastmanland", "skane", "gavleborg")
            if f'<option value="{option}"' in page.text] == ["vastmanland", "skane"]
    other = Tables(client.get("/regions/vastmanland/indicators/rus-17?region=skane").text).tables
    assert other["Delmål 17 för kvinnor och män i Skåne (%)"] == [
        ["År", "Alla", "Kvinnor", "Män"], ["2024", "80,00", "82,50", "–"]]
    assert 'href="/regions/vastmanland/indicators/rus-17.csv"' in page.text
    assert "Lägg till ett värde" not in page.text and "/indicator-values/" not in page.text


def test_the_page_in_english_writes_numbers_the_english_way(client, data):
    client.post("/language", data={"lang": "en", "next": "/", "csrf_token": csrf_token(client)})
    tables = Tables(client.get("/regions/vastmanland/indicators/rus-17").text).tables
    assert tables["Sub-goal 17 by region and year (%)"][1] == ["Västmanland", "69.40", "70.25"]


def test_an_indicator_without_values_and_an_unknown_one(client, data):
    page = client.get(f"/regions/vastmanland/indicators/{data['own']}")
    assert page.status_code == 200
    assert "Indikatorn har inga värden ännu." in page.text and "<svg" not in page.text.split("<main")[1]
    assert client.get("/regions/vastmanland/indicators/rus-17").status_code == 200
    assert client.get("/regions/vastmanland/indicators/rus-99").status_code == 404
    # an indicator is found in its own region only
    assert client.get("/regions/vasternorrland/indicators/rus-17").status_code == 404
    assert client.get("/regions/vastmanland/indicators/rus-99.csv").status_code == 404


def test_series_reads_the_values_of_chosen_regions_and_years(synced_app, data):
    with synced_app.app_context():
        rus17 = db.session.get(Indicator, data["rus-17"])
        whole = queries.series(rus17)
        assert [region.slug for region in whole.regions] == ["vastmanland", "gavleborg", "skane"]
        assert whole.years == [2023, 2024]
        assert [(row.region.slug, row.year, row.value) for row in whole.rows] == [
            ("vastmanland", 2023, 69.4), ("vastmanland", 2024, 70.25), ("gavleborg", 2023, 66), ("skane", 2024, 80)]
        assert whole.by_year(collab.region("vastmanland"), "value_women") == {2024: 74}
        assert [region.slug for region in whole.gender_regions] == ["vastmanland", "skane"]
        assert (whole.decimals, whole.demo) == (2, False)
        some = queries.series(rus17, regions=[collab.region("skane").id, collab.region("gavleborg").id],
                              years=[2024])
        assert ([region.slug for region in some.regions], some.years) == (["skane"], [2024])
        assert queries.latest_values([rus17], collab.region("gavleborg"))[rus17.id].year == 2023


def test_the_csv_download_is_the_imports_format_as_excel_reads_it_in_sweden(client, data):
    response = client.get("/regions/vastmanland/indicators/rus-17.csv")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert response.headers["Content-Disposition"] == 'attachment; filename="indikator-vastmanland-rus-17.csv"'
    assert response.data.decode("utf-8") == (
        "\ufeffIndikatorns region;Indikator;Region;År;Värde;Kvinnor;Män;Källa\r\n"
        "vastmanland;rus-17;vastmanland;2023;69,4;;;\r\n"
        "vastmanland;rus-17;vastmanland;2024;70,25;74;66,5;\r\n"
        "vastmanland;rus-17;gavleborg;2023;66;;;\r\n"
        "vastmanland;rus-17;skane;2024;80;82,5;;\r\n")


# -- the demo -----------------------------------------------------------------------------------

def test_every_page_that_shows_demo_values_says_they_are_invented(synced_app):
    runner = synced_app.test_cli_runner()
    result = runner.invoke(args=["demo", "load"])
    assert "indicator value: 123 created" in result.output and "indicator: 1 created" in result.output
    with synced_app.app_context():
        assert db.session.scalar(select(func.count()).select_from(IndicatorValue)
                                 .where(IndicatorValue.demo.is_(False))) == 0
        own = db.session.scalar(select(Indicator).where(Indicator.custom.is_(True)))
        assert (own.region.slug, own.key) == ("vasternorrland", "own-personer-som-validerats-inom-vard-och-omsorg")
        assert [(region.slug, len(queries.series(own).years)) for region in queries.series(own).regions] == [
            ("vasternorrland", 5), ("jamtland", 5), ("vasterbotten", 5)]
    second = runner.invoke(args=["demo", "load"])
    assert "indicator" not in second.output
    client = synced_app.test_client()
    notice = "Demodata.</strong> Siffrorna på den här sidan är påhittade"
    for url in ("/regions/vastmanland/indicators", "/regions/vastmanland/indicators/rus-17",
                "/regions/vastmanland/indicators/rus-18", "/regions/vastmanland/indicators/rus-19",
                "/regions/vasternorrland/indicators", f"/regions/vasternorrland/indicators/{own.key}"):
        page = client.get(url)
        assert page.status_code == 200 and notice in page.text, url
    rus18 = Tables(client.get("/regions/vastmanland/indicators/rus-18").text).tables["Delmål 18 per region och år (%)"]
    assert rus18[0] == ["Region", "2019", "2021", "2023", "2025"]  # a survey every other year
    assert notice not in client.get("/regions/skane/indicators").text


# -- a region admin's forms -----------------------------------------------------------------------

def test_a_value_with_a_decimal_comma_is_added_and_audited_in_the_indicators_region(synced_app, data):
    client = admin_client(synced_app)
    page = client.get("/regions/vastmanland/indicators/rus-17")
    assert "Lägg till ett värde" in page.text and 'id="value_women"' in page.text
    with synced_app.app_context():
        dalarna = collab.region("dalarna").id
        vastmanland = collab.region("vastmanland").id
    response = post(client, "/regions/vastmanland/indicators/rus-17/values",
                    {"year": "2025", "region": dalarna, "value": "71,5", "value_women": "1 234,75",
                     "value_men": "−2", "source": "SCB"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/regions/vastmanland/indicators/rus-17"
    assert ("dalarna", 2025, 71.5, 1234.75, -2.0, "SCB", False) in values_of(synced_app, data["rus-17"])
    with synced_app.app_context():
        event = db.session.scalars(select(AuditEvent).where(
            AuditEvent.object_type == "IndicatorValue", AuditEvent.action == "create",
            collab.by(ACCOUNTS["region-admin"][0]))).one()
        assert event.region_id == vastmanland
        assert event.changes["value"] == 71.5
    shown = client.get("/regions/vastmanland/indicators/rus-17")
    assert "Värdet är sparat." in shown.text
    # the admin's table links each value to its form, saying which
    assert 'aria-label="Ändra värdet för Dalarna 2025: 71,50"' in shown.text
    # the region's audit log names the value by its indicator, county and year, linked to its page
    audit = client.get("/regions/vastmanland/audit").text
    assert '<a href="/regions/vastmanland/indicators/rus-17">Delmål 17: Dalarna 2025</a>' in audit


@pytest.mark.parametrize("form, field, message", [
    ({"year": "tjugo"}, "year", "Inte ett giltigt heltal"),
    ({"year": "1800"}, "year", "mellan 1950 och 2100"),
    ({"year": ""}, "year", "Ange året, till exempel 2024."),
    ({"value": "många"}, "value", "Ange ett tal, till exempel 42 eller 3,5."),
    ({"value": ""}, "value", "Ange värdet, till exempel 42 eller 3,5."),
    ({"value": "1e20"}, "value", "Ange ett tal"),
    ({"value_women": "nan"}, "value_women", "Ange ett tal"),
    ({"region": "99999"}, "region", "Inte ett giltigt val"),
    ({"source": "x" * 301}, "source", "300"),
    ({"year": "2024", "region": "vastmanland"}, "year", "Västmanland har redan ett värde för 2024."),
])
def test_bad_input_is_a_form_error_and_nothing_is_written(synced_app, data, form, field, message):
    client = admin_client(synced_app)
    with synced_app.app_context():
        good = {"year": "2025", "region": collab.region("dalarna").id, "value": "3", "source": ""}
        if form.get("region") == "vastmanland":
            form = {**form, "region": collab.region("vastmanland").id}
    before = values_of(synced_app, data["rus-17"])
    response = post(client, "/regions/vastmanland/indicators/rus-17/values", {**good, **form})
    assert response.status_code == 400
    error = response.text.split(f'id="{field}-error">')[1].split("</p>")[0]
    assert message in error
    assert 'aria-invalid="true"' in re.search(rf'<(?:input|select)[^>]*\bid="{field}"[^>]*>', response.text).group(0)
    assert values_of(synced_app, data["rus-17"]) == before


def test_a_value_is_changed_and_deleted_through_a_confirmation(synced_app, data):
    client = admin_client(synced_app)
    with synced_app.app_context():
        row = db.session.scalar(select(IndicatorValue).where(IndicatorValue.value == 66))
        row.demo = True
        db.session.commit()
        row_id, gavleborg, vastmanland = row.id, row.region_id, collab.region("vastmanland").id
    form = client.get(f"/indicator-values/{row_id}/edit")
    assert form.status_code == 200
    assert 'value="66"' in form.text and "Demodata." in form.text
    # moved onto a year and region that has a value: refused
    refused = post(client, f"/indicator-values/{row_id}/edit", {"year": "2023", "region": vastmanland, "value": "1"})
    assert refused.status_code == 400 and "Västmanland har redan ett värde för 2023." in refused.text
    changed = post(client, f"/indicator-values/{row_id}/edit", {"year": "2022", "region": gavleborg,
                                                                "value": "65,5", "value_women": "", "source": "SCB"})
    assert changed.status_code == 302
    assert ("gavleborg", 2022, 65.5, None, None, "SCB", False) in values_of(synced_app, data["rus-17"])
    confirm = client.get(f"/indicator-values/{row_id}/delete")
    assert confirm.status_code == 200
    assert "Ta bort värdet för Delmål 17 i Gävleborg 2022 (65,5)?" in confirm.text
    assert len(values_of(synced_app, data["rus-17"])) == 4  # asking deletes nothing
    deleted = post(client, f"/indicator-values/{row_id}/delete", {})
    assert deleted.status_code == 302 and deleted.headers["Location"] == "/regions/vastmanland/indicators/rus-17"
    assert [row[:2] for row in values_of(synced_app, data["rus-17"])] == [
        ("skane", 2024), ("vastmanland", 2023), ("vastmanland", 2024)]
    with synced_app.app_context():
        assert db.session.scalar(select(AuditEvent.region_id).where(
            AuditEvent.object_type == "IndicatorValue", AuditEvent.action == "delete")) == vastmanland
    # another region's admin reaches neither the form nor the value
    other = admin_client(synced_app, "other-region-admin")
    with synced_app.app_context():
        remaining = db.session.scalar(select(IndicatorValue.id).where(IndicatorValue.value == 80))
    assert other.get(f"/indicator-values/{remaining}/edit").status_code == 403
    assert collab.refusals(synced_app)[-1] == "region.manage"


def test_a_region_admin_adds_an_indicator_of_the_regions_own_and_edits_it(synced_app, data):
    client = admin_client(synced_app)
    assert client.get("/regions/vastmanland/indicators").text.count("Lägg till en indikator") == 1
    blank = post(client, "/regions/vastmanland/indicators/new", {"name": "", "unit": "%"})
    assert blank.status_code == 400
    assert collab.form_errors(blank) == {"name": "Det här fältet är obligatoriskt."}
    first = post(client, "/regions/vastmanland/indicators/new",
                 {"name": "Andel validerade", "name_en": "", "description": "Per år.", "unit": "%", "source": ""})
    assert first.headers["Location"] == "/regions/vastmanland/indicators/own-andel-validerade-2"
    with synced_app.app_context():
        made = indicator("own-andel-validerade-2")
        assert (made.custom, made.name_en, made.description, made.position) == (True, None, "Per år.", 4)
    edited = post(client, "/regions/vastmanland/indicators/own-andel-validerade-2/edit",
                  {"name": "Andel validerade inom vården", "name_en": "Share validated", "unit": "procent",
                   "source": "Enkät", "description": ""})
    assert edited.status_code == 302
    with synced_app.app_context():
        made = indicator("own-andel-validerade-2")  # the key, and so the address, stays
        assert (made.name, made.name_en, made.unit, made.source) == (
            "Andel validerade inom vården", "Share validated", "procent", "Enkät")


def test_a_plugins_indicator_takes_only_its_source_and_sync_keeps_it(synced_app, data):
    client = admin_client(synced_app)
    form = client.get("/regions/vastmanland/indicators/rus-17/edit")
    assert form.status_code == 200
    assert 'id="source"' in form.text and 'id="name"' not in form.text and 'id="unit"' not in form.text
    response = post(client, "/regions/vastmanland/indicators/rus-17/edit",
                    {"source": "Kolada N17461", "name": "Ett annat namn", "unit": "st"})
    assert response.status_code == 302
    with synced_app.app_context():
        sync_all(synced_app.extensions["samverkan.plugins"])
        db.session.commit()
        rus17, own = indicator("rus-17"), indicator(data["own"])
        assert (rus17.name, rus17.unit, rus17.source) == ("Delmål 17", "%", "Kolada N17461")
        assert (own.retired, own.source) == (False, "Egen enkät")
    assert "Kolada N17461" in client.get("/regions/vastmanland/indicators").text


def test_new_keys_are_free_in_the_region_and_safe_in_an_address(synced_app):
    with synced_app.app_context():
        region = collab.region("skane")
        assert services.slugified("Andel (%) som går vidare – år 2!") == "andel-som-gar-vidare-ar-2"
        keys = [services.create_indicator(region, {"name": name}).key
                for name in ("Övergång till högskola", "Övergång till högskola", "Övergång till högskola", "!!")]
        assert keys == ["own-overgang-till-hogskola", "own-overgang-till-hogskola-2", "own-overgang-till-hogskola-3",
                        "own"]
        assert len(services.new_key(region, "x" * 300)) <= 60


def test_names_are_escaped_on_every_page_and_in_the_chart(synced_app, accounts):
    name = '<b>Fet</b> & "citat"'
    with synced_app.app_context():
        own = collab.make_indicator("vastmanland", name=name, unit="<i>st</i>")
        collab.make_indicator_value(own, "vastmanland", 2024, 3, source="<script>alert(1)</script>")
        db.session.commit()
        key = own.key
    client = admin_client(synced_app)
    row_id = client.get(f"/regions/vastmanland/indicators/{key}").text.split("/indicator-values/")[1].split("/")[0]
    # changed through the site, so that the audit log's page shows the value by its indicator's name
    assert post(client, f"/indicator-values/{row_id}/edit", {"year": "2024", "value": "4",
                "region": collab_region_id(synced_app, "vastmanland")}).status_code == 302
    for url in ("/regions/vastmanland/indicators", f"/regions/vastmanland/indicators/{key}",
                f"/regions/vastmanland/indicators/{key}/edit", f"/indicator-values/{row_id}/edit",
                f"/indicator-values/{row_id}/delete", "/regions/vastmanland/audit"):
        page = client.get(url)
        assert page.status_code == 200, url
        assert "<b>Fet</b>" not in page.text and "<i>st</i>" not in page.text and "<script>alert" not in page.text
        assert "&lt;b&gt;Fet&lt;/b&gt; &amp;" in page.text, url
