"""The cash-in forecast from due dates, instalment plans and mandates, and the "to do today" list, from the
database on SQLite and PostgreSQL, against amounts worked out by hand."""

from __future__ import annotations

from datetime import date

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from api.db import unit_of_work
from api.organisations.service import Principal
from api.reports import policy, service
from api.reports.policy import Receivable
from api.runtime import Runtime
from tests.api.reports import builders as b
from tests.factories import Tenant

ON = date(2026, 11, 22)  # horizons: 22 December, 21 January, 20 February


def figures(runtime: Runtime, tenant: Tenant, *, prenotice_days: int = 3) -> service.HomeFigures:
    with unit_of_work(runtime.session_factory) as session:
        who = Principal(organisation_id=tenant.organisation_id)
        return service.home_figures(session, who, ON, prenotice_days=prenotice_days)


def attention(runtime: Runtime, tenant: Tenant, limit: int = 5) -> dict[str, service.AttentionGroup]:
    with unit_of_work(runtime.session_factory) as session:
        who = Principal(organisation_id=tenant.organisation_id)
        return {g.kind: g for g in service.attention_today(session, who, ON, limit=limit)}


def book(session: Session, tenant: Tenant) -> None:
    """Nine owed invoices, 3 250 € in all, each expected one way."""
    alice = b.client(session, tenant, name="Alice SARL")  # no mandate
    bruno = b.client(session, tenant, name="Bruno SAS")  # an active mandate, debits from 28 December
    carla = b.client(session, tenant, name="Carla EURL")  # her mandate was cancelled
    debits = b.mandate(session, tenant, bruno, status="active", next_possible=date(2026, 12, 28))
    b.mandate(session, tenant, carla, status="cancelled")
    b.invoice(session, tenant, total=100_00, due=date(2026, 11, 1), client_id=alice)  # late: today
    b.invoice(session, tenant, total=200_00, due=date(2027, 1, 10), client_id=alice)  # in 49 days
    on_its_way = b.invoice(session, tenant, total=300_00, due=date(2027, 2, 1), client_id=alice)
    b.fact(session, tenant, on_its_way, kind="processing", amount=120_00, on=date(2026, 11, 20),
           reference="pi_1", provider="stripe")  # fmt: skip
    # collected by the mandate on max(due, next possible, today + 3) = 28 December
    b.invoice(session, tenant, total=400_00, due=date(2026, 11, 28), client_id=bruno)
    submitted = b.invoice(session, tenant, total=500_00, due=date(2026, 12, 1), client_id=bruno)
    b.collection(session, tenant, submitted, debits, charge=date(2027, 1, 30), status="submitted")
    in_plan = b.invoice(session, tenant, total=600_00, due=date(2026, 11, 10), client_id=bruno)
    b.plan(session, tenant, in_plan, bruno, [(date(2026, 11, 10), 200_00, "failed"),
                                           (date(2026, 12, 10), 200_00, "submitted"),
                                           (date(2027, 1, 10), 200_00, "planned")])  # fmt: skip
    partly = b.invoice(session, tenant, total=300_00, due=date(2026, 12, 15), client_id=bruno)
    b.pay(session, tenant, partly, "100", date(2026, 11, 15))  # partly paid: not debited automatically
    refused = b.invoice(session, tenant, total=250_00, due=date(2026, 11, 15), client_id=bruno)
    b.collection(session, tenant, refused, debits, charge=date(2026, 11, 18), status="failed")
    b.invoice(session, tenant, total=700_00, due=date(2026, 12, 20), client_id=carla)


def test_each_euro_is_expected_once_from_its_own_source(
    runtime: Runtime, tenant: Tenant, other_tenant: Tenant
) -> None:
    with unit_of_work(runtime.session_factory) as session:
        book(session, tenant)
        b.invoice(session, other_tenant, total=999_00, due=date(2026, 12, 1))

    found = figures(runtime, tenant)

    assert found.outstanding == 3250_00
    assert found.forecast_sources == {
        # 100 late + 120 on its way + 200 failed instalment + 200 partly paid + 250 refused debit + 700
        # cancelled mandate; then 200 on 10 January; then the 180 left on 1 February
        "due_dates": {30: 1570_00, 60: 1770_00, 90: 1950_00},
        "instalments": {30: 200_00, 60: 400_00, 90: 400_00},  # 10 December, 10 January
        "direct_debits": {30: 0, 60: 400_00, 90: 900_00},  # 28 December (mandate), 30 January (collection)
    }
    assert found.forecast == {30: 1770_00, 60: 2570_00, 90: 3250_00}


