"""Importing initiatives from a file (:mod:`.transfer` reads it): every row is checked first, and
only a file without a single problem is written, in the caller's one transaction. The caller
commits (or, for a dry run or a rejected file, writes nothing).

What a row does:

- **Which initiative.** A row with an external reference updates the initiative of its lead region
  with that reference, and creates one if there is none. A row without one updates the initiative
  of its lead region with the same title and owner, else creates one. So importing the same file
  twice changes nothing the second time. Two rows of a file that would be the same initiative are
  an error, and so is a row that matches several.
- **What it changes.** Only the columns the file has: a column left out of the file leaves that
  value of an existing initiative alone, an empty cell in a column of the file empties it (an
  empty status leaves the status alone; a new initiative starts as an idea).
- **Actors and networks** are found by name (:func:`~samverkan.actors.models.comparable_name`:
  case, punctuation and spacing ignored) in the lead region, then in the partner regions; an owner
  also by its organisation number, anywhere. One that is not found is created in the lead region
  (an actor of the kind "other", a network of the kind "other"), once however many rows name it.
- **Regions.** With ``region`` (the upload page's region, or the command's ``--region``), every
  row must be led by that region (an empty cell means it).
"""
from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import contains_eager, selectinload

from ..actors import services as actor_services
from ..actors.models import Actor, comparable_name
from ..audit import record
from ..events import InitiativesImported, emit
from ..extensions import db
from ..networks import services as network_services
from ..networks.models import Network
from ..plans.models import Plan, PlanNode
from ..regions.models import Region
from ..themes.models import Theme
from . import services
from .models import Initiative
from ..sheets import FAILED
from .transfer import COLUMN_BY_KEY, FUNDING_COLUMNS, FileProblem, Problem, read_sheet

#: how many values one ``IN (…)`` of a look-up holds
CHUNK = 500
#: how many rows are written to the database at a time
FLUSH_EVERY = 200
#: the kind of an actor or a network the import creates
CREATED_KIND = "other"
#: the columns whose empty cell is stored as no value (NULL) rather than as empty text
NULLABLE = ("external_ref", "contact_name", "contact_email", "contact_phone", "starts_on", "ends_on", "budget_sek")
#: the plain columns that go to the initiative as they are parsed
PLAIN = ("title", "summary", "description", "external_ref", "contact_name", "contact_email", "contact_phone",
         "links", "results", "lessons_learned", "is_practice", "draft", "starts_on", "ends_on", "budget_sek",
         "target_groups", "perspectives")


@dataclass(eq=False)
class NewActor:
    """An actor the import creates (in :func:`apply`), named by one or more rows."""

    name: str
    org_number: str | None
    region: Region
    actor: Actor | None = None


@dataclass(eq=False)
class NewNetwork:
    name: str
    region: Region
    network: Network | None = None


@dataclass
class Row:
    """A checked row: what it sets, and the initiative it updates (None: a new one)."""

    line: int
    values: dict
    initiative: Initiative | None


@dataclass
class Outcome:
    """What an import did, or would do (``dry_run``), or why it did nothing (``problems``)."""

    problems: list = field(default_factory=list)
    rows: list = field(default_factory=list)
    new_actors: list = field(default_factory=list)
    new_networks: list = field(default_factory=list)
    dry_run: bool = False
    #: (line, initiative id, title, created) of each row, once written
    done: list = field(default_factory=list)
    #: the headers of the file's columns that the format does not know (which it may ignore)
    unknown: tuple = ()

    @property
    def ok(self):
        return not self.problems

    @property
    def created(self):
        return sum(1 for row in self.rows if row.initiative is None)

    @property
    def updated(self):
        return len(self.rows) - self.created


def _chunks(values):
    values = list(values)
    for start in range(0, len(values), CHUNK):
        yield values[start:start + CHUNK]


def _folded(text):
    return " ".join(text.casefold().split())


def no_progress(iterable, label):
    """The default of ``progress``: the command line passes one that draws a bar."""
    return iterable


