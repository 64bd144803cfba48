"""Invoice number, issue and due dates, purchase order: candidates, scored on layout evidence, then picked.

Candidates come from labels (value in the label's phrase, to its right, or under it), from header rows
("Invoice No. | Date | Due date" over a row of values) and, for the issue date only, from dates printed
alone on page 1. Labels of other documents and other dates (ocr/decoy_labels.py) veto both the labels
they overlap ("N° de facture associée") and the values they name. The issue and due dates are picked
together: a due date is never before the issue date.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from . import decoy_labels, labels
from .candidates import Candidate, anywhere, best, label_hits, value_after
from .dates import DATE_PATTERN
from .document import Document
from .header_table import OTHER, Heading, Labels, header_rows, other_column_words, table_values
from .values import Finder, find_date, find_identifier, find_invoice_number, find_labelled_near_date

UNLABELLED_DATE = 0.45  # a date alone on page 1: the issue date only when no label says otherwise
_DUE_WEIGHT = 0.3  # how much a consistent due date may lift a weaker issue date candidate
# "du 01/12/2026 au 31/12/2026", "01.12.2026 - 31.12.2026": a period, neither end is the issue date.
_PERIOD = re.compile(
    rf"(?:{DATE_PATTERN.pattern})\s*(?:au|à|to|till|until|bis|al|tot|t/m|-|–)\s*(?=\d|[A-Za-z]+\s+\d)",
    re.IGNORECASE,
)

_FINDERS: dict[str, Finder] = {
    "invoice_number": find_invoice_number,
    "issue_date": find_labelled_near_date,
    "due_date": find_labelled_near_date,
    "purchase_order": find_identifier,
}
_LABELS = {
    "invoice_number": labels.INVOICE_NUMBER,
    "issue_date": labels.ISSUE_DATE,
    "due_date": labels.DUE_DATE,
    "purchase_order": labels.PURCHASE_ORDER,
}
_HEADINGS = Labels(
    strong={
        "invoice_number": (labels.INVOICE_NUMBER[0], labels.INVOICE_NUMBER[3]),
        "issue_date": labels.ISSUE_DATE[:1],
        "due_date": labels.DUE_DATE,
        "purchase_order": labels.PURCHASE_ORDER,
        OTHER: decoy_labels.OTHER_INVOICE + decoy_labels.OTHER_DOCUMENT + decoy_labels.OTHER_DATE,
    },
    weak=labels.HEADINGS,
)
# The labels that say "not this one", per field, and how their own values read.
_DECOYS: dict[str, tuple[tuple[re.Pattern[str], ...], Finder]] = {
    "invoice_number": (decoy_labels.OTHER_INVOICE + decoy_labels.OTHER_DOCUMENT, find_identifier),
    "purchase_order": (decoy_labels.OTHER_INVOICE, find_identifier),
    "issue_date": (
        decoy_labels.OTHER_DATE + decoy_labels.OTHER_INVOICE + labels.DUE_DATE,
        find_labelled_near_date,
    ),
    "due_date": (decoy_labels.OTHER_DATE, find_labelled_near_date),
}


@dataclass
class Decoys:
    """Where "not this one" labels sit (phrase id -> spans) and the words of the values they name."""

    labels: dict[int, list[tuple[int, int]]]
    words: set[int]

    def covers(self, phrase_id: int, start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in self.labels.get(phrase_id, ()))

    def claims(self, candidate: Candidate) -> bool:
        return any(id(w) in self.words for w in candidate.phrase.span_words(candidate.start, candidate.end))


def locate_references(document: Document) -> dict[str, Candidate]:
    rows = header_rows(document, _HEADINGS)
    table = table_values(document, rows, _FINDERS)
    shared = other_column_words(document, rows) | _period_words(document)
    found: dict[str, Candidate] = {}
    candidates: dict[str, list[Candidate]] = {}
    for name in _FINDERS:
        decoys = _decoys(document, name, shared, rows)
        labelled = _labelled(document, name, decoys, rows)
        candidates[name] = [_placed(document, c) for c in labelled + table[name]]
        if name == "issue_date":
            candidates[name] += _unlabelled_dates(document, decoys)
    for name in ("invoice_number", "purchase_order"):
        if (pick := best(candidates[name])) is not None:
            found[name] = pick
    found.update(_pick_dates(candidates["issue_date"], candidates["due_date"]))
    return found


def _decoys(document: Document, name: str, shared: set[int], rows: dict[int, list[Heading]]) -> Decoys:
    patterns, finder = _DECOYS[name]
    decoys = Decoys({}, set(shared))
    for hit in label_hits(document, patterns):
        decoys.labels.setdefault(id(hit.phrase), []).append((hit.start, hit.end))
        below = document.line_of(hit.phrase).index not in rows
        value = value_after(document, hit, finder, below=below)
        if value is not None:
            decoys.words.update(id(w) for w in value.phrase.span_words(value.start, value.end))
    return decoys


def _labelled(
    document: Document, name: str, decoys: Decoys, rows: dict[int, list[Heading]]
) -> list[Candidate]:
    found: list[Candidate] = []
    done: set[tuple[int, int]] = set()  # one value per label and phrase
    for hit in label_hits(document, _LABELS[name]):
        if (id(hit.phrase), hit.rank) in done or decoys.covers(id(hit.phrase), hit.start, hit.end):
            continue
        # In a header row the table reader reads each column; a plain "below" would read the whole row.
        below = document.line_of(hit.phrase).index not in rows
        candidate = value_after(document, hit, _FINDERS[name], below=below)
        if candidate is not None and not decoys.claims(candidate):
            found.append(candidate)
            done.add((id(hit.phrase), hit.rank))
    return found


def _placed(document: Document, candidate: Candidate) -> Candidate:
    """Invoices print their references at the top of the first page; further down they quote others."""
    if candidate.phrase.page > 1:
        factor = 0.9
    else:
        factor = 1.0 if candidate.phrase.y0 < document.page_height(1) / 2 else 0.95
    return _rescored(candidate, candidate.score * factor)


def _rescored(candidate: Candidate, score: float) -> Candidate:
    c = candidate
    return Candidate(c.value, score, c.phrase, c.start, c.end, c.order)


def _unlabelled_dates(document: Document, decoys: Decoys) -> list[Candidate]:
    """Many invoices print the date alone near the title: dates on page 1 that no other label names."""
    dates = [c for c in anywhere(document, find_date, UNLABELLED_DATE) if c.phrase.page == 1]
    return [_placed(document, c) for c in dates if not decoys.claims(c)]


def _period_words(document: Document) -> set[int]:
    words: set[int] = set()
    for phrase in document.phrases():
        for match in _PERIOD.finditer(phrase.text):
            tail = DATE_PATTERN.search(phrase.text, match.end())
            end = tail.end() if tail is not None and tail.start() - match.end() < 12 else match.end()
            words.update(id(w) for w in phrase.span_words(match.start(), end))
    return words


def _pick_dates(issues: list[Candidate], dues: list[Candidate]) -> dict[str, Candidate]:
    """The best issue date, lifted a little by a due date on or after it; the due date never before it."""
    issue = _best_pair(issues, dues)
    if issue is None:
        return {"due_date": due} if (due := best(dues)) is not None else {}
    picked = {"issue_date": issue}
    due = best([d for d in dues if d.value >= issue.value])
    if due is not None:
        picked["due_date"] = due
    return picked


def _best_pair(issues: Iterable[Candidate], dues: list[Candidate]) -> Candidate | None:
    def merit(issue: Candidate) -> float:
        later = [d.score for d in dues if d.value >= issue.value]
        return issue.score + _DUE_WEIGHT * max(later, default=0.0)

    ranked = [_rescored(c, merit(c)) for c in issues]
    chosen = best(ranked)
    if chosen is None:
        return None
    return next(c for c in issues if c.phrase is chosen.phrase and c.start == chosen.start)
