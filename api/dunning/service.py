"""The chase of one invoice: decide what is due, write the step's row (once), and send it after checking
again, under the invoice lock, that nothing stops it. Never commits: the task commits between the row and
the sending, so a crash can lose a message but never send one twice."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy.orm import Session

from api.clock import PARIS
from api.dunning import messages, policy
from api.dunning.repository import DunningRepository
from api.dunning.setup import Setup, load_setup
from api.invoices import limitation
from api.logging import get_logger
from api.mail import service as mail
from api.models import Client, Invoice, Reminder, ReminderStatus
from api.notifications.service import EmailNotSent, send_email
from api.settings import Settings
from api.transactions import service as transactions
from api.worker import dispatch_when_committed, enqueue

log = get_logger(__name__)

SEND_TASK = "dunning.send_reminder"
MAX_SEND_ATTEMPTS = 5
MAX_JOB_ATTEMPTS = 5
CLAIM_LEASE = timedelta(hours=1)
SENDING_TIMEOUT = timedelta(hours=1)
# A reminder's `error` in English (the API's); pages recognise these and say them in their reader's language.
NO_EMAIL = "no email address: contact the client another way"
INTERRUPTED = "interrupted while sending; not sent again (check the mail server's log)"
NOT_SENT = "not sent: "  # + the block's reason code
GROUPED = "grouped: listed in reminder {step} of invoice {invoice}"


@dataclass(frozen=True)
class Outcome:
    action: str  # created, blocked, nothing_due, waiting, gone
    reminder_id: uuid.UUID | None = None
    reason: str | None = None
    send_now: bool = False  # the row is an email or letter waiting for `deliver`


def claim_due(session: Session, *, now: datetime, limit: int) -> list[tuple[uuid.UUID, uuid.UUID]]:
    return DunningRepository(session).claim_due(now=now, lease_until=now + CLAIM_LEASE, limit=limit)


def claim_into_jobs(session: Session, task: str, *, now: datetime, limit: int) -> list[uuid.UUID]:
    """PostgreSQL only: claim and enqueue in one statement; returns the new jobs' ids."""
    job_ids = DunningRepository(session).claim_into_jobs(
        now=now, lease_until=now + CLAIM_LEASE, limit=limit, task=task, max_attempts=MAX_JOB_ATTEMPTS
    )
    dispatch_when_committed(session, job_ids)
    return job_ids


def prepare(
    session: Session, settings: Settings, organisation_id: uuid.UUID, invoice_id: uuid.UUID, *, now: datetime
) -> Outcome:
    """Work out the step due now for one invoice and write its row; set when to look again."""
    repository = DunningRepository(session)
    invoice = repository.lock_invoice(organisation_id, invoice_id)
    if invoice is None:
        return Outcome("gone")
    today = now.astimezone(PARIS).date()
    setup = load_setup(session, organisation_id)
    block = blocked(session, invoice, setup, today)
    if block is not None:
        resume = block.resume_on
        invoice.next_reminder_at = None if resume is None else policy.send_moment(resume, setup.calendar, now)
        return Outcome("blocked", reason=block.reason)
    assert invoice.due_date is not None
    client = repository.client(invoice.client_id)
    choice = policy.choose_step(
        setup.steps_for(segment(session, client, today)),
        due_date=invoice.due_date,
        today=today,
        done=repository.steps_done(invoice.id),
        calendar=setup.calendar,
    )
    later = _moment(choice.next_day, setup, now)
    if choice.step is None:
        invoice.next_reminder_at = later
        return Outcome("nothing_due")
    opening = policy.send_moment(today, setup.calendar, now)
    if opening > now:  # a weekend, a holiday, a blackout or outside working hours
        invoice.next_reminder_at = opening
        return Outcome("waiting")
    for passed in choice.passed_over:
        _insert(repository, invoice, passed, today, status=ReminderStatus.skipped)
    carrier = _grouped_in(repository, invoice, client, choice.step, setup, now) if client else None
    if carrier is not None:  # the client already got today's message listing this invoice
        note = GROUPED.format(step=carrier.step_key, invoice=carrier.invoice_id)
        _insert(repository, invoice, choice.step, today, status=ReminderStatus.skipped, error=note)
        invoice.next_reminder_at = later
        return Outcome("grouped", reason=str(carrier.id))
    reminder_id = _create(session, settings, invoice, client, choice.step, setup, today)
    invoice.next_reminder_at = later
    if reminder_id is None:
        return Outcome("nothing_due", reason="already written by another run")
    send_now = choice.step.channel in ("email", "letter") and bool(client and client.email)
    return Outcome("created", reminder_id, send_now=send_now)


