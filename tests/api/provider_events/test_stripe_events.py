"""Stripe events through the webhook endpoint: real Checkout flows on the fake Stripe, events signed as
Stripe signs them, processed by the real job runner, on SQLite and PostgreSQL."""

from __future__ import annotations

import copy
import json
import urllib.parse
import urllib.request
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.api.payment_links.test_checkout import click
from tests.api.payment_links.test_pay_page import ready_invoice, token_of
from tests.factories import Tenant
from tests.support.capture import Capture
from tests.support.fakes import FakeStripe
from tests.support.webhooks import (
    STRIPE_SECRET,
    enable_webhooks,
    inbox,
    payments_of,
    send_stripe,
    stripe_signed,
)

TOTAL = 123456  # the test invoice: 1 234,56 €


def pay(client: TestClient, fake: FakeStripe, invoice: dict[str, Any], method: str) -> list[dict[str, Any]]:
    """The payer goes through Checkout; returns the events Stripe recorded for it, oldest first."""
    before = len(fake.events)
    status, _ = click(client, token_of(invoice), "card" if method == "card" else "sepa_debit")
    assert status == 303
    [session] = [s for s in fake.of_type("checkout.session") if s["status"] == "open"]
    with fake.lock:
        assert fake.pay(session, method) is None
    return list(fake.events[before:])


def of_type(events: list[dict[str, Any]], kind: str) -> dict[str, Any]:
    [found] = [e for e in events if e["type"] == kind]
    return found


@pytest.fixture
def stripe_path(client: TestClient, tenant: Tenant, fake_stripe: FakeStripe) -> str:
    path = enable_webhooks(client, tenant, "stripe", fake_stripe)
    client.put("/api/v1/settings/payments", headers=tenant.headers, json={"sepa_provider": "stripe"})
    return path


@pytest.mark.usefixtures("quick_providers")
class TestPayments:
    def test_a_card_payment_marks_the_invoice_paid_once(
        self, capture: Capture, tenant: Tenant, client: TestClient, fake_stripe: FakeStripe, stripe_path: str
    ) -> None:
        invoice = ready_invoice(capture, tenant)
        events = pay(client, fake_stripe, invoice, "card")

        answers = send_stripe(client, stripe_path, events + events)  # every event delivered twice
        capture.wait()

        assert [a.status_code for a in answers] == [200] * len(answers)
        assert [a.json()["new"] for a in answers] == [1] * len(events) + [0] * len(events)
        payments = payments_of(client, tenant, invoice["id"])
        assert payments["collection_status"] == "paid"
        assert (payments["amount_paid"], payments["balance_due"]) == (TOTAL, 0)
        assert [(e["kind"], e["amount"], e["method"]) for e in payments["entries"]] == [
            ("succeeded", TOTAL, "card")
        ]
        assert "payée" in client.get(f"/pay/{token_of(invoice)}").text.lower()

    def test_sepa_submitted_pauses_reminders_and_only_settlement_pays(
        self, capture: Capture, tenant: Tenant, client: TestClient, fake_stripe: FakeStripe, stripe_path: str
    ) -> None:
        invoice = ready_invoice(capture, tenant)
        events = pay(client, fake_stripe, invoice, "sepa_ok")
        settled = {"payment_intent.succeeded", "checkout.session.async_payment_succeeded"}

        send_stripe(client, stripe_path, [e for e in events if e["type"] not in settled])
        capture.wait()
        pending = payments_of(client, tenant, invoice["id"])
        send_stripe(client, stripe_path, [e for e in events if e["type"] in settled])
        capture.wait()
        paid = payments_of(client, tenant, invoice["id"])

        assert (pending["collection_status"], pending["amount_paid"], pending["owed_now"]) == (
            "processing",
            0,
            0,
        )
        assert pending["amount_processing"] == TOTAL
        assert (paid["collection_status"], paid["amount_paid"], paid["amount_processing"]) == (
            "paid",
            TOTAL,
            0,
        )

    def test_a_failed_debit_reopens_the_invoice_whatever_the_order(
        self, capture: Capture, tenant: Tenant, client: TestClient, fake_stripe: FakeStripe, stripe_path: str
    ) -> None:
        invoice = ready_invoice(capture, tenant)
        events = pay(client, fake_stripe, invoice, "sepa_fail")

        send_stripe(client, stripe_path, list(reversed(events)))  # the failure first, "processing" last
        capture.wait()

        payments = payments_of(client, tenant, invoice["id"])
        assert payments["collection_status"] == "open"
        assert (payments["amount_paid"], payments["amount_processing"], payments["owed_now"]) == (0, 0, TOTAL)
        assert {e["kind"] for e in payments["entries"]} == {"processing", "failed"}


