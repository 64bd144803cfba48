"""Lines of OCR'd words, grouped along the page's own skew.

`layout.group_lines` fits a text layer: every word of a line shares one baseline. OCR'd words do not. The
page is de-skewed by tesseract's line slopes (`ocr_words`), but a photo or a slightly bent scan keeps a
residual slope, so the right end of a long line drifts by more than half a line height. OCR also gives
boxes of odd heights: a dash or a dot is a sliver at mid-height, a digit pair blurred into the rule under
it is half again as tall as its neighbours. A sliver that starts a line of its own there captures every
later word of the line ("Établie le janvier 2026" || "—" || "25" as three lines).

So here:
  - the residual slope is estimated from the word bottoms (baselines) of the lines a first pass finds,
    and words are grouped by their level along that slope;
  - a line's level and height come from its body-height words only: slivers and tall blots join the line
    whose band holds their middle but never set the band;
  - a word may join any of the last few open lines, not only the last one, so one odd box does not split
    a line.
Sorting plus a bounded look-back: O(n log n) per page.
"""

from __future__ import annotations

import bisect
import statistics
from dataclasses import dataclass, field

from .layout import Word

_LOOK_BACK = 4  # open lines a word may still join (a sliver line sits between two halves of a line)
_SOLID, _BODY_HIGH = 0.5, 1.6  # shares of the page's median word height: below is a sliver, above a blot
_SLIVER_REACH = 0.25  # a sliver belongs to a line when within this share of its height of the middle
_MIN_SPAN = 100.0  # points of baseline a line needs before its slope is trusted
_MAX_SLOPE = 0.05  # ~3 degrees: beyond this the estimate is noise, not skew
_MAX_RESIDUAL = 0.35  # of the body height: a bottom further off the fitted baseline is on another line
_MIN_LINES = 5
_MOVE_SHARE = 0.25  # a word moves to another line only when four times nearer its level than its own


@dataclass(slots=True)
class _Line:
    words: list[Word] = field(default_factory=list)
    levels: list[float] = field(default_factory=list)  # of its solid words (not slivers)
    heights: list[float] = field(default_factory=list)

    def level(self, slope: float) -> float:
        return statistics.median(self.levels) if self.levels else _level(self.words[0], slope)


def group_ocr_lines(words: list[Word]) -> list[list[Word]]:
    """OCR'd words as lines, top to bottom, each left to right."""
    if not words:
        return []
    body = statistics.median(w.height for w in words)
    lines = _group(words, body, 0.0)
    slope = _baseline_slope(lines, body)
    if slope:
        lines = _group(words, body, slope)
    return [sorted(line, key=lambda w: w.x0) for line in nearest_lines(lines, body, slope)]


def _level(word: Word, slope: float) -> float:
    """The word's middle moved along the slope to the page's left edge."""
    return (word.y0 + word.y1) / 2 - slope * (word.x0 + word.x1) / 2


def _group(words: list[Word], body: float, slope: float) -> list[list[Word]]:
    lines: list[_Line] = []
    for word in sorted(words, key=lambda w: _level(w, slope)):
        level, solid = _level(word, slope), word.height >= body * _SOLID
        best, best_gap = None, 0.0
        for line in lines[-_LOOK_BACK:]:
            gap = abs(level - line.level(slope))
            if gap <= _reach(word, solid, line, body) and (best is None or gap < best_gap):
                best, best_gap = line, gap
        if best is None:
            best = _Line()
            lines.append(best)
        best.words.append(word)
        if solid:
            best.levels.append(level)
            best.heights.append(word.height)
    return [line.words for line in lines]


def nearest_lines(lines: list[list[Word]], body: float, slope: float) -> list[list[Word]]:
    """Each body-height word moved to the line whose level is nearest its own. Words join lines in the
    order of their levels, so when two columns' lines sit a few points apart (a name block beside an
    "Invoice Date 19 November 2025" line set lower), the higher line, open first, takes the start of
    the lower one's words ("November 2025") before that line exists; the words' levels undo it."""
    bands = [_band(line, body, slope) for line in lines]
    order = sorted((level, index) for index, (level, _) in enumerate(bands) if level is not None)
    keys = [level for level, _ in order]
    moved: list[list[Word]] = [[] for _ in lines]
    for index, line in enumerate(lines):
        for word in line:
            moved[_nearest(word, index, bands, order, keys, body, slope)].append(word)
    return [words for words in moved if words]


def _band(line: list[Word], body: float, slope: float) -> tuple[float | None, float]:
    solid = [w for w in line if w.height >= body * _SOLID]
    if not solid:
        return None, body
    return statistics.median(_level(w, slope) for w in solid), statistics.median(w.height for w in solid)


def _nearest(
    word: Word,
    own: int,
    bands: list[tuple[float | None, float]],
    order: list[tuple[float, int]],
    keys: list[float],
    body: float,
    slope: float,
) -> int:
    own_level = bands[own][0]
    if own_level is None or word.height < body * _SOLID:
        return own
    level = _level(word, slope)
    position = bisect.bisect_left(keys, level)
    near = [order[i] for i in (position - 1, position) if 0 <= i < len(order)]
    other_level, other = min(near, key=lambda item: abs(item[0] - level))
    gap, own_gap = abs(other_level - level), abs(own_level - level)
    if other == own or gap > _MOVE_SHARE * own_gap or gap > bands[other][1] * _SLIVER_REACH:
        return own
    return other


def _reach(word: Word, solid: bool, line: _Line, body: float) -> float:
    """How far the word's middle may be from the line's middle and still belong to it."""
    if not line.heights:  # slivers only so far: the word must hold them in its middle
        return (word.height if solid else body) * _SLIVER_REACH
    height = statistics.median(line.heights)
    if not solid:
        # A dash or a dot sits in the middle of its line's band; a table rule OCR'd as "~" or "=" lies on
        # the band's edge and belongs to no line.
        return height * _SLIVER_REACH
    # The word's middle falls within the line's band (a colon sits low in it), or the line's middle within
    # a taller word's box (large type, a blurred blot).
    return max(height, word.height) * 0.5


def _baseline_slope(lines: list[list[Word]], body: float) -> float:
    """Median slope of the body words' bottoms over the lines long and straight enough to tell; 0 when
    the lines disagree (words of two lines grouped together give a slope that is no skew)."""
    slopes = []
    for line in lines:
        bottoms = [w for w in line if body * _SOLID <= w.height <= body * _BODY_HIGH]
        xs = [(w.x0 + w.x1) / 2 for w in bottoms]
        if len(bottoms) < 3 or max(xs) - min(xs) < _MIN_SPAN:
            continue
        ys = [w.y1 for w in bottoms]
        fit = statistics.linear_regression(xs, ys)
        residuals = [abs(y - (fit.intercept + fit.slope * x)) for x, y in zip(xs, ys, strict=True)]
        if max(residuals) <= body * _MAX_RESIDUAL:  # one baseline, not two lines merged
            slopes.append(fit.slope)
    if len(slopes) < _MIN_LINES:
        return 0.0
    slope = statistics.median(slopes)
    spread = statistics.median(abs(s - slope) for s in slopes)
    return slope if abs(slope) <= _MAX_SLOPE and spread < abs(slope) else 0.0
