"""GoCardless events through the webhook endpoint: mandates, automatic collections and instalment schedules
on the fake GoCardless, batches signed as GoCardless signs them, on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.models import Collection, Instalment, Job, Mandate
from api.runtime import Runtime
from tests.api.instalments.test_journey import choose, offer_instalments, rows
from tests.api.mandates.helpers import post, run_task, sign_mandate
from tests.api.payment_links.test_pay_page import ready_invoice, token_of
from tests.factories import Tenant
from tests.support.capture import Capture
from tests.support.fakes import FakeGoCardless
from tests.support.webhooks import enable_webhooks, gocardless_signed, inbox, payments_of, send_gocardless

TOTAL = 123456


class Deliveries:
    """Hands the fake's new events to our endpoint, the way GoCardless batches them."""

    def __init__(self, client: TestClient, capture: Capture, fake: FakeGoCardless, path: str) -> None:
        self.client, self.capture, self.fake, self.path, self.sent = client, capture, fake, path, 0

    def flush(self, *, reverse: bool = False) -> list[dict[str, Any]]:
        events = list(self.fake.events[self.sent :])
        self.sent = len(self.fake.events)
        if events:
            answer = send_gocardless(self.client, self.path, list(reversed(events)) if reverse else events)
            assert answer.status_code == 200, answer.text
        self.capture.wait()
        return events


def advance(fake: FakeGoCardless, payment_id: str, *steps: str) -> None:
    for step in steps:
        post(f"{fake.url}/_test/payments/{payment_id}/advance", {"to": step})


@pytest.fixture
def deliveries(
    client: TestClient, capture: Capture, tenant: Tenant, fake_gocardless: FakeGoCardless
) -> Deliveries:
    path = enable_webhooks(client, tenant, "gocardless", fake_gocardless)
    return Deliveries(client, capture, fake_gocardless, path)


@pytest.mark.usefixtures("quick_providers")
class TestAutomaticCollection:
    def collected(self, capture: Capture, tenant: Tenant, client: TestClient, runtime: Runtime,
                  fake: FakeGoCardless, deliveries: Deliveries) -> tuple[dict[str, Any], str]:  # fmt: skip
        invoice = ready_invoice(capture, tenant)
        sign_mandate(client, fake, token_of(invoice))
        run_task(runtime, capture, "collections.plan")
        [payment] = fake.all("payments")
        deliveries.flush()
        return invoice, payment["id"]

    def test_confirmed_pays_the_invoice_whatever_the_order_and_a_chargeback_reopens_it(
        self, capture: Capture, tenant: Tenant, client: TestClient, runtime: Runtime, db: Session,
        fake_gocardless: FakeGoCardless, deliveries: Deliveries,
    ) -> None:  # fmt: skip
        invoice, payment = self.collected(capture, tenant, client, runtime, fake_gocardless, deliveries)
        submitted = payments_of(client, tenant, invoice["id"])

        advance(fake_gocardless, payment, "submitted", "confirmed")
        deliveries.flush(reverse=True)  # "confirmed" arrives before "submitted"
        paid = payments_of(client, tenant, invoice["id"])
        [collection] = rows(db, Collection)

        advance(fake_gocardless, payment, "charged_back")
        deliveries.flush()
        charged_back = payments_of(client, tenant, invoice["id"])

        assert (submitted["collection_status"], submitted["owed_now"]) == ("processing", 0)
        assert (paid["collection_status"], paid["amount_paid"], collection.status) == ("paid", TOTAL, "paid")
        kinds = [(e["kind"], e["method"]) for e in paid["entries"]]
        assert kinds == [("processing", "sepa_debit"), ("succeeded", "sepa_debit")]
        assert (charged_back["collection_status"], charged_back["disputed"]) == ("open", True)
        assert charged_back["owed_now"] == TOTAL

    def test_a_failed_debit_reopens_the_invoice_and_its_collection_fails(
        self, capture: Capture, tenant: Tenant, client: TestClient, runtime: Runtime, db: Session,
        fake_gocardless: FakeGoCardless, deliveries: Deliveries,
    ) -> None:  # fmt: skip
        invoice, payment = self.collected(capture, tenant, client, runtime, fake_gocardless, deliveries)

        advance(fake_gocardless, payment, "submitted", "failed")
        deliveries.flush()

        found = payments_of(client, tenant, invoice["id"])
        [collection] = rows(db, Collection)
        assert (found["collection_status"], found["owed_now"], collection.status) == ("open", TOTAL, "failed")

    def test_a_mandate_cancelled_by_the_bank_stops_collection_and_offers_the_mandate_again(
        self, capture: Capture, tenant: Tenant, client: TestClient, db: Session,
        fake_gocardless: FakeGoCardless, deliveries: Deliveries,
    ) -> None:  # fmt: skip
        invoice = ready_invoice(capture, tenant)
        signed = sign_mandate(client, fake_gocardless, token_of(invoice))
        deliveries.flush()

        post(f"{fake_gocardless.url}/_test/mandates/{signed['id']}/cancel")
        deliveries.flush()

        [mandate] = rows(db, Mandate)
        assert mandate.status == "cancelled"
        assert 'data-method="mandate"' in client.get(f"/pay/{token_of(invoice)}").text


