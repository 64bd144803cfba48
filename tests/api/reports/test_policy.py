"""The receivables formulas on the reference's worked examples (french-law-and-dunning.md §5)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from api.reports import policy
from api.reports.policy import MonthSales

NOV, OCT, SEP = MonthSales(1200, 30), MonthSales(800, 31), MonthSales(700, 30)


@pytest.mark.parametrize(
    ("receivables", "months", "expected"),
    [
        (2500, [NOV, OCT, SEP], Decimal("82.4")),  # Divalto's example: 30 + 31 + 500/700 × 30
        (1200, [NOV, OCT], Decimal("30.0")),  # exactly one month of sales
        (600, [NOV], Decimal("15.0")),
        (0, [NOV], Decimal("0")),
        (5000, [NOV, OCT, SEP], None),  # more owed than three months of sales explain
        (900, [MonthSales(0, 30), NOV], Decimal("52.5")),  # a month without sales still elapses
    ],
)
def test_dso_by_count_back(receivables: int, months: list[MonthSales], expected: Decimal | None) -> None:
    assert policy.dso_countback(receivables, months) == expected


def test_best_possible_dso_and_days_delinquent() -> None:
    dso = policy.dso_countback(2500, [NOV, OCT, SEP])
    best = policy.best_possible_dso(600, [NOV, OCT, SEP])

    assert best == Decimal("15.0")
    assert policy.average_days_delinquent(dso, best) == Decimal("67.4")
    assert policy.average_days_delinquent(None, best) is None


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"opening": 6200, "sales": 10890, "closing": 6340, "closing_current": 3590, "months": 3},
         Decimal("55.9")),  # CRF's example
        ({"opening": 100000, "sales": 1000000, "closing": 120000, "closing_current": 100000, "months": 1},
         Decimal("98.0")),  # Gaviti's period-total variant
        ({"opening": 0, "sales": 0, "closing": 0, "closing_current": 0, "months": 1}, None),
    ],
)  # fmt: skip
def test_collection_effectiveness_index(values: dict[str, int], expected: Decimal | None) -> None:
    assert policy.collection_effectiveness(**values) == expected


def test_recovery_rate() -> None:
    assert policy.recovery_rate(collected=4500, overdue_at_start=5000, falling_due=1000) == Decimal("75.0")
    assert policy.recovery_rate(collected=0, overdue_at_start=0, falling_due=0) is None


@pytest.mark.parametrize(
    ("due", "bucket"),
    [
        (date(2026, 11, 22), "not_due"),
        (date(2026, 11, 21), "1_30"),
        (date(2026, 10, 23), "1_30"),
        (date(2026, 10, 22), "31_60"),
        (date(2026, 9, 23), "31_60"),
        (date(2026, 9, 22), "61_90"),
        (date(2026, 8, 24), "61_90"),
        (date(2026, 8, 23), "over_90"),
    ],
)
def test_aging_buckets_on_days_past_due(due: date, bucket: str) -> None:
    assert policy.aging_bucket(due, date(2026, 11, 22)) == bucket


def test_aging_sums_balances_per_bucket() -> None:
    on = date(2026, 11, 22)
    items = [
        (date(2026, 12, 1), 100),
        (date(2026, 11, 1), 200),
        (date(2026, 11, 2), 50),
        (date(2026, 1, 1), 7),
    ]

    assert policy.aging(items, on) == {"not_due": 100, "1_30": 250, "31_60": 0, "61_90": 0, "over_90": 7}


def test_the_forecast_is_cumulative_and_counts_late_amounts_as_today() -> None:
    on = date(2026, 11, 22)
    expected = [(date(2026, 11, 1), 10), (date(2026, 12, 22), 20), (date(2026, 12, 23), 40),
                (date(2027, 2, 20), 80), (date(2027, 2, 21), 160)]  # fmt: skip

    assert policy.forecast(expected, on) == {30: 30, 60: 70, 90: 150}


# ------------------------------------------------------------------ where the expected cash comes from

ON = date(2026, 11, 22)
Receivable = policy.Receivable


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        (Receivable(100, date(2026, 11, 1)), [("due_dates", date(2026, 11, 1), 100)]),  # late: the forecast
        (Receivable(100, None), []),  # no due date and nothing scheduled: not forecast
        # a payment on its way counts today, the rest at the due date
        (Receivable(300, date(2027, 2, 1), processing=120),
         [("due_dates", ON, 120), ("due_dates", date(2027, 2, 1), 180)]),
        # each pending instalment at its own date; a failed one (not listed) is owed at the due date
        (Receivable(600, date(2026, 11, 10), processing=200,
                    instalments=((date(2027, 1, 10), 200), (date(2026, 12, 10), 200))),
         [("instalments", date(2026, 12, 10), 200), ("instalments", date(2027, 1, 10), 200),
          ("due_dates", date(2026, 11, 10), 200)]),
        # instalments beyond the balance (part paid another way): the earliest first, never more than owed
        (Receivable(250, date(2026, 12, 1),
                    instalments=((date(2026, 12, 10), 200), (date(2027, 1, 10), 200))),
         [("instalments", date(2026, 12, 10), 200), ("instalments", date(2027, 1, 10), 50)]),
        # a pending collection at its charge date, its processing amount not counted a second time
        (Receivable(500, date(2026, 12, 1), processing=500, collection=(date(2027, 1, 30), 500)),
         [("direct_debits", date(2027, 1, 30), 500)]),
        # the mandate's charge date for the whole balance
        (Receivable(400, date(2026, 11, 28), mandate_charge=date(2026, 12, 28)),
         [("direct_debits", date(2026, 12, 28), 400)]),
        # a plan wins over a collection (never both: counted once)
        (Receivable(100, None, instalments=((date(2026, 12, 1), 100),), collection=(date(2026, 12, 5), 100)),
         [("instalments", date(2026, 12, 1), 100)]),
        (Receivable(0, date(2026, 12, 1), processing=50), []),
    ],
)  # fmt: skip
def test_expected_cash_of_one_invoice(item: policy.Receivable, expected: list[tuple[str, date, int]]) -> None:
    assert policy.expected_cash(item, ON) == expected


def test_the_forecast_per_source_adds_up_to_each_balance_once() -> None:
    items = [
        Receivable(100, date(2026, 11, 1)),
        Receivable(200, date(2027, 1, 10)),
        Receivable(
            600, date(2026, 11, 10), instalments=((date(2026, 12, 10), 200), (date(2027, 1, 10), 200))
        ),
        Receivable(400, date(2026, 11, 28), mandate_charge=date(2026, 12, 28)),
        Receivable(900, date(2027, 6, 1)),  # beyond 90 days
    ]

    by_source = policy.forecast_by_source(items, ON)

    assert by_source == {
        "due_dates": {30: 300, 60: 500, 90: 500},
        "instalments": {30: 200, 60: 400, 90: 400},
        "direct_debits": {30: 0, 60: 400, 90: 400},
    }
    assert policy.total_forecast(by_source) == {30: 500, 60: 1300, 90: 1300}
