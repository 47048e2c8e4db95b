"""In real headless Chromium: a project lead creates an initiative and links plan nodes with the
picker, with htmx and the keyboard and without JavaScript; two people editing the same initiative
in two browsers, the second shown the conflict; axe-core on the initiative pages in both
languages, error and conflict states included.

One live server for the module, over a synced SQLite app with the test accounts and the demo
data (``samverkan demo load``); the Västmanland project lead is a member of one of its actors.
"""
from datetime import date

import pytest
from browser import check_scenario, htmx_settled, live_site, logged_in_page, page_without_javascript, problems
from conftest import ACCOUNTS, LOCALES
from playwright.sync_api import expect
from sqlalchemy import select

import collab
from samverkan.extensions import db
from samverkan.initiatives import services
from samverkan.initiatives.models import Initiative
from samverkan.plans.models import Plan, PlanNode
from samverkan.regions.models import Region

pytestmark = pytest.mark.browser

#: the actor of Västmanland the project lead belongs to
LEAD_ACTOR = "Mälardalens valideringscentrum"


def lead_initiative():
    """The lead's actor and an initiative of theirs (with a plan node, a partner region, funding
    and a contact) for the pages to show."""
    actor = collab.make_actor("vastmanland", name=LEAD_ACTOR)
    collab.make_membership(actor, ACCOUNTS["project-lead"][0], role="project-lead")
    node = db.session.scalar(select(PlanNode).join(Plan).join(Region).where(
        Region.slug == "vastmanland", PlanNode.title.ilike("%validering%")))
    shown = collab.make_initiative(
        "vastmanland", title="Validering i vården", owner=actor, nodes=[node],
        partner_regions=[collab.region("vasternorrland")], summary="Kortare väg till undersköterska.",
        description="Vi **validerar** kunskaper.\n\n- steg ett\n- steg två", target_groups=["newly-arrived"],
        perspectives=["gender"], budget_sek=2_500_000, funding={"esf": 1_200_000, "regional": 300_000},
        contact_name="Anna Berg", contact_email="anna.berg@example.se", links="https://example.se/validering",
        results="Tolv validerade.", starts_on=date(2025, 1, 1), ends_on=date(2026, 12, 31))
    db.session.commit()
    return {"actor": actor.id, "initiative": shown.id, "region": collab.region("vastmanland").id}


@pytest.fixture(scope="module")
def site(sqlite_databases):
    with live_site(sqlite_databases, "accounts", prepare=lead_initiative) as server:
        yield server


def new_initiative_id(site, title):
    """A fresh initiative of the lead's actor (each test edits its own)."""
    with site.app.app_context():
        initiative = collab.make_initiative("vastmanland", title=title,
                                            owner=db.session.get(collab.Actor, site.ids["actor"]))
        db.session.commit()
        return initiative.id


def saved(site, title):
    with site.app.app_context():
        initiative = db.session.scalars(select(Initiative).filter_by(title=title)).one()
        return initiative, [node.title for node in initiative.nodes]


def save_button(page):
    return page.locator("main form.initiative-form > button[type=submit]")


def test_a_project_lead_creates_an_initiative_and_links_a_plan_node_with_htmx_and_the_keyboard(site, open_page):
    page = logged_in_page(open_page, site.url, "project-lead")
    page.goto(site.url + "/initiatives/new")
    page.locator("#title").fill("Valideringslyftet")
    page.locator("#owner").select_option(label=LEAD_ACTOR)
    page.evaluate("window.notReloaded = true")  # gone if the page is loaded again

    # the matches are swapped into the live region, which stays: screen readers announce them
    page.evaluate("window.liveRegion = document.getElementById('node-options')")
    search = page.locator("#node_query")
    search.focus()
    page.keyboard.type("validering")  # htmx asks for the matches as the lead types
    options = page.locator("#node-options input[name=nodes]")
    page.locator("#node-options .match-count").wait_for()  # the lead region's whole tree until then
    labels = page.locator("#node-options label").all_inner_texts()
    assert labels and all("validering" in label.casefold() for label in labels)
    count = page.locator("#node-options .match-count").inner_text()
    assert count.startswith(str(len(labels))) and "”validering”" in count.replace("“", "”")
    assert page.evaluate("window.notReloaded") is True  # shown in place
    assert page.evaluate("window.liveRegion === document.getElementById('node-options')") is True
    htmx_settled(page)
    expect(search).to_be_focused()  # typing goes on undisturbed

    # from the search field to the first match with the keyboard: past the "Find" button, tick it
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "nodes"
    page.keyboard.press("Space")
    assert options.first.is_checked()
    ticked = labels[0]

    with page.expect_navigation():
        save_button(page).click()
    assert page.locator("h1").inner_text() == "Valideringslyftet"
    assert "Initiativet är sparat." in page.locator("main").inner_text()
    plans = page.locator("section[aria-labelledby=plan-heading]").inner_text()
    _initiative, titles = saved(site, "Valideringslyftet")
    assert len(titles) == 1 and titles[0] in ticked and titles[0] in plans
    assert problems(page) == []


