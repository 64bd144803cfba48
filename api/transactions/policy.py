"""Pure ledger rules: what a payment fact is called, and an invoice's balance from all its facts.

The balance is a function of the *set* of facts, never of the order they arrived in: each payment's state
is the last of its status facts in the provider's own time (ties broken by how final a status is), so a
`confirmed` delivered before its `submitted`, or a `failed` delivered after `confirmed`, end the same way.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

# Status facts of one payment, with how final each is (a tie in time goes to the more final one).
STATUS_RANK = {"processing": 0, "failed": 1, "cancelled": 1, "succeeded": 2, "charged_back": 3}
# Dispute facts: one dispute is open, then won or lost.
DISPUTE_RANK = {"disputed": 0, "dispute_won": 1, "dispute_lost": 1}
# A person cancels a manual payment recorded by mistake: a new fact on the same reference, the original kept.
REVERSAL = "manual_reversal"
KINDS = (*STATUS_RANK, *DISPUTE_RANK, "refunded", REVERSAL)

OPEN, PROCESSING, PARTIALLY_PAID, PAID, CANCELLED = (
    "open",
    "processing",
    "partially_paid",
    "paid",
    "cancelled",
)
# Collection statuses of an invoice still (partly) to be paid: what lists, reports and client figures count.
OWED = (OPEN, PARTIALLY_PAID, PROCESSING)


@dataclass(frozen=True)
class Fact:
    provider: str
    reference: str  # the payment (or dispute) the fact is about
    kind: str
    amount: int  # minor units; for "refunded", the payment's cumulative refunded amount
    currency: str
    occurred_at: datetime


@dataclass(frozen=True)
class Balance:
    status: str
    paid: int  # received, net of refunds, chargebacks and disputed amounts
    processing: int  # debits on their way: reminders wait for them
    refunded: int
    balance_due: int | None  # what is still owed; negative when overpaid; None without a total
    disputed: bool
    paid_at: datetime | None


def dedupe_key(fact: Fact) -> str:
    """Names a fact: the same key arriving twice is one fact. Stripe reports refunds as a running total on
    the charge, so each new total is a new fact."""
    base = f"{fact.provider}:{fact.reference}:{fact.kind}"
    return f"{base}:{fact.amount}" if fact.kind == "refunded" else base


def payment_state(facts: Iterable[Fact]) -> Fact | None:
    """The status fact that holds for one payment, whatever order its facts were recorded in."""
    statuses = [f for f in facts if f.kind in STATUS_RANK]
    return max(statuses, key=lambda f: (f.occurred_at, STATUS_RANK[f.kind]), default=None)


def _dispute_state(facts: Iterable[Fact]) -> Fact | None:
    disputes = [f for f in facts if f.kind in DISPUTE_RANK]
    return max(disputes, key=lambda f: (f.occurred_at, DISPUTE_RANK[f.kind]), default=None)


def balance(
    total: int | None, facts: Sequence[Fact], *, in_flight: int = 0, cancelled: bool = False
) -> Balance:
    """`in_flight`: debits the provider accepted that no fact speaks of yet (a submitted collection or
    instalment before its first event); they pause reminders like a processing payment."""
    by_reference: dict[tuple[str, str], list[Fact]] = defaultdict(list)
    for fact in facts:
        by_reference[(fact.provider, fact.reference)].append(fact)
    received = refunded = withheld = 0
    processing = in_flight
    disputed = False
    paid_at: datetime | None = None
    for group in by_reference.values():
        if any(f.kind == REVERSAL for f in group):
            continue  # a reversed payment and its reversal cancel each other
        state = payment_state(group)
        if state is not None and state.kind == "succeeded":
            received += state.amount
            paid_at = max(paid_at or state.occurred_at, state.occurred_at)
        elif state is not None and state.kind == "processing":
            processing += state.amount
        elif state is not None and state.kind == "charged_back":
            disputed = True
        refunded += max((f.amount for f in group if f.kind == "refunded"), default=0)
        dispute = _dispute_state(group)
        if dispute is not None and dispute.kind != "dispute_won":
            withheld += dispute.amount
            disputed = True
    paid = received - refunded - withheld
    due = None if total is None else total - paid
    return Balance(
        status=_status(total, paid, processing, cancelled=cancelled),
        paid=paid,
        processing=processing,
        refunded=refunded,
        balance_due=due,
        disputed=disputed,
        paid_at=paid_at if paid > 0 and due is not None and due <= 0 else None,
    )


def _status(total: int | None, paid: int, processing: int, *, cancelled: bool) -> str:
    if cancelled:
        return CANCELLED
    if total is not None and total > 0 and paid >= total:
        return PAID
    if paid > 0:
        return PARTIALLY_PAID
    return PROCESSING if processing > 0 else OPEN


def overpayment(amount: int, balance_due: int | None) -> int:
    """How much of a payment of `amount` goes beyond what remains due (0: none; unknown total: none)."""
    if balance_due is None:
        return 0
    return max(amount - max(balance_due, 0), 0)


def owed_now(status: str, processing: int, balance_due: int | None) -> int:
    """What a reminder may ask for: owed, and not already on its way (a debit in flight, an instalment not
    yet due). A failed instalment is owed now while the later ones are still in flight."""
    if status in (PAID, CANCELLED) or balance_due is None:
        return 0
    return max(balance_due - processing, 0)
