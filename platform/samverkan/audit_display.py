"""The audit log in words: what each action is called, how each kind of object is named and
linked, and how a change's values read. A registry: each feature registers its own kinds (the
accounts a person and a role, the regions a region), so that this module imports none::

    audit_display.register_kind("Network", _l("Network"), describe=lambda obj, values: (obj.name, url))

The log stores ids and raw values (it must not change when a name does); this module turns them
into text when the page is shown. Live objects are named as they are now; a deleted one by the
values its delete event recorded. People are only ever named as they are now: the log keeps no
copy of a name or an address, so a person deleted or anonymised reads "removed person".
"""
from dataclasses import dataclass
from typing import Callable

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from .audit import WITHHELD
from .extensions import db
from .i18n import localized

#: action -> its name in the log's "what happened" column
ACTIONS = {
    "login": _l("Logged in"),
    "logout": _l("Logged out"),
    "login-failed": _l("Failed login"),
    "login-link-sent": _l("Was sent a link to log in (after many failed logins)"),
    "refused": _l("Refused request"),
    "create": _l("Created"),
    "update": _l("Changed"),
    "delete": _l("Deleted"),
    "password-change": _l("Changed their password"),
    "password-reset-requested": _l("Asked for a password reset link"),
    "password-reset": _l("Chose a new password through a reset link"),
    "invitation-accepted": _l("Accepted an invitation to an actor and chose a password"),
    "anonymise": _l("Anonymised (name and e-mail address replaced)"),
    "import": _l("Imported"),
    # written by the log's subscribers (audit.on_*), one row per domain event
    "sync": _l("Synced from the region's plugin"),
    "close": _l("Closed: its last day had passed"),
}
#: the actions that sync (the command line) writes, hidden from the page by default
CHANGE_ACTIONS = ("create", "update", "delete")
#: who took an action nobody signed in took, where that is not "not signed in"
UNATTENDED = {**{action: _l("the command line") for action in CHANGE_ACTIONS},
              "sync": _l("the platform"), "close": _l("the platform")}


@dataclass(frozen=True)
class Kind:
    label: object
    #: the model, to load the object by the event's id (None: nothing to load)
    model: type | None
    #: (object or None, values) -> (text, url or None); values are the object's columns when
    #: it is gone (a delete event's record of them)
    describe: Callable


KINDS = {}
#: a column holding another object's id -> that object's kind, to show a name for the id
REFERENCES = {}
#: column (or the count an import's summary records) -> its label: every column of a kind's model
#: has one (tests/test_one_language.py)
FIELD_LABELS = {
    "accepted_at": _l("accepted"), "active": _l("active"), "actor_id": _l("actor"), "adopted_on": _l("adopted on"),
    "anonymised_at": _l("anonymised"), "answers_completed": _l("employers' answers completed"),
    "assessed_on": _l("assessed on"), "author_id": _l("author"), "budget_sek": _l("budget (SEK)"),
    "cadence": _l("cadence"), "calendar_token_hash": _l("calendar link"), "capacity": _l("places"),
    "carried_from_id": _l("carried over from"), "changed_at": _l("changed at"),
    "changed_by_id": _l("changed by"), "closed_at": _l("closed at"), "closes_on": _l("closes on"),
    "code": _l("code"), "comment": _l("comment"), "comparable_name": _l("name for comparison"),
    "contact_email": _l("contact e-mail"), "contact_name": _l("contact person"),
    "contact_phone": _l("contact telephone"), "coordinator": _l("coordinator"), "council_id": _l("council"),
    "created_at": _l("created"), "created_by_id": _l("created by"), "custom": _l("own indicator"),
    "decision_id": _l("decision"), "demo": _l("demo data"), "description": _l("description"),
    "description_en": _l("description in English"), "done": _l("done"), "done_at": _l("done at"),
    "draft": _l("draft"), "due_on": _l("due on"), "email": _l("e-mail"),
    "employers_added": _l("employers added to the round"), "ends_at": _l("ends at"), "ends_on": _l("end"), "expires_at": _l("expires"),
    "external_ref": _l("external reference"), "file": _l("file"), "follow_up": _l("follow-up"),
    "forum_id": _l("forum"), "from_stage": _l("from stage"), "gap": _l("gap"),
    "granted_by_id": _l("granted by"), "happened": _l("what happened"), "horizon": _l("horizon"),
    "indicator_id": _l("indicator"), "initiative_id": _l("initiative"), "initiatives": _l("initiatives"), "invited_by_id": _l("invited by"),
    "is_practice": _l("good example"), "key": _l("key"), "kind": _l("kind"), "last_login_at": _l("last login"),
    "lead_region_id": _l("lead region"), "lessons_learned": _l("lessons learned"), "links": _l("links"),
    "meeting_id": _l("meeting"), "membership_role": _l("role in the actor"), "meetings": _l("meetings"), "meetings_per_year": _l("meetings a year"),
    "minutes": _l("minutes"), "model_id": _l("forum model"), "municipalities": _l("municipalities"),
    "municipality": _l("municipality"), "name": _l("name"), "name_en": _l("name in English"),
    "need": _l("need"), "needs": _l("needs"), "network_id": _l("network"), "networks": _l("networks"),
    "new": _l("new"), "new_actors": _l("new actors"), "new_networks": _l("new networks"),
    "next_steps": _l("next steps"), "node_id": _l("plan node"), "node_kinds": _l("kinds of plan nodes"),
    "note": _l("note"), "notes": _l("notes"), "opens_on": _l("opens on"),
    "org_number": _l("organisation number"), "owner_actor_id": _l("owner (actor)"), "owner_id": _l("owner"),
    "owner_person_id": _l("owner (person)"), "parent_id": _l("parent"), "participant_mix": _l("participants"),
    "password_hash": _l("password"), "period_end": _l("period end"), "period_start": _l("period start"),
    "person_id": _l("person"), "place": _l("place"), "plan_id": _l("plan"), "plan_ids": _l("plans"),
    "plan_year_id": _l("competence-supply plan"), "plugin": _l("plugin"), "position": _l("position"),
    "practice_id": _l("good example"), "practice_since": _l("good example since"),
    "prioritised": _l("prioritised"), "published": _l("published"), "published_at": _l("published at"),
    "purpose": _l("purpose"), "purpose_en": _l("purpose in English"),
    "question_set_version": _l("version of the questions"), "reason": _l("reason"), "region_id": _l("region"),
    "region_questions": _l("the region's questions"), "reported_on": _l("reported on"),
    "responsible": _l("responsible"), "results": _l("results"), "retired": _l("retired"), "revoked_at": _l("withdrawn"), "role": _l("role"),
    "section_key": _l("section"), "sections": _l("sections"), "sequence": _l("calendar revision"),
    "session_version": _l("sessions"), "slug": _l("address name"), "source": _l("source"),
    "stage": _l("stage"), "starts_at": _l("starts at"), "starts_on": _l("start"), "status": _l("status"),
    "summary": _l("summary"), "summary_en": _l("summary in English"), "text": _l("text"),
    "text_en": _l("text in English"), "title": _l("title"), "title_en": _l("title in English"),
    "to_stage": _l("to stage"), "token_hash": _l("invitation link"), "uid": _l("calendar id"), "unchanged": _l("unchanged"), "unit": _l("unit"),
    "updated": _l("updated"), "updated_at": _l("changed"), "updated_by_id": _l("changed by"),
    "value": _l("value"), "value_men": _l("value for men"), "value_women": _l("value for women"),
    "version": _l("version"), "video_url": _l("video link"), "waiting": _l("on the waiting list"),
    "website": _l("website"), "what": _l("what"), "year": _l("year"),
}


