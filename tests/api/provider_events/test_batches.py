"""Payment events processed together, as the job runner hands them out under a backlog: the outcome of a
batch is the outcome of its events processed one by one, and one bad event does not hold the others back.
On SQLite and PostgreSQL."""

from __future__ import annotations

import itertools
import time
import uuid
from typing import Any

import pytest
from sqlalchemy import select

from api.db import SessionFactory, make_session_factory, unit_of_work
from api.models import InboxEvent, Invoice, Job, PaymentAnomaly, PaymentEntry
from api.provider_events import processing, service
from api.runtime import Runtime
from api.transactions.service import recompute
from payments.events import normalise_gocardless, normalise_stripe
from tests.factories import Tenant

_serial = itertools.count(1)


@pytest.fixture
def quiet(runtime: Runtime) -> SessionFactory:
    """Sessions whose jobs are never dispatched: the test runs the batch itself."""
    return make_session_factory(runtime.engine)


def invoice(quiet: SessionFactory, tenant: Tenant, total: int) -> uuid.UUID:
    with unit_of_work(quiet) as session:
        row = Invoice(
            organisation_id=tenant.organisation_id, status="ready", currency="EUR", document_type="invoice",
            number=f"B-{next(_serial)}", total_incl_tax=total, seller_name="Boulangerie Martin",
            buyer_name="Client",
        )  # fmt: skip
        session.add(row)
        session.flush()
        recompute(session, row)
        return row.id


def intent_event(kind: str, intent: str, amount: int, invoices: list[uuid.UUID], at: int) -> dict[str, Any]:
    status = {
        "processing": "processing",
        "succeeded": "succeeded",
        "payment_failed": "requires_payment_method",
    }
    return {
        "id": f"evt_{uuid.uuid4().hex[:20]}", "object": "event", "api_version": "2024-06-20",
        "livemode": False, "created": at, "type": f"payment_intent.{kind}",
        "data": {"object": {
            "id": intent, "object": "payment_intent", "amount": amount, "currency": "eur",
            "status": status, "payment_method_types": ["sepa_debit"],
            "metadata": {"invoice_ids": ",".join(str(i) for i in invoices)},
        }},
    }  # fmt: skip


def run_batch(
    quiet: SessionFactory, runtime: Runtime, tenant: Tenant, raw: list[dict[str, Any]]
) -> list[str]:
    """Store the events as a delivery would, then process all of them in one call; their inbox statuses."""
    events = [normalise_gocardless(r) if "resource_type" in r else normalise_stripe(r) for r in raw]
    with unit_of_work(quiet) as session:
        ids = service.store(session, tenant.organisation_id, events, source="webhook")
    with unit_of_work(quiet) as session:
        processing.process_many(session, ids, secret_key=runtime.settings.secret_key)
    with quiet() as session:
        rows = session.execute(select(InboxEvent.id, InboxEvent.status).where(InboxEvent.id.in_(ids)))
        found = {ident: status for ident, status in rows}
    return [found[i] for i in ids]


def state(quiet: SessionFactory, invoice_id: uuid.UUID) -> tuple[str, int, int, list[str]]:
    with quiet() as session:
        row = session.get(Invoice, invoice_id)
        assert row is not None
        kinds = session.scalars(
            select(PaymentEntry.kind).where(PaymentEntry.invoice_id == invoice_id).order_by(PaymentEntry.kind)
        ).all()
        return row.collection_status, row.amount_paid, row.amount_processing, list(kinds)


