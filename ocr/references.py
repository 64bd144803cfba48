"""Invoice number, issue and due dates, purchase order: candidates, scored on layout evidence, then picked.

Candidates come from labels (value in the label's phrase, to its right, or under it), from header rows
("Invoice No. | Date | Due date" over a row of values) and, for the issue date only, from dates printed
alone on page 1. Labels of other documents and other dates (ocr/decoy_labels.py) veto both the labels
they overlap ("N° de facture associée") and the values they name. The issue and due dates are picked
together: a due date is never before the issue date.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from . import date_clues, decoy_labels, labels
from .candidates import (
    Candidate,
    LabelHit,
    anywhere,
    best,
    column_gap,
    is_country,
    label_hits,
    value_after,
)
from .dates import DATE_PATTERN, date_from_match, month_number
from .document import Document
from .header_table import OTHER, Labels, header_rows, other_column_words, table_values
from .layout import Phrase
from .line_items import header_role
from .values import (
    Finder,
    find_date,
    find_identifier,
    find_invoice_number,
    find_labelled_near_date,
    find_order_reference,
)

_PRICE = re.compile(r"\d[.,]\d{2}(?!\d)")  # an amount with cents: "61,66", "1 234.50"
UNLABELLED_DATE = 0.45  # a date alone on page 1: the issue date only when no label says otherwise
_ITEM_ROW_DATE = 0.9  # an unlabelled date on a priced line: an item's, below a date alone
_IN_SENTENCE = 0.85  # a label quoted inside a sentence is weaker than a caption
_BARE = 0.76  # a bare "Numéro :" names the invoice less surely than "Facture n°"
_ELSEWHERE = 0.6  # a reference whose value a "not this one" label names too: a last resort
_QUALIFIED = 0.95  # a caption with words the label list does not know, its value beside it
# Those words: one or two, no digits, the caption ending with them ("de paiement", "client", "(Kunde)").
_QUALIFIER_TAIL = re.compile(r"(?:(?<=\s)|\s+)[A-Za-zÀ-ÿ'’()\-]+\.?(?:\s+[A-Za-zÀ-ÿ'’()\-]+\.?)?\s*:?\s*")
_DUE_WEIGHT = 0.3  # how much a consistent due date may lift a weaker issue date candidate
_SHARED = 0.9  # "Date de facture / Date de livraison  6 janvier 2026": one value for two captions
# A column heading naming dates, between a schedule's caption and its first row ("Scadenze" / "Data" / date).
_DATE_HEADING = re.compile(r"(?:date|datum|fecha|data)\s*:?", re.IGNORECASE)
_JOINT = re.compile(r"\s*[/&|+=]\s*")  # between two captions sharing one value
_WORD = re.compile(r"[A-Za-zÀ-ÿ]{2,}")
# "du 01/12/2026 au 31/12/2026", "01.12.2026 - 31.12.2026": a period, neither end is the issue date.
_PERIOD = re.compile(
    rf"(?:{DATE_PATTERN.pattern})\s*(?:au|à|to|till|until|bis|al|tot|t/m|-|–)\s*(?=\d|[A-Za-z]+\s+\d)",
    re.IGNORECASE,
)
# A period's end printed without its year: "01/12/2026 au 31/12", "01.12.2026 - 31. Dez.".
_PERIOD_END = re.compile(
    r"\d{1,2}\s?[/.\-]\s?\d{1,2}(?!\d)|\d{1,2}(?:er|\.)?\s+(?P<m1>[A-Za-zÀ-ÿ]{3,})|(?P<m2>[A-Za-zÀ-ÿ]{3,})\.?\s+\d"
)

_FINDERS: dict[str, Finder] = {
    "invoice_number": find_invoice_number,
    "issue_date": find_labelled_near_date,
    "due_date": find_labelled_near_date,
    "purchase_order": find_order_reference,
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
# The labels that say "not this one", per field, and how the values they name read.
_REFERENCE_DECOYS = (
    (decoy_labels.OTHER_INVOICE, find_identifier),
    (decoy_labels.PAGE, find_identifier),
    (decoy_labels.OTHER_DOCUMENT, find_identifier),
)
_DATE_DECOYS = ((decoy_labels.OTHER_DATE, find_labelled_near_date),)
_DECOYS: dict[str, tuple[tuple[tuple[re.Pattern[str], ...], Finder], ...]] = {
    "invoice_number": _REFERENCE_DECOYS,
    # Order numbers are what it looks for, but not the seller's own.
    "purchase_order": _REFERENCE_DECOYS[:2] + ((decoy_labels.OWN_ORDER, find_identifier),),
    "issue_date": _DATE_DECOYS
    + ((decoy_labels.OTHER_INVOICE, find_labelled_near_date), (labels.DUE_DATE, find_labelled_near_date)),
    "due_date": _DATE_DECOYS,
}


@dataclass
class Decoys:
    """Where "not this one" labels sit (phrase id -> spans), the words of the values they name, and those
    values' texts (the same number printed elsewhere names the same other document)."""

    labels: dict[int, list[tuple[int, int]]]
    words: set[int]
    values: set[str] = field(default_factory=set)

    def covers(self, phrase_id: int, start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in self.labels.get(phrase_id, ()))

    @classmethod
    def merge(cls, parts: list[Decoys], words: set[int]) -> Decoys:
        spans: dict[int, list[tuple[int, int]]] = {}
        for part in parts:
            for key, found in part.labels.items():
                spans.setdefault(key, []).extend(found)
        values = set().union(*(part.values for part in parts))
        return cls(spans, words.union(*(part.words for part in parts)), values)

    def claims(self, candidate: Candidate) -> bool:
        return any(id(w) in self.words for w in candidate.phrase.span_words(candidate.start, candidate.end))


