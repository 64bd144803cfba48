"""GoCardless adapter on gocardless_pro (Billing Requests, mandates, payments, instalment schedules).

Reference words, as the rest of the application sees them:
- create_mandate_flow and create_checkout return the Billing Request id (`BRQ…`); get_mandate,
  cancel_mandate and collect accept it and follow it to the mandate once the payer has signed, so the
  application may keep either id.
- Mandate references are GoCardless mandate ids (`MD…`); collections are payment ids (`PM…`), and
  get_payment takes those.

Idempotency: the client sends our key on creates and, on 409 idempotent_creation_conflict, GETs the
resource the first request created (`raise_on_idempotency_conflict=False`), so a retry after a lost
response returns the same object instead of a second debit.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import UTC, date, datetime
from types import MappingProxyType
from typing import Any

import gocardless_pro

from payments.errors import FinalProviderError
from payments.events import ProviderEvent, normalise_gocardless, oldest_first, string_values
from payments.gocardless_errors import PROVIDER, translated_gocardless_errors
from payments.gocardless_params import billing_request_params, flow_params, instalment_params, payment_params
from payments.mapping import (
    GOCARDLESS_BILLING_REQUEST,
    GOCARDLESS_INSTALMENT_SCHEDULE,
    GOCARDLESS_MANDATE,
    GOCARDLESS_PAYMENT,
    to_ours,
)
from payments.types import (
    CheckoutRequest,
    Collection,
    CollectionRequest,
    HostedRedirect,
    InstalmentPlan,
    InstalmentPlanRequest,
    Mandate,
    MandateRequest,
    Money,
    Provider,
    ProviderConfig,
    ProviderPayment,
    ScheduleState,
)

Attributes = dict[str, Any]

EVENTS_PAGE_SIZE = 500  # the most GoCardless lists at once

# Payment.status → ProviderPayment.status. Finer than GOCARDLESS_PAYMENT (a collection's answer): a catch-up
# must tell money in our payout (paid_out) and money taken back (charged_back) from the rest.
GOCARDLESS_PAYMENT_LOOKUP: Mapping[str, str] = {
    "pending_customer_approval": "pending",
    "pending_submission": "pending",
    "submitted": "submitted",
    "confirmed": "confirmed",
    "paid_out": "paid_out",
    "failed": "failed",
    "customer_approval_denied": "failed",
    "charged_back": "charged_back",
    "cancelled": "cancelled",
}


def build_client(config: ProviderConfig) -> Any:
    if config.base_url is not None:
        where: dict[str, str] = {"base_url": config.base_url}
    else:
        where = {"environment": "sandbox" if config.mode == "test" else "live"}
    return gocardless_pro.Client(
        access_token=config.secret,
        timeout=config.timeout_seconds,
        raise_on_idempotency_conflict=False,
        **where,
    )


class GoCardlessProvider:
    name: Provider = "gocardless"

    def __init__(self, config: ProviderConfig) -> None:
        if config.provider != "gocardless":
            raise ValueError(f"a {config.provider} config given to GoCardlessProvider")
        self._client = build_client(config)

    # --- hosted pages ------------------------------------------------------------------------------------

    def create_checkout(self, request: CheckoutRequest) -> HostedRedirect:
        """One SEPA payment: a Billing Request with a payment request only (no reusable mandate)."""
        if "card" in request.methods or "sepa_debit" not in request.methods:
            raise FinalProviderError(PROVIDER, "GoCardless takes SEPA debits only; use Stripe for cards")
        if request.amount.currency != "EUR":
            raise FinalProviderError(PROVIDER, f"SEPA debit needs EUR, not {request.amount.currency}")
        params = billing_request_params(request)
        return self._hosted_flow(params, request.attempt_id, flow_params(request))

    def create_mandate_flow(self, request: MandateRequest) -> HostedRedirect:
        params = billing_request_params(request)
        return self._hosted_flow(params, request.attempt_id, flow_params(request))

    def _hosted_flow(self, params: Attributes, attempt_id: str, flow: Attributes) -> HostedRedirect:
        # The same key for both hosted pages: one attempt is one Billing Request.
        headers = {"Idempotency-Key": f"brq:{attempt_id}"}
        with translated_gocardless_errors("create the billing request"):
            billing_request = self._client.billing_requests.create(params=params, headers=headers)
        # No key of ours on the flow: the client has no conflict handling for flows, so a reused key would
        # fail; a second flow on the same Billing Request is harmless (both lead to the same request).
        flow["links"] = {"billing_request": billing_request.id}
        with translated_gocardless_errors("create the hosted payment page"):
            created = self._client.billing_request_flows.create(params=flow)
        return HostedRedirect(
            provider="gocardless",
            reference=billing_request.id,
            url=created.authorisation_url,
            expires_at=_timestamp(created.expires_at),
        )

    # --- mandates ----------------------------------------------------------------------------------------

    def get_mandate(self, reference: str) -> Mandate:
        found = self._mandate_attributes(reference)
        if isinstance(found, Mandate):
            return found
        return _mandate(found)

    def cancel_mandate(self, reference: str) -> Mandate:
        found = self._mandate_attributes(reference)
        if isinstance(found, Mandate):
            # Not signed yet: cancelling the Billing Request makes the hosted page unusable.
            with translated_gocardless_errors("cancel the billing request"):
                self._client.billing_requests.cancel(reference)
            return Mandate(provider="gocardless", reference=reference, status="cancelled")
        if found["status"] == "cancelled":
            return _mandate(found)
        with translated_gocardless_errors("cancel the mandate"):
            cancelled = self._client.mandates.cancel(found["id"])
        return _mandate(cancelled.attributes)

    def _mandate_attributes(self, reference: str) -> Attributes | Mandate:
        """The mandate behind a mandate or Billing Request id; a Mandate while the payer has not signed."""
        mandate_id: str | None = reference
        if reference.startswith("BRQ"):
            with translated_gocardless_errors("read the billing request"):
                billing_request = self._client.billing_requests.get(reference).attributes
            mandate_id = (billing_request.get("links") or {}).get("mandate_request_mandate")
            if not mandate_id:
                word = billing_request.get("status")
                status = to_ours(PROVIDER, GOCARDLESS_BILLING_REQUEST, word, "billing request")
                return Mandate(provider="gocardless", reference=reference, status=status)
        with translated_gocardless_errors("read the mandate"):
            attributes: Attributes = self._client.mandates.get(mandate_id).attributes
        return attributes

    def _signed_mandate(self, reference: str) -> Attributes:
        found = self._mandate_attributes(reference)
        if isinstance(found, Mandate):
            raise FinalProviderError(PROVIDER, f"the payer has not signed a mandate for {reference} yet")
        return found

    # --- money -------------------------------------------------------------------------------------------

    def collect(self, request: CollectionRequest) -> Collection:
        mandate = self._signed_mandate(request.mandate_reference)
        # GoCardless refuses a charge date before the mandate's next possible one (422); collecting a little
        # later is what the payer agreed to, so we move it rather than fail.
        charge_date = request.charge_date
        earliest = _date(mandate.get("next_possible_charge_date"))
        if earliest is not None and earliest > charge_date:
            charge_date = earliest
        params = payment_params(request, mandate["id"], charge_date)
        headers = {"Idempotency-Key": request.idempotency_key}
        with translated_gocardless_errors("create the payment"):
            payment = self._client.payments.create(params=params, headers=headers).attributes
        return Collection(
            provider="gocardless",
            reference=payment["id"],
            status=to_ours(PROVIDER, GOCARDLESS_PAYMENT, payment.get("status"), "payment"),
            charge_date=_date(payment.get("charge_date")),
        )

    def create_instalment_plan(self, request: InstalmentPlanRequest) -> InstalmentPlan:
        mandate = self._signed_mandate(request.mandate_reference)
        _refuse_early_instalments(request, _date(mandate.get("next_possible_charge_date")))
        params = instalment_params(request, mandate["id"])
        headers = {"Idempotency-Key": request.idempotency_key}
        with translated_gocardless_errors("create the instalment schedule"):
            schedule = self._client.instalment_schedules.create_with_dates(params=params, headers=headers)
        status = schedule.attributes.get("status")
        return InstalmentPlan(
            provider="gocardless",
            reference=schedule.id,
            status=to_ours(PROVIDER, GOCARDLESS_INSTALMENT_SCHEDULE, status, "instalment schedule"),
        )

    def get_schedule(self, reference: str) -> ScheduleState:
        with translated_gocardless_errors("read the instalment schedule"):
            schedule: Attributes = self._client.instalment_schedules.get(reference).attributes
        word = schedule.get("status")
        return ScheduleState(
            provider="gocardless",
            reference=schedule["id"],
            status=to_ours(PROVIDER, GOCARDLESS_INSTALMENT_SCHEDULE, word, "instalment schedule"),
            payment_references=tuple((schedule.get("links") or {}).get("payments") or ()),
        )

    # --- catching up -------------------------------------------------------------------------------------

    def get_payment(self, reference: str) -> ProviderPayment:
        with translated_gocardless_errors("read the payment"):
            payment: Attributes = self._client.payments.get(reference).attributes
        links = payment.get("links") or {}
        return ProviderPayment(
            provider="gocardless",
            reference=payment["id"],
            amount=Money(payment["amount"], payment["currency"]),
            status=to_ours(PROVIDER, GOCARDLESS_PAYMENT_LOOKUP, payment.get("status"), "payment"),
            charge_date=_date(payment.get("charge_date")),
            mandate_reference=links.get("mandate"),
            schedule_reference=links.get("instalment_schedule"),
            metadata=MappingProxyType(string_values(payment.get("metadata") or {})),
        )

    def list_events(self, since: datetime, *, until: datetime | None = None) -> Iterator[ProviderEvent]:
        """A listed event may lack the `resource_metadata` a webhook carries, so its invoice and organisation
        ids may be empty: follow its resource reference (get_payment) instead."""
        params: Attributes = {"created_at[gte]": _iso(since), "limit": EVENTS_PAGE_SIZE}
        if until is not None:
            params["created_at[lte]"] = _iso(until)
        newest_first = self._raw_events(params)
        return oldest_first(reversed(newest_first), normalise_gocardless, "GoCardless")

    def _raw_events(self, params: Attributes) -> list[Any]:
        """Every page of GET /events, newest first, following `meta.cursors.after` to the end."""
        events: list[Any] = []
        while True:
            with translated_gocardless_errors("list the events"):
                page = self._client.events.list(params=params)
            events.extend(record.attributes for record in page.records)
            if not page.after:
                return events
            params = {**params, "after": page.after}


def _refuse_early_instalments(request: InstalmentPlanRequest, earliest: date | None) -> None:
    """Unlike a single collection, a schedule's dates were announced to the payer in one notice, so we do
    not move them: GoCardless would fail the whole schedule asynchronously (creation_failed)."""
    first = min(charge_date for _, charge_date in request.instalments) if request.instalments else None
    if first is not None and earliest is not None and first < earliest:
        raise FinalProviderError(
            PROVIDER,
            f"the first instalment ({first}) is before the mandate's next possible charge date ({earliest})",
            code="charge_date_too_early",
        )


def _mandate(attributes: Attributes) -> Mandate:
    return Mandate(
        provider="gocardless",
        reference=attributes["id"],
        status=to_ours(PROVIDER, GOCARDLESS_MANDATE, attributes.get("status"), "mandate"),
        scheme_reference=attributes.get("reference"),
        next_possible_charge_date=_date(attributes.get("next_possible_charge_date")),
    )


def _iso(moment: datetime) -> str:
    """GoCardless's form; cut to its millisecond precision, which widens the range and loses nothing."""
    if moment.tzinfo is None:
        raise ValueError(f"an aware datetime is needed, not {moment!r}")
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _date(value: object) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) and value else None


def _timestamp(value: object) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    return datetime.fromisoformat(value.replace("Z", "+00:00"))
