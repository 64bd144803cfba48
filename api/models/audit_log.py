from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import JSON, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from api.models.base import Base, IdMixin, TenantMixin, TimestampMixin


class AuditLog(IdMixin, TenantMixin, TimestampMixin, Base):
    """Who did what to which object. Append-only."""

    __tablename__ = "audit_log"
    # An invoice's timeline reads its rows; the log of a whole organisation grows without end.
    __table_args__ = (Index("ix_audit_log_org_object", "organisation_id", "object_id"),)

    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(100))
    object_type: Mapped[str] = mapped_column(String(50))
    object_id: Mapped[uuid.UUID | None] = mapped_column(default=None)
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
