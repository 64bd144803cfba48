from __future__ import annotations

import uuid

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from api.models.base import Base, IdMixin, TenantMixin, TimestampMixin


class InvoiceCorrection(IdMixin, TenantMixin, TimestampMixin, Base):
    """One field changed by a person: what capture read, what it was before, what it became, and who."""

    __tablename__ = "invoice_corrections"

    invoice_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("invoices.id", ondelete="CASCADE"), index=True)
    field: Mapped[str] = mapped_column(String(50))
    extracted_value: Mapped[str | None] = mapped_column(Text)
    previous_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    actor: Mapped[str] = mapped_column(String(200))
