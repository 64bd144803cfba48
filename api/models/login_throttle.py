from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from api.models.base import Base, IdMixin


class LoginThrottle(IdMixin, Base):
    """Failed logins of one account (an email, known or not) or one client address, shared by every server
    process. Only a SHA-256 of "account:<email>" / "address:<ip>" is kept, so typed emails are not stored."""

    __tablename__ = "login_throttles"

    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    scope: Mapped[str] = mapped_column(String(10))  # account, address
    failures: Mapped[int] = mapped_column(default=0)
    last_failure_at: Mapped[datetime]
    locked_until: Mapped[datetime | None] = mapped_column(default=None)
