"""How long a web request waits on PostgreSQL: for a lock at most ``DATABASE_LOCK_TIMEOUT``
seconds, for a statement at most ``DATABASE_STATEMENT_TIMEOUT`` (0: no limit). A request that
hits either answers 503 with a page that asks to try again, and its transaction is rolled back:
it writes nothing. The command line and work outside requests (imports, the demo, migrations,
mail) keep the server's own settings, which are usually none.

The limits are set on a connection when it is checked out for a request and it does not carry
them yet (and taken off again when it is checked out outside one): a worker's connections carry
them from their first request on, so a request spends no statement on them.
"""
from flask import has_request_context, render_template
from sqlalchemy import event
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import ServiceUnavailable

from .extensions import db

#: PostgreSQL's codes for a lock not granted in time and a statement cancelled by its timeout
TIMED_OUT = {"55P03", "57014"}
#: seconds a client is asked to wait before trying again
RETRY_AFTER = 5
_APPLIED = "samverkan.timeouts"


def init_app(app):
    with app.app_context():
        engine = db.engine
    if engine.dialect.name != "postgresql":
        return
    web = (_milliseconds(app.config["DATABASE_LOCK_TIMEOUT"]), _milliseconds(app.config["DATABASE_STATEMENT_TIMEOUT"]))

    @event.listens_for(engine, "checkout")
    def _limit_requests(dbapi_connection, record, proxy):
        wanted = web if has_request_context() else None
        if record.info.get(_APPLIED) == wanted:
            return
        with dbapi_connection.cursor() as cursor:
            if wanted is None:
                cursor.execute("RESET lock_timeout")
                cursor.execute("RESET statement_timeout")
            else:
                cursor.execute("SELECT set_config('lock_timeout', %s, false), set_config('statement_timeout', %s, false)",
                               wanted)
        dbapi_connection.commit()  # a setting made in a transaction rolled back later would go with it
        record.info[_APPLIED] = wanted

    app.register_error_handler(OperationalError, _timed_out)


def _milliseconds(seconds):
    return str(int(float(seconds) * 1000))


def _timed_out(error):
    """503 for a lock or a statement that took too long; any other database error stays a 500."""
    if getattr(getattr(error, "orig", None), "sqlstate", None) not in TIMED_OUT:
        raise error
    db.session.rollback()
    busy = ServiceUnavailable()
    response = busy.get_response()
    response.set_data(render_template("errors/error.html", error=busy, csrf_failed=False))
    response.mimetype = "text/html"
    response.headers["Retry-After"] = str(RETRY_AFTER)
    return response
