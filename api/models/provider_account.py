from __future__ import annotations

from datetime import datetime

from sqlalchemy import LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from api.clock import utc_now
from api.models.base import Base, IdMixin, TenantMixin, TimestampMixin


class ProviderAccount(IdMixin, TenantMixin, TimestampMixin, Base):
    """An organisation's credentials with one payment provider. The secret is encrypted at rest."""

    __tablename__ = "provider_accounts"
    __table_args__ = (UniqueConstraint("organisation_id", "provider"),)

    provider: Mapped[str] = mapped_column(String(20))
    mode: Mapped[str] = mapped_column(String(10), default="test")
    encrypted_secret: Mapped[bytes] = mapped_column(LargeBinary)
    secret_hint: Mapped[str] = mapped_column(String(20))  # the last characters, to recognise the key
    # The secret the provider signs webhooks with; None disables /webhooks/{provider}/{id} for this account.
    encrypted_webhook_secret: Mapped[bytes | None] = mapped_column(LargeBinary, default=None)
    updated_at: Mapped[datetime] = mapped_column(default=utc_now, onupdate=utc_now)