def test_a_project_lead_creates_an_initiative_and_links_a_plan_node_without_javascript(site, browser):
    with page_without_javascript(browser, site.url, "project-lead") as page:
        page.goto(site.url + "/initiatives/new")
        page.locator("#title").fill("Validering utan skript")
        page.locator("#owner").select_option(label=LEAD_ACTOR)
        page.locator("#node_query").fill("validering")
        with page.expect_navigation() as navigation:
            page.locator("#node-picker button[name=find_nodes]").click()
        assert navigation.value.status == 200  # the form again, unsaved, with the matches to tick
        assert page.locator("#title").input_value() == "Validering utan skript"
        assert page.locator("#owner option:checked").inner_text() == LEAD_ACTOR
        first = page.locator("#node-options input[name=nodes]").first
        first.focus()
        page.keyboard.press("Space")
        ticked = page.locator("#node-options label").first.inner_text()
        with page.expect_navigation() as navigation:
            save_button(page).click()
        assert navigation.value.status == 200 and "/initiatives/" in page.url
        assert page.locator("h1").inner_text() == "Validering utan skript"
        _initiative, titles = saved(site, "Validering utan skript")
        assert len(titles) == 1 and titles[0] in ticked


def test_the_list_filters_in_place_and_keeps_its_results_region(site, open_page):
    page = open_page()
    page.goto(site.url + "/initiatives/")
    page.evaluate("window.results = document.getElementById('initiative-results'); window.notReloaded = true")
    page.locator("#q").focus()
    page.keyboard.type("inget sådant initiativ")
    page.wait_for_function("() => document.getElementById('initiative-results').textContent.includes('Inget initiativ matchar')")
    page.locator("#q").fill("")
    page.keyboard.type("validering i vården")
    page.locator("#status").select_option("running")
    page.wait_for_function("() => /status=running/.test(location.search)")
    results = page.locator("#initiative-results")
    results.locator("a", has_text="Validering i vården").wait_for()
    # the words match through the search index (stems), so more than the one may match; the count
    # the fragment says is the rows it shows
    assert results.locator("p").first.inner_text() == f"{results.locator('tbody tr').count()} initiativ"
    assert "q=validering" in page.url  # the filters are in the address, to share or reload
    assert page.evaluate("window.notReloaded && window.results === document.getElementById('initiative-results')")
    page.reload()
    assert page.locator("#initiative-results a", has_text="Validering i vården").count() == 1
    assert problems(page) == []


def edit_page(open_page, site, key, initiative_id, locale="sv-SE"):
    page = logged_in_page(open_page, site.url, key, locale)
    page.goto(f"{site.url}/initiatives/{initiative_id}/edit")
    return page


