"""Meeting forums, and the forum models regions publish for each other to reuse."""
from datetime import datetime

from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..times import utcnow
from ..extensions import db
from ..networks.models import is_coordinator, network_region_ids
from ..policy import object_grant, region_scope


class ForumModel(db.Model):
    """A reusable way of running a forum: purpose, who takes part, recurring agenda, cadence.

    E.g. Gotland's model for dialogue forums, which says down to how many meetings to hold and
    who takes part. A region publishes its models; any region may start a forum from one.
    """

    __tablename__ = "forum_models"
    __audited__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(db.ForeignKey("regions.id"), index=True)
    name: Mapped[str] = mapped_column(db.String(200))
    purpose: Mapped[str] = mapped_column(db.Text, default="")
    #: who takes part, in words (e.g. "8–12 employers of one sector, one school leader …")
    participant_mix: Mapped[str] = mapped_column(db.Text, default="")
    #: how often it meets, in words (e.g. "four meetings a year")
    cadence: Mapped[str] = mapped_column(db.String(200), default="")
    meetings_per_year: Mapped[int | None]
    #: unpublished models are seen only by those who manage the region
    published: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    region = relationship("Region")
    agenda_items = relationship("ForumModelItem", back_populates="model", cascade="all, delete-orphan",
                                order_by="ForumModelItem.position")
    forums = relationship("Forum", back_populates="model", order_by="Forum.name")


class ForumModelItem(db.Model):
    """A recurring agenda item of a forum model."""

    __tablename__ = "forum_model_items"
    __audited__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    model_id: Mapped[int] = mapped_column(db.ForeignKey("forum_models.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    title: Mapped[str] = mapped_column(db.String(300))

    model = relationship("ForumModel", back_populates="agenda_items")

    @property
    def audit_region_id(self):
        return self.model.region_id if self.model else None


class Forum(db.Model):
    """A meeting place of a network, or of a region directly."""

    __tablename__ = "forums"
    __audited__ = True
    __table_args__ = (
        db.CheckConstraint("(network_id IS NULL) <> (region_id IS NULL)", name="network_or_region"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(db.String(200))
    purpose: Mapped[str] = mapped_column(db.Text, default="")
    network_id: Mapped[int | None] = mapped_column(db.ForeignKey("networks.id"), index=True)
    region_id: Mapped[int | None] = mapped_column(db.ForeignKey("regions.id"), index=True)
    #: the forum model it was started from, in any region
    model_id: Mapped[int | None] = mapped_column(db.ForeignKey("forum_models.id", ondelete="SET NULL"),
                                                 index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    network = relationship("Network")
    region = relationship("Region")
    model = relationship("ForumModel", back_populates="forums")

    @property
    def audit_region_id(self):
        if self.region_id is not None:
            return self.region_id
        return self.network.audit_region_id if self.network else None

    def __repr__(self):
        return f"<Forum {self.id}>"


@region_scope(Forum)
def forum_region_ids(forum):
    return network_region_ids(forum.network) if forum.network is not None else {forum.region_id}


@object_grant("forum.manage", Forum)
def _coordinator_manages(person, forum):
    return is_coordinator(person, forum.network)
