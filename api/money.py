"""Amounts in integer minor units, written the way a reader of the language expects them."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from babel.numbers import format_currency, get_currency_precision

AMOUNT_MAX_LENGTH = 30
# The organisation's own currency (no setting yet): credit limits and the dashboard's headline figures are in
# it; amounts in other currencies are shown apart, never added to it.
MAIN_CURRENCY = "EUR"
# The largest amount accepted anywhere, in minor units (10 000 000 000,00 € — ten billion): far beyond any
# invoice of a small business, far below what a BIGINT column holds (9.2e18) even summed over many rows.
MAX_MINOR_UNITS = 10**12


def to_minor_units(amount: Decimal | str, currency: str) -> int:
    """'1234.56' EUR → 123456, exactly: an amount finer than the currency's minor unit is refused, not
    rounded (ValueError; a string that is no number raises decimal.InvalidOperation); so is an amount beyond
    MAX_MINOR_UNITS."""
    value = amount if isinstance(amount, Decimal) else Decimal(amount)
    if not value.is_finite():
        raise ValueError(f"{amount} is not an amount")
    if value.adjusted() > 18:  # before any arithmetic: 1e400 is a finite Decimal
        raise ValueError(f"{amount} is beyond the largest amount accepted")
    minor = value.scaleb(get_currency_precision(currency))
    if minor != minor.to_integral_value():
        raise ValueError(f"{amount} has more decimals than {currency} allows")
    if abs(minor) > MAX_MINOR_UNITS:
        raise ValueError(f"{amount} is beyond the largest amount accepted")
    return int(minor)


def format_money(minor: int, currency: str, language: str) -> str:
    """123456 EUR → "1 234,56 €" in French, "€1,234.56" in English."""
    amount = Decimal(minor).scaleb(-get_currency_precision(currency))
    return format_currency(amount, currency, locale="en_GB" if language == "en" else "fr_FR")


def parse_amount(raw: str, currency: str = "EUR") -> int:
    """Money as a person writes it → minor units: "1 234,56", "1234.56", "1.234,56", "1,234.56 €", "12",
    "1.234.567". ValueError when it is no amount, negative, finer than the currency's minor unit, or
    ambiguous: "1,234" is 1.234 to a French reader and 1234 to an English one, and a payment misread by a
    factor of 1000 is worse than a question. The one reader of typed amounts: invoice filters, manual
    payments, promises, credit limits, reminder settings."""
    text = re.sub(r"\s", "", raw).removesuffix("€").removesuffix("EUR").removeprefix("€")
    if len(raw) > AMOUNT_MAX_LENGTH or not text:
        raise ValueError(f"not an amount: {raw!r}")
    plain, grouped_pattern = _amount_patterns(get_currency_precision(currency))
    if not plain.fullmatch(text):
        grouped = grouped_pattern.fullmatch(text)
        separator, decimal = grouped.groups() if grouped else ("", "")
        ambiguous = not decimal and separator in ".," and text.count(separator) == 1
        if not grouped or separator == decimal or ambiguous:
            raise ValueError(f"not an amount: {raw!r}")
        text = text.replace(grouped.group(1), "")
    try:
        return to_minor_units(Decimal(text.replace(",", ".")), currency)
    except (InvalidOperation, ValueError) as exc:
        raise ValueError(f"not an amount: {raw!r}") from exc


@lru_cache(maxsize=8)
def _amount_patterns(decimals: int) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Plain ("1234,56") and grouped ("1.234,56", "1 234", "1'234.56") forms, with at most `decimals`."""
    cents = rf"\d{{1,{decimals}}}" if decimals else None
    plain = rf"\d{{1,13}}(?:[.,]{cents})?" if cents else r"\d{1,13}"
    thousands = r"[1-9]\d{0,2}(?:([.,'])\d{3})(?:\1\d{3})*"  # a group never starts with 0
    return re.compile(plain), re.compile(thousands + (rf"(?:([.,]){cents})?" if cents else "()"))