@pytest.mark.usefixtures("quick_providers")
class TestInstalments:
    def test_each_instalment_follows_its_payment_and_a_failed_one_is_owed_now(
        self, capture: Capture, tenant: Tenant, client: TestClient, db: Session,
        fake_gocardless: FakeGoCardless, deliveries: Deliveries,
    ) -> None:  # fmt: skip
        offer_instalments(client, tenant, fake_gocardless)
        invoice = ready_invoice(capture, tenant)
        choose(client, token_of(invoice), 3)
        [billing_request] = fake_gocardless.all("billing_requests")
        post(f"{fake_gocardless.url}/_test/billing_requests/{billing_request['id']}/fulfil")
        client.get(f"/pay/{token_of(invoice)}/mandate/return", follow_redirects=False)
        capture.wait()
        deliveries.flush()  # mandate active, schedule created: the schedule's payments are placed
        first, second, _third = sorted(fake_gocardless.all("payments"), key=lambda p: p["charge_date"])

        advance(fake_gocardless, first["id"], "submitted", "confirmed")
        advance(fake_gocardless, second["id"], "submitted", "failed")
        deliveries.flush()

        instalments = sorted(rows(db, Instalment), key=lambda i: i.number)
        found = payments_of(client, tenant, invoice["id"])
        assert [i.status for i in instalments] == ["paid", "failed", "submitted"]
        assert [i.provider_reference for i in instalments[:2]] == [first["id"], second["id"]]
        assert (found["collection_status"], found["amount_paid"]) == ("partially_paid", first["amount"])
        assert found["owed_now"] == second["amount"]  # the third is still on its way


class TestBadDeliveries:
    def test_a_bad_signature_is_498_and_too_many_events_400(
        self, tenant: Tenant, client: TestClient, deliveries: Deliveries
    ) -> None:
        event = {"id": "EV1", "created_at": "2026-11-22T10:00:00.000Z", "resource_type": "payments",
                 "action": "confirmed", "links": {"payment": "PM1"}, "details": {}}  # fmt: skip
        body, headers = gocardless_signed([event])
        forged = client.post(deliveries.path, content=body.replace(b"PM1", b"PM2"), headers=headers)
        too_many = send_gocardless(client, deliveries.path, [{**event, "id": f"EV{n}"} for n in range(251)])

        assert (forged.status_code, too_many.status_code) == (498, 400)
        assert inbox(client, tenant)["total"] == 0

    def test_a_batch_is_stored_event_by_event_and_a_replay_adds_nothing(
        self, capture: Capture, tenant: Tenant, client: TestClient, deliveries: Deliveries
    ) -> None:
        event = {"created_at": "2026-11-22T10:00:00.000Z", "resource_type": "creditors", "action": "updated",
                 "links": {"creditor": "CR1"}, "details": {}}  # fmt: skip
        events = [{**event, "id": f"EV{n}"} for n in range(3)]

        first = send_gocardless(client, deliveries.path, events)
        replay = send_gocardless(client, deliveries.path, events[1:])
        capture.wait()

        assert (first.json(), replay.json()) == ({"received": 3, "new": 3}, {"received": 2, "new": 0})
        assert inbox(client, tenant)["counts"] == {"ignored": 3}

    def test_a_batch_mixing_known_new_and_repeated_events_stores_and_processes_each_new_one_once(
        self, capture: Capture, tenant: Tenant, client: TestClient, deliveries: Deliveries, db: Session
    ) -> None:
        event = {"created_at": "2026-11-22T10:00:00.000Z", "resource_type": "creditors", "action": "updated",
                 "links": {"creditor": "CR1"}, "details": {}}  # fmt: skip
        known = [{**event, "id": "EV0"}]
        send_gocardless(client, deliveries.path, known)
        capture.wait()

        # One INSERT for the whole batch: a stored event, two new ones, one of them twice
        batch = [known[0], {**event, "id": "EV1"}, {**event, "id": "EV2"}, {**event, "id": "EV1"}]
        answer = send_gocardless(client, deliveries.path, batch)
        capture.wait()

        assert answer.json() == {"received": 4, "new": 2}
        listed = inbox(client, tenant)
        assert sorted(e["event_id"] for e in listed["items"]) == ["EV0", "EV1", "EV2"]
        assert listed["counts"] == {"ignored": 3}  # each processed, once: no job per event, drains instead
        assert [e["attempts"] for e in listed["items"]] == [1, 1, 1]
        jobs = db.scalar(select(func.count()).select_from(Job).where(Job.name == "provider_events.process"))
        db.commit()
        assert jobs == 0