class Checker:
    """Checks a file's rows against the database, reading it in a few queries for the whole file."""

    def __init__(self, sheet, region=None):
        self.sheet = sheet
        self.region = region
        self.problems = list(sheet.problems)
        self.regions = db.session.scalars(select(Region).options(selectinload(Region.plans)).order_by(Region.id)).all()
        self.region_names = {}
        for region_ in self.regions:
            for name in (region_.slug, region_.name, region_.name_en, region_.code):
                if name:
                    self.region_names.setdefault(_folded(name), region_)
        self.theme_names = {}
        for theme in db.session.scalars(select(Theme).order_by(Theme.position)):
            for name in (theme.slug, theme.name, theme.name_en):
                if name:
                    self.theme_names.setdefault(_folded(name), theme)
        self.new_actors, self.new_networks = [], []
        self._new_actor_by_name, self._new_actor_by_number, self._new_network_by_name = {}, {}, {}
        self._seen = {}

    # -- reporting --------------------------------------------------------------------------

    def problem(self, line, key, message):
        self.problems.append(Problem(line, self.sheet.header_of(key) if key else None, message))

    # -- the whole file ---------------------------------------------------------------------

    def check(self, progress=no_progress):
        parsed = [(line, self.sheet.parsed(line, cells, self.problem)) for line, cells in self.sheet.rows]
        for line, cells in parsed:
            cells["lead_region"] = self._lead_region(line, cells)
            cells["partner_regions"] = self._regions(line, cells, "partner_regions")
        self._preload(parsed)
        rows = []
        for line, cells in progress(parsed, "Checking"):
            row = self._row(line, cells)
            if row is not None:
                rows.append(row)
        return rows

    def _preload(self, parsed):
        """Read at once what the rows refer to: plan nodes, actors, networks, existing initiatives."""
        names, numbers, refs, titles, region_ids = set(), set(), set(), set(), set()
        for _line, cells in parsed:
            if isinstance(cells.get("owner"), str) and cells["owner"]:
                names.add(comparable_name(cells["owner"]))
            if isinstance(cells.get("owner_org_number"), str):
                numbers.add(cells["owner_org_number"])
            if isinstance(cells.get("partners"), list):
                names.update(comparable_name(name) for name in cells["partners"])
            if isinstance(cells.get("external_ref"), str) and cells["external_ref"]:
                refs.add(cells["external_ref"])
            elif isinstance(cells.get("title"), str) and cells["title"]:
                titles.add(cells["title"])
            if isinstance(cells["lead_region"], Region):
                region_ids.add(cells["lead_region"].id)
            region_ids.update(region.id for region in cells["partner_regions"] or ())
        self.actors_by_name, self.actors_by_number = {}, {}
        for chunk in _chunks(names):
            for actor in db.session.scalars(select(Actor).where(Actor.comparable_name.in_(chunk))
                                            .options(selectinload(Actor.regions)).order_by(Actor.id)):
                self.actors_by_name.setdefault(actor.comparable_name, []).append(actor)
        for chunk in _chunks(numbers):
            for actor in db.session.scalars(select(Actor).where(Actor.org_number.in_(chunk))):
                self.actors_by_number[actor.org_number] = actor
        self.networks = db.session.scalars(
            select(Network).where(Network.regions.any(Region.id.in_(region_ids)))
            .options(selectinload(Network.regions)).order_by(Network.id)).all() if region_ids else []
        self.nodes = {}
        for node in db.session.scalars(select(PlanNode).join(Plan).options(contains_eager(PlanNode.plan))
                                       .order_by(Plan.version.desc(), PlanNode.id)):
            self.nodes.setdefault((node.plan.region_id, node.code.casefold()), []).append(node)
        self.current_plans = {plan.id for region in self.regions for plan in region.current_plans}
        loaded = (selectinload(Initiative.partners), selectinload(Initiative.partner_regions),
                  selectinload(Initiative.nodes), selectinload(Initiative.themes), selectinload(Initiative.networks),
                  selectinload(Initiative.target_group_rows), selectinload(Initiative.perspective_rows),
                  selectinload(Initiative.funding))
        self.by_ref, self.by_title = {}, {}
        for chunk in _chunks(refs):
            for initiative in db.session.scalars(select(Initiative).where(Initiative.external_ref.in_(chunk))
                                                 .options(*loaded).order_by(Initiative.id)):
                self.by_ref.setdefault((initiative.lead_region_id, initiative.external_ref), []).append(initiative)
        for chunk in _chunks(titles):
            for initiative in db.session.scalars(select(Initiative).where(Initiative.title.in_(chunk))
                                                 .options(*loaded).order_by(Initiative.id)):
                key = (initiative.lead_region_id, initiative.title, initiative.owner_id)
                self.by_title.setdefault(key, []).append(initiative)

    # -- one row ----------------------------------------------------------------------------

    def _row(self, line, cells):
        before = len(self.problems)
        lead = cells["lead_region"]
        for key, message in (("title", _l("A title is required.")), ("owner", _l("An owner is required."))):
            if cells.get(key) == "":
                self.problem(line, key, message)
        regions = [lead, *(cells["partner_regions"] or ())] if isinstance(lead, Region) else []
        values = {name: cells[name] for name in PLAIN if name in cells}
        for name in NULLABLE:
            if values.get(name) == "":
                values[name] = None
        if isinstance(lead, Region):
            values["lead_region_id"] = lead.id
            if cells["partner_regions"] is not None:
                values["partner_regions"] = [region for region in cells["partner_regions"] if region is not lead]
            values["owner"] = self._owner(line, cells, lead, regions)
            if isinstance(cells.get("partners"), list):
                values["partners"] = [self._actor(name, None, lead, regions) for name in cells["partners"]]
            if isinstance(cells.get("nodes"), list):
                values["nodes"] = self._nodes(line, cells["nodes"], lead, regions)
            if isinstance(cells.get("networks"), list):
                values["networks"] = [self._network(name, lead, regions) for name in cells["networks"]]
        if isinstance(cells.get("themes"), list):
            values["themes"] = self._themes(line, cells["themes"])
        if cells.get("status"):
            values["status"] = cells["status"]
        initiative = None
        if isinstance(lead, Region) and isinstance(cells.get("title"), str) and cells["title"]:
            initiative = self._existing(line, cells, lead, values.get("owner"))
        self._dates(line, cells, initiative)
        self._practice(line, cells, initiative)
        funding = {FUNDING_COLUMNS[key]: cells[key] for key in FUNDING_COLUMNS if key in cells}
        if funding:
            saved = {row.source: row.amount_sek for row in initiative.funding} if initiative is not None else {}
            values["funding"] = {**saved, **funding}
        if any(value is FAILED for value in values.values()) or len(self.problems) > before:
            return None
        return Row(line, values, initiative)

    def _region(self, name):
        return self.region_names.get(_folded(name))

    def _lead_region(self, line, cells):
        name = cells.get("lead_region")
        if name is FAILED:
            return None
        if not name:
            if self.region is None:
                self.problem(line, "lead_region", _l("The lead region is required (its short name, such as "
                                                     "vastmanland)."))
            return self.region
        region = self._region(name)
        if region is None:
            self.problem(line, "lead_region", _l("Unknown region “%(name)s”.", name=name))
        elif self.region is not None and region is not self.region:
            self.problem(line, "lead_region", _l("Only initiatives led by %(region)s can be imported here, not by "
                                                 "%(other)s.", region=self.region.name, other=region.name))
            return None
        return region

    def _regions(self, line, cells, key):
        names = cells.get(key)
        if not isinstance(names, list):
            return None
        found = []
        for name in names:
            region = self._region(name)
            if region is None:
                self.problem(line, key, _l("Unknown region “%(name)s”.", name=name))
            elif region not in found:
                found.append(region)
        return found

    def _in_regions(self, candidates, regions):
        """The first of ``candidates`` in the first of ``regions`` that has one."""
        for region in regions:
            for candidate in candidates:
                if region in candidate.regions:
                    return candidate
        return None

    def _actor(self, name, number, lead, regions):
        """An existing actor, or the :class:`NewActor` the import creates in the lead region."""
        key = comparable_name(name)
        if number and number in self.actors_by_number:
            return self.actors_by_number[number]
        if number and number in self._new_actor_by_number:
            return self._new_actor_by_number[number]
        actor = self._in_regions(self.actors_by_name.get(key, ()), regions)
        if actor is not None:
            return actor
        new = self._new_actor_by_name.get((lead.id, key))
        if new is None:
            new = NewActor(name, None, lead)
            self._new_actor_by_name[(lead.id, key)] = new
            self.new_actors.append(new)
        if number and new.org_number is None:
            new.org_number = number
            self._new_actor_by_number[number] = new
        return new

    def _owner(self, line, cells, lead, regions):
        name, number = cells.get("owner"), cells.get("owner_org_number")
        if not isinstance(name, str) or not name or number is FAILED:
            return FAILED
        owner = self._actor(name, number, lead, regions)
        if number and owner.org_number not in (None, number):
            self.problem(line, "owner_org_number", _l(
                "%(name)s in the region has the organisation number %(theirs)s, not %(number)s.",
                name=owner.name, theirs=owner.org_number, number=number))
        return owner

    def _network(self, name, lead, regions):
        key = comparable_name(name)
        network = self._in_regions([n for n in self.networks if comparable_name(n.name) == key], regions)
        if network is not None:
            return network
        new = self._new_network_by_name.get((lead.id, key))
        if new is None:
            new = self._new_network_by_name[(lead.id, key)] = NewNetwork(name, lead)
            self.new_networks.append(new)
        return new

    def _nodes(self, line, references, lead, regions):
        nodes = []
        for reference in references:
            region, code = lead, reference
            if ":" in reference:
                prefix, code = (part.strip() for part in reference.split(":", 1))
                region = self._region(prefix)
                if region is None:
                    self.problem(line, "nodes", _l("Unknown region “%(name)s” in the plan node “%(reference)s”.",
                                                   name=prefix, reference=reference))
                    continue
            if region not in regions:
                self.problem(line, "nodes", _l("The plan node “%(reference)s” is in the plan of %(region)s, which is "
                                               "neither the lead region nor a partner region.",
                                               reference=reference, region=region.name))
                continue
            node = self._node(line, region, code, reference)
            if node is not None and node not in nodes:
                nodes.append(node)
        return nodes

    def _node(self, line, region, code, reference):
        """The node ``code`` of the region's current plans; else of an older version of its plans."""
        candidates = self.nodes.get((region.id, code.casefold()), [])
        current = [node for node in candidates if node.plan_id in self.current_plans and not node.retired]
        if len(current) > 1:
            self.problem(line, "nodes", _l("The code “%(reference)s” is in more than one plan of %(region)s.",
                                           reference=reference, region=region.name))
            return None
        if current or candidates:
            return (current or candidates)[0]
        self.problem(line, "nodes", _l("No plan node “%(code)s” in the plans of %(region)s.", code=code,
                                       region=region.name))
        return None

    def _themes(self, line, names):
        themes = []
        for name in names:
            theme = self.theme_names.get(_folded(name))
            if theme is None:
                self.problem(line, "themes", _l("Unknown theme “%(name)s”.", name=name))
            elif theme not in themes:
                themes.append(theme)
        return themes

    def _existing(self, line, cells, lead, owner):
        """The initiative the row updates (None: a new one); a second row for it is a duplicate."""
        ref = cells.get("external_ref")
        if ref is FAILED or owner is FAILED:
            return None
        if ref:
            seen_key, key = ("ref", lead.id, ref), "external_ref"
            found = self.by_ref.get((lead.id, ref), [])
        else:
            identity = owner.id if isinstance(owner, Actor) else id(owner)
            seen_key, key = ("title", lead.id, cells["title"], identity), "title"
            found = self.by_title.get((lead.id, cells["title"], owner.id), []) if isinstance(owner, Actor) else []
        if seen_key in self._seen:
            earlier = self._seen[seen_key]
            self.problem(line, key, _l("The same initiative as on line %(line)d (the same external reference).",
                                       line=earlier) if ref else
                         _l("The same initiative as on line %(line)d (the same title and owner).", line=earlier))
            return None
        self._seen[seen_key] = line
        if len(found) > 1:
            self.problem(line, key, _l("%(count)d initiatives of the region match this row; give each an external "
                                       "reference.", count=len(found)))
            return None
        initiative = found[0] if found else None
        if initiative is not None:
            earlier = self._seen.get(("initiative", initiative.id))
            if earlier is not None:
                self.problem(line, key, _l("The same initiative as on line %(line)d.", line=earlier))
                return None
            self._seen[("initiative", initiative.id)] = line
        return initiative

    def _dates(self, line, cells, initiative):
        starts = cells["starts_on"] if "starts_on" in cells else getattr(initiative, "starts_on", None)
        ends = cells["ends_on"] if "ends_on" in cells else getattr(initiative, "ends_on", None)
        if starts and ends and starts is not FAILED and ends is not FAILED and ends < starts:
            self.problem(line, "ends_on" if "ends_on" in cells else "starts_on",
                         _l("The end (%(end)s) is before the start (%(start)s).", end=ends.isoformat(),
                            start=starts.isoformat()))

    def _practice(self, line, cells, initiative):
        practice = cells["is_practice"] if "is_practice" in cells else getattr(initiative, "is_practice", False)
        lessons = cells["lessons_learned"] if "lessons_learned" in cells else \
            getattr(initiative, "lessons_learned", "")
        if practice is True and isinstance(lessons, str) and not lessons.strip():
            self.problem(line, "is_practice" if "is_practice" in cells else "lessons_learned",
                         _l("A practice needs its lessons learned (the column %(column)s).",
                            column=COLUMN_BY_KEY["lessons_learned"].header))


