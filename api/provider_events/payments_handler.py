"""Payment events → ledger facts: find what the payment pays, record the fact, update what tracks it."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.orm import Session

from api.models import Collection, Instalment, InstalmentPlan, PaymentAttempt
from api.provider_events.repository import TargetRepository
from api.providers import service as providers
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


@dataclass
class Target:
    reference: str  # the payment, as the ledger names it
    invoice_ids: list[uuid.UUID] = field(default_factory=list)
    amount: int | None = None
    currency: str | None = None
    method: str | None = None
    collection: Collection | None = None
    instalment: tuple[Instalment, InstalmentPlan] | None = None
    attempt: PaymentAttempt | None = None


def handle(
    session: Session, organisation_id: uuid.UUID, event: ProviderEvent, row_id: uuid.UUID, secret_key: str
) -> str:
    kind = _ledger_kind(event)
    target = _resolve(session, organisation_id, event, secret_key)
    if target is None or not target.invoice_ids or target.amount is None or target.currency is None:
        return "unmatched"
    # A dispute is its own object (dp_…) against a payment: its facts group under the dispute's id.
    reference = (
        event.resource_reference
        if kind.startswith("dispute") and event.resource_reference
        else target.reference
    )
    shares = transactions.allocate(session, target.invoice_ids, target.amount)
    for invoice_id, amount in [(i, a) for i, a in shares if a > 0]:
        fact = Fact(event.provider, reference, kind, amount, target.currency, event.occurred_at)
        transactions.record(
            session, organisation_id, invoice_id, fact, recorded_by=f"{event.provider} event",
            method=target.method, source_event_id=row_id,
        )  # fmt: skip
    _update_tracking(session, target, event.provider)
    return "processed"


def _ledger_kind(event: ProviderEvent) -> str:
    if event.kind == "dispute.closed":
        return "dispute_won" if event.reason == "won" else "dispute_lost"
    return LEDGER_KINDS[event.kind]


def _resolve(
    session: Session, organisation_id: uuid.UUID, event: ProviderEvent, secret_key: str
) -> Target | None:
    """Our objects first (no network); the provider is asked only about a payment we cannot place, such
    as one GoCardless created for an instalment schedule."""
    repository = TargetRepository(session)
    reference = event.payment_reference or event.resource_reference
    if reference is None:
        return None
    target = Target(reference=reference, amount=event.amount, currency=event.currency, method=_method(event))
    collection_id, instalment_id, attempt_id = repository.targets(
        organisation_id, reference, event.attempt_id, event.resource_reference
    )
    if collection_id and (collection := repository.load_collection(collection_id)):
        target.collection, target.invoice_ids = collection, [collection.invoice_id]
        _fill_amount(target, collection.amount, collection.currency, "sepa_debit")
    elif instalment_id and (found := repository.load_instalment(instalment_id)):
        target.instalment, target.invoice_ids = found, [found[1].invoice_id]
        _fill_amount(target, found[0].amount, found[1].currency, "sepa_debit")
    if attempt_id and (attempt := repository.load_attempt(attempt_id)):
        target.attempt = attempt
        target.invoice_ids = target.invoice_ids or [attempt.invoice_id]
        _fill_amount(target, attempt.amount, attempt.currency, attempt.method)
    target.invoice_ids = target.invoice_ids or repository.invoice_ids(
        organisation_id, list(event.invoice_ids)
    )
    target.invoice_ids = target.invoice_ids or transactions.invoices_paid_by(
        session, organisation_id, event.provider, reference
    )
    if target.amount is None and (
        known := transactions.known_amount(session, organisation_id, event.provider, reference)
    ):
        target.amount, target.currency = known
    if event.provider == "gocardless" and (not target.invoice_ids or target.amount is None):
        _ask_gocardless(session, organisation_id, target, secret_key)
    return target


def _method(event: ProviderEvent) -> str | None:
    """Stripe names the methods on the object; one method offered is the method used."""
    data = event.raw.get("data")
    obj = data.get("object") if isinstance(data, Mapping) else None
    if not isinstance(obj, Mapping):
        return "sepa_debit" if event.provider == "gocardless" else None
    types = obj.get("payment_method_types") or obj.get("allowed_payment_method_types") or []
    return str(types[0]) if isinstance(types, list) and len(types) == 1 else None


def _fill_amount(target: Target, amount: int, currency: str, method: str | None) -> None:
    if target.amount is None:
        target.amount, target.currency = amount, currency
    target.method = target.method or method


def _ask_gocardless(session: Session, organisation_id: uuid.UUID, target: Target, secret_key: str) -> None:
    payment = providers.adapter(session, secret_key, organisation_id, "gocardless").get_payment(
        target.reference
    )
    _fill_amount(target, payment.amount.amount, payment.amount.currency, "sepa_debit")
    repository = TargetRepository(session)
    if not target.invoice_ids:
        metadata = payment.metadata
        ids = [metadata.get("invoice_id") or "", *(metadata.get("invoice_ids") or "").split(",")]
        target.invoice_ids = repository.invoice_ids(organisation_id, [i for i in ids if i])
    if not target.invoice_ids and payment.schedule_reference:
        plan = repository.plan(organisation_id, payment.schedule_reference)
        instalment = (
            _place_in_schedule(repository, plan, target.reference, payment.charge_date) if plan else None
        )
        if plan is not None and instalment is not None:
            target.instalment, target.invoice_ids = (instalment, plan), [plan.invoice_id]


def _place_in_schedule(
    repository: TargetRepository, plan: InstalmentPlan, reference: str, charge_date: date | None
) -> Instalment | None:
    """The schedule's payment for this instalment: same charge date, else the first one still unplaced."""
    instalments = repository.instalments(plan)
    free = [i for i in instalments if i.provider_reference is None]
    chosen = next((i for i in free if i.due_date == charge_date), free[0] if free else None)
    if chosen is not None:
        chosen.provider_reference = reference
    return chosen


def _update_tracking(session: Session, target: Target, provider: str) -> None:
    """The collection, instalment or attempt behind the payment follows the ledger's view of it."""
    if target.collection is None and target.instalment is None and target.attempt is None:
        return  # nothing follows this payment: no need to read its state back
    invoice_id = target.invoice_ids[0]
    state = transactions.payment_state(session, invoice_id, provider, target.reference)
    status = TRACKED_STATUS.get(state or "")
    if status is None:
        return
    if target.collection is not None:
        target.collection.status = status
    if target.instalment is not None:
        instalment, plan = target.instalment
        instalment.status = status
        if all(i.status == "paid" for i in TargetRepository(session).instalments(plan)):
            plan.status = "completed"
    if target.attempt is not None:
        target.attempt.status = status
    # No second recompute: `record` already did it, and a collection or instalment only counts as in flight
    # while no ledger fact names its payment, which is no longer the case once we get here.
