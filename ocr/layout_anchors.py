"""Geometry for layout memory: a page's words in page fractions, lines, the stable words that can anchor a
field, the shift and scale between two readings of one template, and anchor look-up that tolerates OCR typos.

Coordinates here are fractions of the page (0..1, origin top-left), so a text layer, a 300-dpi scan and a
photo of the same template land on comparable numbers once `Transform` has absorbed shift and scale.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from statistics import median

from rapidfuzz import fuzz, process

from .layout import PageText, Word, group_lines
from .model import BBox

_PUNCT = re.compile(r"[^\w&@]+")
_FUZZY_WORD = 80.0  # rapidfuzz ratio (0..100) above which an OCR'd word is taken for the remembered one


@lru_cache(maxsize=16384)
def norm_token(text: str) -> str:
    """Lower case, accents and punctuation dropped: "Échéance:" -> "echeance". Cached: the same words
    recur on every page of a layout."""
    plain = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return _PUNCT.sub("", plain)


def is_stable(token: str) -> bool:
    """A word that can belong to the template: letters only (numbers change from invoice to invoice)."""
    return len(token) >= 2 and token.isalpha()


def _wordlike(token: str) -> bool:
    """Worth looking up: a stable word, or one OCR slipped a digit into ("Tota1")."""
    letters = sum(c.isalpha() for c in token)
    return letters >= 2 and letters * 3 >= len(token) * 2


@dataclass(frozen=True, slots=True)
class GridWord:
    word: Word
    token: str
    x0: float
    y0: float
    x1: float
    y1: float
    line: int
    slot: int  # position in its line
    index: int  # position in PageGrid.words

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2


class PageGrid:
    """One page's words in page fractions, grouped into lines (top to bottom, each left to right)."""

    def __init__(self, page: PageText) -> None:
        self.page = page
        width, height = page.width or 1.0, page.height or 1.0
        self.lines: list[list[GridWord]] = []
        self.words: list[GridWord] = []
        for number, line in enumerate(group_lines(page.words)):
            row = []
            for slot, word in enumerate(line):
                box = (word.x0 / width, word.y0 / height, word.x1 / width, word.y1 / height)
                grid_word = GridWord(word, norm_token(word.text), *box, number, slot, len(self.words))
                self.words.append(grid_word)
                row.append(grid_word)
            self.lines.append(row)
        self._by_token: dict[str, list[GridWord]] | None = None
        self._tokens: list[str] = []
        self._texts: dict[int, tuple[str, list[int]]] = {}

    @property
    def by_token(self) -> dict[str, list[GridWord]]:
        if self._by_token is None:
            index: dict[str, list[GridWord]] = defaultdict(list)
            for word in self.words:
                if _wordlike(word.token):
                    index[word.token].append(word)
            self._by_token = dict(index)
            self._tokens = list(index)
        return self._by_token

    @property
    def tokens(self) -> list[str]:
        """The distinct stable words of the page."""
        self.by_token  # noqa: B018 (builds the index and this list together)
        return self._tokens

    def line_text(self, line: int) -> tuple[str, list[int]]:
        """The line's words joined by spaces, and where each word starts in that text."""
        if line not in self._texts:
            self._texts[line] = self._line_text(line)
        return self._texts[line]

    def _line_text(self, line: int) -> tuple[str, list[int]]:
        starts, parts, position = [], [], 0
        for word in self.lines[line]:
            starts.append(position)
            parts.append(word.word.text)
            position += len(word.word.text) + 1
        return " ".join(parts), starts


def union(words: Iterable[GridWord]) -> BBox:
    listed = list(words)
    return (min(w.x0 for w in listed), min(w.y0 for w in listed),
            max(w.x1 for w in listed), max(w.y1 for w in listed))  # fmt: skip


@dataclass(frozen=True, slots=True)
class Transform:
    """Where a point of the remembered page falls on the new one: x' = sx * x + tx, y' = sy * y + ty."""

    sx: float = 1.0
    tx: float = 0.0
    sy: float = 1.0
    ty: float = 0.0

    def box(self, box: BBox) -> BBox:
        x0, y0, x1, y1 = box
        return (
            self.sx * x0 + self.tx,
            self.sy * y0 + self.ty,
            self.sx * x1 + self.tx,
            self.sy * y1 + self.ty,
        )


