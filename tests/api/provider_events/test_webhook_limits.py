"""Issue 14.6 (c): a webhook body cannot exhaust the machine nor a header make it fail. Bodies nested deeper
than MAX_DEPTH (looked at before parsing) or with a string longer than MAX_STRING are a 400 and nothing is
stored; a signature header of non-ASCII (latin-1) bytes is the provider's "bad signature" answer, not a 500;
an amount that is no amount (1e400, 10^20, 12.5, "100") is stored, recorded as failed with its reason and
never applied, and does not hold back the good events delivered with it. On SQLite and PostgreSQL."""

from __future__ import annotations

import copy
import hashlib
import hmac
import json
from typing import Any

import pytest
from fastapi.testclient import TestClient

from payments.webhooks import MAX_DEPTH, MAX_STRING
from tests.api.payment_links.test_checkout import click
from tests.api.payment_links.test_pay_page import ready_invoice, token_of
from tests.factories import Tenant
from tests.support.capture import Capture
from tests.support.fakes import FakeGoCardless, FakeStripe
from tests.support.webhooks import (
    GOCARDLESS_SECRET,
    enable_webhooks,
    inbox,
    payments_of,
    send_stripe,
    stripe_signed,
)

TOTAL = 123456


@pytest.fixture
def stripe_path(client: TestClient, tenant: Tenant, fake_stripe: FakeStripe) -> str:
    path = enable_webhooks(client, tenant, "stripe", fake_stripe)
    client.put("/api/v1/settings/payments", headers=tenant.headers, json={"sepa_provider": "stripe"})
    return path


def pay(client: TestClient, fake: FakeStripe, invoice: dict[str, Any]) -> list[dict[str, Any]]:
    """The payer pays by card through Checkout; the events Stripe recorded for it, oldest first."""
    before = len(fake.events)
    status, _ = click(client, token_of(invoice), "card")
    assert status == 303
    opened = [s for s in fake.of_type("checkout.session") if s["status"] == "open"]
    with fake.lock:
        assert fake.pay(opened[-1], "card") is None
    return list(fake.events[before:])


def an_event(**extra: Any) -> dict[str, Any]:
    return {"id": "evt_limits_1", "type": "payment_intent.created", "created": 1_796_000_000,
            "data": {"object": {"id": "pi_1", "object": "payment_intent", "amount": 100, "currency": "eur",
                                **extra}}}  # fmt: skip


def nested(depth: int) -> dict[str, Any]:
    value: Any = "deep"
    for _ in range(depth):
        value = [value]
    return an_event(nested=value)


HOSTILE = {
    "nested just too deep": json.dumps(nested(MAX_DEPTH)),
    "nested 100,000 deep": json.dumps(an_event(nested="deep")).replace(
        '"deep"', "[" * 100_000 + "]" * 100_000
    ),
    "a string too long": json.dumps(an_event(description="x" * (MAX_STRING + 1))),
    "a key too long": json.dumps(an_event(**{"k" * (MAX_STRING + 1): 1})),
    "NaN": json.dumps(an_event()).replace('"amount": 100', '"amount": NaN'),
}


@pytest.mark.parametrize("body", HOSTILE.values(), ids=HOSTILE.keys())
def test_a_hostile_signed_body_is_a_400_and_nothing_is_stored(
    client: TestClient, tenant: Tenant, stripe_path: str, body: str
) -> None:
    payload, headers = stripe_signed(body)

    response = client.post(stripe_path, content=payload, headers=headers)

    assert response.status_code == 400, response.text
    assert response.json()["error"] == "webhook_rejected"
    assert inbox(client, tenant)["total"] == 0


def test_a_body_nested_within_the_limit_is_stored(
    client: TestClient, tenant: Tenant, stripe_path: str
) -> None:
    payload, headers = stripe_signed(json.dumps(nested(MAX_DEPTH - 4)))

    response = client.post(stripe_path, content=payload, headers=headers)

    assert response.status_code == 200, response.text
    assert inbox(client, tenant)["total"] == 1


