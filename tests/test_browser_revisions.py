"""In real headless Chromium: a revised plan (``tests/revised_county``, release 1 then 2) read by
version and compared, and a region admin relinking an initiative with the plan-node picker (htmx);
axe-core on the plan's versions, what changed, the relink list and the relink form, in both
languages.
"""
import re

import pytest
from browser import LiveServer, axe_violations, htmx_settled, log_in, problems
from conftest import LOCALES, running_app
from test_plan_revisions import ADMIN, TO_RELINK, before_the_revision, plugins

from samverkan.sync import sync_all

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(sqlite_databases):
    """Dalarna after the upgrade from release 1 to release 2, served."""
    url = sqlite_databases.new("accounts")
    with running_app(url, plugin_manager=plugins(1)) as first, first.app_context():
        sync_all(first.extensions["samverkan.plugins"])
        ids = before_the_revision()
    with running_app(url, plugin_manager=plugins(2), RATELIMIT_ENABLED=False) as app:
        with app.app_context():
            sync_all(app.extensions["samverkan.plugins"])
        with LiveServer(app) as server:
            server.ids = ids
            yield server
    sqlite_databases.drop(url)


def admin_page(open_page, site, locale):
    page = open_page(locale)
    log_in(page, site.url, ADMIN)
    assert page.url == site.url + "/me"
    return page


@pytest.mark.parametrize("locale", LOCALES)
def test_the_revision_pages_pass_axe(site, open_page, locale):
    page = admin_page(open_page, site, locale)
    relink_form = f"/regions/dalarna/plan/relink/{site.ids['Lärlingar i Borlänge']}"
    for path in ("/regions/dalarna/plan", "/regions/dalarna/plan?version=1", "/regions/dalarna/plan/A1.2?version=1",
                 "/regions/dalarna/plan/changes", "/regions/dalarna/plan/changes?from=2&to=2",
                 "/regions/dalarna/plan/relink", relink_form):
        response = page.goto(site.url + path)
        assert response.status == 200, path
        assert page.locator("h1").count() == 1, path
        assert axe_violations(page) == [], path
        assert problems(page) == [], path
    # the form with its errors, as a person who chose nothing sees it
    page.goto(site.url + relink_form)
    page.locator("form.form button[type=submit]:not([name])").click()
    page.locator(".error-summary").wait_for()
    assert axe_violations(page) == []


def test_the_version_switch_and_the_tree_of_an_older_version(site, open_page):
    page = open_page()
    page.goto(site.url + "/regions/dalarna/plan")
    assert page.locator(".plan-versions [aria-current=page]").inner_text() == "Version 2 (aktuell)"
    page.locator(".plan-versions").get_by_role("link", name="Version 1", exact=True).click()
    page.wait_for_url(site.url + "/regions/dalarna/plan?version=1")
    assert page.locator(".plan-versions [aria-current=page]").inner_text() == "Version 1"
    # htmx opens and closes a node of version 1 in place, within version 1
    page.locator("#toggle-A1").click()
    page.locator('[id="node-A1.2"]').wait_for(state="detached")
    htmx_settled(page)  # the new toggle is wired up: a click before is a plain link
    page.locator("#toggle-A1").click()
    page.locator('[id="node-A1.2"]').wait_for()
    assert page.url == site.url + "/regions/dalarna/plan?version=1"
    page.get_by_role("link", name="Vad som ändrats mellan versionerna").click()
    page.wait_for_url(site.url + "/regions/dalarna/plan/changes")
    assert page.locator("#removed").inner_text() == "A1.2 Fler lärlingar i industrin"
    # the comparison's form without JavaScript is a plain GET
    page.locator("#from-version").select_option("2")
    page.locator("#to-version").select_option("1")
    page.get_by_role("button", name="Jämför").click()
    page.wait_for_url(site.url + "/regions/dalarna/plan/changes?from=2&to=1")
    assert page.locator("#added").inner_text() == "A1.2 Fler lärlingar i industrin"
    assert problems(page) == []


def test_a_region_admin_relinks_with_the_picker(site, open_page):
    page = admin_page(open_page, site, "sv-SE")
    page.goto(site.url + "/regions/dalarna/plan")
    page.get_by_role("link", name="Länka dem till den aktuella planen").click()
    page.wait_for_url(site.url + "/regions/dalarna/plan/relink")
    titles = page.locator("#relink-list tbody th").all_inner_texts()
    assert [title.replace(" Utkast", "") for title in titles] == [title for title, _codes in TO_RELINK]
    row = page.locator("#relink-list tbody tr", has_text="Lärlingar över länsgränsen")
    with page.expect_navigation():  # to the loaded page: htmx wires the picker up on load
        row.get_by_role("link", name=re.compile("^Länka till den aktuella planen")).click()
    # the picker searches the current plan as the admin types (htmx)
    page.locator("#node_query").press_sequentially("nyanlända")
    page.locator("#node-options .match-count").wait_for()  # the whole tree until then
    option = page.get_by_label("A3.2 Fler nyanlända i arbete")
    option.check()
    page.get_by_role("button", name="Länka", exact=True).click()
    page.wait_for_url(site.url + "/regions/dalarna/plan/relink")
    assert "”Lärlingar över länsgränsen” är länkat till den aktuella planen." in page.locator(".flashes").inner_text()
    assert "Lärlingar över länsgränsen" not in page.locator("#relink-list").inner_text()
    assert page.locator("#relink-list tbody tr").count() == len(TO_RELINK) - 1
    assert problems(page) == []
