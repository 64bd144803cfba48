from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import BigInteger, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from api.clock import utc_now
from api.models.base import Base, IdMixin, TenantMixin, TimestampMixin


class InstalmentPlanStatus:
    pending = "pending"  # chosen by the payer; waiting for the mandate, the notice, the provider's schedule
    active = "active"  # the provider holds the schedule
    completed = "completed"
    cancelled = "cancelled"
    errored = "errored"  # the provider refused the schedule for good: a person looks at it


class InstalmentStatus:
    planned = "planned"
    submitted = "submitted"  # part of the provider's schedule
    paid = "paid"
    failed = "failed"
    cancelled = "cancelled"  # the mandate was revoked before this debit reached the bank


class InstalmentPlan(IdMixin, TenantMixin, TimestampMixin, Base):
    """An invoice paid in `count` monthly instalments (échéancier) on the client's mandate."""

    __tablename__ = "instalment_plans"
    __table_args__ = (Index("ix_instalment_plans_status", "status"),)

    invoice_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("invoices.id", ondelete="CASCADE"))
    client_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"))
    mandate_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("mandates.id", ondelete="SET NULL"), default=None
    )
    provider: Mapped[str] = mapped_column(String(20))
    provider_reference: Mapped[str | None] = mapped_column(String(100), default=None)
    count: Mapped[int]
    total: Mapped[int] = mapped_column(BigInteger)  # minor units; the instalments add up to it exactly
    currency: Mapped[str] = mapped_column(String(3))
    status: Mapped[str] = mapped_column(String(20), default=InstalmentPlanStatus.pending)
    notified_at: Mapped[datetime | None] = mapped_column(default=None)
    notice_message_id: Mapped[str | None] = mapped_column(String(300), default=None)
    error: Mapped[str | None] = mapped_column(String(500), default=None)
    updated_at: Mapped[datetime] = mapped_column(default=utc_now, onupdate=utc_now)


# One plan per invoice, unless it was cancelled.
Index(
    "uq_instalment_plans_invoice_live",
    InstalmentPlan.invoice_id,
    unique=True,
    sqlite_where=InstalmentPlan.status != InstalmentPlanStatus.cancelled,
    postgresql_where=InstalmentPlan.status != InstalmentPlanStatus.cancelled,
)


class Instalment(IdMixin, TenantMixin, TimestampMixin, Base):
    """One monthly payment of a plan. Number 1 carries the cents that do not divide evenly."""

    __tablename__ = "instalments"
    __table_args__ = (UniqueConstraint("plan_id", "number"),)

    plan_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("instalment_plans.id", ondelete="CASCADE"))
    number: Mapped[int]
    amount: Mapped[int] = mapped_column(BigInteger)
    due_date: Mapped[date]
    status: Mapped[str] = mapped_column(String(20), default=InstalmentStatus.planned)
    provider_reference: Mapped[str | None] = mapped_column(String(100), default=None, index=True)
    updated_at: Mapped[datetime] = mapped_column(default=utc_now, onupdate=utc_now)
