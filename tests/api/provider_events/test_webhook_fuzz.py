"""Signed webhook deliveries whose bodies are anything (bytes, any JSON, event-shaped objects with absurd
values: NaN, 1e400, NUL characters, ids longer than the column, Unix times past year 9999): the endpoint
answers 200 or 400 with a reason, never a 5xx, on SQLite and on PostgreSQL. A bad signature is refused
before the body is read (the schemathesis test in tests/api/test_fuzz_openapi.py covers that path)."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from typing import Any

import pytest
import stripe
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import Tenant
from tests.support.fakes import FakeGoCardless, FakeStripe
from tests.support.webhooks import GOCARDLESS_SECRET, STRIPE_SECRET, enable_webhooks, gocardless_signed

pytestmark = pytest.mark.fuzz

EXAMPLES = settings(
    max_examples=40,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()  # NaN and ±Infinity included: json.dumps writes them, json.loads reads them
    | st.text(max_size=20)
    | st.sampled_from(["", "\x00", "a" * 150, "9" * 30, "1e400", "2024-02-30T00:00:00Z"])
)
json_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)
ids = st.sampled_from(["evt_1", "x" * 101, "evt_\x00", "é" * 60]) | st.text(min_size=1, max_size=120)
unix_times = st.sampled_from([1_700_000_000, 10**12, 10**20, -(10**12), 2**63]) | st.integers()
metadata = st.dictionaries(
    st.sampled_from(["invoice_ids", "organisation_id", "attempt_id", "client_id"]), json_values, max_size=4
)
stripe_objects = st.fixed_dictionaries(
    {
        "object": st.sampled_from(["payment_intent", "charge", "dispute", "checkout.session"]) | json_values,
        "id": ids | json_values,
        "amount": st.integers() | json_values,
        "amount_refunded": st.integers() | json_values,
        "currency": st.sampled_from(["eur", "EUR", "xxxx", ""]) | json_values,
        "metadata": metadata | json_values,
        "client_reference_id": st.text(max_size=80) | json_values,
    }
)
stripe_events = st.fixed_dictionaries(
    {
        "id": ids | json_values,
        "type": st.sampled_from(
            [
                "payment_intent.succeeded",
                "charge.refunded",
                "charge.dispute.created",
                "checkout.session.completed",
            ]
        )
        | st.text(max_size=150),  # fmt: skip
        "created": unix_times | json_values,
        "data": st.fixed_dictionaries({"object": stripe_objects}) | json_values,
    }
)
gocardless_events = st.fixed_dictionaries(
    {
        "id": ids | json_values,
        "resource_type": st.sampled_from(["payments", "mandates", "refunds", "billing_requests"])
        | json_values,
        "action": st.sampled_from(["confirmed", "failed", "paid_out", "cancelled"]) | json_values,
        "created_at": st.sampled_from(
            [
                "2026-01-05T10:00:00.000Z",
                "0001-01-01T00:00:00+14:00",
                "9999-12-31T23:59:59-14:00",
                "2026-01-05",
            ]
        )
        | json_values,  # fmt: skip
        "links": st.dictionaries(
            st.sampled_from(["payment", "mandate", "refund", "billing_request"]), json_values, max_size=3
        )
        | json_values,  # fmt: skip
        "details": st.fixed_dictionaries({"cause": json_values}) | json_values,
        "resource_metadata": metadata | json_values,
    }
)


def stripe_delivery(payload: bytes) -> dict[str, str]:
    text = payload.decode("utf-8", errors="replace")  # a non-UTF-8 body is refused before its signature
    header = stripe.WebhookSignature.generate_signature_header(
        text, STRIPE_SECRET, timestamp=int(time.time())
    )
    return {"Stripe-Signature": header, "Content-Type": "application/json"}


def dumped(value: Any) -> bytes:
    return json.dumps(value).encode()  # allow_nan: NaN and Infinity as Python writes them


@pytest.fixture
def stripe_path(client: TestClient, tenant: Tenant, fake_stripe: FakeStripe) -> str:
    return enable_webhooks(client, tenant, "stripe", fake_stripe)


@pytest.fixture
def gocardless_path(client: TestClient, tenant: Tenant, fake_gocardless: FakeGoCardless) -> str:
    return enable_webhooks(client, tenant, "gocardless", fake_gocardless)


def assert_answered(response: Any) -> None:
    """200 (stored) or 400 with our error body: never a 5xx, nor any other status."""
    assert response.status_code in (200, 400), (response.status_code, response.text)
    if response.status_code == 400:
        assert response.json()["error"], response.text


@EXAMPLES
@given(payload=st.binary(max_size=200) | json_values.map(dumped) | stripe_events.map(dumped))
def test_fuzz_signed_stripe_bodies_get_200_or_400(
    client: TestClient, stripe_path: str, payload: bytes
) -> None:
    assert_answered(client.post(stripe_path, content=payload, headers=stripe_delivery(payload)))


@EXAMPLES
@given(
    payload=st.binary(max_size=200)
    | json_values.map(dumped)
    | st.lists(gocardless_events, min_size=1, max_size=3).map(lambda events: gocardless_signed(events)[0])
)
def test_fuzz_signed_gocardless_bodies_get_200_or_400(
    client: TestClient, gocardless_path: str, payload: bytes
) -> None:
    signature = hmac.new(GOCARDLESS_SECRET.encode(), payload, hashlib.sha256).hexdigest()
    headers = {"Webhook-Signature": signature, "Content-Type": "application/json"}
    assert_answered(client.post(gocardless_path, content=payload, headers=headers))