def _grouped_in(
    repository: DunningRepository,
    invoice: Invoice,
    client: Client,
    step: policy.Step,
    setup: Setup,
    now: datetime,
) -> Reminder | None:
    """With grouping on, one email a day per client: a reminder sent to the client today that listed this
    invoice among the other overdue ones carries this step too."""
    if not setup.group_overdue or step.channel != "email":
        return None
    since = datetime.combine(now.astimezone(PARIS).date(), time(0), PARIS)
    for sent in repository.sent_to_client_since(client.id, since):
        if str(invoice.id) in sent.snapshot.get("figures", {}).get("others", []):
            return sent
    return None


def _moment(day: date | None, setup: Setup, now: datetime) -> datetime | None:
    return None if day is None else policy.send_moment(day, setup.calendar, now)


def blocked(session: Session, invoice: Invoice, setup: Setup, today: date) -> policy.Block | None:
    """Everything that stops a reminder, checked when the step is chosen and again when it is sent."""
    if invoice.status != "ready" or invoice.due_date is None or invoice.cancelled_at is not None:
        return policy.Block("not_ready" if invoice.cancelled_at is None else "cancelled")
    if not setup.enabled:
        return policy.Block("disabled")
    found = policy.money_block(
        collection_status=invoice.collection_status,
        owed=transactions.owed_now(invoice),
        disputed=invoice.disputed,
        minimum=setup.minimum_amount,
    )
    if found is not None:
        return found
    if limitation.is_time_barred(due_date=invoice.due_date, issue_date=invoice.issue_date, today=today):
        return policy.Block("time_barred")  # past the 5-year limit: only a person may still chase it
    holds = [policy.Hold(h.kind, h.until) for h in DunningRepository(session).active_holds(invoice)]
    return policy.hold_block(holds, today=today, grace_days=setup.promise_grace_days)


def segment(session: Session, client: Client | None, today: date) -> str:
    if client is None:
        return "reliable"
    history = DunningRepository(session).payment_history(client.id, today=today)
    return policy.segment_of(policy.behaviour(history), client.segment_override)


def _insert(
    repository: DunningRepository, invoice: Invoice, step: policy.Step, today: date, **values: Any
) -> uuid.UUID | None:
    return repository.insert_reminder(
        invoice, step.key, kind="reminder", channel=step.channel, tone=step.tone, scheduled_on=today,
        amount_due=transactions.owed_now(invoice), **values,
    )  # fmt: skip


def _create(
    session: Session,
    settings: Settings,
    invoice: Invoice,
    client: Client | None,
    step: policy.Step,
    setup: Setup,
    today: date,
) -> uuid.UUID | None:
    """The step's row, inserted before anything leaves. A person's task when nothing can be sent."""
    repository = DunningRepository(session)
    email = client.email if client else None
    if step.channel in ("email", "letter") and email:
        task = "open" if step.channel == "letter" else None  # a letter is also printed and posted
        return _insert(repository, invoice, step, today,
                       status=ReminderStatus.sending, to_address=email, task_state=task)  # fmt: skip
    error = None if step.channel in ("call", "handoff") else NO_EMAIL
    reminder_id = _insert(repository, invoice, step, today, status=ReminderStatus.task,
                          task_state="open", error=error)  # fmt: skip
    reminder = repository.reminder(invoice.organisation_id, reminder_id) if reminder_id else None
    if reminder is not None:  # what a person will say or send, with the figures of today
        draft = messages.compose(
            session, invoice, client, step, setup, today, settings=settings, reminder=reminder
        )
        reminder.snapshot = draft.snapshot()
    return reminder_id


