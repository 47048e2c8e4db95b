"""In real headless Chromium: Region Västmanland (the demo's plan, 2025 and 2026) revises its
competence-supply plan for a new year and sees what changed; an activity moves with htmx in place
and without JavaScript as a plain form; axe-core on the plan's pages and forms, in Swedish (the
default) and in English through the language switch.

One live server for the module, over an SQLite app with the test accounts and the demo data.
"""
import re

import pytest
from browser import axe_violations, check_scenario, htmx_settled, live_site, logged_in_page, page_without_javascript, \
    problems, submitted
from playwright.sync_api import expect
from sqlalchemy import select

from samverkan.actors.models import Actor
from samverkan.competence_plans import services
from samverkan.extensions import db
from samverkan.regions.models import Region

pytestmark = pytest.mark.browser


def _prepare():
    """The demo's planning actor, an actor without a plan, and a draft plan of another actor."""
    actors = {actor.name: actor for actor in db.session.scalars(select(Actor))}
    region = db.session.scalar(select(Region).filter_by(slug="vastmanland"))
    draft = services.start_plan(actors["Västerås stad"], region, 2026, by=None)
    services.add_activity(draft, dict(section_key="attract", horizon="short", title="Feriejobb för unga"), [], by=None)
    services.add_activity(draft, dict(section_key="attract", horizon="short", title="Sommarvikarier"), [], by=None)
    db.session.commit()
    return {"planner": actors["Region Västmanland"].id, "unplanned": actors["Köpings kommun"].id,
            "draft": draft.id, "draft_actor": draft.actor_id, "part": draft.parts[0].id,
            "activity": draft.activities[0].id}


@pytest.fixture(scope="module")
def site(sqlite_databases):
    with live_site(sqlite_databases, "accounts", prepare=_prepare) as server:
        yield server


def test_revising_the_plan_for_a_new_year_shows_what_changed(site, open_page):
    page = logged_in_page(open_page, site.url, "region-admin")
    planner = site.ids["planner"]
    page.goto(f"{site.url}/actors/{planner}")
    with page.expect_navigation():
        page.get_by_role("link", name="Kompetensförsörjningsplanen för Region Västmanland").click()
    expect(page.locator("h1")).to_contain_text("Kompetensförsörjningsplan 2026")
    expect(page.locator("#changes")).to_contain_text("Aktiviteter som lagts till (1)")
    with page.expect_navigation():
        page.get_by_role("button", name="Starta planen för 2027").click()
    assert page.url == f"{site.url}/actors/{planner}/competence-plan/2027"
    expect(page.locator("#changes")).to_contain_text("Inget har ändrats sedan 2026.")
    # the gap of Rekrytera, short term
    with page.expect_navigation():
        page.locator("#recruit-short").get_by_role("link", name="Redigera gap och behov").click()
    page.get_by_label("Gap").fill("Rekryteringar utgår från verksamhetens behov, men tar för lång tid.")
    with page.expect_navigation():
        page.locator("main form.form button[type=submit]").click()
    # an activity removed with htmx: its list swapped in place, not the page reloaded
    page.evaluate("window.notReloaded = true")
    develop = page.locator("#activities-develop-short")
    expect(develop.locator("li.activity")).to_have_count(1)
    develop.get_by_role("button", name=re.compile(r"^Ta bort\W+Kompetensväxling")).click()
    htmx_settled(page)
    expect(page.locator("#activities-develop-short li.activity")).to_have_count(0)
    expect(page.locator("#activities-develop-short-heading")).to_be_focused()  # not lost with the button
    assert page.evaluate("window.notReloaded") is True
    # an activity added through its form, then moved up with htmx: it keeps the focus
    with page.expect_navigation():
        page.locator("#activities-attract-long").get_by_role("link", name=re.compile(r"^Lägg till en aktivitet")).click()
    page.get_by_label("Aktivitet", exact=True).fill("Praktikplatser för gymnasieelever")
    page.get_by_label("Ansvarig").fill("Utbildningssamordnarna")
    page.get_by_label("M6 Stärkt samverkan mellan utbildning och arbetsliv").check()
    with page.expect_navigation():
        page.locator("main form.form button[type=submit]").click()
    attract = page.locator("#activities-attract-long")
    expect(attract.locator("h5")).to_have_text(["Fler VFU- och praktikplatser tillsammans med länets kommuner",
                                                "Praktikplatser för gymnasieelever"])
    page.evaluate("window.notReloaded = true")
    attract.get_by_role("button", name=re.compile(r"^Flytta upp\W+Praktikplatser")).click()
    htmx_settled(page)
    expect(page.locator("#activities-attract-long h5")).to_have_text([
        "Praktikplatser för gymnasieelever", "Fler VFU- och praktikplatser tillsammans med länets kommuner"])
    expect(page.locator("#activities-attract-long h5").first).to_be_focused()
    assert page.evaluate("window.notReloaded") is True
    page.reload()
    changes = page.locator("#changes")
    expect(changes).to_contain_text("Vad har ändrats sedan 2026")
    expect(changes).to_contain_text("Gap och behov som ändrats (1)")
    expect(changes).to_contain_text("Aktiviteter som tagits bort (1)")
    expect(changes).to_contain_text("Aktiviteter som lagts till (1)")
    expect(changes).to_contain_text("Praktikplatser för gymnasieelever")
    expect(changes).to_contain_text("Kompetensväxling mellan undersköterskor och sjuksköterskor")
    assert "slutat" in " ".join(changes.locator("del").all_text_contents())
    assert "lång tid" in " ".join(changes.locator("ins").all_text_contents())
    # what a screen reader hears, not colour alone
    expect(changes.locator("del .visually-hidden").first).to_have_text("[borttaget: ")
    # publish, and the 2026 plan is still as it was
    with page.expect_navigation():
        page.get_by_role("button", name="Publicera planen för 2027").click()
    expect(page.locator("dl.facts").first).to_contain_text("Publicerad")
    page.goto(f"{site.url}/actors/{planner}/competence-plan/2026")
    expect(page.locator("#activities-develop-short li.activity")).to_have_count(1)
    assert problems(page) == []


