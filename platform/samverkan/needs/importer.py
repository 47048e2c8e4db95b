"""Importing employers' answers to a survey round from a file (:mod:`.transfer` names its columns),
such as answers collected on paper or in another tool: every row is checked first, and only a file
without a single problem is written, in the caller's one transaction. The caller commits (or, for
a dry run or a rejected file, writes nothing).

A row is one need. An employer's rows together are its answer, and the import completes it
(source "import"), through :func:`.services.save_answers` like every other answer:

- the employer is named by its organisation number or its name, and must be an actor of the
  round's region;
- an employer already invited and not yet done (invited, or started with answers saved as a
  draft) is completed with the file's answers, which replace its draft;
- an employer that was not invited is added to the round, then completed;
- an employer that has completed its answers already is an error on each of its lines: a
  completed answer is final;
- the round must have opened; a closed round takes imported answers (that is what an import of
  answers collected after the fact is for).
"""
import re
from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import selectinload
from stdnum.se import orgnr

from ..actors.models import Actor, comparable_name
from ..audit import record
from ..extensions import db
from ..sheets import FAILED, FileProblem, Problem
from . import services
from .models import SurveyResponse
from .transfer import FIELDS, layout

#: what an organisation number looks like, valid or not
ORG_NUMBER = re.compile(r"(?:16|19|20)?\d{6}-?\d{4}")
REQUIRED = {
    "employer": _l("The employer is required."),
    "occupation": _l("The occupation is required."),
    "ssyk_group": _l("The SSYK group is required."),
    "count_1y": _l("The number of people within 1 year is required."),
    "count_3y": _l("The number of people within 3 years is required."),
    "seqf_level": _l("The SeQF level is required."),
    "importance": _l("The strategic importance is required."),
    "education_route": _l("The education route is required."),
}


@dataclass
class Answer:
    """One employer's answer in the file: its needs, in the file's order, and its region answers."""

    actor: Actor
    #: the employer's response in the round; None: the import adds the employer to the round
    response: SurveyResponse | None
    lines: list = field(default_factory=list)
    needs: list = field(default_factory=list)
    region_answers: dict = field(default_factory=dict)
    #: region question key -> the line its answer is on
    answered_on: dict = field(default_factory=dict)


@dataclass
class Outcome:
    """What an import did, or would do (``dry_run``), or why it did nothing (``problems``)."""

    problems: list = field(default_factory=list)
    answers: list = field(default_factory=list)
    dry_run: bool = False
    #: the headers of the file's columns that the format does not know (which it may ignore)
    unknown: tuple = ()

    @property
    def ok(self):
        return not self.problems

    @property
    def employers(self):
        return len(self.answers)

    @property
    def added(self):
        """Employers the import adds to the round (they were not invited)."""
        return sum(1 for answer in self.answers if answer.response is None)

    @property
    def needs(self):
        return sum(len(answer.needs) for answer in self.answers)


