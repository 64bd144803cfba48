"""Recording payment facts and recomputing invoice balances. Never commits."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from typing import Literal

from sqlalchemy.orm import Session

from api.audit.service import record as audit
from api.clock import PARIS, utc_now
from api.errors import BadRequest, Conflict, NotFound
from api.logging import get_logger
from api.models import Invoice, InvoiceStatus, PaymentAnomaly, PaymentEntry
from api.money import to_minor_units
from api.organisations.service import Principal
from api.transactions import policy
from api.transactions.policy import Fact
from api.transactions.repository import LedgerRepository

log = get_logger("api.transactions")

Outcome = Literal["recorded", "duplicate", "anomaly"]
MANUAL_METHODS = ("cheque", "cash", "transfer", "card", "other")


@dataclass(frozen=True)
class Recorded:
    outcome: Outcome
    invoice: Invoice


def record(
    session: Session,
    organisation_id: uuid.UUID,
    invoice_id: uuid.UUID,
    fact: Fact,
    *,
    recorded_by: str,
    method: str | None = None,
    source_event_id: uuid.UUID | None = None,
    note: str | None = None,
) -> Recorded | None:
    """Append `fact` to the invoice's ledger once, then recompute its balance under the invoice's lock.
    The same fact with another amount is not applied: it is kept as an anomaly for a person to look at."""
    repository = LedgerRepository(session)
    invoice = repository.lock_invoice(organisation_id, invoice_id)
    if invoice is None:
        return None
    if fact.kind not in policy.KINDS:
        raise ValueError(f"unknown ledger kind {fact.kind!r}")
    key = policy.dedupe_key(fact)
    values = {
        "organisation_id": organisation_id,
        "invoice_id": invoice_id,
        "provider": fact.provider,
        "reference": fact.reference,
        "kind": fact.kind,
        "amount": fact.amount,
        "currency": fact.currency,
        "occurred_at": fact.occurred_at,
        "dedupe_key": key,
        "method": method,
        "source_event_id": source_event_id,
        "recorded_by": recorded_by,
        "note": note,
        "created_at": utc_now(),
    }
    if repository.insert(values):
        recompute(session, invoice)
        return Recorded("recorded", invoice)
    existing = repository.entry(invoice_id, key)
    if existing is None or (existing.amount, existing.currency) == (fact.amount, fact.currency):
        return Recorded("duplicate", invoice)
    if not repository.has_anomaly(invoice_id, key, fact.amount):
        repository.add(
            PaymentAnomaly(
                organisation_id=organisation_id, invoice_id=invoice_id, dedupe_key=key,
                recorded_amount=existing.amount, received_amount=fact.amount, currency=fact.currency,
                source_event_id=source_event_id,
            )
        )  # fmt: skip
        log.warning("ledger.anomaly", invoice_id=str(invoice_id), key=key, amount=fact.amount)
    return Recorded("anomaly", invoice)


def allocate(session: Session, invoice_ids: list[uuid.UUID], amount: int) -> list[tuple[uuid.UUID, int]]:
    """One payment for several invoices: each gets what it still owes, in order; the last gets the rest."""
    if len(invoice_ids) == 1:
        return [(invoice_ids[0], amount)]
    shares, left = [], amount
    for index, invoice_id in enumerate(invoice_ids):
        invoice = session.get(Invoice, invoice_id)
        owed = max(invoice.balance_due or 0, 0) if invoice else 0
        share = left if index == len(invoice_ids) - 1 else min(owed, left)
        shares.append((invoice_id, share))
        left -= share
    return shares


def payable_total(invoice: Invoice) -> int | None:
    """What the client owes in all: the amount due printed on the invoice, else its total."""
    return invoice.amount_due if invoice.amount_due is not None else invoice.total_incl_tax


def facts_of(entries: list[PaymentEntry]) -> list[Fact]:
    return [Fact(e.provider, e.reference, e.kind, e.amount, e.currency, e.occurred_at) for e in entries]


def recompute(session: Session, invoice: Invoice) -> policy.Balance:
    """Paid and due amounts and the status from the whole ledger, never incremented."""
    repository = LedgerRepository(session)
    entries = repository.entries(invoice.id)
    facts = facts_of(entries)
    in_flight = repository.in_flight(invoice.id, {f.reference for f in facts})
    cancelled = invoice.cancelled_at is not None or invoice.collection_status == policy.CANCELLED
    result = policy.balance(payable_total(invoice), facts, in_flight=in_flight, cancelled=cancelled)
    invoice.collection_status = result.status
    invoice.amount_paid, invoice.amount_processing = result.paid, result.processing
    invoice.amount_refunded, invoice.balance_due = result.refunded, result.balance_due
    invoice.disputed, invoice.paid_at = result.disputed, result.paid_at
    _wake_dunning(invoice, result.status)
    return result


def _wake_dunning(invoice: Invoice, status: str) -> None:
    """An invoice that is (again) owed gets looked at by the next dunning tick: a failed debit, a refund
    or a chargeback resumes the chase; the tick's job works out what, if anything, is due."""
    chaseable = status not in (policy.PAID, policy.CANCELLED) and invoice.status == InvoiceStatus.ready
    if chaseable and invoice.due_date and invoice.next_reminder_at is None:
        invoice.next_reminder_at = utc_now()