class TestOneBatch:
    def test_events_of_one_payment_in_any_order_give_the_same_invoices_as_one_at_a_time(
        self, quiet: SessionFactory, runtime: Runtime, tenant: Tenant
    ) -> None:
        now = int(time.time())
        paid, pending, failed = (invoice(quiet, tenant, t) for t in (10_000, 20_000, 30_000))
        raw = [
            intent_event("succeeded", "pi_a", 10_000, [paid], now),  # settled before "processing" arrives
            intent_event("processing", "pi_a", 10_000, [paid], now - 5),
            intent_event("processing", "pi_b", 20_000, [pending], now),
            intent_event("payment_failed", "pi_c", 30_000, [failed], now),
            intent_event("processing", "pi_c", 30_000, [failed], now - 5),
        ]

        statuses = run_batch(quiet, runtime, tenant, raw)

        assert statuses == ["processed"] * 5
        assert state(quiet, paid) == ("paid", 10_000, 0, ["processing", "succeeded"])
        assert state(quiet, pending) == ("processing", 0, 20_000, ["processing"])
        assert state(quiet, failed) == ("open", 0, 0, ["failed", "processing"])

    def test_an_unknown_invoice_and_an_unknown_kind_do_not_stop_the_others(
        self, quiet: SessionFactory, runtime: Runtime, tenant: Tenant
    ) -> None:
        now = int(time.time())
        known = invoice(quiet, tenant, 5_000)
        unknown_kind = {**intent_event("processing", "pi_x", 1, [known], now), "type": "customer.created"}
        raw = [
            intent_event("succeeded", "pi_k", 5_000, [known], now),
            intent_event("succeeded", "pi_u", 7_000, [uuid.uuid4()], now),  # no such invoice here
            unknown_kind,
        ]

        assert run_batch(quiet, runtime, tenant, raw) == ["processed", "unmatched", "ignored"]
        assert state(quiet, known) == ("paid", 5_000, 0, ["succeeded"])

    def test_the_same_fact_with_two_amounts_in_one_batch_is_one_entry_and_one_anomaly(
        self, quiet: SessionFactory, runtime: Runtime, tenant: Tenant
    ) -> None:
        now = int(time.time())
        target = invoice(quiet, tenant, 8_000)
        raw = [
            intent_event("succeeded", "pi_d", 8_000, [target], now),
            intent_event("succeeded", "pi_d", 9_000, [target], now + 1),  # another event id and amount
        ]

        assert run_batch(quiet, runtime, tenant, raw) == ["processed", "processed"]
        status, paid, _, kinds = state(quiet, target)
        assert (status, paid, kinds) == ("paid", 8_000, ["succeeded"])
        with quiet() as session:
            anomalies = session.execute(
                select(PaymentAnomaly.recorded_amount, PaymentAnomaly.received_amount)
            ).all()
        assert [tuple(a) for a in anomalies] == [(8_000, 9_000)]

    def test_a_refund_placed_only_by_a_payment_of_the_same_batch_is_recorded(
        self, quiet: SessionFactory, runtime: Runtime, tenant: Tenant
    ) -> None:
        # Stripe's charge.refunded names the payment, neither the invoice nor our metadata: only the
        # ledger's fact of that payment, recorded from the same batch, places it.
        now = int(time.time())
        target = invoice(quiet, tenant, 4_000)
        refund = {
            "id": "evt_refund_same_batch", "object": "event", "api_version": "2024-06-20", "livemode": False,
            "created": now + 1, "type": "charge.refunded",
            "data": {"object": {"id": "ch_r", "object": "charge", "payment_intent": "pi_r2", "amount": 4_000,
                                "amount_refunded": 1_500, "currency": "eur"}},
        }  # fmt: skip
        raw = [refund, intent_event("succeeded", "pi_r2", 4_000, [target], now)]

        assert run_batch(quiet, runtime, tenant, raw) == ["processed", "processed"]
        status, paid, _, kinds = state(quiet, target)
        assert (status, paid, kinds) == ("partially_paid", 2_500, ["refunded", "succeeded"])

    def test_a_payment_shared_by_two_invoices_is_split_by_what_each_owes(
        self, quiet: SessionFactory, runtime: Runtime, tenant: Tenant
    ) -> None:
        now = int(time.time())
        first, second, alone = (
            invoice(quiet, tenant, 3_000),
            invoice(quiet, tenant, 4_000),
            invoice(quiet, tenant, 1_000),
        )
        raw = [
            intent_event("succeeded", "pi_alone", 1_000, [alone], now),
            intent_event("succeeded", "pi_both", 7_000, [first, second], now),
        ]

        assert run_batch(quiet, runtime, tenant, raw) == ["processed", "processed"]
        assert state(quiet, first)[:2] == ("paid", 3_000)
        assert state(quiet, second)[:2] == ("paid", 4_000)
        assert state(quiet, alone)[:2] == ("paid", 1_000)


class TestAFailingEvent:
    def test_it_is_failed_and_retried_alone_while_the_rest_of_its_batch_is_recorded(
        self, quiet: SessionFactory, runtime: Runtime, tenant: Tenant
    ) -> None:
        # A GoCardless payment we cannot place makes us ask GoCardless, which this tenant never connected:
        # the batch fails, and each event is then tried on its own.
        now = int(time.time())
        target = invoice(quiet, tenant, 6_000)
        unplaced = {
            "id": "EV0000BATCH1", "created_at": "2026-11-20T10:00:00.000Z", "resource_type": "payments",
            "action": "confirmed", "links": {"payment": "PM0000UNKNOWN"},
            "details": {"cause": "payment_confirmed"},
        }  # fmt: skip
        raw = [intent_event("succeeded", "pi_ok", 6_000, [target], now), unplaced]

        statuses = run_batch(quiet, runtime, tenant, raw)

        assert statuses == ["processed", "failed"]
        assert state(quiet, target) == ("paid", 6_000, 0, ["succeeded"])
        with quiet() as session:
            row = session.scalar(select(InboxEvent).where(InboxEvent.event_id == "EV0000BATCH1"))
            assert row is not None
            assert (row.attempts, row.error is not None) == (1, True)
            payloads = session.scalars(select(Job.payload)).all()
        # the delivery's job, and the retry with backoff
        assert [p["event_row_id"] for p in payloads].count(str(row.id)) == 2

    def test_a_batch_processed_again_changes_nothing(
        self, quiet: SessionFactory, runtime: Runtime, tenant: Tenant
    ) -> None:
        now = int(time.time())
        target = invoice(quiet, tenant, 2_500)
        raw = [intent_event("processing", "pi_r", 2_500, [target], now - 1),
               intent_event("succeeded", "pi_r", 2_500, [target], now)]  # fmt: skip
        events = [normalise_stripe(r) for r in raw]
        with unit_of_work(quiet) as session:
            ids = service.store(session, tenant.organisation_id, events, source="webhook")
        for _ in range(2):
            with unit_of_work(quiet) as session:
                processing.process_many(session, ids, secret_key=runtime.settings.secret_key)

        with quiet() as session:
            attempts = session.scalars(select(InboxEvent.attempts).where(InboxEvent.id.in_(ids))).all()
        assert sorted(attempts) == [1, 1]
        assert state(quiet, target) == ("paid", 2_500, 0, ["processing", "succeeded"])
