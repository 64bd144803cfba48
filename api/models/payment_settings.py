from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from api.clock import utc_now
from api.models.base import Base, IdMixin, TenantMixin, TimestampMixin


class PaymentSettings(IdMixin, TenantMixin, TimestampMixin, Base):
    """How an organisation gets paid: methods offered, bank details, instalment and discount policy."""

    __tablename__ = "payment_settings"
    __table_args__ = (UniqueConstraint("organisation_id"),)

    card_enabled: Mapped[bool] = mapped_column(default=True)
    sepa_enabled: Mapped[bool] = mapped_column(default=True)
    sepa_provider: Mapped[str] = mapped_column(String(20), default="gocardless")
    mandate_enabled: Mapped[bool] = mapped_column(default=True)
    instalments_enabled: Mapped[bool] = mapped_column(default=False)
    instalments_min_count: Mapped[int] = mapped_column(default=2)
    instalments_max_count: Mapped[int] = mapped_column(default=12)
    instalment_min_amount: Mapped[int] = mapped_column(BigInteger, default=5000)  # minor units
    account_holder: Mapped[str | None] = mapped_column(String(140), default=None)
    iban: Mapped[str | None] = mapped_column(String(34), default=None)
    bic: Mapped[str | None] = mapped_column(String(11), default=None)
    discount_basis_points: Mapped[int] = mapped_column(default=0)  # 200 = 2 %
    discount_days: Mapped[int] = mapped_column(default=0)
    updated_at: Mapped[datetime] = mapped_column(default=utc_now, onupdate=utc_now)