def payment_state(session: Session, invoice_id: uuid.UUID, provider: str, reference: str) -> str | None:
    """Where one payment stands according to the ledger: processing, succeeded, failed…"""
    entries = [
        e
        for e in LedgerRepository(session).entries(invoice_id)
        if (e.provider, e.reference) == (provider, reference)
    ]
    state = policy.payment_state(facts_of(entries))
    return None if state is None else state.kind


def owed_now(invoice: Invoice) -> int:
    """What a reminder may ask for right now (0: no reminder). Reminders call it again at send time."""
    return policy.owed_now(invoice.collection_status, invoice.amount_processing, invoice.balance_due)


def entries(session: Session, invoice_id: uuid.UUID) -> list[PaymentEntry]:
    return LedgerRepository(session).entries(invoice_id)


def anomalies(session: Session, invoice_id: uuid.UUID) -> list[PaymentAnomaly]:
    return LedgerRepository(session).anomalies(invoice_id)


def invoices_paid_by(
    session: Session, organisation_id: uuid.UUID, provider: str, reference: str
) -> list[uuid.UUID]:
    return LedgerRepository(session).invoices_paid_by(organisation_id, provider, reference)


def known_amount(
    session: Session, organisation_id: uuid.UUID, provider: str, reference: str
) -> tuple[int, str] | None:
    return LedgerRepository(session).amount_of(organisation_id, provider, reference)


def mark_paid(
    session: Session, principal: Principal, invoice_id: uuid.UUID, *, amount: str, paid_on: date, method: str,
    note: str | None = None,
) -> Invoice:  # fmt: skip
    """A payment the provider never sees (cheque, cash, a transfer matched by hand), recorded by a person."""
    if method not in MANUAL_METHODS:
        raise BadRequest(f"method must be one of {', '.join(MANUAL_METHODS)}")
    invoice = session.get(Invoice, invoice_id)
    if invoice is None or invoice.organisation_id != principal.organisation_id:
        raise NotFound("No such invoice.")
    if invoice.cancelled_at is not None:
        raise Conflict("This invoice is cancelled.")
    minor = _manual_amount(amount, invoice.currency)
    if paid_on > datetime.now(PARIS).date():
        raise BadRequest("The payment date is in the future.")
    moment = datetime.combine(paid_on, time(12), PARIS)
    fact = Fact("manual", f"manual-{uuid.uuid4()}", "succeeded", minor, invoice.currency, moment)
    done = record(
        session,
        principal.organisation_id,
        invoice_id,
        fact,
        recorded_by=principal.actor,
        method=method,
        note=note,
    )
    assert done is not None
    audit(session, principal.organisation_id, principal.actor, "invoice.marked_paid", "invoice", invoice_id,
          {"amount": minor, "method": method, "date": paid_on.isoformat()})  # fmt: skip
    return done.invoice


def _manual_amount(amount: str, currency: str) -> int:
    try:
        value = Decimal(amount.strip().replace(",", "."))
        minor = to_minor_units(str(value), currency)
    except (InvalidOperation, ValueError) as exc:
        raise BadRequest("amount must be a decimal such as 1234.56") from exc
    if minor <= 0:
        raise BadRequest("amount must be positive")
    return minor


def invoice_row(session: Session, invoice_id: uuid.UUID) -> Invoice | None:
    return session.get(Invoice, invoice_id)
