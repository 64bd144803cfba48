"""The sum of a table's amount column, for a total OCR did not read.

A total printed in white on a coloured band ("TOTAL 5 612,16 €" in a Canva template) may be lost by OCR
while the lines above it are read. The only figure left under a totals word is then the first line's
amount, under the table's "Total" column header. The sum of that column is the lines' total (EN 16931
BT-106), which is the invoice's total when no charge or discount follows: a better guess than one line,
offered only when no totals label was read with a figure of its own.
"""

from __future__ import annotations

import re
from decimal import Decimal

from .amounts import format_amount, money_spans
from .candidates import Candidate
from .dates import DATE_PATTERN
from .document import Document, Line
from .layout import Phrase
from .total_labels import classify

_QUANTITY = re.compile(r"qt[ée]s?|qte|qty|quantit[ée]s?|quantity|menge|anzahl|cantidad|quantit[àa]|aantal")
_HEADER_CELLS = 3
_MAX_LINES = 60
_GAP = 3  # line heights of blank that end the table
_NET_OR_GROSS = ("total_excl_tax", "total_incl_tax")


def column_sum(document: Document) -> tuple[str, Decimal, Candidate, int] | None:
    """(the total the column header names, the column's sum, its last figure as the place, the line of its
    first figure) of the first table of lines with a quantity column, two lines or more, or None."""
    for line in document.lines:
        header = _amount_header(line)
        if header is None:
            continue
        kind, phrase = header
        figures = _column(document, line, phrase)
        if len(figures) < 2:
            return None
        total = sum((value for value, _ in figures), Decimal(0))
        last = figures[-1][1]
        return kind, total, replace_value(last, total), figures[0][1].order
    return None


def replace_value(at: Candidate, value: Decimal) -> Candidate:
    return Candidate(format_amount(value), at.score, at.phrase, at.start, at.end, at.order)


def _amount_header(line: Line) -> tuple[str, Phrase] | None:
    """The rightmost cell of a table's header row (a quantity column among three cells or more) that names
    a net or gross total ("TOTAL", "Montant HT")."""
    if len(line.phrases) < _HEADER_CELLS:
        return None
    if not any(_QUANTITY.fullmatch(w.text.strip(".:()").lower()) for p in line.phrases for w in p.words):
        return None
    for phrase in reversed(line.phrases):
        label = classify(phrase.text)
        if label is not None and label.kind in _NET_OR_GROSS:
            return label.kind, phrase
    return None


def _column(document: Document, header: Line, cell: Phrase) -> list[tuple[Decimal, Candidate]]:
    """Each following line's last amount with cents that sits under `cell`, down to the first that sits
    elsewhere or a blank that ends the table (lines without a figure, a description's second line, pass)."""
    figures: list[tuple[Decimal, Candidate]] = []
    height, bottom = max(header.y1 - header.y0, 1.0), header.y1
    for line in document.lines[header.index + 1 : header.index + 1 + _MAX_LINES]:
        if line.page != header.page or line.y0 - bottom > height * _GAP:
            break
        found = _last_amount(line)
        if found is None:
            continue  # a description's second line
        bottom = line.y1
        value, phrase, start, end = found
        box = phrase.span_bbox(start, end)
        if box[2] < cell.x0 or box[0] > cell.x1:
            break
        figures.append((value, Candidate(format_amount(value), 0.0, phrase, start, end, line.index)))
    return figures


def _last_amount(line: Line) -> tuple[Decimal, Phrase, int, int] | None:
    phrase = line.phrases[-1]
    dates = [(m.start(), m.end()) for m in DATE_PATTERN.finditer(phrase.text)]
    spans = [m for m in money_spans(phrase.text, dates) if m.cents]
    if not spans:
        return None
    money = spans[-1]
    return money.value, phrase, money.start, money.end
