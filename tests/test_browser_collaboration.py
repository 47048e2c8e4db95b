"""In real headless Chromium: a meeting created with its agenda (with htmx, and with plain forms
without JavaScript), registering until the waiting list starts, and axe-core on every page of
actors, networks, forums and meetings in both languages, error states included.

One live server for the module, over a synced SQLite app with the test accounts and the demo
data (``samverkan demo load``).
"""
import pytest
from browser import (check_scenario, htmx_settled, live_site, logged_in_page, page_without_javascript, problems,
                     submitted)
from conftest import LOCALES
from playwright.sync_api import expect
from sqlalchemy import select

from samverkan.actors.models import Actor
from samverkan.extensions import db
from samverkan.forums.models import Forum, ForumModel
from samverkan.meetings.models import Meeting
from samverkan.networks.models import Network

pytestmark = pytest.mark.browser


def demo_ids():
    """The ids of the demo objects the tests visit."""
    return {
        "actor": db.session.scalar(select(Actor.id).filter_by(name="Västerås stad")),
        "shared_actor": db.session.scalar(select(Actor.id).filter_by(name="Valideringscentrum Mellansverige")),
        "network": db.session.scalar(select(Network.id).filter_by(name="Västmanlands kompetensråd")),
        "spanning": db.session.scalar(select(Network.id).filter_by(kind="validation-network")),
        "forum": db.session.scalar(select(Forum.id).filter_by(name="Dialogforum vård och omsorg")),
        "model": db.session.scalar(select(ForumModel.id)),
        "meeting": db.session.scalar(select(Meeting.id).where(Meeting.status == "planned").order_by(Meeting.id)),
    }


@pytest.fixture(scope="module")
def site(sqlite_databases):
    with live_site(sqlite_databases, "accounts", prepare=demo_ids) as server:
        yield server


def agenda_titles(page):
    return [t.strip() for t in page.locator("#agenda .agenda-title").all_inner_texts()]


def new_meeting(page, url, forum_id, title, capacity=""):
    page.goto(f"{url}/forums/{forum_id}")
    with page.expect_navigation():
        page.get_by_role("link", name="Nytt möte").click()
    page.locator("#title").fill(title)
    page.locator("#day").fill("2031-10-26")  # the last Sunday of October: winter time begins
    page.locator("#starts").fill("10:00")
    page.locator("#ends").fill("12:00")
    page.locator("#place").fill("Regionhuset")
    page.locator("#capacity").fill(capacity)
    with page.expect_navigation():
        page.get_by_role("button", name="Skapa mötet").click()
    assert "/meetings/" in page.url and page.locator("h1").inner_text() == title
    return page.url


def test_a_meeting_and_its_agenda_in_place_with_htmx_and_the_keyboard(site, open_page):
    page = logged_in_page(open_page, site.url, "region-admin")
    meeting_url = new_meeting(page, site.url, site.ids["forum"], "Möte med htmx")
    assert "10:00" in page.locator("main").inner_text()  # shown as entered, on the day the clocks change
    recurring = agenda_titles(page)  # the forum's model brings its recurring items
    assert recurring[:2] == ["Läget i branschen", "Kompetensbehov på kort och lång sikt"]

    page.evaluate("window.notReloaded = true")  # gone if the page is loaded again
    for title in ("Nya utbildningar", "Övrigt"):
        page.locator("#agenda form.form #title").fill(title)
        page.locator("#agenda form.form #title").press("Enter")
        page.wait_for_function("t => [...document.querySelectorAll('#agenda .agenda-title')].some(e => e.textContent.trim() === t)", arg=title)
        htmx_settled(page)  # the new form is wired up, and the focus moved back to its title
        expect(page.locator("#agenda form.form #title")).to_be_focused()
    assert agenda_titles(page) == recurring + ["Nya utbildningar", "Övrigt"]

    # "Övrigt" up one step with the keyboard: the button that moved it keeps the focus
    move_up = page.get_by_role("button", name="Flytta upp: Övrigt")
    move_up.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelectorAll('#agenda .agenda-title')[%d].textContent.trim() === 'Övrigt'"
                           % len(recurring))
    assert agenda_titles(page)[-2:] == ["Övrigt", "Nya utbildningar"]
    expect(page.get_by_role("button", name="Flytta upp: Övrigt")).to_be_focused()
    assert page.evaluate("window.notReloaded") is True and page.url == meeting_url
    assert problems(page) == []


def test_a_meeting_and_its_agenda_without_javascript(site, browser):
    with page_without_javascript(browser, site.url, "region-admin") as page:
        new_meeting(page, site.url, site.ids["forum"], "Möte utan JavaScript")
        recurring = agenda_titles(page)
        for title in ("Första punkten", "Andra punkten"):
            page.locator("#agenda form.form #title").fill(title)
            with page.expect_navigation():
                page.get_by_role("button", name="Lägg till på dagordningen").click()
        assert agenda_titles(page) == recurring + ["Första punkten", "Andra punkten"]
        with page.expect_navigation():
            page.get_by_role("button", name="Flytta ned: Första punkten").click()
        assert agenda_titles(page)[-2:] == ["Andra punkten", "Första punkten"]


