from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from api.clock import utc_now
from api.models.base import Base, IdMixin, TenantMixin, TimestampMixin


class LayoutMemory(IdMixin, TenantMixin, TimestampMixin, Base):
    """One invoice layout an organisation taught capture by correcting or approving an invoice
    (`memory` is ocr.LayoutMemory.to_dict()). Never shared between organisations."""

    __tablename__ = "layout_memories"
    __table_args__ = (Index("ix_layout_memories_org_last_used", "organisation_id", "last_used_at"),)

    key: Mapped[str] = mapped_column(String(64))
    label: Mapped[str | None] = mapped_column(String(300), default=None)  # the seller's name, for people
    fields: Mapped[list[str]] = mapped_column(JSON, default=list)
    memory: Mapped[dict[str, Any]] = mapped_column(JSON)
    source_invoice_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("invoices.id", ondelete="SET NULL"), default=None
    )
    uses: Mapped[int] = mapped_column(default=0)
    last_used_at: Mapped[datetime | None] = mapped_column(default=None)
    updated_at: Mapped[datetime] = mapped_column(default=utc_now, onupdate=utc_now)


class CapturedPages(IdMixin, TenantMixin, TimestampMixin, Base):
    """The words capture read on a document's pages (ocr.pages_to_dict, bounded), kept so a later
    correction can teach the layout without reading the file again."""

    __tablename__ = "captured_pages"

    document_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), unique=True
    )
    pages: Mapped[dict[str, Any]] = mapped_column(JSON)
