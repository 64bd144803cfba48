"""Deliveries under stress: the same event many times at once on a real PostgreSQL, the database gone during
a delivery, a processing failure that must stay visible and be retried."""

from __future__ import annotations

import copy
import socket
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx2
import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from api.app import create_app
from api.db import unit_of_work
from api.models import InboxEvent, Mandate, PaymentEntry
from api.runtime import Runtime
from tests.api.mandates.helpers import post, start_mandate
from tests.api.payment_links.test_pay_page import ready_invoice, token_of
from tests.api.provider_events.test_stripe_events import TOTAL, pay
from tests.conftest import empty_postgres, make_settings
from tests.factories import Tenant, create_tenant
from tests.support.capture import Capture
from tests.support.fakes import FakeGoCardless, FakeStripe
from tests.support.proxy import CuttableProxy
from tests.support.webhooks import enable_webhooks, inbox, payments_of, send_gocardless, stripe_signed


@pytest.fixture
def served(app: FastAPI) -> Iterator[str]:
    """The app on a real HTTP server, so requests really run in parallel."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        threading.Event().wait(0.02)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
@pytest.mark.usefixtures("quick_providers")
def test_parallel_deliveries_of_one_payment_make_one_ledger_entry(
    capture: Capture, tenant: Tenant, client: TestClient, db: Session, fake_stripe: FakeStripe, served: str
) -> None:
    path = enable_webhooks(client, tenant, "stripe", fake_stripe)
    invoice = ready_invoice(capture, tenant)
    events = pay(client, fake_stripe, invoice, "card")
    succeeded = next(e for e in events if e["type"] == "payment_intent.succeeded")
    # Stripe may also send the same payment as another event (a resend has a new id): one fact all the same.
    resent = [{**copy.deepcopy(succeeded), "id": f"evt_resent_{n}"} for n in range(4)]
    deliveries = [e for e in events for _ in range(8)] + resent * 4

    def deliver(event: dict[str, object]) -> int:
        body, headers = stripe_signed(event)
        return httpx2.post(served + path, content=body, headers=headers, timeout=30).status_code

    with ThreadPoolExecutor(16) as pool:
        statuses = list(pool.map(deliver, deliveries))
    capture.wait()

    assert statuses == [200] * len(deliveries)
    stored = db.scalar(select(func.count()).select_from(InboxEvent))
    entries = list(db.scalars(select(PaymentEntry)))
    db.commit()
    assert stored == len(events) + len(resent)
    assert [(e.kind, e.amount) for e in entries] == [("succeeded", TOTAL)]
    assert payments_of(client, tenant, invoice["id"])["collection_status"] == "paid"


@pytest.fixture
def proxied(tmp_path: Path, postgres_url: str) -> Iterator[tuple[CuttableProxy, TestClient, Tenant]]:
    url = make_url(postgres_url)
    proxy = CuttableProxy(url.host or "127.0.0.1", url.port or 5432)
    proxy.start()
    through_proxy = url.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False)
    settings = make_settings(tmp_path / "data", through_proxy)
    runtime = Runtime.build(settings)
    with unit_of_work(runtime.session_factory) as session:
        tenant = create_tenant(session, name="Fleuriste Petit")
    try:
        with TestClient(create_app(settings, runtime=runtime)) as client:
            yield proxy, client, tenant
    finally:
        proxy.cut()
        runtime.close()
        empty_postgres(postgres_url)


def test_a_delivery_while_the_database_is_down_is_5xx_and_the_retry_is_stored_once(
    proxied: tuple[CuttableProxy, TestClient, Tenant], fake_stripe: FakeStripe
) -> None:
    proxy, client, tenant = proxied
    path = enable_webhooks(client, tenant, "stripe", fake_stripe)
    event = {"id": "evt_outage", "type": "radar.value_list.created", "created": 1700000000,
             "data": {"object": {"id": "rsl_1", "object": "radar.value_list"}}}  # fmt: skip

    proxy.cut()
    body, headers = stripe_signed(event)
    during = client.post(path, content=body, headers=headers)
    proxy.start()
    body, headers = stripe_signed(event)  # Stripe retries with a fresh signature
    after = client.post(path, content=body, headers=headers)

    assert during.status_code == 503
    assert (after.status_code, after.json()["new"]) == (200, 1)
    assert inbox(client, tenant)["total"] == 1


@pytest.mark.usefixtures("quick_providers")
def test_a_failed_processing_is_shown_with_its_error_and_retried(
    capture: Capture, tenant: Tenant, client: TestClient, db: Session, fake_gocardless: FakeGoCardless
) -> None:
    path = enable_webhooks(client, tenant, "gocardless", fake_gocardless)
    invoice = ready_invoice(capture, tenant)
    start_mandate(client, token_of(invoice))
    [request] = fake_gocardless.all("billing_requests")
    post(f"{fake_gocardless.url}/_test/billing_requests/{request['id']}/fulfil")
    fulfilled = [e for e in fake_gocardless.events if e["resource_type"] == "billing_requests"]
    fake_gocardless.add_fault("/", "500", count=1000)  # GoCardless is down while we process

    send_gocardless(client, path, fulfilled)
    capture.wait()
    failed = inbox(client, tenant, "failed")["items"]
    with fake_gocardless.lock:
        fake_gocardless._faults.clear()
    retried = client.post(f"/api/v1/provider-events/{failed[0]['id']}/retry", headers=tenant.headers)
    capture.wait()

    assert [(e["kind"], e["attempts"]) for e in failed] == [("billing_request.fulfilled", 1)]
    assert "500" in failed[0]["error"] or "unavailable" in failed[0]["error"].lower()
    assert retried.status_code == 200
    counts = inbox(client, tenant)["counts"]
    assert (counts.get("processed"), counts.get("failed")) == (1, None)
    [mandate] = db.scalars(select(Mandate))
    assert mandate.status == "active"
