from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from api.models.base import Base, IdMixin, TenantMixin, TimestampMixin


class PaymentEntry(IdMixin, TenantMixin, TimestampMixin, Base):
    """One fact about money for one invoice, appended and never changed (the ledger).

    `dedupe_key` names the fact (provider, reference, kind — and for a cumulative refund its total): the
    same fact arriving again is not a second row. The invoice's paid and due amounts are recomputed from
    all its rows.
    """

    __tablename__ = "payment_entries"
    __table_args__ = (
        UniqueConstraint("invoice_id", "dedupe_key"),
        Index("ix_payment_entries_org_reference", "organisation_id", "provider", "reference"),
        # A fact is reversed at most once: the database refuses a second reversal of it.
        UniqueConstraint("organisation_id", "reverses_id"),
    )

    invoice_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("invoices.id", ondelete="CASCADE"), index=True)
    provider: Mapped[str] = mapped_column(String(20))  # stripe, gocardless, bank, manual
    reference: Mapped[str] = mapped_column(String(100))  # the payment it is about (pi_…, PM…, bank line…)
    kind: Mapped[str] = mapped_column(String(20))
    amount: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    method: Mapped[str | None] = mapped_column(String(20), default=None)
    occurred_at: Mapped[datetime]
    dedupe_key: Mapped[str] = mapped_column(String(300))
    source_event_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("provider_events.id", ondelete="SET NULL"), default=None
    )
    recorded_by: Mapped[str] = mapped_column(String(200))
    note: Mapped[str | None] = mapped_column(String(500), default=None)
    # A manual_reversal fact names the fact it cancels (the original stays); `note` holds the reason.
    reverses_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("payment_entries.id", ondelete="CASCADE"), default=None
    )
    # A manual payment above what remained due, recorded after the person confirmed it: the excess.
    overpaid_amount: Mapped[int | None] = mapped_column(BigInteger, default=None)


class PaymentAnomaly(IdMixin, TenantMixin, TimestampMixin, Base):
    """A fact that contradicts the ledger (the same payment with another amount): shown, never applied."""

    __tablename__ = "payment_anomalies"

    invoice_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("invoices.id", ondelete="CASCADE"), index=True)
    dedupe_key: Mapped[str] = mapped_column(String(300))
    recorded_amount: Mapped[int] = mapped_column(BigInteger)
    received_amount: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    source_event_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("provider_events.id", ondelete="SET NULL"), default=None
    )
    resolved_at: Mapped[datetime | None] = mapped_column(default=None)