def test_the_aggregate_query_agrees_with_the_policy(runtime: Runtime, tenant: Tenant) -> None:
    with unit_of_work(runtime.session_factory) as session:
        book(session, tenant)
    # The same book as the policy sees it, invoice by invoice.
    items = [
        Receivable(100_00, date(2026, 11, 1)),
        Receivable(200_00, date(2027, 1, 10)),
        Receivable(300_00, date(2027, 2, 1), processing=120_00),
        Receivable(400_00, date(2026, 11, 28), mandate_charge=date(2026, 12, 28)),
        Receivable(500_00, date(2026, 12, 1), processing=500_00, collection=(date(2027, 1, 30), 500_00)),
        Receivable(600_00, date(2026, 11, 10), processing=200_00,
                   instalments=((date(2026, 12, 10), 200_00), (date(2027, 1, 10), 200_00))),
        Receivable(200_00, date(2026, 12, 15)),
        Receivable(250_00, date(2026, 11, 15)),
        Receivable(700_00, date(2026, 12, 20)),
    ]  # fmt: skip

    assert figures(runtime, tenant).forecast_sources == policy.forecast_by_source(items, ON)


def test_the_pre_notification_period_can_push_a_mandate_debit_past_a_horizon(
    runtime: Runtime, tenant: Tenant
) -> None:
    with unit_of_work(runtime.session_factory) as session:
        payer = b.client(session, tenant, name="Denis SA")
        b.mandate(session, tenant, payer, status="active")  # no next possible date known
        b.invoice(session, tenant, total=80_00, due=date(2026, 11, 30), client_id=payer)

    # 3 days' notice: debited on 30 November; 31 days': not before 23 December, past the 30-day horizon.
    assert figures(runtime, tenant).forecast_sources["direct_debits"] == {30: 80_00, 60: 80_00, 90: 80_00}
    assert figures(runtime, tenant, prenotice_days=31).forecast_sources["direct_debits"] == {
        30: 0, 60: 80_00, 90: 80_00
    }  # fmt: skip


def test_a_pending_mandate_or_another_currency_is_not_a_debit(runtime: Runtime, tenant: Tenant) -> None:
    with unit_of_work(runtime.session_factory) as session:
        waiting = b.client(session, tenant, name="Eva")
        b.mandate(session, tenant, waiting, status="pending", next_possible=date(2026, 11, 25))
        b.invoice(session, tenant, total=10_00, due=date(2027, 1, 5), client_id=waiting)
        abroad = b.client(session, tenant, name="Frank Ltd")
        b.mandate(session, tenant, abroad, status="active", next_possible=date(2026, 11, 25))
        b.invoice(session, tenant, total=20_00, due=date(2027, 1, 5), client_id=abroad, currency="GBP")

    found = figures(runtime, tenant)

    assert found.forecast_sources["direct_debits"] == {30: 0, 60: 0, 90: 0}
    assert found.forecast_sources["due_dates"] == {30: 0, 60: 10_00, 90: 10_00}  # the euros alone
    (pounds,) = found.other_currencies
    assert (pounds.currency, pounds.forecast) == ("GBP", {30: 0, 60: 20_00, 90: 20_00})


