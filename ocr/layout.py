"""Words with positions, grouped into lines and phrases: the common ground of the text and OCR readers.

Coordinates are PDF points (1/72 inch), origin top-left, whichever reader produced them (OCR pixels are
scaled by 72/dpi), so distances mean the same on every page; results are normalised to 0..1 at the end.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import BBox, Method


@dataclass(frozen=True, slots=True)
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    confidence: float = 1.0  # OCR word confidence; 1.0 for a text layer

    @property
    def height(self) -> float:
        return self.y1 - self.y0


@dataclass(slots=True)
class PageText:
    number: int  # 1-based
    words: list[Word]
    method: Method
    width: float  # points
    height: float

    def normalise(self, box: BBox) -> BBox:
        x0, y0, x1, y1 = box
        w, h = self.width or 1.0, self.height or 1.0
        return (max(0.0, x0 / w), max(0.0, y0 / h), min(1.0, x1 / w), min(1.0, y1 / h))


@dataclass(slots=True)
class Phrase:
    """Words on one line close enough to be read together ("Date de facture 13/11/2017")."""

    words: list[Word]
    page: int
    text: str = ""
    starts: list[int] = field(default_factory=list)  # offset of each word in `text`

    def __post_init__(self) -> None:
        offsets, position = [], 0
        for word in self.words:
            offsets.append(position)
            position += len(word.text) + 1
        self.starts = offsets
        self.text = " ".join(w.text for w in self.words)

    @property
    def bbox(self) -> BBox:
        return _union(self.words)

    @property
    def confidence(self) -> float:
        return min(w.confidence for w in self.words)

    def span_words(self, start: int, end: int) -> list[Word]:
        """The words a character span of `text` touches."""
        return [
            w for w, s in zip(self.words, self.starts, strict=True) if s < end and s + len(w.text) > start
        ]

    def span_bbox(self, start: int, end: int) -> BBox:
        return _union(self.span_words(start, end) or self.words)

    def span_confidence(self, start: int, end: int) -> float:
        return min((w.confidence for w in self.span_words(start, end)), default=self.confidence)

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @property
    def y0(self) -> float:
        return min(w.y0 for w in self.words)

    @property
    def y1(self) -> float:
        return max(w.y1 for w in self.words)


def _union(words: list[Word]) -> BBox:
    return (
        min(w.x0 for w in words),
        min(w.y0 for w in words),
        max(w.x1 for w in words),
        max(w.y1 for w in words),
    )


def group_lines(words: list[Word]) -> list[list[Word]]:
    """Words whose vertical middles fall within each other's height form one line, left to right."""
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.y0 + w.y1) / 2):
        middle = (word.y0 + word.y1) / 2
        line = lines[-1] if lines else None
        if line is not None:
            top, bottom = min(w.y0 for w in line), max(w.y1 for w in line)
            ref = (top + bottom) / 2
            tolerance = max(min(bottom - top, word.height) * 0.5, 1e-6)
            if abs(middle - ref) <= tolerance:
                line.append(word)
                continue
        lines.append([word])
    return [sorted(line, key=lambda w: w.x0) for line in lines]


# The widest gap between two words of one phrase, in the smaller word's heights (about two character widths).
PHRASE_GAP = 1.6


def split_phrases(line: list[Word], page: int) -> list[Phrase]:
    """Cut a line where the gap between two words is wider than about two character widths."""
    phrases: list[list[Word]] = [[line[0]]]
    for previous, word in zip(line, line[1:], strict=False):
        gap = word.x0 - previous.x1
        height = max(min(previous.height, word.height), 1e-6)
        if gap > height * PHRASE_GAP:
            phrases.append([word])
        else:
            phrases[-1].append(word)
    return [Phrase(words, page) for words in phrases]


def page_phrases(page: PageText) -> list[list[Phrase]]:
    """The page as lines (top to bottom), each a list of phrases (left to right)."""
    return [split_phrases(line, page.number) for line in group_lines(page.words) if line]
