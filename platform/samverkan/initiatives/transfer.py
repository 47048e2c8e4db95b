"""Initiatives in files: the columns of the import and export format, in one table (read and
written as CSV and XLSX by :mod:`samverkan.sheets`).

The export is the import's format: every column the export writes, the import reads back, so an
export imported into an empty instance and exported again gives the same file.

**The format.** The first row names the columns (Swedish headers, as the export writes them; the
English ones in ``COLUMNS`` are accepted too, in any case, in any order; a column may be left out).
Cells that hold several values separate them with ``|`` (spaces around it are ignored; the export
writes `` | ``); links may also be given one per line. Dates are ``YYYY-MM-DD`` (or date cells
in XLSX), amounts whole kronor ("1 200 000", "1200000,00" and "1200000 kr" are read alike), yes/no
cells ``ja``/``nej`` (``yes``/``no``, ``1``/``0`` and ``x`` are read too). Statuses, target groups
and equality perspectives are written by their Swedish names and read by their Swedish or English
name or their key. Plan nodes are their codes in the lead region's plan (``M1``), or
``region-slug:CODE`` for a partner region's (``vasternorrland:F3.2``). Files as Excel writes them
in Sweden: see :mod:`samverkan.sheets`.
"""
import re
from datetime import date, datetime
from functools import cache
from types import SimpleNamespace

from email_validator import EmailNotValidError, validate_email
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from ..forms import is_web_address
from ..sheets import FORMATS, FileProblem, Invalid, Layout, Problem, as_text, checked, format_of, newlines, \
    org_number, shown, text, translated, yes_no
from ..sheets import choice as sheets_choice
from ..sheets import column as _column
from ..plans.models import without_replaced
from ..roles import NATIONAL_ANALYST
from .forms import MAX_AMOUNT_SEK
from .vocabulary import EQUALITY_PERSPECTIVES, FUNDING_SOURCES, STATUSES, TARGET_GROUPS

__all__ = ["FORMATS", "FileProblem", "Invalid", "Problem", "as_text", "format_of"]

#: what separates the values of a cell that holds several
SEPARATOR = "|"
#: what the export writes between them
JOINER = " | "


# ---------------------------------------------------------------------------------------------
# Reading cells
# ---------------------------------------------------------------------------------------------

def names(max_length):
    """Several names or codes separated by ``|``; an empty cell is none."""
    def parse(value):
        items = []
        for item in as_text(value).split(SEPARATOR):
            item = checked(item.strip(), max_length, False)
            if item and item not in items:
                items.append(item)
        return items
    return parse


