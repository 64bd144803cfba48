from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy import BigInteger, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from api.clock import utc_now
from api.models.base import Base, IdMixin, TenantMixin, TimestampMixin


class DocumentStatus(StrEnum):
    pending = "pending"
    ready = "ready"
    failed = "failed"


class Document(IdMixin, TenantMixin, TimestampMixin, Base):
    """An uploaded file. Stored once per organisation and content (sha256)."""

    __tablename__ = "documents"
    __table_args__ = (UniqueConstraint("organisation_id", "sha256"),)

    filename: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(BigInteger)
    media_type: Mapped[str] = mapped_column(String(100))
    page_count: Mapped[int | None] = mapped_column(default=None)
    status: Mapped[str] = mapped_column(String(20), default=DocumentStatus.pending)
    error: Mapped[str | None] = mapped_column(Text, default=None)
    retryable: Mapped[bool] = mapped_column(default=False)
    storage_key: Mapped[str] = mapped_column(String(255))
    uploaded_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(default=utc_now, onupdate=utc_now)
