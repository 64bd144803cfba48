"""Deliver provider events to our webhook endpoints signed exactly as the providers sign them."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from typing import Any

import stripe
from fastapi.testclient import TestClient
from httpx2 import Response

from tests.api.payment_links.test_checkout import connect
from tests.factories import Tenant
from tests.support.fakes import FakeGoCardless, FakeStripe

STRIPE_SECRET = "whsec_local_test_0123456789abcdef"
GOCARDLESS_SECRET = "gocardless-webhook-secret-0123456789"


def enable_webhooks(
    client: TestClient, tenant: Tenant, provider: str, fake: FakeStripe | FakeGoCardless
) -> str:
    """Connect the provider and save its signing secret; returns the endpoint's path."""
    connect(client, tenant, provider, fake)
    secret = STRIPE_SECRET if provider == "stripe" else GOCARDLESS_SECRET
    response = client.put(f"/api/v1/settings/providers/{provider}/webhook", headers=tenant.headers,
                          json={"secret": secret})  # fmt: skip
    assert response.status_code == 204, response.text
    accounts = client.get("/api/v1/settings/payments", headers=tenant.headers).json()["providers"]
    [account] = [a for a in accounts if a["provider"] == provider]
    assert account["webhook_enabled"] is True
    url: str = account["webhook_url"]
    return url[url.index("/webhooks/") :]


def stripe_signed(
    event: dict[str, Any] | str, secret: str = STRIPE_SECRET, *, at: int | None = None
) -> tuple[bytes, dict[str, str]]:
    payload = event if isinstance(event, str) else json.dumps(event)
    timestamp = int(time.time()) if at is None else at
    header = stripe.WebhookSignature.generate_signature_header(payload, secret, timestamp=timestamp)
    return payload.encode(), {"Stripe-Signature": header, "Content-Type": "application/json"}


def gocardless_signed(
    events: list[dict[str, Any]], secret: str = GOCARDLESS_SECRET
) -> tuple[bytes, dict[str, str]]:
    body = json.dumps({"events": events, "meta": {"webhook_id": "WB123"}}).encode()
    signature = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return body, {"Webhook-Signature": signature, "Content-Type": "application/json"}


def send_stripe(client: TestClient, path: str, events: list[dict[str, Any]]) -> list[Response]:
    answers = []
    for event in events:
        body, headers = stripe_signed(event)
        answers.append(client.post(path, content=body, headers=headers))
    return answers


def send_gocardless(client: TestClient, path: str, events: list[dict[str, Any]]) -> Response:
    body, headers = gocardless_signed(events)
    return client.post(path, content=body, headers=headers)


def payments_of(client: TestClient, tenant: Tenant, invoice_id: str) -> dict[str, Any]:
    response = client.get(f"/api/v1/invoices/{invoice_id}/payments", headers=tenant.headers)
    assert response.status_code == 200, response.text
    found: dict[str, Any] = response.json()
    return found


def inbox(client: TestClient, tenant: Tenant, status: str | None = None) -> dict[str, Any]:
    query = f"?status={status}" if status else ""
    response = client.get(f"/api/v1/provider-events{query}", headers=tenant.headers)
    assert response.status_code == 200, response.text
    found: dict[str, Any] = response.json()
    return found