@pytest.mark.usefixtures("quick_providers")
class TestAfterPayment:
    def test_a_partial_refund_is_recorded_and_reopens_what_it_gave_back(
        self, capture: Capture, tenant: Tenant, client: TestClient, fake_stripe: FakeStripe, stripe_path: str
    ) -> None:
        invoice = ready_invoice(capture, tenant)
        events = pay(client, fake_stripe, invoice, "card")
        intent = of_type(events, "payment_intent.succeeded")["data"]["object"]
        before = len(fake_stripe.events)
        refund = fake_stripe_post(
            fake_stripe, "/v1/refunds", {"payment_intent": intent["id"], "amount": "20000"}
        )
        assert refund["status"] == "succeeded"

        send_stripe(client, stripe_path, events + list(fake_stripe.events[before:]))
        capture.wait()

        payments = payments_of(client, tenant, invoice["id"])
        assert payments["amount_refunded"] == 20000
        assert (payments["collection_status"], payments["amount_paid"]) == ("partially_paid", TOTAL - 20000)
        assert payments["balance_due"] == 20000

    def test_a_dispute_reopens_and_flags_and_a_won_dispute_restores(
        self, capture: Capture, tenant: Tenant, client: TestClient, fake_stripe: FakeStripe, stripe_path: str
    ) -> None:
        invoice = ready_invoice(capture, tenant)
        events = pay(client, fake_stripe, invoice, "card")
        intent = of_type(events, "payment_intent.succeeded")["data"]["object"]
        opened = dispute_event(intent, "charge.dispute.created", "needs_response")
        send_stripe(client, stripe_path, [*events, opened])
        capture.wait()
        disputed = payments_of(client, tenant, invoice["id"])

        send_stripe(client, stripe_path, [dispute_event(intent, "charge.dispute.closed", "won")])
        capture.wait()
        won = payments_of(client, tenant, invoice["id"])

        assert (disputed["collection_status"], disputed["disputed"], disputed["owed_now"]) == (
            "open",
            True,
            TOTAL,
        )
        assert (won["collection_status"], won["disputed"], won["amount_paid"]) == ("paid", False, TOTAL)

    def test_the_same_payment_with_another_amount_is_an_anomaly_not_a_payment(
        self, capture: Capture, tenant: Tenant, client: TestClient, fake_stripe: FakeStripe, stripe_path: str
    ) -> None:
        invoice = ready_invoice(capture, tenant)
        events = pay(client, fake_stripe, invoice, "card")
        forged = copy.deepcopy(of_type(events, "payment_intent.succeeded"))
        forged["id"] = "evt_other_delivery"
        forged["data"]["object"]["amount"] = 99

        send_stripe(client, stripe_path, [*events, forged])
        capture.wait()

        payments = payments_of(client, tenant, invoice["id"])
        assert (payments["amount_paid"], len(payments["entries"])) == (TOTAL, 1)
        assert [(a["recorded_amount"], a["received_amount"]) for a in payments["anomalies"]] == [(TOTAL, 99)]


def dispute_event(intent: dict[str, Any], kind: str, status: str) -> dict[str, Any]:
    """A dispute as Stripe sends it (shape of the official fixture); the fake has no dispute flow."""
    return {
        "id": f"evt_{kind.replace('.', '_')}_{status}",
        "object": "event",
        "type": kind,
        "created": intent["created"] + (10 if status in ("won", "lost") else 5),
        "data": {"object": {"id": "dp_test_1", "object": "dispute", "amount": intent["amount"],
                            "currency": intent["currency"], "charge": intent["latest_charge"],
                            "payment_intent": intent["id"], "status": status, "metadata": {}}},
    }  # fmt: skip


def fake_stripe_post(fake: FakeStripe, path: str, form: dict[str, str]) -> dict[str, Any]:
    request = urllib.request.Request(
        fake.url + path, data=urllib.parse.urlencode(form).encode(), method="POST",
        headers={"Authorization": f"Bearer {fake.api_key}"},
    )  # fmt: skip
    with urllib.request.urlopen(request, timeout=10) as answer:
        found: dict[str, Any] = json.loads(answer.read())
    return found


