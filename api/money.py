"""Amounts in integer minor units, written the way a reader of the language expects them."""

from __future__ import annotations

from decimal import Decimal

from babel.numbers import format_currency, get_currency_precision


def format_money(minor: int, currency: str, language: str) -> str:
    """123456 EUR → "1 234,56 €" in French, "€1,234.56" in English."""
    amount = Decimal(minor).scaleb(-get_currency_precision(currency))
    return format_currency(amount, currency, locale="en_GB" if language == "en" else "fr_FR")
