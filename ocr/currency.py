"""The invoice's currency: a currency label, else a printed code, else the symbols, else the currency of the
country the seller's account (or VAT number) is in, else what a French invoice that prints none means: euros.

Symbols are counted whole: "CA$", "A$", "NZ$", "HK$" and "S$" are not US dollars, "Fr. 120.00" is Swiss
francs; the symbol printed most often wins.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from . import labels
from .candidates import anywhere, best, label_values
from .document import Document
from .model import Field
from .values import find_any_currency_code, find_currency_code

_INFERRED = 0.6
# The common symbols first: among equal counts the first listed wins.
_SYMBOLS = (
    (re.compile(r"€"), "EUR"),
    (re.compile(r"£"), "GBP"),
    (re.compile(r"(?<![A-Za-z])(?:US)?\$"), "USD"),
    (re.compile(r"\b(?:CA?|CAD)\$"), "CAD"),
    (re.compile(r"\b(?:AU?|AUD)\$"), "AUD"),
    (re.compile(r"\bNZ\$"), "NZD"),
    (re.compile(r"\bHK\$"), "HKD"),
    (re.compile(r"\bS\$"), "SGD"),
    (re.compile(r"\bS?Fr\.(?=\s*\d)"), "CHF"),
    (re.compile(r"¥"), "JPY"),
    (re.compile(r"₹"), "INR"),
    (re.compile(r"\d\s*zł"), "PLN"),
    (re.compile(r"\d\s*Kč"), "CZK"),
    # Moroccan dirhams: "(DH)" heading an amount column, "1 250,00 DH", "... dirhams" in the amount in words
    # (the Emirates' are "AED", "Dhs", "UAE dirhams").
    (re.compile(r"\(DH\)|\d\s*DH\b|(?<!UAE\s)\b[Dd]irhams?\b"), "MAD"),
)
# Countries with one currency, by the prefix their IBANs and VAT numbers share (Greece's VAT "EL"): an invoice
# printing no currency at all is payable in the currency of the account it names.
_EURO_COUNTRIES = frozenset("AT BE CY DE EE EL ES FI FR GR HR IE IT LT LU LV MC MT NL PT SI SK SM".split())
_COUNTRY_CURRENCY = {"GB": "GBP", "CH": "CHF", "CHE": "CHF", "LI": "CHF"}
_EURO_AS_E = re.compile(r"(?<![\w.,])\d[\d.,]*\s+e(?!\S)")


def locate_currency(document: Document, accounts: Sequence[str] = ()) -> Field | None:
    """`accounts`: the seller's IBAN and VAT number as read, the evidence when no currency is printed."""
    labelled = best(label_values(document, labels.CURRENCY, find_currency_code))
    found = labelled.to_field(document) if labelled is not None else _coded_currency(document)
    if found is None:
        found = _currency_of_text(" ".join(line.text for line in document.lines), accounts)
    return found


def _coded_currency(document: Document) -> Field | None:
    """The first code printed, or the first one an amount heading names ("Amount USD", "TOTAL (EUR)")."""
    coded = anywhere(document, find_any_currency_code, 0.8)
    named = [
        c for c in coded if labels.AMOUNT_BEFORE_CODE.search(c.phrase.text[max(0, c.start - 30) : c.start])
    ]
    return (named or coded)[0].to_field(document) if coded else None


def _currency_of_text(text: str, accounts: Sequence[str]) -> Field | None:
    counts = [(len(pattern.findall(text)), code) for pattern, code in _SYMBOLS]
    count, code = max(counts, key=lambda item: item[0])
    if count:
        return Field(code, 0.8)
    for account in accounts:
        if (national := _country_currency(account)) is not None:
            return Field(national, _INFERRED)
    if not _is_french(text):
        return None
    # A LaTeX "€" often reaches the text layer as a lone "e" after each amount ("7 600 e").
    return Field("EUR", 0.8 if len(_EURO_AS_E.findall(text)) >= 2 else _INFERRED)


def _country_currency(account: str) -> str | None:
    prefix = account[:3].upper() if account[:3].upper() == "CHE" else account[:2].upper()
    return "EUR" if prefix in _EURO_COUNTRIES else _COUNTRY_CURRENCY.get(prefix)


def _is_french(text: str) -> bool:
    return sum(1 for pattern in labels.FRENCH_INVOICE_WORDS if pattern.search(text)) >= 2
