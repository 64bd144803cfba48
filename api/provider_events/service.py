"""Receiving provider events (webhooks and catch-up) and showing the inbox. Never commits."""

from __future__ import annotations

import threading
import uuid
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy.orm import Session

from api.audit.service import record as audit
from api.clock import utc_now
from api.errors import BadRequest, Conflict, EncaisseError, NotFound, ServiceUnavailable
from api.models import InboxEvent, InboxStatus
from api.organisations.service import Principal
from api.provider_events.processing import PROCESS_TASK
from api.provider_events.repository import InboxRepository
from api.providers import crypto
from api.providers.repository import ProviderRepository
from api.worker import dispatch_when_committed, enqueue, enqueue_many, max_attempts_of
from payments.events import ProviderEvent
from payments.webhooks import WebhookRejected, verify_gocardless, verify_stripe


class WebhookRefused(EncaisseError):
    code = "webhook_rejected"


@dataclass(frozen=True)
class Intake:
    received: int
    new: int


def receive_webhook(
    session: Session, provider: str, endpoint_id: str, body: bytes, signature: str | None, *, secret_key: str
) -> Intake:
    """Verify a delivery on its raw body with the endpoint's own secret and store each event once (no job
    per event: `tasks.drain` takes stored events from the inbox). Nothing is processed here: the provider
    gets its answer at once.

    The endpoint's secret as last read in this process is tried first, and the events are stored only if
    the endpoint still has that very ciphertext (checked by the statement that stores them): one round trip
    for the usual delivery, while a changed or emptied secret still applies to the next delivery in every
    process. Otherwise (first delivery here, another secret, a signature that does not verify with the one
    known) the endpoint is read again and the delivery checked with what it holds now."""
    try:
        ident = uuid.UUID(endpoint_id)
    except ValueError:
        raise NotFound("No such webhook endpoint.") from None
    repository = InboxRepository(session)
    known = _KNOWN_SECRETS.get((provider, ident))
    if known is not None:
        try:
            events = _verify(provider, body, signature, known.secret)
        except WebhookRefused:
            events = None  # perhaps signed with a newer secret: read it below
        if events is not None:
            stored = repository.store_signed(ident, provider, known.ciphertext, _rows(events))
            if stored is not None:
                return Intake(received=len(events), new=stored)
    for _ in range(3):  # the secret may change between its reading and the statement that stores
        organisation_id, ciphertext = _endpoint(session, provider, ident)
        secret = webhook_secret(secret_key, ciphertext) if ciphertext else ""
        events = _verify(provider, body, signature, secret)
        assert ciphertext is not None  # an empty secret verifies nothing
        _KNOWN_SECRETS.put((provider, ident), _Known(ciphertext, secret))
        stored = repository.store_signed(ident, provider, ciphertext, _rows(events))
        if stored is not None:
            return Intake(received=len(events), new=stored)
    raise ServiceUnavailable("The webhook secret keeps changing; try again.")


def _verify(provider: str, body: bytes, signature: str | None, secret: str) -> list[ProviderEvent]:
    try:
        if provider == "stripe":
            return [verify_stripe(body, signature, secret)]
        return verify_gocardless(body, signature, secret)
    except WebhookRejected as rejected:
        raise WebhookRefused(rejected.reason, status_code=rejected.status) from rejected


@dataclass(frozen=True)
class _Known:
    ciphertext: bytes
    secret: str


class _KnownSecrets:
    """Each endpoint's secret as last read in this process, with its ciphertext (which the statement that
    stores a delivery compares with the endpoint's): bounded, the oldest forgotten first."""

    LIMIT = 1024

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._known: OrderedDict[tuple[str, uuid.UUID], _Known] = OrderedDict()

    def get(self, key: tuple[str, uuid.UUID]) -> _Known | None:
        return self._known.get(key)

    def put(self, key: tuple[str, uuid.UUID], known: _Known) -> None:
        with self._lock:
            self._known[key] = known
            self._known.move_to_end(key)
            while len(self._known) > self.LIMIT:
                self._known.popitem(last=False)


_KNOWN_SECRETS = _KnownSecrets()


