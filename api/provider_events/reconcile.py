"""Catching up on events a webhook never brought: each provider's event list since a date, through the
same inbox (an event already there is not stored or processed twice)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from api.logging import get_logger
from api.models import ProviderAccount
from api.provider_events.repository import InboxRepository
from api.provider_events.service import store
from api.providers import service as providers
from payments import ProviderError

log = get_logger("api.provider_events.reconcile")


@dataclass(frozen=True)
class CatchUp:
    organisation_id: uuid.UUID
    provider: str
    fetched: int
    new: list[uuid.UUID]
    error: str | None = None


def catch_up(
    session: Session, *, since: datetime, secret_key: str, organisation_id: uuid.UUID | None = None,
    timeout: float = 20.0,
) -> list[CatchUp]:  # fmt: skip
    """One provider failing does not stop the others; its error is reported."""
    results = []
    for account in _accounts(session, organisation_id):
        org, provider = account.organisation_id, account.provider
        try:
            events = list(
                providers.adapter(session, secret_key, org, provider, timeout=timeout).list_events(since)
            )
        except ProviderError as exc:
            log.warning("reconcile.failed", organisation_id=str(org), provider=provider, error=exc.message)
            results.append(CatchUp(org, provider, 0, [], exc.message))
            continue
        results.append(CatchUp(org, provider, len(events), store(session, org, events, source="reconcile")))
    return results


def _accounts(session: Session, organisation_id: uuid.UUID | None) -> list[ProviderAccount]:
    return InboxRepository(session).accounts(organisation_id)
