"""Stripe adapter on stripe-python v16 (`StripeClient`, API version endive).

Reference words, as the rest of the application sees them:
- create_checkout returns the Checkout Session id (`cs_…`).
- create_mandate_flow returns the setup-mode Checkout Session id; get_mandate accepts it and, once the
  payer has signed, answers with the SetupIntent id (`seti_…`) as the mandate reference, because the
  SetupIntent carries the three things an off-session debit needs together: customer, payment method and
  mandate.
- Instalments: Stripe has no schedule object we want (see create_instalment_plan); our scheduler calls
  collect() once per instalment with a key derived from the instalment.
- get_payment takes the PaymentIntent id (`pi_…`) that collect() returns and payment events carry.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from datetime import UTC, date, datetime
from types import MappingProxyType
from typing import Any

import stripe
from stripe.params import EventListParams, EventListParamsCreated, PaymentIntentCreateParams
from stripe.params.checkout import SessionCreateParams

from payments.errors import FinalProviderError
from payments.events import ProviderEvent, normalise_stripe, oldest_first, string_values
from payments.mapping import (
    STRIPE_CHECKOUT_SETUP,
    STRIPE_MANDATE,
    STRIPE_PAYMENT_INTENT,
    STRIPE_SETUP_INTENT,
    to_ours,
)
from payments.stripe_checkout import checkout_params, expiry_candidates, setup_params
from payments.stripe_errors import PROVIDER, translated_stripe_errors
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

Clock = Callable[[], datetime]

EVENTS_PAGE_SIZE = 100  # the most Stripe lists at once

# PaymentIntent.status → ProviderPayment.status. Unlike STRIPE_PAYMENT_INTENT (the answer to our own
# confirm), a looked-up intent in requires_payment_method may be a Checkout intent nobody has paid yet:
# pending, unless last_payment_error says an attempt failed (see _payment_status).
STRIPE_PAYMENT_LOOKUP: Mapping[str, str] = {
    "requires_payment_method": "pending",
    "requires_confirmation": "pending",
    "requires_action": "pending",
    "requires_capture": "pending",
    "processing": "submitted",
    "succeeded": "confirmed",
    "canceled": "cancelled",
}


def _utc_now() -> datetime:
    return datetime.now(UTC)


def build_client(config: ProviderConfig, *, max_network_retries: int) -> stripe.StripeClient:
    """One client per organisation's config: nothing global, so two organisations never share a key."""
    http_client = stripe.RequestsClient(timeout=config.timeout_seconds)
    if config.base_url is None:
        return stripe.StripeClient(
            config.secret, max_network_retries=max_network_retries, http_client=http_client
        )
    return stripe.StripeClient(
        config.secret,
        base_addresses={"api": config.base_url},
        max_network_retries=max_network_retries,
        http_client=http_client,
    )


