"""In real headless Chromium: logging in and out, a refused request, granting a role, the CSP
(no violation on any page, htmx configured to match it), axe-core on the account pages, and the
CSRF token on htmx requests.

One live server for the module, over a synced SQLite app with the test accounts of
:data:`conftest.ACCOUNTS`. Every test logs in afresh in its own browser context; the login rate
limit is off here, since these tests log in far more often than a person would.
"""
from datetime import timedelta

import pytest
from browser import (check_scenario, csp_violations, email_of, htmx_settled, live_site, log_in, logged_in_page,
                     problems, submitted)
from conftest import LOCALES, PUBLIC_PAGES

from samverkan.security import CONTENT_SECURITY_POLICY

pytestmark = pytest.mark.browser

PAGES = [*PUBLIC_PAGES, "/regions/nowhere/"]  # and a 404

#: who looks at which pages in the CSP test (None: nobody logged in)
CSP_PAGES = {
    None: PAGES,
    "platform-admin": ["/account", "/account/password", "/admin/people", "/admin/audit",
                       "/regions/vastmanland/people", "/regions/vastmanland/audit"],
    "region-admin": ["/account", "/account/password", "/regions/vastmanland/people", "/regions/vastmanland/audit"],
    "project-lead": ["/account", "/regions/vasternorrland/people"],  # 403
}
STATUS = {"/regions/nowhere/": 404, "/regions/vasternorrland/people": 403}


@pytest.fixture(scope="module")
def live_server(sqlite_databases):
    with live_site(sqlite_databases, "accounts", demo=False) as server:
        yield server


# 1. Logging in, a refused request, granting a role, logging out


def test_log_in_be_refused_grant_a_role_and_log_out(live_server, open_page):
    url = live_server.url

    # a project lead of Västmanland: into the account page, refused Västernorrland's people page
    lead = open_page()
    log_in(lead, url, email_of("project-lead"))
    assert lead.url == url + "/me"
    assert lead.locator("h1").inner_text() == "Min sida"
    lead.goto(url + "/account")
    assert lead.locator("h1").inner_text() == "Ditt konto"
    assert email_of("project-lead") in lead.locator("main").inner_text()
    response = lead.goto(url + "/regions/vasternorrland/people")
    assert response.status == 403
    assert lead.locator("h1").inner_text() == "Inte tillåtet"
    assert lead.locator("main form").count() == 0  # no grant form for them
    token = lead.locator('meta[name="csrf-token"]').get_attribute("content")
    refused = lead.request.post(url + "/regions/vasternorrland/people", max_redirects=0, form={
        "csrf_token": token, "email": "someone@example.se", "name": "Someone", "role": "project-lead"})
    assert refused.status == 403  # nor may they post the form there

    # a region admin of Västmanland gives a new e-mail address the project-lead role
    admin = open_page()
    log_in(admin, url, email_of("region-admin"))
    admin.locator(".account-menu").get_by_role("link", name="Roller i Västmanland").click()
    admin.wait_for_url(url + "/regions/vastmanland/people")
    form = admin.locator("main form.form")
    form.get_by_label("E-post").fill("nora.nystrom@regionvastmanland.se")
    form.get_by_label("Namn").fill("Nora Nyström")
    form.get_by_label("Roll").select_option(label="Projektledare")
    with admin.expect_navigation():
        form.get_by_role("button", name="Ge rollen").click()
    assert admin.url == url + "/regions/vastmanland/people"
    assert admin.locator(".flashes").inner_text() == "nora.nystrom@regionvastmanland.se har nu rollen Projektledare."
    row = admin.locator("table.data tbody tr", has_text="nora.nystrom@regionvastmanland.se")
    assert row.count() == 1
    assert [c.strip() for c in row.locator("th, td").all_inner_texts()[:4]] == [
        "Nora Nyström", "nora.nystrom@regionvastmanland.se", "Projektledare", "Västmanland"]

    # logging out with the header's button; the old session cookie is worth nothing after it
    old_cookies = admin.context.cookies()
    assert "session" in {cookie["name"] for cookie in old_cookies}
    with admin.expect_navigation():
        admin.locator("header .account-menu").get_by_role("button", name="Logga ut").click()
    assert admin.url == url + "/"
    assert admin.locator(".flashes").inner_text() == "Du är utloggad."
    assert admin.locator("header .account-menu").get_by_role("link", name="Logga in").is_visible()
    admin.goto(url + "/account")
    assert admin.url.startswith(url + "/login?next=")
    admin.context.add_cookies(old_cookies)
    session_cookie = {c["name"]: c["value"] for c in admin.context.cookies()}["session"]
    assert session_cookie == {c["name"]: c["value"] for c in old_cookies}["session"]  # the old cookie is back
    admin.goto(url + "/account")
    assert admin.url.startswith(url + "/login?next=")
    assert admin.locator("h1").inner_text() == "Logga in"
    # and neither in a browser that has nothing but that cookie
    other = open_page()
    other.context.add_cookies(old_cookies)
    other.goto(url + "/regions/vastmanland/people")
    assert other.url.startswith(url + "/login?next=")
    for page in (lead, admin, other):
        assert problems(page) == []


