"""Events about mandates, instalment schedules, billing requests and abandoned checkouts."""

from __future__ import annotations

import uuid

from sqlalchemy.orm import Session

from api.mandates import service as mandates
from api.models import InstalmentPlan
from api.provider_events.repository import TargetRepository
from api.providers import service as providers
from api.transactions import service as transactions
from api.transactions.policy import Fact
from payments.events import ProviderEvent

MANDATE_STATUS = {
    "mandate.active": "active",
    "mandate.cancelled": "cancelled",
    "mandate.failed": "failed",
    "mandate.expired": "expired",
}
PLAN_STATUS = {
    "instalment_schedule.created": "active",
    "instalment_schedule.completed": "completed",
    "instalment_schedule.cancelled": "cancelled",
    "instalment_schedule.errored": "errored",
}
PLAN_ENDED = ("completed", "cancelled", "errored")


def mandate_event(session: Session, organisation_id: uuid.UUID, event: ProviderEvent) -> str:
    reference = event.mandate_reference or event.resource_reference
    mandate = TargetRepository(session).mandate(organisation_id, reference) if reference else None
    if mandate is None:
        return "unmatched"
    mandates.apply_provider_status(session, mandate, MANDATE_STATUS[event.kind])
    return "processed"


def billing_request_event(
    session: Session, organisation_id: uuid.UUID, event: ProviderEvent, secret_key: str
) -> str:
    """Signed: the mandate behind the request is asked about (it names the mandate the payer signed)."""
    repository = TargetRepository(session)
    reference = event.billing_request_reference or event.resource_reference
    if reference is None:
        return "unmatched"
    if mandate := repository.mandate(organisation_id, reference):
        mandates.refresh(session, mandate, secret_key=secret_key)
        mandates.apply_provider_status(session, mandate, mandate.status)
        return "processed"
    # A one-off payment's request: the money comes with the payment's own events.
    return "processed" if repository.attempt(organisation_id, event.attempt_id, reference) else "unmatched"


def checkout_expired(session: Session, organisation_id: uuid.UUID, event: ProviderEvent) -> str:
    attempt = TargetRepository(session).attempt(organisation_id, event.attempt_id, event.resource_reference)
    if attempt is None:
        return "unmatched"
    if attempt.status == "open":
        attempt.status = "expired"
    return "processed"


def schedule_event(
    session: Session, organisation_id: uuid.UUID, event: ProviderEvent, secret_key: str
) -> str:
    repository = TargetRepository(session)
    reference = event.schedule_reference or event.resource_reference
    plan = repository.plan(organisation_id, reference) if reference else None
    if plan is None:
        return "unmatched"
    status = PLAN_STATUS[event.kind]
    if plan.status not in PLAN_ENDED:
        plan.status = status
    if status in ("active", "completed"):
        _place_payments(session, plan, secret_key)
    if status == "completed":
        _record_completed(session, plan, event)
    elif status in ("cancelled", "errored"):
        for instalment in repository.instalments(plan):
            if instalment.status in ("planned", "submitted"):
                instalment.status = "cancelled"
    if invoice := transactions.invoice_row(session, plan.invoice_id):
        transactions.recompute(session, invoice)
    return "processed"


def _place_payments(session: Session, plan: InstalmentPlan, secret_key: str) -> None:
    """Learn which provider payment is which instalment, so their events find the instalment directly."""
    instalments = TargetRepository(session).instalments(plan)
    if all(i.provider_reference for i in instalments) or plan.provider_reference is None:
        return
    schedule = providers.adapter(session, secret_key, plan.organisation_id, plan.provider).get_schedule(
        plan.provider_reference
    )
    for instalment, reference in zip(instalments, schedule.payment_references, strict=False):
        instalment.provider_reference = instalment.provider_reference or reference


def _record_completed(session: Session, plan: InstalmentPlan, event: ProviderEvent) -> None:
    """A completed schedule has collected every instalment: the same facts its payments' events give,
    so whichever arrives second is a duplicate, never a second payment."""
    for instalment in TargetRepository(session).instalments(plan):
        if instalment.provider_reference is None:
            continue
        reference, amount = instalment.provider_reference, instalment.amount
        fact = Fact(plan.provider, reference, "succeeded", amount, plan.currency, event.occurred_at)
        transactions.record(
            session, plan.organisation_id, plan.invoice_id, fact, recorded_by=f"{plan.provider} event",
            method="sepa_debit",
        )  # fmt: skip
        instalment.status = "paid"
