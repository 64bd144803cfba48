"""Amounts in integer minor units, written the way a reader of the language expects them."""

from __future__ import annotations

from decimal import Decimal

from babel.numbers import format_currency, get_currency_precision


def to_minor_units(amount: Decimal | str, currency: str) -> int:
    """'1234.56' EUR → 123456, exactly: an amount finer than the currency's minor unit is refused, not
    rounded (ValueError; a string that is no number raises decimal.InvalidOperation)."""
    value = amount if isinstance(amount, Decimal) else Decimal(amount)
    if not value.is_finite():
        raise ValueError(f"{amount} is not an amount")
    minor = value.scaleb(get_currency_precision(currency))
    if minor != minor.to_integral_value():
        raise ValueError(f"{amount} has more decimals than {currency} allows")
    return int(minor)


def format_money(minor: int, currency: str, language: str) -> str:
    """123456 EUR → "1 234,56 €" in French, "€1,234.56" in English."""
    amount = Decimal(minor).scaleb(-get_currency_precision(currency))
    return format_currency(amount, currency, locale="en_GB" if language == "en" else "fr_FR")
