from __future__ import annotations

from decimal import Decimal

import pytest

from ocr.amounts import format_amount, parse_amount, parse_xml_decimal


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 234,56 €", Decimal("1234.56")),
        ("1.234,56", Decimal("1234.56")),
        ("1,234.56", Decimal("1234.56")),
        ("1\u202f234,56", Decimal("1234.56")),
        ("1'234.50 CHF", Decimal("1234.50")),
        ("-218,48", Decimal("-218.48")),
        ("(12.00)", Decimal("-12.00")),
        ("EUR 9.00", Decimal("9.00")),
        ("1234", Decimal("1234")),
        ("12,5", Decimal("12.5")),
        ("0,125", Decimal("0.125")),
        ("1.234", Decimal("1234")),
        ("1,234,567.8", Decimal("1234567.8")),
        ("12.345,6", Decimal("12345.6")),
    ],
)
def test_parse_amount_reads_french_english_and_german_notation(text: str, expected: Decimal) -> None:
    assert parse_amount(text) == expected


@pytest.mark.parametrize("text", ["", "abc", "1.2.3", "12,34,5", "€"])
def test_parse_amount_refuses_what_is_not_one_amount(text: str) -> None:
    assert parse_amount(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [("50.000", Decimal("50.000")), ("-3", Decimal("-3")), ("2535,00", Decimal("2535.00"))],
)
def test_xml_decimals_use_a_point_and_tolerate_a_comma(text: str, expected: Decimal) -> None:
    assert parse_xml_decimal(text) == expected


@pytest.mark.parametrize(
    ("value", "expected"), [(Decimal("1E+2"), "100"), (Decimal("1234.50"), "1234.50"), (Decimal("-0"), "0")]
)
def test_format_amount_never_uses_exponents(value: Decimal, expected: str) -> None:
    assert format_amount(value) == expected
