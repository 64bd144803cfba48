"""StripeProvider.create_checkout on the real stripe-python v16, against the local fake Stripe."""

from __future__ import annotations

import json
import urllib.request
from dataclasses import replace

import pytest
import stripe

from api import clock
from payments.errors import FinalProviderError, RetryableProviderError
from payments.stripe_provider import StripeProvider
from payments.types import CheckoutRequest, Money
from tests.payments.conftest import stripe_config
from tests.support.fakes import FakeStripe
from tests.support.fakes.receiver import WebhookReceiver

SESSIONS = "/v1/checkout/sessions"
METADATA = {"organisation_id": "org-1", "invoice_ids": "inv-1,inv-2", "attempt_id": "att-1"}


def checkout_request(**changes: object) -> CheckoutRequest:
    request = CheckoutRequest(
        organisation_id="org-1",
        invoice_ids=("inv-1", "inv-2"),
        attempt_id="att-1",
        amount=Money(12000, "EUR"),
        description="Factures F-2024-001, F-2024-002",
        methods=("card", "sepa_debit"),
        success_url="https://encaisse.test/pay/tok/merci",
        cancel_url="https://encaisse.test/pay/tok",
        customer_email="compta@client.fr",
    )
    return replace(request, **changes)  # type: ignore[arg-type]


def test_checkout_sends_what_stripe_endive_expects(
    fake_stripe: FakeStripe, stripe_provider: StripeProvider
) -> None:
    before = int(clock.utc_now().timestamp())

    redirect = stripe_provider.create_checkout(checkout_request())

    [sent] = fake_stripe.requests_to("POST", SESSIONS)
    expires_at = int(sent.params.pop("expires_at"))
    assert sent.params == {
        "mode": "payment",
        "line_items": [
            {
                "quantity": "1",
                "price_data": {
                    "currency": "eur",
                    "unit_amount": "12000",
                    "product_data": {"name": "Factures F-2024-001, F-2024-002"},
                },
            }
        ],
        "allowed_payment_method_types": ["card", "sepa_debit"],
        "client_reference_id": "inv-1,inv-2",
        "metadata": METADATA,
        "payment_intent_data": {"metadata": METADATA, "description": "Factures F-2024-001, F-2024-002"},
        "customer_email": "compta@client.fr",
        "locale": "fr",
        "success_url": "https://encaisse.test/pay/tok/merci",
        "cancel_url": "https://encaisse.test/pay/tok",
    }
    assert sent.headers["idempotency-key"] == "checkout:att-1"
    assert sent.headers["authorization"] == f"Bearer {fake_stripe.api_key}"
    assert sent.headers["stripe-version"] == stripe.api_version
    assert expires_at % 900 == 0
    assert before + 3600 <= expires_at <= before + 3600 + 900
    [session] = fake_stripe.of_type("checkout.session")
    assert redirect.provider == "stripe"
    assert redirect.reference == session["id"]
    assert redirect.url == f"{fake_stripe.url}/_checkout/{session['id']}"
    assert redirect.expires_at is not None
    assert int(redirect.expires_at.timestamp()) == expires_at
    assert (session["status"], session["amount_total"], session["currency"]) == ("open", 12000, "eur")


def test_the_same_attempt_twice_makes_one_session(
    fake_stripe: FakeStripe, stripe_provider: StripeProvider
) -> None:
    first = stripe_provider.create_checkout(checkout_request())
    second = stripe_provider.create_checkout(checkout_request())

    assert second == first
    assert len(fake_stripe.of_type("checkout.session")) == 1
    keys = [r.headers["idempotency-key"] for r in fake_stripe.requests_to("POST", SESSIONS)]
    assert keys == ["checkout:att-1", "checkout:att-1"]


def test_another_attempt_makes_another_session(
    fake_stripe: FakeStripe, stripe_provider: StripeProvider
) -> None:
    first = stripe_provider.create_checkout(checkout_request())
    second = stripe_provider.create_checkout(checkout_request(attempt_id="att-2"))

    assert second.reference != first.reference
    assert len(fake_stripe.of_type("checkout.session")) == 2


def test_sepa_in_usd_is_refused_before_calling_stripe(
    fake_stripe: FakeStripe, stripe_provider: StripeProvider
) -> None:
    with pytest.raises(FinalProviderError, match="SEPA debit needs EUR, this checkout is in USD") as caught:
        stripe_provider.create_checkout(checkout_request(amount=Money(12000, "USD")))

    assert caught.value.code == "currency"
    assert fake_stripe.requests == []


def test_card_only_in_usd_is_accepted(fake_stripe: FakeStripe, stripe_provider: StripeProvider) -> None:
    stripe_provider.create_checkout(checkout_request(amount=Money(12000, "USD"), methods=("card",)))

    [session] = fake_stripe.of_type("checkout.session")
    assert (session["currency"], session["payment_method_types"]) == ("usd", ["card"])


def test_a_refused_request_is_final_with_stripes_message(
    fake_stripe: FakeStripe, stripe_provider: StripeProvider
) -> None:
    with pytest.raises(FinalProviderError) as caught:
        stripe_provider.create_checkout(checkout_request(amount=Money(10, "EUR")))

    assert caught.value.code == "amount_too_small"
    assert str(caught.value) == (
        "stripe: could not create the Checkout Session: Stripe refused the request "
        "(The Checkout Session's total amount due must add up to at least €0.50 eur)"
    )
    assert "Traceback" not in str(caught.value)
    assert fake_stripe.of_type("checkout.session") == []
    assert len(fake_stripe.requests_to("POST", SESSIONS)) == 1  # a 4xx is not retried


