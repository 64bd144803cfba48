"""The webhook intake's fast path (api/provider_events/endpoints.WebhookFastPath), the one-statement store
checked against the endpoint's current secret, and the drains that replace one job per event; on SQLite and
PostgreSQL."""

from __future__ import annotations

import time
import uuid
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from api.clock import utc_now
from api.db import SessionFactory, make_session_factory, unit_of_work
from api.models import InboxEvent, Job, JobStatus
from api.provider_events import service, tasks
from api.provider_events.endpoints import MAX_WEBHOOK_BYTES
from api.provider_events.repository import InboxRepository
from api.runtime import Runtime
from api.security_headers import FILE_POLICY
from tests.factories import Tenant
from tests.support.capture import Capture
from tests.support.fakes import FakeStripe
from tests.support.webhooks import STRIPE_SECRET, enable_webhooks, inbox, stripe_signed


@pytest.fixture
def stripe_path(client: TestClient, tenant: Tenant, fake_stripe: FakeStripe) -> str:
    return enable_webhooks(client, tenant, "stripe", fake_stripe)


def event(number: int) -> dict[str, object]:
    return {"id": f"evt_fast_{number}", "type": "radar.early_fraud_warning.created", "created": 1700000000,
            "data": {"object": {"id": f"issfr_{number}", "object": "radar.early_fraud_warning"}}}  # fmt: skip


def inbox_row(event_id: str) -> dict[str, object]:
    """An inbox row as `service._rows` builds it (every column but the organisation's)."""
    return {
        "id": uuid.uuid4(), "provider": "stripe", "event_id": event_id, "provider_type": "x", "kind": "x",
        "resource_reference": None, "occurred_at": utc_now(), "payload": {"id": event_id},
        "source": "webhook", "status": "received", "attempts": 0, "error": None, "processed_at": None,
        "created_at": utc_now(),
    }  # fmt: skip


def inbox_count(runtime: Runtime) -> int:
    with runtime.session_factory() as session:
        return session.scalar(select(func.count()).select_from(InboxEvent)) or 0


def jobs_of(runtime: Runtime, name: str) -> list[str]:
    with runtime.session_factory() as session:
        return list(session.scalars(select(Job.status).where(Job.name == name)))


class TestTheAnswer:
    def test_a_delivery_gets_its_acknowledgement_request_id_and_security_headers(
        self, client: TestClient, stripe_path: str
    ) -> None:
        body, headers = stripe_signed(event(1))

        answer = client.post(stripe_path, content=body, headers={**headers, "X-Request-Id": "req-fast-1"})

        assert answer.status_code == 200
        assert answer.content == b'{"received":1,"new":1}'
        assert answer.headers["content-type"] == "application/json"
        assert answer.headers["x-request-id"] == "req-fast-1"
        assert answer.headers["content-security-policy"] == FILE_POLICY
        assert answer.headers["x-content-type-options"] == "nosniff"

    def test_refusals_are_the_apps_coded_errors_with_the_same_headers(
        self, client: TestClient, stripe_path: str
    ) -> None:
        body, headers = stripe_signed(event(2))

        unknown = client.post(f"/webhooks/stripe/{uuid.uuid4()}", content=body, headers=headers)
        not_an_id = client.post("/webhooks/stripe/not-a-uuid", content=body, headers=headers)
        bad_signature = client.post(stripe_path, content=body, headers={**headers, "Stripe-Signature": "t=1"})
        too_large = client.post(stripe_path, content=b"x" * (MAX_WEBHOOK_BYTES + 1), headers=headers)

        assert [a.status_code for a in (unknown, not_an_id, bad_signature, too_large)] == [404, 404, 401, 413]
        assert [a.json()["error"] for a in (unknown, not_an_id, bad_signature)] == [
            "not_found", "not_found", "webhook_rejected"
        ]  # fmt: skip
        assert all(a.headers["x-content-type-options"] == "nosniff" for a in (unknown, too_large))
        assert all("x-request-id" in a.headers for a in (unknown, bad_signature, too_large))

    def test_other_methods_and_paths_still_reach_the_app(self, client: TestClient, stripe_path: str) -> None:
        assert client.get(stripe_path).status_code == 404  # the app's answer: no page there, POST only
        body, headers = stripe_signed(event(3))
        assert client.post(stripe_path + "/extra", content=body, headers=headers).status_code == 404


