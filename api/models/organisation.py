from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from api.models.base import Base, IdMixin, TimestampMixin


class Organisation(IdMixin, TimestampMixin, Base):
    __tablename__ = "organisations"

    name: Mapped[str] = mapped_column(String(200), unique=True)
    # The legal identity printed on formal notices and shown to clients (Code de commerce R123-237).
    legal_name: Mapped[str | None] = mapped_column(String(200), default=None)
    legal_form: Mapped[str | None] = mapped_column(String(60), default=None)
    siren: Mapped[str | None] = mapped_column(String(9), default=None)
    vat_id: Mapped[str | None] = mapped_column(String(20), default=None)
    share_capital: Mapped[str | None] = mapped_column(String(40), default=None)
    rcs_city: Mapped[str | None] = mapped_column(String(100), default=None)
    address: Mapped[str | None] = mapped_column(Text, default=None)
    contact_email: Mapped[str | None] = mapped_column(String(320), default=None)
    phone: Mapped[str | None] = mapped_column(String(40), default=None)
    # When someone hid the home page's set-up checklist (api/setup); None: shown until every item is done.
    setup_checklist_hidden_at: Mapped[datetime | None] = mapped_column(default=None)

    @property
    def payer_name(self) -> str:
        """What clients and payers read: the legal name once set, else the workspace's name."""
        return self.legal_name or self.name