def test_a_network_links_parts_of_two_regions_plans_with_the_picker_and_the_keyboard(site, open_page):
    """The shared plan-node picker on the network form: a region ticked now shows its plan at once
    and is searched (htmx sends the ticked regions), the matches come grouped by region and plan,
    and the keyboard goes from the search field past "Find" to the first match. Enter in the search
    field searches in place; in another field it saves, as the form's button does (the browser
    would press the first button, "Find")."""
    page = logged_in_page(open_page, site.url, "region-admin")
    page.goto(site.url + "/regions/vastmanland/networks/new")
    page.locator("#name").fill("Valideringsrådet i två län")
    page.evaluate("window.notReloaded = true")
    page.get_by_role("checkbox", name="Västernorrland").check()
    page.wait_for_function("() => document.querySelectorAll('#node-options .node-group').length === 2")
    search = page.locator("#node_query")
    search.focus()
    page.keyboard.type("validering")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelector('#node-options .match-count')")
    htmx_settled(page)
    legends = [text.split(":")[0] for text in page.locator("#node-options .node-group legend").all_inner_texts()]
    assert legends == ["Västernorrland", "Västmanland"]
    assert page.evaluate("window.notReloaded") is True
    expect(search).to_be_focused()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "nodes"
    page.keyboard.press("Space")
    ticked = page.locator("#node-options label").first.inner_text()
    with page.expect_navigation():
        page.locator("#name").press("Enter")
    assert page.locator("h1").inner_text() == "Valideringsrådet i två län"
    with site.app.app_context():
        network = db.session.scalars(select(Network).filter_by(name="Valideringsrådet i två län")).one()
        assert [f"{node.code} {node.title}" for node in network.nodes] == [ticked.strip()]
        assert network.nodes[0].plan.region.slug == "vasternorrland"
    assert problems(page) == []


def test_registering_until_the_waiting_list_starts_and_a_cancellation_moves_it_up(site, open_page):
    admin = logged_in_page(open_page, site.url, "region-admin")
    meeting_url = new_meeting(admin, site.url, site.ids["forum"], "Möte med två platser", capacity="2")

    pages = {}
    for key in ("member", "project-lead", "region-admin"):
        page = admin if key == "region-admin" else logged_in_page(open_page, site.url, key)
        page.goto(meeting_url)
        page.get_by_role("button", name="Anmäl mig").click()
        page.wait_for_selector(".registration-message")
        pages[key] = page
    assert "väntelistan, plats 1" in pages["region-admin"].locator(".registration").inner_text()
    assert "Du är anmäld" in pages["member"].locator(".registration").inner_text()

    # the box already holds a message from registering: wait for the cancellation's own answer
    with pages["member"].expect_response(lambda response: "cancel-registration" in response.url):
        pages["member"].get_by_role("button", name="Avboka min anmälan").click()
    pages["region-admin"].reload()
    box = pages["region-admin"].locator(".registration").inner_text()
    assert "2 av 2 platser tagna. På väntelistan: 0." in box and "plats 1" not in box
    assert pages["region-admin"].get_by_role("button", name="Avboka min anmälan").count() == 1
    for page in pages.values():
        assert problems(page) == []


#: name -> (who, path or steps, status); paths may name the demo objects' ids
AXE_SCENARIOS = {
    "actors": (None, "/actors/", 200),
    "actors-filtered": (None, "/actors/?kind=municipality&region=vastmanland&q=stad", 200),
    "actor": ("region-admin", "/actors/{actor}", 200),
    "actor-new": ("region-admin", "/regions/vastmanland/actors/new", 200),
    # another region's admin, offered to take the actor into their register; a shared actor's
    # people, each for their region, and its edit form, which keeps the other region
    "actor-joinable": ("other-region-admin", "/actors/{actor}", 200),
    "actor-shared": ("region-admin", "/actors/{shared_actor}", 200),
    "actor-edit-shared": ("region-admin", "/actors/{shared_actor}/edit", 200),
    "actor-duplicate": ("region-admin", submitted("/regions/vastmanland/actors/new",
                                                  {"#name": "västerås  STAD."}), 400),
    "networks": (None, "/networks/", 200),
    "network": ("region-admin", "/networks/{network}", 200),
    "network-spanning": (None, "/networks/{spanning}", 200),
    "network-new": ("region-admin", "/regions/vastmanland/networks/new", 200),
    "network-edit": ("region-admin", "/networks/{network}/edit", 200),
    "network-nodes-found": ("region-admin", submitted("/regions/vastmanland/networks/new", {"#node_query": "validering"},
                                                      form="#node-picker .inline-search"), 200),
    "network-stage": ("region-admin", "/networks/{network}/stage", 200),
    "forum-models": (None, "/forum-models/", 200),
    "forum-model": (None, "/forum-models/{model}", 200),
    "forum-new": ("region-admin", "/regions/vastmanland/forums/new?model={model}", 200),
    "forum": ("region-admin", "/forums/{forum}", 200),
    "meeting": ("region-admin", "/meetings/{meeting}", 200),
    "meeting-public": (None, "/meetings/{meeting}", 200),
    "meeting-new-failed": ("region-admin", submitted("/forums/1/meetings/new", {"#title": "Utan plats"},
                                                           form="main form.form >"), 400),
    "meeting-new": ("region-admin", "/forums/{forum}/meetings/new", 200),
    "region-meetings": (None, "/regions/vastmanland/meetings?when=past", 200),
    "region-actions": ("region-admin", "/regions/vastmanland/actions", 200),
    "my-meetings": ("member", "/me/meetings", 200),
}


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("scenario", list(AXE_SCENARIOS))
def test_collaboration_pages_have_no_wcag_21_aa_violations(site, kept_pages, scenario, locale):
    check_scenario(kept_pages, site, AXE_SCENARIOS[scenario], locale)
