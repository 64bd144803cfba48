"""The dunning tick's narrow tables: `dunning_schedule` follows every write of an invoice's next look, and
the tick's claims in `dunning_claims` hand each look out once per lease, let a job's new look through at
once, and are dropped when spent; migration 0021 back-fills the schedule from the invoices."""

from __future__ import annotations

import sqlite3
import uuid
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from api.clock import utc_now
from api.db import make_session_factory, unit_of_work
from api.dunning.repository import DunningRepository
from api.dunning.service import CLAIM_LEASE
from api.dunning.tasks import INVOICE_TASK, fan_out
from api.migrate import upgrade_database
from api.models import DunningClaim, DunningSchedule, Invoice, Job
from api.runtime import Runtime
from tests.api.dunning.conftest import make_client, make_invoice
from tests.factories import Tenant

DUE = date(2026, 11, 2)


def scheduled(runtime: Runtime) -> dict[uuid.UUID, datetime]:
    with unit_of_work(runtime.session_factory) as session:
        rows = session.execute(select(DunningSchedule.invoice_id, DunningSchedule.next_reminder_at))
        return {invoice_id: moment for invoice_id, moment in rows}


def set_next_look(runtime: Runtime, invoice_id: uuid.UUID, moment: datetime | None) -> None:
    with unit_of_work(runtime.session_factory) as session:
        invoice = session.get(Invoice, invoice_id)
        assert invoice is not None
        invoice.next_reminder_at = moment


def tick(runtime: Runtime, now: datetime, *, batch: int = 5000) -> list[str]:
    """The tick at `now`; the invoices it handed out, one per job it enqueued. Its session is not the
    runtime's: nothing dispatches the jobs, so none of them runs and sets a new look."""
    session = make_session_factory(runtime.engine)()
    try:
        before = set(session.scalars(select(Job.id)))
        count = fan_out(session, now=now, batch=batch)
        jobs = [
            job
            for job in session.scalars(select(Job).where(Job.name == INVOICE_TASK))
            if job.id not in before
        ]
    finally:
        session.close()
    assert count == len(jobs)
    return sorted(job.payload["invoice"] for job in jobs)


class TestTheScheduleFollowsTheInvoice:
    def test_every_write_of_the_next_look_reaches_the_schedule(
        self, runtime: Runtime, tenant: Tenant
    ) -> None:
        invoice_id = make_invoice(runtime, tenant, client_id=make_client(runtime, tenant), due=DUE)
        created = scheduled(runtime)
        assert list(created) == [invoice_id]  # a new invoice owed is looked at at once

        later = utc_now() + timedelta(days=3)
        set_next_look(runtime, invoice_id, later)
        assert scheduled(runtime) == {invoice_id: later}

        set_next_look(runtime, invoice_id, None)  # nothing to chase: no row at all
        assert scheduled(runtime) == {}

        set_next_look(runtime, invoice_id, later)
        with unit_of_work(runtime.session_factory) as session:
            row = session.get(Invoice, invoice_id)
            assert row is not None
            session.delete(row)
        assert scheduled(runtime) == {}

    def test_a_wake_up_schedules_every_chaseable_invoice_of_the_organisation(
        self, runtime: Runtime, tenant: Tenant, other_tenant: Tenant
    ) -> None:
        mine = [
            make_invoice(runtime, tenant, client_id=make_client(runtime, tenant), due=DUE, number=f"F-{n}")
            for n in range(2)
        ]
        theirs = make_invoice(runtime, other_tenant, client_id=None, due=DUE, number="F-other")
        far = utc_now() + timedelta(days=40)
        for invoice_id in (*mine, theirs):
            set_next_look(runtime, invoice_id, None)
        set_next_look(runtime, theirs, far)

        moment = utc_now() + timedelta(minutes=3)
        with unit_of_work(runtime.session_factory) as session:
            woken = DunningRepository(session).wake(tenant.organisation_id, now=moment)

        assert woken == 2
        assert scheduled(runtime) == {mine[0]: moment, mine[1]: moment, theirs: far}


