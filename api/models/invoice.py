from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, BigInteger, Boolean, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, declared_attr, mapped_column

from api.clock import utc_now
from api.models.base import Base, IdMixin, TenantMixin, TimestampMixin


class InvoiceStatus(StrEnum):
    needs_review = "needs_review"
    ready = "ready"


class Invoice(IdMixin, TenantMixin, TimestampMixin, Base):
    """A sales invoice. Amounts are integer minor units of `currency`.

    `extraction` is what capture read, kept as it was; `fields` holds the current value of every field
    (extracted or corrected) with its confidence and source box; the typed columns are derived from
    `fields` for querying.
    """

    __tablename__ = "invoices"
    __table_args__ = (Index("ix_invoices_org_seller_number", "organisation_id", "seller_key", "number"),)

    @declared_attr
    def organisation_id(cls) -> Mapped[uuid.UUID]:
        # No index of its own: ix_invoices_org_seller_number starts with it, and every index is one more
        # write for each invoice the dunning tick claims.
        return mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))

    document_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("documents.id", ondelete="SET NULL"), index=True
    )
    client_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("clients.id", ondelete="SET NULL"), index=True
    )
    number: Mapped[str | None] = mapped_column(String(100))
    document_type: Mapped[str] = mapped_column(String(20), default="invoice")
    status: Mapped[str] = mapped_column(String(30), default=InvoiceStatus.needs_review)
    issue_date: Mapped[date | None] = mapped_column(default=None)
    due_date: Mapped[date | None] = mapped_column(default=None)
    currency: Mapped[str] = mapped_column(String(3), default="EUR")
    total_excl_tax: Mapped[int | None] = mapped_column(BigInteger, default=None)
    total_tax: Mapped[int | None] = mapped_column(BigInteger, default=None)
    total_incl_tax: Mapped[int | None] = mapped_column(BigInteger, default=None)
    amount_due: Mapped[int | None] = mapped_column(BigInteger, default=None)
    seller_name: Mapped[str | None] = mapped_column(String(300), default=None)
    seller_key: Mapped[str | None] = mapped_column(String(300), default=None)
    buyer_name: Mapped[str | None] = mapped_column(String(300), default=None)
    capture_method: Mapped[str | None] = mapped_column(String(10), default=None)
    fields: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    extraction: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # {"code", "params", "message"} each; English sentences on older rows (api/invoices/capture_warnings.py)
    warnings: Mapped[list[Any]] = mapped_column(JSON, default=list)
    duplicate_of_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("invoices.id", ondelete="SET NULL"), default=None
    )
    # Recomputed from the ledger (api/ledger): open, processing, partially_paid, paid or cancelled.
    collection_status: Mapped[str] = mapped_column(String(20), default="open")
    amount_paid: Mapped[int] = mapped_column(BigInteger, default=0)
    amount_processing: Mapped[int] = mapped_column(BigInteger, default=0)
    amount_refunded: Mapped[int] = mapped_column(BigInteger, default=0)
    balance_due: Mapped[int | None] = mapped_column(BigInteger, default=None)
    disputed: Mapped[bool] = mapped_column(Boolean, default=False)
    paid_at: Mapped[datetime | None] = mapped_column(default=None)
    cancelled_at: Mapped[datetime | None] = mapped_column(default=None)
    # When the dunning tick should look at this invoice again (empty: nothing to chase), set by the invoice's
    # job. The tick reads its copy in the narrow dunning_schedule table (api/models/dunning_schedule.py, kept
    # in step on every flush) and never writes this row.
    next_reminder_at: Mapped[datetime | None] = mapped_column(default=None)
    approved_at: Mapped[datetime | None] = mapped_column(default=None)
    approved_by: Mapped[str | None] = mapped_column(String(200), default=None)
    updated_at: Mapped[datetime] = mapped_column(default=utc_now, onupdate=utc_now)
