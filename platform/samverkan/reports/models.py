"""The annual report's PDF, rendered by a job and kept per region, year, language and data version."""
from datetime import UTC, datetime

from sqlalchemy import ForeignKey, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db

PENDING, READY, FAILED = "pending", "ready", "failed"


def utcnow():
    return datetime.now(UTC).replace(tzinfo=None)


class ReportPdf(db.Model):
    """One rendering: asked for once (the unique key makes twenty requests at once one row, so one
    job), filled in by the job. A newer data version replaces the older ones of its key."""

    __tablename__ = "report_pdfs"
    __table_args__ = (UniqueConstraint("region_id", "year", "language", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("regions.id", ondelete="CASCADE"))
    year: Mapped[int]
    language: Mapped[str] = mapped_column(String(8))
    version: Mapped[str] = mapped_column(String(64))
    state: Mapped[str] = mapped_column(String(16), default=PENDING)
    requested_at: Mapped[datetime] = mapped_column(default=utcnow)
    document: Mapped[bytes | None] = mapped_column(LargeBinary)
