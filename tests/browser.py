"""Browser-test harness: the app served on a loopback port, driven by Debian's Chromium.

Playwright's Python package drives ``/usr/bin/chromium`` (never a downloaded browser); axe-core
is the ``axe.min.js`` of the ``axe-playwright-python`` package. The session's ``browser`` fixture
and the ``open_page``, ``kept_pages`` and ``page`` fixtures are in ``conftest.py``; tests using
them skip, saying why, when Chromium is missing. The helpers here serve a test module's site, log
in, read what went wrong on a page and check a page with axe.
"""
import threading
from contextlib import contextmanager

from axe_playwright_python.base import AXE_SCRIPT
import flask
from conftest import ACCOUNTS, PASSWORD, TEST_SETTINGS, running_app
from werkzeug.serving import make_server


CHROMIUM = "/usr/bin/chromium"
#: flags for a sandbox without network: no sandboxing as root, no background connections
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
#: the language in which axe checks colour contrast: colours come from the style sheet and the
#: templates, the same in both languages, and that rule takes two thirds of axe's time on a page
CONTRAST_LOCALE = "sv-SE"


class LiveServer:
    """A WSGI server in a thread on 127.0.0.1 and a free port."""

    def __init__(self, app):
        self.server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.thread.join(timeout=5)


@contextmanager
def live_site(databases, level, demo=True, prepare=None, **config):
    """A test module's site: a copy of a database at ``level`` (of :data:`conftest.LEVELS`), or
    with the test accounts and the demo data unless ``demo`` is false, then ``prepare()`` run in the
    app context (it returns the ids of what it made, for the tests to visit), and the app served on
    a free port. Yields the :class:`LiveServer` with its ``app`` and ``ids``; afterwards the app's
    connections are closed and the database dropped. A module's data is its own: its tests change it.

    The login rate limit is off: these tests log in far more often than a person would."""
    url = databases.new("demo" if demo else level)
    try:
        with running_app(url, RATELIMIT_ENABLED=False, **config) as app:
            with app.app_context():
                ids = (prepare() if prepare else None) or {}
            with LiveServer(app) as server:
                server.app, server.ids = app, ids
                yield server
    finally:
        databases.drop(url)


def choose_language(context, locale):
    """Chooses the UI language of ``locale`` in the browser ``context`` as the language switch
    does, in the session: a first visit is in Swedish whatever the browser asks for. The session
    cookie is signed with the test apps' key, for every test site (all on 127.0.0.1)."""
    if locale.startswith("sv"):
        return
    signer = flask.Flask(__name__)
    signer.secret_key = TEST_SETTINGS["SECRET_KEY"]
    value = signer.session_interface.get_signing_serializer(signer).dumps({"lang": locale[:2]})
    context.add_cookies([{"name": signer.config["SESSION_COOKIE_NAME"], "value": value,
                          "domain": "127.0.0.1", "path": "/"}])


def watched(page, locale):
    """``page`` (in ``locale``, chosen in its session) recording what goes wrong on it, for
    :func:`problems`."""
    page.locale = locale
    choose_language(page.context, locale)
    page.console_errors, page.page_errors, page.failed_loads = [], [], []
    page.on("console", lambda message: message.type == "error" and page.console_errors.append(message.text))
    page.on("pageerror", lambda error: page.page_errors.append(str(error)))
    # the page itself may be a 400/403/404 on purpose; nothing it loads may fail
    page.on("response", lambda response: response.status >= 400 and response.request.resource_type != "document"
            and page.failed_loads.append(f"{response.status} {response.url}"))
    # (ERR_ABORTED: a load cut short by the next navigation, e.g. the favicon)
    page.on("requestfailed", lambda request: request.failure != "net::ERR_ABORTED"
            and page.failed_loads.append(f"{request.failure} {request.url}"))
    return page


class KeptPages:
    """Pages kept open for checks that only look (the axe scenarios): one per (site, language),
    navigated from one check to the next and signed in as each check's test account in turn.

    A fresh browser context per check cost more than the check: 0.2 s for the context and its
    window, a renderer process started, and axe-core's 570 kB compiled again. The kept contexts
    load axe-core into every page as it opens (an init script; :func:`axe_violations` finds it
    there instead of sending it over for each check). Between checks, the cookies are those of
    the check's account (:func:`sign_in`; none for anonymous), and the record of what went wrong
    starts empty."""

    def __init__(self, browser):
        self.browser = browser
        self.pages = {}

    def __call__(self, url, key=None, locale="sv-SE"):
        page = self.pages.get((url, locale))
        if page is None:
            context = self.browser.new_context(locale=locale)
            context.add_init_script(script=AXE_SCRIPT)
            page = self.pages[(url, locale)] = watched(context.new_page(), locale)
        page.context.clear_cookies()
        choose_language(page.context, locale)
        if key:
            sign_in(page, url, key)
        for record in (page.console_errors, page.page_errors, page.failed_loads):
            record.clear()
        return page

    def close(self):
        for page in self.pages.values():
            page.context.close()


def htmx_settled(page):
    """Wait until htmx has no request in flight and no swap settling. New content is in the page
    a settle delay before htmx wires it up (its ``hx-`` attributes) and the page's script moves
    the focus (``htmx:afterSettle``): a test that clicks in new content, or reads where the focus
    is, waits for this first (or for the focus itself, where it is moved)."""
    from playwright.sync_api import expect

    expect(page.locator(".htmx-request, .htmx-settling")).to_have_count(0)


