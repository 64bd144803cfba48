"""What a payment event pays: the invoices, the amount, and the collection, instalment or attempt behind it.

Resolved for a whole batch of events with a few set-based lookups; the provider is asked only about a
payment we cannot place (one GoCardless created for an instalment schedule, say).
"""

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
from payments.events import OWN_AMOUNT_KINDS, ProviderEvent
from payments.types import ProviderPayment


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

    @property
    def placed(self) -> bool:
        return bool(self.invoice_ids) and self.amount is not None and self.currency is not None


def resolve_many(
    session: Session, organisation_id: uuid.UUID, events: list[ProviderEvent], secret_key: str
) -> list[Target | None]:
    """Each event's target (None: it names no payment). Our objects first, then the invoice ids in our
    metadata, then what the ledger already knows of the payment, then the provider."""
    targets = [_bare(event) for event in events]
    known = [(event, target) for event, target in zip(events, targets, strict=True) if target is not None]
    _our_objects(session, organisation_id, known)
    _metadata_invoices(session, organisation_id, known)
    _ledger_knowledge(session, organisation_id, known)
    answers: dict[str, ProviderPayment] = {}  # two events of one payment in a batch: asked once
    for event, target in known:
        if event.provider == "gocardless" and (not target.invoice_ids or target.amount is None):
            if target.reference not in answers:
                answers[target.reference] = providers.adapter(
                    session, secret_key, organisation_id, "gocardless"
                ).get_payment(target.reference)
            _place_by_provider(session, organisation_id, target, answers[target.reference])
    return targets


def _bare(event: ProviderEvent) -> Target | None:
    reference = event.payment_reference or event.resource_reference
    if reference is None:
        return None
    return Target(reference=reference, amount=event.amount, currency=event.currency, method=_method(event))


def _method(event: ProviderEvent) -> str | None:
    """Stripe names the methods on the object; one method offered is the method used."""
    data = event.raw.get("data")
    obj = data.get("object") if isinstance(data, Mapping) else None
    if not isinstance(obj, Mapping):
        return "sepa_debit" if event.provider == "gocardless" else None
    types = obj.get("payment_method_types") or obj.get("allowed_payment_method_types") or []
    return str(types[0]) if isinstance(types, list) and len(types) == 1 else None


def _our_objects(
    session: Session, organisation_id: uuid.UUID, known: list[tuple[ProviderEvent, Target]]
) -> None:
    """The collection or instalment whose payment it is, and the payment attempt (by its id, else by the
    provider object the event is about)."""
    repository = TargetRepository(session)
    found = repository.objects_named(
        organisation_id,
        references=[target.reference for _, target in known],
        attempt_ids=[event.attempt_id for event, _ in known if event.attempt_id],
        attempt_references=[event.resource_reference for event, _ in known if event.resource_reference],
    )
    for event, target in known:
        if collection_id := found.collections.get(target.reference):
            collection = repository.load_collection(collection_id)
            if collection is not None:
                target.collection, target.invoice_ids = collection, [collection.invoice_id]
                _fill_amount(target, collection.amount, collection.currency, "sepa_debit")
        elif instalment_id := found.instalments.get(target.reference):
            loaded = repository.load_instalment(instalment_id)
            if loaded is not None:
                target.instalment, target.invoice_ids = loaded, [loaded[1].invoice_id]
                _fill_amount(target, loaded[0].amount, loaded[1].currency, "sepa_debit")
        attempt_id = _uuid(event.attempt_id)
        if attempt_id not in found.attempts:
            attempt_id = found.attempts_by_reference.get(event.resource_reference or "")
        if attempt_id and (attempt := repository.load_attempt(attempt_id)):
            target.attempt = attempt
            target.invoice_ids = target.invoice_ids or [attempt.invoice_id]
            _fill_amount(target, attempt.amount, attempt.currency, attempt.method)


def _metadata_invoices(
    session: Session, organisation_id: uuid.UUID, known: list[tuple[ProviderEvent, Target]]
) -> None:
    wanted = [i for event, target in known if not target.invoice_ids for i in event.invoice_ids]
    if not wanted:
        return
    ours = set(TargetRepository(session).invoice_ids(organisation_id, wanted))
    for event, target in known:
        if not target.invoice_ids:
            named = (_uuid(i) for i in event.invoice_ids)
            target.invoice_ids = [i for i in dict.fromkeys(named) if i is not None and i in ours]


def _uuid(text: str | None) -> uuid.UUID | None:
    try:
        return uuid.UUID(text) if text else None
    except ValueError:
        return None


def _ledger_knowledge(
    session: Session, organisation_id: uuid.UUID, known: list[tuple[ProviderEvent, Target]]
) -> None:
    """A later event of a payment (a refund, a failure) often names neither invoice nor amount: the ledger's
    earlier facts of that payment do."""
    for provider in sorted({event.provider for event, _ in known}):
        mine = [target for event, target in known if event.provider == provider]
        org, unplaced = organisation_id, [t.reference for t in mine if not t.invoice_ids]
        paid_by = transactions.invoices_paid_by(session, org, provider, unplaced) if unplaced else {}
        # A refund or a dispute may be of part of the payment: never priced at what the payment was.
        mine_priced = [
            t for event, t in known if event.provider == provider and event.kind not in OWN_AMOUNT_KINDS
        ]
        unpriced = [t.reference for t in mine_priced if t.amount is None]
        amounts = transactions.known_amounts(session, org, provider, unpriced) if unpriced else {}
        for target in mine:
            target.invoice_ids = target.invoice_ids or paid_by.get(target.reference, [])
        for target in mine_priced:
            if target.amount is None and target.reference in amounts:
                target.amount, target.currency = amounts[target.reference]


def _fill_amount(target: Target, amount: int, currency: str, method: str | None) -> None:
    if target.amount is None:
        target.amount, target.currency = amount, currency
    target.method = target.method or method


def _place_by_provider(
    session: Session, organisation_id: uuid.UUID, target: Target, payment: ProviderPayment
) -> None:
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
    """The schedule's instalment for this payment: the one it was placed on already (by an earlier event of
    the same payment), else the unplaced one with its charge date, else the first one still unplaced."""
    instalments = repository.instalments(plan)
    placed = next((i for i in instalments if i.provider_reference == reference), None)
    if placed is not None:
        return placed
    free = [i for i in instalments if i.provider_reference is None]
    chosen = next((i for i in free if i.due_date == charge_date), free[0] if free else None)
    if chosen is not None:
        chosen.provider_reference = reference
    return chosen
