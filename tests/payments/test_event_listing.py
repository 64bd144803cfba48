"""Catching up with the providers: list_events, get_payment and get_schedule on the real SDKs, against the
local fakes. Events come from real flows (checkouts paid, billing requests fulfilled, payments advanced);
the fakes' page size is lowered so that a few flows already make several pages."""

from __future__ import annotations

import json
import logging
import urllib.request
from datetime import UTC, date, datetime, timedelta

import pytest

from payments.errors import FinalProviderError, RetryableProviderError
from payments.gocardless_provider import GoCardlessProvider
from payments.stripe_provider import StripeProvider
from payments.types import CheckoutRequest, CollectionRequest, InstalmentPlanRequest, MandateRequest, Money
from tests.support.clock import SUITE_MOMENT
from tests.support.fakes import FakeGoCardless, FakeStripe
from tests.support.fakes.gocardless_objects import business_days_after

NOW = SUITE_MOMENT
TODAY = NOW.date()
AN_HOUR_AGO = NOW - timedelta(hours=1)
EARLIEST = business_days_after(TODAY, 3)  # the fake GoCardless mandates' next possible charge date


# --- Stripe: list_events -----------------------------------------------------------------------------------


def test_stripe_events_come_oldest_first_across_pages(
    fake_stripe: FakeStripe, stripe_provider: StripeProvider
) -> None:
    fake_stripe.max_page_size = 4
    sessions = paid_card_checkouts(stripe_provider, fake_stripe, count=5)  # 2 events each

    listed = list(stripe_provider.list_events(AN_HOUR_AGO))

    assert [e.event_id for e in listed] == [e["id"] for e in fake_stripe.events]
    assert [e.kind for e in listed[:2]] == ["payment.succeeded", "checkout.completed_paid"]
    completed = listed[1]
    assert (completed.resource_reference, completed.invoice_ids, completed.amount) == (
        sessions[0],
        ("inv-0",),
        12000,
    )
    assert completed.raw == fake_stripe.events[1]  # the JSON Stripe sent, not the SDK's object
    pages = fake_stripe.requests_to("GET", "/v1/events")
    assert [p.params.get("starting_after") for p in pages] == [None, listed[-4].event_id, listed[-8].event_id]
    assert pages[0].params["created"] == {"gte": str(int(AN_HOUR_AGO.timestamp()))}
    assert pages[0].params["limit"] == "100"


def test_stripe_events_before_since_or_after_until_are_left_out(
    fake_stripe: FakeStripe, stripe_provider: StripeProvider
) -> None:
    paid_card_checkouts(stripe_provider, fake_stripe, count=2)
    backdate_stripe(fake_stripe, hours=2)
    paid_card_checkouts(stripe_provider, fake_stripe, count=1, first=2)
    older, newer = [e["id"] for e in fake_stripe.events[:4]], [e["id"] for e in fake_stripe.events[4:]]

    recent = [e.event_id for e in stripe_provider.list_events(AN_HOUR_AGO)]
    earlier = [e.event_id for e in stripe_provider.list_events(NOW - timedelta(hours=3), until=AN_HOUR_AGO)]

    assert (recent, earlier) == (newer, older)


def test_an_unreadable_stripe_event_is_skipped_and_logged(
    fake_stripe: FakeStripe, stripe_provider: StripeProvider, caplog: pytest.LogCaptureFixture
) -> None:
    paid_card_checkouts(stripe_provider, fake_stripe, count=2)
    with fake_stripe.lock:
        broken = fake_stripe.events[1]
        broken["data"] = None  # as if Stripe had listed a damaged event

    with caplog.at_level(logging.WARNING, logger="payments.stripe_provider"):
        listed = [e.event_id for e in stripe_provider.list_events(AN_HOUR_AGO)]

    assert listed == [e["id"] for e in fake_stripe.events if e is not broken]
    assert "skipped a Stripe event that cannot be read" in caplog.text


def test_stripe_listing_failures_are_retryable(
    fake_stripe: FakeStripe, stripe_provider: StripeProvider
) -> None:
    fake_stripe.add_fault("/v1/events", "500", count=2)  # the first try and the SDK's one retry

    with pytest.raises(RetryableProviderError, match="could not list the events: Stripe had an internal"):
        stripe_provider.list_events(AN_HOUR_AGO)

    fake_stripe.add_fault("/v1/events", "timeout", count=2)
    with pytest.raises(RetryableProviderError, match="Stripe did not answer in time"):
        stripe_provider.list_events(AN_HOUR_AGO)


def test_since_must_be_aware(
    stripe_provider: StripeProvider, gocardless_provider: GoCardlessProvider
) -> None:
    naive = NOW.replace(tzinfo=None)

    with pytest.raises(ValueError, match="aware"):
        stripe_provider.list_events(naive)
    with pytest.raises(ValueError, match="aware"):
        gocardless_provider.list_events(NOW - timedelta(hours=1), until=naive)


