"""The amount of a Swiss QR-bill's payment part and receipt: what the invoice asks to be paid.

Every Swiss invoice since 2022 may end with a QR-bill, whose layout the standard fixes: a "Currency" heading
with an "Amount" heading to its right (in German, French, Italian or English: "Währung | Betrag", "Monnaie |
Montant", "Valuta | Importo"), the currency code under the first and the amount under the second. That
amount is the amount due; it is read even when OCR lost the invoice's own totals above.
"""

from __future__ import annotations

import re

from .amounts import format_amount, money_spans
from .candidates import Candidate
from .document import Document, Line
from .layout import Phrase
from .total_candidates import TotalCandidate

_CURRENCY_HEADING = re.compile(r"w[äa]hrung|monnaie|valuta|currency", re.IGNORECASE)
_AMOUNT_HEADING = re.compile(r"betrag|montant|importo|amount", re.IGNORECASE)
_CODE = re.compile(r"CHF|EUR")
_SCORE = 0.8  # a standard layout's heading: as sure as a due amount read beside its label
_LINES_BELOW = 2


def qr_bill_amounts(document: Document) -> list[TotalCandidate]:
    """The amount under each "Amount" heading that follows a "Currency" heading on its line, with a
    currency code under that one."""
    found = []
    for line in document.lines:
        for currency, amount in _heading_pairs(line):
            found.extend(_amount_under(document, line, currency, amount))
    return found


def _heading_pairs(line: Line) -> list[tuple[Phrase, Phrase]]:
    pairs = []
    for left, right in zip(line.phrases, line.phrases[1:], strict=False):
        if _CURRENCY_HEADING.fullmatch(left.text.strip()) and _AMOUNT_HEADING.fullmatch(right.text.strip()):
            pairs.append((left, right))
    return pairs


def _amount_under(document: Document, line: Line, currency: Phrase, heading: Phrase) -> list[TotalCandidate]:
    height = max(line.y1 - line.y0, 1.0)
    for below in document.lines[line.index + 1 : line.index + 1 + _LINES_BELOW]:
        if below.page != line.page or below.y0 - line.y1 > height * 3:
            return []
        code = any(_CODE.fullmatch(p.text.strip()) and _overlaps(p, currency) for p in below.phrases)
        figure = next((p for p in below.phrases if _overlaps(p, heading)), None)
        if not code or figure is None:
            continue
        spans = [m for m in money_spans(figure.text) if m.cents]
        if len(spans) != 1:
            return []
        money = spans[0]
        at = Candidate(format_amount(money.value), _SCORE, figure, money.start, money.end, below.index)
        return [TotalCandidate("amount_due", money.value, _SCORE, False, True, None, at)]
    return []


def _overlaps(phrase: Phrase, heading: Phrase) -> bool:
    return phrase.x0 < heading.x1 and heading.x0 < phrase.x1
