"""Browser-test harness: the app served on a loopback port, driven by Debian's Chromium.

Playwright's Python package drives ``/usr/bin/chromium`` (never a downloaded browser); axe-core
comes from the ``axe-playwright-python`` package. Tests using these fixtures skip, saying why,
when Chromium or Playwright is missing.
"""
import shutil
import threading

import pytest
from conftest import unavailable
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


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM):
        unavailable(f"Chromium not installed at {CHROMIUM} (Debian package 'chromium'; `.ci/run` installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


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


def axe_violations(page):
    """The WCAG 2.1 A/AA violations axe-core finds on the page, as readable lines."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']]}"
        for v in results.response["violations"]
    ]