class StripeProvider:
    name: Provider = "stripe"

    def __init__(self, config: ProviderConfig, *, max_network_retries: int = 2, clock: Clock = _utc_now):
        if config.provider != "stripe":
            raise ValueError(f"a {config.provider} config given to StripeProvider")
        self._client = build_client(config, max_network_retries=max_network_retries)
        self._clock = clock

    # --- one-off payment ---------------------------------------------------------------------------------

    def create_checkout(self, request: CheckoutRequest) -> HostedRedirect:
        _refuse_unpayable(request)
        key = f"checkout:{request.attempt_id}"
        session = self._create_session(lambda expires_at: checkout_params(request, expires_at), key)
        return _redirect(session)

    def _create_session(
        self, params: Callable[[int], SessionCreateParams], key: str
    ) -> stripe.checkout.Session:
        """`expires_at` is part of the parameters Stripe compares under one idempotency key, so it is
        rounded (see expiry_candidates); a retry that straddles a rounding boundary tries the previous
        value, which is what the first call sent."""
        first, previous = expiry_candidates(self._clock())
        try:
            return self._sessions_create(params(first), key)
        except FinalProviderError as err:
            if err.code != "idempotency_error":
                raise
            return self._sessions_create(params(previous), key)

    def _sessions_create(self, params: SessionCreateParams, key: str) -> stripe.checkout.Session:
        with translated_stripe_errors("create the Checkout Session"):
            return self._client.v1.checkout.sessions.create(params=params, options={"idempotency_key": key})

    # --- mandates ----------------------------------------------------------------------------------------

    def create_mandate_flow(self, request: MandateRequest) -> HostedRedirect:
        if request.currency != "EUR":
            raise FinalProviderError(PROVIDER, f"SEPA mandates are in EUR only, not {request.currency}")
        if request.one_off_payment is not None:
            raise FinalProviderError(PROVIDER, "a first payment with the mandate is a GoCardless feature")
        customer = self._create_customer(request)
        key = f"mandate:{request.attempt_id}"
        session = self._create_session(lambda expires_at: setup_params(request, customer, expires_at), key)
        return _redirect(session)

    def _create_customer(self, request: MandateRequest) -> str:
        # Off-session debits need the payment method attached to a Customer; setup-mode Checkout attaches
        # it to the one we pass.
        metadata = {"organisation_id": request.organisation_id, "client_id": request.client_id}
        with translated_stripe_errors("create the Stripe customer"):
            customer = self._client.v1.customers.create(
                params={
                    "email": request.customer_email or "",
                    "name": request.customer_name or "",
                    "metadata": metadata,
                    "preferred_locales": ["fr"],
                },
                options={"idempotency_key": f"customer:{request.attempt_id}"},
            )
        return customer.id

    def get_mandate(self, reference: str) -> Mandate:
        setup_intent = self._setup_intent(reference)
        if isinstance(setup_intent, Mandate):
            return setup_intent
        if setup_intent.mandate is None:
            status = to_ours(PROVIDER, STRIPE_SETUP_INTENT, setup_intent.status, "SetupIntent")
            return Mandate(provider="stripe", reference=setup_intent.id, status=status)
        mandate_id = _id(setup_intent.mandate)
        with translated_stripe_errors("read the mandate"):
            mandate = self._client.v1.mandates.retrieve(mandate_id)
        sepa = mandate.payment_method_details.sepa_debit
        return Mandate(
            provider="stripe",
            reference=setup_intent.id,
            status=to_ours(PROVIDER, STRIPE_MANDATE, mandate.status, "mandate"),
            scheme_reference=sepa.reference if sepa is not None else None,
            # Stripe publishes no earliest debit date; SEPA target dates are 3 to 15 days ahead.
            next_possible_charge_date=None,
        )

    def _setup_intent(self, reference: str) -> stripe.SetupIntent | Mandate:
        """The SetupIntent behind a mandate reference; a pending Mandate while the payer has not signed."""
        setup_intent_id = reference
        if reference.startswith("cs_"):
            with translated_stripe_errors("read the Checkout Session"):
                session = self._client.v1.checkout.sessions.retrieve(reference)
            if session.setup_intent is None:
                status = to_ours(PROVIDER, STRIPE_CHECKOUT_SETUP, session.status, "Checkout Session")
                return Mandate(provider="stripe", reference=session.id, status=status)
            setup_intent_id = _id(session.setup_intent)
        with translated_stripe_errors("read the SetupIntent"):
            return self._client.v1.setup_intents.retrieve(setup_intent_id)

    def cancel_mandate(self, reference: str) -> Mandate:
        """Stripe has no "cancel mandate" call: detaching the payment method makes its mandate inactive."""
        setup_intent = self._setup_intent(reference)
        if isinstance(setup_intent, Mandate):
            raise FinalProviderError(
                PROVIDER, "the payer has not signed this mandate yet; expire the session"
            )
        if setup_intent.payment_method is not None:
            with translated_stripe_errors("detach the payment method"):
                self._client.v1.payment_methods.detach(_id(setup_intent.payment_method))
        return self.get_mandate(setup_intent.id)

    # --- collections -------------------------------------------------------------------------------------

    def collect(self, request: CollectionRequest) -> Collection:
        if request.amount.currency != "EUR":
            raise FinalProviderError(PROVIDER, f"SEPA debits are in EUR only, not {request.amount.currency}")
        setup_intent = self._setup_intent(request.mandate_reference)
        if isinstance(setup_intent, Mandate):
            raise FinalProviderError(PROVIDER, "no signed mandate behind this reference yet")
        # Stripe debits as soon as possible unless told a target date (3 to 15 days ahead).
        target = request.charge_date if request.charge_date > self._clock().date() else None
        params = _collection_params(request, setup_intent, target)
        with translated_stripe_errors("create the SEPA debit"):
            intent = self._client.v1.payment_intents.create(
                params=params, options={"idempotency_key": request.idempotency_key}
            )
        return Collection(
            provider="stripe",
            reference=intent.id,
            status=to_ours(PROVIDER, STRIPE_PAYMENT_INTENT, intent.status, "PaymentIntent"),
            charge_date=target or self._clock().date(),
        )

    def create_instalment_plan(self, request: InstalmentPlanRequest) -> InstalmentPlan:
        """Not offered on Stripe: Stripe's options (Invoicing payment plans, subscription schedules)
        duplicate our invoice model. Our scheduler runs Stripe instalments as one collect() per due date."""
        raise FinalProviderError(
            PROVIDER, "not supported: our scheduler runs Stripe instalments", code="not_supported"
        )

    def get_schedule(self, reference: str) -> ScheduleState:
        raise FinalProviderError(PROVIDER, "Stripe has no instalment schedules", code="not_supported")

    # --- catching up -------------------------------------------------------------------------------------

    def get_payment(self, reference: str) -> ProviderPayment:
        with translated_stripe_errors("read the PaymentIntent"):
            intent = self._client.v1.payment_intents.retrieve(reference)
        return ProviderPayment(
            provider="stripe",
            reference=intent.id,
            amount=Money(intent.amount, intent.currency.upper()),
            status=_payment_status(intent),
            charge_date=_target_date(intent),
            mandate_reference=None,  # ours is the SetupIntent, which a PaymentIntent does not name
            schedule_reference=None,
            metadata=MappingProxyType(string_values(intent.metadata.to_dict())),
        )

    def list_events(self, since: datetime, *, until: datetime | None = None) -> Iterator[ProviderEvent]:
        """Stripe dates events to the second: the range is widened to whole seconds, so an event of
        `since`'s own second may come from just before it (the inbox deduplicates by event id)."""
        created: EventListParamsCreated = {"gte": _unix(since)}
        if until is not None:
            created["lte"] = _unix(until)
        newest_first = self._raw_events({"created": created, "limit": EVENTS_PAGE_SIZE})
        return oldest_first(reversed(newest_first), normalise_stripe, "Stripe")

    def _raw_events(self, params: EventListParams) -> list[Any]:
        """Every page of GET /v1/events, newest first, each event as Stripe sent it."""
        events: list[Any] = []
        while True:
            with translated_stripe_errors("list the events"):
                page = _json(self._client.v1.events.list(params=params))
            items, cursor = _page_items(page)
            events.extend(items)
            if cursor is None:
                return events
            params["starting_after"] = cursor