class Checker:
    """Checks a file's rows against the round and the database, in a few queries for the whole file."""

    def __init__(self, survey, sheet):
        self.survey = survey
        self.sheet = sheet
        self.problems = list(sheet.problems)
        self.question_keys = [question["key"] for question in survey.region_questions or ()]

    def problem(self, line, key, message):
        self.problems.append(Problem(line, self.sheet.header_of(key) if key else None, message))

    def check(self):
        parsed = [(line, self._parse(line, cells)) for line, cells in self.sheet.rows]
        if not parsed:
            self.problem(None, None, _l("The file has no rows of needs."))
            return []
        self._preload(parsed)
        answers = {}
        for line, cells in parsed:
            actor = self._employer(line, cells["employer"])
            if actor is None:
                continue
            answer = answers.get(actor.id)
            if answer is None:
                answer = answers[actor.id] = Answer(actor, self.responses.get(actor.id))
                if answer.response is not None and answer.response.status == "completed":
                    done = answer.response.completed_at
                    self.problem(line, "employer", _l(
                        "%(name)s has completed its answers in this round already (%(day)s): a completed answer "
                        "is final, and the import does not replace it.", name=actor.name,
                        day=done.date().isoformat() if done else "-"))
            elif answer.response is not None and answer.response.status == "completed":
                self.problem(line, "employer", _l("%(name)s has completed its answers in this round already (see "
                                                  "line %(line)d).", name=actor.name, line=answer.lines[0]))
            answer.lines.append(line)
            if not any(cells[key] is FAILED for key in FIELDS if key in cells):
                answer.needs.append({key: cells.get(key) for key in FIELDS})
            self._region_answers(line, cells, answer)
        return list(answers.values())

    def _parse(self, line, cells):
        """The row's cells, parsed, with the shared columns' defaults; a required one that is
        empty is a problem, and so are numbers out of order."""
        parsed = self.sheet.parsed(line, cells, self.problem)
        for key, message in REQUIRED.items():
            if parsed.get(key) in ("", None):
                self.problem(line, key, message)
                parsed[key] = FAILED
        parsed["bottleneck"] = bool(parsed.get("bottleneck"))
        parsed["comment"] = parsed.get("comment") or ""
        within_1y, within_3y = parsed["count_1y"], parsed["count_3y"]
        if within_1y is not FAILED and within_3y is not FAILED:
            if within_3y < within_1y:
                self.problem(line, "count_3y", _l(
                    "Within 3 years counts those within 1 year too, so it cannot be fewer (%(count)d).",
                    count=within_1y))
                parsed["count_3y"] = FAILED
            elif within_3y == 0:
                self.problem(line, "count_3y", _l("A need of no one: give how many people are needed."))
                parsed["count_3y"] = FAILED
        return parsed

    def _preload(self, parsed):
        """The actors the file names (by organisation number or name, in any region), with their
        regions, and the round's responses."""
        numbers, names = set(), set()
        for _line, cells in parsed:
            name = cells["employer"]
            if name is FAILED:
                continue
            if orgnr.is_valid(name):
                numbers.add(orgnr.format(name))
            names.add(comparable_name(name))
        found = select(Actor).options(selectinload(Actor.regions)).order_by(Actor.id)
        self.by_number = {actor.org_number: actor for actor in db.session.scalars(
            found.where(Actor.org_number.in_(numbers)))} if numbers else {}
        self.by_name = {}
        for actor in db.session.scalars(found.where(Actor.comparable_name.in_(names))) if names else ():
            self.by_name.setdefault(actor.comparable_name, []).append(actor)
        self.responses = {response.actor_id: response for response in db.session.scalars(
            select(SurveyResponse).where(SurveyResponse.round_id == self.survey.id))}

    def _in_region(self, actor):
        return any(region.id == self.survey.region_id for region in actor.regions)

    def _employer(self, line, name):
        if name is FAILED:
            return None
        region = self.survey.region
        if ORG_NUMBER.fullmatch(name) and not orgnr.is_valid(name):
            self.problem(line, "employer", _l("This is not a valid Swedish organisation number (ten digits, such "
                                              "as 556036-0793)."))
            return None
        if orgnr.is_valid(name):
            actor = self.by_number.get(orgnr.format(name))
            if actor is None:
                self.problem(line, "employer", _l("No actor has the organisation number %(number)s. Register the "
                                                  "employer as an actor of %(region)s first.",
                                                  number=orgnr.format(name), region=region.name))
                return None
            candidates = [actor]
        else:
            candidates = self.by_name.get(comparable_name(name), [])
            if not candidates:
                self.problem(line, "employer", _l("No actor is called “%(name)s”. Give the employer's organisation "
                                                  "number or its name as registered in %(region)s.",
                                                  name=name, region=region.name))
                return None
        ours = [actor for actor in candidates if self._in_region(actor)]
        if not ours:
            regions = ", ".join(sorted({r.name for actor in candidates for r in actor.regions})) or "-"
            self.problem(line, "employer", _l("%(name)s is an actor of %(regions)s, not of %(region)s: the round "
                                              "takes answers from employers of its own region.",
                                              name=candidates[0].name, regions=regions, region=region.name))
            return None
        if len(ours) > 1:
            self.problem(line, "employer", _l("Several actors of %(region)s are called “%(name)s”: give the "
                                              "employer's organisation number.", region=region.name, name=name))
            return None
        return ours[0]

    def _region_answers(self, line, cells, answer):
        """The employer's answers to the region questions: on any of its lines, the same on each."""
        for key in self.question_keys:
            value = cells.get(key)
            if value is None or value is FAILED:
                continue
            if key in answer.region_answers and answer.region_answers[key] != value:
                self.problem(line, key, _l("The employer's answer differs from the one on line %(line)d; an "
                                           "employer answers the region's questions once.",
                                           line=answer.answered_on[key]))
                continue
            answer.region_answers[key] = value
            answer.answered_on.setdefault(key, line)


def check(survey, filename, data, today, ignore=()):
    """Read and check a file of answers to ``survey`` (without the columns ``ignore`` names): an
    :class:`Outcome` with its problems, or with the answers to write."""
    if survey.opens_on > today:
        return Outcome(problems=[Problem(None, None, _l(
            "The round opens on %(day)s: answers can be imported once it has opened.",
            day=survey.opens_on.isoformat()))])
    try:
        sheet = layout(survey).read(filename, data, ignore)
    except FileProblem as problem:
        return Outcome(problems=problem.problems, unknown=problem.unknown)
    checker = Checker(survey, sheet)
    answers = checker.check()
    if checker.problems:
        return Outcome(problems=sorted(checker.problems, key=lambda p: p.line or 0), unknown=sheet.unknown)
    return Outcome(answers=answers)


def apply(survey, outcome, today, filename=""):
    """Write a checked file's answers: each employer's response completed, source "import". The
    caller commits."""
    for answer in outcome.answers:
        response = answer.response or services.invite(survey, answer.actor)
        services.save_answers(response, answer.needs, answer.region_answers, today=today, complete=True,
                              source="import", after_close=True)
    # employers are not named: the audit log is read by others than the region's admins
    record("import", object_type="SurveyRound", object_id=str(survey.id), region_id=survey.region_id,
           changes={"file": filename, "answers_completed": outcome.employers, "employers_added": outcome.added,
                    "needs": outcome.needs})
    return outcome


def import_file(survey, filename, data, today, dry_run=False, ignore=()):
    """Check a file and, unless it has problems or this is a dry run, write it (the caller commits)."""
    outcome = check(survey, filename, data, today, ignore)
    outcome.dry_run = dry_run
    if outcome.ok and not dry_run:
        apply(survey, outcome, today, filename=filename)
    return outcome
