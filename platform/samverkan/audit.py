"""The audit log: who changed what, when, and what was refused. Append-only.

Changes are recorded by a session hook, not by each view: every insert, update and delete of a
model that sets ``__audited__ = True`` writes an :class:`AuditEvent` in the same transaction,
with the before and after of the changed fields. Logins, failed logins and refused requests are
recorded with :func:`record`. What the hook cannot see, or sees only as rows without saying what
happened (a round closed by the worker, a plugin sync), the log hears as a subscriber of the
domain events (:mod:`samverkan.subscribers`): one row per event.

The log keeps no personal copies, because its rows can never be changed and a person must be
erasable: people and objects are referenced by id (names are looked up when the log is shown),
and a field a model declares personal (``__audit_personal__``: names, e-mail addresses, phone
numbers, contact details) is recorded as changed, never with its value. No IP address is kept.
"""
import json
import logging
from datetime import datetime

from flask import has_request_context, request
from flask_login import current_user
from sqlalchemy import DDL, event, inspect, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from .events import delivering
from .times import utcnow
from .extensions import db

log = logging.getLogger("samverkan.audit")

#: fields never written to the log, whatever the model
SECRET_FIELDS = frozenset({"password_hash", "session_version", "calendar_token_hash"})
#: what a personal field's value is recorded as: that it was set or changed, not to what
WITHHELD = {"personal": True}


class AuditEvent(db.Model):
    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    occurred_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    #: the person who acted (None: anonymous or the command line), by id: named when shown
    person_id: Mapped[int | None] = mapped_column(index=True)
    action: Mapped[str] = mapped_column(db.String(40))
    object_type: Mapped[str | None] = mapped_column(db.String(60))
    object_id: Mapped[str | None] = mapped_column(db.String(60))
    region_id: Mapped[int | None] = mapped_column(index=True)
    #: {field: [before, after]} for updates, {field: value} for creates and deletes; a personal
    #: field's value is :data:`WITHHELD`
    changes: Mapped[dict] = mapped_column(db.JSON, default=dict)
    path: Mapped[str | None] = mapped_column(db.String(500))
    detail: Mapped[str | None] = mapped_column(db.String(500))
    #: the domain event a subscriber wrote the row for (its outbox id): one row per event
    event_id: Mapped[int | None] = mapped_column(index=True, unique=True)


#: PostgreSQL's TRUNCATE skips row triggers: a statement trigger refuses it (SQLite has none)
TRUNCATE_TRIGGER = (
    "CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events "
    "FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()"
)
#: SQLite's INSERT OR REPLACE deletes the row it replaces without firing DELETE triggers (unless
#: ``recursive_triggers`` is on, which extensions.py sets): an insert may not reuse an id
SQLITE_NO_REPLACE_TRIGGER = (
    "CREATE TRIGGER audit_events_no_replace BEFORE INSERT ON audit_events "
    "WHEN EXISTS (SELECT 1 FROM audit_events WHERE id = NEW.id) "
    "BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END"
)
#: per dialect, the triggers with which the database itself refuses to change or delete an event
#: (the migrations 0002, 0004 and 0007 create the same)
APPEND_ONLY_DDL = {
    "sqlite": [
        "CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events "
        "BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END",
        "CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events "
        "BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END",
        SQLITE_NO_REPLACE_TRIGGER,
    ],
    "postgresql": [
        "CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS "
        "$$ BEGIN RAISE EXCEPTION 'audit_events is append-only'; END $$",
        "CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events "
        "FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()",
        TRUNCATE_TRIGGER,
    ],
}
for dialect, statements in APPEND_ONLY_DDL.items():
    for statement in statements:
        event.listen(AuditEvent.__table__, "after_create", DDL(statement).execute_if(dialect=dialect))


def _who():
    if has_request_context() and current_user and current_user.is_authenticated:
        return current_user.id
    return None


#: URL arguments that are secrets (a personal link's token): the log names the route, never them
SECRET_URL_ARGUMENTS = ("token",)


def request_path():
    """The request's path with its secret URL arguments replaced by their name, e.g.
    ``/surveys/answer/<token>``: whoever reads the log must not be able to follow the link."""
    path = request.path
    for name in SECRET_URL_ARGUMENTS:
        value = (request.view_args or {}).get(name)
        if isinstance(value, str) and value:
            path = path.replace(value, f"<{name}>")
    return path


def _where():
    return request_path()[:500] if has_request_context() else None


def _region_of(obj):
    """The region an object belongs to: ``audit_region_id`` where the model says, else ``region_id``."""
    return getattr(obj, "audit_region_id", getattr(obj, "region_id", None))


def personal_fields(model):
    """The fields of ``model`` (a class) whose values the log never keeps."""
    return frozenset(getattr(model, "__audit_personal__", ()))


