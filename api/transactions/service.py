"""Recording payment facts and recomputing invoice balances. Never commits."""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Container
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Literal

from sqlalchemy.orm import Session

from api.audit.service import record as audit
from api.clock import PARIS, paris_today, utc_now
from api.errors import BadRequest, Conflict, NotFound
from api.logging import get_logger
from api.models import Invoice, InvoiceStatus, PaymentAnomaly, PaymentEntry
from api.money import format_money, parse_amount
from api.organisations.service import Principal
from api.transactions import policy
from api.transactions.policy import Fact
from api.transactions.repository import BalanceRow, LedgerRepository

log = get_logger("api.transactions")

Outcome = Literal["recorded", "duplicate", "anomaly"]
MANUAL_METHODS = ("cheque", "cash", "transfer", "card", "other")


@dataclass(frozen=True)
class Recorded:
    outcome: Outcome
    invoice: Invoice


@dataclass(frozen=True)
class Posting:
    """A fact for the ledger of one invoice, with who or what recorded it."""

    invoice_id: uuid.UUID
    fact: Fact
    recorded_by: str
    method: str | None = None
    source_event_id: uuid.UUID | None = None
    note: str | None = None
    reverses_id: uuid.UUID | None = None  # a manual_reversal: the entry it cancels
    overpaid_amount: int | None = None  # a manual payment above what remained due: the excess


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
    posting = Posting(invoice_id, fact, recorded_by, method, source_event_id, note)
    return record_many(session, organisation_id, [posting])[0]


def record_many(
    session: Session, organisation_id: uuid.UUID, postings: list[Posting]
) -> list[Recorded | None]:
    """`record` for several facts at once, in the postings' order (None: no such invoice): the invoices are
    locked in one statement, the facts inserted in one, and each invoice recomputed once."""
    _check_kinds(postings)
    repository = LedgerRepository(session)
    invoices = repository.lock_invoices(organisation_id, sorted({p.invoice_id for p in postings}))
    keyed = _keyed(postings, invoices)
    now = utc_now()
    new = repository.insert_many([_entry_values(organisation_id, p, key, now) for p, key in keyed])
    recompute_many(session, [invoices[i] for i in dict.fromkeys(invoice_id for invoice_id, _ in new)])
    outcomes = _outcomes(repository, organisation_id, postings, keyed, new)
    return [None if outcome is None else Recorded(outcome, invoices[posting.invoice_id])
            for posting, outcome in zip(postings, outcomes, strict=True)]  # fmt: skip


def record_facts(
    session: Session, organisation_id: uuid.UUID, postings: list[Posting]
) -> list[Outcome | None]:
    """`record_many` for a caller that needs no invoice back (a bank import applying thousands of credits):
    the same locks, facts, balances, duplicates and anomalies, without an ORM invoice per fact. The rows are
    locked and read as columns, the facts inserted in one statement, the balances computed by the same
    policy and written in one UPDATE. SQLite takes `record_many`'s path."""
    if session.get_bind().dialect.name != "postgresql":
        return [
            None if done is None else done.outcome for done in record_many(session, organisation_id, postings)
        ]
    _check_kinds(postings)
    repository = LedgerRepository(session)
    rows = repository.lock_balance_rows(organisation_id, sorted({p.invoice_id for p in postings}))
    keyed = _keyed(postings, rows)
    now = utc_now()
    new = repository.insert_many([_entry_values(organisation_id, p, key, now) for p, key in keyed])
    _recompute_rows(session, [rows[i] for i in dict.fromkeys(invoice_id for invoice_id, _ in new)], now)
    return _outcomes(repository, organisation_id, postings, keyed, new)


def _check_kinds(postings: list[Posting]) -> None:
    unknown = [p.fact.kind for p in postings if p.fact.kind not in policy.KINDS]
    if unknown:
        raise ValueError(f"unknown ledger kind {unknown[0]!r}")


Keyed = list[tuple[Posting, tuple[uuid.UUID, str]]]


def _keyed(postings: list[Posting], invoices: Container[uuid.UUID]) -> Keyed:
    """The postings of invoices that exist, with the key that names their fact in its invoice's ledger."""
    return [(p, (p.invoice_id, policy.dedupe_key(p.fact))) for p in postings if p.invoice_id in invoices]


