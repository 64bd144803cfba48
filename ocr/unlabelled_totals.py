"""Totals whose labels were not read: OCR loses light or reversed text ("TOTAL HT" in white on a dark
band) and keeps the figures. Three figures stacked each on a line of its own, the second no more than a VAT
rate of the first, and the first two adding up to the third are the net total, the tax and the gross total:
the arithmetic says what the missing labels would have said."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .amounts import Money, format_amount, money_spans
from .candidates import Candidate
from .dates import DATE_PATTERN
from .document import Document
from .layout import Phrase

_MAX_RATE = Decimal("0.3")
_TOLERANCE = Decimal("0.01")
_MAX_GAP = 3  # lines between two figures of the stack
CONFIDENCE = 0.5  # no label backs them: the arithmetic alone


@dataclass(frozen=True, slots=True)
class _Figure:
    value: Decimal
    page: int
    line: int
    at: Candidate


def stacked_totals(document: Document) -> dict[str, Candidate]:
    """The net, tax and gross totals as the last stack of three lone figures that adds up, or nothing."""
    stacks = all_stacks(document)
    return stacks[-1] if stacks else {}


def all_stacks(document: Document) -> list[dict[str, Candidate]]:
    """Every stack of three lone figures that adds up as net + tax = gross, top to bottom: where only some
    labels were read ("Totaal excl. btw" over a lighter "21% btw" and "Totaal" OCR lost), the figures under
    a labelled one."""
    figures = _lone_figures(document)
    stacks = []
    for first in range(len(figures) - 2):
        excl, tax, incl = figures[first : first + 3]
        if _stacked(excl, tax) and _stacked(tax, incl) and _adds_up(excl.value, tax.value, incl.value):
            stacks.append({"total_excl_tax": excl.at, "total_tax": tax.at, "total_incl_tax": incl.at})
    return stacks


def _lone_figures(document: Document) -> list[_Figure]:
    """Each line's amount with cents when it is the line's only figure (linear in the words)."""
    found = []
    for line in document.lines:
        spans: list[tuple[Phrase, Money]] = []
        for phrase in line.phrases:
            dates = [(m.start(), m.end()) for m in DATE_PATTERN.finditer(phrase.text)]
            spans.extend((phrase, money) for money in money_spans(phrase.text, dates))
        if len(spans) != 1 or not spans[0][1].cents:
            continue
        phrase, money = spans[0]
        value = format_amount(money.value)
        at = Candidate(value, CONFIDENCE, phrase, money.start, money.end, line.index)
        found.append(_Figure(money.value, line.page, line.index, at))
    return found


def _stacked(upper: _Figure, lower: _Figure) -> bool:
    return upper.page == lower.page and 0 < lower.line - upper.line <= _MAX_GAP


def _adds_up(excl: Decimal, tax: Decimal, incl: Decimal) -> bool:
    return 0 < tax <= excl * _MAX_RATE and abs(excl + tax - incl) <= _TOLERANCE
