from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import BigInteger, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from api.clock import utc_now
from api.models.base import Base, IdMixin, TenantMixin, TimestampMixin


class CollectionStatus:
    planned = "planned"  # row written, pre-notification not sent yet
    notified = "notified"  # pre-notification sent, not yet accepted by the provider
    submitted = "submitted"  # the provider holds a payment for `charge_date`
    paid = "paid"  # the provider confirmed the money
    failed = "failed"  # refused by the provider or the bank: the invoice is open again
    cancelled = "cancelled"  # mandate revoked before the debit


class Collection(IdMixin, TenantMixin, TimestampMixin, Base):
    """One automatic debit of an invoice on a client's mandate, on its due date or later."""

    __tablename__ = "collections"
    __table_args__ = (Index("ix_collections_mandate_status", "mandate_id", "status"),)

    invoice_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("invoices.id", ondelete="CASCADE"))
    mandate_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("mandates.id", ondelete="CASCADE"))
    amount: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    charge_date: Mapped[date]
    status: Mapped[str] = mapped_column(String(20), default=CollectionStatus.planned)
    provider_reference: Mapped[str | None] = mapped_column(String(100), default=None)
    notified_at: Mapped[datetime | None] = mapped_column(default=None)
    notice_message_id: Mapped[str | None] = mapped_column(String(300), default=None)
    submitted_at: Mapped[datetime | None] = mapped_column(default=None)
    error: Mapped[str | None] = mapped_column(String(500), default=None)
    updated_at: Mapped[datetime] = mapped_column(default=utc_now, onupdate=utc_now)


# One automatic collection per invoice: a cancelled one (mandate revoked) does not block a new one after a new
# mandate; any other does. Running the planning twice cannot plan twice.
Index(
    "uq_collections_invoice_active",
    Collection.invoice_id,
    unique=True,
    sqlite_where=Collection.status != CollectionStatus.cancelled,
    postgresql_where=Collection.status != CollectionStatus.cancelled,
)
