"""How each language prints dates and amounts, in the several styles real invoicing tools use."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

MONTHS = {
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "en": "January February March April May June July August September October November December",
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    "it": "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",
    "nl": "januari februari maart april mei juni juli augustus september oktober november december",
}
NBSP = "\u00a0"
SYMBOLS = {"EUR": "€", "GBP": "£", "USD": "$", "CHF": "CHF"}


def month_name(lang: str, month: int) -> str:
    return MONTHS[lang].split()[month - 1]


def format_date(day: dt.date, style: str, lang: str) -> str:
    """`style` is one of: slash, dot, dash, iso, long, short, us_long."""
    if style == "slash":
        return day.strftime("%d/%m/%Y")
    if style == "dot":
        return day.strftime("%d.%m.%Y")
    if style == "dash":
        return day.strftime("%d-%m-%Y")
    if style == "us_slash":
        return day.strftime("%m/%d/%Y")
    if style == "iso":
        return day.isoformat()
    if style == "short":  # "31 Jan 2026": the SaaS receipts' habit
        return f"{day.day} {month_name(lang, day.month)[:3]} {day.year}"
    if style == "us_long":
        return f"{month_name('en', day.month)} {day.day}, {day.year}"
    name = month_name(lang, day.month)
    if lang == "de":
        return f"{day.day}. {name} {day.year}"
    if lang == "es":
        return f"{day.day} de {name} de {day.year}"
    return f"{day.day} {name} {day.year}"


def group(amount: Decimal, thousands: str, decimal: str) -> str:
    sign = "-" if amount < 0 else ""
    whole, cents = f"{abs(amount):.2f}".split(".")
    parts: list[str] = []
    while len(whole) > 3:
        parts.insert(0, whole[-3:])
        whole = whole[:-3]
    parts.insert(0, whole)
    return f"{sign}{thousands.join(parts)}{decimal}{cents}"


def format_money(amount: Decimal, currency: str, style: str) -> str:
    """`style`: fr (1 234,56 €), fr_code (1 234,56 EUR), de (1.234,56 €), de_code (1.234,56 EUR),
    en (€1,234.56), en_code (1,234.56 EUR), it (€ 1.234,56), ch (CHF 1'234.56), bare_fr / bare_en
    (no currency: the column header or the footer says it)."""
    sym = SYMBOLS[currency]
    if style == "fr":
        return group(amount, NBSP, ",") + NBSP + sym
    if style == "fr_code":
        return f"{group(amount, ' ', ',')} {currency}"
    if style == "de":
        return f"{group(amount, '.', ',')} {sym}"
    if style == "de_code":
        return f"{group(amount, '.', ',')} {currency}"
    if style == "en":
        return f"{sym}{group(amount, ',', '.')}" if sym != "CHF" else f"CHF {group(amount, ',', '.')}"
    if style == "en_code":
        return f"{group(amount, ',', '.')} {currency}"
    if style == "it":
        return f"{sym} {group(amount, '.', ',')}"
    if style == "ch":
        return currency + " " + group(amount, "'", ".")
    if style == "bare_fr":
        return group(amount, " ", ",")
    if style == "bare_de":
        return group(amount, ".", ",")
    return group(amount, ",", ".")


def format_rate(rate: Decimal, decimal: str) -> str:
    text = f"{rate.normalize():f}"
    return text.replace(".", decimal)