def locate_references(document: Document) -> dict[str, Candidate]:
    reading = _Reading(document)
    table = table_values(document, reading.rows, _FINDERS)
    shared = other_column_words(document, reading.rows) | _period_words(document)
    candidates: dict[str, list[Candidate]] = {}
    for name in _FINDERS:
        decoys = Decoys.merge(
            [reading.decoys(patterns, finder) for patterns, finder in _DECOYS[name]], shared
        )
        labelled = reading.labelled(name, decoys)
        if name == "invoice_number":
            labelled += reading.bare_numbers(decoys)
        candidates[name] = [_placed(document, c) for c in labelled + table[name]]
        if name in ("invoice_number", "purchase_order"):
            candidates[name] = [_named_elsewhere(c, decoys) for c in candidates[name]]
        if name == "issue_date":
            candidates[name] += _unlabelled_dates(document, decoys)
        if name == "due_date":
            clues = date_clues.wrapped_due(document) + date_clues.stacked_due(document)
            candidates[name] += [_placed(document, c) for c in clues]
    found = {name: pick for name in ("invoice_number", "purchase_order") if (pick := best(candidates[name]))}
    found.update(_dates(document, candidates["issue_date"], candidates["due_date"]))
    if "due_date" not in found and "issue_date" in found and date_clues.due_on_receipt(document):
        issue = found["issue_date"]
        found["due_date"] = _rescored(issue, issue.score * date_clues.ON_RECEIPT)
    if "due_date" not in found and "issue_date" in found and (days := date_clues.terms_days(document)):
        issue = found["issue_date"]
        due = (date.fromisoformat(issue.value) + timedelta(days=days)).isoformat()
        found["due_date"] = Candidate(due, issue.score * date_clues.TERMS, *_place(issue))
    return found