class TestBadDeliveries:
    def test_signature_problems_are_refused_and_store_nothing(
        self, tenant: Tenant, client: TestClient, stripe_path: str
    ) -> None:
        event = {"id": "evt_1", "type": "payment_intent.succeeded", "created": 1, "data": {"object": {}}}
        body, headers = stripe_signed(event)
        altered = body.replace(b"evt_1", b"evt_2")
        _, stale = stripe_signed(event, at=1_000_000_000)
        _, wrong = stripe_signed(event, secret="whsec_someone_else")

        answers = {
            "altered": client.post(stripe_path, content=altered, headers=headers).status_code,
            "stale": client.post(stripe_path, content=body, headers=stale).status_code,
            "wrong secret": client.post(stripe_path, content=body, headers=wrong).status_code,
            "unsigned": client.post(stripe_path, content=body).status_code,
        }

        assert answers == {"altered": 401, "stale": 401, "wrong secret": 401, "unsigned": 401}
        assert inbox(client, tenant)["total"] == 0

    def test_a_signed_body_that_is_not_an_event_is_400(self, client: TestClient, stripe_path: str) -> None:
        for payload in ("{not json", json.dumps({"id": "evt_1"}), json.dumps([1, 2])):
            body, headers = stripe_signed(payload)
            answer = client.post(stripe_path, content=body, headers=headers)
            assert answer.status_code == 400, payload
            assert answer.json()["error"] == "webhook_rejected"

    def test_unknown_or_disabled_endpoints_refuse(
        self, tenant: Tenant, client: TestClient, stripe_path: str
    ) -> None:
        body, headers = stripe_signed({"id": "evt_1", "type": "x", "created": 1, "data": {"object": {}}})
        unknown = client.post(
            "/webhooks/stripe/00000000-0000-0000-0000-000000000000", content=body, headers=headers
        )
        wrong_provider = client.post(
            stripe_path.replace("stripe", "gocardless"), content=body, headers=headers
        )
        client.put("/api/v1/settings/providers/stripe/webhook", headers=tenant.headers, json={"secret": ""})
        disabled = client.post(stripe_path, content=body, headers=headers)

        assert (unknown.status_code, wrong_provider.status_code, disabled.status_code) == (404, 404, 401)

    def test_a_changed_or_emptied_secret_applies_to_the_next_delivery(
        self, tenant: Tenant, client: TestClient, stripe_path: str
    ) -> None:
        # Given a delivery accepted with the first secret (each process keeps the decrypted secret)
        def deliver(number: int, secret: str) -> int:
            event = {"id": f"evt_{number}", "type": "x", "created": 1, "data": {"object": {}}}
            body, headers = stripe_signed(event, secret)
            return client.post(stripe_path, content=body, headers=headers).status_code

        def save(secret: str) -> None:
            answer = client.put("/api/v1/settings/providers/stripe/webhook", headers=tenant.headers,
                                json={"secret": secret})  # fmt: skip
            assert answer.status_code == 204

        first = deliver(1, STRIPE_SECRET)
        # When the secret is changed, then set back to the same text (a new ciphertext), then emptied
        save("whsec_rotated_0123456789")
        after_change = (deliver(2, STRIPE_SECRET), deliver(3, "whsec_rotated_0123456789"))
        save(STRIPE_SECRET)
        after_restore = (deliver(4, "whsec_rotated_0123456789"), deliver(5, STRIPE_SECRET))
        save("")
        after_emptying = deliver(6, STRIPE_SECRET)

        # Then each delivery was judged by the secret saved at the time, never by a remembered one
        assert (first, after_change, after_restore, after_emptying) == (200, (401, 200), (401, 200), 401)
        assert sorted(e["event_id"] for e in inbox(client, tenant)["items"]) == ["evt_1", "evt_3", "evt_5"]

    def test_unknown_events_are_stored_and_ignored_and_unknown_objects_shown(
        self, capture: Capture, tenant: Tenant, client: TestClient, stripe_path: str
    ) -> None:
        warning = {"id": "issfr_1", "object": "radar.early_fraud_warning"}
        unknown_type = {"id": "evt_new", "type": "radar.early_fraud_warning.created", "created": 1700000000,
                        "data": {"object": warning}}  # fmt: skip
        unknown_object = {"id": "evt_pi", "type": "payment_intent.succeeded", "created": 1700000000,
                          "data": {"object": {"id": "pi_nobody", "object": "payment_intent", "amount": 500,
                                              "currency": "eur", "metadata": {}}}}  # fmt: skip

        answers = send_stripe(client, stripe_path, [unknown_type, unknown_object])
        capture.wait()

        assert [a.status_code for a in answers] == [200, 200]
        events = {e["event_id"]: e["status"] for e in inbox(client, tenant)["items"]}
        assert events == {"evt_new": "ignored", "evt_pi": "unmatched"}
