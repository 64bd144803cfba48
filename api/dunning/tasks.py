"""The dunning jobs: a periodic tick that fans out one job per due invoice, the invoice's job (write the
step's row, commit, then send), and the retry of a message the mail server refused."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from api.clock import utc_now
from api.dunning import service
from api.dunning.service import SEND_TASK
from api.worker import TaskContext, enqueue_many, task

TICK_TASK = "dunning.tick"
INVOICE_TASK = "dunning.chase_invoice"
BATCH = 5000


@task(TICK_TASK, every=timedelta(minutes=10), max_attempts=1)
def tick(context: TaskContext) -> None:
    now = utc_now()
    fan_out(context.session, now=now)
    service.give_up_interrupted(context.session, now=now)


def fan_out(session: Session, *, now: datetime, batch: int = BATCH) -> int:
    """Claim due invoices a batch at a time, one job each, committing per batch: memory stays flat
    however many invoices are due."""
    total = 0
    while True:
        claimed = service.claim_due(session, now=now, limit=batch)
        jobs = [(org, {"tenant": str(org), "invoice": str(invoice)}) for invoice, org in claimed]
        enqueue_many(session, INVOICE_TASK, jobs)
        session.commit()
        total += len(claimed)
        if len(claimed) < batch:
            return total


@task(INVOICE_TASK)
def chase_invoice(context: TaskContext, *, tenant: str, invoice: str) -> None:
    session, settings = context.session, context.settings
    organisation_id = uuid.UUID(tenant)
    outcome = service.prepare(session, settings, organisation_id, uuid.UUID(invoice), now=utc_now())
    # The step's row is on record before anything leaves: a second run finds it and sends nothing.
    session.commit()
    if outcome.send_now and outcome.reminder_id is not None:
        service.deliver(session, settings, organisation_id, outcome.reminder_id, now=utc_now())


@task(SEND_TASK)
def send_reminder(context: TaskContext, *, tenant: str, reminder: str) -> None:
    session, settings = context.session, context.settings
    organisation_id, reminder_id = uuid.UUID(tenant), uuid.UUID(reminder)
    if service.claim_retry(session, organisation_id, reminder_id):
        session.commit()
        service.deliver(session, settings, organisation_id, reminder_id, now=utc_now())
