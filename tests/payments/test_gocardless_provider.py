"""GoCardlessProvider on the real gocardless_pro client, against the local fake GoCardless."""

from __future__ import annotations

import json
import urllib.request
from datetime import date, timedelta

import pytest
from gocardless_pro import webhooks

from payments.errors import FinalProviderError, RetryableProviderError
from payments.gocardless_provider import GoCardlessProvider
from payments.types import CheckoutRequest, CollectionRequest, InstalmentPlanRequest, MandateRequest, Money
from tests.payments.conftest import gocardless_config
from tests.support.clock import SUITE_TODAY
from tests.support.fakes import FakeGoCardless
from tests.support.fakes.gocardless_objects import business_days_after
from tests.support.fakes.receiver import WebhookReceiver

TODAY = SUITE_TODAY
EARLIEST = business_days_after(TODAY, 3)


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


def collection(mandate: str, charge_date: date, key: str = "inv-1:gc-payment:1") -> CollectionRequest:
    return CollectionRequest(
        mandate_reference=mandate,
        amount=Money(12000, "EUR"),
        charge_date=charge_date,
        idempotency_key=key,
        description="Facture F-2024-001",
        metadata={"invoice_id": "inv-1"},
    )


def signed_mandate(provider: GoCardlessProvider, fake: FakeGoCardless) -> str:
    redirect = provider.create_mandate_flow(mandate_request())
    _post(f"{fake.url}/_test/billing_requests/{redirect.reference}/fulfil")
    return provider.get_mandate(redirect.reference).reference


def test_mandate_flow_creates_a_billing_request_and_a_hosted_page(
    fake_gocardless: FakeGoCardless, gocardless_provider: GoCardlessProvider
) -> None:
    redirect = gocardless_provider.create_mandate_flow(mandate_request(metadata={"source": "relance"}))

    [created] = fake_gocardless.requests_to("POST", "/billing_requests")
    assert created.params == {
        "billing_requests": {
            "mandate_request": {"currency": "EUR"},
            "metadata": {"organisation_id": "org-1", "client_id": "cli-1", "source": "relance"},
        }
    }
    assert created.headers["idempotency-key"] == "brq:att-1"
    [flow_sent] = fake_gocardless.requests_to("POST", "/billing_request_flows")
    assert flow_sent.params == {
        "billing_request_flows": {
            "redirect_uri": "https://encaisse.test/mandat/merci",
            "exit_uri": "https://encaisse.test/mandat",
            "language": "fr",
            "prefilled_customer": {"email": "compta@client.fr", "company_name": "Boulangerie Martin SARL"},
            "links": {"billing_request": redirect.reference},
        }
    }
    [flow] = fake_gocardless.all("billing_request_flows")
    assert redirect.reference.startswith("BRQ")
    assert redirect.url == f"{fake_gocardless.url}/_flow/{flow['id']}"
    assert redirect.expires_at is not None
    assert gocardless_provider.get_mandate(redirect.reference).status == "pending"


def test_too_many_metadata_keys_are_refused_before_calling(
    fake_gocardless: FakeGoCardless, gocardless_provider: GoCardlessProvider
) -> None:
    with pytest.raises(FinalProviderError, match="at most 3 metadata keys"):
        gocardless_provider.create_mandate_flow(mandate_request(metadata={"a": "1", "b": "2"}))

    assert fake_gocardless.requests == []


def test_signed_mandate_is_active_and_a_too_early_collection_is_moved(
    fake_gocardless: FakeGoCardless, gocardless_provider: GoCardlessProvider
) -> None:
    redirect = gocardless_provider.create_mandate_flow(mandate_request())
    _post(f"{fake_gocardless.url}/_test/billing_requests/{redirect.reference}/fulfil")

    mandate = gocardless_provider.get_mandate(redirect.reference)
    [stored] = fake_gocardless.all("mandates")
    assert mandate.reference == stored["id"]
    assert (mandate.status, mandate.next_possible_charge_date) == ("active", EARLIEST)
    assert mandate.scheme_reference == stored["reference"]

    collected = gocardless_provider.collect(collection(mandate.reference, TODAY))

    [payment] = fake_gocardless.all("payments")
    assert (collected.reference, collected.status, collected.charge_date) == (
        payment["id"],
        "pending",
        EARLIEST,
    )
    assert payment["charge_date"] == EARLIEST.isoformat()
    [sent] = fake_gocardless.requests_to("POST", "/payments")
    assert sent.headers["idempotency-key"] == "inv-1:gc-payment:1"
    assert sent.params["payments"]["links"] == {"mandate": mandate.reference}
    assert sent.params["payments"]["metadata"] == {"invoice_id": "inv-1"}


