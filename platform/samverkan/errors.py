"""Error pages in the visitor's language; a refused CSRF check is logged as a refused request."""
from urllib.parse import urlsplit

from flask import current_app, render_template, request
from flask.globals import request_ctx
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from .policy import record_refusal


def init_app(app):
    @app.errorhandler(HTTPException)
    def http_error(error):
        csrf_failed = isinstance(error, CSRFError)
        if csrf_failed:
            record_refusal(f"CSRF: {error.description}")
        _ensure_url_adapter()
        response = error.get_response()
        response.set_data(render_template("errors/error.html", error=error, csrf_failed=csrf_failed))
        response.mimetype = "text/html"
        return response


def _ensure_url_adapter():
    """Let the error page build its links when the request's Host could not be used.

    Flask binds URLs to the Host header; a host that is not trusted, or not a valid name (a label
    over 63 characters fails IDNA encoding), leaves the request without a URL adapter, and
    ``url_for`` in the page would turn the 400 into a 500. The page's links are paths, so any
    valid host will do: ``BASE_URL``'s.
    """
    if request_ctx.url_adapter is None:
        host = urlsplit(current_app.config.get("BASE_URL") or "").netloc or "localhost"
        request_ctx.url_adapter = current_app.url_map.bind(
            host, script_name=request.root_path or "/", url_scheme=request.scheme)
