"""Actors: the organisations that carry out the plans, and the people who act for them."""
import re
import unicodedata
from datetime import datetime

from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import utcnow
from ..extensions import db
from ..plugin_rows import PluginKeyedRow
from ..policy import region_scope


class ActorKind(PluginKeyedRow, db.Model):
    """A kind of actor a region's plan names (education provider, employer, municipality …)."""

    __tablename__ = "actor_kinds"
    __audited__ = True


actor_regions = db.Table(
    "actor_regions",
    db.Column("actor_id", db.ForeignKey("actors.id", ondelete="CASCADE"), primary_key=True),
    db.Column("region_id", db.ForeignKey("regions.id"), primary_key=True, index=True),
)


def comparable_name(name):
    """A name with case, accents' composition, punctuation and spacing ignored: "AB Volvo" and
    "ab  volvo." compare equal, so the same organisation is not registered twice."""
    folded = unicodedata.normalize("NFKC", name).casefold()
    return " ".join(re.sub(r"[^\w\s]|_", " ", folded).split())


class Actor(db.Model):
    """An organisation that takes part in the competence-supply work of one or more regions."""

    __tablename__ = "actors"
    __audited__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(db.String(200))
    #: :func:`comparable_name` of ``name``: what the duplicate check and the text filter compare
    comparable_name: Mapped[str] = mapped_column(db.String(200), index=True)
    #: a core kind (:mod:`samverkan.actors.kinds`) or an actor kind key of one of its regions' plugins
    kind: Mapped[str] = mapped_column(db.String(60), index=True)
    municipality: Mapped[str | None] = mapped_column(db.String(100), index=True)
    #: Swedish organisation number as NNNNNN-NNNN; unique nationally
    org_number: Mapped[str | None] = mapped_column(db.String(11), unique=True)
    website: Mapped[str | None] = mapped_column(db.String(500))
    description: Mapped[str] = mapped_column(db.Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    regions = relationship("Region", secondary=actor_regions, order_by="Region.name")
    memberships = relationship("Membership", back_populates="actor", cascade="all, delete-orphan",
                               order_by="Membership.id")

    @property
    def audit_region_id(self):
        ids = sorted(region.id for region in self.regions)
        return ids[0] if ids else None

    def __repr__(self):
        return f"<Actor {self.id}>"


@region_scope(Actor)
def _actor_regions(actor):
    return {region.id for region in actor.regions}


class Membership(db.Model):
    """A person acting for an actor in a role (contact, project lead, representative).

    What later scopes a project lead to the initiatives of "their" actors.
    """

    __tablename__ = "memberships"
    __audited__ = True
    __table_args__ = (db.UniqueConstraint("actor_id", "person_id", "role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    actor_id: Mapped[int] = mapped_column(db.ForeignKey("actors.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(db.ForeignKey("people.id"), index=True)
    #: a key of :data:`samverkan.actors.kinds.MEMBERSHIP_ROLES`
    role: Mapped[str] = mapped_column(db.String(40))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    actor = relationship("Actor", back_populates="memberships")
    person = relationship("Person")

    @property
    def audit_region_id(self):
        return self.actor.audit_region_id if self.actor else None


@region_scope(Membership)
def _membership_regions(membership):
    return _actor_regions(membership.actor)
