from __future__ import annotations

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from api.models.base import Base, IdMixin, TenantMixin, TimestampMixin


class Client(IdMixin, TenantMixin, TimestampMixin, Base):
    """A debtor: the business or person an organisation invoices."""

    __tablename__ = "clients"

    name: Mapped[str] = mapped_column(String(300))
    name_key: Mapped[str] = mapped_column(String(300), index=True)
    siren: Mapped[str | None] = mapped_column(String(9), index=True)
    vat_id: Mapped[str | None] = mapped_column(String(20))
    email: Mapped[str | None] = mapped_column(String(320))
    address: Mapped[str | None] = mapped_column(Text)
    locale: Mapped[str] = mapped_column(String(5), default="fr")