# 2. The Content-Security-Policy: no violation anywhere, htmx configured to match it


def assert_htmx_configured(page):
    assert page.evaluate("typeof htmx") == "object"
    config = page.evaluate("""() => ({allowEval: htmx.config.allowEval, historyCacheSize: htmx.config.historyCacheSize,
        selfRequestsOnly: htmx.config.selfRequestsOnly, includeIndicatorStyles: htmx.config.includeIndicatorStyles})""")
    assert config == {"allowEval": False, "historyCacheSize": 0, "selfRequestsOnly": True,
                      "includeIndicatorStyles": False}


@pytest.mark.parametrize("role", list(CSP_PAGES), ids=lambda role: role or "anonymous")
def test_no_csp_violation_on_any_page(live_server, open_page, role):
    url = live_server.url
    page = logged_in_page(open_page, url, role) if role else open_page()
    for path in CSP_PAGES[role]:
        response = page.goto(url + path)
        assert response.status == STATUS.get(path, 200), path
        assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY, path
        assert page.locator("h1").count() == 1, path
        assert_htmx_configured(page)
        assert csp_violations(page) == [], path
        assert problems(page) == [], path
    assert page.evaluate('localStorage.getItem("htmx-history-cache")') is None


def test_no_csp_violation_after_an_htmx_swap(live_server, open_page):
    page = open_page()
    page.goto(live_server.url + "/regions/vastmanland/plan")
    assert_htmx_configured(page)
    page.locator("#toggle-M2").click()
    page.locator('[id="node-M2.1"]').wait_for()
    assert page.url == live_server.url + "/regions/vastmanland/plan"  # swapped in place
    htmx_settled(page)  # the new toggle is wired up: a click before is a plain link
    page.locator("#toggle-M2").click()
    page.locator('[id="node-M2.1"]').wait_for(state="detached")
    page.goto(live_server.url + "/regions/vastmanland/plan/M1")
    page.go_back()
    page.locator("#toggle-M2").wait_for()
    assert csp_violations(page) == []
    assert problems(page) == []
    assert page.evaluate('localStorage.getItem("htmx-history-cache")') is None
    assert page.evaluate("localStorage.length") == 0


def test_a_csp_violation_would_be_seen(live_server, open_page):
    """The listener above is not blind: an inline script is refused and reported."""
    page = open_page()
    page.goto(live_server.url + "/")
    with page.expect_console_message(lambda message: "Content Security Policy" in message.text):
        page.evaluate("""() => { const s = document.createElement("script");
            s.textContent = "window.inlineRan = true"; document.body.append(s); }""")
    assert page.evaluate("window.inlineRan") is None
    assert len(csp_violations(page)) == 1


# 3. axe-core (WCAG 2.1 AA) on the account pages, in Swedish and English


def login_failed(page, site):
    page.goto(site.url + "/login")
    page.locator("#email").fill(email_of("member"))
    page.locator("#password").fill("fel lösenord helt och hållet")
    with page.expect_navigation() as navigation:
        page.keyboard.press("Enter")
    return navigation.value


def follow_link(path, selector):
    """The page behind the link of ``path`` that ``selector`` finds (e.g. the confirmation page
    of a revoke)."""
    def follow(page, site):
        page.goto(site.url + path)
        with page.expect_navigation() as navigation:
            page.locator(selector).click()
        return navigation.value

    return follow


def click(path, selector):
    """The page that clicking the button ``selector`` finds on ``path`` answers with."""
    def steps(page, site):
        page.goto(site.url + path)
        with page.expect_navigation() as navigation:
            page.locator(selector).click()
        return navigation.value

    return steps


def login_link_page(page, site):
    """The page a mailed sign-in link opens (the second proof past the failed logins allowed)."""
    import secrets

    from samverkan.accounts import services
    from samverkan.extensions import db

    token = secrets.token_urlsafe(32)
    with site.app.app_context():
        services.issue_login_link(services.find_person(email_of("member")), token)
        db.session.commit()
    return page.goto(f"{site.url}/login/link/{token}")


def invitation_to_an_actor(site):
    """A new actor of Västmanland with a pending invitation from its admin: (actor id, link token)."""
    import secrets

    import collab
    from samverkan.accounts.services import find_person, token_hash
    from samverkan.actors.models import Invitation
    from samverkan.extensions import db
    from samverkan.times import utcnow

    token = secrets.token_urlsafe(32)
    with site.app.app_context():
        actor = collab.make_actor("vastmanland", "Inbjudande aktör")
        db.session.add(Invitation(token_hash=token_hash(token), email=f"inbjuden-{token[:8]}@exempel.se",
                                  name="Inbjuden Person", actor=actor, region=actor.regions[0],
                                  membership_role="project-lead", role="project-lead",
                                  invited_by=find_person(email_of("region-admin")), expires_at=utcnow() + timedelta(days=1)))
        db.session.commit()
        return actor.id, token


