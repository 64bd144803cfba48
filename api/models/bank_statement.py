from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy import JSON, BigInteger, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from api.models.base import Base, IdMixin, TenantMixin, TimestampMixin


class BankLineStatus:
    matched = "matched"  # applied to the ledger of its invoice(s)
    proposed = "proposed"  # candidates shown; a person picks one
    unmatched = "unmatched"  # nothing fits
    debit = "debit"  # money out: kept, never matched
    dismissed = "dismissed"  # a person said it pays no invoice


class BankStatement(IdMixin, TenantMixin, TimestampMixin, Base):
    """One imported statement file. The same file imported again is this row again."""

    __tablename__ = "bank_statements"
    __table_args__ = (UniqueConstraint("organisation_id", "sha256"),)

    filename: Mapped[str | None] = mapped_column(String(300), default=None)
    format: Mapped[str] = mapped_column(String(10))
    sha256: Mapped[str] = mapped_column(String(64))
    account: Mapped[str | None] = mapped_column(String(100), default=None)
    line_count: Mapped[int] = mapped_column(default=0)
    rejected: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    imported_by: Mapped[str] = mapped_column(String(200))


class BankLine(IdMixin, TenantMixin, TimestampMixin, Base):
    """One transaction of a statement; `line_ref` is unique per organisation across all statements."""

    __tablename__ = "bank_lines"
    __table_args__ = (UniqueConstraint("organisation_id", "line_ref"),)

    statement_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("bank_statements.id", ondelete="CASCADE"), index=True
    )
    line_ref: Mapped[str] = mapped_column(String(200))
    booking_date: Mapped[date]
    amount: Mapped[int] = mapped_column(BigInteger)  # signed minor units: credits are positive
    currency: Mapped[str] = mapped_column(String(3))
    payer_name: Mapped[str | None] = mapped_column(String(300), default=None)
    remittance: Mapped[str | None] = mapped_column(String(1000), default=None)
    status: Mapped[str] = mapped_column(String(20), default=BankLineStatus.unmatched)
    invoice_ids: Mapped[list[str]] = mapped_column(JSON, default=list)
    candidates: Mapped[list[str]] = mapped_column(JSON, default=list)
    reason: Mapped[str | None] = mapped_column(String(300), default=None)
