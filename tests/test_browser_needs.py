"""In real headless Chromium: the needs pages (a region's and the whole country's) have no WCAG 2.1
AA violation in either language, their charts and tables, the empty state and a bad choice
included; and their choices are a plain form that works without JavaScript.

One live server for the module over a synced SQLite app with the test accounts: FIVE's round in
Västmanland, an earlier one there, and three employers' round in Västernorrland.
"""
import pytest
from browser import check_scenario, choose_language, live_site, page_without_javascript
from conftest import LOCALES

import needs_data as nd

pytestmark = pytest.mark.browser


def answers():
    three = [(f"Tre {n} AB", "Sundsvall", [nd.need("2", 6, "higher-education", 4, 6)]) for n in (1, 2, 3)]
    earlier = nd.make_round("vastmanland", [(f"Förr {n} AB", "Sala", [nd.need("8", 3, "internal", 2, 2)])
                                            for n in range(3)], period=nd.EARLIER, title="Behovsinventering 2025")
    latest = nd.make_round("vastmanland", nd.FIVE)
    nd.make_round("vasternorrland", three)
    return {"earlier": earlier, "latest": latest}


@pytest.fixture(scope="module")
def site(sqlite_databases):
    with live_site(sqlite_databases, "accounts", demo=False, prepare=answers) as server:
        yield server


#: name -> (who, path, status)
AXE_SCENARIOS = {
    "region": (None, "/regions/vastmanland/needs", 200),
    "region-by-route-3y": (None, "/regions/vastmanland/needs?by=route&horizon=3y", 200),
    "earlier-round": ("region-admin", "/regions/vastmanland/needs?round={earlier}&by=seqf", 200),
    "bad-choice": (None, "/regions/vastmanland/needs?by=everything", 400),
    "no-closed-round": ("platform-admin", "/regions/skane/needs", 200),
    "national": (None, "/needs", 200),
    "national-bad-year": (None, "/needs?year=förra", 400),
    "national-no-round": (None, "/needs?year=2020", 200),
}


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("scenario", list(AXE_SCENARIOS))
def test_the_needs_pages_have_no_wcag_21_aa_violations(site, kept_pages, scenario, locale):
    page = check_scenario(kept_pages, site, AXE_SCENARIOS[scenario], locale)
    if scenario in ("region", "national"):
        # a chart beside each dimension's table; "fewer than 3" where a figure is hidden
        assert page.locator("svg.chart-svg[role=img]").count() == 3
        assert page.locator("table caption").count() >= 4
        assert page.locator("span.suppressed").count() > 0
    if scenario == "bad-choice":
        assert page.locator("[aria-invalid=true]").count() == 1


def test_without_javascript_the_choices_are_a_plain_form(site, browser):
    with page_without_javascript(browser) as page:
        page.goto(site.url + "/regions/vastmanland/needs")
        page.locator("#needs-by").select_option("route")
        page.locator("#needs-horizon").select_option("3y")
        page.locator("#needs-round").select_option(str(site.ids["earlier"]))
        with page.expect_navigation():
            page.locator("main form.filters button[type=submit]").click()
        assert "by=route" in page.url and "horizon=3y" in page.url and f"round={site.ids['earlier']}" in page.url
        # the earlier round: three employers of Sala, internal training, 2 people each within 3 years
        row = page.locator("#needs-matrix-table tr", has=page.locator("th", has_text="Sala"))
        assert row.locator("td").all_inner_texts() == ["0", "0", "0", "0", "6", "0", "6"]


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("path", ["/regions/vastmanland/needs", "/needs", "/compare/"])
def test_at_390_px_the_pages_do_not_scroll_sideways(site, browser, locale, path):
    """The wide municipality table scrolls in its own region; the page itself does not."""
    context = browser.new_context(locale=locale, viewport={"width": 390, "height": 844})
    choose_language(context, locale)
    try:
        page = context.new_page()
        page.goto(site.url + path)
        width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert width[0] <= width[1], f"{path} is {width[0]} px wide in a {width[1]} px window"
    finally:
        context.close()
