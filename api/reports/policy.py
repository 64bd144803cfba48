"""Receivables figures as pure functions of plain numbers (amounts in minor units incl. tax), with the
definitions of ../shared/reference/french-law-and-dunning.md §5: DSO by count-back, best possible DSO,
average days delinquent, collection effectiveness index, recovery rate, aging buckets, cash-in forecast."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

AGING_BUCKETS = ("not_due", "1_30", "31_60", "61_90", "over_90")
FORECAST_HORIZONS = (30, 60, 90)
# Where expected cash comes from: an invoice's due date (and payments already on their way), the
# instalments of a payment plan, a SEPA debit on the client's mandate.
DUE_DATES, INSTALMENTS, DIRECT_DEBITS = "due_dates", "instalments", "direct_debits"
FORECAST_SOURCES = (DUE_DATES, INSTALMENTS, DIRECT_DEBITS)
# Money is never added across currencies: the headline figures are in the organisation's main currency (it
# has no currency setting yet, so the euro), the other currencies' figures are shown apart, and the ratios
# (DSO, CEI, recovery rate) are computed on the main currency alone.
RATIOS_MAIN_CURRENCY_ONLY = "ratios_main_currency_only"  # a note code: other currencies are left out


def other_currencies(found: Iterable[str], main: str) -> list[str]:
    """The currencies other than `main` that have figures, in a stable (alphabetical) order."""
    return sorted(set(found) - {main})


@dataclass(frozen=True)
class MonthSales:
    """Credit sales (invoices issued, incl. tax) of one calendar month, and the month's length in days."""

    amount: int
    days: int


def _one_decimal(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.1"), ROUND_HALF_UP)


def dso_countback(receivables: int, months: Sequence[MonthSales]) -> Decimal | None:
    """Walk back month by month (newest first), consuming each month's sales until the receivables are
    exhausted: whole months count their days, the last one a pro rata. None without any sales to explain
    the receivables (the figure would be meaningless), 0 when nothing is owed."""
    if receivables <= 0:
        return Decimal(0)
    left, days = Decimal(receivables), Decimal(0)
    for month in months:
        if month.amount <= 0:
            days += month.days
            continue
        if left <= month.amount:
            return _one_decimal(days + left / month.amount * month.days)
        left -= month.amount
        days += month.days
    return None


def best_possible_dso(current_receivables: int, months: Sequence[MonthSales]) -> Decimal | None:
    """The same count-back on what is not yet due: the DSO if every client paid on time."""
    return dso_countback(current_receivables, months)


def average_days_delinquent(dso: Decimal | None, best: Decimal | None) -> Decimal | None:
    return None if dso is None or best is None else _one_decimal(dso - best)


def collection_effectiveness(
    *, opening: int, sales: int, closing: int, closing_current: int, months: int
) -> Decimal | None:
    """CRF's CEI in percent: (opening + sales/N − closing) / (opening + sales/N − closing current) × 100."""
    monthly = Decimal(sales) / months if months else Decimal(0)
    collectable = Decimal(opening) + monthly - closing_current
    if collectable <= 0:
        return None
    return _one_decimal((Decimal(opening) + monthly - closing) / collectable * 100)


def recovery_rate(*, collected: int, overdue_at_start: int, falling_due: int) -> Decimal | None:
    """Cash applied in the period to invoices due by its end, over what was overdue at its start plus what
    fell due in it, in percent (the definition the reference suggests; definitions vary)."""
    base = overdue_at_start + falling_due
    return None if base <= 0 else _one_decimal(Decimal(collected) / base * 100)


def aging_bucket(due_date: date, on: date) -> str:
    late = (on - due_date).days
    if late <= 0:
        return "not_due"
    if late <= 30:
        return "1_30"
    if late <= 60:
        return "31_60"
    if late <= 90:
        return "61_90"
    return "over_90"


def aging(open_items: Iterable[tuple[date, int]], on: date) -> dict[str, int]:
    """Open balances by days past due: not due, 1–30, 31–60, 61–90, over 90."""
    buckets = dict.fromkeys(AGING_BUCKETS, 0)
    for due_date, balance in open_items:
        buckets[aging_bucket(due_date, on)] += balance
    return buckets


def forecast(expected: Iterable[tuple[date, int]], on: date) -> dict[int, int]:
    """Cash expected within 30, 60 and 90 days (cumulative), from dated amounts: due dates of open
    invoices, instalment and collection dates. Amounts already late count as expected today."""
    totals = dict.fromkeys(FORECAST_HORIZONS, 0)
    for when, amount in expected:
        ahead = max((when - on).days, 0)
        for horizon in FORECAST_HORIZONS:
            if ahead <= horizon:
                totals[horizon] += amount
    return totals


@dataclass(frozen=True)
class Receivable:
    """One owed invoice as the forecast sees it (amounts in minor units).

    `instalments`: the pending (planned or submitted) instalments of its live payment plan;
    `collection`: its pending SEPA collection (planned, notified or submitted) as (charge date, amount);
    `mandate_charge`: when the client's active mandate will debit it, for an invoice the automatic
    collections will pick up but have not planned yet; `processing`: payments already on their way."""

    balance: int
    due_date: date | None
    processing: int = 0
    instalments: tuple[tuple[date, int], ...] = ()
    collection: tuple[date, int] | None = None
    mandate_charge: date | None = None


def expected_cash(item: Receivable, on: date) -> list[tuple[str, date, int]]:
    """(source, date, amount) of the cash one invoice should bring, never more than its balance: a payment
    plan first (each instalment at its own date, the earliest first), else a pending collection at its
    charge date, else the mandate's charge date, else payments on their way today; whatever is left (a
    failed instalment, an unplanned part) at the due date. Without a due date, only what is scheduled."""
    left = max(item.balance, 0)
    found: list[tuple[str, date, int]] = []

    def take(source: str, when: date, amount: int) -> None:
        nonlocal left
        share = min(max(amount, 0), left)
        if share > 0:
            found.append((source, when, share))
            left -= share

    if item.instalments:
        for when, amount in sorted(item.instalments):
            take(INSTALMENTS, when, amount)
    elif item.collection is not None:
        take(DIRECT_DEBITS, *item.collection)
    elif item.mandate_charge is not None:
        take(DIRECT_DEBITS, item.mandate_charge, left)
    else:
        take(DUE_DATES, on, item.processing)
    if item.due_date is not None:
        take(DUE_DATES, item.due_date, left)
    return found


def forecast_by_source(items: Iterable[Receivable], on: date) -> dict[str, dict[int, int]]:
    """The 30/60/90-day forecast of each source; their sum is the forecast."""
    expected = [cash for item in items for cash in expected_cash(item, on)]
    return {
        source: forecast(((when, amount) for s, when, amount in expected if s == source), on)
        for source in FORECAST_SOURCES
    }


def total_forecast(by_source: dict[str, dict[int, int]]) -> dict[int, int]:
    return {h: sum(horizons[h] for horizons in by_source.values()) for h in FORECAST_HORIZONS}
