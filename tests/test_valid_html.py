"""Every page is valid HTML as the Nu HTML Checker reads it (``vnu``, the checker behind
validator.w3.org/nu): every page type the app serves, signed out and as each kind of account, in
Swedish and in English, and what each page answers htmx (the fragment it swaps in, checked inside
a minimal page). Each whole page also says what it is in its head: one meta description, and a
canonical link only as an absolute address.

The pages are those of :mod:`page_world` (one of every object a page shows), read with the Flask
test client; the checker runs once over all of them (it is a Java program: starting it costs
seconds, checking a page milliseconds). Pages whose markup is the same but for the CSRF token are
checked once. The checker is npm's ``vnu-jar``, which ``make install`` puts beside the virtual
environment's packages; without it (or Java) the test skips, saying why, and fails in CI.
"""
import html
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import LOCALES, login, unavailable
from flask import url_for
from page_world import REGIONAL, REVISED, email_of, world_app
from sqlalchemy import select

from samverkan.accounts.models import Person, RoleGrant
from samverkan.extensions import db
from samverkan.initiatives.import_runs import ImportRun
from samverkan.initiatives.models import Initiative
from samverkan.regions.models import Region

VNU_JAR = Path(os.environ.get("SAMVERKAN_TEST_VNU_JAR",
                              Path(sys.prefix) / "node/node_modules/vnu-jar/build/dist/vnu.jar"))
#: who reads the pages: each kind of account (of Västmanland, whose objects are read) and a visitor
READERS = ("anonymous", "platform-admin", "region-admin", "project-lead", "member", "no-role")
#: routes that answer no HTML page (files, feeds, data) or none of the app's own
NOT_PAGES = {"static", "home.healthz", "home.robots_txt", "calendar.person_feed", "calendar.forum_feed",
             "calendar.meeting", "calendar.network_feed", "calendar.region_feed", "compare.table_csv",
             "initiative_transfer.export_csv", "initiative_transfer.export_xlsx", "needs.national_csv",
             "needs.national_json", "needs.region_csv", "needs.region_json", "indicators.download", "reports.pdf"}
#: what a route's arguments are, by name, in the world's Västmanland (``o``) and its extras (``x``)
ARGUMENTS = {
    "actor_id": lambda o, x: o.owner, "adoption_id": lambda o, x: o.adoption, "code": lambda o, x: o.node,
    "competence_activity_id": lambda o, x: o.activity, "entry_id": lambda o, x: o.entry,
    "forum_id": lambda o, x: o.forum, "grant_id": lambda o, x: x.grant, "indicator_key": lambda o, x: o.indicator,
    "initiative_id": lambda o, x: o.initiative, "item_id": lambda o, x: o.item,
    "meeting_id": lambda o, x: o.meeting, "member_id": lambda o, x: o.coordinator,
    "membership_id": lambda o, x: o.lead_membership, "model_id": lambda o, x: o.model,
    "network_id": lambda o, x: o.network, "period_id": lambda o, x: o.period, "person_id": lambda o, x: x.person,
    "plan_part_id": lambda o, x: o.part, "plan_year_id": lambda o, x: o.year,
    "practice_id": lambda o, x: o.initiative, "region_slug": lambda o, x: o.slug, "round_id": lambda o, x: o.round,
    "run_id": lambda o, x: x.run, "slug": lambda o, x: "validation", "token": lambda o, x: "not-a-token",
    "value_id": lambda o, x: o.value,
}
#: where a route needs arguments of its own: the page of an object other than the one its names say
OWN_ARGUMENTS = {
    "competence_plans.year": lambda o, x: {"actor_id": o.owner, "year": 2026},
    "competence_plans.start": lambda o, x: {"actor_id": o.plain},
    "reports.show": lambda o, x: {"region_slug": o.slug, "year": 2024},
    "plans.relink_list": lambda o, x: {"region_slug": REVISED},
    "plans.relink": lambda o, x: {"region_slug": REVISED, "initiative_id": x.to_relink},
}
#: how the checker's file names are made (a page's number), and read back
PAGE_FILE = "page-{:05}.html"
#: a fragment htmx swaps in, checked inside the smallest valid page of its language, in the element
#: it goes into where its first element needs one (a list item, a table row)
FRAGMENT_PAGE = '<!DOCTYPE html><html lang="{lang}"><head><title>fragment</title></head><body>{body}</body></html>'
PARENTS = {"li": "<ul>{}</ul>", "tr": "<table>{}</table>"}
FIRST_TAG = re.compile(r"\s*<([a-z0-9]+)")
#: answers that are no page (to the login form, say)
REDIRECTS = {301, 302, 303, 307, 308}
#: what every whole page says of itself in its head
DESCRIPTION = re.compile(r'<meta name="description" content="([^"]*)">')
CANONICAL = re.compile(r'<link rel="canonical" href="([^"]*)">')
CSRF = re.compile(r'(name="csrf_token" type="hidden" value|name="csrf-token" content)="[^"]*"')


