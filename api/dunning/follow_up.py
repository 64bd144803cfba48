"""What a person does about a late payer: record a promise to pay, a dispute or a pause (of an invoice or a
whole client), work through the call and letter tasks, and read an invoice's timeline as evidence."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from api.audit.service import record as audit
from api.clock import paris_today, utc_now
from api.dunning import policy
from api.dunning.repository import DunningRepository, OutboxRow, ReminderLine
from api.errors import BadRequest, Conflict, NotFound
from api.invoices.service import get_invoice
from api.models import Client, DunningHold, HoldKind, Invoice, Reminder, ReminderStatus
from api.organisations.service import Principal
from api.pagination import Seek
from api.transactions import service as transactions

HOLD_KINDS = (HoldKind.promise, HoldKind.dispute, HoldKind.pause)


def _client(session: Session, principal: Principal, client_id: uuid.UUID) -> Client:
    client = DunningRepository(session).client(client_id)
    if client is None or client.organisation_id != principal.organisation_id:
        raise NotFound("No such client.")
    return client


def hold_invoice(
    session: Session,
    principal: Principal,
    invoice_id: uuid.UUID,
    *,
    kind: str,
    until: date | None = None,
    reason: str | None = None,
    promised_amount: int | None = None,
) -> DunningHold:
    """A promise needs its date; a dispute its reason; a pause may end on a date or when lifted."""
    invoice = get_invoice(session, principal, invoice_id)
    _check_hold(kind, until, reason)
    hold = DunningHold(organisation_id=principal.organisation_id, invoice_id=invoice.id, kind=kind,
                       until=until, reason=reason, promised_amount=promised_amount,
                       created_by=principal.actor)  # fmt: skip
    DunningRepository(session).add(hold)
    audit(session, principal.organisation_id, principal.actor, f"dunning.{kind}", "invoice", invoice.id,
          {"until": until.isoformat() if until else None, "reason": reason})  # fmt: skip
    return hold


def _check_hold(kind: str, until: date | None, reason: str | None) -> None:
    if kind not in HOLD_KINDS:
        raise BadRequest(f"kind must be one of {', '.join(HOLD_KINDS)}")
    today = paris_today()
    if kind == HoldKind.promise and (until is None or until < today):
        raise BadRequest("A promise to pay needs the promised date, today or later.")
    if kind == HoldKind.dispute and not (reason and reason.strip()):
        raise BadRequest("A dispute needs its reason.")
    if until is not None and until < today:
        raise BadRequest("The end date is in the past.")


def pause_client(
    session: Session, principal: Principal, client_id: uuid.UUID, *, until: date | None, reason: str | None
) -> DunningHold:
    client = _client(session, principal, client_id)
    _check_hold(HoldKind.pause, until, reason)
    hold = DunningHold(organisation_id=principal.organisation_id, client_id=client.id, kind=HoldKind.pause,
                       until=until, reason=reason, created_by=principal.actor)  # fmt: skip
    DunningRepository(session).add(hold)
    audit(session, principal.organisation_id, principal.actor, "dunning.client_paused", "client", client.id,
          {"until": until.isoformat() if until else None})  # fmt: skip
    return hold


def end_hold(session: Session, principal: Principal, hold_id: uuid.UUID) -> DunningHold:
    """Lift a hold (dispute resolved, pause over): the invoices concerned are looked at again at once."""
    repository = DunningRepository(session)
    hold = repository.hold(principal.organisation_id, hold_id)
    if hold is None:
        raise NotFound("No such hold.")
    if hold.ended_at is not None:
        raise Conflict("This hold has already ended.")
    hold.ended_at, hold.ended_by = utc_now(), principal.actor
    if hold.invoice_id is not None:
        invoice = get_invoice(session, principal, hold.invoice_id)
        invoice.next_reminder_at = utc_now()
    else:
        repository.wake(principal.organisation_id, now=utc_now(), client_id=hold.client_id)
    audit(session, principal.organisation_id, principal.actor, "dunning.hold_ended", "hold", hold.id, {})
    return hold


def invoice_holds(session: Session, principal: Principal, invoice_id: uuid.UUID) -> list[DunningHold]:
    """The invoice's own holds still in force (a client's pause is listed with the client)."""
    invoice = get_invoice(session, principal, invoice_id)
    return [h for h in DunningRepository(session).holds_of(invoice.id) if h.ended_at is None]


def client_holds(session: Session, principal: Principal, client_id: uuid.UUID) -> list[DunningHold]:
    return DunningRepository(session).client_holds(principal.organisation_id, client_id)


def set_segment(session: Session, principal: Principal, client_id: uuid.UUID, segment: str | None) -> Client:
    if segment is not None and segment not in policy.SEGMENTS:
        raise BadRequest(f"segment must be one of {', '.join(policy.SEGMENTS)}, or empty to compute it",
                         reason="dunning.unknown_segment")  # fmt: skip
    client = _client(session, principal, client_id)
    client.segment_override = segment
    DunningRepository(session).wake(principal.organisation_id, now=utc_now(), client_id=client.id)
    return client


@dataclass(frozen=True)
class ClientBehaviour:
    behaviour: policy.Behaviour
    computed_segment: str
    segment: str
    override: str | None  # set by a person, even when it equals the computed one


def client_behaviour(session: Session, principal: Principal, client_id: uuid.UUID) -> ClientBehaviour:
    client = _client(session, principal, client_id)
    today = paris_today()
    found = policy.behaviour(DunningRepository(session).payment_history(client.id, today=today))
    computed = policy.segment_of(found)
    override = client.segment_override
    return ClientBehaviour(found, computed, policy.segment_of(found, override), override)


# ------------------------------------------------------------------ tasks


@dataclass(frozen=True)
class Task:
    reminder: Reminder
    invoice: Invoice
    client: Client | None
    behaviour: ClientBehaviour | None  # how this client pays, for the person about to call
    earlier: list[Reminder]  # what the invoice was sent before this step


def open_tasks(session: Session, principal: Principal) -> list[Task]:
    repository = DunningRepository(session)
    tasks = []
    for reminder, invoice, client in repository.open_tasks(principal.organisation_id):
        behaviour = client_behaviour(session, principal, client.id) if client else None
        earlier = [r for r in repository.reminders_of(invoice.id)
                   if r.created_at < reminder.created_at and r.status != ReminderStatus.skipped]  # fmt: skip
        tasks.append(Task(reminder, invoice, client, behaviour, earlier))
    return tasks


def complete_task(
    session: Session, principal: Principal, reminder_id: uuid.UUID, *, outcome: str
) -> Reminder:
    reminder = DunningRepository(session).reminder(principal.organisation_id, reminder_id)
    if reminder is None or reminder.task_state is None:
        raise NotFound("No such task.")
    if reminder.task_state == "done":
        raise Conflict("This task is already done.")
    if not outcome.strip():
        raise BadRequest("Say what happened (the outcome of the call, the letter's tracking number…).")
    reminder.task_state, reminder.task_outcome = "done", outcome.strip()[:1000]
    reminder.task_done_by, reminder.task_done_at = principal.actor, utc_now()
    return reminder


def reminder_of(session: Session, principal: Principal, reminder_id: uuid.UUID) -> Reminder:
    reminder = DunningRepository(session).reminder(principal.organisation_id, reminder_id)
    if reminder is None:
        raise NotFound("No such reminder.")
    return reminder


def letter_file(session: Session, principal: Principal, reminder_id: uuid.UUID, data_dir: Path) -> Path:
    """The formal notice PDF of a reminder. The path comes from the database: never anything outside the
    data directory."""
    reminder = reminder_of(session, principal, reminder_id)
    root = data_dir.resolve()
    path = (root / (reminder.letter_path or "")).resolve()
    if not reminder.letter_path or not path.is_relative_to(root) or not path.is_file():
        raise NotFound("This reminder has no letter.")
    return path


def recent_reminders(
    session: Session, principal: Principal, *, status: str | None = None, limit: int = 100
) -> list[ReminderLine]:
    return DunningRepository(session).recent(principal.organisation_id, status=status, limit=limit)


def outbox(
    session: Session,
    principal: Principal,
    *,
    status: str | None = None,
    limit: int = 100,
    seek: Seek | None = None,
) -> list[OutboxRow]:
    """The reminders sent lately as the outbox page lists them, newest first (or those just older or newer
    than `seek`'s): only what it shows."""
    repository = DunningRepository(session)
    return repository.outbox(principal.organisation_id, status=status, limit=limit, seek=seek)


# ------------------------------------------------------------------ timeline


@dataclass(frozen=True)
class Event:
    at: datetime
    kind: str  # reminder, task, payment, hold, hold_ended
    summary: str
    detail: dict[str, Any]


def timeline(session: Session, principal: Principal, invoice_id: uuid.UUID) -> list[Event]:
    """Everything sent and received about an invoice, oldest first: the file for a dispute or a court."""
    invoice = get_invoice(session, principal, invoice_id)
    repository = DunningRepository(session)
    events = [_reminder_event(r) for r in repository.reminders_of(invoice.id)]
    for entry in transactions.entries(session, invoice.id):
        detail = {
            "provider": entry.provider,
            "reference": entry.reference,
            "kind": entry.kind,
            "amount": entry.amount,
            "currency": entry.currency,
            "method": entry.method,
        }
        if entry.reverses_id is not None:  # a manual payment cancelled by a person: who and why
            detail |= {"reverses_id": str(entry.reverses_id), "reason": entry.note, "by": entry.recorded_by}
        if entry.overpaid_amount:
            detail["overpaid"] = entry.overpaid_amount
        events.append(
            Event(entry.occurred_at, "payment", f"{entry.kind} {entry.amount} {entry.currency}", detail)
        )
    for hold in repository.holds_of(invoice.id):
        detail = {"kind": hold.kind, "until": hold.until.isoformat() if hold.until else None,
                  "reason": hold.reason, "by": hold.created_by,
                  "promised_amount": hold.promised_amount}  # fmt: skip
        events.append(Event(hold.created_at, "hold", hold.kind, detail))
        if hold.ended_at is not None:
            events.append(Event(hold.ended_at, "hold_ended", hold.kind, {"by": hold.ended_by}))
    return sorted(events, key=lambda e: e.at)


def _reminder_event(reminder: Reminder) -> Event:
    detail = {
        "id": str(reminder.id),
        "step": reminder.step_key,
        "channel": reminder.channel,
        "status": reminder.status,
        "to": reminder.to_address,
        "message_id": reminder.message_id,
        "error": reminder.error,
        "attempts": reminder.attempts,
        "subject": reminder.snapshot.get("subject"),
        "letter": reminder.letter_path is not None,
        "task_state": reminder.task_state,
        "task_outcome": reminder.task_outcome,
        "notes": reminder.snapshot.get("notes", []),  # what the message left out and why (coded)
        "delivery": reminder.snapshot.get("delivery"),  # "outbox": only written locally, never "sent"
    }
    summary = f"{reminder.step_key}: {reminder.status}"
    return Event(reminder.sent_at or reminder.created_at, "reminder", summary, detail)
