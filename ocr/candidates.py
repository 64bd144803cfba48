"""Candidate values found next to labels, and how they become Fields."""

from __future__ import annotations

import bisect
import functools
import re
import statistics
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from babel import Locale

from .document import Document
from .layout import Phrase
from .model import Field
from .values import Finder

# What may stand between a label and its value without being part of a sentence: "Total (EUR) :".
# (OCR may read a speck after the colon as a comma: "Date d'échéance: ,".)
_FILLER = re.compile(r"(?:[\s:.,;\-|()]|\b(?:in|en)\b|\b(?:EUR|USD|GBP|CHF)\b|[€$£])*", re.IGNORECASE)

# How much a value's position relative to its label is trusted.
SAME_PHRASE, RIGHT, BELOW = 1.0, 0.92, 0.8
# A column break inside a phrase: a gap wider than this many character heights and this many times the
# phrase's usual word spacing (a text layer's words sit about 0.25 of a height apart, OCR boxes up to 1).
_COLUMN_GAP, _SPACING_RATIO = 0.9, 2.5
_PLACE = re.compile(
    r"\s+[A-ZÀ-Ý][A-Za-zÀ-ÿ'\-]*(?:\s+[A-ZÀ-Ýa-zà-ÿ][A-Za-zÀ-ÿ'\-]*){0,3}"
)  # "PARIS", "New York"


@dataclass(frozen=True, slots=True)
class Candidate:
    value: str
    score: float  # 0..1: label strength x placement x OCR confidence
    phrase: Phrase
    start: int
    end: int
    order: int = 0  # reading order in the document, to break ties

    def to_field(self, document: Document, confidence: float | None = None) -> Field:
        box = self.phrase.span_bbox(self.start, self.end)
        level = self.score if confidence is None else confidence
        return Field(
            self.value,
            round(min(1.0, level), 3),
            self.phrase.page,
            document.normalised(self.phrase.page, box),
        )


@dataclass(frozen=True, slots=True)
class LabelHit:
    """Where a label was read: the phrase, the matched span, its strength and the phrase's reading order."""

    phrase: Phrase
    start: int
    end: int
    strength: float
    order: int
    rank: int = 0  # which label of the list matched


def label_hits(document: Document, labels: Iterable[re.Pattern[str]]) -> Iterator[LabelHit]:
    """Every match of every label, strongest label first, in reading order within a label."""
    patterns = tuple(labels)
    # One pass of all labels at once first: most phrases hold none, and then each label need not run.
    any_label = union(patterns)
    phrases = [
        (order, p)
        for order, p in enumerate(document.phrases())
        if any_label is None or any_label.search(p.text)
    ]
    for rank, (strength, label) in enumerate(_weighted(patterns)):
        for order, phrase in phrases:
            for match in label.finditer(phrase.text):
                yield LabelHit(phrase, match.start(), match.end(), strength, order, rank)


@functools.lru_cache(maxsize=256)
def union(patterns: tuple[re.Pattern[str], ...]) -> re.Pattern[str] | None:
    """One pattern that matches wherever any of `patterns` does (None if they cannot be joined)."""
    try:
        return re.compile("|".join(f"(?:{p.pattern})" for p in patterns), re.IGNORECASE)
    except re.error:  # e.g. the same group name in two patterns
        return None


def label_values(
    document: Document,
    labels: Iterable[re.Pattern[str]],
    finder: Finder,
    *,
    below: bool = True,
    right: bool = True,
) -> list[Candidate]:
    """Every value `finder` accepts after a label: in the label's phrase, to its right, or under it."""
    found: list[Candidate] = []
    last: tuple[int, int] | None = None  # one value per label and phrase: the first match that has one
    for hit in label_hits(document, labels):
        if last == (id(hit.phrase), hit.rank):
            continue
        candidate = value_after(document, hit, finder, right=right, below=below)
        if candidate is not None:
            found.append(candidate)
            last = (id(hit.phrase), hit.rank)
    return found


def value_after(
    document: Document, hit: LabelHit, finder: Finder, *, right: bool = True, below: bool = True
) -> Candidate | None:
    """The value `finder` accepts after one label, scored by label strength, placement and OCR confidence."""
    candidate = _value_after(document, hit, finder, right=right, below=below)
    if candidate is None:
        return None
    # OCR confidence only nudges: the label and the placement decide between candidates.
    ocr = candidate.phrase.span_confidence(candidate.start, candidate.end)
    score = hit.strength * candidate.score * (0.8 + 0.2 * ocr)
    return Candidate(candidate.value, score, candidate.phrase, candidate.start, candidate.end, hit.order)


