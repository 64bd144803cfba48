"""Webhook verification and normalisation, with payloads signed exactly as Stripe and GoCardless sign them."""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import UTC, datetime
from typing import Any

import gocardless_pro.webhooks
import pytest
import stripe

from payments.events import (
    GOCARDLESS_EVENTS,
    OWN_AMOUNT_KINDS,
    STRIPE_CHECKOUT_COMPLETED,
    STRIPE_EVENTS,
    ProviderEvent,
)
from payments.webhooks import WebhookRejected, verify_gocardless, verify_stripe
from tests.support.fakes.fixtures import PROVIDERS

STRIPE_SECRET = "whsec_test_encaisse"
GC_SECRET = "gc_webhook_secret_encaisse"
NOW = 1_735_689_600  # 2025-01-01T00:00:00Z
METADATA = {"organisation_id": "org-1", "invoice_ids": "inv-1,inv-2", "attempt_id": "att-1"}


# --- signing, as the providers do it ----------------------------------------------------------------------


def stripe_event(event_type: str, obj: dict[str, Any], *, event_id: str = "evt_1") -> bytes:
    event = {
        "id": event_id,
        "object": "event",
        "type": event_type,
        "created": NOW - 10,
        "livemode": False,
        "api_version": "2025-09-30.clover",
        "data": {"object": obj},
    }
    return json.dumps(event, indent=2, sort_keys=True).encode()


def stripe_header(payload: bytes, *, timestamp: int = NOW, secret: str = STRIPE_SECRET) -> str:
    header: str = stripe.WebhookSignature.generate_signature_header(
        payload.decode(), secret, timestamp=timestamp
    )
    return header


def hand_signed_v1(payload: bytes, timestamp: int, secret: str) -> str:
    return hmac.new(secret.encode(), f"{timestamp}.{payload.decode()}".encode(), hashlib.sha256).hexdigest()


