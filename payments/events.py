"""Provider webhook events normalised to one frozen `ProviderEvent` in our vocabulary.

One table per provider. Unlike `mapping.to_ours`, a word missing from a table is not an error here: the
providers add event types all the time and must not see a failing endpoint for them, so an unmapped event
becomes kind "unknown" (stored, acknowledged, never acted on). Only a body that is not an event at all
raises `MalformedEvent`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal

from payments.types import Provider

logger = logging.getLogger(__name__)

EventKind = Literal[
    # one payment (Stripe PaymentIntent / Checkout, GoCardless payment)
    "payment.created",
    "payment.processing",
    "payment.submitted",
    "payment.confirmed",
    "payment.succeeded",
    "payment.paid_out",
    "payment.failed",
    "payment.cancelled",
    "payment.refunded",
    "payment.disputed",
    "payment.charged_back",
    "dispute.closed",
    # hosted pages
    "checkout.completed_paid",
    "checkout.completed_pending",  # SEPA submitted: stop reminders, do not mark paid
    "checkout.completed_setup",  # setup mode: a mandate was signed, nothing paid
    "checkout.expired",
    "billing_request.fulfilled",
    # mandates and schedules
    "mandate.active",
    "mandate.cancelled",
    "mandate.failed",
    "mandate.expired",
    "instalment_schedule.created",
    "instalment_schedule.completed",
    "instalment_schedule.cancelled",
    "instalment_schedule.errored",
    "unknown",
]


# Stripe's event ids are about 30 characters, GoCardless's 16: a longer one is no event of theirs.
MAX_EVENT_ID_LENGTH = 100
# The largest amount an event may carry, in minor units (ten billion euros): Stripe's own limit is eight
# digits; beyond this it is no payment of ours, and it would overflow the ledger's columns soon after.
MAX_AMOUNT = 10**12


class MalformedEvent(ValueError):
    """The body is not an event of this provider (a missing id, type or date): the delivery is refused."""


@dataclass(frozen=True)
class ProviderEvent:
    provider: Provider
    event_id: str  # unique per provider: the inbox's unique key is (provider, event_id)
    kind: EventKind
    provider_type: str  # Stripe `type`; GoCardless f"{resource_type}.{action}"
    occurred_at: datetime  # aware, UTC
    resource_reference: str | None  # the provider object the event is about (cs_…, pi_…, ch_…, PM…, MD…)
    amount: int | None = None  # minor units, when the event carries one
    currency: str | None = None  # ISO 4217, upper case, with amount
    invoice_ids: tuple[str, ...] = ()  # from our metadata (or Checkout's client_reference_id)
    organisation_id: str | None = None
    attempt_id: str | None = None
    client_id: str | None = None
    payment_reference: str | None = None  # PaymentIntent id, or GoCardless payment id
    mandate_reference: str | None = None
    schedule_reference: str | None = None
    billing_request_reference: str | None = None
    reason: str | None = None  # GoCardless details.cause, Stripe failure code or dispute status
    # Why the event cannot be acted on although it is an event (an amount that is no amount: a fraction,
    # 1e400, 10^20, a string): it is stored and recorded as failed with this reason, never applied.
    problem: str | None = None
    raw: Mapping[str, Any] = field(default_factory=dict, compare=False, hash=False, repr=False)


# --- Stripe --------------------------------------------------------------------------------------------

# Event type → kind. checkout.session.completed is resolved on payment_status (STRIPE_CHECKOUT_COMPLETED).
STRIPE_EVENTS: Mapping[str, EventKind] = {
    "checkout.session.async_payment_succeeded": "payment.succeeded",
    "checkout.session.async_payment_failed": "payment.failed",
    "checkout.session.expired": "checkout.expired",
    "payment_intent.processing": "payment.processing",
    "payment_intent.succeeded": "payment.succeeded",
    "payment_intent.payment_failed": "payment.failed",
    "payment_intent.canceled": "payment.cancelled",
    "charge.refunded": "payment.refunded",
    "charge.dispute.created": "payment.disputed",
    "charge.dispute.closed": "dispute.closed",
}

STRIPE_CHECKOUT_COMPLETED: Mapping[str, EventKind] = {
    "paid": "checkout.completed_paid",
    "unpaid": "checkout.completed_pending",  # bank debit submitted; async_payment_* follows in days
    "no_payment_required": "checkout.completed_setup",
}

# The object an event type carries, for payloads whose object lacks its `object` key (longest prefix first).
_STRIPE_OBJECT_OF_TYPE: tuple[tuple[str, str], ...] = (
    ("checkout.session.", "checkout.session"),
    ("payment_intent.", "payment_intent"),
    ("charge.dispute.", "dispute"),
    ("charge.", "charge"),
)
# Kinds whose amount may be a part of the payment (a partial refund, a dispute of some of it): their amount
# must be in the event itself, never taken from what the payment was.
OWN_AMOUNT_KINDS = frozenset({"payment.refunded", "payment.disputed", "dispute.closed"})

# Which amount field means "the money this event is about", per object type.
_STRIPE_AMOUNT_FIELD: Mapping[str, str] = {
    "checkout.session": "amount_total",
    "payment_intent": "amount",
    "charge": "amount_refunded",  # only charge.refunded is mapped among charge events
    "dispute": "amount",
}


def normalise_stripe(event: Mapping[str, Any]) -> ProviderEvent:
    event_id = _required_str(event, "id")
    event_type = _required_str(event, "type")
    created = event.get("created")
    if not isinstance(created, int) or isinstance(created, bool):
        raise MalformedEvent(f"Stripe event {event_id}: `created` is not a Unix time")
    data = event.get("data")
    obj = data.get("object") if isinstance(data, Mapping) else None
    if not isinstance(obj, Mapping):
        raise MalformedEvent(f"Stripe event {event_id}: no data.object")

    object_type, problem = _stripe_object_type(event_type, obj)
    amount, amount_problem = _stripe_amount(object_type, obj)
    kind = _stripe_kind(event_type, obj)
    problem = problem or amount_problem
    if problem is None and amount is None and kind in OWN_AMOUNT_KINDS:
        problem = f"`{event_type}` does not say how much: nothing applied, check the amount at Stripe"
    currency = _str(obj, "currency")
    metadata = _str_map(obj.get("metadata"))
    invoice_ids = _ids(metadata.get("invoice_ids") or _str(obj, "client_reference_id"))
    try:
        occurred_at = datetime.fromtimestamp(created, UTC)
    except (OverflowError, OSError, ValueError) as err:  # past year 9999, or before year 1
        raise MalformedEvent(f"Stripe event {event_id}: `created` {created} is out of range") from err
    return ProviderEvent(
        provider="stripe",
        event_id=event_id,
        kind=kind,
        provider_type=event_type,
        occurred_at=occurred_at,
        resource_reference=_str(obj, "id"),
        amount=amount,
        currency=currency.upper() if currency and amount is not None else None,
        problem=problem,
        invoice_ids=invoice_ids,
        organisation_id=metadata.get("organisation_id"),
        attempt_id=metadata.get("attempt_id"),
        client_id=metadata.get("client_id"),
        payment_reference=_id(
            obj.get("id") if object_type == "payment_intent" else obj.get("payment_intent")
        ),
        mandate_reference=_id(obj.get("setup_intent")),
        reason=_stripe_reason(object_type, obj),
        raw=event,
    )


def _stripe_object_type(event_type: str, obj: Mapping[str, Any]) -> tuple[str | None, str | None]:
    """The object's type, from its `object` key or else from the event type; a contradiction is a problem."""
    implied = next((kind for prefix, kind in _STRIPE_OBJECT_OF_TYPE if event_type.startswith(prefix)), None)
    declared = _str(obj, "object")
    if declared and implied and declared != implied:
        return None, f"`{event_type}` carries a {declared!r} object, not a {implied!r}"
    return declared or implied, None


