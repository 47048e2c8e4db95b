from sqlalchemy.orm import Mapped, declared_attr, mapped_column, relationship

from ..extensions import db
from ..policy import region_scope


class Region(db.Model):
    """A county and its plan space. Regions without a plugin have no plan yet."""

    __tablename__ = "regions"
    __audited__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(db.String(2), unique=True)
    slug: Mapped[str] = mapped_column(db.String(60), unique=True)
    name: Mapped[str] = mapped_column(db.String(100))
    name_en: Mapped[str | None] = mapped_column(db.String(100))
    #: the entry-point name of the plugin that provides the region's plan
    plugin: Mapped[str | None] = mapped_column(db.String(100))
    municipalities: Mapped[list] = mapped_column(db.JSON, default=list)

    plans = relationship("Plan", back_populates="region", order_by="Plan.position, Plan.version")
    principles = relationship(
        "Principle", order_by="Principle.position", cascade="all, delete-orphan"
    )
    #: the region's competence council, if its plugin describes one
    council = relationship("Council", back_populates="region", uselist=False, cascade="all, delete-orphan")

    @property
    def audit_region_id(self):
        return self.id

    @property
    def current_plans(self):
        """The current version of each plan the region's plugin still provides: the one not
        retired (sync retires a version the plugin dropped or a newer one superseded)."""
        newest = {}
        for plan in self.plans:
            if not plan.retired and (plan.key not in newest or plan.version > newest[plan.key].version):
                newest[plan.key] = plan
        return sorted(newest.values(), key=lambda plan: plan.position)

    @property
    def main_plan(self):
        """The plan the region's space leads with (the first its plugin returns)."""
        plans = self.current_plans
        return plans[0] if plans else None

    def __repr__(self):
        return f"<Region {self.slug}>"


@region_scope(Region, in_regions=lambda region_ids: Region.id.in_(region_ids))
def _region_itself(region):
    return {region.id}


class Principle(db.Model):
    """A guiding principle or guiding word (*ledord*) of a region, in the plan's order."""

    __tablename__ = "principles"
    __audited__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(db.ForeignKey("regions.id"), index=True)
    position: Mapped[int]
    title: Mapped[str] = mapped_column(db.String(300))
    title_en: Mapped[str | None] = mapped_column(db.String(300))
    text: Mapped[str] = mapped_column(db.Text, default="")
    text_en: Mapped[str | None] = mapped_column(db.Text)


class Council(db.Model):
    """A region's competence council (*kompetensråd*): what networks and forums belong to."""

    __tablename__ = "councils"
    __audited__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(db.ForeignKey("regions.id"), unique=True)
    name: Mapped[str] = mapped_column(db.String(200))
    name_en: Mapped[str | None] = mapped_column(db.String(200))
    description: Mapped[str] = mapped_column(db.Text, default="")
    description_en: Mapped[str | None] = mapped_column(db.Text)

    region = relationship("Region", back_populates="council")
    duties = relationship("CouncilDuty", order_by="CouncilDuty.position", cascade="all, delete-orphan")
    steps = relationship("CouncilStep", order_by="CouncilStep.position", cascade="all, delete-orphan")


class _CouncilPart:
    """A row of a council's ordered list: audited under the council's region."""

    __audited__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    council_id: Mapped[int] = mapped_column(db.ForeignKey("councils.id"))
    position: Mapped[int]
    text: Mapped[str] = mapped_column(db.Text, default="")
    text_en: Mapped[str | None] = mapped_column(db.Text)

    @declared_attr.directive
    def __table_args__(cls):
        return (db.UniqueConstraint("council_id", "position"),)

    @property
    def audit_region_id(self):
        council = db.session.get(Council, self.council_id)
        return council.region_id if council else None


class CouncilDuty(_CouncilPart, db.Model):
    """One of the council's duties, one sentence each."""

    __tablename__ = "council_duties"


class CouncilStep(_CouncilPart, db.Model):
    """One step of how the council works (status analysis, prioritisation, follow-up …)."""

    __tablename__ = "council_steps"

    title: Mapped[str] = mapped_column(db.String(300))
    title_en: Mapped[str | None] = mapped_column(db.String(300))