@lru_cache(maxsize=256)
def webhook_secret(secret_key: str, encrypted_secret: bytes) -> str:
    """The endpoint's signing secret, decrypted once per process for each stored ciphertext. The cache is
    keyed on the ciphertext read with every delivery, so a changed secret (a new Fernet token, even for the
    same text) or an emptied one (no ciphertext) takes effect at the next delivery, in every process."""
    return crypto.decrypt(secret_key, encrypted_secret)


def _endpoint(session: Session, provider: str, ident: uuid.UUID) -> tuple[uuid.UUID, bytes | None]:
    found = InboxRepository(session).endpoint_secret(ident, provider)
    if found is None:
        raise NotFound("No such webhook endpoint.")
    return found


def _rows(events: Iterable[ProviderEvent], source: str = "webhook") -> list[dict[str, Any]]:
    """The inbox rows of a delivery's events, every column but the organisation's; an event twice in one
    delivery is one row."""
    now = utc_now()
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    for event in events:
        rows.setdefault(
            (event.provider, event.event_id),
            {
                "id": uuid.uuid4(),
                "provider": event.provider,
                "event_id": event.event_id,
                "provider_type": event.provider_type[:100],
                "kind": event.kind,
                "resource_reference": (event.resource_reference or "")[:100] or None,
                "occurred_at": event.occurred_at,
                "payload": dict(event.raw),
                "source": source,
                "status": InboxStatus.received,
                "attempts": 0,
                "error": None,
                "processed_at": None,
                "created_at": now,
            },
        )
    return list(rows.values())


def store(
    session: Session, organisation_id: uuid.UUID, events: Iterable[ProviderEvent], *, source: str
) -> list[uuid.UUID]:
    """The catch-up's intake: insert each event unless this organisation's inbox already has its (provider,
    id), and a job for each new row, dispatched after commit: one statement for a whole batch and its jobs
    on PostgreSQL, two on SQLite. Returns the new rows' ids, in the events' order."""
    rows = [{**row, "organisation_id": organisation_id} for row in _rows(events, source)]
    repository = InboxRepository(session)
    if repository.set_based:
        stored = repository.store_into_jobs(
            rows, task=PROCESS_TASK, max_attempts=max_attempts_of(PROCESS_TASK), now=rows[0]["created_at"]
        ) if rows else []  # fmt: skip
        dispatch_when_committed(session, [job_id for job_id, _ in stored])
        inserted = {row_id for _, row_id in stored}
        return [row["id"] for row in rows if row["id"] in inserted]
    inserted = repository.store_many(rows)
    new = [row["id"] for row in rows if row["id"] in inserted]
    enqueue_many(session, PROCESS_TASK, [(organisation_id, {"event_row_id": str(ident)}) for ident in new])
    return new


def set_webhook_secret(
    session: Session, principal: Principal, secret_key: str, provider: str, secret: str
) -> None:
    """The secret the provider shows when the endpoint is created on its side; empty disables the endpoint."""
    account = ProviderRepository(session).account(principal.organisation_id, provider)
    if account is None:
        raise Conflict(f"Configure the {provider} key before its webhook.")
    secret = secret.strip()
    if secret and len(secret) < 8:
        raise BadRequest("A webhook secret has at least 8 characters.")
    account.encrypted_webhook_secret = crypto.encrypt(secret_key, secret) if secret else None
    audit(session, principal.organisation_id, principal.actor, "provider.webhook_configured", "organisation",
          principal.organisation_id, {"provider": provider, "enabled": bool(secret)})  # fmt: skip


def page(
    session: Session, principal: Principal, *, status: str | None, limit: int, offset: int
) -> tuple[list[InboxEvent], int]:
    return InboxRepository(session).page(principal.organisation_id, status=status, limit=limit, offset=offset)


def counts(session: Session, principal: Principal) -> dict[str, int]:
    return InboxRepository(session).counts(principal.organisation_id)


def retry(session: Session, principal: Principal, row_id: uuid.UUID) -> InboxEvent:
    """Process a failed or unmatched event again now (after a fix, or once the object is known)."""
    row = InboxRepository(session).get(principal.organisation_id, row_id)
    if row is None:
        raise NotFound("No such event.")
    if row.status not in (InboxStatus.failed, InboxStatus.unmatched, InboxStatus.received):
        raise Conflict(f"This event is {row.status}; only failed or unmatched events are retried.")
    row.status = InboxStatus.received
    enqueue(session, PROCESS_TASK, organisation_id=row.organisation_id, event_row_id=str(row.id))
    return row
