"""The login limits hold across gunicorn workers when they are counted in Redis: the failures per
account and address (past them a login needs a mailed link) and the flood limit per address.

Issue 3 measured that Flask-Limiter's in-memory storage under 2 gunicorn workers let through
twice its limit: each worker counts on its own. With ``SAMVERKAN_REDIS_URL`` set, every worker
counts in the same Redis. This test runs the real thing: ``samverkan db upgrade`` on a temporary
SQLite file, gunicorn with 2 workers, and 12 failed logins from one address, sent at once over
fresh connections so that both workers answer some of them.

Measured by hand with the in-memory storage (``SAMVERKAN_REDIS_URL`` left out), three runs: 9,
10 and 9 of the 12 got through a limit of 5 (each worker let through up to 5 of its own share;
the access logs showed the workers answering 8+4, 7+5 and 8+4 of the POSTs): up to twice the
limit, as the issue says. With Redis, three runs: exactly 5 each time.

(Since the probe of the running app, the failures per account and address no longer answer 429:
past them the answer is the page about a mailed sign-in link. The 429 is the address's limit.)
"""
import http.cookiejar
import os
import re
import secrets
import select
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from conftest import unavailable

BIN = Path(sys.executable).parent  # the venv's bin: samverkan and gunicorn are installed beside python
REDIS_HOST, REDIS_PORT = "127.0.0.1", 6379
LIMIT = 5  # failed logins per account and address
ADDRESS_LIMIT = 9  # logins per address
ATTEMPTS = 12
WORKERS = 2
#: a gunicorn config file: the settings it is given (a line importing a module's), and a hook
#: that writes a line to the inherited pipe ``READY_FD`` when a worker has loaded the app and is
#: about to accept connections
READY_HOOK = """import os
{settings}

def post_worker_init(worker):
    os.write(int(os.environ["READY_FD"]), b"ready\\n")
"""
LOGIN_FAILED = "E-postadressen eller lösenordet är fel."
LINK_SENT = "Titta i din e-post"
TOO_MANY = "För många försök"


