from __future__ import annotations

from datetime import datetime

from sqlalchemy import LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from api.clock import utc_now
from api.models.base import Base, IdMixin, TenantMixin, TimestampMixin


class MailSettings(IdMixin, TenantMixin, TimestampMixin, Base):
    """The SMTP server an organisation sends its emails through (Settings → E-mails). Absent: the server's
    own settings, else the local outbox folder. The password is encrypted at rest, like provider keys."""

    __tablename__ = "mail_settings"
    __table_args__ = (UniqueConstraint("organisation_id"),)

    host: Mapped[str] = mapped_column(String(253))
    port: Mapped[int] = mapped_column(default=587)
    security: Mapped[str] = mapped_column(String(10), default="starttls")  # starttls | ssl | none
    username: Mapped[str | None] = mapped_column(String(254), default=None)
    encrypted_password: Mapped[bytes | None] = mapped_column(LargeBinary, default=None)
    sender_address: Mapped[str] = mapped_column(String(254))
    sender_name: Mapped[str | None] = mapped_column(String(100), default=None)
    reply_to: Mapped[str | None] = mapped_column(String(254), default=None)
    updated_at: Mapped[datetime] = mapped_column(default=utc_now, onupdate=utc_now)
