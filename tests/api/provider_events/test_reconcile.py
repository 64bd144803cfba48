"""A webhook that never arrived: `encaisse reconcile --since` and the hourly catch-up read the providers'
event lists into the same inbox, so the invoice ends paid once."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from api.cli import app as cli
from api.db import unit_of_work
from api.runtime import Runtime
from api.settings import Settings
from api.worker import enqueue
from tests.api.payment_links.test_pay_page import ready_invoice
from tests.api.provider_events.test_stripe_events import TOTAL, pay
from tests.factories import Tenant
from tests.support.capture import Capture
from tests.support.fakes import FakeStripe, api_base_environment
from tests.support.webhooks import enable_webhooks, inbox, payments_of, send_stripe


@pytest.mark.usefixtures("quick_providers")
def test_the_command_catches_up_on_lost_webhooks_and_a_late_webhook_adds_nothing(
    capture: Capture, tenant: Tenant, client: TestClient, settings: Settings, fake_stripe: FakeStripe
) -> None:
    path = enable_webhooks(client, tenant, "stripe", fake_stripe)
    invoice = ready_invoice(capture, tenant)
    events = pay(client, fake_stripe, invoice, "card")  # no webhook delivered
    env = {"ENCAISSE_DATABASE_URL": settings.database_url or "", "ENCAISSE_SECRET_KEY": settings.secret_key,
           **api_base_environment(fake_stripe)}  # fmt: skip
    args = ["reconcile", "--since", "2026-01-01", "--org", tenant.name, "--data-dir", str(settings.data_dir)]

    result = CliRunner().invoke(cli, args, env=env)
    capture.wait()
    late = send_stripe(client, path, events)
    capture.wait()

    assert result.exit_code == 0, result.output
    assert f"stripe: {len(events)} events, {len(events)} new" in result.output
    assert "'processed': 2" in result.output
    assert [answer.json()["new"] for answer in late] == [0] * len(events)
    payments = payments_of(client, tenant, invoice["id"])
    assert (payments["collection_status"], payments["amount_paid"], len(payments["entries"])) == (
        "paid",
        TOTAL,
        1,
    )
    assert {e["source"] for e in inbox(client, tenant)["items"]} == {"reconcile"}


@pytest.mark.usefixtures("quick_providers")
def test_the_periodic_catch_up_reports_a_provider_down_and_goes_on(
    capture: Capture, tenant: Tenant, client: TestClient, runtime: Runtime, fake_stripe: FakeStripe
) -> None:
    enable_webhooks(client, tenant, "stripe", fake_stripe)
    invoice = ready_invoice(capture, tenant)
    pay(client, fake_stripe, invoice, "card")
    fake_stripe.add_fault("/v1/events", "500", count=100)

    with unit_of_work(runtime.session_factory) as session:
        enqueue(session, "provider_events.catch_up")
    capture.wait()
    down = payments_of(client, tenant, invoice["id"])["collection_status"]
    with fake_stripe.lock:
        fake_stripe._faults.clear()
    with unit_of_work(runtime.session_factory) as session:
        enqueue(session, "provider_events.catch_up")
    capture.wait()

    assert down == "open"
    assert payments_of(client, tenant, invoice["id"])["collection_status"] == "paid"
