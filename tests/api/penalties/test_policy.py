from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from api.penalties import policy
from api.penalties.policy import Rates

D = Decimal
# ../shared/reference/french-law-and-dunning.md §1.2: ECB rate on 1 Jan / 1 Jul, legal rate pro / consumer.
TABLE = {
    date(2024, 1, 1): Rates(D("4.50"), D("5.07"), D("8.01")),
    date(2024, 7, 1): Rates(D("4.25"), D("4.92"), D("8.16")),
    date(2025, 1, 1): Rates(D("3.15"), D("3.71"), D("7.21")),
    date(2025, 7, 1): Rates(D("2.15"), D("2.76"), D("6.65")),
    date(2026, 1, 1): Rates(D("2.15"), D("2.62"), D("6.67")),
}
EUR_1000 = 100_000


def compute(
    due: date,
    on: date,
    *,
    contract: str | None = None,
    consumer: bool = False,
    table: dict[date, Rates] = TABLE,
    amount: int = EUR_1000,
) -> policy.LatePenalty:
    return policy.compute(
        amount_minor=amount,
        currency="EUR",
        due=due,
        on=on,
        rate_table=table,
        contract_rate=None if contract is None else D(contract),
        consumer=consumer,
    )


@pytest.mark.parametrize(
    ("due", "on", "contract", "days", "lines", "penalty"),
    [
        # The reference's example: 1000 × 13.15 % × 45 / 365 = 16.2123 EUR.
        (date(2025, 1, 15), date(2025, 3, 1), None, 45, [(45, "13.15", 1621)], 1621),
        (date(2025, 1, 15), date(2025, 1, 16), None, 1, [(1, "13.15", 36)], 36),  # the day after the due date
        # Across 1 July 2025: 540.41 + 499.32 = 1039.73 → 1040; the lines add up to the total rounded once.
        (date(2025, 6, 15), date(2025, 7, 15), None, 30, [(15, "13.15", 540), (15, "12.15", 500)], 1040),
        # Across New Year: 11 days of H2 2024 at 14.25 %, 10 of H1 2025 at 13.15 % → 429.45 + 360.27.
        (date(2024, 12, 20), date(2025, 1, 10), None, 21, [(11, "14.25", 429), (10, "13.15", 361)], 790),
        # Contract below the floor (3 × 3.71 % = 11.13 %): the floor.
        (date(2025, 1, 15), date(2025, 3, 1), "8", 45, [(45, "11.13", 1372)], 1372),
        # Contract between the floor and the default rate: the contract, it may be lower than the default.
        (date(2025, 1, 15), date(2025, 3, 1), "12", 45, [(45, "12", 1479)], 1479),
        # Contract above the default rate: the contract.
        (date(2025, 1, 15), date(2025, 3, 1), "15", 45, [(45, "15", 1849)], 1849),
        # The floor follows each half-year's legal rate: 11.13 % in June; from July 10 % is above 8.28 %.
        (date(2025, 6, 20), date(2025, 7, 9), "10", 19, [(10, "11.13", 305), (9, "10", 247)], 552),
    ],
)
def test_penalty(
    due: date, on: date, contract: str | None, days: int, lines: list[tuple[int, str, int]], penalty: int
) -> None:
    result = compute(due, on, contract=contract)

    assert result.days_late == days
    assert [(p.days, p.rate, p.amount_minor) for p in result.periods] == [
        (d, D(rate), amount) for d, rate, amount in lines
    ]
    assert result.penalty_minor == penalty
    assert result.indemnity_minor == 4000
    assert result.indemnity_currency == "EUR"
    assert result.estimated is False
    assert result.reason is None


def test_periods_cover_every_late_day_once() -> None:
    result = compute(date(2024, 5, 31), date(2025, 8, 2))

    assert [(p.start, p.end) for p in result.periods] == [
        (date(2024, 6, 1), date(2024, 6, 30)),
        (date(2024, 7, 1), date(2024, 12, 31)),
        (date(2025, 1, 1), date(2025, 6, 30)),
        (date(2025, 7, 1), date(2025, 8, 2)),
    ]
    assert sum(p.days for p in result.periods) == result.days_late == 428
    assert sum(p.amount_minor for p in result.periods) == result.penalty_minor


@pytest.mark.parametrize(
    ("contract", "basis", "description"),
    [
        (None, policy.DEFAULT, "BCE 2,15 % + 10 points = 12,15 %"),
        ("15", policy.CONTRACT, "taux contractuel 15,00 %"),
        ("7.5", policy.FLOOR, "taux contractuel 7,50 % inférieur au plancher légal, 3 × 2,62 % = 7,86 %"),
    ],
)
def test_the_rate_is_described(contract: str | None, basis: str, description: str) -> None:
    result = compute(date(2026, 1, 31), date(2026, 2, 10), contract=contract)

    assert result.periods[0].basis == basis
    assert result.rate_description == description


