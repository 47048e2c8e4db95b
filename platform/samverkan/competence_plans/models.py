"""An actor's competence-supply plan, one version a year.

A year is made from the previous one (its content carried over, then revised), so each year
stays readable as it was and the next shows what changed. Parts and activities carry the id of
the row they were copied from (``carried_from_id``): that is how the diff pairs them up.
"""
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import exists, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..times import utcnow
from ..actors.models import Actor, Membership
from ..extensions import db
from ..policy import object_grant

#: key -> label: the two horizons the strategy plans over (seed 001)
HORIZONS = {
    "short": _l("Short term (1–3 years)"),
    "long": _l("Long term (4–10 years)"),
}

#: the roles in an actor whose holders keep its competence-supply plan
PLAN_KEEPING_ROLES = ("contact", "representative")

competence_activity_nodes = db.Table(
    "competence_activity_nodes",
    db.Column("activity_id", db.ForeignKey("competence_activities.id", ondelete="CASCADE"), primary_key=True),
    db.Column("node_id", db.ForeignKey("plan_nodes.id"), primary_key=True, index=True),
)


class CompetencePlanYear(db.Model):
    """One year's version of an actor's competence-supply plan, structured by a template."""

    __tablename__ = "competence_plan_years"
    __audited__ = True
    __table_args__ = (db.UniqueConstraint("actor_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    actor_id: Mapped[int] = mapped_column(db.ForeignKey("actors.id", ondelete="CASCADE"), index=True)
    year: Mapped[int]
    #: the region whose template structures the plan and whose goals it serves
    region_id: Mapped[int] = mapped_column(db.ForeignKey("regions.id"), index=True)
    #: the template's sections when the year was made: [{key, title, title_en, text, text_en}]
    sections: Mapped[list] = mapped_column(db.JSON, default=list)
    summary: Mapped[str] = mapped_column(db.Text, default="")
    published_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(db.ForeignKey("people.id"))
    #: invented by ``samverkan demo load``; every page that shows it says so
    demo: Mapped[bool] = mapped_column(default=False)

    actor = relationship("Actor")
    region = relationship("Region")
    updated_by = relationship("Person")
    parts = relationship("CompetencePlanPart", back_populates="plan_year", cascade="all, delete-orphan",
                         order_by="CompetencePlanPart.id")
    activities = relationship("CompetenceActivity", back_populates="plan_year", cascade="all, delete-orphan",
                              order_by="CompetenceActivity.position")

    @property
    def published(self):
        return self.published_at is not None

    def __repr__(self):
        return f"<CompetencePlanYear {self.actor_id} {self.year}>"


class CompetencePlanPart(db.Model):
    """The gap and the need of one section of the template over one horizon."""

    __tablename__ = "competence_plan_parts"
    __audited__ = True
    __table_args__ = (db.UniqueConstraint("plan_year_id", "section_key", "horizon"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_year_id: Mapped[int] = mapped_column(db.ForeignKey("competence_plan_years.id", ondelete="CASCADE"),
                                              index=True)
    #: a section key of the year's template
    section_key: Mapped[str] = mapped_column(db.String(60))
    #: a key of :data:`HORIZONS`
    horizon: Mapped[str] = mapped_column(db.String(10))
    gap: Mapped[str] = mapped_column(db.Text, default="")
    need: Mapped[str] = mapped_column(db.Text, default="")
    carried_from_id: Mapped[int | None] = mapped_column(
        db.ForeignKey("competence_plan_parts.id", ondelete="SET NULL"))

    plan_year = relationship(CompetencePlanYear, back_populates="parts")

    @property
    def audit_region_id(self):
        return self.plan_year.region_id if self.plan_year else None


class CompetenceActivity(db.Model):
    """An activity that closes a gap: who is responsible, how it is followed up, the plan goals
    it serves, and the initiative it became in the registry, if it did."""

    __tablename__ = "competence_activities"
    __audited__ = True
    #: who is responsible may be a person's name
    __audit_personal__ = ("responsible",)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_year_id: Mapped[int] = mapped_column(db.ForeignKey("competence_plan_years.id", ondelete="CASCADE"),
                                              index=True)
    section_key: Mapped[str] = mapped_column(db.String(60))
    horizon: Mapped[str] = mapped_column(db.String(10))
    position: Mapped[int] = mapped_column(default=0)
    title: Mapped[str] = mapped_column(db.String(300))
    description: Mapped[str] = mapped_column(db.Text, default="")
    responsible: Mapped[str] = mapped_column(db.String(200), default="")
    follow_up: Mapped[str] = mapped_column(db.Text, default="")
    initiative_id: Mapped[int | None] = mapped_column(db.ForeignKey("initiatives.id", ondelete="SET NULL"),
                                                      index=True)
    carried_from_id: Mapped[int | None] = mapped_column(
        db.ForeignKey("competence_activities.id", ondelete="SET NULL"))

    plan_year = relationship(CompetencePlanYear, back_populates="activities")
    initiative = relationship("Initiative")
    nodes = relationship("PlanNode", secondary=competence_activity_nodes, order_by="PlanNode.id")

    @property
    def audit_region_id(self):
        return self.plan_year.region_id if self.plan_year else None


@object_grant("competence-plan.edit", Actor)
@object_grant("competence-plan.edit", CompetencePlanYear)
def _keepers_edit_own(person, obj):
    """An actor's contacts and representatives keep its plan, in whichever region; a region admin
    keeps the plans of the region's actors through the role."""
    actor_id = obj.id if isinstance(obj, Actor) else obj.actor_id
    return db.session.scalar(select(exists().where(Membership.person_id == person.id,
                                                    Membership.actor_id == actor_id,
                                                    Membership.role.in_(PLAN_KEEPING_ROLES))))