def withhold_personal(model, changes):
    """``changes`` with the value of each of ``model``'s personal fields replaced by :data:`WITHHELD`
    (an empty value is no one's and stays)."""
    personal = personal_fields(model)
    return {field: WITHHELD if field in personal and value not in (None, "") else value
            for field, value in (changes or {}).items()}


def N_(text):
    """Marks a fixed ``detail`` for the catalogue: the log stores it in English and the page shows
    it in the reader's language (:func:`samverkan.audit_display.detail_text`)."""
    return text


def record(action, *, obj=None, object_type=None, object_id=None, region_id=None, changes=None,
           detail=None, person=None, session=None, event_id=None):
    """Add an event to the session (``db.session``'s unless given); it is written with the
    caller's transaction.

    ``detail`` is read by everyone who reads the log: it must name no person (say who by ``person``
    or ``obj``, which are kept as ids)."""
    person_id = person.id if person is not None else _who()
    event_ = AuditEvent(
        person_id=person_id,
        action=action,
        object_type=object_type or (type(obj).__name__ if obj is not None else None),
        object_id=object_id or (str(obj.id) if obj is not None and obj.id is not None else None),
        region_id=region_id if region_id is not None else _region_of(obj),
        changes=withhold_personal(type(obj), changes) if obj is not None else (changes or {}),
        path=_where(),
        detail=(detail or "")[:500] or None,
        event_id=event_id,
    )
    (session if session is not None else db.session).add(event_)
    # json.dumps escapes line breaks and control characters: a value cannot forge a log line
    log.info(json.dumps({"action": action, "object": event_.object_type, "id": event_.object_id,
                         "by": person_id, "detail": detail}, ensure_ascii=True, default=str))
    return event_


def _jsonable(value):
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, (str, int, float, bool, list, dict)) or value is None:
        return value
    return str(value)


def _audited_columns(obj):
    """The columns worth logging: not secrets, not the id, not what the model marks as noise."""
    skipped = SECRET_FIELDS | {"id"} | set(getattr(obj, "__audit_ignore__", ()))
    return [attr.key for attr in inspect(obj).mapper.column_attrs if attr.key not in skipped]


def _column_values(obj):
    return {key: _jsonable(getattr(obj, key)) for key in _audited_columns(obj)}


def _changed_fields(obj):
    state = inspect(obj)
    changes = {}
    for key in _audited_columns(obj):
        history = state.attrs[key].history
        if history.has_changes():
            before = history.deleted[0] if history.deleted else None
            after = history.added[0] if history.added else None
            if before != after:
                changes[key] = [_jsonable(before), _jsonable(after)]
    return changes


@event.listens_for(Session, "before_flush")
def _audit_changes(session, flush_context, instances):
    for obj in list(session.deleted):
        if getattr(obj, "__audited__", False):
            record("delete", obj=obj, changes=_column_values(obj), session=session)
    for obj in list(session.dirty):
        if getattr(obj, "__audited__", False) and session.is_modified(obj, include_collections=False):
            changes = _changed_fields(obj)
            if changes:
                record("update", obj=obj, changes=changes, session=session)


@event.listens_for(Session, "after_flush")
def _audit_creations(session, flush_context):
    """Remember what this flush creates; the events follow once the rows have their ids."""
    created = [obj for obj in session.new if getattr(obj, "__audited__", False)]
    session.info.setdefault("audit_created", []).extend(created)


@event.listens_for(Session, "after_flush_postexec")
def _audit_created(session, flush_context):
    for obj in session.info.pop("audit_created", []):
        record("create", obj=obj, changes=_column_values(obj), session=session)


# -- what the hook cannot see: subscribers of the domain events ----------------------------------

def _record_event(session, action, **values):
    """:func:`record` for the event being delivered in ``session``: a second delivery finds its
    row and writes none."""
    event_id = delivering(session)
    if event_id is not None and session.scalar(select(AuditEvent.id).filter_by(event_id=event_id)):
        return
    record(action, session=session, event_id=event_id, **values)


def on_round_closed(event, session):
    """A survey round closed because its last day passed (by the worker, nobody's request): the
    hook sees only its ``closed_at`` set."""
    _record_event(session, "close", object_type="SurveyRound", object_id=str(event.round_id),
                  region_id=event.region_id)


def on_plan_synced(event, session):
    """``plugins sync`` wrote a region's plans: the hook logs its rows one by one (the command
    line's changes, hidden by default) and nothing of what it writes around the ORM."""
    _record_event(session, "sync", object_type="Region", object_id=str(event.region_id),
                  region_id=event.region_id, changes={"plan_ids": list(event.plan_ids)})