def test_a_wrong_secret_key_is_final(fake_stripe: FakeStripe) -> None:
    provider = StripeProvider(
        stripe_config(fake_stripe, secret="sk_test_revoked_key_0000"), clock=clock.utc_now
    )

    with pytest.raises(FinalProviderError, match="Stripe rejected the secret key"):
        provider.create_checkout(checkout_request())

    assert fake_stripe.of_type("checkout.session") == []


def test_a_lost_answer_is_retried_with_the_same_key_and_makes_one_session(
    fake_stripe: FakeStripe, stripe_provider: StripeProvider
) -> None:
    fake_stripe.add_fault(SESSIONS, "timeout", count=1)  # Stripe creates the session, the answer is lost

    redirect = stripe_provider.create_checkout(checkout_request())

    [session] = fake_stripe.of_type("checkout.session")
    assert redirect.reference == session["id"]
    keys = [r.headers["idempotency-key"] for r in fake_stripe.requests_to("POST", SESSIONS)]
    assert keys == ["checkout:att-1", "checkout:att-1"]


def test_when_stripe_stays_silent_the_error_is_retryable_and_our_retry_finds_the_session(
    fake_stripe: FakeStripe, stripe_provider: StripeProvider
) -> None:
    fake_stripe.add_fault(SESSIONS, "timeout", count=2)  # the first try and the SDK's one retry

    with pytest.raises(RetryableProviderError, match="Stripe did not answer in time"):
        stripe_provider.create_checkout(checkout_request())
    redirect = stripe_provider.create_checkout(checkout_request())

    [session] = fake_stripe.of_type("checkout.session")
    assert redirect.reference == session["id"]
    assert len(fake_stripe.requests_to("POST", SESSIONS)) == 3


def test_a_500_is_retryable_with_a_clear_message_and_creates_nothing(
    fake_stripe: FakeStripe, stripe_provider: StripeProvider
) -> None:
    fake_stripe.add_fault(SESSIONS, "500", count=2)

    with pytest.raises(RetryableProviderError) as caught:
        stripe_provider.create_checkout(checkout_request())

    assert (
        str(caught.value)
        == "stripe: could not create the Checkout Session: Stripe had an internal error (HTTP 500)"
    )
    assert fake_stripe.of_type("checkout.session") == []
    assert len(fake_stripe.requests_to("POST", SESSIONS)) == 2  # the SDK retried once


def test_faults_can_be_injected_over_http(fake_stripe: FakeStripe, stripe_provider: StripeProvider) -> None:
    body = json.dumps({"path_prefix": SESSIONS, "kind": "500", "count": 1}).encode()
    urllib.request.urlopen(
        urllib.request.Request(f"{fake_stripe.url}/_test/faults", data=body, method="POST")
    )

    stripe_provider.create_checkout(checkout_request())  # the SDK's retry gets through

    statuses = len(fake_stripe.requests_to("POST", SESSIONS))
    assert statuses == 2
    assert len(fake_stripe.of_type("checkout.session")) == 1


def test_the_fake_refuses_payment_method_types_like_endive(fake_stripe: FakeStripe) -> None:
    client = stripe.StripeClient(fake_stripe.api_key, base_addresses={"api": fake_stripe.url})

    removed = {"mode": "payment", "payment_method_types": ["card"], "success_url": "https://x"}

    with pytest.raises(stripe.InvalidRequestError) as caught:
        # mypy refuses this too: stripe-python v16's SessionCreateParams has no payment_method_types
        client.v1.checkout.sessions.create(params=removed)  # type: ignore[arg-type]

    assert caught.value.code == "payment_method_types_no_longer_supported"
    assert fake_stripe.of_type("checkout.session") == []


def test_a_paid_card_checkout_sends_signed_events(
    fake_stripe: FakeStripe, stripe_provider: StripeProvider
) -> None:
    secret = "whsec_test_encaisse"
    with WebhookReceiver() as receiver:
        _post_json(f"{fake_stripe.url}/_test/webhooks", {"url": receiver.url, "secret": secret})
        redirect = stripe_provider.create_checkout(checkout_request())

        _post_json(f"{fake_stripe.url}/_test/checkout/sessions/{redirect.reference}/pay?method=card", {})

    events = [
        stripe.Webhook.construct_event(body, headers["stripe-signature"], secret)
        for headers, body in receiver.received
    ]
    assert [e.type for e in events] == ["payment_intent.succeeded", "checkout.session.completed"]
    completed = events[1].data.object
    assert (completed.id, completed.payment_status, completed.client_reference_id) == (
        redirect.reference,
        "paid",
        "inv-1,inv-2",
    )
    assert events[0].data.object.metadata.to_dict() == METADATA


def test_a_sepa_checkout_is_pending_then_settles(
    fake_stripe: FakeStripe, stripe_provider: StripeProvider
) -> None:
    redirect = stripe_provider.create_checkout(checkout_request())

    _post_json(f"{fake_stripe.url}/_test/checkout/sessions/{redirect.reference}/pay?method=sepa_fail", {})

    assert fake_stripe.event_types() == [
        "payment_intent.processing",
        "checkout.session.completed",
        "payment_intent.payment_failed",
        "checkout.session.async_payment_failed",
    ]
    [intent] = fake_stripe.of_type("payment_intent")
    assert (intent["status"], intent["metadata"]) == ("requires_payment_method", METADATA)


def _post_json(url: str, body: object) -> None:
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST")
    with urllib.request.urlopen(request, timeout=5) as answer:
        assert answer.status == 200