# --- Stripe: lookups ---------------------------------------------------------------------------------------


def test_stripe_payment_of_a_paid_card_checkout(
    fake_stripe: FakeStripe, stripe_provider: StripeProvider
) -> None:
    [session] = paid_card_checkouts(stripe_provider, fake_stripe, count=1)
    intent = fake_stripe.objects[session]["payment_intent"]

    payment = stripe_provider.get_payment(intent)

    assert (payment.provider, payment.reference, payment.amount) == ("stripe", intent, Money(12000, "EUR"))
    assert (payment.status, payment.charge_date) == ("confirmed", None)
    assert (payment.mandate_reference, payment.schedule_reference) == (None, None)
    assert payment.metadata == {"organisation_id": "org-1", "invoice_ids": "inv-0", "attempt_id": "att-0"}


def test_stripe_payment_of_an_off_session_debit_has_its_target_date(
    fake_stripe: FakeStripe, stripe_provider: StripeProvider
) -> None:
    later = TODAY + timedelta(days=5)
    collected = stripe_provider.collect(
        stripe_collection(signed_stripe_mandate(stripe_provider, fake_stripe), later)
    )

    payment = stripe_provider.get_payment(collected.reference)

    assert (payment.amount, payment.status, payment.charge_date) == (Money(4321, "EUR"), "submitted", later)
    assert payment.metadata == {"invoice_id": "inv-1"}


def test_a_failed_stripe_debit_is_failed_not_pending(
    fake_stripe: FakeStripe, stripe_provider: StripeProvider
) -> None:
    # After a failed attempt Stripe puts the intent back in requires_payment_method, with last_payment_error.
    [session] = paid_card_checkouts(stripe_provider, fake_stripe, count=1, method="sepa_fail")

    payment = stripe_provider.get_payment(fake_stripe.objects[session]["payment_intent"])

    assert payment.status == "failed"


def test_an_unknown_stripe_payment_is_final(fake_stripe: FakeStripe, stripe_provider: StripeProvider) -> None:
    with pytest.raises(FinalProviderError, match="could not read the PaymentIntent") as caught:
        stripe_provider.get_payment("pi_unknown")

    assert caught.value.code == "resource_missing"


def test_stripe_payment_lookup_failures_are_retryable(
    fake_stripe: FakeStripe, stripe_provider: StripeProvider
) -> None:
    fake_stripe.add_fault("/v1/payment_intents/", "timeout", count=2)

    with pytest.raises(RetryableProviderError, match="could not read the PaymentIntent"):
        stripe_provider.get_payment("pi_whatever")


def test_stripe_has_no_schedules(fake_stripe: FakeStripe, stripe_provider: StripeProvider) -> None:
    with pytest.raises(FinalProviderError, match="Stripe has no instalment schedules") as caught:
        stripe_provider.get_schedule("sub_sched_123")

    assert caught.value.code == "not_supported"
    assert fake_stripe.requests == []


# --- GoCardless: list_events -------------------------------------------------------------------------------


def test_gocardless_events_come_oldest_first_across_pages(
    fake_gocardless: FakeGoCardless, gocardless_provider: GoCardlessProvider
) -> None:
    fake_gocardless.max_page_size = 4
    payments = submitted_gocardless_payments(gocardless_provider, fake_gocardless, count=3)  # 5 events each

    listed = list(gocardless_provider.list_events(AN_HOUR_AGO))

    assert [e.event_id for e in listed] == [e["id"] for e in fake_gocardless.events]
    assert [(e.provider_type, e.kind) for e in listed[:5]] == [
        ("billing_requests.created", "unknown"),
        ("billing_requests.flow_created", "unknown"),
        ("payments.created", "payment.created"),
        ("billing_requests.fulfilled", "billing_request.fulfilled"),
        ("payments.submitted", "payment.submitted"),
    ]
    assert [e.payment_reference for e in listed if e.kind == "payment.submitted"] == payments
    assert listed[4].raw == fake_gocardless.events[4]
    pages = fake_gocardless.requests_to("GET", "/events")
    assert [p.query.get("after") for p in pages] == [
        None,
        [listed[-4].event_id],
        [listed[-8].event_id],
        [listed[-12].event_id],
    ]
    first = pages[0].query
    assert (first["created_at[gte]"], first["limit"]) == ([gocardless_time(AN_HOUR_AGO)], ["500"])


