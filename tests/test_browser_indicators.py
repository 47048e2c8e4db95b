"""In real headless Chromium: axe-core on every indicator page in both languages (the list, an
indicator's charts and tables with the demo's values, a region admin's forms and their error
states, the confirmation of a deletion), the charts drawn within the CSP, and a value added
without JavaScript."""
import pytest
from browser import (axe_violations, check_scenario, csp_violations, live_site, page_without_javascript, problems,
                     submitted)
from conftest import LOCALES
from sqlalchemy import select

from samverkan.extensions import db
from samverkan.indicators.models import Indicator, IndicatorValue

pytestmark = pytest.mark.browser


def demo_ids():
    """A value of the demo's and its own indicator."""
    value = db.session.scalar(select(IndicatorValue).join(Indicator).where(Indicator.key == "rus-19")
                              .order_by(IndicatorValue.id))
    own = db.session.scalar(select(Indicator.key).where(Indicator.custom.is_(True)))
    return {"value": value.id, "own": own}


@pytest.fixture(scope="module")
def site(sqlite_databases):
    """A live server with the demo's indicator values."""
    with live_site(sqlite_databases, "accounts", prepare=demo_ids) as server:
        yield server


#: name -> (who, path or steps, status)
AXE_SCENARIOS = {
    "list": (None, "/regions/vastmanland/indicators", 200),
    "list-own": (None, "/regions/vasternorrland/indicators", 200),
    "indicator": (None, "/regions/vastmanland/indicators/rus-17", 200),
    "indicator-survey": (None, "/regions/vastmanland/indicators/rus-18", 200),
    "indicator-own": (None, "/regions/vasternorrland/indicators/{own}", 200),
    "indicator-admin": ("region-admin", "/regions/vastmanland/indicators/rus-19?region=gavleborg", 200),
    # Västmanland has a value for 2019 already (the region filter's form is another)
    "value-failed": ("region-admin", submitted("/regions/vastmanland/indicators/rus-17/values", {
        "#year": "2019", "#value": "många"}, form="main form.form[method=post]"), 400),
    "value-edit": ("region-admin", "/indicator-values/{value}/edit", 200),
    "value-delete": ("region-admin", "/indicator-values/{value}/delete", 200),
    "indicator-new-failed": ("region-admin", submitted("/regions/vastmanland/indicators/new"), 400),
    "indicator-source": ("region-admin", "/regions/vastmanland/indicators/rus-17/edit", 200),
}


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("scenario", list(AXE_SCENARIOS))
def test_indicator_pages_have_no_wcag_21_aa_violations(site, kept_pages, scenario, locale):
    check_scenario(kept_pages, site, AXE_SCENARIOS[scenario], locale)


def test_the_charts_are_drawn_within_the_csp_as_images_with_their_tables(site, open_page):
    page = open_page("sv-SE")
    page.goto(f"{site.url}/regions/vastmanland/indicators/rus-17")
    charts = page.locator("svg[role=img]")
    assert charts.count() == 2
    # each chart is an image named by its title, with a table of the same figures after it
    assert page.get_by_role("img", name="Delmål 17 per region och år").count() == 1
    assert page.get_by_role("img", name="Delmål 17 för kvinnor och män i Västmanland").count() == 1
    assert page.locator("table caption").all_inner_texts() == [
        "Delmål 17 per region och år (%)", "Delmål 17 för kvinnor och män i Västmanland (%)"]
    # six regions: six lines, seven years each, drawn with the stylesheet's colours
    assert page.locator("#indicator-regions path.chart-line").count() == 6
    assert page.locator("#indicator-regions path.chart-marker").count() == 42
    colour = page.locator("#indicator-regions path.chart-line").first.evaluate("e => getComputedStyle(e).stroke")
    assert colour == "rgb(11, 79, 138)"
    assert "Demodata." in page.locator("main").inner_text()
    assert csp_violations(page) == [] and problems(page) == []
    # the region for women and men is chosen with a plain form
    page.locator("#gender-region").select_option("vasternorrland")
    with page.expect_navigation():
        page.locator("main form.filters button").click()
    assert page.url.endswith("?region=vasternorrland")
    assert page.get_by_role("img", name="Delmål 17 för kvinnor och män i Västernorrland").count() == 1


def test_a_value_is_added_without_javascript(site, browser):
    with page_without_javascript(browser, site.url, "region-admin") as page:
        page.goto(f"{site.url}/regions/vastmanland/indicators/rus-18")
        page.locator("#year").fill("2026")
        page.locator("#region").select_option(label="Kalmar")
        page.locator("#value").fill("33,5")
        with page.expect_navigation():
            page.locator("main form.form button[type=submit]").click()
        assert page.url == f"{site.url}/regions/vastmanland/indicators/rus-18"
        assert "Värdet är sparat." in page.locator("main").inner_text()
        row = page.locator("table").first.locator("tr", has_text="Kalmar")
        assert row.locator("td").last.inner_text() == "33,5"


def test_on_a_phone_the_page_stays_in_the_window_and_its_tables_scroll_in_focusable_regions(site, browser):
    context = browser.new_context(locale="sv-SE", viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto(f"{site.url}/regions/vastmanland/indicators/rus-17")
        width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert width[0] <= width[1]
        wraps = page.locator(".table-wrap")
        assert wraps.count() == 2
        for wrap in wraps.all():
            assert (wrap.get_attribute("role"), wrap.get_attribute("tabindex")) == ("region", "0")
        # seven years of six regions do not fit: the table scrolls inside its region, and so does
        # the chart, which keeps its drawn size (its text stays 12 px)
        assert page.locator(".table-wrap").first.evaluate("e => e.scrollWidth > e.clientWidth")
        chart = page.locator(".chart-scroll", has=page.locator("#indicator-regions"))
        assert (chart.get_attribute("role"), chart.get_attribute("tabindex")) == ("region", "0")
        assert chart.evaluate("e => e.getBoundingClientRect().width") <= 390
        assert axe_violations(page) == []
    finally:
        context.close()
