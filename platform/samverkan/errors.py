"""Error pages in the visitor's language; a refused CSRF check is logged as a refused request."""
from flask import render_template
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from .policy import record_refusal


def init_app(app):
    @app.errorhandler(HTTPException)
    def http_error(error):
        csrf_failed = isinstance(error, CSRFError)
        if csrf_failed:
            record_refusal(f"CSRF: {error.description}")
        response = error.get_response()
        response.set_data(render_template("errors/error.html", error=error, csrf_failed=csrf_failed))
        response.mimetype = "text/html"
        return response
