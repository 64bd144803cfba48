"""All SQL about mandates."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select

from api.models import Client, Mandate, MandateRevocation
from api.repository import Repository


class MandateRepository(Repository):
    def client(self, organisation_id: uuid.UUID, client_id: uuid.UUID) -> Client | None:
        return self.session.scalar(
            select(Client).where(Client.organisation_id == organisation_id, Client.id == client_id)
        )

    def latest_for_client(
        self, organisation_id: uuid.UUID, client_id: uuid.UUID, statuses: Sequence[str], *, lock: bool = False
    ) -> Mandate | None:
        statement = (
            select(Mandate)
            .where(
                Mandate.organisation_id == organisation_id,
                Mandate.client_id == client_id,
                Mandate.status.in_(statuses),
            )
            .order_by(Mandate.created_at.desc())
            .limit(1)
        )
        if lock:
            statement = statement.with_for_update()
        return self.session.scalars(statement).first()

    def count_for_client(self, organisation_id: uuid.UUID, client_id: uuid.UUID) -> int:
        statement = select(func.count()).where(
            Mandate.organisation_id == organisation_id, Mandate.client_id == client_id
        )
        return self.session.scalar(statement) or 0

    def pending(self, *, limit: int = 100) -> list[Mandate]:
        """Unsigned or unconfirmed mandates of every organisation, least recently asked about first."""
        statement = (
            select(Mandate)
            .where(Mandate.status == "pending")
            .order_by(Mandate.refreshed_at.asc().nulls_first(), Mandate.created_at)
            .limit(limit)
        )
        return list(self.session.scalars(statement))

    def mandate(
        self, organisation_id: uuid.UUID, mandate_id: uuid.UUID, *, lock: bool = False
    ) -> Mandate | None:
        statement = select(Mandate).where(
            Mandate.organisation_id == organisation_id, Mandate.id == mandate_id
        )
        return self.session.scalar(statement.with_for_update() if lock else statement)

    def revocation(
        self, organisation_id: uuid.UUID, token_hash: str, *, lock: bool = False
    ) -> MandateRevocation | None:
        statement = select(MandateRevocation).where(
            MandateRevocation.organisation_id == organisation_id, MandateRevocation.token_hash == token_hash
        )
        return self.session.scalar(statement.with_for_update() if lock else statement)

    def open_revocations(self, mandate_id: uuid.UUID, now: datetime) -> int:
        """Confirmation links of the mandate still waiting to be used."""
        statement = select(func.count()).where(
            MandateRevocation.mandate_id == mandate_id,
            MandateRevocation.used_at.is_(None),
            MandateRevocation.expires_at > now,
        )
        return self.session.scalar(statement) or 0
