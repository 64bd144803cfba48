"""The rates as stored, on SQLite and PostgreSQL. Each test enters the rates it needs rather than rely on
the seeded ones, which are public data that will be corrected."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy.orm import Session

from api.errors import BadRequest
from api.models import PenaltyRate
from api.penalties import policy, service
from api.penalties.repository import PenaltyRateRepository

D = Decimal


def enter(session: Session, start: date, ecb: str, pro: str = "3.71", consumer: str = "7.21") -> None:
    service.set_rates(session, start, D(ecb), D(pro), D(consumer), "JORF")


def test_rates_entered_are_read_back_exactly_and_verified(db: Session) -> None:
    enter(db, date(2025, 1, 1), "3.15", "3.71", "7.21")
    enter(db, date(2025, 7, 1), "2.15", "2.76", "6.65")
    db.commit()

    table = service.rate_table(db)

    assert table[date(2025, 1, 1)] == policy.Rates(D("3.15"), D("3.71"), D("7.21"), verified=True)
    assert table[date(2025, 7, 1)] == policy.Rates(D("2.15"), D("2.76"), D("6.65"), verified=True)
    assert all(isinstance(rates.ecb, Decimal) for rates in table.values())


def test_entering_a_half_year_again_corrects_it_and_marks_it_verified(db: Session) -> None:
    PenaltyRateRepository(db).upsert(
        date(2026, 7, 1),
        ecb=D("2.15"),
        legal_professional=None,
        legal_consumer=None,
        source=None,
        verified=False,
    )
    db.commit()

    enter(db, date(2026, 7, 1), "2.4", "2.5", "6.5")
    db.commit()

    rows = [row for row in PenaltyRateRepository(db).all() if row.semester_start == date(2026, 7, 1)]
    assert [(r.ecb_rate, r.legal_rate_professional, r.source, r.verified) for r in rows] == [
        (D("2.4"), D("2.5"), "JORF", True)
    ]


@pytest.mark.parametrize("start", [date(2026, 7, 2), date(2026, 3, 1), date(2026, 12, 31)])
def test_a_day_that_starts_no_half_year_is_refused(db: Session, start: date) -> None:
    with pytest.raises(BadRequest, match="1 January or 1 July"):
        enter(db, start, "2.15")

    assert db.get(PenaltyRate, start) is None


@pytest.mark.parametrize(
    ("value", "message"), [("-0.5", "between 0 and"), ("1000", "between 0 and"), ("2.1234", "3 decimals")]
)
def test_impossible_rates_are_refused(db: Session, value: str, message: str) -> None:
    with pytest.raises(BadRequest, match=message):
        enter(db, date(2031, 1, 1), value)

    assert db.get(PenaltyRate, date(2031, 1, 1)) is None


def test_compute_uses_the_stored_rates(db: Session) -> None:
    enter(db, date(2025, 1, 1), "3.15", "3.71")
    enter(db, date(2025, 7, 1), "2.15", "2.76")
    db.commit()

    result = service.compute(db, amount=100_000, currency="EUR", due=date(2025, 6, 15), on=date(2025, 7, 15))

    assert [(p.days, p.rate) for p in result.periods] == [(15, D("13.15")), (15, D("12.15"))]
    assert (result.penalty_minor, result.indemnity_minor, result.estimated) == (1040, 4000, False)


def test_compute_applies_the_floor_to_a_contract_rate(db: Session) -> None:
    enter(db, date(2025, 1, 1), "3.15", "3.71")
    db.commit()

    result = service.compute(
        db, amount=100_000, currency="EUR", due=date(2025, 1, 15), on=date(2025, 3, 1), contract_rate=D("8")
    )

    assert (result.periods[0].rate, result.periods[0].basis, result.penalty_minor) == (
        D("11.13"),
        policy.FLOOR,
        1372,
    )


def test_compute_before_any_known_rate_is_a_clear_error(db: Session) -> None:
    # The published history starts with H1 2013 (the L441-10 rule of the half-year's first day).
    with pytest.raises(BadRequest, match="no penalty rate is known for the half-year starting 2012-07-01"):
        service.compute(db, amount=100_000, currency="EUR", due=date(2012, 12, 1), on=date(2013, 1, 15))


def test_compute_for_a_consumer_owes_nothing(db: Session) -> None:
    result = service.compute(
        db, amount=100_000, currency="EUR", due=date(2025, 1, 15), on=date(2025, 3, 1), consumer=True
    )

    assert (result.penalty_minor, result.indemnity_minor, result.reason) == (0, 0, policy.CONSUMER)


def test_compute_refuses_a_negative_amount(db: Session) -> None:
    enter(db, date(2025, 1, 1), "3.15")
    db.commit()

    with pytest.raises(BadRequest, match="negative"):
        service.compute(db, amount=-1, currency="EUR", due=date(2025, 1, 15), on=date(2025, 3, 1))
