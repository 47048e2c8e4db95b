"""A region's dated view of where each direction of its plan stands (Västernorrland's
*nulägesanalys*, seed ``002``; any region may keep one). Every assessment is a new row, so the
history is the rows of a node, newest first; a node's current assessment is its newest."""
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..times import utcnow
from ..extensions import db

#: key -> label, from "nothing yet" to "part of how the region works"
ASSESSMENT_STATUSES = {
    "not-started": _l("Not started"),
    "early": _l("Early"),
    "progressing": _l("Progressing"),
    "established": _l("Established"),
}


class StatusAssessment(db.Model):
    """Where one plan node stands on a date, whether the council prioritises it, and why."""

    __tablename__ = "status_assessments"
    __audited__ = True
    #: a node's history, newest first, from one index
    __table_args__ = (db.Index("ix_status_assessments_node_id_assessed_on", "node_id", "assessed_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: the node's region, kept on the row: what the policy and the region's pages select by
    region_id: Mapped[int] = mapped_column(db.ForeignKey("regions.id"), index=True)
    node_id: Mapped[int] = mapped_column(db.ForeignKey("plan_nodes.id"))
    assessed_on: Mapped[date]
    #: a key of ``ASSESSMENT_STATUSES``
    status: Mapped[str] = mapped_column(db.String(20))
    prioritised: Mapped[bool] = mapped_column(default=False)
    comment: Mapped[str] = mapped_column(db.Text, default="")
    author_id: Mapped[int | None] = mapped_column(db.ForeignKey("people.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: invented by ``samverkan demo load``; every page that shows it says so
    demo: Mapped[bool] = mapped_column(default=False)

    node = relationship("PlanNode")
    author = relationship("Person")

    def __repr__(self):
        return f"<StatusAssessment {self.node_id} {self.assessed_on} {self.status}>"