def test_a_latin1_stripe_signature_is_a_401(client: TestClient, tenant: Tenant, stripe_path: str) -> None:
    payload, headers = stripe_signed(an_event())
    signature = headers["Stripe-Signature"].encode() + "é".encode("latin-1")

    response = client.post(stripe_path, content=payload, headers={**headers, "Stripe-Signature": signature})

    assert response.status_code == 401, response.text
    assert inbox(client, tenant)["total"] == 0


def test_a_latin1_gocardless_signature_is_a_498(
    client: TestClient, tenant: Tenant, fake_gocardless: FakeGoCardless
) -> None:
    path = enable_webhooks(client, tenant, "gocardless", fake_gocardless)
    body = json.dumps({"events": []}).encode()
    signature = hmac.new(GOCARDLESS_SECRET.encode(), body, hashlib.sha256).hexdigest().encode() + b"\xe9\xff"

    response = client.post(path, content=body, headers={"Webhook-Signature": signature})

    assert response.status_code == 498, response.text


@pytest.mark.parametrize("header", [b"Bearer \xe9\xff\xfe", b"\xff\xfe", "Bearer clé".encode()])
def test_a_latin1_api_key_is_a_401(client: TestClient, header: bytes) -> None:
    response = client.get("/api/v1/invoices", headers={"Authorization": header})

    assert response.status_code == 401, response.text


def test_a_latin1_cookie_and_language_are_not_a_500(client: TestClient) -> None:
    response = client.get("/login", headers={"Cookie": b"encaisse_lang=\xe9\xff; session=\xe9",
                                            "Accept-Language": b"fr-\xe9"})  # fmt: skip

    assert response.status_code == 200, response.text


BAD_AMOUNTS = {"1e400": "1e400", "10^20": str(10**20), "12.5": "12.5", "a string": '"123456"', "-5": "-5"}


@pytest.mark.usefixtures("quick_providers")
@pytest.mark.parametrize("amount", BAD_AMOUNTS.values(), ids=BAD_AMOUNTS.keys())
def test_an_amount_that_is_no_amount_is_recorded_as_failed_and_never_applied(
    capture: Capture,
    tenant: Tenant,
    client: TestClient,
    fake_stripe: FakeStripe,
    stripe_path: str,
    amount: str,
) -> None:
    invoice = ready_invoice(capture, tenant)
    bad_events = pay(client, fake_stripe, invoice)
    good = ready_invoice(capture, tenant, number="F-2026-0099", buyer="Garage Dupont SA")
    good_events = pay(client, fake_stripe, good)
    bodies = []
    for event in bad_events:
        text = json.dumps(event)
        for field in ("amount", "amount_total"):  # every amount the events carry
            for value in {str(v) for v in _values(event, field)}:
                text = text.replace(f'"{field}": {value}', f'"{field}": {amount}')
        bodies.append(text)

    answers = [client.post(stripe_path, content=p, headers=h) for p, h in map(stripe_signed, bodies)]
    answers += send_stripe(client, stripe_path, good_events)
    capture.wait()

    assert {a.status_code for a in answers} == {200}
    assert payments_of(client, tenant, invoice["id"])["collection_status"] != "paid"
    assert payments_of(client, tenant, invoice["id"])["entries"] == []
    assert payments_of(client, tenant, good["id"])["collection_status"] == "paid"
    failed = inbox(client, tenant, "failed")["items"]
    assert failed, "the events with an amount are recorded as failed"
    assert all(row["error"].startswith("InvalidEvent: `amount") for row in failed)
    assert all("minor units" in row["error"] for row in failed)


def _values(document: Any, field: str) -> list[Any]:
    found = []
    pending = [copy.deepcopy(document)]
    while pending:
        value = pending.pop()
        if isinstance(value, dict):
            if isinstance(value.get(field), int):
                found.append(value[field])
            pending.extend(value.values())
        elif isinstance(value, list):
            pending.extend(value)
    return found
