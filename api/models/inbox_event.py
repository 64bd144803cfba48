from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Index, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from api.models.base import Base, IdMixin, TenantMixin, TimestampMixin


class InboxStatus:
    received = "received"  # stored and acknowledged; a drain or a job will process it
    processed = "processed"  # acted on (the ledger, a mandate, a schedule…)
    ignored = "ignored"  # a kind we do not act on (stored all the same)
    unmatched = "unmatched"  # about an object we do not know; tried again by the catch-up job
    failed = "failed"  # processing raised; retried with backoff, shown until it succeeds


class InboxEvent(IdMixin, TenantMixin, TimestampMixin, Base):
    """The webhook inbox: one row per provider event, however often and by whatever route it arrives.

    An event id is unique per receiving endpoint (organisation and provider), never across organisations:
    one tenant's ids cannot make another's events look like duplicates."""

    __tablename__ = "provider_events"
    __table_args__ = (
        UniqueConstraint("organisation_id", "provider", "event_id"),
        Index("ix_provider_events_org_status", "organisation_id", "status"),
        # What the drains of the inbox look for (api/provider_events/tasks.py): a few rows at any time.
        Index(
            "ix_provider_events_received",
            "created_at",
            postgresql_where=text("status = 'received'"),
            sqlite_where=text("status = 'received'"),
        ),  # fmt: skip
    )

    provider: Mapped[str] = mapped_column(String(20))
    event_id: Mapped[str] = mapped_column(String(100))
    provider_type: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(40))
    resource_reference: Mapped[str | None] = mapped_column(String(100), default=None)
    occurred_at: Mapped[datetime]
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    source: Mapped[str] = mapped_column(String(20), default="webhook")  # webhook or reconcile
    status: Mapped[str] = mapped_column(String(20), default=InboxStatus.received)
    attempts: Mapped[int] = mapped_column(default=0)
    error: Mapped[str | None] = mapped_column(String(1000), default=None)
    processed_at: Mapped[datetime | None] = mapped_column(default=None)
