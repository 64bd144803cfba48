"""StripeProvider mandates and off-session SEPA collections, against the local fake Stripe."""

from __future__ import annotations

import json
import urllib.request
from datetime import date, timedelta

import pytest

from payments.errors import FinalProviderError
from payments.stripe_provider import StripeProvider
from payments.types import CollectionRequest, InstalmentPlanRequest, MandateRequest, Money
from tests.support.clock import SUITE_TODAY
from tests.support.fakes import FakeStripe

TODAY = SUITE_TODAY


def mandate_request(**changes: object) -> MandateRequest:
    values: dict[str, object] = {
        "organisation_id": "org-1",
        "client_id": "cli-1",
        "attempt_id": "att-1",
        "redirect_url": "https://encaisse.test/mandat/merci",
        "exit_url": "https://encaisse.test/mandat",
        "customer_email": "compta@client.fr",
        "customer_name": "Boulangerie Martin SARL",
    }
    return MandateRequest(**{**values, **changes})  # type: ignore[arg-type]


def collection(mandate: str, charge_date: date = TODAY, currency: str = "EUR") -> CollectionRequest:
    return CollectionRequest(
        mandate_reference=mandate,
        amount=Money(4000, currency),
        charge_date=charge_date,
        idempotency_key="inv-1:instalment:1",
        description="Échéance 1/3 F-2024-001",
        metadata={"invoice_id": "inv-1", "instalment_no": "1"},
    )


def signed(provider: StripeProvider, fake: FakeStripe) -> str:
    redirect = provider.create_mandate_flow(mandate_request())
    _post(f"{fake.url}/_test/checkout/sessions/{redirect.reference}/pay?method=sepa_ok")
    return provider.get_mandate(redirect.reference).reference


def test_mandate_flow_is_a_setup_checkout_for_sepa(
    fake_stripe: FakeStripe, stripe_provider: StripeProvider
) -> None:
    redirect = stripe_provider.create_mandate_flow(mandate_request())

    [customer] = fake_stripe.of_type("customer")
    [sent] = fake_stripe.requests_to("POST", "/v1/checkout/sessions")
    assert sent.headers["idempotency-key"] == "mandate:att-1"
    metadata = {"organisation_id": "org-1", "client_id": "cli-1", "attempt_id": "att-1"}
    sent.params.pop("expires_at")
    assert sent.params == {
        "mode": "setup",
        "currency": "eur",
        "customer": customer["id"],
        "allowed_payment_method_types": ["sepa_debit"],
        "metadata": metadata,
        "setup_intent_data": {"metadata": metadata},
        "locale": "fr",
        "success_url": "https://encaisse.test/mandat/merci",
        "cancel_url": "https://encaisse.test/mandat",
    }
    assert (customer["email"], customer["name"]) == ("compta@client.fr", "Boulangerie Martin SARL")
    pending = stripe_provider.get_mandate(redirect.reference)
    assert (pending.reference, pending.status) == (redirect.reference, "pending")


def test_signed_mandate_is_active_with_its_rum(
    fake_stripe: FakeStripe, stripe_provider: StripeProvider
) -> None:
    redirect = stripe_provider.create_mandate_flow(mandate_request())
    _post(f"{fake_stripe.url}/_test/checkout/sessions/{redirect.reference}/pay?method=sepa_ok")

    mandate = stripe_provider.get_mandate(redirect.reference)

    [setup_intent] = fake_stripe.of_type("setup_intent")
    [stripe_mandate] = fake_stripe.of_type("mandate")
    assert (mandate.reference, mandate.status) == (setup_intent["id"], "active")
    assert mandate.scheme_reference == stripe_mandate["payment_method_details"]["sepa_debit"]["reference"]
    assert stripe_provider.get_mandate(mandate.reference) == mandate


def test_collect_is_an_off_session_sepa_payment_intent(
    fake_stripe: FakeStripe, stripe_provider: StripeProvider
) -> None:
    mandate = signed(stripe_provider, fake_stripe)

    collected = stripe_provider.collect(collection(mandate))

    [intent] = fake_stripe.of_type("payment_intent")
    [setup_intent] = fake_stripe.of_type("setup_intent")
    assert (collected.reference, collected.status, collected.charge_date) == (
        intent["id"],
        "submitted",
        TODAY,
    )
    [sent] = fake_stripe.requests_to("POST", "/v1/payment_intents")
    assert sent.headers["idempotency-key"] == "inv-1:instalment:1"
    assert sent.params == {
        "amount": "4000",
        "currency": "eur",
        "customer": setup_intent["customer"],
        "payment_method": setup_intent["payment_method"],
        "mandate": setup_intent["mandate"],
        "allowed_payment_method_types": ["sepa_debit"],
        "confirm": "true",
        "off_session": "true",
        "description": "Échéance 1/3 F-2024-001",
        "metadata": {"invoice_id": "inv-1", "instalment_no": "1"},
    }


def test_a_future_charge_date_becomes_a_sepa_target_date(
    fake_stripe: FakeStripe, stripe_provider: StripeProvider
) -> None:
    mandate = signed(stripe_provider, fake_stripe)
    later = TODAY + timedelta(days=5)

    collected = stripe_provider.collect(collection(mandate, later))

    [sent] = fake_stripe.requests_to("POST", "/v1/payment_intents")
    assert sent.params["payment_method_options"] == {"sepa_debit": {"target_date": later.isoformat()}}
    assert collected.charge_date == later


def test_collect_twice_with_the_same_key_debits_once(
    fake_stripe: FakeStripe, stripe_provider: StripeProvider
) -> None:
    mandate = signed(stripe_provider, fake_stripe)

    first = stripe_provider.collect(collection(mandate))
    again = stripe_provider.collect(collection(mandate))

    assert again == first
    assert len(fake_stripe.of_type("payment_intent")) == 1


def test_collect_in_usd_is_refused_before_calling(
    fake_stripe: FakeStripe, stripe_provider: StripeProvider
) -> None:
    with pytest.raises(FinalProviderError, match="SEPA debits are in EUR only"):
        stripe_provider.collect(collection("seti_123", currency="USD"))

    assert fake_stripe.requests == []


def test_a_cancelled_mandate_cannot_be_debited(
    fake_stripe: FakeStripe, stripe_provider: StripeProvider
) -> None:
    mandate = signed(stripe_provider, fake_stripe)

    cancelled = stripe_provider.cancel_mandate(mandate)
    with pytest.raises(FinalProviderError) as caught:
        stripe_provider.collect(collection(mandate))

    assert (cancelled.reference, cancelled.status) == (mandate, "cancelled")
    assert caught.value.code == "mandate_invalid"
    assert fake_stripe.of_type("payment_intent") == []


def test_instalment_plans_are_not_offered_on_stripe(
    fake_stripe: FakeStripe, stripe_provider: StripeProvider
) -> None:
    request = InstalmentPlanRequest(
        mandate_reference="seti_123",
        name="Échéancier",
        instalments=((Money(4000, "EUR"), TODAY),),
        idempotency_key="inv-1:plan",
    )

    with pytest.raises(FinalProviderError, match="not supported: our scheduler runs Stripe instalments"):
        stripe_provider.create_instalment_plan(request)

    assert fake_stripe.requests == []


def _post(url: str) -> None:
    request = urllib.request.Request(url, data=json.dumps({}).encode(), method="POST")
    with urllib.request.urlopen(request, timeout=5) as answer:
        assert answer.status == 200