def _stripe_amount(object_type: str | None, obj: Mapping[str, Any]) -> tuple[int | None, str | None]:
    """The event's own amount; a charge without `amount_refunded` is summed from its refunds list."""
    field = _STRIPE_AMOUNT_FIELD.get(object_type or "")
    if field is None:
        return None, None
    amount, problem = _amount(obj, field)
    if amount is None and problem is None and object_type == "charge":
        amount, problem = _refunds_total(obj.get("refunds"))
    if amount is not None and object_type == "charge":
        paid, _ = _amount(obj, "amount")
        if paid is not None and amount > paid:
            return None, f"`amount_refunded` {amount} is more than the charge's `amount` {paid}"
    return amount, problem


def _refunds_total(refunds: object) -> tuple[int | None, str | None]:
    data = refunds.get("data") if isinstance(refunds, Mapping) else None
    if not isinstance(data, list) or not data:
        return None, None
    total = 0
    for refund in data:
        amount, problem = _amount(refund, "amount") if isinstance(refund, Mapping) else (None, "a refund")
        if amount is None:
            return None, problem or "a refund in `refunds` has no amount"
        total += amount
    return (total, None) if total <= MAX_AMOUNT else (None, "the refunds add up to more than allowed")


def _stripe_kind(event_type: str, obj: Mapping[str, Any]) -> EventKind:
    if event_type == "checkout.session.completed":
        return STRIPE_CHECKOUT_COMPLETED.get(_str(obj, "payment_status") or "", "unknown")
    return STRIPE_EVENTS.get(event_type, "unknown")


