"""Static files under URLs that name their content (``samverkan.static_files``): a browser keeps
the current version for a year without asking again, and a changed file gets a new URL."""
import hashlib
import re
from pathlib import Path

import pytest
from conftest import make_app

SQLITE_ONLY = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
STATIC = Path(__file__).parents[1] / "platform" / "samverkan" / "static"


def content_version(filename):
    return hashlib.sha256((STATIC / filename).read_bytes()).hexdigest()[:12]


def static_urls(html):
    return re.findall(r'(?:href|src)="(/static/[^"]+)"', html)


@SQLITE_ONLY
def test_a_page_names_each_static_file_by_its_content(client):
    urls = static_urls(client.get("/regions/vastmanland/plan").text)
    assert len(urls) == 4  # the style sheet, the icon, htmx and the site's script
    for url in urls:
        filename, version = re.fullmatch(r"/static/(.+)\?v=(\w+)", url.replace("&amp;", "&")).groups()
        assert version == content_version(filename)


@SQLITE_ONLY
def test_the_current_version_is_kept_for_a_year_and_any_other_is_asked_for_again(client):
    current = f"/static/css/samverkan.css?v={content_version('css/samverkan.css')}"
    with client.get(current) as first:
        assert first.status_code == 200
        assert first.cache_control.public and first.cache_control.immutable
        assert first.cache_control.max_age == 365 * 24 * 3600
        assert not first.cache_control.no_cache
    with client.get(current, headers={"If-None-Match": first.headers["ETag"]}) as again:
        assert again.status_code == 304 and again.cache_control.immutable
    for url in ("/static/css/samverkan.css", "/static/css/samverkan.css?v=0123456789ab"):
        with client.get(url) as response:
            assert response.status_code == 200
            assert response.cache_control.no_cache and response.cache_control.max_age is None
            assert not response.cache_control.immutable


@SQLITE_ONLY
def test_a_missing_file_keeps_its_url_and_is_not_found(client, synced_app):
    with synced_app.test_request_context():
        from flask import url_for

        assert url_for("static", filename="css/nothing.css") == "/static/css/nothing.css"
    assert client.get("/static/css/nothing.css?v=0123456789ab").status_code == 404


@SQLITE_ONLY
def test_a_changed_file_gets_a_new_url_at_the_next_start_or_at_once_in_debug_mode(database_url, tmp_path):
    from flask import url_for

    app = make_app(database_url)
    app.static_folder = str(tmp_path)
    style = tmp_path / "site.css"
    style.write_text("body { color: black }")
    with app.test_request_context():
        before = url_for("static", filename="site.css")
        style.write_text("body { color: navy }")
        assert url_for("static", filename="site.css") == before  # a release starts a new process
        app.debug = True
        after = url_for("static", filename="site.css")
    assert before != after
    assert after == f"/static/site.css?v={hashlib.sha256(b'body { color: navy }').hexdigest()[:12]}"
