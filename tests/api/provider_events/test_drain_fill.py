"""While deliveries keep coming, a drain lets waiting events gather into full batches for a bounded time;
once the stream pauses, or the oldest event has waited FILL_WAIT, they are processed. On SQLite and
PostgreSQL, with the events' stored times set around the project clock."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import update

from api.clock import utc_now
from api.db import SessionFactory, make_session_factory, unit_of_work
from api.models import InboxEvent
from api.provider_events import service, tasks
from api.provider_events.repository import InboxRepository
from api.runtime import Runtime
from payments.events import normalise_stripe
from tests.factories import Tenant


@pytest.fixture
def quiet(runtime: Runtime) -> SessionFactory:
    """Sessions whose jobs are never dispatched: nothing processes the stored events behind the test."""
    return make_session_factory(runtime.engine)


def store_aged(quiet: SessionFactory, tenant: Tenant, ages_ms: list[int]) -> None:
    """One stored event per age, its `created_at` that long before the project clock's now."""
    events = [
        normalise_stripe(
            {
                "id": f"evt_fill_{index}",
                "object": "event",
                "created": 1_780_000_000,
                "type": "customer.created",
                "data": {"object": {"id": f"cus_{index}", "object": "customer"}},
            }
        )  # fmt: skip
        for index in range(len(ages_ms))
    ]
    with unit_of_work(quiet) as session:
        ids = service.store(session, tenant.organisation_id, events, source="webhook")
        now = utc_now()
        for row_id, age in zip(ids, ages_ms, strict=True):
            session.execute(
                update(InboxEvent).where(InboxEvent.id == row_id).values(
                    created_at=now - timedelta(milliseconds=age)
                )
            )  # fmt: skip


def worth_filling(quiet: SessionFactory) -> bool:
    with quiet() as session:
        return tasks._worth_waiting(InboxRepository(session), utc_now())


def test_events_wait_while_deliveries_keep_coming(quiet: SessionFactory, tenant: Tenant) -> None:
    store_aged(quiet, tenant, [500, 200, 5])  # the newest arrived a moment ago, the oldest is young

    assert worth_filling(quiet)


def test_events_go_once_the_oldest_has_waited_long_enough(quiet: SessionFactory, tenant: Tenant) -> None:
    oldest = int(tasks.FILL_WAIT.total_seconds() * 1000) + 100
    store_aged(quiet, tenant, [oldest, 200, 5])  # deliveries still arriving, but the oldest waited enough

    assert not worth_filling(quiet)


def test_events_go_as_soon_as_the_stream_pauses(quiet: SessionFactory, tenant: Tenant) -> None:
    gap = int(tasks.STREAM_GAP.total_seconds() * 1000)
    store_aged(quiet, tenant, [gap + 400, gap + 200, gap + 100])  # nothing new for longer than the gap

    assert not worth_filling(quiet)


def test_the_stream_is_judged_on_the_newest_waiting_event(quiet: SessionFactory, tenant: Tenant) -> None:
    gap = int(tasks.STREAM_GAP.total_seconds() * 1000)
    # The oldest events look quiet, but one has just arrived.
    store_aged(quiet, tenant, [gap + 400, gap + 300, gap + 200, 5])

    assert worth_filling(quiet)


def test_nothing_waiting_is_nothing_to_wait_for(quiet: SessionFactory) -> None:
    assert not worth_filling(quiet)