def day(value):
    """A date as ``YYYY-MM-DD``, or a date cell; an empty cell is none."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text_ = as_text(value).strip()
    if not text_:
        return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text_):
        try:
            return date.fromisoformat(text_)
        except ValueError:
            pass
    raise Invalid(_l("“%(value)s” is not a date of the form YYYY-MM-DD (such as 2025-03-31).",
                     value=shown(value)))


#: the spaces Excel and people put between thousands
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")
_AMOUNT = re.compile(r"(\d+)(?:[,.](\d{1,2}))?")


def amount(value):
    """Whole kronor: "1 200 000", "1200000", "1200000,00", "1 200 000 kr" or a number cell."""
    if isinstance(value, bool):
        raise Invalid(_l("“%(value)s” is not an amount in kronor.", value=shown(value)))
    if isinstance(value, (int, float)):
        if value != int(value):
            raise Invalid(_l("Give whole kronor, without öre: “%(value)s”.", value=shown(value)))
        kronor = int(value)
    else:
        text_ = _SPACES.sub("", as_text(value)).casefold().removesuffix("kr").removesuffix("sek")
        if not text_:
            return None
        match = _AMOUNT.fullmatch(text_)
        if not match:
            raise Invalid(_l("“%(value)s” is not an amount in kronor (such as 1 200 000).", value=shown(value)))
        if match.group(2) and int(match.group(2)):
            raise Invalid(_l("Give whole kronor, without öre: “%(value)s”.", value=shown(value)))
        kronor = int(match.group(1))
    if not 0 <= kronor <= MAX_AMOUNT_SEK:
        raise Invalid(_l("The amount must be between 0 and %(max)s kronor.", max=f"{MAX_AMOUNT_SEK:,}".replace(",", " ")))
    return kronor


def email(value):
    address = checked(as_text(value).strip(), 254, False)
    if not address:
        return None
    try:
        validate_email(address, check_deliverability=False)
    except EmailNotValidError:
        raise Invalid(_l("“%(value)s” is not an e-mail address.", value=shown(address))) from None
    return address


def links(value):
    """Web addresses, one per line or separated by ``|``: stored one per line."""
    addresses = []
    for line in newlines(as_text(value)).split("\n"):
        for part in line.split(SEPARATOR) if " " + SEPARATOR in line or SEPARATOR + " " in line else [line]:
            part = part.strip()
            if not part:
                continue
            checked(part, 5000, False)
            if not is_web_address(part):
                raise Invalid(_l("“%(value)s” is not a web address that starts with https:// or http://.",
                                 value=shown(part)))
            addresses.append(part)
    return checked("\n".join(addresses), 5000, True)


@cache
def labels(vocabulary_name):
    """key -> (Swedish label, English label) of one of the vocabularies."""
    return translated(VOCABULARIES[vocabulary_name])


VOCABULARIES = {"statuses": STATUSES, "target_groups": TARGET_GROUPS, "perspectives": EQUALITY_PERSPECTIVES}
#: Swedish names that earlier exports wrote and an import still reads: a cancelled initiative was
#: "Inställt" (a meeting's word) before it was "Avbrutet"
FORMER_NAMES = {"statuses": {"cancelled": ("Inställt",)}}


def choice(vocabulary_name, unknown):
    """One key of a vocabulary, by key or Swedish or English name; an empty cell is none.
    ``unknown(value, choices)`` is the message for a word that is none of them."""
    return sheets_choice(lambda: labels(vocabulary_name), unknown, FORMER_NAMES.get(vocabulary_name))


def choices(vocabulary_name, unknown):
    """Several keys of a vocabulary, separated by ``|``."""
    one = choice(vocabulary_name, unknown)

    def parse(value):
        keys = []
        for item in as_text(value).split(SEPARATOR):
            key = one(item)
            if key and key not in keys:
                keys.append(key)
        return [key for key in VOCABULARIES[vocabulary_name] if key in keys]
    return parse


# ---------------------------------------------------------------------------------------------
# Writing cells
# ---------------------------------------------------------------------------------------------

def swedish(vocabulary_name, key):
    return labels(vocabulary_name)[key][0] if key in labels(vocabulary_name) else key


def _joined(items):
    return JOINER.join(items)


def node_reference(node, lead_region_id):
    """A plan node as the file names it: its code, with its region's slug when it is not the lead's."""
    region = node.plan.region
    return node.code if region.id == lead_region_id else f"{region.slug}:{node.code}"


def _multiline(value):
    return newlines(value or "")


def _funding(source):
    def get(initiative):
        return next((row.amount_sek for row in initiative.funding if row.source == source), None)
    return get


# ---------------------------------------------------------------------------------------------
# The columns: one table for the import and the export
# ---------------------------------------------------------------------------------------------

COLUMNS = (
    _column("title", "Titel", ["Title"], text(300), lambda i: i.title,
            _l("The initiative's title. Required."), required=True),
    _column("summary", "Sammanfattning", ["Summary"], text(2000, multiline=True), lambda i: _multiline(i.summary),
            _l("Two or three sentences.")),
    _column("description", "Beskrivning", ["Description"], text(20000, multiline=True),
            lambda i: _multiline(i.description), _l("Markdown.")),
    _column("owner", "Ägare", ["Owner"], text(200), lambda i: i.owner.name,
            _l("The name of the actor that runs the initiative. Required. An actor that is not found is "
               "created in the lead region."), required=True),
    _column("owner_org_number", "Ägarens organisationsnummer", ["Owner's organisation number",
                                                                 "Owner organisation number", "Organisationsnummer"],
            org_number, lambda i: i.owner.org_number,
            _l("Optional. Finds the owner by its organisation number first, and is given to an owner created by "
               "the import.")),
    _column("partners", "Partneraktörer", ["Partners", "Partner", "Partner actors"], names(200),
            lambda i: _joined(actor.name for actor in i.partners),
            _l("Names of actors, separated by |. An actor that is not found is created in the lead region.")),
    _column("lead_region", "Ledande region", ["Lead region", "Region"], text(100),
            lambda i: i.lead_region.slug,
            _l("The region's short name (such as vastmanland) or its name. Required, unless the file is "
               "imported for one region.")),
    _column("partner_regions", "Partnerregioner", ["Partner regions"], names(100),
            lambda i: _joined(region.slug for region in i.partner_regions),
            _l("Regions, separated by |.")),
    _column("nodes", "Plankoder", ["Planer", "Plan nodes", "Plan node codes", "Kopplade delar av planerna"],
            names(140), lambda i: _joined(node_reference(node, i.lead_region_id) for node in without_replaced(i.nodes)),
            _l("Codes of plan nodes, separated by |: a code of the lead region's plan (such as M1), or "
               "region:code for a partner region's (such as vasternorrland:F3.2).")),
    _column("themes", "Teman", ["Themes"], names(200), lambda i: _joined(theme.slug for theme in i.themes),
            _l("Themes besides those of the plan nodes, by short name (such as validation) or name, "
               "separated by |.")),
    _column("networks", "Nätverk", ["Networks"], names(200), lambda i: _joined(network.name for network in i.networks),
            _l("Names of networks of the initiative's regions, separated by |. A network that is not found is "
               "created in the lead region.")),
    _column("status", "Status", ["State"], choice("statuses", lambda value, known: _l(
                "Unknown status “%(value)s”. Use one of: %(choices)s.", value=value, choices=known)),
            lambda i: swedish("statuses", i.status),
            _l("Idea, planned, running, finished or cancelled (in Swedish or English). Empty: idea for a new "
               "initiative, unchanged for one that exists.")),
    _column("starts_on", "Start", ["Starts", "Start date", "Startdatum"], day, lambda i: i.starts_on,
            _l("A date, YYYY-MM-DD.")),
    _column("ends_on", "Slut", ["End", "Ends", "End date", "Slutdatum"], day, lambda i: i.ends_on,
            _l("A date, YYYY-MM-DD, not before the start.")),
    _column("target_groups", "Målgrupper", ["Target groups"], choices("target_groups", lambda value, known: _l(
                "Unknown target group “%(value)s”. Use one of: %(choices)s.", value=value, choices=known)),
            lambda i: _joined(swedish("target_groups", key) for key in TARGET_GROUPS if key in i.target_groups),
            _l("Target groups, separated by |.")),
    _column("perspectives", "Jämlikhetsperspektiv", ["Equality perspectives"],
            choices("perspectives", lambda value, known: _l(
                "Unknown equality perspective “%(value)s”. Use one of: %(choices)s.", value=value, choices=known)),
            lambda i: _joined(swedish("perspectives", key) for key in EQUALITY_PERSPECTIVES if key in i.perspectives),
            _l("Gender, age, origin (the 4-P method), separated by |.")),
    _column("budget_sek", "Budget", ["Budget (SEK)", "Budget (kr)"], amount, lambda i: i.budget_sek,
            _l("Kronor.")),
    *(_column(f"funding_{source}", header, aliases, amount, _funding(source),
              _l("Kronor from this source."))
      for source, header, aliases in (
          ("esf", "ESF+", ["ESF"]),
          ("eruf", "ERUF", ["ERDF", "ERDF (ERUF)"]),
          ("regional", "Regionala medel", ["Regional funds"]),
          ("national", "Nationella medel", ["National funds"]),
          ("own", "Egna medel", ["Own funds"]),
          ("other", "Annan finansiering", ["Other funding"]),
      )),
    _column("external_ref", "Extern referens", ["External reference"], text(100), lambda i: i.external_ref,
            _l("For example the project's number at the funder. An initiative of the lead region with the same "
               "reference is updated.")),
    _column("contact_name", "Kontaktperson", ["Contact person", "Contact"], text(200), lambda i: i.contact_name,
            _l("A name.")),
    _column("contact_email", "E-post", ["Contact e-mail", "E-mail", "Email"], email, lambda i: i.contact_email,
            _l("The contact person's e-mail address.")),
    _column("contact_phone", "Telefon", ["Contact telephone", "Telephone", "Phone"], text(40),
            lambda i: i.contact_phone, _l("The contact person's telephone number.")),
    _column("links", "Länkar", ["Links"], links, lambda i: _multiline(i.links),
            _l("Web addresses (https://…), one per line or separated by |.")),
    _column("results", "Resultat", ["Results"], text(20000, multiline=True), lambda i: _multiline(i.results),
            _l("What the initiative has achieved.")),
    _column("is_practice", "Gott exempel", ["Practice", "Good example"], yes_no,
            lambda i: "ja" if i.is_practice else "nej",
            _l("ja or nej: shown in the practice library (needs lessons learned).")),
    _column("lessons_learned", "Lärdomar", ["Lessons learned"], text(20000, multiline=True),
            lambda i: _multiline(i.lessons_learned), _l("What others should know before they do the same.")),
    _column("draft", "Utkast", ["Draft"], yes_no, lambda i: "ja" if i.draft else "nej",
            _l("ja or nej: a draft is seen only by those who may edit it.")),
)
LAYOUT = Layout(COLUMNS, "Initiativ")
#: the columns that hold a person's e-mail address, and the export without them: what the list's
#: export gives those who may not read such addresses (``policy.sees_personal_addresses``); the
#: command line's export, an operator's, keeps them
PERSONAL_COLUMNS = ("contact_email",)
PUBLIC_LAYOUT = LAYOUT.without(*PERSONAL_COLUMNS)
COLUMN_BY_KEY = LAYOUT.by_key
FUNDING_COLUMNS = {f"funding_{source}": source for source in FUNDING_SOURCES}
assert set(FUNDING_COLUMNS) <= set(COLUMN_BY_KEY)
read_sheet = LAYOUT.read
write_file = LAYOUT.write_file


# ---------------------------------------------------------------------------------------------
# What an export holds
# ---------------------------------------------------------------------------------------------

class _Operator:
    """Whom the command line reads as: a national analyst, who sees every initiative, drafts too
    (whoever runs the command has the database anyway)."""

    is_authenticated = True
    id = None
    grants = (SimpleNamespace(role=NATIONAL_ANALYST, region_id=None),)


OPERATOR = _Operator()
#: how many initiatives an export loads at a time
EXPORT_BATCH = 500


def for_export(query):
    """The initiatives of ``query`` (a select of :class:`Initiative`, such as
    :func:`.queries.filtered`'s) by title, loaded a batch at a time with what the columns show,
    each batch in a transaction of its own (call it with nothing to commit).

    By title and then id, not by the list's newest change first: an import creates the rows in the
    file's order, so a second export lists them in the same order as the first.
    """
    from ..extensions import db
    from ..plans.models import Plan, PlanNode
    from .models import Initiative

    ids = db.session.scalars(query.with_only_columns(Initiative.id).order_by(None)
                             .order_by(Initiative.title, Initiative.id)).all()
    for start in range(0, len(ids), EXPORT_BATCH):
        batch = ids[start:start + EXPORT_BATCH]
        loaded = db.session.scalars(select(Initiative).where(Initiative.id.in_(batch)).options(
            joinedload(Initiative.owner), joinedload(Initiative.lead_region),
            selectinload(Initiative.partners), selectinload(Initiative.partner_regions),
            selectinload(Initiative.nodes).joinedload(PlanNode.plan).joinedload(Plan.region),
            selectinload(Initiative.themes), selectinload(Initiative.networks),
            selectinload(Initiative.target_group_rows), selectinload(Initiative.perspective_rows),
            selectinload(Initiative.funding))).unique().all()
        by_id = {initiative.id: initiative for initiative in loaded}
        # loaded with all the columns show: detached, the transaction ends, and a streamed export
        # holds no connection while the client reads the batch (an initiative deleted meanwhile
        # is left out of the next batch)
        db.session.expunge_all()
        db.session.commit()
        for initiative_id in batch:
            if initiative_id in by_id:
                yield by_id[initiative_id]
