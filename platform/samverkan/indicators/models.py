"""Follow-up indicators: the ones a region's plugin declares (e.g. Västmanland's RUS 2030
sub-goals) and the ones a region admin adds, with yearly values per region."""
from datetime import datetime

from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..times import utcnow
from ..extensions import db
from ..plugin_rows import PluginKeyedRow
from ..policy import region_scope


class Indicator(PluginKeyedRow, db.Model):
    """A follow-up indicator of a region (a RUS 2030 sub-goal, or one the region added)."""

    __tablename__ = "indicators"
    __audited__ = True
    synced_fields = PluginKeyedRow.synced_fields + ("unit", "prioritised")

    unit: Mapped[str] = mapped_column(db.String(40), default="")
    prioritised: Mapped[bool] = mapped_column(default=False)
    #: where the values come from (e.g. "Kolada N00914"), shown with every chart
    source: Mapped[str] = mapped_column(db.String(300), default="")
    #: added by a region admin, not by the plugin: ``plugins sync`` leaves it alone
    custom: Mapped[bool] = mapped_column(default=False)

    values = relationship("IndicatorValue", back_populates="indicator", cascade="all, delete-orphan",
                          order_by="IndicatorValue.year, IndicatorValue.region_id")
    #: the region whose indicator it is (its values may describe any county)
    region = relationship("Region")


class IndicatorValue(db.Model):
    """An indicator's value for one region in one year, in total and, where the source gives
    them, for women and men (as Kolada reports them)."""

    __tablename__ = "indicator_values"
    __audited__ = True
    __table_args__ = (db.UniqueConstraint("indicator_id", "region_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(db.ForeignKey("indicators.id", ondelete="CASCADE"))
    #: the region the value describes (any county: an indicator is compared across regions)
    region_id: Mapped[int] = mapped_column(db.ForeignKey("regions.id"), index=True)
    year: Mapped[int]
    value: Mapped[float]
    value_women: Mapped[float | None]
    value_men: Mapped[float | None]
    #: where this value comes from, when it differs from the indicator's source
    source: Mapped[str] = mapped_column(db.String(300), default="")
    #: invented by ``samverkan demo load``; every page that shows it says so
    demo: Mapped[bool] = mapped_column(default=False)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(db.ForeignKey("people.id"))

    indicator = relationship("Indicator", back_populates="values")
    region = relationship("Region")

    @property
    def audit_region_id(self):
        return self.indicator.region_id if self.indicator is not None else self.region_id


@region_scope(IndicatorValue)
def _indicator_region(value):
    """A value is the indicator's region's to keep, whichever county it describes."""
    return {value.indicator.region_id}