class TestTheStore:
    def test_a_known_secret_stores_in_one_go_and_a_replaced_one_is_read_again(
        self, runtime: Runtime, tenant: Tenant, client: TestClient, stripe_path: str
    ) -> None:
        endpoint_id = stripe_path.rsplit("/", 1)[1]
        key = runtime.settings.secret_key

        def receive(number: int, secret: str) -> service.Intake:
            body, headers = stripe_signed(event(number), secret)
            with unit_of_work(runtime.intake_session_factory) as session:
                return service.receive_webhook(
                    session, "stripe", endpoint_id, body, headers["Stripe-Signature"], secret_key=key
                )

        first = receive(10, STRIPE_SECRET)
        repeated = receive(10, STRIPE_SECRET)
        answer = client.put("/api/v1/settings/providers/stripe/webhook", headers=tenant.headers,
                            json={"secret": "whsec_rotated_0123456789"})  # fmt: skip
        assert answer.status_code == 204
        with pytest.raises(service.WebhookRefused) as refused:
            receive(11, STRIPE_SECRET)  # the remembered secret no longer matches the endpoint's
        rotated = receive(12, "whsec_rotated_0123456789")

        assert (first, repeated, rotated) == (
            service.Intake(1, 1),
            service.Intake(1, 0),
            service.Intake(1, 1),
        )
        assert refused.value.status_code == 401
        stored = {e["event_id"] for e in inbox(client, tenant)["items"]}
        assert stored == {"evt_fast_10", "evt_fast_12"}

    def test_a_store_with_a_ciphertext_that_is_not_the_endpoints_stores_nothing(
        self, runtime: Runtime, tenant: Tenant, stripe_path: str
    ) -> None:
        endpoint_id = uuid.UUID(stripe_path.rsplit("/", 1)[1])
        with unit_of_work(runtime.intake_session_factory) as session:
            stale = InboxRepository(session).store_signed(
                endpoint_id, "stripe", b"not the ciphertext", [inbox_row("evt_stale")]
            )

        assert (stale, inbox_count(runtime)) == (None, 0)

    def test_a_store_in_a_sessions_transaction_is_undone_with_it(
        self, runtime: Runtime, tenant: Tenant, stripe_path: str
    ) -> None:
        """Only where each statement commits on its own (the intake's sessions on PostgreSQL) does the
        store take a connection of its own; in any other session it belongs to the session's transaction."""
        endpoint_id = uuid.UUID(stripe_path.rsplit("/", 1)[1])
        with runtime.session_factory() as session:
            _, ciphertext = InboxRepository(session).endpoint_secret(endpoint_id, "stripe") or (None, None)
            assert ciphertext is not None
            session.rollback()  # SQLite: the read's transaction holds the write lock
            new = InboxRepository(session).store_signed(
                endpoint_id, "stripe", ciphertext, [inbox_row("evt_undone")]
            )
            session.rollback()

        assert (new, inbox_count(runtime)) == (1, 0)

    def test_the_intake_session_commits_what_it_stores(
        self, runtime: Runtime, tenant: Tenant, stripe_path: str
    ) -> None:
        endpoint_id = uuid.UUID(stripe_path.rsplit("/", 1)[1])
        with runtime.session_factory() as session:
            _, ciphertext = InboxRepository(session).endpoint_secret(endpoint_id, "stripe") or (None, None)
        assert ciphertext is not None

        with unit_of_work(runtime.intake_session_factory) as session:
            new = InboxRepository(session).store_signed(
                endpoint_id, "stripe", ciphertext, [inbox_row("evt_kept")]
            )

        assert (new, inbox_count(runtime)) == (1, 1)


class TestTheDrains:
    def test_events_are_processed_once_without_a_job_each(
        self, capture: Capture, runtime: Runtime, tenant: Tenant, client: TestClient, stripe_path: str
    ) -> None:
        deliveries = [event(n) for n in range(20, 40)]
        for payload in deliveries + deliveries[:5]:  # five of them twice
            body, headers = stripe_signed(payload)
            assert client.post(stripe_path, content=body, headers=headers).status_code == 200
        capture.wait()

        listed = inbox(client, tenant)
        assert listed["counts"] == {"ignored": 20}
        assert {e["attempts"] for e in listed["items"]} == {1}
        assert jobs_of(runtime, "provider_events.process") == []
        drains = jobs_of(runtime, tasks.DRAIN_TASK)
        assert 1 <= len(drains) < len(deliveries)
        assert set(drains) == {JobStatus.done}

    def test_a_wake_writes_a_drain_only_when_none_is_pending(self, runtime: Runtime) -> None:
        quiet = make_session_factory(runtime.engine)  # its jobs are written, never dispatched

        tasks.wake_drain(quiet)
        tasks.wake_drain(quiet)  # within WAKE_INTERVAL: counts on the first
        time.sleep(tasks.WAKE_INTERVAL * 1.5)
        tasks.wake_drain(quiet)  # later, but the first is still pending: it will look after now

        assert jobs_of(runtime, tasks.DRAIN_TASK) == [JobStatus.pending]

    def test_a_failed_drain_waiting_for_its_retry_does_not_hold_new_events_back(
        self, runtime: Runtime
    ) -> None:
        quiet = make_session_factory(runtime.engine)
        with unit_of_work(quiet) as session:
            session.add(Job(name=tasks.DRAIN_TASK, payload={}, run_after=utc_now() + timedelta(minutes=5),
                            max_attempts=5))  # fmt: skip

        tasks.wake_drain(quiet)

        assert sorted(jobs_of(runtime, tasks.DRAIN_TASK)) == [JobStatus.pending, JobStatus.pending]

    def test_a_drain_processes_what_was_stored_before_it_and_leaves_failed_events(
        self, runtime: Runtime, tenant: Tenant, stripe_path: str
    ) -> None:
        quiet: SessionFactory = make_session_factory(runtime.engine)
        endpoint_id = stripe_path.rsplit("/", 1)[1]
        for number in (50, 51, 52):
            body, headers = stripe_signed(event(number))
            with unit_of_work(quiet) as session:
                service.receive_webhook(session, "stripe", endpoint_id, body, headers["Stripe-Signature"],
                                        secret_key=runtime.settings.secret_key)  # fmt: skip
        with unit_of_work(quiet) as session:
            failed = session.scalar(select(InboxEvent).where(InboxEvent.event_id == "evt_fast_52"))
            assert failed is not None
            failed.status = "failed"
        tasks.wake_drain(quiet)
        [job_id] = _job_ids(runtime, tasks.DRAIN_TASK)

        assert runtime.runner.run(job_id) is True

        with runtime.session_factory() as session:
            statuses = dict(session.execute(select(InboxEvent.event_id, InboxEvent.status)).all())
        assert statuses == {"evt_fast_50": "ignored", "evt_fast_51": "ignored", "evt_fast_52": "failed"}
        assert jobs_of(runtime, tasks.DRAIN_TASK) == [JobStatus.done]


def _job_ids(runtime: Runtime, name: str) -> list[uuid.UUID]:
    with runtime.session_factory() as session:
        return list(session.scalars(select(Job.id).where(Job.name == name)))
