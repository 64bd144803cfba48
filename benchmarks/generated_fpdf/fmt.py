"""How invoicing software in each country writes amounts, dates, identifiers and percentages."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

MONTHS = {
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "en": "January February March April May June July August September October November December",
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    "it": "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",
    "nl": "januari februari maart april mei juni juli augustus september oktober november december",
}
SYMBOL = {"EUR": "€", "GBP": "£", "USD": "$", "CHF": "CHF"}


def num(v: Decimal, style: str = "fr") -> str:
    """1234.56 as '1 234,56' (fr), '1.234,56' (de), '1,234.56' (en), "1'234.56" (ch) or '1234.56' (plain)."""
    sign = "-" if v < 0 else ""
    whole, cents = f"{abs(v):.2f}".split(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    sep, dec = {
        "fr": ("\u202f", ","),
        "frs": (" ", ","),
        "de": (".", ","),
        "en": (",", "."),
        "ch": ("'", "."),
    }.get(style, ("", "."))
    if style == "plain":
        return f"{sign}{''.join(groups)}.{cents}"
    if style == "fr0":
        return f"{sign}{''.join(groups)},{cents}"
    return f"{sign}{sep.join(groups)}{dec}{cents}"


def cur(v: Decimal, currency: str, style: str = "fr", where: str = "after") -> str:
    """An amount with its currency: '1 234,56 €', '€1,234.56', '1.234,56 EUR', 'CHF 1'234.50'."""
    n = num(v, style)
    symbol = SYMBOL[currency] if where in ("after", "before") else currency
    if where == "before":
        return f"{symbol}{n}" if len(symbol) == 1 else f"{symbol} {n}"
    if where == "code-before":
        return f"{currency} {n}"
    return f"{n} {symbol}"


def pct(rate: Decimal, style: str = "fr") -> str:
    text = f"{rate.normalize():f}"
    return (
        (text.replace(".", ",") if style in ("fr", "de", "frs", "fr0") else text)
        + " %" * (style != "en")
        + "%" * (style == "en")
    )


def day(d: date, style: str) -> str:
    """A date as the country writes it: 'dmy/' 31/01/2026, 'dmy.' 31.01.2026, 'dmy-' 31-01-2026, 'iso',
    'long-fr' 31 janvier 2026, 'long-en' January 31, 2026, 'gb' 31 Jan 2026, 'long-de' 31. Januar 2026,
    'long-es' 31 de enero de 2026, 'long-it', 'long-nl', 'mdy/' 01/31/2026, 'dmy2' 31/01/26."""
    if style == "dmy/":
        return d.strftime("%d/%m/%Y")
    if style == "dmy.":
        return d.strftime("%d.%m.%Y")
    if style == "dmy-":
        return d.strftime("%d-%m-%Y")
    if style == "dmy2":
        return d.strftime("%d/%m/%y")
    if style == "mdy/":
        return d.strftime("%m/%d/%Y")
    if style == "iso":
        return d.isoformat()
    lang = style.split("-")[-1]
    month = MONTHS.get(lang, MONTHS["en"]).split()[d.month - 1]
    if style == "long-en":
        return f"{month} {d.day}, {d.year}"
    if style == "gb":
        return f"{d.day} {MONTHS['en'].split()[d.month - 1][:3]} {d.year}"
    if style == "long-de":
        return f"{d.day}. {month} {d.year}"
    if style == "long-es":
        return f"{d.day} de {month} de {d.year}"
    first = "1er" if d.day == 1 and lang == "fr" else str(d.day)
    return f"{first} {month} {d.year}"


def grouped(ident: str, size: int = 4) -> str:
    """IBAN-style groups: FR76 3000 4000 ..."""
    return " ".join(ident[i : i + size] for i in range(0, len(ident), size))


def siren_spaced(s: str) -> str:
    return f"{s[:3]} {s[3:6]} {s[6:9]}"


def siret_spaced(s: str) -> str:
    return f"{s[:3]} {s[3:6]} {s[6:9]} {s[9:]}"
