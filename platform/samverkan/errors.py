"""Error pages in the visitor's language; a refused CSRF check is logged as a refused request."""
from flask import render_template
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException


def init_app(app):
    @app.errorhandler(HTTPException)
    def http_error(error):
        csrf_failed = isinstance(error, CSRFError)
        if csrf_failed:
            from . import audit
            from .extensions import db

            audit.record("refused", object_type="request", detail=f"CSRF: {error.description}")
            db.session.commit()
        response = error.get_response()
        response.set_data(render_template("errors/error.html", error=error, csrf_failed=csrf_failed))
        response.mimetype = "text/html"
        return response
