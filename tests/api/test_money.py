"""Money as people type it: the one reader of typed amounts (filters, manual payments, promises, limits)."""

from __future__ import annotations

import pytest

from api.money import parse_amount


@pytest.mark.parametrize(
    ("typed", "currency", "minor"),
    [
        ("1 234,56", "EUR", 123456),
        ("1\u202f234,56 €", "EUR", 123456),  # a narrow no-break space, as French number formatting writes
        ("1234.56", "EUR", 123456),
        ("1.234,56", "EUR", 123456),
        ("1,234.56", "EUR", 123456),
        ("1'234.56", "EUR", 123456),
        ("1'234", "EUR", 123400),  # an apostrophe only ever groups thousands
        ("1.234.567", "EUR", 123456700),  # two points cannot both be decimal
        ("12", "EUR", 1200),
        ("0,5", "EUR", 50),
        ("1 000", "EUR", 100000),
        ("1.234.567", "JPY", 1234567),
        ("1234", "JPY", 1234),
    ],
)
def test_money_as_people_write_it(typed: str, currency: str, minor: int) -> None:
    assert parse_amount(typed, currency) == minor


@pytest.mark.parametrize(
    "typed",
    [
        "1,234",  # 1.234 to a French reader, 1234 to an English one: refused rather than guessed
        "1.234",
        "12,345",
        "0,001",  # finer than a cent, and no thousands group starts with 0
        "0.234.567",
        "1.234.567,891",
        "abc", "-5", "1,2,3", "1.234.5", "1,23,4", "", "1e5", "9" * 40,
    ],
)  # fmt: skip
def test_what_is_no_amount_or_is_ambiguous(typed: str) -> None:
    with pytest.raises(ValueError, match="not an amount"):
        parse_amount(typed, "EUR")


def test_decimals_follow_the_currency() -> None:
    assert parse_amount("12,5", "EUR") == 1250
    with pytest.raises(ValueError, match="not an amount"):
        parse_amount("12,5", "JPY")
