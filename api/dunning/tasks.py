"""The dunning jobs: a periodic tick that fans out one job per due invoice, the invoice's job (write the
step's row, commit, then send), and the retry of a message the mail server refused."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from api.clock import utc_now
from api.dunning import service
from api.dunning.repository import DunningRepository
from api.dunning.service import SEND_TASK
from api.settings import Settings
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
    however many invoices are due. Claims whose lease ran out are dropped first (they cover nothing)."""
    set_based = session.get_bind().dialect.name == "postgresql"
    DunningRepository(session).drop_spent_claims(now=now)
    total = 0
    while True:
        if set_based:
            count = len(service.claim_into_jobs(session, INVOICE_TASK, now=now, limit=batch))
        else:
            claimed = service.claim_due(session, now=now, limit=batch)
            jobs = [(org, {"tenant": str(org), "invoice": str(invoice)}) for invoice, org in claimed]
            count = enqueue_many(session, INVOICE_TASK, jobs)
        session.commit()
        total += count
        if count < batch:
            return total


@task(INVOICE_TASK, max_attempts=service.MAX_JOB_ATTEMPTS)
def chase_invoice(context: TaskContext, *, tenant: str, invoice: str) -> None:
    chase(context.session, context.settings, uuid.UUID(tenant), uuid.UUID(invoice), now=utc_now())


def chase(
    session: Session, settings: Settings, organisation_id: uuid.UUID, invoice_id: uuid.UUID, *, now: datetime
) -> service.Outcome:
    outcome = service.prepare(session, settings, organisation_id, invoice_id, now=now)
    # The step's row is on record before anything leaves: a second run finds it and sends nothing.
    session.commit()
    if outcome.send_now and outcome.reminder_id is not None:
        service.deliver(session, settings, organisation_id, outcome.reminder_id, now=now)
        session.commit()
    return outcome


@task(SEND_TASK)
def send_reminder(context: TaskContext, *, tenant: str, reminder: str) -> None:
    retry(context.session, context.settings, uuid.UUID(tenant), uuid.UUID(reminder), now=utc_now())


def retry(
    session: Session, settings: Settings, organisation_id: uuid.UUID, reminder_id: uuid.UUID, *, now: datetime
) -> str | None:
    if not service.claim_retry(session, organisation_id, reminder_id):
        return None
    session.commit()  # `sending` on record first: a crash while sending is never followed by a resend
    status = service.deliver(session, settings, organisation_id, reminder_id, now=now)
    session.commit()
    return status