def deliver(
    session: Session, settings: Settings, organisation_id: uuid.UUID, reminder_id: uuid.UUID, *, now: datetime
) -> str:
    """Send a reminder whose row says `sending`, holding the invoice lock from the last check to the mail
    server's answer: a payment recorded meanwhile waits, and the next run sees it."""
    repository = DunningRepository(session)
    reminder = repository.reminder(organisation_id, reminder_id)
    if reminder is None or reminder.status != ReminderStatus.sending:
        return reminder.status if reminder else "gone"
    invoice = repository.lock_invoice(organisation_id, reminder.invoice_id)
    assert invoice is not None
    today = now.astimezone(PARIS).date()
    setup = load_setup(session, organisation_id)
    block = blocked(session, invoice, setup, today)
    if block is not None:
        reminder.status, reminder.error = ReminderStatus.cancelled, NOT_SENT + block.reason
        return reminder.status
    client = repository.client(reminder.client_id)
    step = setup.step(reminder.step_key) or policy.Step(
        reminder.step_key, 0, reminder.channel, "friendly", "friendly"
    )
    draft = messages.compose(
        session, invoice, client, step, setup, today, settings=settings, reminder=reminder
    )
    reminder.snapshot, reminder.amount_due = draft.snapshot(), transactions.owed_now(invoice)
    reminder.attempts += 1
    assert reminder.to_address is not None
    transport = mail.transport_for(session, settings, organisation_id)
    try:
        reminder.message_id = send_email(
            settings, reminder.to_address, draft.subject, draft.text, draft.html, draft.attachments,
            reply_to=draft.reply_to, transport=transport,
        )  # fmt: skip
    except EmailNotSent as exc:
        return _failed(session, reminder, str(exc))
    reminder.snapshot = {**reminder.snapshot, "delivery": transport.delivery}  # left, or only written locally
    reminder.status = ReminderStatus.of_delivery(transport.delivery)  # never "sent" when it did not leave
    reminder.sent_at, reminder.error = now, None
    log.info("reminder.sent", reminder_id=str(reminder.id), step=reminder.step_key)
    return reminder.status


def _failed(session: Session, reminder: Reminder, error: str) -> str:
    reminder.error = error[:500]
    if reminder.attempts >= MAX_SEND_ATTEMPTS:
        reminder.status = ReminderStatus.failed
        log.warning("reminder.failed", reminder_id=str(reminder.id), error=error)
        return reminder.status
    reminder.status = ReminderStatus.retrying
    delay = retry_delay(reminder.attempts)
    enqueue(session, SEND_TASK, organisation_id=reminder.organisation_id, delay=delay,
            tenant=str(reminder.organisation_id), reminder=str(reminder.id))  # fmt: skip
    return reminder.status


def retry_delay(attempt: int) -> timedelta:
    """1, 4, 16, 64 minutes: a mail server that is down for an hour does not lose the reminder."""
    return timedelta(minutes=4 ** (attempt - 1))


def claim_retry(session: Session, organisation_id: uuid.UUID, reminder_id: uuid.UUID) -> bool:
    """Mark a retrying reminder `sending` (committed by the caller before it is sent again)."""
    reminder = DunningRepository(session).reminder(organisation_id, reminder_id)
    if reminder is None or reminder.status != ReminderStatus.retrying:
        return False
    reminder.status = ReminderStatus.sending
    return True


def give_up_interrupted(session: Session, *, now: datetime) -> int:
    """A row left `sending` by a crash: the message may or may not have left, so it is not sent again."""
    stale = DunningRepository(session).stale_sending(before=now - SENDING_TIMEOUT)
    for reminder in stale:
        reminder.status = ReminderStatus.failed
        reminder.error = INTERRUPTED
    return len(stale)
