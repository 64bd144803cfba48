from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from api.clock import utc_now
from api.models.base import Base, IdMixin, TenantMixin, TimestampMixin


class MandateStatus:
    pending = "pending"  # the payer was sent to the provider's page, or signed and the bank has not answered
    active = "active"
    cancelled = "cancelled"
    failed = "failed"
    expired = "expired"


class Mandate(IdMixin, TenantMixin, TimestampMixin, Base):
    """A reusable SEPA mandate a client signed on the provider's hosted page (prélèvement automatique).

    `reference` is what the provider gave us when the payer was sent there (the GoCardless Billing Request
    id); `mandate_reference` (MD…) once the payer has signed. `scheme_reference` is the RUM printed on
    pre-notifications.
    """

    __tablename__ = "mandates"
    __table_args__ = (Index("ix_mandates_client_status", "client_id", "status"),)

    client_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"))
    provider: Mapped[str] = mapped_column(String(20))
    reference: Mapped[str] = mapped_column(String(100), index=True)
    mandate_reference: Mapped[str | None] = mapped_column(String(100), default=None)
    status: Mapped[str] = mapped_column(String(20), default=MandateStatus.pending)
    scheme_reference: Mapped[str | None] = mapped_column(String(100), default=None)
    next_possible_charge_date: Mapped[date | None] = mapped_column(default=None)
    email: Mapped[str | None] = mapped_column(String(320), default=None)  # where pre-notifications go
    redirect_url: Mapped[str | None] = mapped_column(String(2000), default=None)
    redirect_expires_at: Mapped[datetime | None] = mapped_column(default=None)
    refreshed_at: Mapped[datetime | None] = mapped_column(default=None)
    updated_at: Mapped[datetime] = mapped_column(default=utc_now, onupdate=utc_now)
