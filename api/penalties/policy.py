"""Late-payment penalties of Code de commerce L441-10 II and the 40 EUR recovery indemnity (D441-5): pure
rules, Decimal in and out, amounts in minor units. Rates are percent a year, frozen per half-year."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

DEFAULT_MARGIN = Decimal(10)  # points over the ECB main refinancing rate
FLOOR_MULTIPLE = Decimal(3)  # a contractual rate may not be below 3 × the legal interest rate
DAYS_IN_YEAR = Decimal(365)
INDEMNITY_MINOR = 4000  # 40 EUR, once per late invoice, professional debtors only
INDEMNITY_CURRENCY = "EUR"

DEFAULT, CONTRACT, FLOOR = "default", "contract", "floor"  # where a period's rate comes from

NOT_LATE = "pas de retard : l'échéance n'est pas dépassée"
CONSUMER = (
    "client consommateur : ni pénalités L441-10 ni indemnité de 40 € ; seul l'intérêt légal est dû, "
    "à compter d'une mise en demeure (C. civ. 1231-6)"
)


class RateUnknown(ValueError):
    """No rate is known for the semester, nor for any earlier one."""

    def __init__(self, semester: date) -> None:
        super().__init__(f"no penalty rate is known for the half-year starting {semester.isoformat()}")
        self.semester = semester


@dataclass(frozen=True)
class Rates:
    """One half-year's rates in percent. `verified` is False while a figure is still a guess."""

    ecb: Decimal
    legal_professional: Decimal | None
    legal_consumer: Decimal | None
    verified: bool = True


@dataclass(frozen=True)
class SemesterRate:
    percent: Decimal
    basis: str  # DEFAULT, CONTRACT or FLOOR
    description: str
    estimated: bool


@dataclass(frozen=True)
class Period:
    """The late days that fall in one half-year, at that half-year's rate."""

    start: date
    end: date  # inclusive
    days: int
    rate: Decimal  # percent a year
    basis: str
    description: str
    estimated: bool
    amount_minor: int


@dataclass(frozen=True)
class LatePenalty:
    currency: str
    days_late: int
    periods: tuple[Period, ...]
    penalty_minor: int  # in `currency`
    indemnity_minor: int  # in INDEMNITY_CURRENCY, whatever the invoice's currency
    indemnity_currency: str
    rate_description: str
    estimated: bool  # some rate is a guess: a missing or unverified half-year
    reason: str | None = None  # why nothing is owed, when nothing is

    @property
    def owed(self) -> bool:
        return self.penalty_minor > 0 or self.indemnity_minor > 0


def semester_start(day: date) -> date:
    return date(day.year, 1 if day.month <= 6 else 7, 1)


def next_semester(start: date) -> date:
    return date(start.year, 7, 1) if start.month == 1 else date(start.year + 1, 1, 1)


def is_semester_start(day: date) -> bool:
    return day.day == 1 and day.month in (1, 7)


def rates_for(semester: date, rate_table: Mapping[date, Rates]) -> tuple[Rates, bool]:
    """The semester's rates and whether they are estimated. A semester not published yet borrows the
    latest earlier one: rates move rarely, and a penalty shown as estimated beats no penalty at all."""
    if semester in rate_table:
        rates = rate_table[semester]
        return rates, not rates.verified
    earlier = [start for start in rate_table if start < semester]
    if not earlier:
        raise RateUnknown(semester)
    return rate_table[max(earlier)], True


def semester_rate(rates: Rates, contract_rate: Decimal | None, *, estimated: bool) -> SemesterRate:
    default = rates.ecb + DEFAULT_MARGIN
    if contract_rate is None:
        text = f"BCE {percent(rates.ecb)} % + 10 points = {percent(default)} %"
        return SemesterRate(default, DEFAULT, text, estimated)
    if rates.legal_professional is None:
        # The floor cannot be checked: the contract rate stands, flagged until the legal rate is entered.
        text = f"taux contractuel {percent(contract_rate)} % (plancher légal inconnu)"
        return SemesterRate(contract_rate, CONTRACT, text, True)
    floor = FLOOR_MULTIPLE * rates.legal_professional
    if contract_rate < floor:
        text = (
            f"taux contractuel {percent(contract_rate)} % inférieur au plancher légal, "
            f"3 × {percent(rates.legal_professional)} % = {percent(floor)} %"
        )
        return SemesterRate(floor, FLOOR, text, estimated)
    return SemesterRate(contract_rate, CONTRACT, f"taux contractuel {percent(contract_rate)} %", estimated)


def late_days(due: date, on: date) -> Iterator[tuple[date, date]]:
    """(first, last) late day of each half-year, from the day after the due date to `on` inclusive."""
    start = due + timedelta(days=1)
    while start <= on:
        end = min(on, next_semester(semester_start(start)) - timedelta(days=1))
        yield start, end
        start = end + timedelta(days=1)


def compute(
    *,
    amount_minor: int,
    currency: str,
    due: date,
    on: date,
    rate_table: Mapping[date, Rates],
    contract_rate: Decimal | None = None,
    consumer: bool = False,
) -> LatePenalty:
    """Simple interest on the amount including tax, 365-day year, each half-year at its own rate."""
    if amount_minor < 0:
        raise ValueError("the amount must not be negative")
    if contract_rate is not None and contract_rate < 0:
        raise ValueError("the contractual rate must not be negative")
    days_late = max((on - due).days, 0)
    if days_late == 0:
        return _nothing(currency, 0, NOT_LATE)
    if consumer:
        return _nothing(currency, days_late, CONSUMER)
    periods = _periods(amount_minor, due, on, rate_table, contract_rate)
    return LatePenalty(
        currency=currency,
        days_late=days_late,
        periods=periods,
        penalty_minor=sum(period.amount_minor for period in periods),
        indemnity_minor=INDEMNITY_MINOR,
        indemnity_currency=INDEMNITY_CURRENCY,
        rate_description=" ; ".join(dict.fromkeys(period.description for period in periods)),
        estimated=any(period.estimated for period in periods),
    )


def _periods(
    amount_minor: int, due: date, on: date, rate_table: Mapping[date, Rates], contract_rate: Decimal | None
) -> tuple[Period, ...]:
    """Each period gets the rounded running total minus what earlier periods got: the total is rounded
    once, as the law's formula wants, and the lines of a letter still add up to it."""
    periods: list[Period] = []
    exact = Decimal(0)
    rounded = 0
    for start, end in late_days(due, on):
        rates, estimated = rates_for(semester_start(start), rate_table)
        rate = semester_rate(rates, contract_rate, estimated=estimated)
        days = (end - start).days + 1
        exact += Decimal(amount_minor) * rate.percent / 100 * days / DAYS_IN_YEAR
        running = round_minor(exact)
        periods.append(
            Period(
                start,
                end,
                days,
                rate.percent,
                rate.basis,
                rate.description,
                rate.estimated,
                running - rounded,
            )
        )
        rounded = running
    return tuple(periods)


def _nothing(currency: str, days_late: int, reason: str) -> LatePenalty:
    return LatePenalty(
        currency=currency,
        days_late=days_late,
        periods=(),
        penalty_minor=0,
        indemnity_minor=0,
        indemnity_currency=INDEMNITY_CURRENCY,
        rate_description="",
        estimated=False,
        reason=reason,
    )


def round_minor(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def percent(value: Decimal) -> str:
    """2.150 → "2,15", 3.5 → "3,50", 2.125 → "2,125": French, at least two decimals, no trailing noise."""
    text = f"{value.normalize():f}"
    whole, _, decimals = text.partition(".")
    return f"{whole},{decimals.ljust(2, '0')}"