def test_a_later_charge_date_is_kept(
    fake_gocardless: FakeGoCardless, gocardless_provider: GoCardlessProvider
) -> None:
    mandate = signed_mandate(gocardless_provider, fake_gocardless)
    later = EARLIEST + timedelta(days=10)

    collected = gocardless_provider.collect(collection(mandate, later))

    assert collected.charge_date == later


def test_the_fake_refuses_a_charge_date_before_the_next_possible_one(
    fake_gocardless: FakeGoCardless, gocardless_provider: GoCardlessProvider
) -> None:
    import gocardless_pro

    mandate = signed_mandate(gocardless_provider, fake_gocardless)
    client = gocardless_pro.Client(access_token=fake_gocardless.access_token, base_url=fake_gocardless.url)

    with pytest.raises(gocardless_pro.errors.ValidationFailedError, match="charge_date must be on or after"):
        client.payments.create(
            params={
                "amount": 100,
                "currency": "EUR",
                "charge_date": TODAY.isoformat(),
                "links": {"mandate": mandate},
            }
        )

    assert fake_gocardless.all("payments") == []


def test_a_lost_answer_is_retried_and_the_conflict_returns_the_same_payment(
    fake_gocardless: FakeGoCardless, gocardless_provider: GoCardlessProvider
) -> None:
    mandate = signed_mandate(gocardless_provider, fake_gocardless)
    fake_gocardless.add_fault("/payments", "timeout", count=1)  # created, but the answer is lost

    collected = gocardless_provider.collect(collection(mandate, TODAY))

    [payment] = fake_gocardless.all("payments")
    assert collected.reference == payment["id"]
    keys = [r.headers["idempotency-key"] for r in fake_gocardless.requests_to("POST", "/payments")]
    assert keys == ["inv-1:gc-payment:1", "inv-1:gc-payment:1"]  # the second got 409, then a GET
    assert len(fake_gocardless.requests_to("GET", f"/payments/{payment['id']}")) == 1


def test_our_own_retry_with_the_same_key_returns_the_same_payment(
    fake_gocardless: FakeGoCardless, gocardless_provider: GoCardlessProvider
) -> None:
    mandate = signed_mandate(gocardless_provider, fake_gocardless)

    first = gocardless_provider.collect(collection(mandate, TODAY))
    again = gocardless_provider.collect(collection(mandate, TODAY))

    assert again == first
    assert len(fake_gocardless.all("payments")) == 1


def test_a_500_is_retryable_with_a_clear_message_and_creates_nothing(
    fake_gocardless: FakeGoCardless, gocardless_provider: GoCardlessProvider
) -> None:
    fake_gocardless.add_fault("/billing_requests", "500", count=1)

    with pytest.raises(RetryableProviderError) as caught:
        gocardless_provider.create_mandate_flow(mandate_request())

    assert str(caught.value) == (
        "gocardless: could not create the billing request: GoCardless had an internal error (HTTP 500)"
    )
    assert fake_gocardless.all("billing_requests") == []


def test_collecting_on_a_cancelled_mandate_is_final_and_debits_nothing(
    fake_gocardless: FakeGoCardless, gocardless_provider: GoCardlessProvider
) -> None:
    mandate = signed_mandate(gocardless_provider, fake_gocardless)
    _post(f"{fake_gocardless.url}/_test/mandates/{mandate}/cancel")

    with pytest.raises(FinalProviderError) as caught:
        gocardless_provider.collect(collection(mandate, TODAY))

    assert caught.value.code == "mandate_is_inactive"
    assert "The mandate for this payment is inactive" in str(caught.value)
    assert fake_gocardless.all("payments") == []


def test_a_wrong_access_token_is_final(fake_gocardless: FakeGoCardless) -> None:
    provider = GoCardlessProvider(gocardless_config(fake_gocardless, secret="revoked"))

    with pytest.raises(FinalProviderError, match="GoCardless rejected the access token"):
        provider.create_mandate_flow(mandate_request())

    assert fake_gocardless.all("billing_requests") == []


def test_cancel_mandate(fake_gocardless: FakeGoCardless, gocardless_provider: GoCardlessProvider) -> None:
    mandate = signed_mandate(gocardless_provider, fake_gocardless)

    cancelled = gocardless_provider.cancel_mandate(mandate)

    assert (cancelled.reference, cancelled.status) == (mandate, "cancelled")
    assert fake_gocardless.one("mandates", mandate)["status"] == "cancelled"


