"""Browser-test harness: the app served on a loopback port, driven by Debian's Chromium.

Playwright's Python package drives ``/usr/bin/chromium`` (never a downloaded browser); axe-core
comes from the ``axe-playwright-python`` package. The session's ``browser`` fixture is in
``conftest.py``; tests using it skip, saying why, when Chromium is missing.
"""
import threading

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


def htmx_settled(page):
    """Wait until htmx has no request in flight and no swap settling. New content is in the page
    a settle delay before htmx wires it up (its ``hx-`` attributes) and the page's script moves
    the focus (``htmx:afterSettle``): a test that clicks in new content, or reads where the focus
    is, waits for this first (or for the focus itself, where it is moved)."""
    from playwright.sync_api import expect

    expect(page.locator(".htmx-request, .htmx-settling")).to_have_count(0)


def axe_violations(page):
    """The WCAG 2.1 A/AA violations axe-core finds on the page, as readable lines."""
    from axe_playwright_python.sync_playwright import Axe

    # details of the violations only: passes and the rest are not read, and on a long page
    # (the audit log) collecting them costs seconds
    options = {"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]}
    results = Axe().run(page, options=options)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']]}"
        for v in results.response["violations"]
    ]
