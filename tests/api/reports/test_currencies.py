"""Money is never added across currencies: a book with EUR, USD and GBP invoices, on SQLite and PostgreSQL.
The euro figures are the ones the same book without its other currencies gives; each other currency has its
own sums; the ratios are the euro ones and say so."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from fastapi.testclient import TestClient

from api.db import unit_of_work
from api.organisations.service import Principal
from api.reports import policy, service
from api.runtime import Runtime
from tests.api.reports import builders
from tests.factories import Tenant

ON = date(2026, 11, 22)


def euro_book(runtime: Runtime, tenant: Tenant) -> None:
    with unit_of_work(runtime.session_factory) as session:
        builders.invoice(session, tenant, issued=date(2026, 11, 10), due=date(2026, 12, 10), total=1100_00)
        builders.invoice(session, tenant, issued=date(2026, 10, 10), due=date(2026, 11, 10), total=3100_00)
        paid = builders.invoice(
            session, tenant, issued=date(2026, 10, 12), due=date(2026, 11, 12), total=3100_00
        )
        builders.pay(session, tenant, paid, "3100", date(2026, 11, 12))


def foreign_book(runtime: Runtime, tenant: Tenant) -> None:
    with unit_of_work(runtime.session_factory) as session:
        usd = {"currency": "USD"}
        builders.invoice(
            session, tenant, issued=date(2026, 11, 1), due=date(2026, 12, 1), total=500_00, **usd
        )
        builders.invoice(session, tenant, issued=date(2026, 9, 1), due=date(2026, 10, 1), total=700_00, **usd)
        paid = builders.invoice(
            session, tenant, issued=date(2026, 9, 5), due=date(2026, 10, 5), total=90_00, **usd
        )
        builders.pay(session, tenant, paid, "90", date(2026, 11, 15))  # USD collected: not in the euro rate
        builders.invoice(session, tenant, issued=date(2026, 8, 1), due=date(2026, 8, 15), total=300_00,
                         currency="GBP")  # fmt: skip  # 99 days late on 22 November


def figures(runtime: Runtime, tenant: Tenant) -> service.HomeFigures:
    with unit_of_work(runtime.session_factory) as session:
        return service.home_figures(session, Principal(organisation_id=tenant.organisation_id), ON)


def test_other_currencies_leave_the_euro_figures_unchanged(runtime: Runtime, tenant: Tenant) -> None:
    euro_book(runtime, tenant)
    euros_alone = figures(runtime, tenant)
    foreign_book(runtime, tenant)

    found = figures(runtime, tenant)

    assert found.currency == "EUR"
    assert (
        (found.outstanding, found.overdue)
        == (4200_00, 3100_00)
        == (euros_alone.outstanding, euros_alone.overdue)
    )
    assert found.aging == euros_alone.aging
    assert found.aging_counts == euros_alone.aging_counts
    assert found.forecast == euros_alone.forecast == {30: 4200_00, 60: 4200_00, 90: 4200_00}
    ratios = ("dso", "best_possible_dso", "collection_effectiveness", "recovery_rate")
    assert [getattr(found, r) for r in ratios] == [getattr(euros_alone, r) for r in ratios]
    assert found.dso == Decimal("37.5")
    assert euros_alone.other_currencies == []
    assert euros_alone.notes == []
    assert found.notes == [policy.RATIOS_MAIN_CURRENCY_ONLY]


def test_each_other_currency_has_its_own_sums(runtime: Runtime, tenant: Tenant) -> None:
    euro_book(runtime, tenant)
    foreign_book(runtime, tenant)

    found = figures(runtime, tenant)

    gbp, usd = found.other_currencies
    assert (usd.currency, usd.outstanding, usd.overdue) == ("USD", 1200_00, 700_00)
    assert usd.aging == {"not_due": 500_00, "1_30": 0, "31_60": 700_00, "61_90": 0, "over_90": 0}
    assert usd.aging_counts == {"not_due": 1, "1_30": 0, "31_60": 1, "61_90": 0, "over_90": 0}
    assert usd.forecast == {30: 1200_00, 60: 1200_00, 90: 1200_00}
    assert (gbp.currency, gbp.outstanding, gbp.overdue, gbp.aging["over_90"]) == (
        "GBP",
        300_00,
        300_00,
        300_00,
    )


def test_only_other_currencies_give_zero_euro_figures_and_no_ratio_basis(
    runtime: Runtime, tenant: Tenant
) -> None:
    foreign_book(runtime, tenant)

    found = figures(runtime, tenant)

    assert (found.outstanding, found.overdue, found.forecast[90]) == (0, 0, 0)
    assert (found.collection_effectiveness, found.recovery_rate) == (None, None)
    assert [c.currency for c in found.other_currencies] == ["GBP", "USD"]


def test_the_api_gives_the_figures_per_currency(runtime: Runtime, tenant: Tenant, client: TestClient) -> None:
    euro_book(runtime, tenant)
    foreign_book(runtime, tenant)

    body = client.get("/api/v1/reports/home?on=2026-11-22", headers=tenant.headers).json()

    assert (body["currency"], body["outstanding"], body["overdue"]) == ("EUR", 4200_00, 3100_00)
    others = {c["currency"]: c for c in body["other_currencies"]}
    assert (others["USD"]["outstanding"], others["USD"]["overdue"]) == (1200_00, 700_00)
    assert others["USD"]["aging"]["31_60"] == 700_00
    assert others["USD"]["forecast"] == {"30": 1200_00, "60": 1200_00, "90": 1200_00}
    assert others["GBP"]["outstanding"] == 300_00
    assert body["notes"] == ["ratios_main_currency_only"]