def extras(o):
    """The objects the world leaves out that some routes name: a grant and person to revoke and
    deactivate, an import waiting for the worker, an initiative of the revised county to relink."""
    member = db.session.scalar(select(Person).filter_by(email=email_of(REGIONAL[o.slug]["member"])))
    run = ImportRun(region_id=o.region, person_id=member.id, filename="initiativ.csv", language="sv", data=b"")
    db.session.add(run)
    db.session.flush()
    to_relink = db.session.scalar(select(Initiative.id).join(Region, Region.id == Initiative.lead_region_id).where(Region.slug == REVISED))
    grant = db.session.scalar(select(RoleGrant.id).filter_by(person_id=member.id))
    return type("Extras", (), {"grant": grant, "person": member.id, "run": run.id, "to_relink": to_relink})


def page_urls(app, o, x):
    """endpoint -> the URL of its page in the world, for every route that answers a page."""
    urls = {}
    with app.test_request_context():
        for rule in app.url_map.iter_rules():
            if "GET" not in rule.methods or rule.endpoint in NOT_PAGES:
                continue
            own = OWN_ARGUMENTS.get(rule.endpoint)
            args = own(o, x) if own else {name: ARGUMENTS[name](o, x) for name in rule.arguments}
            urls[rule.endpoint] = url_for(rule.endpoint, **args)
    return urls


class Pages:
    """The pages to check, each written once to a folder for the checker: ``where`` names each
    file's page (who read which URL in which language, whole or as htmx's fragment)."""

    def __init__(self, folder):
        self.folder = folder
        self.where = {}
        self.seen = set()
        #: what a whole page lacks in its head: a description of its own, an absolute canonical link
        self.head_problems = []

    def add(self, text, where, lang):
        if text.lstrip().lower().startswith("<!doctype html>"):
            descriptions = DESCRIPTION.findall(text)
            if len(descriptions) != 1 or len(descriptions[0].strip()) < 20:
                self.head_problems.append(f"{where}: meta descriptions {descriptions}")
            self.head_problems += [f"{where}: canonical {href}" for href in CANONICAL.findall(text)
                                   if not href.startswith(("http://", "https://"))]
        else:
            first = FIRST_TAG.match(text)
            text = FRAGMENT_PAGE.format(lang=lang, body=PARENTS.get(first and first.group(1), "{}").format(text))
        key = CSRF.sub("", text)
        if key in self.seen:
            return
        self.seen.add(key)
        name = PAGE_FILE.format(len(self.where))
        (self.folder / name).write_text(text, encoding="utf-8")
        self.where[name] = where


def read_pages(app, urls, folder):
    """Reads every page as each reader in each language: the whole page, and what it answers htmx
    where that differs. Returns the :class:`Pages` and the endpoints that answered a page."""
    pages, answered = Pages(folder), set()
    for reader in READERS:
        for locale in LOCALES:
            client = app.test_client()
            if reader != "anonymous":
                assert login(client, email_of(reader)).status_code == 302, reader
            lang = locale[:2]
            with client.session_transaction() as session:
                session["lang"] = lang
            for endpoint, url in sorted(urls.items()):
                whole = client.get(url)
                if whole.mimetype != "text/html" or whole.status_code in REDIRECTS:
                    continue
                answered.add(endpoint)
                pages.add(whole.text, f"{url} as {reader} in {lang}", lang)
                fragment = client.get(url, headers={"HX-Request": "true"})
                if fragment.mimetype == "text/html" and fragment.text != whole.text:
                    pages.add(fragment.text, f"{url} as {reader} in {lang}, answering htmx", lang)
    return pages, answered


def checker():
    if not shutil.which("java"):
        unavailable("Java not installed (Debian package default-jre-headless; `.ci/run` installs it)")
    if not VNU_JAR.is_file():
        unavailable(f"the Nu HTML Checker is not at {VNU_JAR} (`make install` puts npm's vnu-jar there)")
    return ["java", "-jar", str(VNU_JAR)]


def check(command, folder):
    """The checker's errors on the pages in ``folder``: (file name, line, message) each."""
    done = subprocess.run([*command, "--errors-only", "--format", "json", "--skip-non-html", str(folder)],
                          capture_output=True, text=True, timeout=600)
    messages = json.loads(done.stderr)["messages"]
    return [(Path(m.get("url", "")).name, m.get("lastLine"), m["message"]) for m in messages]


@pytest.fixture(scope="module")
def world(sqlite_databases):
    with world_app(sqlite_databases) as (app, objects):
        with app.app_context():
            o = objects["vastmanland"]
            x = extras(o)
            db.session.commit()
        yield app, o, x


def test_every_page_is_valid_html_for_every_reader_in_both_languages(world, tmp_path):
    command = checker()
    app, o, x = world
    urls = page_urls(app, o, x)
    pages, answered = read_pages(app, urls, tmp_path)

    assert sorted(set(urls) - answered) == [], "these routes answered no page: add them to NOT_PAGES or mend them"
    assert pages.head_problems == []
    errors = [f"{pages.where[name]}, line {line}: {html.unescape(message)}" for name, line, message in check(command, tmp_path)]
    assert errors == []