def test_gocardless_events_before_since_or_after_until_are_left_out(
    fake_gocardless: FakeGoCardless, gocardless_provider: GoCardlessProvider
) -> None:
    submitted_gocardless_payments(gocardless_provider, fake_gocardless, count=1)
    backdate_gocardless(fake_gocardless, hours=2)
    submitted_gocardless_payments(gocardless_provider, fake_gocardless, count=1, first=1)
    older, newer = (
        [e["id"] for e in fake_gocardless.events[:5]],
        [e["id"] for e in fake_gocardless.events[5:]],
    )

    recent = [e.event_id for e in gocardless_provider.list_events(AN_HOUR_AGO)]
    earlier = [
        e.event_id for e in gocardless_provider.list_events(NOW - timedelta(hours=3), until=AN_HOUR_AGO)
    ]

    assert (recent, earlier) == (newer, older)


def test_an_unreadable_gocardless_event_is_skipped_and_logged(
    fake_gocardless: FakeGoCardless, gocardless_provider: GoCardlessProvider, caplog: pytest.LogCaptureFixture
) -> None:
    submitted_gocardless_payments(gocardless_provider, fake_gocardless, count=1)
    with fake_gocardless.lock:
        broken = fake_gocardless.events[2]
        del broken["action"]

    with caplog.at_level(logging.WARNING, logger="payments.gocardless_provider"):
        listed = [e.event_id for e in gocardless_provider.list_events(AN_HOUR_AGO)]

    assert listed == [e["id"] for e in fake_gocardless.events if e is not broken]
    assert "skipped a GoCardless event that cannot be read" in caplog.text


def test_gocardless_listing_failures_are_retryable(
    fake_gocardless: FakeGoCardless, gocardless_provider: GoCardlessProvider
) -> None:
    fake_gocardless.add_fault("/events", "500")

    with pytest.raises(RetryableProviderError, match="could not list the events: GoCardless had an internal"):
        gocardless_provider.list_events(AN_HOUR_AGO)

    fake_gocardless.add_fault("/events", "timeout", count=3)  # the client tries a GET three times
    with pytest.raises(RetryableProviderError, match="GoCardless did not answer in time"):
        gocardless_provider.list_events(AN_HOUR_AGO)


# --- GoCardless: lookups -----------------------------------------------------------------------------------


def test_gocardless_schedule_lists_its_payments_in_order(
    fake_gocardless: FakeGoCardless, gocardless_provider: GoCardlessProvider
) -> None:
    dates = [EARLIEST + timedelta(days=30 * n) for n in range(3)]
    plan = gocardless_schedule(gocardless_provider, fake_gocardless, dates)

    schedule = gocardless_provider.get_schedule(plan)

    assert (schedule.provider, schedule.reference, schedule.status) == ("gocardless", plan, "active")
    assert (
        list(schedule.payment_references)
        == fake_gocardless.one("instalment_schedules", plan)["links"]["payments"]
    )
    payments = [gocardless_provider.get_payment(reference) for reference in schedule.payment_references]
    assert [(p.charge_date, p.amount, p.status) for p in payments] == [
        (d, Money(4000 + n, "EUR"), "pending") for n, d in enumerate(dates)
    ]
    assert {(p.schedule_reference, p.mandate_reference) for p in payments} == {
        (plan, fake_gocardless.one("instalment_schedules", plan)["links"]["mandate"])
    }


@pytest.mark.parametrize(
    ("steps", "status"),
    [
        ((), "pending"),
        (("submitted",), "submitted"),
        (("submitted", "confirmed"), "confirmed"),
        (("submitted", "confirmed", "paid_out"), "paid_out"),
        (("submitted", "confirmed", "paid_out", "charged_back"), "charged_back"),
        (("submitted", "failed"), "failed"),
        (("cancelled",), "cancelled"),
    ],
)
def test_gocardless_payment_status_follows_the_bank(
    fake_gocardless: FakeGoCardless,
    gocardless_provider: GoCardlessProvider,
    steps: tuple[str, ...],
    status: str,
) -> None:
    [payment_id] = submitted_gocardless_payments(gocardless_provider, fake_gocardless, count=1, steps=steps)

    payment = gocardless_provider.get_payment(payment_id)

    assert (payment.reference, payment.amount, payment.status) == (payment_id, Money(12000, "EUR"), status)
    assert (payment.charge_date, payment.schedule_reference) == (EARLIEST, None)
    assert payment.metadata == {"organisation_id": "org-1", "invoice_ids": "inv-0", "attempt_id": "att-0"}


