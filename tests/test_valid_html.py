"""Every page is valid HTML as the Nu HTML Checker reads it (``vnu``, the checker behind
validator.w3.org/nu): every page type the app serves, signed out and as each kind of account, in
Swedish and in English, and what each page answers htmx (the fragment it swaps in, checked inside
a minimal page). Each whole page also says what it is in its head: one meta description, and a
canonical link only as an absolute address.

The pages are those of :func:`page_world.read_every_page` (one of every object a page shows, read
with the Flask test client); the checker runs once over all of them (it is a Java program: starting it costs
seconds, checking a page milliseconds). Pages whose markup is the same but for the CSRF token are
checked once. The checker is npm's ``vnu-jar``, which ``make test`` puts beside the virtual
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

from conftest import unavailable

VNU_JAR = Path(os.environ.get("SAMVERKAN_TEST_VNU_JAR",
                              Path(sys.prefix) / "node/node_modules/vnu-jar/build/dist/vnu.jar"))
#: how the checker's file names are made (a page's number), and read back
PAGE_FILE = "page-{:05}.html"
#: a fragment htmx swaps in, checked inside the smallest valid page of its language, in the element
#: it goes into where its first element needs one (a list item, a table row)
FRAGMENT_PAGE = '<!DOCTYPE html><html lang="{lang}"><head><title>fragment</title></head><body>{body}</body></html>'
PARENTS = {"li": "<ul>{}</ul>", "tr": "<table>{}</table>"}
FIRST_TAG = re.compile(r"\s*<([a-z0-9]+)")
#: what every whole page says of itself in its head
DESCRIPTION = re.compile(r'<meta name="description" content="([^"]*)">')
CANONICAL = re.compile(r'<link rel="canonical" href="([^"]*)">')
CSRF = re.compile(r'(name="csrf_token" type="hidden" value|name="csrf-token" content)="[^"]*"')


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


def write_pages(pages, folder):
    """:class:`Pages` of the read pages, each written once to ``folder``."""
    written = Pages(folder)
    for page in pages:
        written.add(page.text, str(page), page.lang)
    return written


def checker():
    if not shutil.which("java"):
        unavailable("Java not installed (Debian package default-jre-headless; `.ci/run` installs it)")
    if not VNU_JAR.is_file():
        unavailable(f"the Nu HTML Checker is not at {VNU_JAR} (`make test` puts npm's vnu-jar there)")
    return ["java", "-jar", str(VNU_JAR)]


def check(command, folder):
    """The checker's errors on the pages in ``folder``: (file name, line, message) each."""
    done = subprocess.run([*command, "--errors-only", "--format", "json", "--skip-non-html", str(folder)],
                          capture_output=True, text=True, timeout=600)
    messages = json.loads(done.stderr)["messages"]
    return [(Path(m.get("url", "")).name, m.get("lastLine"), m["message"]) for m in messages]


def test_every_page_is_valid_html_for_every_reader_in_both_languages(every_page, tmp_path):
    command = checker()
    pages = write_pages(every_page.pages, tmp_path)

    assert sorted(set(every_page.urls) - {page.endpoint for page in every_page.pages}) == [], \
        "these routes answered no page: add them to NOT_PAGES or mend them"
    assert pages.head_problems == []
    errors = [f"{pages.where[name]}, line {line}: {html.unescape(message)}" for name, line, message in check(command, tmp_path)]
    assert errors == []
