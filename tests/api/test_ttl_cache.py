"""The home figures' short-lived cache (api/ttl_cache.py), on SQLite and PostgreSQL: kept while nothing
changes, computed again as soon as a session commits a change to what they read (not for a rollback, not
for another organisation), and at the latest after its time to live for changes it cannot see."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import update

from api.clients import service as clients
from api.db import unit_of_work
from api.models import Base, Invoice
from api.organisations.service import Principal
from api.reports import service
from api.runtime import Runtime
from api.ttl_cache import FiguresCache
from tests.api.reports import builders as b
from tests.api.reports.test_home_figures import ON, invoice, pay
from tests.factories import Tenant


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


def outstanding(runtime: Runtime, tenant: Tenant, cache: FiguresCache) -> int:
    with unit_of_work(runtime.session_factory) as session:
        principal = Principal(tenant.organisation_id)
        compute = lambda: service.home_figures(session, principal, ON)  # noqa: E731
        return cache.get(tenant.organisation_id, ON, compute).outstanding


def raw_total(runtime: Runtime, tenant: Tenant, balance: int) -> None:
    """A change no session of this process sees (as if another process had made it)."""
    table = Base.metadata.tables["invoices"]
    with runtime.engine.begin() as connection:
        connection.execute(
            update(table).where(table.c.organisation_id == tenant.organisation_id).values(balance_due=balance)
        )


def test_a_change_committed_through_a_session_is_shown_at_once(
    runtime: Runtime, tenant: Tenant, clock: Clock
) -> None:
    cache = FiguresCache(ttl=30, clock=clock)
    first = invoice(runtime, tenant, issued=date(2026, 11, 1), due=date(2026, 12, 1), total=100_00)
    assert outstanding(runtime, tenant, cache) == 100_00

    invoice(runtime, tenant, issued=date(2026, 11, 2), due=date(2026, 12, 2), total=50_00)
    assert outstanding(runtime, tenant, cache) == 150_00
    pay(runtime, tenant, first, "100", date(2026, 11, 20))  # the ledger, then the invoice
    assert outstanding(runtime, tenant, cache) == 50_00


def test_a_bulk_update_is_shown_at_once(runtime: Runtime, tenant: Tenant, clock: Clock) -> None:
    cache = FiguresCache(ttl=30, clock=clock)
    invoice(runtime, tenant, issued=date(2026, 11, 1), due=date(2026, 12, 1), total=100_00)
    assert outstanding(runtime, tenant, cache) == 100_00

    with unit_of_work(runtime.session_factory) as session:
        session.execute(update(Invoice).where(Invoice.organisation_id == tenant.organisation_id)
                        .values(balance_due=40_00))  # fmt: skip

    assert outstanding(runtime, tenant, cache) == 40_00


def test_unseen_changes_show_after_the_time_to_live_and_rollbacks_keep_the_figures(
    runtime: Runtime, tenant: Tenant, clock: Clock
) -> None:
    cache = FiguresCache(ttl=30, clock=clock)
    invoice(runtime, tenant, issued=date(2026, 11, 1), due=date(2026, 12, 1), total=100_00)
    assert outstanding(runtime, tenant, cache) == 100_00

    raw_total(runtime, tenant, 70_00)
    session = runtime.session_factory()
    session.add(Invoice(organisation_id=tenant.organisation_id, status="ready", currency="EUR"))
    session.flush()
    session.rollback()
    session.close()
    clock.now += 29

    assert outstanding(runtime, tenant, cache) == 100_00  # kept: nothing committed it could see
    clock.now += 1
    assert outstanding(runtime, tenant, cache) == 70_00


def test_another_organisations_change_keeps_the_figures(
    runtime: Runtime, tenant: Tenant, other_tenant: Tenant, clock: Clock
) -> None:
    cache = FiguresCache(ttl=30, clock=clock)
    invoice(runtime, tenant, issued=date(2026, 11, 1), due=date(2026, 12, 1), total=100_00)
    assert outstanding(runtime, tenant, cache) == 100_00
    raw_total(runtime, tenant, 70_00)  # unseen: proves whether the figures were computed again

    invoice(runtime, other_tenant, issued=date(2026, 11, 1), due=date(2026, 12, 1), total=5_00)

    assert outstanding(runtime, tenant, cache) == 100_00
    assert outstanding(runtime, other_tenant, cache) == 5_00


def test_the_clients_ranked_by_a_figure_follow_a_committed_change(runtime: Runtime, tenant: Tenant) -> None:
    principal = Principal(tenant.organisation_id)
    with unit_of_work(runtime.session_factory) as session:
        small, big = (b.client(session, tenant, name=name) for name in ("Petit", "Grand"))
        b.invoice(
            session, tenant, total=10_00, issued=date(2026, 11, 1), due=date(2026, 12, 1), client_id=small
        )
    with unit_of_work(runtime.session_factory) as session:
        before = [row.client.name for row in clients.list_clients(session, principal, sort="-owed")[0]]

    with unit_of_work(runtime.session_factory) as session:
        b.invoice(
            session, tenant, total=99_00, issued=date(2026, 11, 1), due=date(2026, 12, 1), client_id=big
        )
    with unit_of_work(runtime.session_factory) as session:
        after = [row.client.name for row in clients.list_clients(session, principal, sort="-owed")[0]]

    assert before == ["Petit", "Grand"]
    assert after == ["Grand", "Petit"]