def _stripe_reason(object_type: str | None, obj: Mapping[str, Any]) -> str | None:
    if object_type == "dispute":
        return _str(obj, "status")  # won / lost on charge.dispute.closed
    error = obj.get("last_payment_error")
    if isinstance(error, Mapping):
        return _str(error, "decline_code") or _str(error, "code")
    return None


# --- GoCardless ----------------------------------------------------------------------------------------

# (resource_type, action) → kind. Both halves matter: payouts.paid and refunds.paid share the action word.
GOCARDLESS_EVENTS: Mapping[tuple[str, str], EventKind] = {
    ("payments", "created"): "payment.created",
    ("payments", "submitted"): "payment.submitted",
    ("payments", "confirmed"): "payment.confirmed",
    ("payments", "paid_out"): "payment.paid_out",
    ("payments", "failed"): "payment.failed",
    ("payments", "customer_approval_denied"): "payment.failed",
    ("payments", "charged_back"): "payment.charged_back",
    ("payments", "cancelled"): "payment.cancelled",
    ("mandates", "active"): "mandate.active",
    ("mandates", "cancelled"): "mandate.cancelled",
    ("mandates", "failed"): "mandate.failed",
    ("mandates", "expired"): "mandate.expired",
    ("instalment_schedules", "created"): "instalment_schedule.created",
    ("instalment_schedules", "completed"): "instalment_schedule.completed",
    ("instalment_schedules", "cancelled"): "instalment_schedule.cancelled",
    ("instalment_schedules", "errored"): "instalment_schedule.errored",
    ("instalment_schedules", "creation_failed"): "instalment_schedule.errored",
    ("billing_requests", "fulfilled"): "billing_request.fulfilled",
}

# resource_type → the `links` key naming the resource itself.
_GOCARDLESS_RESOURCE_LINK: Mapping[str, str] = {
    "payments": "payment",
    "mandates": "mandate",
    "instalment_schedules": "instalment_schedule",
    "billing_requests": "billing_request",
    "payouts": "payout",
    "refunds": "refund",
    "subscriptions": "subscription",
    "creditors": "creditor",
    "customers": "customer",
}


def normalise_gocardless(event: Mapping[str, Any]) -> ProviderEvent:
    event_id = _required_str(event, "id")
    resource_type = _required_str(event, "resource_type")
    action = _required_str(event, "action")
    occurred_at = _aware(_required_str(event, "created_at"), event_id)
    links = _str_map(event.get("links"))
    details = event.get("details")
    # resource_metadata is the metadata we set on the payment/mandate/billing request; an event's own
    # `metadata` is only filled for events we create ourselves, so it is the fallback.
    metadata = {**_str_map(event.get("metadata")), **_str_map(event.get("resource_metadata"))}
    link_key = _GOCARDLESS_RESOURCE_LINK.get(resource_type)
    return ProviderEvent(
        provider="gocardless",
        event_id=event_id,
        kind=GOCARDLESS_EVENTS.get((resource_type, action), "unknown"),
        provider_type=f"{resource_type}.{action}",
        occurred_at=occurred_at,
        resource_reference=links.get(link_key) if link_key else None,
        invoice_ids=_ids(metadata.get("invoice_ids")),
        organisation_id=metadata.get("organisation_id"),
        attempt_id=metadata.get("attempt_id"),
        client_id=metadata.get("client_id"),
        payment_reference=links.get("payment") or links.get("payment_request_payment"),
        mandate_reference=links.get("mandate") or links.get("mandate_request_mandate"),
        schedule_reference=links.get("instalment_schedule"),
        billing_request_reference=links.get("billing_request"),
        reason=_str(details, "cause") if isinstance(details, Mapping) else None,
        raw=event,
    )


