"""Revising a plan: what a new version of a plan takes over from the version before it, and
relinking the initiatives that only pointed at what the new version dropped. The caller commits.

A node is the same part of the plan in two versions when its code is the same (the plugin
contract: codes are stable, and sync matches nodes by code), so a node new in a version takes
over, from the node of its code in the version before:

- every link of an initiative, a network or a meeting to it, as a second link: the old link
  stays, so an initiative keeps pointing at the node it was linked to, and the old version's
  pages still list it;
- its current status assessment, copied as the new node's starting point. The history stays with
  the old node, readable on the old version: one row per assessment the council made, and the
  new version's tree shows where each direction stands from the first day, without a second
  copy of every past assessment.

A follow-up action keeps the node it was decided for: it is one column, and the meeting it came
from is carried. Links to a node the new version dropped are not carried; :func:`relink` adds a
node of the current version to such an initiative.
"""
from sqlalchemy import insert, select

from ..assessments.models import StatusAssessment
from ..audit import record
from ..extensions import db
from ..initiatives import services as initiative_services
from ..initiatives.models import initiative_plan_nodes
from ..meetings.models import meeting_plan_nodes
from ..networks.models import network_plan_nodes

#: what carries over, as (link table, the column of what is linked, its name in the audit log
#: and in the sync report)
LINK_TABLES = (
    (initiative_plan_nodes, "initiative_id", "initiative"),
    (network_plan_nodes, "network_id", "network"),
    (meeting_plan_nodes, "meeting_id", "meeting"),
)


def carry_over(previous, pairs):
    """Give each new node of ``pairs`` (``(old node id, new node)``) the links and the current
    assessment of the node of its code in ``previous``, the version before. Returns ``{what: how
    many carried}`` (kinds with none left out); each new node that took links over is in the
    audit log once, with what it took."""
    if not pairs:
        return {}
    new_by_old = {old_id: node for old_id, node in pairs}
    carried, taken = {}, {}
    for table, column, kind in LINK_TABLES:
        owner = table.c[column]
        links = db.session.execute(select(owner, table.c.node_id).where(table.c.node_id.in_(new_by_old))
                                   .order_by(table.c.node_id, owner)).all()
        if not links:
            continue
        db.session.execute(insert(table), [{column: owner_id, "node_id": new_by_old[old_id].id}
                                           for owner_id, old_id in links])
        carried[f"{kind} link"] = len(links)
        for owner_id, old_id in links:
            taken.setdefault(old_id, {}).setdefault(f"{kind}s", []).append(owner_id)
    assessments = _current_assessments(new_by_old)
    for old_id, assessment in assessments.items():
        db.session.add(StatusAssessment(
            region_id=assessment.region_id, node=new_by_old[old_id], assessed_on=assessment.assessed_on,
            status=assessment.status, prioritised=assessment.prioritised, comment=assessment.comment,
            author_id=assessment.author_id, demo=assessment.demo))
    if assessments:
        carried["status assessment"] = len(assessments)
    for old_id, lists in taken.items():
        record("update", obj=new_by_old[old_id], changes={name: [[], ids] for name, ids in lists.items()},
               detail=f"links carried over from version {previous.version} of the plan")
    db.session.flush()
    return carried


def _current_assessments(new_by_old):
    """old node id -> its newest assessment (by date, then by when it was written)."""
    rows = db.session.scalars(select(StatusAssessment).where(StatusAssessment.node_id.in_(new_by_old))
                              .order_by(StatusAssessment.assessed_on, StatusAssessment.id))
    return {row.node_id: row for row in rows}


def relink(initiative, nodes, by, version):
    """Link ``nodes`` (of the current version) to the initiative the admin opened at ``version``,
    keeping every link it has. Raises ``EditConflict`` when it has been saved since."""
    kept = list(initiative.nodes)
    return initiative_services.update_initiative(
        initiative, {"nodes": kept + [node for node in nodes if node not in kept]}, by=by, version=version)