def _outcomes(
    repository: LedgerRepository, organisation_id: uuid.UUID, postings: list[Posting], keyed: Keyed,
    new: set[tuple[uuid.UUID, str]],
) -> list[Outcome | None]:  # fmt: skip
    """What became of each posting (None: no such invoice). Facts already held, or held twice in this call:
    each is a duplicate, or, with another amount, an anomaly kept once for a person to look at."""
    new = set(new)
    counts = Counter(key for _, key in keyed)
    again = {key for key, count in counts.items() if key not in new or count > 1}
    existing = repository.entries_by_key(again)
    kept = repository.anomaly_keys(again)
    outcomes: list[Outcome | None] = [None] * len(postings)
    present = {invoice_id for invoice_id, _ in (key for _, key in keyed)}
    positions = [index for index, p in enumerate(postings) if p.invoice_id in present]
    for index, (posting, key) in zip(positions, keyed, strict=True):
        if key in new:
            new.discard(key)  # a repeat of this fact later in the same call is a duplicate
            outcomes[index] = "recorded"
            continue
        entry, fact = existing.get(key), posting.fact
        if entry is None or (entry.amount, entry.currency) == (fact.amount, fact.currency):
            outcomes[index] = "duplicate"
            continue
        if (*key, fact.amount) not in kept:
            kept.add((*key, fact.amount))
            repository.add(
                PaymentAnomaly(
                    organisation_id=organisation_id, invoice_id=key[0], dedupe_key=key[1],
                    recorded_amount=entry.amount, received_amount=fact.amount, currency=fact.currency,
                    source_event_id=posting.source_event_id,
                )
            )  # fmt: skip
            log.warning("ledger.anomaly", invoice_id=str(key[0]), key=key[1], amount=fact.amount)
        outcomes[index] = "anomaly"
    return outcomes


def _entry_values(
    organisation_id: uuid.UUID, posting: Posting, key: tuple[uuid.UUID, str], now: datetime
) -> dict[str, object]:
    fact = posting.fact
    return {
        "organisation_id": organisation_id, "invoice_id": posting.invoice_id, "provider": fact.provider,
        "reference": fact.reference, "kind": fact.kind, "amount": fact.amount, "currency": fact.currency,
        "occurred_at": fact.occurred_at, "dedupe_key": key[1], "method": posting.method,
        "source_event_id": posting.source_event_id, "recorded_by": posting.recorded_by,
        "note": posting.note, "created_at": now, "reverses_id": posting.reverses_id,
        "overpaid_amount": posting.overpaid_amount,
    }  # fmt: skip


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
    return _payable(invoice.amount_due, invoice.total_incl_tax)


def recompute(session: Session, invoice: Invoice) -> policy.Balance:
    """Paid and due amounts and the status from the whole ledger, never incremented."""
    return recompute_many(session, [invoice])[invoice.id]


def recompute_many(session: Session, invoices: list[Invoice]) -> dict[uuid.UUID, policy.Balance]:
    """`recompute` for several invoices, their ledgers read in one statement and their debits in flight in
    another."""
    if not invoices:
        return {}
    totals = [(i.id, payable_total(i), _is_cancelled(i.cancelled_at, i.collection_status)) for i in invoices]
    balances = _balances(session, totals)
    for invoice in invoices:
        result = balances[invoice.id]
        invoice.collection_status = result.status
        invoice.amount_paid, invoice.amount_processing = result.paid, result.processing
        invoice.amount_refunded, invoice.balance_due = result.refunded, result.balance_due
        invoice.disputed, invoice.paid_at = result.disputed, result.paid_at
        if _wakes(invoice.status, invoice.due_date, invoice.next_reminder_at, result.status):
            invoice.next_reminder_at = utc_now()
    return balances


def _recompute_rows(session: Session, rows: list[BalanceRow], now: datetime) -> None:
    """`recompute_many` from locked rows, its results written in one statement. The few invoices whose
    dunning wakes up get it through their ORM object, whose mapper events keep the dunning schedule."""
    if not rows:
        return
    totals = [(row.id, _payable(row.amount_due, row.total_incl_tax),
               _is_cancelled(row.cancelled_at, row.collection_status)) for row in rows]  # fmt: skip
    balances = _balances(session, totals)
    LedgerRepository(session).write_balances(
        [{"id": row.id, **_balance_columns(balances[row.id]), "updated_at": now} for row in rows]
    )
    for row in rows:
        if _wakes(row.status, row.due_date, row.next_reminder_at, balances[row.id].status):
            invoice = session.get(Invoice, row.id)
            if invoice is not None:
                invoice.next_reminder_at = utc_now()


def _balance_columns(result: policy.Balance) -> dict[str, object]:
    """The invoice columns a balance sets (as recompute_many sets them on an ORM invoice)."""
    return {"collection_status": result.status, "amount_paid": result.paid,
            "amount_processing": result.processing, "amount_refunded": result.refunded,
            "balance_due": result.balance_due, "disputed": result.disputed,
            "paid_at": result.paid_at}  # fmt: skip


