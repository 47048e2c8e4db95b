"""In real headless Chromium: the national comparison's filters and its count/budget switch update
the results in place with htmx (and work as a plain form without JavaScript), and axe-core finds no
WCAG 2.1 AA violation on the dashboard, its charts and tables included, in both languages, a bad
filter included.

One live server for the module, over a synced SQLite app with the test accounts and the fixed data
set of ``test_compare.py``.
"""
import re

import pytest
from browser import check_scenario, live_site, page_without_javascript, problems
from conftest import LOCALES
from playwright.sync_api import expect
from test_compare import fixed

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(sqlite_databases):
    with live_site(sqlite_databases, "accounts", demo=False, prepare=fixed) as server:
        yield server


def whole_country(page, table):
    """The whole country's row of a table of the page, as its cells' texts."""
    return page.locator(f"#{table}-table tr.total td").all_inner_texts()


def test_the_filters_and_the_measure_update_the_results_in_place(site, open_page):
    page = open_page()
    page.goto(site.url + "/compare/")
    assert whole_country(page, "matrix")[-1] == "4"
    page.evaluate("window.notReloaded = true")  # gone if the page is loaded again
    with page.expect_response(lambda response: "status=finished" in response.url):
        page.locator("#status").select_option("finished")
    total = page.locator("#matrix-table tr.total td:last-child")
    expect(total).to_have_text("1")  # polled by Playwright: the CSP lets no string be evaluated in the page
    with page.expect_response(lambda response: "measure=budget" in response.url):
        page.get_by_label("Budget (kr)").check()
    expect(total).to_have_text(re.compile(r"^2\s000\s000$"))
    assert page.evaluate("window.notReloaded") is True
    assert "status=finished" in page.url and "measure=budget" in page.url  # the address keeps them (hx-push-url)
    assert page.locator("#matrix-chart").count() == 1  # the chart came with the results
    # a figure leads to its initiatives
    with page.expect_navigation():
        page.locator("#matrix-table tr.total td:last-child a").click()
    assert "/initiatives/" in page.url and page.locator("text=1 initiativ").count() == 1
    assert problems(page) == []


def test_without_javascript_the_filters_are_a_plain_form(site, browser):
    with page_without_javascript(browser) as page:
        page.goto(site.url + "/compare/")
        page.locator("#funding").select_option("esf")
        with page.expect_navigation():
            page.locator("main form.filters button[type=submit]").click()
        assert "funding=esf" in page.url
        assert page.locator("#matrix-table tr.total td").last.inner_text() == "1"


def test_the_wide_tables_scroll_within_a_region_the_keyboard_reaches(site, open_page):
    page = open_page()
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(site.url + "/compare/")
    region = page.locator("[role=region][aria-labelledby=matrix-caption]")
    assert region.evaluate("element => element.scrollWidth > element.clientWidth")
    region.focus()
    assert page.evaluate("document.activeElement.getAttribute('aria-labelledby')") == "matrix-caption"
    # the arrow key scrolls (smoothly: the scroll event says where it got to, no waiting on a clock)
    region.evaluate("element => { window.scrolled = new Promise(resolve => element.addEventListener("
                    "'scroll', () => resolve(element.scrollLeft), {once: true})); }")
    page.keyboard.press("ArrowRight")
    assert page.evaluate("() => window.scrolled") > 0


#: name -> (who, path, status)
AXE_SCENARIOS = {
    "dashboard": (None, "/compare/", 200),
    "budget": (None, "/compare/?measure=budget", 200),
    "filtered": (None, "/compare/?status=&year_from=2020&year_to=2025&funding=esf&actor_kind=municipality", 200),
    "no-indicator-values": (None, "/compare/?year_from=2030", 200),
    "bad-filter": (None, "/compare/?year_from=2025&year_to=2020&funding=lottery", 400),
    "analyst": ("national-analyst", "/compare/", 200),
}


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("scenario", list(AXE_SCENARIOS))
def test_the_comparison_has_no_wcag_21_aa_violations(site, kept_pages, scenario, locale):
    page = check_scenario(kept_pages, site, AXE_SCENARIOS[scenario], locale)
    if AXE_SCENARIOS[scenario][2] == 400:
        assert page.locator("[aria-invalid=true]").count() == 2  # both filters, exactly
    else:
        assert page.locator("svg.chart-svg[role=img]").count() >= 5
