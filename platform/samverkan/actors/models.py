"""Actors: the organisations that carry out the plans, and the people who act for them."""
import re
import unicodedata
from datetime import datetime

from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..times import utcnow
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
    """A person acting for an actor in a role (contact, project lead, representative), on behalf
    of one of the actor's regions.

    What scopes a project lead to the initiatives of "their" actors. A membership belongs to the
    region whose admin added it: only that region's admins (or a platform admin) remove it, so
    that one region of a shared actor cannot cut another region's people off from it. Each region
    may add the same person in the same role for itself.
    """

    __tablename__ = "memberships"
    __audited__ = True
    __table_args__ = (db.UniqueConstraint("actor_id", "person_id", "role", "region_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    actor_id: Mapped[int] = mapped_column(db.ForeignKey("actors.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(db.ForeignKey("people.id"), index=True)
    #: a key of :data:`samverkan.actors.kinds.MEMBERSHIP_ROLES`
    role: Mapped[str] = mapped_column(db.String(40))
    #: the region the membership belongs to: its regional scope in :mod:`samverkan.policy`
    region_id: Mapped[int] = mapped_column(db.ForeignKey("regions.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    actor = relationship("Actor", back_populates="memberships")
    person = relationship("Person")
    region = relationship("Region")

    def __init__(self, **values):
        """An actor kept by one region gives its memberships that region unless told otherwise;
        one kept by several must be told which (:func:`samverkan.actors.services.add_membership`)."""
        actor = values.get("actor")
        if "region" not in values and "region_id" not in values and actor is not None:
            if len(actor.regions) != 1:
                raise ValueError(f"{actor!r} is kept by {len(actor.regions)} regions: name the membership's region")
            values["region"] = actor.regions[0]
        super().__init__(**values)
