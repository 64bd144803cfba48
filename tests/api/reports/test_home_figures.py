"""The home figures from the database, on SQLite and PostgreSQL, against amounts worked out by hand."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

from fastapi.testclient import TestClient

from api.db import unit_of_work
from api.models import Invoice
from api.organisations.service import Principal
from api.reports import service
from api.runtime import Runtime
from api.transactions import service as transactions
from tests.factories import Tenant

ON = date(2026, 11, 22)


def invoice(runtime: Runtime, tenant: Tenant, *, issued: date, due: date, total: int) -> uuid.UUID:
    with unit_of_work(runtime.session_factory) as session:
        row = Invoice(organisation_id=tenant.organisation_id, number=f"F-{uuid.uuid4().hex[:6]}",
                      status="ready", issue_date=issued, due_date=due, currency="EUR", total_incl_tax=total,
                      amount_due=total)  # fmt: skip
        session.add(row)
        session.flush()
        transactions.recompute(session, row)
        return row.id


def pay(runtime: Runtime, tenant: Tenant, invoice_id: uuid.UUID, amount: str, on: date) -> None:
    with unit_of_work(runtime.session_factory) as session:
        who = Principal(organisation_id=tenant.organisation_id, label="test")
        transactions.mark_paid(session, who, invoice_id, amount=amount, paid_on=on, method="transfer")


def figures(runtime: Runtime, tenant: Tenant) -> service.HomeFigures:
    with unit_of_work(runtime.session_factory) as session:
        return service.home_figures(session, Principal(organisation_id=tenant.organisation_id), ON)


def test_outstanding_overdue_aging_and_forecast(
    runtime: Runtime, tenant: Tenant, other_tenant: Tenant
) -> None:
    invoice(runtime, tenant, issued=date(2026, 11, 2), due=date(2026, 12, 2), total=100_00)  # not due
    invoice(runtime, tenant, issued=date(2026, 10, 1), due=date(2026, 11, 1), total=200_00)  # 21 days late
    invoice(runtime, tenant, issued=date(2026, 8, 1), due=date(2026, 9, 1), total=300_00)  # 82 days late
    late = invoice(runtime, tenant, issued=date(2026, 6, 1), due=date(2026, 7, 1), total=400_00)  # 144 days
    pay(runtime, tenant, late, "150", date(2026, 11, 20))  # 250,00 € left
    paid = invoice(runtime, tenant, issued=date(2026, 10, 5), due=date(2026, 11, 5), total=999_00)
    pay(runtime, tenant, paid, "999", date(2026, 11, 4))
    invoice(runtime, other_tenant, issued=date(2026, 10, 1), due=date(2026, 11, 1), total=777_00)

    found = figures(runtime, tenant)

    assert (found.outstanding, found.overdue) == (850_00, 750_00)
    assert found.aging == {"not_due": 100_00, "1_30": 200_00, "31_60": 0, "61_90": 300_00, "over_90": 250_00}
    assert found.forecast == {30: 850_00, 60: 850_00, 90: 850_00}


def test_dso_counts_back_through_the_months_of_sales(runtime: Runtime, tenant: Tenant) -> None:
    invoice(runtime, tenant, issued=date(2026, 11, 10), due=date(2026, 12, 10), total=1100_00)
    invoice(runtime, tenant, issued=date(2026, 10, 10), due=date(2026, 11, 10), total=3100_00)
    paid = invoice(runtime, tenant, issued=date(2026, 10, 12), due=date(2026, 11, 12), total=3100_00)
    pay(runtime, tenant, paid, "3100", date(2026, 11, 12))

    found = figures(runtime, tenant)

    # Owed 4 200 €: November's 1 100 € (22 days so far), then 3 100 of October's 6 200 € (31 days × ½).
    assert found.dso == Decimal("37.5")
    # Not yet due: 1 100 € = all of November's sales → 22 days.
    assert found.best_possible_dso == Decimal("22.0")
    assert found.days_delinquent == Decimal("15.5")


def test_nothing_invoiced_gives_empty_figures(runtime: Runtime, tenant: Tenant) -> None:
    found = figures(runtime, tenant)

    assert (found.outstanding, found.dso, found.collection_effectiveness, found.recovery_rate) == (
        0, Decimal(0), None, None
    )  # fmt: skip


def test_collection_effectiveness_over_the_last_three_calendar_months(
    runtime: Runtime, tenant: Tenant
) -> None:
    before = invoice(runtime, tenant, issued=date(2026, 8, 1), due=date(2026, 8, 31), total=1000_00)
    pay(runtime, tenant, before, "1000", date(2026, 10, 1))  # owed on 31 August, collected since
    invoice(runtime, tenant, issued=date(2026, 10, 5), due=date(2026, 11, 5), total=300_00)  # overdue now

    found = figures(runtime, tenant)

    # September to November: (1 000 + 300 / 3 − 300) / (1 000 + 300 / 3 − 0) = 800 / 1 100.
    assert found.collection_effectiveness == Decimal("72.7")


def test_recovery_rate_over_the_last_thirty_days(runtime: Runtime, tenant: Tenant) -> None:
    overdue = invoice(runtime, tenant, issued=date(2026, 9, 1), due=date(2026, 10, 1), total=600_00)
    invoice(
        runtime, tenant, issued=date(2026, 10, 10), due=date(2026, 11, 10), total=400_00
    )  # falls due in it
    pay(runtime, tenant, overdue, "600", date(2026, 11, 15))

    found = figures(runtime, tenant)

    # Collected 600 € of (600 € overdue on 23 October + 400 € falling due since) = 60 %.
    assert found.recovery_rate == Decimal("60.0")


def test_the_api_serves_the_figures_of_a_chosen_day(
    runtime: Runtime, tenant: Tenant, client: TestClient
) -> None:
    invoice(runtime, tenant, issued=date(2026, 10, 1), due=date(2026, 11, 1), total=200_00)

    response = client.get("/api/v1/reports/home?on=2026-11-22", headers=tenant.headers)

    assert response.status_code == 200
    body = response.json()
    assert (body["outstanding"], body["overdue"], body["aging"]["1_30"]) == (200_00, 200_00, 200_00)
    assert body["forecast"] == {"30": 200_00, "60": 200_00, "90": 200_00}
    assert client.get("/api/v1/reports/home?on=nope", headers=tenant.headers).status_code == 422