def _balances(
    session: Session, invoices: list[tuple[uuid.UUID, int | None, bool]]
) -> dict[uuid.UUID, policy.Balance]:
    """(id, payable total, cancelled) → the balance from the invoice's whole ledger and debits in flight."""
    ids = [invoice_id for invoice_id, _, _ in invoices]
    facts = _facts_by_invoice(session, ids)
    debits: dict[uuid.UUID, list[tuple[int, str | None]]] = {}
    for invoice_id, amount, reference in LedgerRepository(session).in_flight(ids):
        debits.setdefault(invoice_id, []).append((amount, reference))
    balances = {}
    for invoice_id, total, cancelled in invoices:
        known = {f.reference for f in facts[invoice_id]}
        in_flight = sum(a for a, reference in debits.get(invoice_id, ()) if reference not in known)
        balances[invoice_id] = policy.balance(
            total, facts[invoice_id], in_flight=in_flight, cancelled=cancelled
        )
    return balances


def _is_cancelled(cancelled_at: datetime | None, collection_status: str) -> bool:
    return cancelled_at is not None or collection_status == policy.CANCELLED


def _payable(amount_due: int | None, total_incl_tax: int | None) -> int | None:
    return amount_due if amount_due is not None else total_incl_tax


def _wakes(
    invoice_status: str, due_date: date | None, next_reminder_at: datetime | None, status: str
) -> bool:
    """An invoice that is (again) owed gets looked at by the next dunning tick: a failed debit, a refund
    or a chargeback resumes the chase; the tick's job works out what, if anything, is due."""
    chaseable = status not in (policy.PAID, policy.CANCELLED) and invoice_status == InvoiceStatus.ready
    return chaseable and due_date is not None and next_reminder_at is None


def payment_states(
    session: Session, payments: list[tuple[uuid.UUID, str, str]]
) -> dict[tuple[uuid.UUID, str, str], str | None]:
    """Where each (invoice id, provider, payment reference) stands according to the invoice's ledger:
    processing, succeeded, failed…"""
    ledgers = _facts_by_invoice(session, sorted({invoice_id for invoice_id, _, _ in payments}))
    states = {
        (invoice_id, provider, reference): policy.payment_state(
            f for f in ledgers[invoice_id] if (f.provider, f.reference) == (provider, reference)
        )
        for invoice_id, provider, reference in payments
    }
    return {payment: None if state is None else state.kind for payment, state in states.items()}


def _facts_by_invoice(session: Session, invoice_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[Fact]]:
    """Each invoice's ledger, in the order its facts happened, read in one statement."""
    facts: dict[uuid.UUID, list[Fact]] = {ident: [] for ident in invoice_ids}
    for invoice_id, *columns in LedgerRepository(session).facts_of_invoices(invoice_ids):
        facts[invoice_id].append(Fact(*columns))
    return facts


def lock_invoices(session: Session, organisation_id: uuid.UUID, invoice_ids: list[uuid.UUID]) -> None:
    """Lock these invoices until commit, in one statement (see LedgerRepository.lock_invoices)."""
    LedgerRepository(session).lock_invoices(organisation_id, sorted(set(invoice_ids)))


def owed_now(invoice: Invoice) -> int:
    """What a reminder may ask for right now (0: no reminder). Reminders call it again at send time."""
    return policy.owed_now(invoice.collection_status, invoice.amount_processing, invoice.balance_due)


def entries(session: Session, invoice_id: uuid.UUID) -> list[PaymentEntry]:
    return LedgerRepository(session).entries(invoice_id)


def anomalies(session: Session, invoice_id: uuid.UUID) -> list[PaymentAnomaly]:
    return LedgerRepository(session).anomalies(invoice_id)


def invoices_paid_by(
    session: Session, organisation_id: uuid.UUID, provider: str, references: list[str]
) -> dict[str, list[uuid.UUID]]:
    """For each payment reference, the invoices the ledger already holds facts of it for."""
    return LedgerRepository(session).invoices_paid_by(organisation_id, provider, references)


def known_amounts(
    session: Session, organisation_id: uuid.UUID, provider: str, references: list[str]
) -> dict[str, tuple[int, str]]:
    """For each payment reference, the amount and currency the ledger knows it by."""
    return LedgerRepository(session).amounts_of(organisation_id, provider, references)


class OverpaymentNeedsConfirmation(Conflict):
    """A manual payment above what remains due: recorded only once the person confirms the excess."""

    code = "overpayment_requires_confirmation"

    def __init__(self, detail: str, *, amount: int, due: int, excess: int, currency: str) -> None:
        super().__init__(detail)
        self.amount, self.due, self.excess, self.currency = amount, due, excess, currency


