"""The home page's figures for one organisation on one day, each from a few aggregate queries."""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from functools import partial

from sqlalchemy.orm import Session

from api.clock import PARIS
from api.money import MAIN_CURRENCY
from api.organisations.service import Principal
from api.reports import policy
from api.reports.repository import AttentionRow, ReportsRepository
from api.ttl_cache import FiguresCache

DSO_MONTHS = 12
CEI_MONTHS = 3
RECOVERY_DAYS = 30
PRENOTICE_DAYS = 3  # settings.sepa_prenotice_days' default
FAILED_PAYMENT_DAYS = 30  # a refused debit or a chargeback stays on the list this long while still owed
ATTENTION_ITEMS = 5  # lines shown per kind of work; the count says how many in all


@dataclass(frozen=True)
class CurrencyFigures:
    """The amounts of one currency other than the main one: owed, late, aged and expected, never added to
    another currency's."""

    currency: str
    outstanding: int
    overdue: int
    aging: dict[str, int]
    aging_counts: dict[str, int]
    forecast: dict[int, int]


@dataclass(frozen=True)
class HomeFigures:
    on: date
    currency: str  # the main currency: every amount and ratio below is in it alone
    outstanding: int
    overdue: int
    dso: Decimal | None
    best_possible_dso: Decimal | None
    days_delinquent: Decimal | None
    collection_effectiveness: Decimal | None
    recovery_rate: Decimal | None
    aging: dict[str, int]
    aging_counts: dict[str, int]  # how many invoices in each bucket
    forecast: dict[int, int]
    forecast_sources: dict[str, dict[int, int]]
    # The first day of each figure's period (each ends on `on`), for the explanations.
    dso_from: date
    cei_from: date
    recovery_from: date
    # The same amounts in each other currency owed, alphabetically; empty when all is in the main one.
    other_currencies: list[CurrencyFigures] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # codes: policy.RATIOS_MAIN_CURRENCY_ONLY


def home_figures(
    session: Session, principal: Principal, on: date, *, prenotice_days: int = PRENOTICE_DAYS
) -> HomeFigures:
    """`prenotice_days`: the SEPA pre-notification period, which sets the first day a debit not yet
    announced can be taken. Aging and forecast are read once, grouped by currency."""
    repository = ReportsRepository(session)
    repository.without_jit()
    org, main = principal.organisation_id, MAIN_CURRENCY
    limits = [on - timedelta(days=d) for d in (30, 60, 90)]
    by_currency = repository.aging(org, on, limits)
    aging, aging_counts = _aging(by_currency.get(main, []))
    total, current = sum(aging.values()), aging["not_due"]  # owed in all, and not yet due
    months = _months(repository, principal, on, main)
    dso = policy.dso_countback(total, months)
    best = policy.best_possible_dso(current, months)
    horizons = [on + timedelta(days=d) for d in policy.FORECAST_HORIZONS]
    expected = repository.forecast(org, horizons, earliest_charge=on + timedelta(days=prenotice_days))
    sources = _sources(expected.get(main, {}))
    others = [
        _currency_figures(c, by_currency.get(c, []), expected.get(c, {}))
        for c in policy.other_currencies([*by_currency, *expected], main)
    ]
    return HomeFigures(
        on=on, currency=main, outstanding=total, overdue=total - current, dso=dso, best_possible_dso=best,
        days_delinquent=policy.average_days_delinquent(dso, best),
        collection_effectiveness=_cei(repository, principal, on, months, total, current),
        recovery_rate=_recovery(repository, principal, on), aging=aging, aging_counts=aging_counts,
        forecast=policy.total_forecast(sources), forecast_sources=sources,
        dso_from=_month_start(on, DSO_MONTHS - 1), cei_from=_month_start(on, CEI_MONTHS - 1),
        recovery_from=on - timedelta(days=RECOVERY_DAYS), other_currencies=others,
        notes=[policy.RATIOS_MAIN_CURRENCY_ONLY] if others else [],
    )  # fmt: skip


