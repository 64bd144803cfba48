"""Keyword-only factories for test data, built through the real services."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy.orm import Session

from api.organisations import service as organisations

DEFAULT_PASSWORD = "correct horse battery"


@dataclass(frozen=True)
class Tenant:
    organisation_id: uuid.UUID
    name: str
    email: str
    password: str
    api_key: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.api_key}"}


def create_tenant(
    session: Session, *, name: str, email: str | None = None, password: str = DEFAULT_PASSWORD
) -> Tenant:
    organisation = organisations.create_organisation(session, name)
    email = email or f"owner@{name.lower().replace(' ', '-')}.example.com"
    organisations.create_user(session, organisation, email, password)
    _, key = organisations.create_api_key(session, organisation, name="tests")
    return Tenant(organisation_id=organisation.id, name=name, email=email, password=password, api_key=key)
