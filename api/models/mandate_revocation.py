from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from api.models.base import Base, IdMixin, TenantMixin, TimestampMixin


class MandateRevocation(IdMixin, TenantMixin, TimestampMixin, Base):
    """A request, made on a public pay page, to revoke a client's mandate: nothing is revoked until the link
    emailed to the mandate's address is opened and confirmed. Only the SHA-256 of the link's token is kept;
    the link works once (`used_at`) and until `expires_at`."""

    __tablename__ = "mandate_revocations"

    mandate_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("mandates.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    email: Mapped[str] = mapped_column(String(320))  # where the confirmation link was sent
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None] = mapped_column(default=None)