def test_gocardless_lookup_failures(
    fake_gocardless: FakeGoCardless, gocardless_provider: GoCardlessProvider
) -> None:
    fake_gocardless.add_fault("/payments/", "500")
    with pytest.raises(RetryableProviderError, match="could not read the payment"):
        gocardless_provider.get_payment("PM000UNKNOWN")

    fake_gocardless.add_fault("/instalment_schedules/", "timeout", count=3)
    with pytest.raises(RetryableProviderError, match="could not read the instalment schedule"):
        gocardless_provider.get_schedule("IS000UNKNOWN")

    with pytest.raises(FinalProviderError, match="could not read the payment") as caught:
        gocardless_provider.get_payment("PM000UNKNOWN")
    assert caught.value.code == "resource_not_found"


# --- flows on the fakes ------------------------------------------------------------------------------------


def paid_card_checkouts(
    provider: StripeProvider, fake: FakeStripe, *, count: int, first: int = 0, method: str = "card"
) -> list[str]:
    sessions = []
    for n in range(first, first + count):
        redirect = provider.create_checkout(checkout_request(n))
        _post(f"{fake.url}/_test/checkout/sessions/{redirect.reference}/pay?method={method}")
        sessions.append(redirect.reference)
    return sessions


def signed_stripe_mandate(provider: StripeProvider, fake: FakeStripe) -> str:
    request = MandateRequest(
        organisation_id="org-1",
        client_id="cli-1",
        attempt_id="att-m",
        redirect_url="https://encaisse.test/mandat/merci",
        exit_url="https://encaisse.test/mandat",
    )
    redirect = provider.create_mandate_flow(request)
    _post(f"{fake.url}/_test/checkout/sessions/{redirect.reference}/pay?method=sepa_ok")
    return provider.get_mandate(redirect.reference).reference


def stripe_collection(mandate: str, charge_date: date) -> CollectionRequest:
    return CollectionRequest(
        mandate_reference=mandate,
        amount=Money(4321, "EUR"),
        charge_date=charge_date,
        idempotency_key="inv-1:debit:1",
        description="Facture F-2024-001",
        metadata={"invoice_id": "inv-1"},
    )


def submitted_gocardless_payments(
    provider: GoCardlessProvider,
    fake: FakeGoCardless,
    *,
    count: int,
    first: int = 0,
    steps: tuple[str, ...] = ("submitted",),
) -> list[str]:
    """One SEPA checkout per payment, signed by the payer, then moved along by the banks (`steps`)."""
    payments = []
    for n in range(first, first + count):
        redirect = provider.create_checkout(checkout_request(n, methods=("sepa_debit",)))
        _post(f"{fake.url}/_test/billing_requests/{redirect.reference}/fulfil")
        payment = fake.one("billing_requests", redirect.reference)["links"]["payment_request_payment"]
        for step in steps:
            _post(f"{fake.url}/_test/payments/{payment}/advance", {"to": step})
        payments.append(payment)
    return payments


def gocardless_schedule(provider: GoCardlessProvider, fake: FakeGoCardless, dates: list[date]) -> str:
    request = MandateRequest(
        organisation_id="org-1",
        client_id="cli-1",
        attempt_id="att-m",
        redirect_url="https://encaisse.test/mandat/merci",
        exit_url="https://encaisse.test/mandat",
    )
    redirect = provider.create_mandate_flow(request)
    _post(f"{fake.url}/_test/billing_requests/{redirect.reference}/fulfil")
    plan = InstalmentPlanRequest(
        mandate_reference=redirect.reference,
        name="Échéancier F-2024-001",
        instalments=tuple((Money(4000 + n, "EUR"), d) for n, d in enumerate(dates)),
        idempotency_key="inv-1:schedule",
    )
    return provider.create_instalment_plan(plan).reference


def checkout_request(n: int, methods: tuple[str, ...] = ("card", "sepa_debit")) -> CheckoutRequest:
    return CheckoutRequest(
        organisation_id="org-1",
        invoice_ids=(f"inv-{n}",),
        attempt_id=f"att-{n}",
        amount=Money(12000, "EUR"),
        description=f"Facture F-2024-{n:03}",
        methods=methods,  # type: ignore[arg-type]
        success_url="https://encaisse.test/pay/tok/merci",
        cancel_url="https://encaisse.test/pay/tok",
    )


def backdate_stripe(fake: FakeStripe, *, hours: int) -> None:
    """Every event so far moves into the past, so a `since` falls between two batches without sleeping."""
    with fake.lock:
        for event in fake.events:
            event["created"] -= hours * 3600


def backdate_gocardless(fake: FakeGoCardless, *, hours: int) -> None:
    with fake.lock:
        for event in fake.events:
            moment = datetime.fromisoformat(event["created_at"]) - timedelta(hours=hours)
            event["created_at"] = gocardless_time(moment)


def gocardless_time(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _post(url: str, body: object | None = None) -> None:
    data = json.dumps(body or {}).encode()
    with urllib.request.urlopen(urllib.request.Request(url, data=data, method="POST"), timeout=5) as answer:
        assert answer.status == 200
