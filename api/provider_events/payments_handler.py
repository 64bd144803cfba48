"""Payment events → ledger facts: find what each payment pays, record the facts, update what tracks them."""

from __future__ import annotations

import uuid
from collections.abc import Mapping

from sqlalchemy.orm import Session

from api.provider_events.repository import TargetRepository
from api.provider_events.targets import Target, resolve_many
from api.transactions import service as transactions
from api.transactions.policy import Fact
from payments.events import ProviderEvent

# Event kind → ledger kind. A dispute's close is won or lost (reason); see _ledger_kind.
LEDGER_KINDS: Mapping[str, str] = {
    "checkout.completed_paid": "succeeded",
    "checkout.completed_pending": "processing",  # SEPA submitted through Checkout: not paid yet
    "payment.created": "processing",
    "payment.processing": "processing",
    "payment.submitted": "processing",
    "payment.confirmed": "succeeded",
    "payment.succeeded": "succeeded",
    "payment.paid_out": "succeeded",
    "payment.failed": "failed",
    "payment.cancelled": "cancelled",
    "payment.refunded": "refunded",
    "payment.disputed": "disputed",
    "payment.charged_back": "charged_back",
    "dispute.closed": "dispute_lost",
}
# What a payment's state in the ledger means for the collection or instalment that asked for it.
TRACKED_STATUS = {"succeeded": "paid", "failed": "failed", "cancelled": "cancelled", "charged_back": "failed"}


def handle_many(
    session: Session,
    organisation_id: uuid.UUID,
    items: list[tuple[uuid.UUID, ProviderEvent]],
    secret_key: str,
) -> list[str]:
    """The ledger facts of a batch of payment events (inbox row id, event), and each one's outcome.
    Events that cannot be placed are tried again once the others are recorded: a refund or a dispute is
    often placed by what the ledger knows of its payment, which an earlier event of the batch may bring."""
    outcomes = ["unmatched"] * len(items)
    waiting = list(range(len(items)))
    while waiting:
        targets = resolve_many(session, organisation_id, [items[i][1] for i in waiting], secret_key)
        placed = [(i, t) for i, t in zip(waiting, targets, strict=True) if t is not None and t.placed]
        if not placed:
            break
        _record(session, organisation_id, [(*items[i], target) for i, target in placed])
        for i, _ in placed:
            outcomes[i] = "processed"
        waiting = [i for i in waiting if outcomes[i] == "unmatched"]
    return outcomes


def _record(
    session: Session, organisation_id: uuid.UUID, placed: list[tuple[uuid.UUID, ProviderEvent, Target]]
) -> None:
    """A payment for one invoice is recorded with the others (one lock, one insert, one recompute per
    invoice); one shared by several invoices after them, one at a time, since each share depends on what
    the facts before it left owed."""
    shared = [item for item in placed if len(item[2].invoice_ids) > 1]
    if shared:  # every invoice of the batch locked in one statement, in id order: no deadlock later
        transactions.lock_invoices(session, organisation_id, [i for _, _, t in placed for i in t.invoice_ids])
    alone = [(row_id, event, t) for row_id, event, t in placed if len(t.invoice_ids) == 1 and t.amount]
    # No invoice object is needed back: on PostgreSQL the rows are locked and updated as plain columns
    # (loading and flushing each ORM invoice was a quarter of a drain's CPU in the webhook benchmark).
    transactions.record_facts(
        session, organisation_id, [_posting(r, e, t, t.invoice_ids[0], t.amount) for r, e, t in alone]
    )
    for row_id, event, target in shared:
        assert target.amount is not None  # placed
        shares = transactions.allocate(session, target.invoice_ids, target.amount)
        postings = [_posting(row_id, event, target, i, amount) for i, amount in shares if amount > 0]
        transactions.record_many(session, organisation_id, postings)
    _update_tracking(session, [(event.provider, target) for _, event, target in placed])


def _posting(
    row_id: uuid.UUID, event: ProviderEvent, target: Target, invoice_id: uuid.UUID, amount: int | None
) -> transactions.Posting:
    kind = _ledger_kind(event)
    # A dispute is its own object (dp_…) against a payment: its facts group under the dispute's id.
    reference = target.reference
    if kind.startswith("dispute") and event.resource_reference:
        reference = event.resource_reference
    assert amount is not None  # placed
    assert target.currency is not None
    fact = Fact(event.provider, reference, kind, amount, target.currency, event.occurred_at)
    return transactions.Posting(
        invoice_id, fact, f"{event.provider} event", method=target.method, source_event_id=row_id
    )


def _ledger_kind(event: ProviderEvent) -> str:
    if event.kind == "dispute.closed":
        return "dispute_won" if event.reason == "won" else "dispute_lost"
    return LEDGER_KINDS[event.kind]


def _update_tracking(session: Session, placed: list[tuple[str, Target]]) -> None:
    """The collection, instalment or attempt behind each payment follows the ledger's view of it."""
    tracked = [
        (provider, target)
        for provider, target in placed
        if target.collection is not None or target.instalment is not None or target.attempt is not None
    ]
    if not tracked:
        return  # nothing follows these payments: no need to read their state back
    states = transactions.payment_states(
        session, [(target.invoice_ids[0], provider, target.reference) for provider, target in tracked]
    )
    for provider, target in tracked:
        status = TRACKED_STATUS.get(states.get((target.invoice_ids[0], provider, target.reference)) or "")
        if status is None:
            continue
        if target.collection is not None:
            target.collection.status = status
        if target.instalment is not None:
            instalment, plan = target.instalment
            instalment.status = status
            if all(i.status == "paid" for i in TargetRepository(session).instalments(plan)):
                plan.status = "completed"
        if target.attempt is not None:
            target.attempt.status = status
    # No second recompute: `record_many` already did it, and a collection or instalment only counts as in
    # flight while no ledger fact names its payment, which is no longer the case once we get here.