def test_two_people_editing_in_two_browsers_the_second_sees_the_conflict(site, open_page):
    initiative_id = new_initiative_id(site, "Yrkesvux i två fönster")
    lead = edit_page(open_page, site, "project-lead", initiative_id)
    admin = edit_page(open_page, site, "region-admin", initiative_id)  # both have the same version open

    lead.locator("#summary").fill("Från projektledaren")
    with lead.expect_navigation():
        save_button(lead).click()
    assert "Initiativet är sparat." in lead.locator("main").inner_text()

    admin.locator("#summary").fill("Från regionen")
    with admin.expect_navigation() as navigation:
        save_button(admin).click()
    assert navigation.value.status == 409
    conflict = admin.locator("#conflict")
    assert conflict.get_attribute("role") == "alert"
    assert "Någon annan sparade initiativet" in conflict.inner_text()
    row = conflict.locator("tbody tr", has_text="Sammanfattning")
    assert row.locator("td").all_inner_texts() == ["Från projektledaren", "Från regionen"]
    assert admin.locator("#summary").input_value() == "Från regionen"  # nothing typed is lost
    with site.app.app_context():
        assert db.session.get(Initiative, initiative_id).summary == "Från projektledaren"

    # saving again, now over the newest version, is a deliberate choice and goes through
    with admin.expect_navigation() as navigation:
        save_button(admin).click()
    assert navigation.value.status == 200 and admin.url.endswith(f"/initiatives/{initiative_id}")
    assert "Från regionen" in admin.locator("main").inner_text()
    for page in (lead, admin):
        assert problems(page) == []


# ---------------------------------------------------------------------------------------------
# axe-core on every initiative page, in both languages
# ---------------------------------------------------------------------------------------------


def _form_with_errors(page, site):
    page.goto(site.url + "/initiatives/new")
    page.locator("#budget_sek").fill("-5")
    page.locator("#node_query").fill("validering")
    page.locator("#starts_on").fill("2026-05-01")
    page.locator("#ends_on").fill("2026-01-01")
    with page.expect_navigation() as navigation:
        save_button(page).click()
    return navigation.value


def _found_nodes(page, site):
    """Type in the picker's search and press Find: the form comes back with the matches."""
    page.goto(site.url + "/initiatives/new")
    page.locator("#node_query").fill("validering")
    with page.expect_navigation() as navigation:
        page.locator("button[name=find_nodes]").click()
    assert page.locator("#node-options input[name=nodes]").count() >= 1
    return navigation.value


def _conflict(page, site):
    """The edit form of a fresh initiative, saved by someone else meanwhile, then saved: the 409."""
    initiative_id = new_initiative_id(site, "Konfliktinitiativet")
    page.goto(f"{site.url}/initiatives/{initiative_id}/edit")
    with site.app.app_context():
        initiative = db.session.get(Initiative, initiative_id)
        services.update_initiative(initiative, {"summary": "Ändrad av någon annan", "status": "planned"},
                                   by=collab.person(ACCOUNTS["region-admin"][0]), version=initiative.version)
        db.session.commit()
    page.locator("#summary").fill("Min ändring")
    with page.expect_navigation() as navigation:
        save_button(page).click()
    return navigation.value


#: name -> (who, path or steps, status); paths may name the ids of ``site.ids``
AXE_SCENARIOS = {
    "initiatives": (None, "/initiatives/", 200),
    "initiatives-filtered": (None, "/initiatives/?region=vastmanland&status=running&target_group=newly-arrived&q=vali", 200),
    "initiatives-bad-filter": (None, "/initiatives/?status=halfway", 400),
    "initiatives-as-lead": ("project-lead", "/initiatives/", 200),
    "initiative": (None, "/initiatives/{initiative}", 200),
    "initiative-as-editor": ("project-lead", "/initiatives/{initiative}", 200),
    "initiative-new": ("project-lead", "/initiatives/new", 200),
    "initiative-new-failed": ("project-lead", _form_with_errors, 400),
    "initiative-nodes-found": ("project-lead", _found_nodes, 200),
    "initiative-edit": ("project-lead", "/initiatives/{initiative}/edit", 200),
    "initiative-conflict": ("region-admin", _conflict, 409),
}


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("scenario", list(AXE_SCENARIOS))
def test_initiative_pages_have_no_wcag_21_aa_violations(site, kept_pages, scenario, locale):
    check_scenario(kept_pages, site, AXE_SCENARIOS[scenario], locale,
                   marked="[aria-invalid=true], .error-summary, p.error")