def fit_transform(pairs: Sequence[tuple[float, float, float, float]]) -> Transform:
    """Shift and scale from matched points (x, y, x', y'), robust to a share of wrong or moved pairs (the
    totals under a longer item table)."""
    if not pairs:
        return Transform()
    sx, tx = _fit_axis([(p[0], p[2]) for p in pairs])
    sy, ty = _fit_axis([(p[1], p[3]) for p in pairs])
    return Transform(sx, tx, sy, ty)


_MAX_PAIRS = 24  # Theil-Sen is quadratic in the pairs: a spread-out sample is enough
_INLIER = 0.015


def _fit_axis(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Scale and offset along one axis. A text layer or a scan keeps the scale (1); a photo changes it, which
    the Theil-Sen slope finds. Whichever puts more points in place wins, so a block that moved (totals
    under a longer table) is outvoted by the words that stayed."""
    ordered = sorted(points)
    if len(ordered) > _MAX_PAIRS:
        step = len(ordered) / _MAX_PAIRS
        ordered = [ordered[int(i * step)] for i in range(_MAX_PAIRS)]
    slopes = [
        (b[1] - a[1]) / (b[0] - a[0])
        for i, a in enumerate(ordered)
        for b in ordered[i + 1 :]
        if b[0] - a[0] > 0.1
    ]
    kept, _, offset = _best_offset(ordered, 1.0)
    if len(slopes) < 3:
        return 1.0, offset
    # A moved block can line up with part of the page at a wrong scale: another scale must win clearly.
    count, scale, scaled_offset = _best_offset(ordered, min(1.5, max(0.6, median(slopes))))
    return (scale, scaled_offset) if count >= max(kept * 1.5, kept + 3) else (1.0, offset)


def _best_offset(points: list[tuple[float, float]], scale: float) -> tuple[int, float, float]:
    """The offset that puts most points in place at this scale: (how many, scale, offset). One pass of a
    sliding window over the sorted shifts."""
    shifts = sorted(q - scale * p for p, q in points)
    best_count, best_offset, start = 0, median(shifts), 0
    for end, shift in enumerate(shifts):
        while shift - shifts[start] > 2 * _INLIER:
            start += 1
        if end - start + 1 > best_count:
            best_count = end - start + 1
            best_offset = sum(shifts[start : end + 1]) / best_count
    return best_count, scale, best_offset


@dataclass(frozen=True, slots=True)
class AnchorHit:
    words: tuple[GridWord, ...]
    similarity: float  # 0..1

    @property
    def box(self) -> BBox:
        return union(self.words)


def find_anchors(grid: PageGrid, tokens: Sequence[str]) -> list[AnchorHit]:
    """Every run of words on one line that reads like `tokens`, exact or within OCR typos."""
    if not tokens:
        return []
    hits = []
    for first in _similar_words(grid, tokens[0]):
        line = grid.lines[first.line]
        position = first.slot
        run = [first]
        scores = [_ratio(first.token, tokens[0])]
        for token in tokens[1:]:
            following = _next_non_empty(line, position)
            if following is None:
                break
            position = following.slot
            score = _ratio(following.token, token)
            if score < _FUZZY_WORD - 10:
                break
            run.append(following)
            scores.append(score)
        if len(run) == len(tokens):
            hits.append(AnchorHit(tuple(run), sum(scores) / (100.0 * len(scores))))
    return hits


def _similar_words(grid: PageGrid, token: str) -> list[GridWord]:
    """The words that read `token`, exactly or nearly: an exact word elsewhere must not hide a misread one
    in the right place (the choice between them is made on position)."""
    matches = process.extract(token, grid.tokens, scorer=fuzz.ratio, score_cutoff=_FUZZY_WORD, limit=8)
    return [word for found, _, _ in matches for word in grid.by_token[found]]


def _next_non_empty(line: list[GridWord], position: int) -> GridWord | None:
    for word in line[position + 1 :]:
        if word.token:
            return word
    return None


def _ratio(a: str, b: str) -> float:
    return 100.0 if a == b else float(fuzz.ratio(a, b))