def register_kind(name, label, describe=None, model=None):
    """Say how events about objects of class ``name`` are shown."""
    KINDS[name] = Kind(label, model, describe or (lambda obj, values: (None, None)))


def register_reference(field, kind):
    REFERENCES[field] = kind


def action_label(action):
    return str(ACTIONS.get(action, action))


def kind_label(object_type):
    kind = KINDS.get(object_type)
    return str(kind.label) if kind else (object_type or "")


def _load(object_type, object_id):
    kind = KINDS.get(object_type)
    if kind is None or kind.model is None or not (object_id or "").isdigit():
        return None
    return db.session.get(kind.model, int(object_id))


def describe(event):
    """(kind, name, url) of the event's object; name and url may be None."""
    kind = KINDS.get(event.object_type)
    if kind is None or event.object_type is None:
        return kind_label(event.object_type), event.object_id, None
    obj = _load(event.object_type, event.object_id)
    values = event.changes if isinstance(event.changes, dict) and event.action != "update" else {}
    try:
        text, url = kind.describe(obj, values)
    except (KeyError, TypeError, ValueError):  # an old event without the values: show its id
        text, url = None, None
    return str(kind.label), text if text is not None else event.object_id, url


def _name_of(kind_name, object_id):
    """A referenced object's name, or its id when it is gone."""
    if object_id is None:
        return None
    obj = _load(kind_name, str(object_id))
    if obj is None:
        return f"#{object_id}"
    text, _url = KINDS[kind_name].describe(obj, {})
    return text or f"#{object_id}"


def detail_text(event):
    """The event's detail in the reader's language where it is a fixed one (marked by
    :func:`samverkan.audit.N_`), else as stored."""
    return _(event.detail) if event.detail else None


def field_label(field):
    return str(FIELD_LABELS[field]) if field in FIELD_LABELS else field.replace("_", " ")


def value_text(field, value):
    """A value as text: names for ids of other objects, yes/no, lists joined; never JSON."""
    if value == WITHHELD:
        return _("changed (personal data: the log does not keep the value)")
    if field in REFERENCES and isinstance(value, int):
        return _name_of(REFERENCES[field], value)
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        return "; ".join(str(value_text(field, item)) for item in value) or "–"
    if isinstance(value, dict):
        return "; ".join(f"{key}: {value_text(key, item)}" for key, item in value.items()) or "–"
    text = str(value)
    return text if len(text) <= 300 else text[:299] + "…"


def changes(event):
    """[(field label, before text or None, after text)] of an event's recorded values."""
    if not isinstance(event.changes, dict):
        return []
    rows = []
    for field, value in event.changes.items():
        if event.action == "update" and isinstance(value, list) and len(value) == 2:
            rows.append((field_label(field), value_text(field, value[0]), value_text(field, value[1])))
        else:
            rows.append((field_label(field), None, value_text(field, value)))
    return rows


# -- people ------------------------------------------------------------------------------------


def person_text(person):
    """How a person reads in the log: as they are now, or "removed person" (the accounts register
    the kind ``Person``)."""
    if person is None or person.anonymised_at is not None:
        return _("removed person")
    return f"{person.name} ({person.email})"


def who(event, people):
    """The "who" column: the person as they are now (``people``: :func:`people_of`), or what acted
    without one."""
    if event.person_id is not None:
        return person_text(people.get(event.person_id))
    return str(UNATTENDED.get(event.action, _l("not signed in")))



# -- kinds ---------------------------------------------------------------------------------------


def named_by(field):
    """How a kind without a page of its own reads: by ``field`` (a plan by its title)."""
    def describe(obj, values):
        return (localized(obj, field) if obj is not None else values[field]), None

    return describe


register_kind("request", _l("Request"))