class _Reading:
    """One document's label hits (each label list read once) and its header rows."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self._hits: dict[int, list[LabelHit]] = {}
        self._decoys: dict[tuple[int, int], Decoys] = {}
        lists = [*_LABELS.values(), *(patterns for group in _DECOYS.values() for patterns, _ in group)]
        lists.append(labels.BARE_NUMBER)
        # A header row holds at least one strong label: only lines where some label was read are tried.
        labelled_lines = {document.line_of(hit.phrase).index for labels in lists for hit in self.hits(labels)}
        self.rows = header_rows(document, _HEADINGS, labelled_lines)

    def hits(self, labels: tuple[re.Pattern[str], ...]) -> list[LabelHit]:
        if id(labels) not in self._hits:
            self._hits[id(labels)] = list(label_hits(self.document, labels))
        return self._hits[id(labels)]

    def below_allowed(self, hit: LabelHit) -> bool:
        # In a header row the table reader reads each column; a plain "below" would read the whole row.
        return self.document.line_of(hit.phrase).index not in self.rows

    def decoys(self, patterns: tuple[re.Pattern[str], ...], finder: Finder) -> Decoys:
        key = (id(patterns), id(finder))
        if key not in self._decoys:
            decoys = Decoys({}, set())
            for hit in self.hits(patterns):
                decoys.labels.setdefault(id(hit.phrase), []).append((hit.start, hit.end))
                value = self.value_of(hit, finder)
                if value is None and (whole := _caption_to_colon(hit)) is not None:
                    value = value_after(self.document, whole, finder, below=self.below_allowed(hit))
                if value is not None:
                    decoys.words.update(id(w) for w in value.phrase.span_words(value.start, value.end))
                    decoys.values.add(_comparable(value.value))
            self._decoys[key] = decoys
        return self._decoys[key]

    def labelled(self, name: str, decoys: Decoys) -> list[Candidate]:
        found: list[Candidate] = []
        done: set[tuple[int, int]] = set()  # one value per label and phrase
        for hit in self.hits(_LABELS[name]):
            if (id(hit.phrase), hit.rank) in done or decoys.covers(id(hit.phrase), hit.start, hit.end):
                continue
            candidate = self.value_of(hit, _FINDERS[name])
            shared = False  # one value for this caption and another field's joined to it
            unclaimed = candidate is not None and not decoys.claims(candidate)
            if not unclaimed and (joined := _joined_caption(hit, decoys)) is not None:
                candidate = value_after(self.document, joined, _FINDERS[name], below=self.below_allowed(hit))
                shared = candidate is not None
            if candidate is not None and self.below_allowed(hit):
                candidate = self._stacked_value(hit, candidate, name)
            if candidate is not None and self._past_other_text(hit, candidate, name):
                continue
            if candidate is not None and self._item_cell(hit, candidate):
                continue
            if candidate is not None and name == "invoice_number" and self._item_position(hit, candidate):
                continue
            if candidate is not None and _in_sentence(hit):
                candidate = _rescored(candidate, candidate.score * _IN_SENTENCE)
            if candidate is not None and shared:
                candidate = _rescored(candidate, candidate.score * _SHARED)
            elif candidate is not None and decoys.claims(candidate):
                continue
            if candidate is not None:
                found.append(candidate)
                done.add((id(hit.phrase), hit.rank))
        return found

    def _stacked_value(self, hit: LabelHit, candidate: Candidate, name: str) -> Candidate:
        """Captions stacked over their values ("Invoice Number" / "INV-2169") beside another column's block:
        the value read to the right is only the start of that block's line ("M1 1AE Manchester"), while
        the line under the caption holds a value and nothing else. The value under it is the caption's."""
        phrase = candidate.phrase
        if phrase is hit.phrase or not _WORD.search(phrase.text[candidate.end :]):
            return candidate
        if self.document.line_of(phrase) is not self.document.line_of(hit.phrase):
            return candidate
        under = value_after(self.document, hit, _FINDERS[name], right=False)
        if under is None or under.phrase.text.strip() != under.phrase.text[under.start : under.end].strip():
            return candidate
        return under

    def value_of(self, hit: LabelHit, finder: Finder) -> Candidate | None:
        """The label's value; a caption carrying a qualifier the label list does not know ("Date d'échéance
        de paiement", "Bon de commande client", "Fecha de vencimiento del pago") reads the value beside it."""
        found = value_after(self.document, hit, finder, below=self.below_allowed(hit))
        if found is not None or not _QUALIFIER_TAIL.fullmatch(hit.phrase.text, hit.end):
            return found
        whole = LabelHit(hit.phrase, hit.start, len(hit.phrase.text), hit.strength, hit.order, hit.rank)
        beside = value_after(self.document, whole, finder, below=False)
        if beside is None or beside.phrase.text[beside.start : beside.end] != beside.phrase.text.strip():
            return None  # a value cell holds the value alone; "Facture du mois || 2 723,04" is a table's row
        return _rescored(beside, beside.score * _QUALIFIED)

    def _item_cell(self, hit: LabelHit, candidate: Candidate) -> bool:
        """A value read under a caption that heads a line-item table ("Date | Description | Qty | Amount"):
        an item's cell (its service date, its code), not the invoice's."""
        label_line = self.document.line_of(hit.phrase)
        if self.document.line_of(candidate.phrase) is label_line:
            return False
        roles = {header_role(p.text) for p in label_line.phrases}
        return "description" in roles and bool(roles & {"quantity", "unit_price", "total"})

    def _past_other_text(self, hit: LabelHit, candidate: Candidate, name: str) -> bool:
        """A value read under its label past a line of other text ("Rechnung" / "Pos. Material" / "000010"):
        it belongs to that text (a table's heading), not to the label. A stacked translation of the label
        ("Facture N°" / "Invoice No.") may stand between."""
        label_line = self.document.line_of(hit.phrase).index
        value_line = self.document.line_of(candidate.phrase).index
        if value_line <= label_line + 1:
            return False
        left, _, right, _ = hit.phrase.span_bbox(hit.start, hit.end)
        own = {id(h.phrase) for h in self.hits(_LABELS[name])}
        dated = name in ("issue_date", "due_date")
        return any(
            phrase.x0 <= right
            and phrase.x1 >= left
            and id(phrase) not in own
            and not (dated and _DATE_HEADING.fullmatch(phrase.text.strip()))
            for line in self.document.lines[label_line + 1 : value_line]
            for phrase in line.phrases
        )

    def _item_position(self, hit: LabelHit, candidate: Candidate) -> bool:
        """ "N°" heading a line-item table, "1" under it: a short number on a line that prices something is
        the row's position, not the invoice's number."""
        line = self.document.line_of(candidate.phrase)
        if line is self.document.line_of(hit.phrase) or not re.fullmatch(r"\d{1,3}", candidate.value):
            return False
        rest = [p.text for p in line.phrases if p is not candidate.phrase]
        return any(_PRICE.search(text) for text in [candidate.phrase.text[candidate.end :], *rest])

    def bare_numbers(self, decoys: Decoys) -> list[Candidate]:
        """ "Numéro : 2025-008" read where a date caption is left-aligned with it within two lines."""
        dated = {id(h.phrase) for h in self.hits(labels.ISSUE_DATE) + self.hits(labels.DUE_DATE)}
        found: list[Candidate] = []
        for hit in self.hits(labels.BARE_NUMBER):
            if not self._beside_dates(hit.phrase, dated):
                continue
            candidate = self.value_of(hit, find_invoice_number)
            if candidate is not None and self._item_cell(hit, candidate):
                continue  # "Réf." heading the line items' article column, right under the dates
            if candidate is not None and not decoys.claims(candidate):
                found.append(_rescored(candidate, candidate.score * _BARE))
        return found

    def _beside_dates(self, phrase: Phrase, dated: set[int]) -> bool:
        index = self.document.line_of(phrase).index
        tolerance = 2 * max(phrase.y1 - phrase.y0, 1.0)
        near = self.document.lines[max(0, index - 2) : index + 3]
        return any(
            id(p) in dated and abs(p.x0 - phrase.x0) <= tolerance
            for line in near
            if line.page == phrase.page
            for p in line.phrases
        )


