"""Meetings of a forum: agenda, registrations, minutes, decisions and follow-up actions.

Times are stored in UTC (naive ``datetime``), entered and shown in Europe/Stockholm
(:mod:`samverkan.meetings.times`).
"""
import uuid
from datetime import date, datetime

from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..times import utcnow
from ..extensions import db
from ..forums.models import forum_region_ids
from ..networks.models import is_coordinator
from ..policy import object_grant, region_scope

meeting_plan_nodes = db.Table(
    "meeting_plan_nodes",
    db.Column("meeting_id", db.ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True),
    db.Column("node_id", db.ForeignKey("plan_nodes.id"), primary_key=True, index=True),
)

#: the statuses of a meeting, in their order
MEETING_STATUSES = ("planned", "held", "cancelled")


class Meeting(db.Model):
    __tablename__ = "meetings"
    __audited__ = True
    __table_args__ = (
        db.CheckConstraint("ends_at > starts_at", name="ends_after_start"),
        #: a forum's page reads its meetings in start order, a page at a time
        db.Index("ix_meetings_forum_id_starts_at", "forum_id", "starts_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: the iCalendar UID: stable for the meeting's life, so calendars update it in place
    uid: Mapped[str] = mapped_column(db.String(64), unique=True, default=lambda: uuid.uuid4().hex)
    #: the iCalendar SEQUENCE: raised on every change a calendar should see
    sequence: Mapped[int] = mapped_column(default=0)
    forum_id: Mapped[int] = mapped_column(db.ForeignKey("forums.id"))
    title: Mapped[str] = mapped_column(db.String(200))
    starts_at: Mapped[datetime] = mapped_column(index=True)
    ends_at: Mapped[datetime]
    place: Mapped[str] = mapped_column(db.String(300), default="")
    video_url: Mapped[str | None] = mapped_column(db.String(500))
    status: Mapped[str] = mapped_column(db.String(20), default="planned")
    #: seats; None is no limit (and no waiting list)
    capacity: Mapped[int | None]
    #: Markdown, rendered sanitised
    minutes: Mapped[str] = mapped_column(db.Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    forum = relationship("Forum")
    nodes = relationship("PlanNode", secondary=meeting_plan_nodes, order_by="PlanNode.id")
    agenda_items = relationship("AgendaItem", back_populates="meeting", cascade="all, delete-orphan",
                                order_by="AgendaItem.position, AgendaItem.id")
    registrations = relationship("Registration", back_populates="meeting", cascade="all, delete-orphan",
                                 order_by="Registration.created_at, Registration.id")
    decisions = relationship("Decision", back_populates="meeting", cascade="all, delete-orphan",
                             order_by="Decision.position, Decision.id")
    actions = relationship("Action", back_populates="meeting", cascade="all, delete-orphan",
                           order_by="Action.due_on, Action.id")

    @property
    def audit_region_id(self):
        return self.forum.audit_region_id if self.forum else None

    def __repr__(self):
        return f"<Meeting {self.id}>"


@region_scope(Meeting)
def meeting_region_ids(meeting):
    return forum_region_ids(meeting.forum)


@object_grant("forum.manage", Meeting)
def _coordinator_manages(person, meeting):
    return is_coordinator(person, meeting.forum.network)


@object_grant("region.participate", Meeting)
def _network_member_takes_part(person, meeting):
    """A person who is a member of the forum's network registers wherever their grants are."""
    network = meeting.forum.network
    return network is not None and any(member.person_id == person.id for member in network.members)


class _MeetingPart:
    """A row that belongs to a meeting: audited and scoped like its meeting."""

    __audited__ = True

    @property
    def audit_region_id(self):
        return self.meeting.audit_region_id if self.meeting else None


@region_scope(_MeetingPart)
def _part_regions(part):
    return meeting_region_ids(part.meeting)


@object_grant("forum.manage", _MeetingPart)
def _coordinator_manages_part(person, part):
    return is_coordinator(person, part.meeting.forum.network)


class AgendaItem(_MeetingPart, db.Model):
    __tablename__ = "agenda_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(db.ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    title: Mapped[str] = mapped_column(db.String(300))
    notes: Mapped[str] = mapped_column(db.Text, default="")

    meeting = relationship("Meeting", back_populates="agenda_items")


class Registration(_MeetingPart, db.Model):
    """A person's seat at a meeting, or their place on its waiting list (first come, first served)."""

    __tablename__ = "registrations"
    __table_args__ = (db.UniqueConstraint("meeting_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(db.ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(db.ForeignKey("people.id"), index=True)
    waiting: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    meeting = relationship("Meeting", back_populates="registrations")
    person = relationship("Person")


class Decision(_MeetingPart, db.Model):
    __tablename__ = "decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(db.ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    text: Mapped[str] = mapped_column(db.Text)

    meeting = relationship("Meeting", back_populates="decisions")


class Action(_MeetingPart, db.Model):
    """A follow-up action from a meeting: what, whose, by when, and the plan node it serves."""

    __tablename__ = "actions"
    __table_args__ = (
        db.CheckConstraint("owner_person_id IS NOT NULL OR owner_actor_id IS NOT NULL", name="has_owner"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(db.ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    decision_id: Mapped[int | None] = mapped_column(db.ForeignKey("decisions.id", ondelete="SET NULL"))
    what: Mapped[str] = mapped_column(db.Text)
    owner_person_id: Mapped[int | None] = mapped_column(db.ForeignKey("people.id"), index=True)
    owner_actor_id: Mapped[int | None] = mapped_column(db.ForeignKey("actors.id"), index=True)
    due_on: Mapped[date | None] = mapped_column(index=True)
    done: Mapped[bool] = mapped_column(default=False, index=True)
    done_at: Mapped[datetime | None]
    node_id: Mapped[int | None] = mapped_column(db.ForeignKey("plan_nodes.id"), index=True)
    initiative_id: Mapped[int | None] = mapped_column(db.ForeignKey("initiatives.id", ondelete="SET NULL"),
                                                      index=True)

    meeting = relationship("Meeting", back_populates="actions")
    decision = relationship("Decision")
    owner_person = relationship("Person")
    owner_actor = relationship("Actor")
    node = relationship("PlanNode")
    initiative = relationship("Initiative")

