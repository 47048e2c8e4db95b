"""Error pages in the visitor's language."""
from flask import render_template
from werkzeug.exceptions import HTTPException


def init_app(app):
    @app.errorhandler(HTTPException)
    def http_error(error):
        return render_template("errors/error.html", error=error), error.code