def test_moving_an_activity_without_javascript_is_a_plain_form(site, browser):
    draft_actor = site.ids["draft_actor"]
    with page_without_javascript(browser, site.url, "region-admin") as page:
        page.goto(f"{site.url}/actors/{draft_actor}/competence-plan/2026")
        titles = page.locator("#activities-attract-short h5")
        assert titles.all_inner_texts() == ["Feriejobb för unga", "Sommarvikarier"]
        with page.expect_navigation():
            page.get_by_role("button", name=re.compile(r"^Flytta upp\W+Sommarvikarier")).click()
        assert page.url.startswith(f"{site.url}/actors/{draft_actor}/competence-plan/2026")
        assert page.locator("#activities-attract-short h5").all_inner_texts() == ["Sommarvikarier", "Feriejobb för unga"]


#: name -> (who, path or steps, status)
AXE_SCENARIOS = {
    "plan": (None, "/actors/{planner}/competence-plan", 200),
    "first-year": (None, "/actors/{planner}/competence-plan/2025", 200),
    "draft-keeper": ("region-admin", "/actors/{draft_actor}/competence-plan/2026", 200),
    "no-plan": ("region-admin", "/actors/{unplanned}/competence-plan", 200),
    "start": ("region-admin", "/actors/{unplanned}/competence-plan/new", 200),
    "part": ("region-admin", "/competence-plan-parts/{part}/edit", 200),
    "activity": ("region-admin", "/competence-activities/{activity}/edit", 200),
    "activity-failed": ("region-admin", submitted("/competence-plans/{draft}/activities/new", {"#title": "   "}), 400),
    "delete": ("region-admin", "/competence-plans/{draft}/delete", 200),
}


@pytest.mark.parametrize("scenario", list(AXE_SCENARIOS))
def test_the_plan_pages_have_no_wcag_21_aa_violations_in_either_language(site, kept_pages, scenario):
    page = check_scenario(kept_pages, site, AXE_SCENARIOS[scenario], "sv-SE")
    assert page.locator("html").get_attribute("lang") == "sv"
    with page.expect_navigation():
        page.locator(".language-switch button").click()
    assert page.locator("html").get_attribute("lang") == "en"
    steps = AXE_SCENARIOS[scenario][1]
    if callable(steps):
        steps(page, site)
    assert axe_violations(page) == []
    assert problems(page) == []
