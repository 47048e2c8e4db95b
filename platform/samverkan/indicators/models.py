from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db


class Indicator(db.Model):
    """A follow-up indicator a region's plan declares (e.g. a RUS 2030 sub-goal)."""

    __tablename__ = "indicators"
    __audited__ = True
    __table_args__ = (db.UniqueConstraint("region_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(db.ForeignKey("regions.id"), index=True)
    key: Mapped[str] = mapped_column(db.String(60))
    position: Mapped[int] = mapped_column(default=0)
    name: Mapped[str] = mapped_column(db.String(300))
    name_en: Mapped[str | None] = mapped_column(db.String(300))
    description: Mapped[str] = mapped_column(db.Text, default="")
    description_en: Mapped[str | None] = mapped_column(db.Text)
    unit: Mapped[str] = mapped_column(db.String(40), default="")
    prioritised: Mapped[bool] = mapped_column(default=False)
    retired: Mapped[bool] = mapped_column(default=False)
