"""Processing one stored event: route it by kind, record the outcome on its inbox row."""

from __future__ import annotations

import uuid
from datetime import timedelta

from sqlalchemy.orm import Session

from api.clock import utc_now
from api.logging import get_logger
from api.models import InboxEvent, InboxStatus
from api.provider_events import objects_handler, payments_handler
from api.provider_events.repository import InboxRepository
from api.worker import enqueue
from payments.events import MalformedEvent, ProviderEvent, normalise_gocardless, normalise_stripe

log = get_logger("api.provider_events")

PROCESS_TASK = "provider_events.process"  # one job per stored event (tasks.py)
MAX_ATTEMPTS = 8
RETRY_BASE = timedelta(seconds=15)
DONE = (InboxStatus.processed, InboxStatus.ignored)


def process(session: Session, row_id: uuid.UUID, *, secret_key: str) -> str | None:
    """Idempotent: a processed event is left alone; the ledger refuses a fact it already holds anyway.
    A failure is written on the row (visible in the API and the UI) and retried later with backoff."""
    row = InboxRepository(session).locked(row_id)
    if row is None or row.status in DONE:
        return None
    try:
        with session.begin_nested():
            status = _dispatch(session, row, _event(row), secret_key)
    except Exception as exc:  # anything: the event must stay visible and be tried again
        row.attempts += 1  # outside the savepoint, so that its rollback keeps the count
        _failed(session, row, exc)
        return InboxStatus.failed
    # Counted here rather than before the savepoint: one UPDATE of the row instead of two.
    row.attempts += 1
    row.status, row.error, row.processed_at = status, None, utc_now()
    return status


def _event(row: InboxEvent) -> ProviderEvent:
    normalise = normalise_stripe if row.provider == "stripe" else normalise_gocardless
    try:
        return normalise(row.payload)
    except MalformedEvent as exc:  # it was verified and normalised once; a stored row cannot be malformed
        raise RuntimeError(f"stored event cannot be read again: {exc}") from exc


def _dispatch(session: Session, row: InboxEvent, event: ProviderEvent, secret_key: str) -> str:
    org = row.organisation_id
    if event.kind in payments_handler.LEDGER_KINDS:
        return payments_handler.handle(session, org, event, row.id, secret_key)
    if event.kind in objects_handler.MANDATE_STATUS:
        return objects_handler.mandate_event(session, org, event)
    if event.kind in objects_handler.PLAN_STATUS:
        return objects_handler.schedule_event(session, org, event, secret_key)
    if event.kind == "billing_request.fulfilled":
        return objects_handler.billing_request_event(session, org, event, secret_key)
    if event.kind == "checkout.expired":
        return objects_handler.checkout_expired(session, org, event)
    return InboxStatus.ignored  # unknown kinds, signed setups: stored, acknowledged, not acted on


def _failed(session: Session, row: InboxEvent, exc: Exception) -> None:
    row.status, row.error = InboxStatus.failed, f"{type(exc).__name__}: {exc}"[:1000]
    log.warning("provider_event.failed", event_id=row.event_id, attempt=row.attempts, error=row.error)
    if row.attempts < MAX_ATTEMPTS:
        delay = RETRY_BASE * (2 ** (row.attempts - 1))
        enqueue(session, PROCESS_TASK, organisation_id=row.organisation_id, delay=delay,
                event_row_id=str(row.id))  # fmt: skip
