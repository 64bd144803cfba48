"""`record_facts` (the bank import's way to the ledger: no ORM invoice per fact, balances written in one
statement on PostgreSQL) leaves every invoice exactly as `record_many` does: status, paid and due amounts,
paid_at, the dunning woken up (with its schedule row), duplicates and anomalies. Two twin sets of invoices,
one given to each, compared column by column, on SQLite and PostgreSQL, the clock pinned."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date, datetime, time

import pytest
from sqlalchemy import func, select

from api import clock
from api.clock import PARIS
from api.db import unit_of_work
from api.models import DunningSchedule, Invoice, PaymentAnomaly
from api.runtime import Runtime
from api.transactions import service as transactions
from api.transactions.policy import Fact
from api.transactions.service import Posting
from tests.factories import Tenant

TODAY = date(2026, 12, 7)
TOTAL = 120_00
BALANCE_COLUMNS = ("collection_status", "amount_paid", "amount_processing", "amount_refunded", "balance_due",
                   "disputed", "paid_at", "next_reminder_at")  # fmt: skip


@pytest.fixture(autouse=True)
def pinned_clock() -> Iterator[None]:
    with clock.pinned(clock.paris_moment(TODAY)):
        yield


def fact(reference: str, amount: int, day: int = 1) -> Fact:
    return Fact(
        "bank", reference, "succeeded", amount, "EUR", datetime.combine(date(2026, 11, day), time(12), PARIS)
    )


def make_invoices(runtime: Runtime, tenant: Tenant, prefix: str) -> dict[str, uuid.UUID]:
    """One invoice per case; "asleep" has no next reminder (a person stopped it), "cancelled" is cancelled,
    "held" and "contradicted" already hold a payment of 30,00 (reference R-held, R-contra)."""
    ids = {}
    with unit_of_work(runtime.session_factory) as session:
        for case in ("paid", "partial", "asleep", "over", "held", "contradicted", "twice", "cancelled"):
            invoice = Invoice(organisation_id=tenant.organisation_id, number=f"{prefix}-{case}",
                              status="ready", issue_date=date(2026, 10, 1), due_date=date(2026, 11, 1),
                              currency="EUR", total_incl_tax=TOTAL, amount_due=TOTAL)  # fmt: skip
            session.add(invoice)
            session.flush()
            transactions.recompute(session, invoice)
            ids[case] = invoice.id
        session.get(Invoice, ids["asleep"]).next_reminder_at = None  # type: ignore[union-attr]
        session.get(Invoice, ids["cancelled"]).cancelled_at = clock.utc_now()  # type: ignore[union-attr]
        earlier = [Posting(ids["held"], fact("R-held", 30_00), "test"),
                   Posting(ids["contradicted"], fact("R-contra", 30_00), "test")]  # fmt: skip
        transactions.record_many(session, tenant.organisation_id, earlier)
    return ids


def postings(ids: dict[str, uuid.UUID]) -> list[Posting]:
    return [
        Posting(ids["paid"], fact("R-paid", TOTAL), "test", "transfer", note="CLIENT"),
        Posting(ids["partial"], fact("R-partial", 50_00), "test", "transfer"),
        Posting(ids["asleep"], fact("R-asleep", 20_00), "test", "transfer"),
        Posting(ids["over"], fact("R-over", TOTAL + 7_00), "test", "transfer"),
        Posting(ids["held"], fact("R-held", 30_00), "test", "transfer"),  # the same fact again
        Posting(ids["contradicted"], fact("R-contra", 31_00), "test", "transfer"),  # same fact, other amount
        Posting(ids["contradicted"], fact("R-contra", 31_00), "test", "transfer"),  # kept as one anomaly
        Posting(ids["twice"], fact("R-twice", 10_00), "test", "transfer"),
        Posting(ids["twice"], fact("R-twice", 10_00, day=2), "test", "transfer"),  # repeated in the call
        Posting(ids["cancelled"], fact("R-cancelled", TOTAL), "test", "transfer"),
        Posting(uuid.uuid4(), fact("R-nowhere", 10_00), "test", "transfer"),  # no such invoice
    ]


def state(runtime: Runtime, ids: dict[str, uuid.UUID], since: datetime) -> dict[str, tuple[object, ...]]:
    """Each invoice's balance columns, whether its dunning was woken up since `since` (the clock runs on),
    whether its schedule row says the same as its next_reminder_at, and its anomalies."""
    with unit_of_work(runtime.session_factory) as session:
        found = {}
        for case, invoice_id in ids.items():
            invoice = session.get(Invoice, invoice_id)
            assert invoice is not None
            scheduled = session.get(DunningSchedule, invoice_id)
            anomalies = session.scalar(select(func.count()).where(PaymentAnomaly.invoice_id == invoice_id))
            woken = invoice.next_reminder_at is not None and invoice.next_reminder_at >= since
            in_step = (scheduled and scheduled.next_reminder_at) == invoice.next_reminder_at
            found[case] = (*(getattr(invoice, c) for c in BALANCE_COLUMNS[:-1]), woken, in_step, anomalies)
        return found


def test_record_facts_leaves_invoices_as_record_many_does(runtime: Runtime, tenant: Tenant) -> None:
    by_many, by_facts = make_invoices(runtime, tenant, "M"), make_invoices(runtime, tenant, "F")
    since = clock.utc_now()
    with unit_of_work(runtime.session_factory) as session:
        done = transactions.record_many(session, tenant.organisation_id, postings(by_many))
        many_outcomes = [None if d is None else d.outcome for d in done]
    with unit_of_work(runtime.session_factory) as session:
        held = session.get(Invoice, by_facts["paid"])  # an invoice the session already holds
        facts_outcomes = transactions.record_facts(session, tenant.organisation_id, postings(by_facts))
        assert held is not None
        assert (held.collection_status, held.balance_due) == ("paid", 0)
    assert facts_outcomes == many_outcomes == [
        "recorded", "recorded", "recorded", "recorded", "duplicate", "anomaly", "anomaly", "recorded",
        "duplicate", "recorded", None,
    ]  # fmt: skip
    many, facts = state(runtime, by_many, since), state(runtime, by_facts, since)
    for case in many:
        assert (case, facts[case]) == (case, many[case])
    assert facts["asleep"][0] == "partially_paid"
    assert facts["asleep"][7:9] == (True, True)  # woken up, its dunning schedule row written
    assert [case for case, found in facts.items() if found[7]] == ["asleep"]
    assert all(found[8] for found in facts.values())
    assert facts["over"][4] == -7_00
    assert facts["cancelled"][0] == "cancelled"
    assert facts["contradicted"][9] == 1
    assert facts["contradicted"][4] == TOTAL - 30_00
