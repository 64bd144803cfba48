"""One job per stored event, run in batches; a periodic sweep for events left behind."""

from __future__ import annotations

import uuid
from datetime import timedelta

from api.clock import utc_now
from api.provider_events import processing, reconcile
from api.provider_events.repository import InboxRepository
from api.worker import TaskContext, enqueue, task


@task(processing.PROCESS_TASK, max_attempts=3, batch=processing.BATCH, linger=processing.LINGER)
def process_events(context: TaskContext, *, payloads: list[dict[str, str]]) -> None:
    row_ids = [uuid.UUID(payload["event_row_id"]) for payload in payloads]
    processing.process_many(context.session, row_ids, secret_key=context.settings.secret_key)


@task("provider_events.sweep", every=timedelta(minutes=10))
def sweep(context: TaskContext) -> None:
    """Events whose job was lost, and events about objects unknown when they arrived (the webhook can beat
    our own commit of the provider's reference), are processed again."""
    waiting = InboxRepository(context.session).waiting(
        older_than=utc_now() - timedelta(minutes=2), max_attempts=processing.MAX_ATTEMPTS
    )
    for organisation_id, row_id in waiting:
        enqueue(
            context.session,
            processing.PROCESS_TASK,
            organisation_id=organisation_id,
            event_row_id=str(row_id),
        )


@task("provider_events.catch_up", every=timedelta(hours=1))
def catch_up(context: TaskContext) -> None:
    """Two days back each hour: a lost webhook is found within the hour, and overlaps cost nothing."""
    reconcile.catch_up(
        context.session,
        since=utc_now() - timedelta(days=2),
        secret_key=context.settings.secret_key,
        timeout=context.settings.provider_timeout_seconds,
    )
