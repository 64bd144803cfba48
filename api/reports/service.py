"""The home page's figures for one organisation on one day, each from a few aggregate queries."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy.orm import Session

from api.organisations.service import Principal
from api.reports import policy
from api.reports.repository import ReportsRepository

DSO_MONTHS = 12
CEI_MONTHS = 3
RECOVERY_DAYS = 30


@dataclass(frozen=True)
class HomeFigures:
    on: date
    outstanding: int
    overdue: int
    dso: Decimal | None
    best_possible_dso: Decimal | None
    days_delinquent: Decimal | None
    collection_effectiveness: Decimal | None
    recovery_rate: Decimal | None
    aging: dict[str, int]
    forecast: dict[int, int]


def home_figures(session: Session, principal: Principal, on: date) -> HomeFigures:
    repository = ReportsRepository(session)
    org = principal.organisation_id
    total, current = repository.receivables(org, on)
    months = _months(repository, principal, on)
    dso = policy.dso_countback(total, months)
    best = policy.best_possible_dso(current, months)
    limits = [on - timedelta(days=d) for d in (30, 60, 90)]
    aging = dict(zip(policy.AGING_BUCKETS, repository.aging(org, on, limits), strict=True))
    horizons = [on + timedelta(days=d) for d in policy.FORECAST_HORIZONS]
    forecast = dict(zip(policy.FORECAST_HORIZONS, repository.forecast(org, on, horizons), strict=True))
    return HomeFigures(
        on=on, outstanding=total, overdue=total - current, dso=dso, best_possible_dso=best,
        days_delinquent=policy.average_days_delinquent(dso, best),
        collection_effectiveness=_cei(repository, principal, on, months, total, current),
        recovery_rate=_recovery(repository, principal, on), aging=aging, forecast=forecast,
    )  # fmt: skip


def _months(repository: ReportsRepository, principal: Principal, on: date) -> list[policy.MonthSales]:
    """The last twelve months of sales, newest first; the current month counts the days elapsed."""
    first = _month_start(on, DSO_MONTHS - 1)
    sales = repository.monthly_sales(principal.organisation_id, first, on)
    months = []
    for back in range(DSO_MONTHS):
        start = _month_start(on, back)
        days = on.day if back == 0 else calendar.monthrange(start.year, start.month)[1]
        months.append(policy.MonthSales(sales.get((start.year, start.month), 0), days))
    return months


def _month_start(on: date, back: int) -> date:
    index = on.year * 12 + on.month - 1 - back
    return date(index // 12, index % 12 + 1, 1)


def _cei(
    repository: ReportsRepository,
    principal: Principal,
    on: date,
    months: list[policy.MonthSales],
    closing: int,
    closing_current: int,
) -> Decimal | None:
    """Over the last CEI_MONTHS calendar months, the current one included: owed at the end of the month
    before them, and their sales (already read for the DSO)."""
    opening, _ = repository.owed_at(
        principal.organisation_id, _month_start(on, CEI_MONTHS - 1) - timedelta(days=1)
    )
    sales = sum(m.amount for m in months[:CEI_MONTHS])
    return policy.collection_effectiveness(opening=opening, sales=sales, closing=closing,
                                           closing_current=closing_current, months=CEI_MONTHS)  # fmt: skip


def _recovery(repository: ReportsRepository, principal: Principal, on: date) -> Decimal | None:
    start = on - timedelta(days=RECOVERY_DAYS)
    org = principal.organisation_id
    _, overdue = repository.owed_at(org, start)
    return policy.recovery_rate(collected=repository.collected(org, start, on), overdue_at_start=overdue,
                                falling_due=repository.falling_due(org, start, on))  # fmt: skip