def _aging(buckets: list[tuple[int, int]]) -> tuple[dict[str, int], dict[str, int]]:
    """One currency's row of (amount, count) per bucket as two dicts; zeros when it owes nothing."""
    rows = buckets or [(0, 0)] * len(policy.AGING_BUCKETS)
    named = list(zip(policy.AGING_BUCKETS, rows, strict=True))
    return {name: amount for name, (amount, _) in named}, {name: count for name, (_, count) in named}


def _sources(found: dict[str, list[int]]) -> dict[str, dict[int, int]]:
    zeros = [0] * len(policy.FORECAST_HORIZONS)
    return {
        s: dict(zip(policy.FORECAST_HORIZONS, found.get(s, zeros), strict=True))
        for s in policy.FORECAST_SOURCES
    }


def _currency_figures(
    currency: str, buckets: list[tuple[int, int]], expected: dict[str, list[int]]
) -> CurrencyFigures:
    aging, counts = _aging(buckets)
    total = sum(aging.values())
    forecast = policy.total_forecast(_sources(expected))
    return CurrencyFigures(currency, total, total - aging["not_due"], aging, counts, forecast)


_HOME_FIGURES = FiguresCache()


def home_figures_cached(
    session: Session, principal: Principal, on: date, *, prenotice_days: int = PRENOTICE_DAYS
) -> HomeFigures:
    """home_figures, kept a few seconds per organisation and day unless its data changes (cache.py)."""
    compute = partial(home_figures, session, principal, on, prenotice_days=prenotice_days)
    return _HOME_FIGURES.get(principal.organisation_id, (on, prenotice_days), compute)


def _months(
    repository: ReportsRepository, principal: Principal, on: date, currency: str
) -> list[policy.MonthSales]:
    """The last twelve months of sales in `currency`, newest first; the current month counts the days
    elapsed."""
    first = _month_start(on, DSO_MONTHS - 1)
    sales = repository.monthly_sales(principal.organisation_id, first, on, currency)
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
        principal.organisation_id, _month_start(on, CEI_MONTHS - 1) - timedelta(days=1), MAIN_CURRENCY
    )
    sales = sum(m.amount for m in months[:CEI_MONTHS])
    return policy.collection_effectiveness(opening=opening, sales=sales, closing=closing,
                                           closing_current=closing_current, months=CEI_MONTHS)  # fmt: skip


def _recovery(repository: ReportsRepository, principal: Principal, on: date) -> Decimal | None:
    start = on - timedelta(days=RECOVERY_DAYS)
    org, main = principal.organisation_id, MAIN_CURRENCY
    _, overdue = repository.owed_at(org, start, main)
    collected = repository.collected(org, start, on, main)
    falling_due = repository.falling_due(org, start, on, main)
    return policy.recovery_rate(collected=collected, overdue_at_start=overdue, falling_due=falling_due)


@dataclass(frozen=True)
class AttentionGroup:
    """One kind of work waiting: how many in all, and the first few."""

    kind: str  # reviews, tasks, disputes, failed_payments
    count: int
    items: list[AttentionRow]


ATTENTION_KINDS = ("reviews", "tasks", "disputes", "failed_payments")


def attention_today(
    session: Session, principal: Principal, on: date, *, limit: int = ATTENTION_ITEMS
) -> list[AttentionGroup]:
    """What needs a person today: invoices to review, calls and letters to make, open disputes, debits
    refused or charged back in the last FAILED_PAYMENT_DAYS days on invoices still owed."""
    repository = ReportsRepository(session)
    org = principal.organisation_id
    since = datetime.combine(on - timedelta(days=FAILED_PAYMENT_DAYS), time(0, 0), PARIS)
    found = (
        repository.reviews_waiting(org, limit),
        repository.open_tasks(org, limit),
        repository.open_disputes(org, limit),
        repository.failed_payments(org, since, limit),
    )
    return [
        AttentionGroup(kind, count, items)
        for kind, (count, items) in zip(ATTENTION_KINDS, found, strict=True)
    ]


def has_invoices(session: Session, principal: Principal) -> bool:
    """Whether the organisation has any invoice yet (captured or approved): the home page's empty state."""
    return ReportsRepository(session).has_invoices(principal.organisation_id)
