"""gunicorn settings for production: ``gunicorn -c python:samverkan.gunicorn_conf``.

Threaded workers (gthread), so that a slow client holds one thread, not a whole worker: with sync
workers, a request that announces a body and never sends it stops a worker until ``timeout``, and
as many such requests as workers stop the site. gunicorn's gthread workers also keep a connection
that has sent nothing yet off the threads. A buffering proxy in front (nginx) is still the
production setup: it reads whole requests before passing them on. Options given on the command
line override these (e.g. ``--bind``, ``--workers``).
"""
import os

wsgi_app = "samverkan:create_app()"
bind = "127.0.0.1:8000"
worker_class = "gthread"
workers = int(os.environ.get("WEB_CONCURRENCY", "4"))
threads = 8
#: seconds: a worker that stops answering its arbiter is restarted; stopping waits this long
timeout = 30
graceful_timeout = 30
keepalive = 5
#: the request line (method, path, query) and each header, in bytes; more fields are refused
limit_request_line = 4094
limit_request_field_size = 8190
limit_request_fields = 100


def on_starting(server):
    """Production without ``SAMVERKAN_BASE_URL`` would mail no reset links and serve any Host."""
    if not os.environ.get("SAMVERKAN_BASE_URL"):
        raise SystemExit("SAMVERKAN_BASE_URL is not set (e.g. https://samverkan.example.se): "
                         "links in e-mails are built on it, and only its host is served.")