def test_what_needs_attention_today(runtime: Runtime, tenant: Tenant, other_tenant: Tenant) -> None:
    with unit_of_work(runtime.session_factory) as session:
        acme = b.client(session, tenant, name="Acme")
        # two captures waiting for review, the older first
        b.invoice(session, tenant, total=50_00, due=None, status="needs_review", number="R-2",
                  created_at=b.at(date(2026, 11, 21)))  # fmt: skip
        b.invoice(session, tenant, total=60_00, due=None, status="needs_review", number="R-1",
                  buyer="Bob", created_at=b.at(date(2026, 11, 20)))  # fmt: skip
        b.invoice(session, other_tenant, total=1, due=None, status="needs_review")
        # one call to make; a letter already sent does not count
        late = b.invoice(session, tenant, total=300_00, due=date(2026, 10, 1), number="F-1", client_id=acme)
        b.task(session, tenant, late, channel="call", scheduled=date(2026, 11, 21))
        b.task(session, tenant, late, channel="letter", scheduled=date(2026, 11, 1), state="done")
        # disputes: a hold in force, a provider dispute; not an ended hold, not a paid invoice
        contested = b.invoice(session, tenant, total=120_00, due=date(2026, 11, 5), number="F-2")
        b.dispute(session, tenant, contested)
        charged = b.invoice(session, tenant, total=90_00, due=date(2026, 11, 12), number="F-3")
        for kind, day in (("succeeded", date(2026, 11, 12)), ("disputed", date(2026, 11, 18))):
            b.fact(
                session, tenant, charged, kind=kind, amount=90_00, on=day, reference="py1", provider="stripe"
            )
        settled = b.invoice(session, tenant, total=10_00, due=date(2026, 11, 5), number="F-4")
        b.dispute(session, tenant, settled, ended=True)
        paid = b.invoice(session, tenant, total=40_00, due=date(2026, 11, 5), number="F-5")
        b.dispute(session, tenant, paid)
        b.pay(session, tenant, paid, "40", date(2026, 11, 6))
        # failed debits: one on 19 November; not one 40 days ago, not one on an invoice paid since
        for kind, day in (("processing", date(2026, 11, 16)), ("failed", date(2026, 11, 19))):
            b.fact(session, tenant, late, kind=kind, amount=300_00, on=day, reference="PM1")
        old = b.invoice(session, tenant, total=70_00, due=date(2026, 9, 1), number="F-6")
        b.fact(session, tenant, old, kind="failed", amount=70_00, on=date(2026, 10, 13), reference="PM2")
        retried = b.invoice(session, tenant, total=30_00, due=date(2026, 11, 1), number="F-7")
        b.fact(session, tenant, retried, kind="failed", amount=30_00, on=date(2026, 11, 2), reference="PM3")
        b.pay(session, tenant, retried, "30", date(2026, 11, 10))

    found = attention(runtime, tenant)

    assert list(found) == ["reviews", "tasks", "disputes", "failed_payments"]
    reviews = found["reviews"]
    assert (reviews.count, [(i.number, i.party, i.amount, i.on) for i in reviews.items]) == (
        2, [("R-1", "Bob", 60_00, date(2026, 11, 20)), ("R-2", None, 50_00, date(2026, 11, 21))]
    )  # fmt: skip
    tasks = found["tasks"]
    assert (tasks.count, [(i.number, i.party, i.amount, i.on, i.kind) for i in tasks.items]) == (
        1, [("F-1", "Acme", 300_00, date(2026, 11, 21), "call")]
    )  # fmt: skip
    disputes = found["disputes"]
    assert (disputes.count, [(i.number, i.amount, i.on) for i in disputes.items]) == (
        2, [("F-2", 120_00, date(2026, 11, 5)), ("F-3", 90_00, date(2026, 11, 12))]
    )  # fmt: skip
    failed = found["failed_payments"]
    assert (failed.count, [(i.number, i.party, i.amount, i.on, i.kind) for i in failed.items]) == (
        1, [("F-1", "Acme", 300_00, date(2026, 11, 19), "failed")]
    )  # fmt: skip


def test_the_list_shows_the_first_few_and_counts_them_all(runtime: Runtime, tenant: Tenant) -> None:
    with unit_of_work(runtime.session_factory) as session:
        for n in range(3):
            b.invoice(session, tenant, total=10_00, due=None, status="needs_review", number=f"R-{n}",
                      created_at=b.at(date(2026, 11, 10 + n)))  # fmt: skip

    reviews = attention(runtime, tenant, limit=2)["reviews"]

    assert (reviews.count, [i.number for i in reviews.items]) == (3, ["R-0", "R-1"])


def test_a_new_organisation_has_nothing_waiting(runtime: Runtime, tenant: Tenant) -> None:
    assert [(g.kind, g.count, g.items) for g in attention(runtime, tenant).values()] == [
        ("reviews", 0, []), ("tasks", 0, []), ("disputes", 0, []), ("failed_payments", 0, [])
    ]  # fmt: skip


def test_the_api_serves_the_forecast_per_source_and_the_attention_list(
    runtime: Runtime, tenant: Tenant, client: TestClient
) -> None:
    with unit_of_work(runtime.session_factory) as session:
        payer = b.client(session, tenant, name="Gina")
        b.mandate(session, tenant, payer, status="active", next_possible=date(2026, 12, 30))
        row = b.invoice(session, tenant, total=75_00, due=date(2026, 12, 1), client_id=payer, number="F-9")
        b.task(session, tenant, row, channel="letter", scheduled=date(2026, 11, 22))

    home = client.get("/api/v1/reports/home?on=2026-11-22", headers=tenant.headers)
    todo = client.get("/api/v1/reports/attention?on=2026-11-22", headers=tenant.headers)

    assert home.status_code == 200
    assert home.json()["forecast_sources"]["direct_debits"] == {"30": 0, "60": 75_00, "90": 75_00}
    assert home.json()["forecast"] == {"30": 0, "60": 75_00, "90": 75_00}
    assert todo.status_code == 200
    tasks = next(g for g in todo.json() if g["kind"] == "tasks")
    assert (tasks["count"], tasks["items"][0]["number"], tasks["items"][0]["kind"]) == (1, "F-9", "letter")
    assert client.get("/api/v1/reports/attention").status_code == 401
