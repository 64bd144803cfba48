from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from api.models.base import Base, IdMixin, TenantMixin, TimestampMixin


class PaymentLink(IdMixin, TenantMixin, TimestampMixin, Base):
    """The stable `/pay/{token}` address of an invoice. Revoking it retires the token for good."""

    __tablename__ = "payment_links"
    __table_args__ = (Index("ix_payment_links_invoice_active", "invoice_id", "revoked_at"),)

    invoice_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("invoices.id", ondelete="CASCADE"))
    token: Mapped[str] = mapped_column(String(64), unique=True)
    revoked_at: Mapped[datetime | None] = mapped_column(default=None)
    last_opened_at: Mapped[datetime | None] = mapped_column(default=None)


class PaymentAttempt(IdMixin, TenantMixin, TimestampMixin, Base):
    """One click on a payment method: the provider object it created and where the payer was sent."""

    __tablename__ = "payment_attempts"
    __table_args__ = (Index("ix_payment_attempts_invoice_method", "invoice_id", "method", "status"),)

    invoice_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("invoices.id", ondelete="CASCADE"))
    method: Mapped[str] = mapped_column(String(20))
    provider: Mapped[str] = mapped_column(String(20))
    amount: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    status: Mapped[str] = mapped_column(String(20), default="open")
    provider_reference: Mapped[str | None] = mapped_column(String(100), default=None)
    redirect_url: Mapped[str | None] = mapped_column(String(2000), default=None)
    expires_at: Mapped[datetime | None] = mapped_column(default=None)
    error: Mapped[str | None] = mapped_column(String(500), default=None)
