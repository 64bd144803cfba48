from __future__ import annotations

from sqlalchemy import BigInteger, Boolean, String, Text
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
    # Consumers owe no 40 EUR indemnity and get no business-to-business penalties wording.
    is_consumer: Mapped[bool] = mapped_column(Boolean, default=False)
    # reliable, to_watch, bad_payer: set by a person; empty means computed from the payment history.
    segment_override: Mapped[str | None] = mapped_column(String(20), default=None)
    contact_name: Mapped[str | None] = mapped_column(String(200), default=None)
    phone: Mapped[str | None] = mapped_column(String(40), default=None)
    # Most this client may owe at once, in the organisation's currency's minor units; empty means no limit.
    credit_limit: Mapped[int | None] = mapped_column(BigInteger, default=None)
