"""The published half-years since H1 2013: complete, each figure sourced, the ECB rate the one in force on
the half-year's first day (never a mid-semester move), and known to the service even when the table holds
nothing; stored rows correct them; the seed adds what is missing and touches nothing else."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import delete
from sqlalchemy.orm import Session

from api.models import PenaltyRate
from api.penalties import history, policy, service
from api.penalties.repository import PenaltyRateRepository

D = Decimal

# The ECB's main refinancing rate changes with their dates of effect (Banque de France's table of ECB key
# rates, then the ECB's decisions of December 2024 and June 2025), written independently of the history.
ECB_CHANGES = [
    (date(2012, 7, 11), "0.75"),
    (date(2013, 5, 8), "0.50"),
    (date(2013, 11, 13), "0.25"),
    (date(2014, 6, 11), "0.15"),
    (date(2014, 9, 10), "0.05"),
    (date(2016, 3, 16), "0.00"),
    (date(2022, 7, 27), "0.50"),
    (date(2022, 9, 14), "1.25"),
    (date(2022, 11, 2), "2.00"),
    (date(2022, 12, 21), "2.50"),
    (date(2023, 2, 8), "3.00"),
    (date(2023, 3, 22), "3.50"),
    (date(2023, 5, 10), "3.75"),
    (date(2023, 6, 21), "4.00"),
    (date(2023, 8, 2), "4.25"),
    (date(2023, 9, 20), "4.50"),
    (date(2024, 6, 12), "4.25"),
    (date(2024, 9, 18), "3.65"),
    (date(2024, 10, 23), "3.40"),
    (date(2024, 12, 18), "3.15"),
    (date(2025, 2, 5), "2.90"),
    (date(2025, 3, 12), "2.65"),
    (date(2025, 4, 23), "2.40"),
    (date(2025, 6, 11), "2.15"),
]


def in_force_on(day: date) -> Decimal:
    return D([rate for start, rate in ECB_CHANGES if start <= day][-1])


def half_years(first: date, last: date) -> list[date]:
    days, day = [], first
    while day <= last:
        days.append(day)
        day = policy.next_semester(day)
    return days


class TestPublishedHistory:
    def test_every_half_year_from_2013_is_there_once_in_order(self) -> None:
        semesters = [row.semester for row in history.PUBLISHED]

        assert semesters == half_years(date(2013, 1, 1), date(2026, 7, 1))

    @pytest.mark.parametrize("row", history.PUBLISHED, ids=lambda row: row.semester.isoformat())
    def test_the_ecb_rate_is_the_one_in_force_on_the_first_day(self, row: history.Published) -> None:
        assert D(row.ecb) == in_force_on(row.semester)

    def test_a_move_inside_a_half_year_is_not_used(self) -> None:
        table = history.rate_table()

        # 3.65 % from 18 September 2024: H2 2024 keeps 4.25 %; 0.50 % from 27 July 2022: H2 2022 keeps 0.
        assert table[date(2024, 7, 1)].ecb == D("4.25")
        assert table[date(2022, 7, 1)].ecb == D("0.00")

    def test_one_legal_rate_until_2014_then_a_higher_one_for_consumers(self) -> None:
        for row in history.PUBLISHED:
            if row.semester.year < 2015:
                assert row.legal_professional == row.legal_consumer == "0.04"
            else:
                assert D(row.legal_consumer) > D(row.legal_professional)

    def test_each_row_names_its_sources_and_fits_the_column(self) -> None:
        for row in history.PUBLISHED:
            assert row.ecb_source.startswith("https://")
            assert row.legal_source.startswith("https://")
            assert len(row.source) <= 500

    def test_only_the_half_year_not_yet_published_is_a_guess(self) -> None:
        guesses = [row.semester for row in history.PUBLISHED if not row.verified]

        assert guesses == [date(2026, 7, 1)]


@pytest.fixture
def empty(db: Session) -> Session:
    """No stored rows at all: what a database that was never seeded holds."""
    db.execute(delete(PenaltyRate))
    db.commit()
    return db


class TestService:
    def test_an_invoice_due_in_2017_gets_ten_percent_without_any_stored_row(self, empty: Session) -> None:
        result = service.compute(
            empty, amount=100_000, currency="EUR", due=date(2017, 11, 13), on=date(2017, 12, 13)
        )

        [period] = result.periods
        assert (period.rate, period.description) == (D("10.00"), "BCE 0,00 % + 10 points = 10,00 %")
        assert (result.penalty_minor, result.indemnity_minor, result.estimated) == (822, 4000, False)

    def test_a_delay_across_years_takes_each_half_year_at_its_own_rate(self, empty: Session) -> None:
        result = service.compute(
            empty, amount=100_000, currency="EUR", due=date(2022, 12, 31), on=date(2023, 7, 10)
        )

        assert [(p.start, p.rate) for p in result.periods] == [
            (date(2023, 1, 1), D("12.50")),
            (date(2023, 7, 1), D("14.00")),
        ]

    def test_the_floor_of_a_contract_rate_uses_the_professional_legal_rate(self, empty: Session) -> None:
        result = service.compute(
            empty, amount=100_000, currency="EUR", due=date(2023, 8, 1), on=date(2023, 9, 1),
            contract_rate=D("5"),
        )  # fmt: skip

        # 3 × 4.22 % (H2 2023, "tous les autres cas") = 12.66 %
        assert (result.periods[0].rate, result.periods[0].basis) == (D("12.66"), policy.FLOOR)

    def test_before_2013_the_missing_rate_is_a_coded_reason(self, empty: Session) -> None:
        with pytest.raises(service.RateMissing) as caught:
            service.compute(empty, amount=100_000, currency="EUR", due=date(2012, 12, 1), on=date(2013, 2, 1))

        assert caught.value.reason == service.RATE_UNKNOWN
        assert caught.value.params == {"semester": "2012-07-01", "year": 2012, "month": "07"}

    def test_a_stored_row_corrects_the_built_in_one(self, empty: Session) -> None:
        service.set_rates(empty, date(2017, 1, 1), D("0.25"), D("0.9"), D("4.16"), "JORF")
        empty.commit()

        table = service.rate_table(empty)

        assert table[date(2017, 1, 1)].ecb == D("0.25")
        assert table[date(2017, 7, 1)].ecb == D("0.00")  # the others stay as published

    def test_a_stored_guess_never_hides_a_published_figure(self, empty: Session) -> None:
        PenaltyRateRepository(empty).upsert(
            date(2025, 7, 1), ecb=D("9"), legal_professional=None, legal_consumer=None, source=None,
            verified=False,
        )  # fmt: skip
        empty.commit()

        assert service.rate_table(empty)[date(2025, 7, 1)] == policy.Rates(D("2.15"), D("2.76"), D("6.65"))


class TestSeed:
    def test_the_seed_stores_every_half_year_with_its_source_once(self, empty: Session) -> None:
        assert service.seed_history(empty) == len(history.PUBLISHED)
        empty.commit()
        assert service.seed_history(empty) == 0
        empty.commit()

        rows = PenaltyRateRepository(empty).all()
        assert [row.semester_start for row in rows] == [row.semester for row in history.PUBLISHED]
        first = rows[0]
        assert (D(first.ecb_rate), first.verified) == (D("0.75"), True)
        assert first.source is not None
        assert history.BDF_ECB in first.source
        assert history.TRESOR_LEGAL in first.source

    def test_the_seed_leaves_a_row_already_there_alone(self, empty: Session) -> None:
        service.set_rates(empty, date(2019, 1, 1), D("0.01"), D("0.86"), D("3.40"), "my own reading")
        empty.commit()

        assert service.seed_history(empty) == len(history.PUBLISHED) - 1
        empty.commit()

        [row] = [r for r in PenaltyRateRepository(empty).all() if r.semester_start == date(2019, 1, 1)]
        assert (D(row.ecb_rate), row.source) == (D("0.01"), "my own reading")
