from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from api.models.base import Base, IdMixin, TimestampMixin


class PeriodicRun(IdMixin, TimestampMixin, Base):
    """One period of one periodic task, claimed by the scheduler that enqueued it: whichever process holds
    the scheduling and however often it changes hands, a period is enqueued once (the unique key decides)."""

    __tablename__ = "periodic_runs"
    __table_args__ = (UniqueConstraint("name", "period_start", name="uq_periodic_runs_name_period"),)

    name: Mapped[str] = mapped_column(String(100))
    period_start: Mapped[datetime]