def test_two_half_years_with_different_rates_are_both_described() -> None:
    result = compute(date(2025, 6, 15), date(2025, 7, 15))

    assert result.rate_description == "BCE 3,15 % + 10 points = 13,15 % ; BCE 2,15 % + 10 points = 12,15 %"


def test_a_missing_half_year_borrows_the_latest_earlier_one_as_an_estimate() -> None:
    without_h2 = {start: rates for start, rates in TABLE.items() if start < date(2025, 7, 1)}

    result = compute(date(2025, 6, 25), date(2025, 7, 10), table=without_h2)

    assert [(p.days, p.rate, p.estimated) for p in result.periods] == [
        (5, D("13.15"), False),
        (10, D("13.15"), True),
    ]
    assert result.penalty_minor == 540  # 1000 × 13.15 % × 15 / 365 = 5.404
    assert result.estimated is True


def test_an_unverified_half_year_is_an_estimate() -> None:
    table = {**TABLE, date(2026, 7, 1): Rates(D("2.15"), D("2.62"), D("6.67"), verified=False)}

    result = compute(date(2026, 7, 1), date(2026, 7, 11), table=table)

    assert result.periods[0].rate == D("12.15")
    assert result.estimated is True


def test_an_unknown_legal_rate_lets_the_contract_stand_as_an_estimate() -> None:
    table = {date(2025, 1, 1): Rates(D("3.15"), None, None)}

    result = compute(date(2025, 1, 15), date(2025, 3, 1), contract="5", table=table)

    assert result.periods[0].rate == D(5)
    assert result.estimated is True
    assert result.rate_description == "taux contractuel 5,00 % (plancher légal inconnu)"


def test_before_the_first_known_half_year_is_an_error() -> None:
    with pytest.raises(policy.RateUnknown, match="half-year starting 2023-07-01"):
        compute(date(2023, 12, 15), date(2024, 1, 15))


@pytest.mark.parametrize(
    ("due", "on"),
    [
        (date(2025, 3, 1), date(2025, 3, 1)),  # due today: not late yet
        (date(2025, 3, 1), date(2025, 2, 1)),  # before the due date
    ],
)
def test_nothing_is_owed_before_the_day_after_the_due_date(due: date, on: date) -> None:
    result = compute(due, on)

    assert (result.days_late, result.periods, result.penalty_minor, result.indemnity_minor) == (0, (), 0, 0)
    assert result.reason == policy.NOT_LATE
    assert result.owed is False


def test_a_consumer_owes_neither_penalty_nor_indemnity() -> None:
    result = compute(date(2025, 1, 15), date(2025, 3, 1), consumer=True, contract="15")

    assert (result.days_late, result.periods, result.penalty_minor, result.indemnity_minor) == (45, (), 0, 0)
    assert result.reason == policy.CONSUMER
    assert "mise en demeure" in result.reason


def test_a_consumer_needs_no_rate_table() -> None:
    assert compute(date(2020, 1, 15), date(2020, 3, 1), consumer=True, table={}).penalty_minor == 0


def test_the_indemnity_stays_in_euros_whatever_the_invoice_currency() -> None:
    result = policy.compute(
        amount_minor=100_000, currency="CHF", due=date(2025, 1, 15), on=date(2025, 3, 1), rate_table=TABLE
    )

    assert (result.currency, result.penalty_minor) == ("CHF", 1621)
    assert (result.indemnity_currency, result.indemnity_minor) == ("EUR", 4000)


@pytest.mark.parametrize(("amount", "contract"), [(-1, None), (100, "-1")])
def test_negative_inputs_are_refused(amount: int, contract: str | None) -> None:
    with pytest.raises(ValueError, match="negative"):
        compute(date(2025, 1, 15), date(2025, 3, 1), amount=amount, contract=contract)


@pytest.mark.parametrize(
    ("value", "expected"),
    [(D("2.5"), 3), (D("3.5"), 4), (D("2.4999"), 2), (D("0.5"), 1), (D("1621.2328"), 1621)],
)
def test_rounding_is_half_up(value: Decimal, expected: int) -> None:
    assert policy.round_minor(value) == expected


@pytest.mark.parametrize(
    ("value", "text"),
    [(D("2.150"), "2,15"), (D("3.5"), "3,50"), (D("2.125"), "2,125"), (D("10"), "10,00"), (D("0"), "0,00")],
)
def test_percent_is_written_the_french_way(value: Decimal, text: str) -> None:
    assert policy.percent(value) == text


@pytest.mark.parametrize(
    ("day", "start", "is_start"),
    [
        (date(2025, 1, 1), date(2025, 1, 1), True),
        (date(2025, 6, 30), date(2025, 1, 1), False),
        (date(2025, 7, 1), date(2025, 7, 1), True),
        (date(2025, 12, 31), date(2025, 7, 1), False),
    ],
)
def test_semester_start(day: date, start: date, is_start: bool) -> None:
    assert policy.semester_start(day) == start
    assert policy.is_semester_start(day) is is_start
