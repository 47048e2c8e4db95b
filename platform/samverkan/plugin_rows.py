"""Columns shared by the rows a region plugin declares by key (actor kinds, indicators)."""
from sqlalchemy.orm import Mapped, declared_attr, mapped_column

from .extensions import db


class PluginKeyedRow:
    """A region's row identified by the plugin's ``key``, synced in the plugin's order.

    A row the plugin dropped is ``retired`` while something still points at it.
    """

    #: the fields ``plugins sync`` copies from the plugin's spec (a model adds its own)
    synced_fields = ("name", "name_en", "description", "description_en")

    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(db.ForeignKey("regions.id"), index=True)
    key: Mapped[str] = mapped_column(db.String(60))
    position: Mapped[int] = mapped_column(default=0)
    name: Mapped[str] = mapped_column(db.String(300))
    name_en: Mapped[str | None] = mapped_column(db.String(300))
    description: Mapped[str] = mapped_column(db.Text, default="")
    description_en: Mapped[str | None] = mapped_column(db.Text)
    retired: Mapped[bool] = mapped_column(default=False)

    @declared_attr.directive
    def __table_args__(cls):
        return (db.UniqueConstraint("region_id", "key"),)
