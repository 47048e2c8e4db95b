"""Networks: lasting groups of actors and people, in one region or spanning several."""
from datetime import datetime

from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..times import utcnow
from ..extensions import db
from ..policy import object_grant, region_scope
from ..regions.models import Region

network_regions = db.Table(
    "network_regions",
    db.Column("network_id", db.ForeignKey("networks.id", ondelete="CASCADE"), primary_key=True),
    db.Column("region_id", db.ForeignKey("regions.id"), primary_key=True, index=True),
)

network_plan_nodes = db.Table(
    "network_plan_nodes",
    db.Column("network_id", db.ForeignKey("networks.id", ondelete="CASCADE"), primary_key=True),
    db.Column("node_id", db.ForeignKey("plan_nodes.id"), primary_key=True, index=True),
)


class Network(db.Model):
    """A council, a sector or programme council, a guidance or validation network …"""

    __tablename__ = "networks"
    __audited__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(db.String(200))
    name_en: Mapped[str | None] = mapped_column(db.String(200))
    #: a key of :data:`samverkan.networks.stages.NETWORK_KINDS`
    kind: Mapped[str] = mapped_column(db.String(40), index=True)
    purpose: Mapped[str] = mapped_column(db.Text, default="")
    purpose_en: Mapped[str | None] = mapped_column(db.Text)
    #: a key of :data:`samverkan.networks.stages.STAGES`
    stage: Mapped[str] = mapped_column(db.String(20), default="samtal", index=True)
    #: the region's council this network is, when it came from a plugin (kept by ``plugins sync``)
    council_id: Mapped[int | None] = mapped_column(db.ForeignKey("councils.id", ondelete="SET NULL"),
                                                   unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    regions = relationship("Region", secondary=network_regions, order_by="Region.name")
    nodes = relationship("PlanNode", secondary=network_plan_nodes, order_by="PlanNode.id")
    members = relationship("NetworkMember", back_populates="network", cascade="all, delete-orphan",
                           order_by="NetworkMember.id")
    stage_changes = relationship("StageChange", back_populates="network", cascade="all, delete-orphan",
                                 order_by="StageChange.changed_at.desc(), StageChange.id.desc()")

    @property
    def audit_region_id(self):
        ids = sorted(region.id for region in self.regions)
        return ids[0] if ids else None

    def __repr__(self):
        return f"<Network {self.id}>"


@region_scope(Network, in_regions=lambda region_ids: Network.regions.any(Region.id.in_(region_ids)))
def network_region_ids(network):
    return {region.id for region in network.regions}


def is_coordinator(person, network):
    """Whether ``person`` coordinates ``network`` (a member with the coordinator role)."""
    return network is not None and any(
        member.coordinator and member.person_id == person.id for member in network.members
    )


def _coordinates(person):
    """:func:`is_coordinator` as a condition on :class:`Network`."""
    return Network.members.any((NetworkMember.person_id == person.id) & NetworkMember.coordinator.is_(True))


@object_grant("forum.manage", Network, condition=_coordinates)
def _coordinator_manages_forums(person, network):
    return is_coordinator(person, network)


class NetworkMember(db.Model):
    """An actor or a person in a network; a person may coordinate it."""

    __tablename__ = "network_members"
    __audited__ = True
    __table_args__ = (
        db.UniqueConstraint("network_id", "actor_id"),
        db.UniqueConstraint("network_id", "person_id"),
        db.CheckConstraint("(actor_id IS NULL) <> (person_id IS NULL)", name="actor_or_person"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    network_id: Mapped[int] = mapped_column(db.ForeignKey("networks.id", ondelete="CASCADE"), index=True)
    actor_id: Mapped[int | None] = mapped_column(db.ForeignKey("actors.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int | None] = mapped_column(db.ForeignKey("people.id"), index=True)
    #: a person who coordinates the network manages its forums and meetings, in every region
    coordinator: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    network = relationship("Network", back_populates="members")
    actor = relationship("Actor")
    person = relationship("Person")

    @property
    def audit_region_id(self):
        return self.network.audit_region_id if self.network else None


@region_scope(NetworkMember)
def _member_regions(member):
    return network_region_ids(member.network)


class StageChange(db.Model):
    """A step of a network on Samverkanstrappan: when, from where to where, by whom and why."""

    __tablename__ = "stage_changes"
    __audited__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    network_id: Mapped[int] = mapped_column(db.ForeignKey("networks.id", ondelete="CASCADE"), index=True)
    from_stage: Mapped[str | None] = mapped_column(db.String(20))
    to_stage: Mapped[str] = mapped_column(db.String(20))
    changed_at: Mapped[datetime] = mapped_column(default=utcnow)
    changed_by_id: Mapped[int | None] = mapped_column(db.ForeignKey("people.id"))
    reason: Mapped[str] = mapped_column(db.Text, default="")

    network = relationship("Network", back_populates="stage_changes")
    changed_by = relationship("Person")

    @property
    def audit_region_id(self):
        return self.network.audit_region_id if self.network else None
