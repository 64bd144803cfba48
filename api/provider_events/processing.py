"""Processing one stored event: route it by kind, record the outcome on its inbox row."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import timedelta
from functools import partial

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
# Events processed in one transaction at most: under a backlog, their shared costs (the claim, the locks,
# the ledger's statements, the commit) are paid once; alone, an event is a batch of one.
BATCH = 64
# How long a batch waits for more events when it finds fewer than BATCH: deliveries arriving one by one
# are then processed a few dozen at a time (server CPU per event in the benchmark: ~1 ms alone, ~0.35 ms in
# batches), and an invoice is marked paid that much later, which nobody sees.
LINGER = timedelta(milliseconds=25)
MAX_ATTEMPTS = 8
RETRY_BASE = timedelta(seconds=15)
DONE = (InboxStatus.processed, InboxStatus.ignored)


def process(session: Session, row_id: uuid.UUID, *, secret_key: str) -> str | None:
    """Process one stored event now (the catch-up command): its outcome, None when it was done already."""
    return process_many(session, [row_id], secret_key=secret_key).get(row_id)


def process_many(session: Session, row_ids: list[uuid.UUID], *, secret_key: str) -> dict[uuid.UUID, str]:
    """Idempotent: processed events are left alone; the ledger refuses a fact it already holds anyway.
    A failure is written on its row (visible in the API and the UI) and retried later with backoff.

    Events about mandates, schedules and the like go first, one at a time, since a payment event may be
    about an object they create; then the payment events of each organisation together. If that batch
    fails, each of its events is tried on its own, so that one bad event cannot hold the others back."""
    rows = [row for row in InboxRepository(session).locked_many(row_ids) if row.status not in DONE]
    rows.sort(key=lambda row: (row.occurred_at, row.created_at))  # locked in id order, handled in time order
    outcomes: dict[uuid.UUID, str] = {}
    payments: dict[uuid.UUID, list[tuple[InboxEvent, ProviderEvent]]] = {}
    for row in rows:
        try:
            event = _event(row)
        except Exception as exc:
            outcomes[row.id] = _failed(session, row, exc)
            continue
        if event.problem:
            outcomes[row.id] = _refused(row, event.problem)
            continue
        if event.kind in payments_handler.LEDGER_KINDS:
            payments.setdefault(row.organisation_id, []).append((row, event))
        else:
            outcomes[row.id] = _one(session, row, partial(_dispatch, session, row, event, secret_key))
    for organisation_id, items in payments.items():
        outcomes.update(_payments(session, organisation_id, items, secret_key))
    return outcomes


def _payments(
    session: Session,
    organisation_id: uuid.UUID,
    items: list[tuple[InboxEvent, ProviderEvent]],
    secret_key: str,
) -> dict[uuid.UUID, str]:
    events = [(row.id, event) for row, event in items]
    if len(items) > 1:
        try:
            with session.begin_nested():
                statuses = payments_handler.handle_many(session, organisation_id, events, secret_key)
        except Exception as exc:  # the events on their own below
            log.info("provider_event.batch_failed", events=len(items), error=f"{type(exc).__name__}: {exc}")
        else:
            return {row.id: _done(row, status) for (row, _), status in zip(items, statuses, strict=True)}
    return {
        row.id: _one(session, row, partial(_payment, session, organisation_id, row.id, event, secret_key))
        for row, event in items
    }


def _payment(
    session: Session, organisation_id: uuid.UUID, row_id: uuid.UUID, event: ProviderEvent, secret_key: str
) -> str:
    return payments_handler.handle_many(session, organisation_id, [(row_id, event)], secret_key)[0]


def _one(session: Session, row: InboxEvent, handle: Callable[[], str]) -> str:
    """One event in a savepoint of its own: its failure is recorded on its row and undoes nothing else."""
    try:
        with session.begin_nested():
            status = handle()
    except Exception as exc:  # anything: the event must stay visible and be tried again
        return _failed(session, row, exc)
    return _done(row, status)


def _done(row: InboxEvent, status: str) -> str:
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
    if event.kind in objects_handler.MANDATE_STATUS:
        return objects_handler.mandate_event(session, org, event)
    if event.kind in objects_handler.PLAN_STATUS:
        return objects_handler.schedule_event(session, org, event, secret_key)
    if event.kind == "billing_request.fulfilled":
        return objects_handler.billing_request_event(session, org, event, secret_key)
    if event.kind == "checkout.expired":
        return objects_handler.checkout_expired(session, org, event)
    return InboxStatus.ignored  # unknown kinds, signed setups: stored, acknowledged, not acted on


def _refused(row: InboxEvent, problem: str) -> str:
    """An event that cannot be acted on as it is (an amount that is no amount): failed with the reason, and
    not tried again by itself, since the same payload would be refused the same way (a person can retry)."""
    row.attempts += 1
    row.status, row.error = InboxStatus.failed, f"InvalidEvent: {problem}"[:1000]
    log.warning("provider_event.refused", event_id=row.event_id, error=row.error)
    return InboxStatus.failed


def _failed(session: Session, row: InboxEvent, exc: Exception) -> str:
    row.attempts += 1  # outside the event's savepoint, so that its rollback keeps the count
    row.status, row.error = InboxStatus.failed, f"{type(exc).__name__}: {exc}"[:1000]
    log.warning("provider_event.failed", event_id=row.event_id, attempt=row.attempts, error=row.error)
    if row.attempts < MAX_ATTEMPTS:
        delay = RETRY_BASE * (2 ** (row.attempts - 1))
        enqueue(session, PROCESS_TASK, organisation_id=row.organisation_id, delay=delay,
                event_row_id=str(row.id))  # fmt: skip
    return InboxStatus.failed