def _collection_params(
    request: CollectionRequest, setup_intent: stripe.SetupIntent, target: date | None
) -> PaymentIntentCreateParams:
    if setup_intent.payment_method is None or setup_intent.mandate is None:
        raise FinalProviderError(PROVIDER, "no signed mandate behind this reference yet")
    params: PaymentIntentCreateParams = {
        "amount": request.amount.amount,
        "currency": request.amount.currency.lower(),
        "payment_method": _id(setup_intent.payment_method),
        "mandate": _id(setup_intent.mandate),
        "allowed_payment_method_types": ["sepa_debit"],
        "confirm": True,
        "off_session": True,
        "description": request.description,
        "metadata": dict(request.metadata),
    }
    if setup_intent.customer is not None:
        params["customer"] = _id(setup_intent.customer)
    if target is not None:
        params["payment_method_options"] = {"sepa_debit": {"target_date": target.isoformat()}}
    return params


def _refuse_unpayable(request: CheckoutRequest) -> None:
    """Refuse before calling Stripe what Stripe would refuse anyway, with our own clearer words."""
    if not request.methods:
        raise FinalProviderError(PROVIDER, "no payment method allowed for this checkout")
    if "sepa_debit" in request.methods and request.amount.currency != "EUR":
        raise FinalProviderError(
            PROVIDER, f"SEPA debit needs EUR, this checkout is in {request.amount.currency}", code="currency"
        )
    if len(",".join(request.invoice_ids)) > 200:  # Stripe's client_reference_id limit
        raise FinalProviderError(PROVIDER, "too many invoices in one checkout (ids exceed 200 characters)")


