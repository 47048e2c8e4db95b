"""At 390 px wide (a phone) no public page scrolls sideways, in Swedish or English.

Swedish compound words ("kompetensförsörjning") must wrap; wide tables scroll inside their own
region instead of widening the page.
"""
import pytest
from browser import axe_violations, choose_language, live_site
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