def invitation_page(page, site):
    """The page a mailed invitation opens: choose a password."""
    return page.goto(f"{site.url}/invitations/{invitation_to_an_actor(site)[1]}")


def invitation_failed(page, site):
    page.goto(f"{site.url}/invitations/{invitation_to_an_actor(site)[1]}")
    page.locator("#password").fill("kort")
    page.locator("#confirm").fill("annat")
    with page.expect_navigation() as navigation:
        page.locator("main form button[type=submit]").click()
    return navigation.value


def actor_with_an_invitation(page, site):
    """An actor's page where its region's admin sees the invitation waiting, and the invite form."""
    return page.goto(f"{site.url}/actors/{invitation_to_an_actor(site)[0]}")


#: the grant form of a people page, filled in with what is not an e-mail address
GRANT_TO_NO_ADDRESS = {"main form.form #email": "inte en adress"}

#: name -> (who is logged in, the path or how to get there, the status of the page)
AXE_SCENARIOS = {
    "login": (None, "/login", 200),
    "login-failed": (None, login_failed, 400),
    "reset-request": (None, "/password-reset", 200),
    "reset-request-failed": (None, submitted("/password-reset", {"#email": "inte en adress"}), 400),
    "account": ("project-lead", "/account", 200),
    # the answer that shows a new calendar link, once
    "calendar-link-shown": ("project-lead", click("/account", "form[action^='/account/calendar#'] button"), 200),
    "login-link": (None, login_link_page, 200),
    "password": ("project-lead", "/account/password", 200),
    "password-failed": ("project-lead", submitted("/account/password", {
        "#current": "fel lösenord helt och hållet", "#password": "kort", "#confirm": "annat"}), 400),
    "platform-people": ("platform-admin", "/admin/people", 200),
    "platform-people-failed": ("platform-admin", submitted("/admin/people", GRANT_TO_NO_ADDRESS), 400),
    "region-people": ("region-admin", "/regions/vastmanland/people", 200),
    "region-people-failed": ("region-admin", submitted("/regions/vastmanland/people", GRANT_TO_NO_ADDRESS), 400),
    "platform-audit": ("platform-admin", "/admin/audit", 200),
    "region-audit": ("region-admin", "/regions/vastmanland/audit", 200),
    "audit-filter-failed": ("platform-admin", "/admin/audit?since=inte-ett-datum", 400),
    # the region's only admin's own role: refused, saying why
    "confirm-revoke-refused": ("region-admin", follow_link(
        "/regions/vastmanland/people", f"main tr:has-text('{email_of('region-admin')}') a[href$='/revoke']"), 409),
    "confirm-revoke": ("region-admin", follow_link(
        "/regions/vastmanland/people", f"main tr:has-text('{email_of('member')}') a[href$='/revoke']"), 200),
    "confirm-deactivate": ("platform-admin", follow_link(
        "/admin/people", f"main tr:has-text('{email_of('member')}') a[href$='/deactivate']"), 200),
    "forbidden": ("project-lead", "/regions/vasternorrland/people", 403),
    # a project lead who acts for no actor yet: told what to ask for, and from whom
    "me-without-actor": ("project-lead", "/me", 200),
    "new-initiative-without-actor": ("project-lead", "/initiatives/new", 200),
    "invitation": (None, invitation_page, 200),
    "invitation-failed": (None, invitation_failed, 400),
    "invitation-unknown": (None, "/invitations/ingen-sadan-inbjudan", 404),
    "actor-invitations": ("region-admin", actor_with_an_invitation, 200),
}


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("scenario", list(AXE_SCENARIOS))
def test_account_pages_have_no_wcag_21_aa_violations(live_server, kept_pages, scenario, locale):
    page = check_scenario(kept_pages, live_server, AXE_SCENARIOS[scenario], locale)
    assert page.evaluate("document.documentElement.lang") == locale[:2]
    if AXE_SCENARIOS[scenario][2] == 400:  # the fields marked, and a summary linking to each
        assert page.locator(".error-summary").is_visible()
        for link in page.locator(".error-summary a").all():
            assert page.locator(link.get_attribute("href")).count() == 1


# 4. The CSRF token goes with every htmx request


@pytest.mark.parametrize("role", [None, "member"], ids=["anonymous", "member"])
def test_htmx_request_carries_the_csrf_token(live_server, open_page, role):
    url = live_server.url
    page = logged_in_page(open_page, url, role) if role else open_page()
    page.goto(url + "/regions/vastmanland/plan")
    token = page.locator('meta[name="csrf-token"]').get_attribute("content")
    assert token
    requests = []
    page.on("request", lambda request: request.resource_type in ("xhr", "fetch") and requests.append(request))
    page.locator("#toggle-M2").click()
    page.locator('[id="node-M2.1"]').wait_for()
    assert len(requests) == 1
    headers = requests[0].all_headers()
    assert headers["hx-request"] == "true"
    assert headers["x-csrftoken"] == token
    assert problems(page) == []
