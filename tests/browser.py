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


#: the one Playwright and Chromium of the session, and how many ``browser`` fixtures use them
_shared = {"users": 0}


@pytest.fixture(scope="session")
def browser():
    """Chromium for the session. Each test module imports this fixture, so pytest keeps one per
    module; they share one Playwright, since a second sync Playwright cannot start beside it."""
    if not shutil.which(CHROMIUM):
        unavailable(f"Chromium not installed at {CHROMIUM} (Debian package 'chromium'; `.ci/run` installs it)")
    from playwright.sync_api import sync_playwright

    if not _shared["users"]:
        _shared["playwright"] = sync_playwright().start()
        _shared["browser"] = _shared["playwright"].chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    _shared["users"] += 1
    try:
        yield _shared["browser"]
    finally:
        _shared["users"] -= 1
        if not _shared["users"]:
            _shared.pop("browser").close()
            _shared.pop("playwright").stop()


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
