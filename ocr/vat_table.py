"""VAT breakdown rows (rate, taxable base, tax) found by their arithmetic, whatever the table layout.

A line counts as a VAT row when it holds a rate and two amounts with base x rate / 100 = tax (to the
cent, or 1 % for rounding): that test is layout-free and rarely fooled by other lines.
"""

from __future__ import annotations

import itertools
import re
from decimal import Decimal

from .amounts import AMOUNT_PATTERN, format_amount, parse_amount
from .document import Document
from .model import VatBreakdown

_MAX_RATE = Decimal("30")
_CENT = Decimal("0.01")


def find_vat_rows(document: Document) -> list[VatBreakdown]:
    rows: dict[tuple[str, str, str], VatBreakdown] = {}
    for line in document.lines:
        numbers = _numbers(line.text)
        # Base and tax are money, printed with cents; "30 days, 3 % discount within 10 days" is not a row.
        for (rate, _), (base, base_cents), (tax, tax_cents) in itertools.permutations(numbers, 3):
            if base_cents and tax_cents and _is_vat_row(rate, base, tax):
                key = (format_amount(rate.normalize()), format_amount(base), format_amount(tax))
                rows.setdefault(key, VatBreakdown(rate=key[0], base=key[1], amount=key[2]))
                break
    return list(rows.values())


def _numbers(text: str) -> list[tuple[Decimal, bool]]:
    found = []
    for match in AMOUNT_PATTERN.finditer(text):
        value = parse_amount(match.group(0))
        if value is not None:
            found.append((abs(value), re.search(r"[.,]\d{2}$", match.group(0)) is not None))
    return found[:8]  # a long line of figures is a table of lines, not a VAT row


def _is_vat_row(rate: Decimal, base: Decimal, tax: Decimal) -> bool:
    if not (0 < rate <= _MAX_RATE) or base <= rate or tax <= 0 or tax >= base:
        return False
    expected = base * rate / 100
    return abs(expected - tax) <= max(_CENT, expected * Decimal("0.01"))


def total_of(rows: list[VatBreakdown]) -> Decimal:
    return sum((Decimal(r.amount) for r in rows if r.amount is not None), Decimal(0))
