"""Turn tesseract's TSV into Words in points, straightening a slightly skewed page on the way."""

from __future__ import annotations

import math
import re
import statistics
from collections import defaultdict

from .layout import Word

_MIN_CONFIDENCE = 10  # tesseract's 0-100 scale; below this a "word" is usually speckle
_MAX_SKEW_DEGREES = 5.0


def parse_tsv(tsv: str, dpi: int) -> list[Word]:
    """Words of a tesseract TSV page, in points, de-skewed around the page centre."""
    rows = _word_rows(tsv)
    scale = 72.0 / dpi
    angle = _skew(rows)
    cos_a, sin_a = math.cos(-angle), math.sin(-angle)
    words = []
    for _, left, top, width, height, confidence, text in rows:
        # Rotate each box's centre back by the page skew; a box keeps its size (angles are small).
        cx, cy = left + width / 2, top + height / 2
        rx, ry = cx * cos_a - cy * sin_a, cx * sin_a + cy * cos_a
        x0, y0 = (rx - width / 2) * scale, (ry - height / 2) * scale
        words.append(Word(text, x0, y0, x0 + width * scale, y0 + height * scale, confidence / 100.0))
    return words


Row = tuple[tuple[int, int, int], int, int, int, int, float, str]


def _word_rows(tsv: str) -> list[Row]:
    rows: list[Row] = []
    for raw in tsv.splitlines()[1:]:
        cells = raw.split("\t")
        if len(cells) != 12 or cells[0] != "5" or not cells[11].strip():
            continue
        confidence = float(cells[10])
        if confidence < _MIN_CONFIDENCE:
            continue
        line_key = (int(cells[2]), int(cells[3]), int(cells[4]))
        left, top, width, height = (int(c) for c in cells[6:10])
        text = _without_rules(cells[11].strip())
        if text:
            rows.append((line_key, left, top, width, height, confidence, text))
    return rows


# A table's vertical rule read into the word beside it: "|Total", "1.245,30€|", "lResteapayer" (an "l" or
# "I" glued before a capitalised word).
_RULE_EDGES = re.compile(r"^[|¦]+|[|¦]+$")
_GLUED_RULE = re.compile(r"^[lI|](?=[A-ZÀ-Ý][a-zà-ÿ]{2})")


def _without_rules(text: str) -> str:
    return _GLUED_RULE.sub("", _RULE_EDGES.sub("", text))


def _skew(rows: list[Row]) -> float:
    """Median slope of tesseract's own text lines (radians); 0 when there is too little to tell."""
    lines: dict[tuple[int, int, int], list[Row]] = defaultdict(list)
    for row in rows:
        lines[row[0]].append(row)
    slopes = []
    for words in lines.values():
        if len(words) < 3:
            continue
        first, last = words[0], words[-1]
        dx = (last[1] + last[3] / 2) - (first[1] + first[3] / 2)
        if dx > 200:
            dy = (last[2] + last[4]) - (first[2] + first[4])  # bottoms: baselines, unlike tops, line up
            slopes.append(math.atan2(dy, dx))
    if len(slopes) < 3:
        return 0.0
    angle = statistics.median(slopes)
    return angle if abs(math.degrees(angle)) <= _MAX_SKEW_DEGREES else 0.0
