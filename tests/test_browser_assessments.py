"""In real headless Chromium: a region admin adds a status assessment in place with htmx (form
errors in place too) and without JavaScript, and axe-core on the status analysis, the priorities,
the gap page and the plan tree, in Swedish (the default) and in English through the language switch.

One live server for the module, over an SQLite app with the test accounts and the demo data.
"""
import pytest
from browser import (axe_violations, check_scenario, live_site, logged_in_page, page_without_javascript, problems,
                     submitted)
from playwright.sync_api import expect


pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(sqlite_databases):
    with live_site(sqlite_databases, "accounts") as server:
        yield server


def test_an_assessment_with_htmx_replaces_the_node_s_item_in_place(site, open_page):
    page = logged_in_page(open_page, site.url, "region-admin")
    address = f"{site.url}/regions/vastmanland/assessments"
    page.goto(address)
    page.evaluate("window.notReloaded = true")
    item = page.locator("#node-M3")
    item.get_by_role("link", name="Lägg till en lägesbedömning av M3").click()
    expect(item.locator("form .form-heading")).to_be_focused()  # the form came in place, with the focus
    item.locator("button[type=submit]").click()  # no status chosen
    expect(item.locator("[aria-invalid=true], #status-error")).not_to_have_count(0)
    expect(item.locator("p.error[role=alert]")).to_be_visible()
    item.get_by_label("Etablerad").check()
    item.get_by_label("Kommentar").fill("Lärlingsplatserna räcker nu till alla.")
    item.locator("button[type=submit]").click()
    expect(item.locator("form")).to_have_count(0)
    expect(item.locator("dl.facts")).to_contain_text("Etablerad")
    expect(item.locator("dl.facts")).to_contain_text("Lärlingsplatserna räcker nu till alla.")
    expect(item.locator("dl.facts")).to_be_focused()  # the new assessment has the focus
    assert page.evaluate("window.notReloaded") is True and page.url == address  # swapped, not reloaded
    expect(item.locator("details summary")).to_have_text("Historik: 2 tidigare bedömningar")
    # the one 400 is the refused form's, answered with the fragment
    assert problems(page) == [f"400 {site.url}/regions/vastmanland/assessments/M3/new"]


def test_an_assessment_without_javascript_is_a_page_and_a_plain_post(site, browser):
    with page_without_javascript(browser, site.url, "region-admin") as page:
        page.goto(f"{site.url}/regions/vastmanland/assessments")
        with page.expect_navigation():
            page.locator("#node-M9").get_by_role("link", name="Lägg till en lägesbedömning av M9").click()
        assert page.url == f"{site.url}/regions/vastmanland/assessments/M9/new"
        page.get_by_label("I ett tidigt skede").check()
        with page.expect_navigation():
            page.locator("main form.form button[type=submit]").click()
        assert page.url == f"{site.url}/regions/vastmanland/assessments#node-M9"
        assert "Lägesbedömningen av M9 är sparad." in page.locator("main").inner_text()
        assert "I ett tidigt skede" in page.locator("#node-M9 dl.facts").inner_text()


#: name -> (who, path or steps, status)
AXE_SCENARIOS = {
    "assessments": (None, "/regions/vasternorrland/assessments", 200),
    "assessments-admin": ("region-admin", "/regions/vastmanland/assessments", 200),
    "gaps": (None, "/regions/vasternorrland/gaps", 200),
    "gaps-vastmanland": (None, "/regions/vastmanland/gaps", 200),
    "priorities": (None, "/regions/vasternorrland/priorities", 200),
    "tree": (None, "/regions/vastmanland/plan?expand=all", 200),
    "node": (None, "/regions/vasternorrland/plan/F3.3", 200),
    "form": ("region-admin", "/regions/vastmanland/assessments/M2/new", 200),
    "form-failed": ("region-admin", submitted("/regions/vastmanland/assessments/M2/new",
                                              {"#assessed_on": "2999-01-01"}), 400),
}


@pytest.mark.parametrize("scenario", list(AXE_SCENARIOS))
def test_the_follow_up_pages_have_no_wcag_21_aa_violations_in_either_language(site, kept_pages, scenario):
    page = check_scenario(kept_pages, site, AXE_SCENARIOS[scenario], "sv-SE")
    assert page.locator("html").get_attribute("lang") == "sv"
    # English through the language switch: the same page again, in English
    with page.expect_navigation():
        page.locator(".language-switch button").click()
    assert page.locator("html").get_attribute("lang") == "en"
    steps = AXE_SCENARIOS[scenario][1]
    if callable(steps):
        steps(page, site)
    assert axe_violations(page) == []
    assert problems(page) == []
