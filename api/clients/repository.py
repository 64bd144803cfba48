"""All SQL about clients. Every query is scoped by organisation."""

from __future__ import annotations

import uuid

from sqlalchemy import select

from api.models import Client
from api.repository import Repository


class ClientRepository(Repository):
    def get(self, organisation_id: uuid.UUID, client_id: uuid.UUID) -> Client | None:
        return self.session.scalar(
            select(Client).where(Client.organisation_id == organisation_id, Client.id == client_id)
        )

    def find_by(self, organisation_id: uuid.UUID, **criteria: str) -> Client | None:
        statement = select(Client).where(Client.organisation_id == organisation_id)
        for column, value in criteria.items():
            statement = statement.where(getattr(Client, column) == value)
        return self.session.scalars(statement.order_by(Client.created_at).limit(1)).first()
