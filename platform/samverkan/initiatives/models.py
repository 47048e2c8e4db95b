"""Initiatives: the projects and efforts that carry out the plans, with their progress reports,
the reporting periods of a region, and practices one region adopts from another."""
from datetime import date, datetime

from sqlalchemy import exists, or_, select, true, union
from sqlalchemy.ext.associationproxy import association_proxy
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..times import utcnow
from ..extensions import db
from ..policy import ObjectRule, object_rule, region_scope
from ..actors.models import Actor, Membership
from ..plans.models import plan_node_themes
from ..regions.models import Region


def _link_table(name, column, target):
    return db.Table(
        name,
        db.Column("initiative_id", db.ForeignKey("initiatives.id", ondelete="CASCADE"), primary_key=True),
        db.Column(column, db.ForeignKey(target), primary_key=True, index=True),
    )


initiative_partners = _link_table("initiative_partners", "actor_id", "actors.id")
initiative_regions = _link_table("initiative_regions", "region_id", "regions.id")
initiative_plan_nodes = _link_table("initiative_plan_nodes", "node_id", "plan_nodes.id")
initiative_themes = _link_table("initiative_themes", "theme_id", "themes.id")
initiative_networks = _link_table("initiative_networks", "network_id", "networks.id")


def theme_sources():
    """The two ways an initiative has a theme, as selects of ``(initiative_id, theme_id)``: set on
    it directly, or carried by a plan node it is linked to. The one definition of an initiative's
    themes: the theme filter tests these, the lists and pages show them (:data:`theme_links`)."""
    return (select(initiative_themes.c.initiative_id, initiative_themes.c.theme_id),
            select(initiative_plan_nodes.c.initiative_id, plan_node_themes.c.theme_id)
            .join(plan_node_themes, plan_node_themes.c.node_id == initiative_plan_nodes.c.node_id))


#: every ``(initiative_id, theme_id)`` of :func:`theme_sources`, once each
theme_links = union(*theme_sources()).subquery("theme_links")


class InitiativeTargetGroup(db.Model):
    """A target group an initiative reaches: a key of ``vocabulary.TARGET_GROUPS``."""

    __tablename__ = "initiative_target_groups"

    initiative_id: Mapped[int] = mapped_column(db.ForeignKey("initiatives.id", ondelete="CASCADE"),
                                               primary_key=True)
    key: Mapped[str] = mapped_column(db.String(40), primary_key=True, index=True)


class InitiativePerspective(db.Model):
    """An equality perspective an initiative takes: a key of ``vocabulary.EQUALITY_PERSPECTIVES``."""

    __tablename__ = "initiative_perspectives"

    initiative_id: Mapped[int] = mapped_column(db.ForeignKey("initiatives.id", ondelete="CASCADE"),
                                               primary_key=True)
    key: Mapped[str] = mapped_column(db.String(40), primary_key=True)


class Funding(db.Model):
    """What one source pays towards an initiative, in whole kronor."""

    __tablename__ = "initiative_funding"

    initiative_id: Mapped[int] = mapped_column(db.ForeignKey("initiatives.id", ondelete="CASCADE"),
                                               primary_key=True)
    #: a key of ``vocabulary.FUNDING_SOURCES``
    source: Mapped[str] = mapped_column(db.String(20), primary_key=True, index=True)
    amount_sek: Mapped[int] = mapped_column(db.BigInteger)