def _weighted(labels: Iterable[re.Pattern[str]]) -> Iterator[tuple[float, re.Pattern[str]]]:
    for rank, label in enumerate(labels):
        yield max(0.5, 1.0 - 0.12 * rank), label


def _value_after(
    document: Document, hit: LabelHit, finder: Finder, *, right: bool, below: bool
) -> Candidate | None:
    phrase = hit.phrase
    found = finder(phrase.text[hit.end :])
    if found is not None:
        value, start, end = found
        same = Candidate(value, SAME_PHRASE, phrase, hit.end + start, hit.end + end)
        if below and _address_beside(phrase, same.start, same.end):
            # "Invoice No.     75001 PARIS": the number is the next column's postcode; the value is under.
            return _below(document, hit, finder) or same
        return same
    if not _FILLER.fullmatch(phrase.text[hit.end :]):
        if not another_column_follows(phrase, hit.end):
            return None  # the label word is part of a sentence, not a caption
        # A caption run into the next column ("Invoice Number    UNITED STATES"): its value is under it.
        return _below(document, hit, finder) if below else None
    neighbour = document.right_of(phrase) if right else None
    for _ in range(2):  # one filler phrase may sit between: "Steuerbetrag in || EUR || 37,62"
        if neighbour is None:
            break
        if (found := finder(neighbour.text)) is not None:
            return Candidate(found[0], RIGHT, neighbour, found[1], found[2])
        neighbour = document.right_of(neighbour) if _FILLER.fullmatch(neighbour.text) else None
    return _below(document, hit, finder) if below else None


def _below(document: Document, hit: LabelHit, finder: Finder) -> Candidate | None:
    label_box = hit.phrase.span_bbox(hit.start, hit.end)
    for under in document.below(hit.phrase, x_range=(label_box[0], label_box[2])):
        if (found := finder(under.text)) is not None:
            return Candidate(found[0], BELOW, under, found[1], found[2])
    return None


def another_column_follows(phrase: Phrase, position: int) -> bool:
    """Whether the text from `position` on belongs to another column merged into the phrase: set apart by
    a gap wider than the phrase's word spacing, or naming a country (the last line of an address block)."""
    index = bisect.bisect_left(phrase.starts, position)
    if not 0 < index < len(phrase.words):
        return False
    return column_gap(phrase, index) or is_country(phrase.text[phrase.starts[index] :])


def _address_beside(phrase: Phrase, start: int, end: int) -> bool:
    """Whether the value read at `start:end` is set apart by a column break and followed by a place name:
    another column's address."""
    index = bisect.bisect_left(phrase.starts, start)
    if not 0 < index < len(phrase.words) or phrase.starts[index] != start:
        return False
    return bool(_PLACE.fullmatch(phrase.text[end:])) and column_gap(phrase, index)


def column_gap(phrase: Phrase, index: int) -> bool:
    """Whether the gap before word `index` is a column break: wider than about a character height and than
    the phrase's other gaps (text layers space words by a quarter of the height, OCR boxes vary more)."""
    words = phrase.words
    gaps = [b.x0 - a.x1 for a, b in zip(words, words[1:], strict=False)]
    gap = gaps[index - 1]
    others = gaps[: index - 1] + gaps[index:]
    spacing = statistics.median(others) if others else 0.0
    height = max(w.height for w in words)
    return gap > _COLUMN_GAP * height and gap > _SPACING_RATIO * spacing


def is_country(text: str) -> bool:
    """A country's name in one of the invoice languages ("UNITED STATES", "France", "Deutschland")."""
    return text.strip(" .,").casefold() in _country_names()


@functools.cache
def _country_names() -> frozenset[str]:
    names: set[str] = set()
    for language in ("fr", "en", "de", "es", "it", "nl"):
        territories = Locale.parse(language).territories
        names.update(name.casefold() for code, name in territories.items() if code.isalpha())
    return frozenset(names)


def anywhere(document: Document, finder: Finder, score: float) -> list[Candidate]:
    """Every value `finder` accepts anywhere in the document, without a label."""
    found: list[Candidate] = []
    for order, phrase in enumerate(document.phrases()):
        position = 0
        while position < len(phrase.text):
            hit = finder(phrase.text[position:])
            if hit is None:
                break
            value, start, end = hit
            confidence = score * phrase.span_confidence(position + start, position + end)
            found.append(Candidate(value, confidence, phrase, position + start, position + end, order))
            position += max(end, 1)
    return found


def best(candidates: list[Candidate], *, last: bool = False) -> Candidate | None:
    """Highest score; among equals the first in reading order (or the last, for totals)."""
    if not candidates:
        return None
    direction = 1 if last else -1
    return max(candidates, key=lambda c: (round(c.score, 2), direction * c.order))
