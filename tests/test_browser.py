"""In real headless Chromium: accessibility (axe-core, WCAG 2.1 AA) and the plan tree's toggle."""
import pytest
from browser import axe_violations, htmx_settled, live_site
from conftest import LOCALES, PUBLIC_PAGES
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PAGES = [*PUBLIC_PAGES, "/regions/nowhere/"]


@pytest.fixture(scope="module")
def live_server(sqlite_databases):
    with live_site(sqlite_databases, "synced", demo=False) as server:
        yield server


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("path", PAGES)
def test_page_has_no_wcag_21_aa_violations(live_server, kept_pages, path, locale):
    page = kept_pages(live_server.url, locale=locale)
    page.goto(live_server.url + path)
    assert page.locator("html").get_attribute("lang") == locale[:2]  # the language chosen in the session
    assert page.locator("h1").count() == 1
    assert axe_violations(page) == []
    assert [e for e in page.console_errors if "404" not in e] == []


def test_plan_tree_expands_in_place_with_htmx(live_server, page):
    page.goto(live_server.url + "/regions/vastmanland/plan")
    toggle = page.locator("#toggle-M2")
    assert toggle.get_attribute("aria-expanded") == "false"
    toggle.focus()
    page.keyboard.press("Enter")
    page.locator('[id="node-M2.1"]').wait_for()
    assert page.url == live_server.url + "/regions/vastmanland/plan"  # swapped, not navigated
    assert page.locator("#toggle-M2").get_attribute("aria-expanded") == "true"
    htmx_settled(page)
    expect(page.locator("#toggle-M2")).to_be_focused()  # focus stays on the toggle
    page.locator("#toggle-M2").click()
    page.locator('[id="node-M2.1"]').wait_for(state="detached")
    assert axe_violations(page) == []
    assert page.console_errors == []


def test_plan_tree_expands_without_javascript(live_server, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/regions/vasternorrland/plan?open=")
    page.locator("#toggle-F1").click()
    page.wait_for_url("**open=F1**")
    assert page.locator('[id="node-F1.1"]').is_visible()
    context.close()


def test_a_second_page_view_asks_the_server_for_no_static_file(live_server, open_page):
    """Chromium keeps the versioned style sheet and scripts (``samverkan.static_files``). (The
    icon is left out: Chromium asks for it after the page has loaded, at a time of its own.)"""
    asked = []
    serve = live_server.app.wsgi_app

    def counting(environ, start_response):
        asked.append(environ["PATH_INFO"])
        return serve(environ, start_response)

    def files_of_the_page():
        return [path for path in asked if path.startswith("/static/") and not path.endswith("favicon.svg")]

    live_server.app.wsgi_app = counting
    try:
        page = open_page()
        page.goto(live_server.url + "/regions/vastmanland/plan")
        assert sorted(files_of_the_page()) == ["/static/css/samverkan.css", "/static/js/samverkan.js",
                                               "/static/vendor/htmx/htmx.min.js"]
        asked.clear()
        page.goto(live_server.url + "/themes/")
        assert "/themes/" in asked and files_of_the_page() == []
    finally:
        live_server.app.wsgi_app = serve
