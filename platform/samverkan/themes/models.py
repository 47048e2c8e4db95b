from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db


class Theme(db.Model):
    """A theme of the shared vocabulary: what makes two regions' plans comparable."""

    __tablename__ = "themes"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(db.String(60), unique=True)
    name: Mapped[str] = mapped_column(db.String(200))
    name_en: Mapped[str | None] = mapped_column(db.String(200))
    position: Mapped[int] = mapped_column(default=0)
    #: the plugin that added the theme; None for the core vocabulary
    plugin: Mapped[str | None] = mapped_column(db.String(100))

    def __repr__(self):
        return f"<Theme {self.slug}>"
