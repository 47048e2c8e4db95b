"""URLs in and out: local redirect targets, links for e-mails built on ``BASE_URL``, and query
strings read safely (shared by features, kept out of any feature's views).

A link that leaves the site (an e-mail) is never built from the request's ``Host`` header: a
forged Host would put another site's address in front of a valid reset token.
"""
from urllib.parse import urlsplit

from flask import abort, current_app, has_request_context, request, url_for
from werkzeug.routing import IntegerConverter

from .forms import has_control_characters

#: the largest id a row can have (an ``integer`` column on PostgreSQL): a larger number in an
#: address or a query is no row, and reaching the database it is a 500 (out of range)
MAX_ID = 2**31 - 1


def local_path(target):
    """``target`` if it is a path on this site; anything else (another host, ``//x``) is dropped.

    So is a target with a control character: a line break in a Location header is a 500.
    """
    if not target or has_control_characters(target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return None
    return target


def external_url(endpoint, **values):
    """The absolute URL of ``endpoint`` on ``BASE_URL``; works inside and outside a request.

    Without ``BASE_URL``, development and tests fall back to the request's (unchecked) host;
    production refuses, rather than mail a link to whatever host the request named.
    """
    base_url = current_app.config.get("BASE_URL")
    if not base_url:
        if has_request_context() and (current_app.debug or current_app.testing):
            return url_for(endpoint, _external=True, **values)
        raise RuntimeError("SAMVERKAN_BASE_URL is not set: a link for an e-mail cannot be built")
    base = urlsplit(base_url)
    adapter = current_app.url_map.bind(base.netloc, script_name=base.path or "/", url_scheme=base.scheme)
    current_app.inject_url_defaults(endpoint, values)
    return adapter.build(endpoint, values, force_external=True)


def canonical_url(endpoint, **values):
    """The absolute URL a page names as its own (``<link rel="canonical">``, which must be
    absolute), or None where :func:`external_url` has no ``BASE_URL`` to build it on."""
    try:
        return external_url(endpoint, **values)
    except RuntimeError:
        return None


def query_int(name, default=1, minimum=1, maximum=10_000):
    """The integer query argument ``name``, held within ``minimum``..``maximum``.

    Missing or not a number gives ``default``. A number outside the bounds is brought to the
    nearest bound: a page number of 10**20 would otherwise overflow the database's OFFSET.
    """
    try:
        value = int(request.args.get(name, ""))
    except ValueError:
        return default
    return min(max(value, minimum), maximum)


def query_ids(name):
    """The ids given in the repeated query argument ``name``; what is not an id is left out."""
    ids = []
    for value in request.args.getlist(name):
        try:
            number = int(value)
        except ValueError:
            continue
        if 1 <= number <= MAX_ID:
            ids.append(number)
    return ids


class IdConverter(IntegerConverter):
    """``<int:…>`` in every route: a number past :data:`MAX_ID` matches no route (a 404), instead
    of reaching the database as an id no column can hold."""

    def __init__(self, map, fixed_digits=0, min=None, max=MAX_ID, signed=False):
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


def refuse_control_characters(endpoint, values):
    """``url_value_preprocessor``, registered first: a path or query string holding a control
    character is a 400 before any loader or view reads it (a NUL reaching PostgreSQL is a 500).

    It is a URL value preprocessor, not ``before_request``, because the region loader runs as one
    and before every ``before_request`` function.
    """
    if has_control_characters(request.path) or any(
        has_control_characters(key) or has_control_characters(value)
        for key, value in request.args.items(multi=True)
    ):
        abort(400, "control character in the address")


def init_app(app):
    app.url_map.converters["int"] = IdConverter  # before any route is added
    app.url_value_preprocessor(refuse_control_characters)
