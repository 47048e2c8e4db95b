"""Large imports as jobs: an upload above ``IMPORT_JOB_BYTES`` is stored (:class:`ImportRun`) and
imported by the worker, still all rows or none, while a page shows how far it has come.

The rows are written in the import's one transaction, so its progress cannot be written to the
same database until it commits (nor, on SQLite, beside it): the job keeps it in the queue's own
storage (Huey's key-value store: Redis, the queue's SQLite file, or memory), and the result, with
every problem by line, in the run's row once it is done.
"""
import json
from datetime import UTC, datetime
from types import SimpleNamespace

from flask import current_app, g
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, LargeBinary, String, Text, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.orm.exc import StaleDataError

from .. import jobs
from ..accounts.models import Person
from ..extensions import db
from ..policy import object_loader
from ..regions.models import Region
from .importer import import_file

QUEUED, RUNNING, DONE = "queued", "running", "done"
#: rows between two writes of the progress
PROGRESS_EVERY = 25
CONFLICT = _l("Someone changed the same initiatives or actors while the file was imported. Nothing was imported; "
              "try again.")


def utcnow():
    return datetime.now(UTC).replace(tzinfo=None)


class ImportRun(db.Model):
    """An uploaded file waiting for, or imported by, the worker; its data is dropped once done."""

    __tablename__ = "import_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("regions.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    filename: Mapped[str] = mapped_column(String(255))
    language: Mapped[str] = mapped_column(String(8))
    dry_run: Mapped[bool] = mapped_column(default=False)
    #: the headers of the columns to leave out (JSON list): those the uploader chose to ignore
    ignore: Mapped[str | None] = mapped_column(Text)
    data: Mapped[bytes | None] = mapped_column(LargeBinary)
    state: Mapped[str] = mapped_column(String(16), default=QUEUED)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]
    #: what the import did or why it did nothing (JSON, see :func:`outcome`)
    result: Mapped[str | None] = mapped_column(Text)


@object_loader("run", "run_id", ImportRun)
def _load_run(run_id):
    """An import of the region its URL names (another region's is not found)."""
    return db.session.scalar(select(ImportRun).filter_by(id=run_id, region_id=g.region.id))


def is_large(data):
    return len(data) > current_app.config["IMPORT_JOB_BYTES"]


def start(region, person, filename, data, dry_run, language, ignore=()):
    """Store the file for the worker (the caller commits, then :func:`queue`\\ s it)."""
    run = ImportRun(region_id=region.id, person_id=person.id, filename=filename[:255], data=data,
                    dry_run=dry_run, language=language, ignore=json.dumps(list(ignore)) if ignore else None)
    db.session.add(run)
    db.session.flush()
    return run


def queue(run):
    jobs.enqueue(run_import, run.id)


def _progress_key(run_id):
    return f"samverkan.import-progress.{run_id}"


def progress(run):
    """``(phase, done, total)`` of a running import, or None before it starts reading."""
    value = jobs.queue().huey.get(_progress_key(run.id), peek=True)
    return tuple(value) if value else None


def _reporting(run_id):
    """The importer's ``progress`` wrapper, writing each phase's count to the queue's storage."""
    huey = jobs.queue().huey

    def report(items, phase):
        items = list(items)
        huey.put(_progress_key(run_id), (phase, 0, len(items)))
        for count, item in enumerate(items, start=1):
            yield item
            if count % PROGRESS_EVERY == 0 or count == len(items):
                huey.put(_progress_key(run_id), (phase, count, len(items)))

    return report


def _summary(outcome):
    """The outcome as JSON, messages in the run's language: whole, as a file's rows are bounded."""
    return json.dumps({
        "dry_run": outcome.dry_run, "created": outcome.created, "updated": outcome.updated,
        "problems": [[p.line, p.column, str(p.message)] for p in outcome.problems],
        "new_actors": [new.name for new in outcome.new_actors],
        "new_networks": [new.name for new in outcome.new_networks],
        "done": [list(row) for row in outcome.done],
        "unknown": list(outcome.unknown),
    })


def _finish(run_id, summary):
    run = db.session.get(ImportRun, run_id)
    run.state, run.result, run.data, run.finished_at = DONE, summary, None, utcnow()


@jobs.task()
def run_import(run_id):
    """Check and import a stored file in one transaction, as the upload page does in the request;
    the run is marked done in that same transaction."""
    run = db.session.get(ImportRun, run_id)
    if run is None or run.state != QUEUED:
        return
    run.state = RUNNING
    db.session.commit()
    filename, data, dry_run, language = run.filename, run.data, run.dry_run, run.language
    ignore = tuple(json.loads(run.ignore)) if run.ignore else ()
    region = db.session.get(Region, run.region_id)
    by = db.session.get(Person, run.person_id) if run.person_id else None
    with current_app.test_request_context(), force_locale(language):
        outcome = import_file(filename, data, region=region, by=by, dry_run=dry_run, progress=_reporting(run_id),
                              ignore=ignore)
        if not outcome.ok or outcome.dry_run:
            db.session.rollback()
        _finish(run_id, _summary(outcome))
        try:
            db.session.commit()
        except (IntegrityError, StaleDataError):  # someone changed the same rows at the same time
            db.session.rollback()
            outcome.problems = [SimpleNamespace(line=None, column=None, message=CONFLICT)]
            _finish(run_id, _summary(outcome))
            db.session.commit()
    jobs.queue().huey.delete(_progress_key(run_id))


def outcome(run):
    """The result as the upload page's template reads an importer's outcome."""
    values = json.loads(run.result)
    return SimpleNamespace(
        ok=not values["problems"], dry_run=values["dry_run"], created=values["created"],
        updated=values["updated"],
        problems=[SimpleNamespace(line=line, column=column, message=message)
                  for line, column, message in values["problems"]],
        new_actors=[SimpleNamespace(name=name) for name in values["new_actors"]],
        new_networks=[SimpleNamespace(name=name) for name in values["new_networks"]],
        done=[tuple(row) for row in values["done"]], unknown=tuple(values.get("unknown", ())))
