"""Header rows ("Invoice No. | Date | Due date") whose values sit in the row under them, column by column.

A header row is a line without digits made mostly of field labels. Each word of the line under it belongs
to the heading it overlaps most (or the nearest one), so a value is read only under its own heading even
when the value row reads as one phrase ("INV-7 05/01/2026 04/02/2026").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from .candidates import Candidate
from .document import Document, Line
from .layout import Phrase, Word
from .values import Finder

TABLE = 0.86  # placement trust: under a heading in a header row (between right-of and plain below)
WEAK = 0.76  # a bare heading ("Date", "No.") names a column, but less surely than "Invoice date"
OTHER = "other"  # headings of columns we do not read: another document's number, another date
ELSEWHERE = "elsewhere"  # another column's text on the header's baseline: what is under it is no cell


@dataclass(frozen=True, slots=True)
class Heading:
    field: str | None  # None: words that are no label ("Page", "Terms")
    strong: bool
    x0: float
    x1: float


@dataclass(frozen=True, slots=True)
class Labels:
    """The patterns that name each column, strongest first; OTHER for columns that must not be read."""

    strong: Mapping[str, Iterable[re.Pattern[str]]]
    weak: Mapping[str, Iterable[re.Pattern[str]]]


def header_rows(document: Document, labels: Labels, lines: Iterable[int]) -> dict[int, list[Heading]]:
    """The header rows among `lines` (indexes of the lines that hold a strong label), by line index.

    A header row holds no digits; another column's text beside it on the same baseline may ("12 Main Street"
    left of "Invoice No. | Date | Due Date"): it is set aside, and the words under it are read by no heading.
    """
    rows: dict[int, list[Heading]] = {}
    for line in (document.lines[i] for i in sorted(lines)):
        beside = [p for p in line.phrases if any(c.isdigit() for c in p.text)]
        aside = {id(p) for p in beside}
        headings = [
            h for phrase in line.phrases if id(phrase) not in aside for h in _headings(phrase, labels)
        ]
        named = [h for h in headings if h.field is not None]
        if len(named) < 2 or 2 * len(named) < len(headings) or not any(h.strong for h in named):
            continue
        x0, x1 = min(h.x0 for h in named), max(h.x1 for h in named)
        if any(p.x1 > x0 and p.x0 < x1 for p in beside):
            continue  # digits among the headings: a row of values, not of headings
        rows[line.index] = sorted(
            headings + [Heading(ELSEWHERE, False, p.x0, p.x1) for p in beside], key=_left
        )
    return rows


def _left(heading: Heading) -> float:
    return heading.x0


def table_values(
    document: Document, rows: dict[int, list[Heading]], finders: Mapping[str, Finder]
) -> dict[str, list[Candidate]]:
    """Per field, the value read under its heading in the row that follows each header row."""
    found: dict[str, list[Candidate]] = {name: [] for name in finders}
    for order, page, heading, words in _cells(document, rows):
        finder = finders.get(heading.field or "")
        if finder is None:
            continue
        phrase = Phrase(words, page)
        hit = finder(phrase.text)
        if hit is not None:
            score = (1.0 if heading.strong else WEAK) * TABLE * (0.8 + 0.2 * phrase.confidence)
            found[heading.field or ""].append(Candidate(hit[0], score, phrase, hit[1], hit[2], order))
    return found


def other_column_words(document: Document, rows: dict[int, list[Heading]]) -> set[int]:
    """The words under OTHER headings ("Customer No.", "Delivery date"): values no field may take."""
    return {id(w) for _, _, heading, words in _cells(document, rows) if heading.field == OTHER for w in words}


def _cells(
    document: Document, rows: dict[int, list[Heading]]
) -> Iterator[tuple[int, int, Heading, list[Word]]]:
    """(reading order, page, heading, words under it) for each filled cell of each header row's value row."""
    for index, headings in rows.items():
        values = _value_row(document, document.lines[index])
        if values is None:
            continue
        order = sum(len(line.phrases) for line in document.lines[: values.index])
        for heading, words in zip(headings, _columns(values, headings), strict=True):
            if words:
                yield order, values.page, heading, words


def _headings(phrase: Phrase, labels: Labels) -> list[Heading]:
    matches: list[tuple[int, int, str, bool]] = []
    for strong, table in ((True, labels.strong), (False, labels.weak)):
        for name, patterns in table.items():
            for pattern in patterns:
                matches.extend(
                    (m.start(), m.end(), name, strong)
                    for m in pattern.finditer(phrase.text)
                    if m.end() > m.start()
                )
    kept: list[tuple[int, int, str, bool]] = []
    for match in sorted(matches, key=lambda m: (m[0], m[0] - m[1], not m[3])):
        if not kept or match[0] >= kept[-1][1]:
            kept.append(match)
    headings = [Heading(name, strong, *_span_x(phrase, start, end)) for start, end, name, strong in kept]
    covered = {id(w) for start, end, _, _ in kept for w in phrase.span_words(start, end)}
    rest = [w for w in phrase.words if id(w) not in covered and any(c.isalnum() for c in w.text)]
    headings.extend(Heading(None, False, w.x0, w.x1) for w in rest)
    return sorted(headings, key=lambda h: h.x0)


def _span_x(phrase: Phrase, start: int, end: int) -> tuple[float, float]:
    box = phrase.span_bbox(start, end)
    return box[0], box[2]


def _value_row(document: Document, header: Line) -> Line | None:
    following = document.lines[header.index + 1] if header.index + 1 < len(document.lines) else None
    height = max(header.y1 - header.y0, 1.0)
    if following is None or following.page != header.page or following.y0 - header.y1 > 3 * height:
        return None
    return following


def _columns(row: Line, headings: list[Heading]) -> list[list[Word]]:
    columns: list[list[Word]] = [[] for _ in headings]
    for phrase in row.phrases:
        for word in phrase.words:
            columns[_nearest(word, headings)].append(word)
    return columns


def _nearest(word: Word, headings: list[Heading]) -> int:
    """The heading the word overlaps most; failing that, the one whose edge is closest."""

    def fit(position: int) -> tuple[float, float]:
        heading = headings[position]
        overlap = min(word.x1, heading.x1) - max(word.x0, heading.x0)
        return (overlap, 0.0) if overlap > 0 else (0.0, overlap)

    return max(range(len(headings)), key=fit)