def _aware(text: str, event_id: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError as err:
        raise MalformedEvent(f"GoCardless event {event_id}: created_at {text!r} is not a date") from err
    if moment.tzinfo is None:
        raise MalformedEvent(f"GoCardless event {event_id}: created_at {text!r} has no time zone")
    try:
        return moment.astimezone(UTC)
    except OverflowError as err:  # 0001-01-01T00:00:00+14:00 is before year 1 in UTC
        raise MalformedEvent(f"GoCardless event {event_id}: created_at {text!r} is out of range") from err


# --- listed events (catch-up) -----------------------------------------------------------------------------


def oldest_first(
    raw_events: Iterable[Any], normalise: Callable[[Mapping[str, Any]], ProviderEvent], provider: str
) -> Iterator[ProviderEvent]:
    """Listed events normalised and sorted by time (stable: events of one instant keep the order given).
    One unreadable event must not hide the others from a catch-up; the log keeps it for a person."""
    events = []
    for raw in raw_events:
        try:
            if not isinstance(raw, Mapping):
                raise MalformedEvent(f"a listed event is a {type(raw).__name__}, not an object")
            events.append(normalise(raw))
        except MalformedEvent as err:
            logger.warning("skipped a %s event that cannot be read: %s", provider, err)
    return iter(sorted(events, key=lambda event: event.occurred_at))


def string_values(values: Mapping[str, Any]) -> dict[str, str]:
    """A provider's metadata as we keep it: the string values, as given."""
    return {key: value for key, value in values.items() if isinstance(value, str)}


# --- JSON helpers --------------------------------------------------------------------------------------


def _required_str(obj: Mapping[str, Any], key: str) -> str:
    value = obj.get(key)
    if not isinstance(value, str) or not value:
        raise MalformedEvent(f"the event has no {key!r}")
    if key == "id" and len(value) > MAX_EVENT_ID_LENGTH:
        raise MalformedEvent(f"the event's id is longer than {MAX_EVENT_ID_LENGTH} characters")
    return value


def _str(obj: Mapping[str, Any], key: str) -> str | None:
    value = obj.get(key)
    return value if isinstance(value, str) and value else None


def _amount(obj: Mapping[str, Any], key: str) -> tuple[int | None, str | None]:
    """(amount, None) for a whole number of minor units from 0 to MAX_AMOUNT; (None, None) when the event has
    none; (None, why) for anything else, so that the event is refused rather than paid with another amount."""
    value = obj.get(key)
    if value is None:
        return None, None
    if isinstance(value, int) and not isinstance(value, bool):
        if 0 <= value <= MAX_AMOUNT:
            return value, None
        shown = (
            str(value)
            if value.bit_length() < 200
            else f"a number of about {int(value.bit_length() * 0.30103)} digits"
        )
        return None, f"`{key}` {shown} is outside 0 … {MAX_AMOUNT} minor units"
    shown = repr(value)[:40] if isinstance(value, str | float) else f"a {type(value).__name__}"
    return None, f"`{key}` {shown} is not a whole number of minor units"


def _id(value: object) -> str | None:
    """A Stripe reference, whether collapsed ("pi_…") or expanded ({"id": "pi_…", …})."""
    if isinstance(value, Mapping):
        return _str(value, "id")
    return value if isinstance(value, str) and value else None


def _str_map(value: object) -> dict[str, str]:
    if not isinstance(value, Mapping):
        return {}
    return {str(k): v for k, v in value.items() if isinstance(v, str) and v}


def _ids(joined: str | None) -> tuple[str, ...]:
    if not joined:
        return ()
    return tuple(part.strip() for part in joined.split(",") if part.strip())