def _comparable(value: str) -> str:
    return "".join(c for c in value.casefold() if c.isalnum())


def _joined_caption(hit: LabelHit, decoys: Decoys) -> LabelHit | None:
    """ "Date de la facture / Date de livraison", "Rechnungsdatum = Leistungsdatum:": the caption goes on,
    past a slash or an equals sign, with another field's label; the two are one caption, and its value
    (after it, beside it or under it) answers both, whatever the other label claims."""
    joint = _JOINT.match(hit.phrase.text, hit.end)
    if joint is None:
        return None
    ends = [e for s, e in decoys.labels.get(id(hit.phrase), ()) if s <= joint.end() < e]
    if not ends:
        return None
    return LabelHit(hit.phrase, hit.start, max(ends), hit.strength, hit.order, hit.rank)


def _caption_to_colon(hit: LabelHit) -> LabelHit | None:
    """ "Date de dépôt Chorus Pro :", "Delivery date (planned):": a caption that goes on past its label to a
    closing colon; the label's value is the caption's, beside or under it."""
    text = hit.phrase.text
    if not text.rstrip().endswith(":") or any(c.isdigit() for c in text[hit.end :]):
        return None
    return LabelHit(hit.phrase, hit.start, len(text), hit.strength, hit.order, hit.rank)


def _named_elsewhere(candidate: Candidate, decoys: Decoys) -> Candidate:
    """ "Facture #2490" over "N° de commande 2490": a shop titles the invoice with its order's number; the
    value a "not this one" label names elsewhere is that other document's, kept only as a last resort."""
    if _comparable(candidate.value) not in decoys.values:
        return candidate
    return _rescored(candidate, candidate.score * _ELSEWHERE)