def axe_violations(page):
    """The WCAG 2.1 A/AA violations axe-core finds on the page, as readable lines."""
    # details of the violations only: passes and the rest are not read, and on a long page
    # (the audit log) collecting them costs seconds
    options = {"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]}
    if getattr(page, "locale", CONTRAST_LOCALE) != CONTRAST_LOCALE:  # (pages of open_page and KeptPages know theirs)
        options["rules"] = {"color-contrast": {"enabled": False}}
    if not page.evaluate("typeof window.axe === 'object'"):  # (a page of KeptPages has it)
        page.evaluate(AXE_SCRIPT)
    violations = page.evaluate("options => axe.run(document, options).then(results => results.violations)", options)
    return [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']]}" for v in violations]


def problems(page):
    """Console errors, uncaught exceptions and failed loads of a :func:`watched` page, less
    Chromium's line for every 4xx document ("Failed to load resource: …"; failed subresources are
    in ``failed_loads``)."""
    console = [e for e in page.console_errors if not e.startswith("Failed to load resource: the server responded")]
    return console + page.page_errors + page.failed_loads


def csp_violations(page):
    return [e for e in page.console_errors if "Content Security Policy" in e]


def email_of(key):
    """The e-mail address of a test account of :data:`conftest.ACCOUNTS`."""
    return ACCOUNTS[key][0]


def log_in(page, url, email, password=PASSWORD):
    """Log in through the form with the keyboard: type into the fields, press Enter."""
    page.goto(url + "/login")
    page.locator("#email").fill(email)
    page.locator("#password").fill(password)
    assert page.evaluate("document.activeElement.id") == "password"
    with page.expect_navigation():
        page.keyboard.press("Enter")


#: (site URL, test account, language) -> the browser's cookies after that account logged in there
_SIGNED_IN = {}


def still_signed_in(page, url):
    """Whether the session of ``page`` (of :func:`watched`) still signs in on the site at ``url``,
    in the page's own language (the language switch keeps a choice in the session)."""
    me = page.request.get(url + "/me", max_redirects=0)
    return me.status == 200 and f'<html lang="{page.locale[:2]}">' in me.text()


def sign_in(page, url, key):
    """Signs ``page`` (of :func:`watched`) in on the site at ``url`` as the test account ``key``;
    returns it. The form is filled in once per site, account and language (:func:`log_in` and the
    accounts' own tests check it); later pages get that login's cookies, which costs one request
    that draws nothing instead of two page loads. A test may have ended that session (logged out,
    changed the password) or switched its language: then the login is done again."""
    cookies = _SIGNED_IN.get((url, key, page.locale))
    if cookies:
        page.context.add_cookies(cookies)
        if still_signed_in(page, url):
            return page
        page.context.clear_cookies()
        choose_language(page.context, page.locale)
    log_in(page, url, email_of(key))
    assert page.url == url + "/me", f"{key} could not log in"
    _SIGNED_IN[(url, key, page.locale)] = page.context.cookies()
    return page


def logged_in_page(open_page, url, key, locale="sv-SE"):
    """A fresh page of ``open_page`` in ``locale``, signed in as the test account ``key`` (:func:`sign_in`)."""
    return sign_in(open_page(locale), url, key)


@contextmanager
def page_without_javascript(browser, url=None, key=None):
    """A page in Swedish in a fresh browser context with JavaScript off; logged in on the site at
    ``url`` as the test account ``key``, if one is given."""
    context = browser.new_context(locale="sv-SE", java_script_enabled=False)
    try:
        page = context.new_page()
        if key:
            log_in(page, url, email_of(key))
        yield page
    finally:
        context.close()


def submit(page, form="main form.form"):
    """Submit the form (the page's one, unless ``form`` is another selector) with its button;
    returns the response."""
    with page.expect_navigation() as navigation:
        page.locator(f"{form} button[type=submit]").click()
    return navigation.value


def submitted(path, fields=None, form="main form.form"):
    """Steps of an axe scenario: open ``path`` (with {ids} of site.ids), fill in ``fields``
    (selector -> text) and :func:`submit` the form; returns the response."""
    def steps(page, site):
        page.goto(site.url + path.format(**site.ids))
        for selector, text in (fields or {}).items():
            page.locator(selector).fill(text)
        return submit(page, form)

    return steps


def check_scenario(kept_pages, site, scenario, locale, marked="[aria-invalid=true]"):
    """Open an axe scenario, ``(role or None, a path with {ids} of site.ids or steps(page, site)
    returning the response, status)``, as its role in ``locale`` on a page of ``kept_pages``, and
    check the page: the status, one h1, the errors marked on a 400 (what ``marked`` finds), no WCAG
    2.1 AA violation, and nothing that failed to load or run. Returns the page, for the module's
    own checks."""
    role, steps, status = scenario
    page = kept_pages(site.url, role, locale)
    if callable(steps):
        response = steps(page, site)
    else:
        response = page.goto(site.url + steps.format(**site.ids))
    assert response.status == status
    assert page.locator("h1").count() == 1
    if status == 400:
        assert page.locator(marked).count() >= 1
    assert axe_violations(page) == []
    assert problems(page) == []
    return page
