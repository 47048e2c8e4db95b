"""Static files under URLs that name their content: ``url_for("static", …)`` adds ``?v=`` and a
hash of the file, and a request for the current version is answered as cacheable for a year and
immutable. Browsers then load a page without asking again for its style sheet and scripts (four
requests a page view, each a round trip), and fetch a file anew as soon as a release changes it.
A request without the version, or with an old one, is served as Flask serves it: revalidated."""
import hashlib
from pathlib import Path

from flask import current_app, request

ONE_YEAR = 365 * 24 * 3600


def init_app(app):
    app.extensions["samverkan.static_versions"] = {}
    app.url_defaults(add_version)
    app.after_request(cache_current_version)


def version_of(filename):
    """The first 12 hex digits of the SHA-256 of the static file, or None if there is none. Kept
    for the process's life, since a release replaces the process; read anew in debug mode, where
    a developer edits the files under a running server."""
    versions = current_app.extensions["samverkan.static_versions"]
    if filename in versions and not current_app.debug:
        return versions[filename]
    path = Path(current_app.static_folder, filename)
    try:
        version = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
    except OSError:  # (no such file, or a folder): the URL stays as asked, and answers 404
        version = None
    versions[filename] = version
    return version


def add_version(endpoint, values):
    if endpoint == "static" and "v" not in values:
        version = version_of(values.get("filename", ""))
        if version:
            values["v"] = version


def cache_current_version(response):
    if (request.endpoint == "static" and response.status_code in (200, 304)
            and request.args.get("v") == version_of(request.view_args["filename"])):
        cache = response.cache_control
        cache.no_cache = None
        cache.public = True
        cache.max_age = ONE_YEAR
        cache.immutable = True
    return response