def _redirect(session: stripe.checkout.Session) -> HostedRedirect:
    if session.url is None:
        raise FinalProviderError(
            PROVIDER, f"Checkout Session {session.id} has no URL (status {session.status})"
        )
    return HostedRedirect(
        provider="stripe",
        reference=session.id,
        url=session.url,
        expires_at=datetime.fromtimestamp(session.expires_at, UTC),
    )


def _payment_status(intent: stripe.PaymentIntent) -> str:
    if intent.status == "requires_payment_method" and intent.last_payment_error is not None:
        return "failed"  # a failed attempt sends the intent back to requires_payment_method
    return to_ours(PROVIDER, STRIPE_PAYMENT_LOOKUP, intent.status, "PaymentIntent")


def _target_date(intent: stripe.PaymentIntent) -> date | None:
    """The SEPA debit date we asked for; Stripe publishes no debit date otherwise."""
    sepa = getattr(intent.payment_method_options, "sepa_debit", None)
    target = getattr(sepa, "target_date", None)
    return date.fromisoformat(target) if isinstance(target, str) and target else None


def _unix(moment: datetime) -> int:
    if moment.tzinfo is None:
        raise ValueError(f"an aware datetime is needed, not {moment!r}")
    return int(moment.timestamp())  # rounded down: the range only grows


def _json(obj: stripe.StripeObject) -> dict[str, Any]:
    """The body as Stripe sent it: to_dict() would turn int64 strings into ints, and a listed event must
    normalise exactly as the same event received by webhook."""
    response = obj.last_response
    if response is not None and isinstance(response.data, dict):
        return response.data
    return obj.to_dict(for_json=True)


def _page_items(page: Mapping[str, Any]) -> tuple[list[Any], str | None]:
    """The items of one list page, and the cursor of the next page (None after the last)."""
    items = page.get("data")
    if not isinstance(items, list):
        raise FinalProviderError(PROVIDER, "Stripe answered a list without `data`")
    if not page.get("has_more") or not items:
        return items, None
    last = items[-1]
    cursor = last.get("id") if isinstance(last, dict) else None
    if not isinstance(cursor, str):
        raise FinalProviderError(PROVIDER, "Stripe listed an event without an id: no next page to ask for")
    return items, cursor


def _id(value: str | stripe.StripeObject) -> str:
    """An expandable field: the id, or the object when the request expanded it."""
    if isinstance(value, str):
        return value
    identifier = getattr(value, "id", None)  # v16: StripeObject is no longer a dict
    if not isinstance(identifier, str):
        raise FinalProviderError(PROVIDER, "Stripe answered an object without an id")
    return identifier
