"""A signed delivery whose body no provider would send is a 400 with nothing stored, on SQLite and on
PostgreSQL (these were 500s: a JSON column refusing NaN or NUL, a time past year 9999, an id longer than
the inbox column)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.factories import Tenant
from tests.support.fakes import FakeGoCardless, FakeStripe
from tests.support.webhooks import enable_webhooks, gocardless_signed, inbox, stripe_signed


def stripe_event(**changes: Any) -> dict[str, Any]:
    event: dict[str, Any] = {
        "id": "evt_malformed_1",
        "object": "event",
        "type": "payment_intent.succeeded",
        "created": 1_767_225_600,
        "data": {"object": {"object": "payment_intent", "id": "pi_1", "amount": 1000, "currency": "eur",
                            "metadata": {}}},
    }  # fmt: skip
    event.update(changes)
    return event


def gocardless_event(**changes: Any) -> dict[str, Any]:
    event: dict[str, Any] = {
        "id": "EV_MALFORMED_1",
        "resource_type": "payments",
        "action": "confirmed",
        "created_at": "2026-01-05T10:00:00.000Z",
        "links": {"payment": "PM1"},
    }
    event.update(changes)
    return event


NAN_AMOUNT = {"object": "payment_intent", "id": "pi_1", "amount": float("nan"), "currency": "eur"}
STRIPE_CASES = {
    "nan": stripe_event(data={"object": NAN_AMOUNT}),
    "infinity": stripe_event(extra=float("inf")),
    "nul_in_id": stripe_event(id="evt_\x00"),
    "nul_deep": stripe_event(data={"object": {**NAN_AMOUNT, "amount": 1, "metadata": {"k": "a\x00b"}}}),
    "long_id": stripe_event(id="evt_" + "x" * 200),
    "created_after_9999": stripe_event(created=10**12),
    "created_huge": stripe_event(created=10**20),
}
GOCARDLESS_CASES = {
    "nan": gocardless_event(details={"cause": float("nan")}),
    "nul_in_id": gocardless_event(id="EV\x00"),
    "long_id": gocardless_event(id="EV" + "1" * 200),
    "before_year_1_in_utc": gocardless_event(created_at="0001-01-01T00:00:00+14:00"),
}


@pytest.mark.parametrize("case", list(STRIPE_CASES))
def test_a_signed_stripe_body_no_provider_sends_is_a_400_with_nothing_stored(
    client: TestClient, tenant: Tenant, fake_stripe: FakeStripe, case: str
) -> None:
    path = enable_webhooks(client, tenant, "stripe", fake_stripe)
    body, headers = stripe_signed(json.dumps(STRIPE_CASES[case]))

    response = client.post(path, content=body, headers=headers)

    assert response.status_code == 400, response.text
    assert response.json()["error"]
    assert inbox(client, tenant)["total"] == 0


@pytest.mark.parametrize("case", list(GOCARDLESS_CASES))
def test_a_signed_gocardless_body_no_provider_sends_is_a_400_with_nothing_stored(
    client: TestClient, tenant: Tenant, fake_gocardless: FakeGoCardless, case: str
) -> None:
    path = enable_webhooks(client, tenant, "gocardless", fake_gocardless)
    body, headers = gocardless_signed([gocardless_event(id="EV_GOOD_1"), GOCARDLESS_CASES[case]])

    response = client.post(path, content=body, headers=headers)

    assert response.status_code == 400, response.text
    assert inbox(client, tenant)["total"] == 0  # the whole batch is refused, its good event too
