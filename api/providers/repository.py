"""All SQL about provider accounts and payment settings."""

from __future__ import annotations

import uuid

from sqlalchemy import select

from api.models import PaymentSettings, ProviderAccount
from api.repository import Repository


class ProviderRepository(Repository):
    def accounts(self, organisation_id: uuid.UUID) -> list[ProviderAccount]:
        statement = select(ProviderAccount).where(ProviderAccount.organisation_id == organisation_id)
        return list(self.session.scalars(statement.order_by(ProviderAccount.provider)))

    def account(self, organisation_id: uuid.UUID, provider: str) -> ProviderAccount | None:
        return self.session.scalar(
            select(ProviderAccount).where(
                ProviderAccount.organisation_id == organisation_id, ProviderAccount.provider == provider
            )
        )

    def settings(self, organisation_id: uuid.UUID) -> PaymentSettings | None:
        return self.session.scalar(
            select(PaymentSettings).where(PaymentSettings.organisation_id == organisation_id)
        )