class TestClaims:
    def test_a_look_is_handed_out_once_per_lease(self, runtime: Runtime, tenant: Tenant) -> None:
        invoice_id = make_invoice(runtime, tenant, client_id=make_client(runtime, tenant), due=DUE)
        now = utc_now() + timedelta(minutes=1)

        assert tick(runtime, now) == [str(invoice_id)]
        assert tick(runtime, now + timedelta(minutes=10)) == []  # its job has not run yet
        # The job never set a new look (it failed for good): the look is handed out again after the lease.
        assert tick(runtime, now + CLAIM_LEASE + timedelta(seconds=1)) == [str(invoice_id)]

    def test_a_new_look_set_by_the_job_is_handed_out_when_it_comes_even_within_the_lease(
        self, runtime: Runtime, tenant: Tenant
    ) -> None:
        invoice_id = make_invoice(runtime, tenant, client_id=make_client(runtime, tenant), due=DUE)
        now = utc_now() + timedelta(minutes=1)
        assert tick(runtime, now) == [str(invoice_id)]

        opening = now + timedelta(minutes=20)  # e.g. the job found it outside the sending window
        set_next_look(runtime, invoice_id, opening)

        assert tick(runtime, opening - timedelta(seconds=1)) == []
        assert tick(runtime, opening) == [str(invoice_id)]

    def test_invoices_sharing_one_moment_are_each_handed_out_once_across_batches(
        self, runtime: Runtime, tenant: Tenant
    ) -> None:
        client_id = make_client(runtime, tenant)
        ids = [make_invoice(runtime, tenant, client_id=client_id, due=DUE, number=f"F-{n}") for n in range(5)]
        moment = utc_now() + timedelta(minutes=2)
        with unit_of_work(runtime.session_factory) as session:
            DunningRepository(session).wake(tenant.organisation_id, now=moment)

        assert tick(runtime, moment, batch=2) == sorted(str(i) for i in ids)
        assert tick(runtime, moment, batch=2) == []

    def test_spent_claims_are_dropped_by_the_next_tick(self, runtime: Runtime, tenant: Tenant) -> None:
        client_id = make_client(runtime, tenant)
        first = make_invoice(runtime, tenant, client_id=client_id, due=DUE, number="F-1")
        now = utc_now() + timedelta(minutes=1)
        tick(runtime, now)
        set_next_look(runtime, first, now + timedelta(days=5))  # its job ran and set the next look
        second = make_invoice(runtime, tenant, client_id=client_id, due=DUE, number="F-2")
        later = now + timedelta(minutes=30)
        tick(runtime, later)

        tick(runtime, now + CLAIM_LEASE)  # the first claim's lease has just run out

        with unit_of_work(runtime.session_factory) as session:
            claims = {c.invoice_id: c.leased_until for c in session.scalars(select(DunningClaim))}
        assert claims == {second: later + CLAIM_LEASE}


def test_migration_0021_backfills_the_schedule_from_the_invoices(tmp_path: Path) -> None:
    path = tmp_path / "encaisse.db"
    upgrade_database(f"sqlite:///{path}", "0022")
    organisation, due, chased, unchased = (uuid.uuid4() for _ in range(4))
    stamp = "2026-12-07 09:00:00.000000"
    with sqlite3.connect(path) as connection:
        connection.execute(
            "INSERT INTO organisations (id, name, created_at) VALUES (?, 'Boulangerie', ?)",
            (organisation.hex, stamp),
        )
        for invoice, moment in ((due, "2026-12-01 08:00:00.000000"), (chased, "2027-01-04 08:00:00.000000"),
                                (unchased, None)):  # fmt: skip
            connection.execute(
                "INSERT INTO invoices (id, organisation_id, status, currency, next_reminder_at, created_at,"
                " updated_at) VALUES (?, ?, 'ready', 'EUR', ?, ?, ?)",
                (invoice.hex, organisation.hex, moment, stamp, stamp),
            )

    upgrade_database(f"sqlite:///{path}", "0021")

    with sqlite3.connect(path) as connection:
        rows = set(
            connection.execute("SELECT invoice_id, organisation_id, next_reminder_at FROM dunning_schedule")
        )
        indexes = {row[1] for row in connection.execute("PRAGMA index_list(invoices)")}
    assert rows == {
        (due.hex, organisation.hex, "2026-12-01 08:00:00.000000"),
        (chased.hex, organisation.hex, "2027-01-04 08:00:00.000000"),
    }
    assert "ix_invoices_next_reminder_at" not in indexes