def test_instalment_schedule_is_created_with_dates(
    fake_gocardless: FakeGoCardless, gocardless_provider: GoCardlessProvider
) -> None:
    mandate = signed_mandate(gocardless_provider, fake_gocardless)
    dates = [EARLIEST + timedelta(days=30 * n) for n in range(3)]
    request = InstalmentPlanRequest(
        mandate_reference=mandate,
        name="Échéancier F-2024-001",
        instalments=tuple((Money(4000, "EUR"), d) for d in dates),
        idempotency_key="inv-1:gc-schedule",
        metadata={"invoice_id": "inv-1"},
    )

    plan = gocardless_provider.create_instalment_plan(request)

    [schedule] = fake_gocardless.all("instalment_schedules")
    assert (plan.reference, plan.status) == (schedule["id"], "pending")
    assert (schedule["status"], schedule["total_amount"]) == ("active", 12000)
    payments = [fake_gocardless.one("payments", p) for p in schedule["links"]["payments"]]
    assert [(p["amount"], p["charge_date"]) for p in payments] == [(4000, d.isoformat()) for d in dates]
    [sent] = fake_gocardless.requests_to("POST", "/instalment_schedules/create_with_dates")
    assert sent.headers["idempotency-key"] == "inv-1:gc-schedule"


def test_an_instalment_before_the_next_possible_date_is_refused(
    fake_gocardless: FakeGoCardless, gocardless_provider: GoCardlessProvider
) -> None:
    mandate = signed_mandate(gocardless_provider, fake_gocardless)
    request = InstalmentPlanRequest(
        mandate_reference=mandate,
        name="Échéancier",
        instalments=((Money(4000, "EUR"), TODAY), (Money(4000, "EUR"), EARLIEST + timedelta(days=30))),
        idempotency_key="inv-1:gc-schedule",
    )

    with pytest.raises(FinalProviderError) as caught:
        gocardless_provider.create_instalment_plan(request)

    assert caught.value.code == "charge_date_too_early"
    assert fake_gocardless.all("instalment_schedules") == []


def test_checkout_for_one_sepa_payment(
    fake_gocardless: FakeGoCardless, gocardless_provider: GoCardlessProvider
) -> None:
    request = CheckoutRequest(
        organisation_id="org-1",
        invoice_ids=("inv-1",),
        attempt_id="att-9",
        amount=Money(12000, "EUR"),
        description="Facture F-2024-001",
        methods=("sepa_debit",),
        success_url="https://encaisse.test/ok",
        cancel_url="https://encaisse.test/ko",
    )

    redirect = gocardless_provider.create_checkout(request)
    _post(f"{fake_gocardless.url}/_test/billing_requests/{redirect.reference}/fulfil")

    billing_request = fake_gocardless.one("billing_requests", redirect.reference)
    assert billing_request["mandate_request"] is None
    assert billing_request["metadata"] == {
        "organisation_id": "org-1",
        "invoice_ids": "inv-1",
        "attempt_id": "att-9",
    }
    [payment] = fake_gocardless.all("payments")
    assert (payment["amount"], payment["currency"], payment["id"]) == (
        12000,
        "EUR",
        billing_request["links"]["payment_request_payment"],
    )


def test_card_checkout_is_refused_on_gocardless(
    fake_gocardless: FakeGoCardless, gocardless_provider: GoCardlessProvider
) -> None:
    request = CheckoutRequest(
        organisation_id="org-1",
        invoice_ids=("inv-1",),
        attempt_id="att-9",
        amount=Money(12000, "EUR"),
        description="Facture",
        methods=("card",),
        success_url="https://encaisse.test/ok",
        cancel_url="https://encaisse.test/ko",
    )

    with pytest.raises(FinalProviderError, match="use Stripe for cards"):
        gocardless_provider.create_checkout(request)

    assert fake_gocardless.requests == []


def test_changes_arrive_as_signed_webhook_batches(
    fake_gocardless: FakeGoCardless, gocardless_provider: GoCardlessProvider
) -> None:
    secret = "gc_webhook_secret"
    with WebhookReceiver() as receiver:
        _post(f"{fake_gocardless.url}/_test/webhooks", {"url": receiver.url, "secret": secret})
        mandate = signed_mandate(gocardless_provider, fake_gocardless)
        payment = gocardless_provider.collect(collection(mandate, TODAY)).reference
        _post(f"{fake_gocardless.url}/_test/payments/{payment}/advance", {"to": "submitted"})
        _post(f"{fake_gocardless.url}/_test/payments/{payment}/advance", {"to": "confirmed"})

    batches = [
        webhooks.parse(body, secret, headers["webhook-signature"]) for headers, body in receiver.received
    ]
    actions = [[f"{e.resource_type}.{e.action}" for e in batch] for batch in batches]
    assert actions == [
        ["billing_requests.created"],
        ["billing_requests.flow_created"],
        ["mandates.created", "mandates.active", "billing_requests.fulfilled"],
        ["payments.created"],
        ["payments.submitted"],
        ["payments.confirmed"],
    ]
    assert batches[-1][0].links.payment == payment


def _post(url: str, body: object | None = None) -> None:
    data = json.dumps(body or {}).encode()
    with urllib.request.urlopen(urllib.request.Request(url, data=data, method="POST"), timeout=5) as answer:
        assert answer.status == 200
