from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from ..plugin_rows import PluginKeyedRow


class Indicator(PluginKeyedRow, db.Model):
    """A follow-up indicator a region's plan declares (e.g. a RUS 2030 sub-goal)."""

    __tablename__ = "indicators"
    __audited__ = True
    synced_fields = PluginKeyedRow.synced_fields + ("unit", "prioritised")

    unit: Mapped[str] = mapped_column(db.String(40), default="")
    prioritised: Mapped[bool] = mapped_column(default=False)