def mark_paid(
    session: Session, principal: Principal, invoice_id: uuid.UUID, *, amount: str, paid_on: date, method: str,
    note: str | None = None, confirm_overpayment: bool = False,
) -> Invoice:  # fmt: skip
    """A payment the provider never sees (cheque, cash, a transfer matched by hand), recorded by a person.
    An amount above what remains due is refused unless `confirm_overpayment`; then the excess is recorded
    on the fact (`overpaid_amount`) and the invoice's balance goes negative by it (trop-perçu)."""
    if method not in MANUAL_METHODS:
        raise BadRequest(f"method must be one of {', '.join(MANUAL_METHODS)}")
    invoice = _manual_invoice(session, principal, invoice_id)
    minor = _manual_amount(amount, invoice.currency)
    if paid_on > paris_today():
        raise BadRequest("The payment date is in the future.")
    excess = policy.overpayment(minor, invoice.balance_due)
    if excess and not confirm_overpayment:
        due = max(invoice.balance_due or 0, 0)
        shown = [format_money(value, invoice.currency, "en") for value in (minor, due, excess)]
        raise OverpaymentNeedsConfirmation(
            f"This payment of {shown[0]} is {shown[2]} more than the {shown[1]} still due: nothing was "
            "recorded. Send confirm_overpayment: true to record it with the overpayment.",
            amount=minor, due=due, excess=excess, currency=invoice.currency,
        )  # fmt: skip
    moment = datetime.combine(paid_on, time(12), PARIS)
    fact = Fact("manual", f"manual-{uuid.uuid4()}", "succeeded", minor, invoice.currency, moment)
    posting = Posting(invoice_id, fact, principal.actor, method, note=note, overpaid_amount=excess or None)
    done = record_many(session, principal.organisation_id, [posting])[0]
    assert done is not None
    data: dict[str, object] = {"amount": minor, "method": method, "date": paid_on.isoformat()}
    if excess:
        data["overpaid"] = excess
    audit(
        session,
        principal.organisation_id,
        principal.actor,
        "invoice.marked_paid",
        "invoice",
        invoice_id,
        data,
    )
    return done.invoice


def _manual_invoice(session: Session, principal: Principal, invoice_id: uuid.UUID) -> Invoice:
    """The invoice, locked until commit and as the ledger last left it: what remains due is read under the
    lock, so two people recording a payment at once are compared with each other's."""
    invoices = LedgerRepository(session).lock_invoices(principal.organisation_id, [invoice_id])
    invoice = invoices.get(invoice_id)
    if invoice is None:
        raise NotFound("No such invoice.")
    if invoice.cancelled_at is not None:
        raise Conflict("This invoice is cancelled.")
    return invoice


REASON_MAX = 500


def reverse_payment(
    session: Session, principal: Principal, invoice_id: uuid.UUID, entry_id: uuid.UUID, *, reason: str
) -> Invoice:
    """Cancel a manual payment recorded by mistake: a new `manual_reversal` fact naming it, with who and
    why; the original stays in the ledger and the balance is recomputed without either. A payment is
    reversed once. Provider payments are refunded at the provider, not here."""
    why = " ".join(reason.split())
    if not why:
        raise BadRequest("reason is required: say why this payment is reversed")
    if len(why) > REASON_MAX:
        raise BadRequest(f"reason must be at most {REASON_MAX} characters")
    invoices = LedgerRepository(session).lock_invoices(principal.organisation_id, [invoice_id])
    entry = LedgerRepository(session).entry(principal.organisation_id, invoice_id, entry_id)
    if invoice_id not in invoices or entry is None:
        raise NotFound("No such payment on this invoice.")
    if entry.provider != "manual" or entry.kind != "succeeded":
        raise Conflict("Only a payment recorded by hand can be reversed; a provider's is refunded there.")
    if LedgerRepository(session).reversal_of(principal.organisation_id, entry.id) is not None:
        raise Conflict("This payment was already reversed.")
    fact = Fact("manual", entry.reference, policy.REVERSAL, entry.amount, entry.currency, utc_now())
    posting = Posting(invoice_id, fact, principal.actor, entry.method, note=why, reverses_id=entry.id)
    done = record_many(session, principal.organisation_id, [posting])[0]
    if done is None or done.outcome != "recorded":
        raise Conflict("This payment was already reversed.")
    audit(session, principal.organisation_id, principal.actor, "invoice.payment_reversed", "invoice",
          invoice_id, {"entry_id": str(entry.id), "amount": entry.amount, "currency": entry.currency,
                       "reason": why})  # fmt: skip
    return done.invoice


def _manual_amount(amount: str, currency: str) -> int:
    try:
        minor = parse_amount(amount, currency)
    except ValueError as exc:
        raise BadRequest("amount must be a decimal such as 1234.56 (or 1 234,56)") from exc
    if minor <= 0:
        raise BadRequest("amount must be positive")
    return minor


def invoice_row(session: Session, invoice_id: uuid.UUID) -> Invoice | None:
    return session.get(Invoice, invoice_id)