def _in_sentence(hit: LabelHit) -> bool:
    """ "Rechnung gemäß Bestellung Nr. X": a label inside running text, not a caption opening its phrase
    (nor one after another column's text run into its phrase: set apart by a wide gap, or a country)."""
    before = hit.phrase.text[: hit.start]
    if not any(c.isalnum() for c in before) or is_country(before):
        return False
    first = bisect.bisect_right(hit.phrase.starts, hit.start) - 1
    return not (first > 0 and column_gap(hit.phrase, first))


def _placed(document: Document, candidate: Candidate) -> Candidate:
    """Invoices print their references at the top of the first page; further down they quote others."""
    if candidate.phrase.page > 1:
        factor = 0.9
    else:
        factor = 1.0 if candidate.phrase.y0 < document.page_height(1) / 2 else 0.95
    return _rescored(candidate, candidate.score * factor)


def _place(c: Candidate) -> tuple[Phrase, int, int, int]:
    return c.phrase, c.start, c.end, c.order


def _rescored(candidate: Candidate, score: float) -> Candidate:
    c = candidate
    return Candidate(c.value, score, c.phrase, c.start, c.end, c.order)


def _unlabelled_dates(document: Document, decoys: Decoys) -> list[Candidate]:
    """Many invoices print the date alone near the title: dates on page 1 that no other label names."""
    dates = [c for c in anywhere(document, find_date, UNLABELLED_DATE) if c.phrase.page == 1]
    return [_placed(document, _off_item_rows(document, c)) for c in dates if not decoys.claims(c)]


def _off_item_rows(document: Document, candidate: Candidate) -> Candidate:
    """A date on a line that prices something ("2025/11/29 || 6 || €65.00 || Code review || €390.00") is a
    line item's date (a timesheet, a delivery), weaker than a date alone near the title."""
    phrase = candidate.phrase
    rest = [phrase.text[: candidate.start], phrase.text[candidate.end :]]
    rest += [p.text for p in document.line_of(phrase).phrases if p is not phrase]
    if not any(_PRICE.search(text) for text in rest):
        return candidate
    return _rescored(candidate, candidate.score * _ITEM_ROW_DATE)


def _period_words(document: Document) -> set[int]:
    words: set[int] = set()
    for phrase in document.phrases():
        for match in _PERIOD.finditer(phrase.text):
            tail = DATE_PATTERN.search(phrase.text, match.end())
            if tail is not None and tail.start() - match.end() < 12:
                end = tail.end()
            elif _period_end(phrase.text, match.end()):
                end = match.end()
            else:
                continue  # "16/11/2026 à 12h30", "31/08/2025 - 30 jours": a time or terms, not a period's end
            words.update(id(w) for w in phrase.span_words(match.start(), end))
    return words


def _period_end(text: str, position: int) -> bool:
    """Whether a date without its year starts at `position`: "31/12", "31 décembre", "Dec 31"."""
    match = _PERIOD_END.match(text, position)
    if match is None:
        return False
    month = match.group("m1") or match.group("m2")
    return month is None or month_number(month) is not None


def _month_first(candidate: Candidate) -> Candidate:
    """The date read again month first, in a document whose unambiguous dates are written that way."""
    match = DATE_PATTERN.search(candidate.phrase.text, candidate.start, candidate.end)
    parsed = None if match is None else date_from_match(match, month_first=True)
    if parsed is None:
        return candidate  # a compact `20260815` or a named month: no order to fix
    c = candidate
    return Candidate(parsed.isoformat(), c.score, c.phrase, c.start, c.end, c.order)


def _dates(document: Document, issues: list[Candidate], dues: list[Candidate]) -> dict[str, Candidate]:
    """The dates read in the order the document writes them. With no unambiguous date to tell ("03/05/2026",
    "04/04/2026"), a due date that comes before the issue date day first but after it month first is the
    evidence: the document writes month first."""
    if date_clues.month_first(document):
        return _pick_dates([_month_first(c) for c in issues], [_month_first(c) for c in dues])
    picked = _pick_dates(issues, dues)
    if "due_date" in picked or not dues or not date_clues.order_unknown(document):
        return picked
    flipped = _pick_dates([_month_first(c) for c in issues], [_month_first(c) for c in dues])
    return flipped if len(flipped) == 2 else picked


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
