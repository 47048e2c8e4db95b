from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db


class ActorKind(db.Model):
    """A kind of actor a region's plan names (education provider, employer, municipality …)."""

    __tablename__ = "actor_kinds"
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
    retired: Mapped[bool] = mapped_column(default=False)