def redis_answers():
    try:
        with socket.create_connection((REDIS_HOST, REDIS_PORT), timeout=1) as conn:
            conn.sendall(b"PING\r\n")
            return conn.recv(64).startswith(b"+PONG")
    except OSError:
        return False


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_env(tmp_path, redis_url=None, key_prefix=None):
    """The environment of ``samverkan`` and gunicorn: nothing from the test run's own settings."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("SAMVERKAN_")}
    env.update({
        "SAMVERKAN_DATABASE_URL": f"sqlite:///{tmp_path / 'samverkan.sqlite'}",
        "SAMVERKAN_SECRET_KEY": secrets.token_hex(32),
        "SAMVERKAN_LOGIN_RATE_LIMIT": f"{LIMIT} per minute",
        "SAMVERKAN_LOGIN_ADDRESS_RATE_LIMIT": f"{ADDRESS_LIMIT} per minute",
        # plain http on 127.0.0.1: a Secure session cookie would never come back, and without it
        # every POST would fail its CSRF check instead of the login
        "SAMVERKAN_SESSION_COOKIE_SECURE": "false",
        "SAMVERKAN_REMEMBER_COOKIE_SECURE": "false",
    })
    if redis_url:
        env["SAMVERKAN_REDIS_URL"] = redis_url
    if key_prefix:
        env["SAMVERKAN_RATELIMIT_KEY_PREFIX"] = key_prefix
    return env


def gunicorn(tmp_path, env, *args, settings=None):
    """Start gunicorn with ``args``, on the settings of the module ``settings`` if one is named
    (gunicorn's defaults else), writing to ``gunicorn.log``; returns the process and the read end
    of the pipe on which each of its workers says it is ready (see :func:`wait_until_ready`)."""
    config = tmp_path / "ready_hook.py"
    config.write_text(READY_HOOK.format(settings=f"from {settings} import *  # noqa: F403" if settings else ""))
    ready, ready_to_write = os.pipe()
    log = open(tmp_path / "gunicorn.log", "w")
    try:
        process = subprocess.Popen(
            [str(BIN / "gunicorn"), "--config", str(config), *args],
            env={**env, "READY_FD": str(ready_to_write)}, pass_fds=(ready_to_write,),
            cwd=tmp_path, stdout=log, stderr=subprocess.STDOUT,
        )
    finally:
        # only gunicorn holds the write end now: when it exits, reading the pipe ends
        os.close(ready_to_write)
        log.close()
    return process, ready


def start_gunicorn(tmp_path, env, port):
    """The database, then gunicorn with :data:`WORKERS` workers logging which answered each request."""
    upgrade = subprocess.run([str(BIN / "samverkan"), "db", "upgrade"], env=env, cwd=tmp_path,
                             capture_output=True, text=True, timeout=120)
    assert upgrade.returncode == 0, upgrade.stderr
    return gunicorn(tmp_path, env, "--workers", str(WORKERS), "--bind", f"127.0.0.1:{port}",
                    "--access-logfile", str(tmp_path / "access.log"), "--access-logformat", "%(p)s %(m)s %(U)s %(s)s",
                    "samverkan:create_app()")


def wait_until_ready(ready, tmp_path, workers=WORKERS, timeout=60):
    """Block until each of the ``workers`` has written its line to the pipe ``ready`` (then each
    has loaded the app and accepts connections), failing if gunicorn exits first or ``timeout``
    passes."""
    deadline = time.monotonic() + timeout
    lines = b""
    with os.fdopen(ready, "rb", buffering=0) as pipe:
        while lines.count(b"\n") < workers:
            readable, _, _ = select.select([pipe], [], [], max(deadline - time.monotonic(), 0))
            if not readable:
                pytest.fail(f"gunicorn's workers were not ready within {timeout} s:\n"
                            f"{(tmp_path / 'gunicorn.log').read_text()}")
            chunk = pipe.read(64)
            if not chunk:
                pytest.fail(f"gunicorn exited before its workers were ready:\n"
                            f"{(tmp_path / 'gunicorn.log').read_text()}")
            lines += chunk


def stop(process):
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


class Visitor:
    """One browser: a cookie jar, and the CSRF token of its session from a GET of /login."""

    def __init__(self, base):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        with self.opener.open(f"{base}/login", timeout=10) as response:
            page = response.read().decode()
        self.token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)

    def failed_login(self):
        """POST a wrong password (a new connection: urllib does not keep connections alive)."""
        data = urllib.parse.urlencode({"email": "ingen@regionvastmanland.se", "password": "fel lösenord igen",
                                       "csrf_token": self.token}).encode()
        try:
            with self.opener.open(f"{self.base}/login", data=data, timeout=30) as response:
                return response.status, response.headers.get("Retry-After"), response.read().decode()
        except urllib.error.HTTPError as error:
            with error:
                return error.code, error.headers.get("Retry-After"), error.read().decode()


def failed_logins(base, attempts):
    """``attempts`` failed logins from one address, all sent at once: [(status, Retry-After, body)]."""
    visitors = [Visitor(base) for _ in range(attempts)]  # each POST with the token of its own session
    with ThreadPoolExecutor(max_workers=attempts) as pool:
        return list(pool.map(Visitor.failed_login, visitors))


def login_posts_per_worker(tmp_path):
    """pid -> how many POSTs to /login that worker answered, from gunicorn's access log."""
    counts = {}
    for line in (tmp_path / "access.log").read_text().splitlines():
        pid, method, path, _status = line.split()
        if method == "POST" and path == "/login":
            counts[pid] = counts.get(pid, 0) + 1
    return counts


@pytest.fixture
def redis_prefix():
    """A key prefix of this run's own; its keys are deleted afterwards."""
    if not redis_answers():
        unavailable(f"Redis does not answer on {REDIS_HOST}:{REDIS_PORT}")
    prefix = f"samverkan-test-{secrets.token_hex(6)}"
    yield prefix
    import redis

    client = redis.Redis(host=REDIS_HOST, port=REDIS_PORT)
    try:
        keys = list(client.scan_iter(match=f"*{prefix}*"))
        if keys:
            client.delete(*keys)
    finally:
        client.close()


def test_login_limit_is_shared_by_two_gunicorn_workers_through_redis(tmp_path, redis_prefix):
    env = server_env(tmp_path, redis_url=f"redis://{REDIS_HOST}:{REDIS_PORT}/0", key_prefix=redis_prefix)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env["SAMVERKAN_BASE_URL"] = base  # the mailed sign-in link is built on it
    process, ready = start_gunicorn(tmp_path, env, port)
    try:
        wait_until_ready(ready, tmp_path)
        answers = failed_logins(base, ATTEMPTS)
    finally:
        stop(process)

    statuses = sorted(status for status, _retry, _body in answers)
    assert statuses == [200] * (ADDRESS_LIMIT - LIMIT) + [400] * LIMIT + [429] * (ATTEMPTS - ADDRESS_LIMIT)
    for status, retry_after, body in answers:
        if status == 400:
            assert LOGIN_FAILED in body  # refused as a wrong login, not by the CSRF check
        elif status == 200:
            assert LINK_SENT in body  # past the failures allowed: the page about the mailed link
        else:
            assert TOO_MANY in body
            assert 0 < int(retry_after) <= 60
    per_worker = login_posts_per_worker(tmp_path)
    assert sum(per_worker.values()) == ATTEMPTS
    assert len(per_worker) == 2, per_worker  # both workers answered: the count was shared
