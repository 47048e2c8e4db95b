from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ..policy import region_scope
from ..specs import SectionSpec


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
    council_name: Mapped[str | None] = mapped_column(db.String(200))
    council_name_en: Mapped[str | None] = mapped_column(db.String(200))
    council_description: Mapped[str] = mapped_column(db.Text, default="")
    council_description_en: Mapped[str | None] = mapped_column(db.Text)
    #: the council's duties as ``[swedish, english-or-null]`` pairs
    council_duties: Mapped[list] = mapped_column(db.JSON, default=list)
    #: how the council works: ``[{"title", "title_en", "text", "text_en"}, …]``
    council_workflow: Mapped[list] = mapped_column(db.JSON, default=list)

    plans = relationship("Plan", back_populates="region", order_by="Plan.position, Plan.version")
    principles = relationship(
        "Principle", order_by="Principle.position", cascade="all, delete-orphan"
    )

    @property
    def audit_region_id(self):
        return self.id

    @property
    def council_steps(self):
        return [SectionSpec(**step) for step in self.council_workflow]

    @property
    def current_plans(self):
        """The newest version of each plan the region's plugin still provides."""
        newest = {}
        for plan in self.plans:
            if not plan.retired:
                newest[plan.key] = plan
        return list(newest.values())

    @property
    def main_plan(self):
        """The plan the region's space leads with (the first its plugin returns)."""
        plans = self.current_plans
        return plans[0] if plans else None

    def __repr__(self):
        return f"<Region {self.slug}>"


@region_scope(Region)
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
