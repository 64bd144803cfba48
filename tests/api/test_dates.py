"""The one reader of typed dates (api/dates.py): what French and English writers type or copy from an
invoice, and the coded reasons for what it will not guess."""

from __future__ import annotations

from datetime import date

import pytest

from api.dates import DateError, parse_date

JANUARY_31 = date(2026, 1, 31)


@pytest.mark.parametrize(
    "typed",
    [
        "31/01/2026",
        "31.01.2026",
        "31-01-2026",
        "31/01/26",
        "2026-01-31",
        "2026/01/31",
        "31 janvier 2026",
        "31 Janvier 2026",
        "31 janv. 2026",
        "31 January 2026",
        "31 Jan 2026",
        "January 31, 2026",
        "January 31st, 2026",
        "  31/01/2026  ",
        "31\u00a0janvier\u202f2026",  # no-break spaces, as copied from a PDF or a babel-formatted page
    ],
)
def test_the_usual_writings_of_a_date_are_read(typed: str) -> None:
    assert parse_date(typed) == JANUARY_31


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("1er février 2026", date(2026, 2, 1)),
        ("1ER FEVRIER 2026", date(2026, 2, 1)),
        ("1st March 2026", date(2026, 3, 1)),
        ("1/2/2026", date(2026, 2, 1)),  # day first, even when both numbers could be a month
        ("03/04/2026", date(2026, 4, 3)),
        ("29/02/2024", date(2024, 2, 29)),
        ("31/12/68", date(2068, 12, 31)),
        ("01/01/00", date(2000, 1, 1)),
        ("13 août 2026", date(2026, 8, 13)),
    ],
)
def test_day_first_and_ordinals(typed: str, expected: date) -> None:
    assert parse_date(typed) == expected


@pytest.mark.parametrize(
    ("typed", "code", "params"),
    [
        ("12/31/2026", "date_month_first", {"suggestion": date(2026, 12, 31)}),
        ("02/13/2026", "date_month_first", {"suggestion": date(2026, 2, 13)}),
        ("31/02/2026", "date_no_such_day", {"days": 28}),
        ("29/02/2025", "date_no_such_day", {"days": 28}),
        ("00/01/2026", "date_no_such_day", {"days": 31}),
        ("2026-02-30", "date_no_such_day", {"days": 28}),
        ("13/13/2026", "date_no_such_month", {"month": 13}),
        ("2026-31-01", "date_no_such_month", {"month": 31}),
        ("31/01/85", "date_two_digit_year", {"year": "85"}),
        ("31/01/69", "date_two_digit_year", {"year": "69"}),
        ("31/01/1850", "date_out_of_range", {"min": 1900, "max": 2100}),
        ("9999-12-31", "date_out_of_range", {"min": 1900, "max": 2100}),
        ("31 brumaire 2026", "date_month_name", {"word": "brumaire"}),
        ("2er mars 2026", "date_format", {}),
        ("31/01-2026", "date_format", {}),  # two different separators
        ("31012026", "date_format", {}),  # DDMMYYYY or YYYYMMDD: not read
        ("31/01/202", "date_format", {}),
        ("demain", "date_format", {}),
        ("", "date_format", {}),
        ("3" * 200, "date_format", {}),
    ],
)
def test_what_it_will_not_guess_is_refused_with_a_code(
    typed: str, code: str, params: dict[str, object]
) -> None:
    with pytest.raises(DateError) as refused:
        parse_date(typed)
    assert (refused.value.code, refused.value.params) == (code, params)


def test_a_date_error_is_a_value_error_naming_what_was_typed() -> None:
    with pytest.raises(ValueError, match="date_month_first: '12/31/2026'"):
        parse_date("12/31/2026")