def gc_event(
    resource_type: str,
    action: str,
    *,
    event_id: str = "EV1",
    links: dict[str, str] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    return {
        "id": event_id,
        "created_at": "2025-01-01T09:30:00.000Z",
        "resource_type": resource_type,
        "action": action,
        "details": {"origin": "bank", "cause": "payment_confirmed", "scheme": "sepa_core"},
        "links": links or {},
        "metadata": {},
        "resource_metadata": {},
        **extra,
    }


def gc_body(events: list[dict[str, Any]]) -> bytes:
    return json.dumps({"events": events, "meta": {"webhook_id": "WB1"}}).encode()


def gc_signature(body: bytes, secret: str = GC_SECRET) -> str:
    return hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


PAID_SESSION = {
    "id": "cs_test_1",
    "object": "checkout.session",
    "mode": "payment",
    "status": "complete",
    "payment_status": "paid",
    "amount_total": 12000,
    "currency": "eur",
    "client_reference_id": "inv-1,inv-2",
    "metadata": METADATA,
    "payment_intent": "pi_1",
}


# --- Stripe signature -------------------------------------------------------------------------------------


def test_stripe_signed_checkout_becomes_our_event() -> None:
    payload = stripe_event("checkout.session.completed", PAID_SESSION)

    event = verify_stripe(payload, stripe_header(payload), STRIPE_SECRET, now=NOW)

    assert event == ProviderEvent(
        provider="stripe",
        event_id="evt_1",
        kind="checkout.completed_paid",
        provider_type="checkout.session.completed",
        occurred_at=datetime(2024, 12, 31, 23, 59, 50, tzinfo=UTC),
        resource_reference="cs_test_1",
        amount=12000,
        currency="EUR",
        invoice_ids=("inv-1", "inv-2"),
        organisation_id="org-1",
        attempt_id="att-1",
        payment_reference="pi_1",
    )
    assert event.raw == json.loads(payload)


def test_stripe_hand_made_hmac_is_the_same_scheme() -> None:
    payload = stripe_event("checkout.session.completed", PAID_SESSION)
    header = f"t={NOW},v1={hand_signed_v1(payload, NOW, STRIPE_SECRET)}"

    assert header == stripe_header(payload)
    assert verify_stripe(payload, header, STRIPE_SECRET, now=NOW).event_id == "evt_1"


def test_stripe_tampered_body_is_refused() -> None:
    payload = stripe_event("checkout.session.completed", PAID_SESSION)
    header = stripe_header(payload)
    tampered = payload.replace(b"12000", b"1")

    with pytest.raises(WebhookRejected) as rejected:
        verify_stripe(tampered, header, STRIPE_SECRET, now=NOW)

    assert rejected.value.status == 401


@pytest.mark.parametrize(("age", "accepted"), [(299, True), (300, True), (301, False)])
def test_stripe_timestamp_tolerance_is_300_seconds(age: int, accepted: bool) -> None:
    payload = stripe_event("checkout.session.completed", PAID_SESSION)
    header = stripe_header(payload, timestamp=NOW - age)

    if accepted:
        assert verify_stripe(payload, header, STRIPE_SECRET, now=NOW).event_id == "evt_1"
    else:
        with pytest.raises(WebhookRejected) as rejected:
            verify_stripe(payload, header, STRIPE_SECRET, now=NOW)
        assert rejected.value.status == 401
        assert "older than 300 s" in rejected.value.reason


def test_stripe_custom_tolerance() -> None:
    payload = stripe_event("checkout.session.completed", PAID_SESSION)
    header = stripe_header(payload, timestamp=NOW - 61)

    with pytest.raises(WebhookRejected) as rejected:
        verify_stripe(payload, header, STRIPE_SECRET, tolerance=60, now=NOW)

    assert rejected.value.status == 401


def test_stripe_several_v1_entries_any_one_matches_during_rotation() -> None:
    payload = stripe_event("checkout.session.completed", PAID_SESSION)
    old = hand_signed_v1(payload, NOW, "whsec_old_secret")
    new = hand_signed_v1(payload, NOW, STRIPE_SECRET)

    for header in (f"t={NOW},v1={old},v1={new}", f"t={NOW},v1={new},v1={old}", f"t={NOW},v0=abc,v1={new}"):
        assert verify_stripe(payload, header, STRIPE_SECRET, now=NOW).event_id == "evt_1"
    with pytest.raises(WebhookRejected) as rejected:
        verify_stripe(payload, f"t={NOW},v1={old},v1={'0' * 64}", STRIPE_SECRET, now=NOW)
    assert rejected.value.status == 401


@pytest.mark.parametrize("header", [None, "", "garbage", f"t={NOW}", "v1=abc", f"t=soon,v1={'0' * 64}"])
def test_stripe_missing_or_unreadable_header_is_refused(header: str | None) -> None:
    payload = stripe_event("checkout.session.completed", PAID_SESSION)

    with pytest.raises(WebhookRejected) as rejected:
        verify_stripe(payload, header, STRIPE_SECRET, now=NOW)

    assert rejected.value.status == 401


@pytest.mark.parametrize("secret", ["", "   "])
def test_stripe_empty_secret_disables_the_endpoint(secret: str) -> None:
    payload = stripe_event("checkout.session.completed", PAID_SESSION)
    header = stripe_header(payload, secret=secret)  # even a body "signed" with the empty secret

    with pytest.raises(WebhookRejected) as rejected:
        verify_stripe(payload, header, secret, now=NOW)

    assert rejected.value.status == 401
    assert "endpoint disabled" in rejected.value.reason


@pytest.mark.parametrize(
    "payload",
    [
        b"not json",
        b"[1, 2]",
        b'{"object": "event"}',
        b'{"id": "evt_1", "type": "x", "created": 1}',
        b"\xff\xfe",
    ],
)
def test_stripe_signed_but_malformed_payload_is_400(payload: bytes) -> None:
    header = (
        f"t={NOW},v1={hmac.new(STRIPE_SECRET.encode(), f'{NOW}.'.encode() + payload, 'sha256').hexdigest()}"
    )

    with pytest.raises(WebhookRejected) as rejected:
        verify_stripe(payload, header, STRIPE_SECRET, now=NOW)

    assert rejected.value.status == 400


def test_stripe_unsigned_malformed_payload_is_401_not_400() -> None:
    with pytest.raises(WebhookRejected) as rejected:
        verify_stripe(b"not json", f"t={NOW},v1={'0' * 64}", STRIPE_SECRET, now=NOW)

    assert rejected.value.status == 401


# --- Stripe normalisation ---------------------------------------------------------------------------------

PI = {
    "id": "pi_1",
    "object": "payment_intent",
    "amount": 5000,
    "currency": "eur",
    "metadata": METADATA,
    "last_payment_error": None,
}
CHARGE = {
    "id": "ch_1",
    "object": "charge",
    "amount": 5000,
    "amount_refunded": 2000,
    "currency": "eur",
    "payment_intent": "pi_1",
    "metadata": METADATA,
}
DISPUTE = {
    "id": "dp_1",
    "object": "dispute",
    "amount": 5000,
    "currency": "eur",
    "charge": "ch_1",
    "payment_intent": "pi_1",
    "status": "needs_response",
    "metadata": {},
}
SESSION_UNPAID = {**PAID_SESSION, "payment_status": "unpaid"}
SESSION_SETUP = {
    **PAID_SESSION,
    "mode": "setup",
    "payment_status": "no_payment_required",
    "amount_total": None,
    "currency": None,
    "payment_intent": None,
    "setup_intent": "seti_1",
}

STRIPE_CASES: list[tuple[str, dict[str, Any], str, str, int | None]] = [
    # event type, object, kind, resource reference, amount
    ("checkout.session.completed", PAID_SESSION, "checkout.completed_paid", "cs_test_1", 12000),
    ("checkout.session.completed", SESSION_UNPAID, "checkout.completed_pending", "cs_test_1", 12000),
    ("checkout.session.completed", SESSION_SETUP, "checkout.completed_setup", "cs_test_1", None),
    ("checkout.session.async_payment_succeeded", PAID_SESSION, "payment.succeeded", "cs_test_1", 12000),
    ("checkout.session.async_payment_failed", SESSION_UNPAID, "payment.failed", "cs_test_1", 12000),
    (
        "checkout.session.expired",
        {**SESSION_UNPAID, "status": "expired"},
        "checkout.expired",
        "cs_test_1",
        12000,
    ),
    ("payment_intent.processing", {**PI, "status": "processing"}, "payment.processing", "pi_1", 5000),
    ("payment_intent.succeeded", {**PI, "status": "succeeded"}, "payment.succeeded", "pi_1", 5000),
    ("payment_intent.payment_failed", PI, "payment.failed", "pi_1", 5000),
    ("payment_intent.canceled", {**PI, "status": "canceled"}, "payment.cancelled", "pi_1", 5000),
    ("charge.refunded", CHARGE, "payment.refunded", "ch_1", 2000),
    ("charge.dispute.created", DISPUTE, "payment.disputed", "dp_1", 5000),
    ("charge.dispute.closed", {**DISPUTE, "status": "lost"}, "dispute.closed", "dp_1", 5000),
]


@pytest.mark.parametrize(("event_type", "obj", "kind", "reference", "amount"), STRIPE_CASES)
def test_stripe_event_kinds(
    event_type: str, obj: dict[str, Any], kind: str, reference: str, amount: int | None
) -> None:
    payload = stripe_event(event_type, obj)

    event = verify_stripe(payload, stripe_header(payload), STRIPE_SECRET, now=NOW)

    assert (event.kind, event.provider_type, event.resource_reference) == (kind, event_type, reference)
    assert (event.amount, event.currency) == ((amount, "EUR") if amount is not None else (None, None))


def test_stripe_table_is_fully_covered_by_the_cases() -> None:
    covered = {(t, o.get("payment_status")) for t, o, *_ in STRIPE_CASES}
    assert {t for t, _ in covered} >= set(STRIPE_EVENTS)
    assert {s for t, s in covered if t == "checkout.session.completed"} == set(STRIPE_CHECKOUT_COMPLETED)


def test_stripe_metadata_gives_our_ids_and_links() -> None:
    payload = stripe_event("charge.refunded", CHARGE)

    event = verify_stripe(payload, stripe_header(payload), STRIPE_SECRET, now=NOW)

    assert event.invoice_ids == ("inv-1", "inv-2")
    assert (event.organisation_id, event.attempt_id) == ("org-1", "att-1")
    assert event.payment_reference == "pi_1"


def test_stripe_client_reference_id_is_the_fallback_for_invoice_ids() -> None:
    payload = stripe_event("checkout.session.completed", {**PAID_SESSION, "metadata": {}})

    event = verify_stripe(payload, stripe_header(payload), STRIPE_SECRET, now=NOW)

    assert event.invoice_ids == ("inv-1", "inv-2")
    assert event.organisation_id is None


def test_stripe_failure_reason_and_setup_mandate() -> None:
    failed = {**PI, "last_payment_error": {"code": "payment_intent_payment_attempt_failed"}}
    lost = {**DISPUTE, "status": "lost"}
    reasons = []
    for event_type, obj in [("payment_intent.payment_failed", failed), ("charge.dispute.closed", lost)]:
        payload = stripe_event(event_type, obj)
        reasons.append(verify_stripe(payload, stripe_header(payload), STRIPE_SECRET, now=NOW).reason)
    setup = stripe_event("checkout.session.completed", SESSION_SETUP)

    assert reasons == ["payment_intent_payment_attempt_failed", "lost"]
    assert verify_stripe(setup, stripe_header(setup), STRIPE_SECRET, now=NOW).mandate_reference == "seti_1"


@pytest.mark.parametrize(
    ("event_type", "obj"),
    [
        ("customer.created", {"id": "cus_1", "object": "customer"}),
        ("checkout.session.completed", {**PAID_SESSION, "payment_status": "something_new"}),
        ("charge.dispute.funds_withdrawn", DISPUTE),
    ],
)
def test_stripe_unknown_event_is_unknown_not_an_error(event_type: str, obj: dict[str, Any]) -> None:
    payload = stripe_event(event_type, obj)

    event = verify_stripe(payload, stripe_header(payload), STRIPE_SECRET, now=NOW)

    assert (event.kind, event.provider_type, event.event_id) == ("unknown", event_type, "evt_1")


# --- GoCardless signature ---------------------------------------------------------------------------------

PAYMENT_LINKS = {"payment": "PM1", "mandate": "MD1", "creditor": "CR1"}


def test_gocardless_batch_of_three() -> None:
    body = gc_body(
        [
            gc_event(
                "payments",
                "confirmed",
                event_id="EV1",
                links=PAYMENT_LINKS,
                resource_metadata=METADATA,
            ),
            gc_event("mandates", "active", event_id="EV2", links={"mandate": "MD1"}),
            gc_event("payouts", "paid", event_id="EV3", links={"payout": "PO1"}),
        ]
    )

    events = verify_gocardless(body, gc_signature(body), GC_SECRET)

    assert [(e.event_id, e.kind, e.provider_type, e.resource_reference) for e in events] == [
        ("EV1", "payment.confirmed", "payments.confirmed", "PM1"),
        ("EV2", "mandate.active", "mandates.active", "MD1"),
        ("EV3", "unknown", "payouts.paid", "PO1"),
    ]
    assert events[0] == ProviderEvent(
        provider="gocardless",
        event_id="EV1",
        kind="payment.confirmed",
        provider_type="payments.confirmed",
        occurred_at=datetime(2025, 1, 1, 9, 30, tzinfo=UTC),
        resource_reference="PM1",
        invoice_ids=("inv-1", "inv-2"),
        organisation_id="org-1",
        attempt_id="att-1",
        payment_reference="PM1",
        mandate_reference="MD1",
        reason="payment_confirmed",
    )
    assert events[0].raw == json.loads(body)["events"][0]


def test_gocardless_sdk_accepts_the_same_signature() -> None:
    body = gc_body([gc_event("payments", "submitted", links=PAYMENT_LINKS)])

    [sdk_event] = gocardless_pro.webhooks.parse(body, GC_SECRET, gc_signature(body))
    [ours] = verify_gocardless(body, gc_signature(body), GC_SECRET)

    assert (sdk_event.id, sdk_event.action) == (ours.event_id, "submitted")


def test_gocardless_empty_delivery_is_an_empty_list() -> None:
    body = gc_body([])

    assert verify_gocardless(body, gc_signature(body), GC_SECRET) == []


def test_gocardless_tampered_body_is_498() -> None:
    body = gc_body([gc_event("payments", "confirmed", links=PAYMENT_LINKS)])
    signature = gc_signature(body)

    with pytest.raises(WebhookRejected) as rejected:
        verify_gocardless(body.replace(b"confirmed", b"failed"), signature, GC_SECRET)

    assert rejected.value.status == 498


@pytest.mark.parametrize(
    "signature",
    [None, "", "0" * 64, "é" * 64, gc_signature(b"{}"), gc_signature(gc_body([]), "another-secret")],
)
def test_gocardless_missing_or_wrong_signature_is_498(signature: str | None) -> None:
    body = gc_body([])

    with pytest.raises(WebhookRejected) as rejected:
        verify_gocardless(body, signature, GC_SECRET)

    assert rejected.value.status == 498


@pytest.mark.parametrize("secret", ["", "  "])
def test_gocardless_empty_secret_disables_the_endpoint(secret: str) -> None:
    body = gc_body([])

    with pytest.raises(WebhookRejected) as rejected:
        verify_gocardless(body, gc_signature(body, secret), secret)

    assert rejected.value.status == 498
    assert "endpoint disabled" in rejected.value.reason


def test_gocardless_250_events_accepted_251_refused() -> None:
    events = [gc_event("payments", "confirmed", event_id=f"EV{i}") for i in range(251)]
    full, over = gc_body(events[:250]), gc_body(events)

    assert len(verify_gocardless(full, gc_signature(full), GC_SECRET)) == 250
    with pytest.raises(WebhookRejected) as rejected:
        verify_gocardless(over, gc_signature(over), GC_SECRET)
    assert rejected.value.status == 400
    assert "251 events" in rejected.value.reason


@pytest.mark.parametrize(
    "body",
    [
        b"not json",
        b"[]",
        b'{"meta": {}}',
        b'{"events": {}}',
        b'{"events": [1]}',
        json.dumps({"events": [{"id": "EV1", "resource_type": "payments", "action": "confirmed"}]}).encode(),
        gc_body([gc_event("payments", "confirmed", created_at="2025-01-01T09:30:00")]),  # no time zone
        gc_body([gc_event("payments", "confirmed", created_at="yesterday")]),
    ],
)
def test_gocardless_signed_but_malformed_body_is_400(body: bytes) -> None:
    with pytest.raises(WebhookRejected) as rejected:
        verify_gocardless(body, gc_signature(body), GC_SECRET)

    assert rejected.value.status == 400


# --- GoCardless normalisation -----------------------------------------------------------------------------

GC_LINK = {"payments": "payment", "mandates": "mandate", "instalment_schedules": "instalment_schedule"}
GC_LINK["billing_requests"] = "billing_request"

GC_CASES = [
    ("payments", "created", "payment.created"),
    ("payments", "submitted", "payment.submitted"),
    ("payments", "confirmed", "payment.confirmed"),
    ("payments", "paid_out", "payment.paid_out"),
    ("payments", "failed", "payment.failed"),
    ("payments", "customer_approval_denied", "payment.failed"),
    ("payments", "charged_back", "payment.charged_back"),
    ("payments", "cancelled", "payment.cancelled"),
    ("mandates", "active", "mandate.active"),
    ("mandates", "cancelled", "mandate.cancelled"),
    ("mandates", "failed", "mandate.failed"),
    ("mandates", "expired", "mandate.expired"),
    ("instalment_schedules", "created", "instalment_schedule.created"),
    ("instalment_schedules", "completed", "instalment_schedule.completed"),
    ("instalment_schedules", "cancelled", "instalment_schedule.cancelled"),
    ("instalment_schedules", "errored", "instalment_schedule.errored"),
    ("instalment_schedules", "creation_failed", "instalment_schedule.errored"),
    ("billing_requests", "fulfilled", "billing_request.fulfilled"),
]


@pytest.mark.parametrize(("resource_type", "action", "kind"), GC_CASES)
def test_gocardless_event_kinds(resource_type: str, action: str, kind: str) -> None:
    links = {"payment": "PM1", "mandate": "MD1", "instalment_schedule": "IS1", "billing_request": "BRQ1"}
    body = gc_body([gc_event(resource_type, action, links=links)])

    [event] = verify_gocardless(body, gc_signature(body), GC_SECRET)

    expected_reference = links[GC_LINK[resource_type]]
    assert (event.kind, event.provider_type, event.resource_reference) == (
        kind,
        f"{resource_type}.{action}",
        expected_reference,
    )
    assert (event.payment_reference, event.mandate_reference) == ("PM1", "MD1")
    assert (event.schedule_reference, event.billing_request_reference) == ("IS1", "BRQ1")
    assert (event.amount, event.currency) == (None, None)


def test_gocardless_table_is_fully_covered_by_the_cases() -> None:
    assert {(r, a) for r, a, _ in GC_CASES} == set(GOCARDLESS_EVENTS)


@pytest.mark.parametrize(
    ("resource_type", "action"),
    [("payouts", "paid"), ("refunds", "paid"), ("mandates", "transferred"), ("widgets", "exploded")],
)
def test_gocardless_unknown_or_same_action_other_resource_is_unknown(resource_type: str, action: str) -> None:
    body = gc_body([gc_event(resource_type, action, links={"payout": "PO1", "refund": "RF1"})])

    [event] = verify_gocardless(body, gc_signature(body), GC_SECRET)

    assert (event.kind, event.provider_type) == ("unknown", f"{resource_type}.{action}")


def test_gocardless_resource_metadata_wins_over_event_metadata() -> None:
    event_dict = gc_event(
        "billing_requests",
        "fulfilled",
        links={"billing_request": "BRQ1", "mandate_request_mandate": "MD9", "payment_request_payment": "PM9"},
        metadata={"organisation_id": "org-old", "client_id": "cli-1"},
        resource_metadata=METADATA,
    )
    body = gc_body([event_dict])

    [event] = verify_gocardless(body, gc_signature(body), GC_SECRET)

    assert event.invoice_ids == ("inv-1", "inv-2")
    assert (event.organisation_id, event.attempt_id, event.client_id) == ("org-1", "att-1", "cli-1")
    assert (event.mandate_reference, event.payment_reference) == ("MD9", "PM9")


def test_gocardless_fixture_events_from_the_api_reference_normalise() -> None:
    examples = json.loads((PROVIDERS / "gocardless" / "fixtures" / "events.json").read_text())["list"][
        "body"
    ]["events"]
    body = gc_body(examples)

    events = verify_gocardless(body, gc_signature(body), GC_SECRET)

    assert [(e.kind, e.resource_reference, e.reason) for e in events] == [
        ("mandate.cancelled", "MD123", "bank_account_disabled")
    ] * len(examples)
    assert events[0].occurred_at == datetime(2014, 1, 1, 12, tzinfo=UTC)


@pytest.mark.parametrize(("event_type", "obj", "kind", "reference", "amount"), STRIPE_CASES)
def test_an_object_without_its_object_key_keeps_its_own_amount(
    event_type: str, obj: dict[str, Any], kind: str, reference: str, amount: int | None
) -> None:
    """Trimmed payloads (a proxy, a hand-written test, an old API version) may drop `object`: the event type
    still says what the object is, so the amount is read from the same field as usual."""
    trimmed = {key: value for key, value in obj.items() if key != "object"}
    payload = stripe_event(event_type, trimmed)

    event = verify_stripe(payload, stripe_header(payload), STRIPE_SECRET, now=NOW)

    assert (event.kind, event.amount, event.problem) == (kind, amount, None)


AMOUNT_KEYS = {"checkout.session": "amount_total", "payment_intent": "amount", "charge": "amount_refunded",
               "dispute": "amount"}  # fmt: skip


@pytest.mark.parametrize(("event_type", "obj", "kind", "reference", "amount"), STRIPE_CASES)
def test_an_event_that_does_not_say_how_much_never_becomes_a_full_refund(
    event_type: str, obj: dict[str, Any], kind: str, reference: str, amount: int | None
) -> None:
    trimmed = {k: v for k, v in obj.items() if k not in (AMOUNT_KEYS[obj["object"]], "object", "refunds")}
    payload = stripe_event(event_type, trimmed)

    event = verify_stripe(payload, stripe_header(payload), STRIPE_SECRET, now=NOW)

    assert event.amount is None
    if kind in OWN_AMOUNT_KINDS:  # a part of the payment: refused for a person to review, never priced
        assert event.problem is not None
        assert "does not say how much" in event.problem
    else:  # the payment's own state: its amount is the payment's, known from earlier facts
        assert event.problem is None


def test_a_refund_is_summed_from_the_refunds_list_when_amount_refunded_is_missing() -> None:
    refunds = {"object": "list", "data": [{"id": "re_1", "amount": 300}, {"id": "re_2", "amount": 200}]}
    trimmed = {
        **{k: v for k, v in CHARGE.items() if k not in ("amount_refunded", "object")},
        "refunds": refunds,
    }
    payload = stripe_event("charge.refunded", trimmed)

    event = verify_stripe(payload, stripe_header(payload), STRIPE_SECRET, now=NOW)

    assert (event.amount, event.problem) == (500, None)


def test_a_refund_larger_than_its_charge_is_refused() -> None:
    payload = stripe_event("charge.refunded", {**CHARGE, "amount": 1000, "amount_refunded": 190200})

    event = verify_stripe(payload, stripe_header(payload), STRIPE_SECRET, now=NOW)

    assert event.amount is None
    assert event.problem is not None
    assert "more than the charge" in event.problem


def test_an_object_that_contradicts_its_event_type_is_refused() -> None:
    payload = stripe_event("charge.refunded", {**CHARGE, "object": "payment_intent"})

    event = verify_stripe(payload, stripe_header(payload), STRIPE_SECRET, now=NOW)

    assert event.problem is not None
    assert "not a 'charge'" in event.problem