def check(filename, data, region=None, progress=no_progress, ignore=()):
    """Read and check a file (without the columns ``ignore`` names): an :class:`Outcome` with its
    problems, or with the rows to write."""
    try:
        sheet = read_sheet(filename, data, ignore)
    except FileProblem as problem:
        return Outcome(problems=problem.problems, unknown=problem.unknown)
    if region is None and "lead_region" not in sheet.keys:
        return Outcome(problems=[*sheet.problems, Problem(1, COLUMN_BY_KEY["lead_region"].header, _l(
            "The file has no such column. Give each row its lead region, or import the file for one region."))],
            unknown=sheet.unknown)
    checker = Checker(sheet, region)
    rows = checker.check(progress)
    if checker.problems:
        return Outcome(problems=sorted(checker.problems, key=lambda p: (p.line or 0)), unknown=sheet.unknown)
    return Outcome(rows=rows, new_actors=checker.new_actors, new_networks=checker.new_networks)


def apply(outcome, by=None, region=None, filename="", progress=no_progress):
    """Write a checked file: its new actors and networks, then each row's initiative. The caller
    commits; a failure part-way leaves the transaction for the caller to roll back."""
    for new in outcome.new_actors:
        new.actor = actor_services.create_actor(name=new.name, kind=CREATED_KIND, municipality=None,
                                                org_number=new.org_number, website=None, description="",
                                                regions=[new.region])
    for new in outcome.new_networks:
        new.network = network_services.create_network(new.name, CREATED_KIND, "", [new.region], [], by)
    written = []
    for count, row in enumerate(progress(outcome.rows, "Importing"), start=1):
        values = _concrete(row.values)
        if row.initiative is None:
            initiative = services.create_initiative(values, by=by, flush=False)
        else:
            initiative = services.update_initiative(row.initiative, values, by=by, version=row.initiative.version,
                                                    flush=False)
        written.append((row, initiative))
        if count % FLUSH_EVERY == 0:
            db.session.flush()
    db.session.flush()
    emit(InitiativesImported(region_id=region.id if region is not None else None,
                             initiative_ids=tuple(initiative.id for _row, initiative in written)))
    outcome.done = [(row.line, initiative.id, initiative.title, row.initiative is None) for row, initiative in written]
    record("import", object_type="Initiative", region_id=region.id if region is not None else None,
           changes={"file": filename, "new": outcome.created, "updated": outcome.updated,
                    "new_actors": len(outcome.new_actors), "new_networks": len(outcome.new_networks)})
    return outcome


def _real(item):
    if isinstance(item, NewActor):
        return item.actor
    if isinstance(item, NewNetwork):
        return item.network
    return item


def _concrete(values):
    """The row's values for :mod:`.services`, with the actors and networks created by now."""
    values = dict(values)
    if "owner" in values:
        values["owner_id"] = _real(values.pop("owner")).id
    for name in ("partners", "networks"):
        if name in values:
            values[name] = [_real(item) for item in values[name]]
    return values


def import_file(filename, data, region=None, by=None, dry_run=False, progress=no_progress, ignore=()):
    """Check a file (without the columns ``ignore`` names) and, unless it has problems or this is a
    dry run, write it (the caller commits)."""
    outcome = check(filename, data, region=region, progress=progress, ignore=ignore)
    outcome.dry_run = dry_run
    if outcome.ok and not dry_run:
        apply(outcome, by=by, region=region, filename=filename, progress=progress)
    return outcome