class Initiative(db.Model):
    """A project or effort of one or more actors, led from one region, often with partner regions.

    ``version`` is checked in every UPDATE (optimistic locking): two people who edit the same
    initiative cannot overwrite each other unseen; the second gets a conflict
    (:mod:`samverkan.initiatives.services`).
    """

    __tablename__ = "initiatives"
    __audited__ = True
    __audit_ignore__ = ("version", "updated_at")
    __audit_personal__ = ("contact_name", "contact_email", "contact_phone")
    #: a region's initiatives newest first from one index; draft and status have none (each
    #: matches a large share: an index would only lure SQLite's planner away from a better start)
    __table_args__ = (db.Index("ix_initiatives_lead_region_id_updated_at", "lead_region_id", "updated_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(db.String(300))
    summary: Mapped[str] = mapped_column(db.Text, default="")
    #: Markdown, rendered safely
    description: Mapped[str] = mapped_column(db.Text, default="")
    owner_id: Mapped[int] = mapped_column(db.ForeignKey("actors.id"), index=True)
    lead_region_id: Mapped[int] = mapped_column(db.ForeignKey("regions.id"))
    #: a key of ``vocabulary.STATUSES``
    status: Mapped[str] = mapped_column(db.String(20), default="idea")
    #: a draft is seen only by those who may edit it and by analysts
    draft: Mapped[bool] = mapped_column(default=False)
    starts_on: Mapped[date | None]
    ends_on: Mapped[date | None]
    budget_sek: Mapped[int | None] = mapped_column(db.BigInteger)
    #: e.g. the project's id in a funding registry (ESF-rådet's project bank)
    external_ref: Mapped[str | None] = mapped_column(db.String(100))
    contact_name: Mapped[str | None] = mapped_column(db.String(200))
    contact_email: Mapped[str | None] = mapped_column(db.String(254))
    contact_phone: Mapped[str | None] = mapped_column(db.String(40))
    #: web addresses, one per line
    links: Mapped[str] = mapped_column(db.Text, default="")
    results: Mapped[str] = mapped_column(db.Text, default="")
    #: a good example for other regions, shown in the practice library
    is_practice: Mapped[bool] = mapped_column(default=False, index=True)
    #: the day it was marked as a practice (None while it is none): "shared" in the annual report
    practice_since: Mapped[date | None]
    lessons_learned: Mapped[str] = mapped_column(db.Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(db.ForeignKey("people.id"))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    updated_by_id: Mapped[int | None] = mapped_column(db.ForeignKey("people.id"))
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}

    owner = relationship("Actor", foreign_keys=[owner_id])
    lead_region = relationship("Region")
    partners = relationship("Actor", secondary=initiative_partners, order_by="Actor.name")
    partner_regions = relationship("Region", secondary=initiative_regions, order_by="Region.name")
    nodes = relationship("PlanNode", secondary=initiative_plan_nodes, order_by="PlanNode.id")
    #: the themes set on it directly (what its form edits)
    themes = relationship("Theme", secondary=initiative_themes, order_by="Theme.position")
    #: the themes it has: set directly or carried by its plan nodes (what pages show)
    all_themes = relationship("Theme", secondary=theme_links, order_by="Theme.position", viewonly=True)
    networks = relationship("Network", secondary=initiative_networks, order_by="Network.name")
    target_group_rows = relationship(InitiativeTargetGroup, cascade="all, delete-orphan",
                                     order_by=InitiativeTargetGroup.key)
    perspective_rows = relationship(InitiativePerspective, cascade="all, delete-orphan",
                                    order_by=InitiativePerspective.key)
    target_groups = association_proxy("target_group_rows", "key",
                                      creator=lambda key: InitiativeTargetGroup(key=key))
    perspectives = association_proxy("perspective_rows", "key", creator=lambda key: InitiativePerspective(key=key))
    funding = relationship(Funding, cascade="all, delete-orphan", order_by=Funding.source)
    status_changes = relationship("StatusChange", back_populates="initiative", cascade="all, delete-orphan",
                                  order_by="StatusChange.changed_on.desc(), StatusChange.id.desc()")
    progress_entries = relationship("ProgressEntry", back_populates="initiative", cascade="all, delete-orphan",
                                    order_by="ProgressEntry.reported_on.desc(), ProgressEntry.id.desc()")
    created_by = relationship("Person", foreign_keys=[created_by_id])
    updated_by = relationship("Person", foreign_keys=[updated_by_id])

    @property
    def region_ids(self):
        return {self.lead_region_id} | {region.id for region in self.partner_regions}

    @property
    def audit_region_id(self):
        return self.lead_region_id

    @property
    def actor_ids(self):
        """The owner and the partners: whose project leads may edit the initiative."""
        return {self.owner_id} | {actor.id for actor in self.partners}

    def __repr__(self):
        return f"<Initiative {self.id}>"


#: the practice library: published practices, newest change first, counted and paged from the index
db.Index("ix_initiatives_practice_library", Initiative.is_practice, Initiative.draft, Initiative.updated_at)


def in_regions(region_ids):
    """The initiatives led from or partnered by any of ``region_ids``."""
    return or_(Initiative.lead_region_id.in_(region_ids), Initiative.partner_regions.any(Region.id.in_(region_ids)))


#: the permission that decides who saves an initiative
EDIT = "initiative.edit"


@region_scope(Initiative, in_regions=in_regions)
def initiative_region_ids(initiative):
    return initiative.region_ids


@object_rule(EDIT, Initiative)
class OwnActors(ObjectRule):
    """The relation of ``initiative.edit`` (a project lead's): the owner or a partner is an actor
    the person is a member of."""

    def allows(self, person, grant, initiative):
        return db.session.scalar(select(exists().where(Membership.person_id == person.id,
                                                        Membership.actor_id.in_(initiative.actor_ids))))

    def condition(self, person, grants):
        own_actors = select(Membership.actor_id).where(Membership.person_id == person.id)
        return or_(Initiative.owner_id.in_(own_actors), Initiative.partners.any(Actor.id.in_(own_actors)))


@object_rule(EDIT, Actor)
class ActsFor(ObjectRule):
    """Using an actor as an initiative's owner (the owners a form offers): a project lead uses the
    actors they are a member of, so that the form offers nothing the save would refuse."""

    def allows(self, person, grant, actor):
        return db.session.scalar(select(exists().where(Membership.person_id == person.id,
                                                        Membership.actor_id == actor.id)))

    def condition(self, person, grants):
        return Actor.id.in_(select(Membership.actor_id).where(Membership.person_id == person.id))


@object_rule(EDIT, Region)
class StartsInTheRegion(ObjectRule):
    """Starting an initiative in a region (the region page's link, the lead regions a form offers):
    the region is enough, because what is saved is decided on the initiative itself."""

    def allows(self, person, grant, region):
        return True

    def condition(self, person, grants):
        return true()


class StatusChange(db.Model):
    """A step of an initiative from one status to another, dated."""

    __tablename__ = "initiative_status_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    initiative_id: Mapped[int] = mapped_column(db.ForeignKey("initiatives.id", ondelete="CASCADE"), index=True)
    from_status: Mapped[str | None] = mapped_column(db.String(20))
    to_status: Mapped[str] = mapped_column(db.String(20))
    changed_on: Mapped[date]
    changed_by_id: Mapped[int | None] = mapped_column(db.ForeignKey("people.id"))

    initiative = relationship("Initiative", back_populates="status_changes")
    changed_by = relationship("Person")


class ReportingPeriod(db.Model):
    """A period a region asks its initiatives to report on, and the date the report is due."""

    __tablename__ = "reporting_periods"
    __audited__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(db.ForeignKey("regions.id"), index=True)
    name: Mapped[str] = mapped_column(db.String(100))
    starts_on: Mapped[date]
    ends_on: Mapped[date]
    due_on: Mapped[date] = mapped_column(index=True)

    region = relationship("Region")


class ProgressEntry(db.Model):
    """A dated report of an initiative: what happened, the next steps, and indicator values."""

    __tablename__ = "progress_entries"
    __audited__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    initiative_id: Mapped[int] = mapped_column(db.ForeignKey("initiatives.id", ondelete="CASCADE"), index=True)
    reported_on: Mapped[date] = mapped_column(index=True)
    happened: Mapped[str] = mapped_column(db.Text)
    next_steps: Mapped[str] = mapped_column(db.Text, default="")
    author_id: Mapped[int | None] = mapped_column(db.ForeignKey("people.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    initiative = relationship("Initiative", back_populates="progress_entries")
    author = relationship("Person")
    values = relationship("ProgressValue", cascade="all, delete-orphan", order_by="ProgressValue.indicator_id")

    @property
    def audit_region_id(self):
        return self.initiative.lead_region_id if self.initiative else None


@region_scope(ProgressEntry, in_regions=lambda region_ids: ProgressEntry.initiative.has(in_regions(region_ids)))
def _entry_regions(entry):
    return entry.initiative.region_ids


@object_rule(EDIT, ProgressEntry)
class EntryOfOwnActors(ObjectRule):
    """Whoever may edit the initiative may change its reports, and nobody else."""

    def allows(self, person, grant, entry):
        return OwnActors().allows(person, grant, entry.initiative)

    def condition(self, person, grants):
        return ProgressEntry.initiative.has(OwnActors().condition(person, grants))


class ProgressValue(db.Model):
    """The value of one of the region's indicators that a progress report gives."""

    __tablename__ = "progress_values"

    entry_id: Mapped[int] = mapped_column(db.ForeignKey("progress_entries.id", ondelete="CASCADE"),
                                          primary_key=True)
    indicator_id: Mapped[int] = mapped_column(db.ForeignKey("indicators.id"), primary_key=True)
    value: Mapped[float]

    indicator = relationship("Indicator")


class Adoption(db.Model):
    """A region taking up another region's practice, optionally as one of its own initiatives."""

    __tablename__ = "practice_adoptions"
    __audited__ = True
    __table_args__ = (db.UniqueConstraint("practice_id", "region_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    practice_id: Mapped[int] = mapped_column(db.ForeignKey("initiatives.id", ondelete="CASCADE"), index=True)
    region_id: Mapped[int] = mapped_column(db.ForeignKey("regions.id"), index=True)
    #: the adopting region's own initiative that carries the practice on, if there is one
    initiative_id: Mapped[int | None] = mapped_column(db.ForeignKey("initiatives.id", ondelete="SET NULL"),
                                                      index=True)
    adopted_on: Mapped[date]
    note: Mapped[str] = mapped_column(db.Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(db.ForeignKey("people.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    practice = relationship("Initiative", foreign_keys=[practice_id], backref="adoptions")
    region = relationship("Region")
    initiative = relationship("Initiative", foreign_keys=[initiative_id], backref="adopted_practices")
