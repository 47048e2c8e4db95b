"""What changed in an actor's competence-supply plan from one year to the next.

Parts and activities are paired by ``carried_from_id`` (what the next year was copied from), never
by their text, so an activity renamed is *changed*, not removed and added. Texts are compared word
by word; a change is shown with ``<del>`` and ``<ins>`` and says so in words to a screen reader
(and struck through or underlined on screen), never by colour alone.
"""
import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from flask_babel import gettext as _
from markupsafe import Markup, escape

#: words, runs of white space, and single other characters: the units a change is shown in
TOKENS = re.compile(r"\w+|\s+|[^\w\s]")
#: the texts of an activity compared, in the order shown
ACTIVITY_TEXTS = ("title", "description", "responsible", "follow_up")


def word_diff(old, new):
    """``new`` with what was removed from ``old`` in ``<del>`` and what was added in ``<ins>``,
    escaped (safe to put in a page)."""
    before, after = TOKENS.findall(old or ""), TOKENS.findall(new or "")
    matcher = SequenceMatcher(None, before, after, autojunk=False)
    pieces = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            pieces.append(escape("".join(before[i1:i2])))
            continue
        if op in ("delete", "replace"):
            pieces.append(_mark("del", _("removed:"), "".join(before[i1:i2])))
        if op in ("insert", "replace"):
            pieces.append(_mark("ins", _("added:"), "".join(after[j1:j2])))
    return Markup("").join(pieces)


def _mark(tag, said, text):
    return Markup('<{tag}><span class="visually-hidden">[{said} </span>{text}<span class="visually-hidden">]</span>'
                  '</{tag}>').format(tag=Markup(tag), said=said, text=text)


@dataclass
class PartChange:
    section_key: str
    horizon: str
    #: None where the text is the same, else its word diff
    gap: Markup | None
    need: Markup | None


@dataclass
class ActivityChange:
    activity: object
    previous: object
    #: field -> word diff, for the texts that differ
    texts: dict
    #: (old section key, old horizon) when it moved to another section or horizon, else None
    moved_from: tuple | None
    linked: list
    unlinked: list


@dataclass
class Changes:
    previous: object
    summary: Markup | None = None
    parts: list = field(default_factory=list)
    added: list = field(default_factory=list)
    removed: list = field(default_factory=list)
    changed: list = field(default_factory=list)

    def __bool__(self):
        return bool(self.summary is not None or self.parts or self.added or self.removed or self.changed)

    @property
    def linked(self):
        """(activity, node) for each goal an activity carried over was linked to this year."""
        return [(change.activity, node) for change in self.changed for node in change.linked]

    @property
    def unlinked(self):
        return [(change.activity, node) for change in self.changed for node in change.unlinked]


def changes(previous, current):
    """:class:`Changes` from ``previous`` (the year ``current`` was made from) to ``current``,
    in the current year's order."""
    found = Changes(previous)
    if (previous.summary or "") != (current.summary or ""):
        found.summary = word_diff(previous.summary, current.summary)
    old_parts = {part.id: part for part in previous.parts}
    order = {section["key"]: index for index, section in enumerate(current.sections)}
    for part in sorted(current.parts, key=lambda p: (order.get(p.section_key, len(order)), p.horizon != "short")):
        old = old_parts.get(part.carried_from_id)
        before_gap, before_need = (old.gap, old.need) if old else ("", "")
        if (before_gap, before_need) != (part.gap, part.need):
            found.parts.append(PartChange(
                part.section_key, part.horizon,
                word_diff(before_gap, part.gap) if before_gap != part.gap else None,
                word_diff(before_need, part.need) if before_need != part.need else None))
    old_activities = {activity.id: activity for activity in previous.activities}
    carried = set()
    for activity in sorted(current.activities, key=lambda a: (order.get(a.section_key, len(order)),
                                                              a.horizon != "short", a.position, a.id)):
        old = old_activities.get(activity.carried_from_id)
        if old is None:
            found.added.append(activity)
            continue
        carried.add(old.id)
        texts = {name: word_diff(getattr(old, name), getattr(activity, name)) for name in ACTIVITY_TEXTS
                 if (getattr(old, name) or "") != (getattr(activity, name) or "")}
        moved = (old.section_key, old.horizon) if (old.section_key, old.horizon) != \
            (activity.section_key, activity.horizon) else None
        old_nodes, new_nodes = {n.id: n for n in old.nodes}, {n.id: n for n in activity.nodes}
        linked = [n for i, n in new_nodes.items() if i not in old_nodes]
        unlinked = [n for i, n in old_nodes.items() if i not in new_nodes]
        if texts or moved or linked or unlinked:
            found.changed.append(ActivityChange(activity, old, texts, moved, linked, unlinked))
    found.removed = [activity for activity in sorted(previous.activities, key=lambda a: (
        order.get(a.section_key, len(order)), a.horizon != "short", a.position, a.id)) if activity.id not in carried]
    return found
