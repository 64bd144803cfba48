"""One organisation cannot make another's webhook events disappear: the inbox is unique per receiving
endpoint (organisation and provider), not on the provider's event id alone. SQLite and PostgreSQL (whose
intake is one INSERT … ON CONFLICT statement with its jobs)."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.models import InboxEvent
from tests.api.payment_links.test_checkout import click
from tests.api.payment_links.test_pay_page import ready_invoice, token_of
from tests.api.provider_events.test_stripe_events import TOTAL
from tests.factories import Tenant
from tests.support.capture import Capture
from tests.support.fakes import FakeStripe
from tests.support.webhooks import enable_webhooks, inbox, payments_of, send_stripe


def pay(client: TestClient, fake: FakeStripe, invoice: dict[str, Any]) -> list[dict[str, Any]]:
    """The payer pays `invoice` by card on the fake's Checkout; the events Stripe recorded for it."""
    before = len(fake.events)
    status, _ = click(client, token_of(invoice), "card")
    assert status == 303
    with fake.lock:
        [session] = [s for s in fake.of_type_live("checkout.session")
                     if s["client_reference_id"] == invoice["id"] and s["status"] == "open"]  # fmt: skip
        assert fake.pay(session, "card") is None
    return list(fake.events[before:])


def with_ids(events: list[dict[str, Any]], prefix: str) -> list[dict[str, Any]]:
    """The same events under ids chosen by the test: two organisations' events that share their ids."""
    renamed = copy.deepcopy(events)
    for n, event in enumerate(renamed):
        event["id"] = f"{prefix}{n}"
    return renamed


@pytest.mark.usefixtures("quick_providers")
def test_two_organisations_receive_events_with_one_id_and_both_are_recorded(
    capture: Capture, tenant: Tenant, other_tenant: Tenant, client: TestClient, db: Session,
    fake_stripe: FakeStripe,
) -> None:  # fmt: skip
    path_a = enable_webhooks(client, tenant, "stripe", fake_stripe)
    path_b = enable_webhooks(client, other_tenant, "stripe", fake_stripe)
    invoice_a, invoice_b = ready_invoice(capture, tenant), ready_invoice(capture, other_tenant)
    events_a = with_ids(pay(client, fake_stripe, invoice_a), "evt_shared_")
    events_b = with_ids(pay(client, fake_stripe, invoice_b), "evt_shared_")

    first_b = send_stripe(client, path_b, events_b)  # B's ids arrive first…
    capture.wait()
    then_a = send_stripe(client, path_a, events_a)  # …A's real payment, same ids, is still new
    capture.wait()
    again_a = send_stripe(client, path_a, events_a)  # A's own redelivery is a duplicate
    capture.wait()

    assert [r.json()["new"] for r in first_b] == [1] * len(events_b)
    assert [r.json()["new"] for r in then_a] == [1] * len(events_a)
    assert [r.json()["new"] for r in again_a] == [0] * len(events_a)
    for who, invoice in ((tenant, invoice_a), (other_tenant, invoice_b)):
        payments = payments_of(client, who, invoice["id"])
        assert payments["collection_status"] == "paid"
        assert [(e["kind"], e["amount"]) for e in payments["entries"]] == [("succeeded", TOTAL)]
        assert sorted(e["event_id"] for e in inbox(client, who)["items"]) == [e["id"] for e in events_a]
    stored = sorted((row.organisation_id, row.event_id) for row in db.scalars(select(InboxEvent)))
    db.commit()
    assert stored == sorted(
        (who.organisation_id, e["id"]) for who in (tenant, other_tenant) for e in events_a
    )


@pytest.mark.usefixtures("quick_providers")
def test_one_organisation_cannot_use_anothers_endpoint_to_record_its_events(
    capture: Capture, tenant: Tenant, other_tenant: Tenant, client: TestClient, fake_stripe: FakeStripe
) -> None:
    """Per-endpoint keys do not open a door: an event is stored in the inbox of the endpoint that received
    it, and that endpoint verifies it with its own organisation's secret."""
    enable_webhooks(client, tenant, "stripe", fake_stripe)
    path_b = enable_webhooks(client, other_tenant, "stripe", fake_stripe)
    invoice_a = ready_invoice(capture, tenant)
    events_a = with_ids(pay(client, fake_stripe, invoice_a), "evt_elsewhere_")

    send_stripe(client, path_b, events_a)  # A's invoice, delivered to B's endpoint
    capture.wait()

    assert payments_of(client, tenant, invoice_a["id"])["entries"] == []  # B cannot pay A's invoice
    assert inbox(client, tenant)["items"] == []
