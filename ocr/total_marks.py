"""Totals that OCR bent: a lost decimal mark ("553391€" for "5 533,91 €"), digits split apart ("4 1 03.95 €"
for "4 103.95 €", of which only "03.95" reads as money).

On a scan or a photo, a small comma (and the thin space grouping the thousands) may vanish, leaving a run of
digits a hundred times the amount; a wide kerning may split a number where no grouping space belongs. Such a
figure is kept as read, and the repaired one is offered beside it at a lower score: only the arithmetic of
the totals (net + tax = gross, the due amount equal to the gross) picks it, so a figure really printed so
keeps its value.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from .amounts import format_amount, parse_amount
from .document import Document
from .total_candidates import TotalCandidate

_LOST_MARK = 0.8  # the hundredth of a figure is a guess the arithmetic must back
_DIGITS = re.compile(r"[-−–]?\d{3,}")  # three digits or more, nothing between them
_SPLIT_BEFORE = re.compile(r"(?:\d\s)+$")  # digits, each followed by one space, just before the amount
_KINDS = frozenset({"total_excl_tax", "total_tax", "total_incl_tax", "amount_due"})


def lost_marks(document: Document, candidates: list[TotalCandidate]) -> list[TotalCandidate]:
    """The hundredth of each OCR'd total read as a bare run of digits, on an invoice whose other totals
    print cents."""
    if not any(c.cents and c.kind in _KINDS for c in candidates):
        return []
    found = []
    for candidate in candidates:
        at = candidate.at
        if candidate.kind not in _KINDS or document.pages[at.phrase.page].method != "ocr":
            continue
        text = at.phrase.text
        if not candidate.cents and _DIGITS.fullmatch(text[at.start : at.end].strip()):
            found.append(_repaired(candidate, candidate.value / 100, at.start))
        split = _SPLIT_BEFORE.search(text[: at.start])
        joined = parse_amount(text[split.start() : at.end].replace(" ", "")) if split else None
        if split and joined is not None and candidate.cents:
            found.append(_repaired(candidate, joined if candidate.value >= 0 else -joined, split.start()))
    return found


def _repaired(candidate: TotalCandidate, value: Decimal, start: int) -> TotalCandidate:
    at = replace(candidate.at, value=format_amount(value), start=start)
    # Not read with cents: a tax label printed with such a figure still counts as unread (`_derived`).
    score = candidate.score * _LOST_MARK
    return replace(candidate, value=value, score=score, weak=True, cents=False, at=at, repaired=True)
