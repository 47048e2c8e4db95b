"""At 390 px wide (a phone) no public page scrolls sideways, in Swedish or English.

Swedish compound words ("kompetensförsörjning") must wrap; wide tables scroll inside their own
region instead of widening the page.
"""
import pytest
from browser import axe_violations, choose_language, live_site, page_without_javascript
from conftest import PUBLIC_PAGES

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def live_server(sqlite_databases):
    with live_site(sqlite_databases, "synced", demo=False) as server:
        yield server


@pytest.fixture(scope="module", params=["sv-SE", "en-GB"])
def phone(request, browser):
    context = browser.new_context(locale=request.param, viewport={"width": 390, "height": 844})
    choose_language(context, request.param)
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_no_page_scrolls_sideways_at_390_px(live_server, phone, path):
    phone.goto(live_server.url + path)
    width = phone.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], f"{path} is {width[0]} px wide in a {width[1]} px window"


@pytest.mark.parametrize("path", ["/regions/", "/themes/"])
def test_wide_tables_scroll_in_a_focusable_region(live_server, phone, path):
    phone.goto(live_server.url + path)
    wrap = phone.locator(".table-wrap")
    assert wrap.get_attribute("role") == "region" and wrap.get_attribute("tabindex") == "0"
    assert wrap.get_attribute("aria-label")
    assert axe_violations(phone) == []


def test_the_header_folds_its_menu_behind_a_button(live_server, phone):
    """Before the menu the header was 265 px of 844, its nine links wrapped above any content."""
    phone.goto(live_server.url + "/")
    header = phone.locator(".site-header").bounding_box()
    assert header["height"] < 100, f"the header is {header['height']} px tall"
    button = phone.locator(".menu-toggle")
    assert button.get_attribute("aria-expanded") == "false"
    assert not phone.locator("#site-menu nav").is_visible()
    button.click()
    assert button.get_attribute("aria-expanded") == "true"
    assert phone.locator("#site-menu nav a").first.is_visible()
    phone.keyboard.press("Tab")
    assert phone.evaluate("document.activeElement.closest('#site-menu') !== null"), "focus goes into the menu next"
    assert axe_violations(phone) == []
    phone.keyboard.press("Escape")
    assert button.get_attribute("aria-expanded") == "false"
    assert not phone.locator("#site-menu nav").is_visible()
    assert phone.evaluate("document.activeElement.classList.contains('menu-toggle')")


def test_without_javascript_the_menu_is_simply_shown(live_server, browser):
    with page_without_javascript(browser) as page:
        page.set_viewport_size({"width": 390, "height": 844})
        page.goto(live_server.url + "/")
        assert not page.locator(".menu-toggle").is_visible()
        assert page.locator("#site-menu nav a").first.is_visible()


def meeting_with_actions():
    from samverkan.extensions import db
    from samverkan.meetings.models import Action
    from sqlalchemy import func, select
    return {"meeting": db.session.scalar(select(Action.meeting_id).group_by(Action.meeting_id)
                                         .order_by(func.count().desc(), Action.meeting_id))}


@pytest.fixture(scope="module")
def demo_site(sqlite_databases):
    with live_site(sqlite_databases, "accounts", prepare=meeting_with_actions) as server:
        yield server


def test_a_meetings_actions_keep_readable_columns_and_scroll_in_their_region(demo_site, phone):
    """Before, the table squeezed its six columns into 390 px, 1 to 3 letters a line."""
    phone.goto(demo_site.url + f"/meetings/{demo_site.ids['meeting']}")
    wrap = phone.locator("#actions .table-wrap")
    assert wrap.get_attribute("role") == "region" and wrap.get_attribute("tabindex") == "0"
    widths = phone.locator("#actions table.actions tbody tr:first-child > *").evaluate_all(
        "cells => cells.map(cell => cell.getBoundingClientRect().width)")
    assert len(widths) == 6 and min(widths) >= 100, widths
    width = phone.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1]
    assert axe_violations(phone) == []


def test_chart_labels_stay_12_px_on_a_phone(demo_site, phone):
    """Scaled to the screen, the comparison's charts had labels of 7 px."""
    phone.goto(demo_site.url + "/compare/")
    sizes = phone.locator(".chart-svg").evaluate_all("""charts => charts.map(svg =>
        parseFloat(getComputedStyle(svg.querySelector('text')).fontSize)
        * svg.getBoundingClientRect().width / svg.viewBox.baseVal.width)""")
    assert sizes and min(sizes) >= 12, sizes
    region = phone.locator(".chart-scroll").first
    assert region.get_attribute("role") == "region" and region.get_attribute("tabindex") == "0"
    width = phone.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1]


@pytest.mark.parametrize("path", ["/regions/vasternorrland/plan", "/regions/vastmanland/plan/M1", "/themes/validation"])
def test_headings_break_between_words_on_a_phone(live_server, phone, path):
    """At 2rem an H1's long compound broke inside the word, without a hyphen."""
    phone.goto(live_server.url + path)
    broken = phone.evaluate("""() => [...document.querySelectorAll('main h1, main h2')].flatMap(heading => {
        const text = heading.firstChild && heading.firstChild.nodeType === 3 ? heading.firstChild : null;
        if (!text) return [];
        return [...text.data.matchAll(/\\S+/g)].filter(match => {
            const range = document.createRange();
            range.setStart(text, match.index);
            range.setEnd(text, match.index + match[0].length);
            return new Set([...range.getClientRects()].map(rect => Math.round(rect.top))).size > 1;
        }).map(match => match[0]);
    })""")
    assert broken == []
