"""Actors: the organisations that carry out the plans, and the people who act for them."""
import re
import unicodedata
from datetime import datetime

from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..times import utcnow
from ..extensions import db
from ..plugin_rows import PluginKeyedRow
from ..policy import region_scope
from ..regions.models import Region


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


def in_regions(region_ids):
    """The actors kept by any of ``region_ids``."""
    return Actor.regions.any(Region.id.in_(region_ids))


@region_scope(Actor, in_regions=in_regions)
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


class Invitation(db.Model):
    """A region admin's invitation of a person, by e-mail, to act for an actor in a role.

    For an address with no account to sign in with: the e-mailed link (its token stored as its
    SHA-256, like a reset link's) sets the password, gives the membership and the regional role,
    and signs in; once, until ``expires_at``, unless ``revoked_at``. An account that can sign in
    already gets the membership at once and no invitation.
    """

    __tablename__ = "invitations"
    __audited__ = True
    __audit_ignore__ = ("token_hash",)
    __audit_personal__ = ("email", "name")

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(db.String(64), unique=True)
    email: Mapped[str] = mapped_column(db.String(254), index=True)
    name: Mapped[str] = mapped_column(db.String(200))
    actor_id: Mapped[int] = mapped_column(db.ForeignKey("actors.id", ondelete="CASCADE"), index=True)
    #: a key of :data:`samverkan.actors.kinds.MEMBERSHIP_ROLES`
    membership_role: Mapped[str] = mapped_column(db.String(40))
    #: the regional role (:data:`samverkan.roles.INVITED_ROLES`) the person is given in ``region_id``
    role: Mapped[str] = mapped_column(db.String(40))
    #: the region the membership is for: whose admins see and revoke the invitation
    region_id: Mapped[int] = mapped_column(db.ForeignKey("regions.id"), index=True)
    invited_by_id: Mapped[int | None] = mapped_column(db.ForeignKey("people.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    accepted_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]
    #: the account that accepted it
    person_id: Mapped[int | None] = mapped_column(db.ForeignKey("people.id"))

    actor = relationship("Actor")
    region = relationship("Region")
    invited_by = relationship("Person", foreign_keys=[invited_by_id])

    @property
    def pending(self):
        return self.accepted_at is None and self.revoked_at is None and self.expires_at > utcnow()
