"""Invoice totals: candidates next to their labels, then the combination that adds up.

Totals labels are ambiguous ("Total HT" heads a column of line totals too), so among the candidates the
triple where excl. tax + tax = incl. tax wins; with no such triple, each field keeps its best candidate.
"""

from __future__ import annotations

import itertools
from decimal import Decimal

from . import total_labels
from .candidates import Candidate, best, label_values
from .document import Document
from .values import find_amount

_TOP = 4  # candidates per field tried in combinations
_CONSISTENCY_BONUS = 0.15
_TOLERANCE = Decimal("0.01")
_RATED_STRENGTH = 0.8


def locate_totals(document: Document) -> dict[str, Candidate]:
    excl = label_values(document, total_labels.TOTAL_EXCL_TAX, find_amount)
    tax = label_values(document, total_labels.TOTAL_TAX, find_amount)
    incl = label_values(document, total_labels.TOTAL_INCL_TAX, find_amount)
    due = label_values(document, total_labels.AMOUNT_DUE, find_amount)
    chosen = _consistent_triple(excl, tax, incl)
    if chosen is None:
        # "TVA 20 % : 205,76": a weaker label, believed only when the three totals agree.
        rated = label_values(document, total_labels.TOTAL_TAX_RATED, find_amount)
        rated = [_scaled(candidate, _RATED_STRENGTH) for candidate in rated]
        chosen = _consistent_triple(excl, rated, incl)
    if chosen is None:
        chosen = {"total_excl_tax": best(excl, last=True), "total_tax": best(tax, last=True),
                  "total_incl_tax": best(incl, last=True)}  # fmt: skip
    chosen["amount_due"] = best(due, last=True)
    return {name: candidate for name, candidate in chosen.items() if candidate is not None}


def _ranked(candidates: list[Candidate]) -> list[Candidate]:
    unique: dict[str, Candidate] = {}
    for candidate in sorted(candidates, key=lambda c: (-c.score, -c.order)):
        unique.setdefault(candidate.value, candidate)
    return list(unique.values())[:_TOP]


def _consistent_triple(
    excl: list[Candidate], tax: list[Candidate], incl: list[Candidate]
) -> dict[str, Candidate | None] | None:
    best_triple: tuple[float, tuple[Candidate, Candidate, Candidate]] | None = None
    for e, t, i in itertools.product(_ranked(excl), _ranked(tax), _ranked(incl)):
        if abs(abs(Decimal(e.value)) + abs(Decimal(t.value)) - abs(Decimal(i.value))) <= _TOLERANCE:
            total = e.score + t.score + i.score
            if best_triple is None or total > best_triple[0]:
                best_triple = (total, (e, t, i))
    if best_triple is None:
        return None
    e, t, i = (_bonus(c) for c in best_triple[1])
    return {"total_excl_tax": e, "total_tax": t, "total_incl_tax": i}


def _scaled(candidate: Candidate, factor: float) -> Candidate:
    score = candidate.score * factor
    return Candidate(
        candidate.value, score, candidate.phrase, candidate.start, candidate.end, candidate.order
    )


def _bonus(candidate: Candidate) -> Candidate:
    score = min(1.0, candidate.score + _CONSISTENCY_BONUS)
    return Candidate(
        candidate.value, score, candidate.phrase, candidate.start, candidate.end, candidate.order
    )
