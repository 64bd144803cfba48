"""The dunning pages' form conversions, as tables: amounts in minor units (Decimal, never a float), HH:MM,
blackout lines, percentages and whole numbers."""

from __future__ import annotations

from decimal import Decimal

import pytest

from web.dunning_view import BadLine, blackouts, hh_mm, minutes, percentage, to_minor, whole


@pytest.mark.parametrize(
    ("raw", "minor"),
    [("150", 15000), ("150,5", 15050), ("1 234,56", 123456), ("1.234,56", 123456), ("1,234.56", 123456),
     ("0", 0), ("0,001", None), ("12,345", None), ("-5", None), ("1e3", None), ("NaN", None), ("douze", None),
     ("", None), ("0.1", 10), ("0,29", 29)],
)  # fmt: skip
def test_amounts_become_minor_units(raw: str, minor: int | None) -> None:
    assert to_minor(raw) == minor


def test_a_currency_without_cents_has_no_decimals() -> None:
    assert (to_minor("1500", "JPY"), to_minor("1500,5", "JPY")) == (1500, None)


@pytest.mark.parametrize(
    ("raw", "minute"),
    [("09:00", 540), ("9:30", 570), ("00:00", 0), ("24:00", 1440), ("17:45 ", 1065), ("24:01", None),
     ("12:60", None), ("9h", None), ("", None), ("１２:００", None)],
)  # fmt: skip
def test_times_become_minutes(raw: str, minute: int | None) -> None:
    assert minutes(raw) == minute


def test_minutes_are_shown_as_hh_mm() -> None:
    assert [hh_mm(m) for m in (0, 540, 1065, 1440)] == ["00:00", "09:00", "17:45", "24:00"]


def test_blackout_lines_accept_iso_french_and_single_days_and_skip_blank_lines() -> None:
    text = "2026-12-24 2027-01-02\r\n\r\n  15/08/2027  \n01/05/2027 08/05/2027\n"

    assert blackouts(text) == [
        {"start": "2026-12-24", "end": "2027-01-02"},
        {"start": "2027-08-15", "end": "2027-08-15"},
        {"start": "2027-05-01", "end": "2027-05-08"},
    ]


@pytest.mark.parametrize(
    ("text", "line"),
    [("2027-01-10 2027-01-01", 1), ("2026-12-24 2027-01-02\nnoël", 2), ("\n\n2027-02-30", 3),
     ("2027-01-01 2027-01-02 2027-01-03", 1), ("2027-01-01 to 2027-01-02", 1)],
)  # fmt: skip
def test_a_bad_blackout_line_is_named(text: str, line: int) -> None:
    with pytest.raises(BadLine) as refused:
        blackouts(text)

    assert refused.value.number == line


@pytest.mark.parametrize(
    ("raw", "rate"),
    [("12,5", Decimal("12.5")), ("12.5 %", Decimal("12.5")), ("100", Decimal(100)), ("", None), ("  ", None)],
)  # fmt: skip
def test_percentages(raw: str, rate: Decimal | None) -> None:
    assert percentage(raw) == rate


@pytest.mark.parametrize("raw", ["0", "-1", "100,01", "abc", "NaN", "Infinity", "1e400"])
def test_a_bad_percentage_is_refused(raw: str) -> None:
    with pytest.raises(ValueError, match="."):
        percentage(raw)


@pytest.mark.parametrize(
    ("raw", "number"), [("5", 5), (" -3 ", -3), ("²", None), ("1.5", None), ("", None), ("9999999", None)]
)
def test_whole_numbers_are_ascii_digits(raw: str, number: int | None) -> None:
    assert whole(raw) == number
