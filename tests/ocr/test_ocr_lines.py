"""Lines of OCR'd words: odd boxes (slivers, blots) and a residual skew must not split or mix lines."""

from __future__ import annotations

from ocr.document import Document
from ocr.layout import PageText, Word
from ocr.ocr_lines import group_ocr_lines

Box = tuple[str, float, float, float, float]  # text, x0, y0, x1, y1


def _ocr_page(boxes: list[Box]) -> PageText:
    return PageText(1, [Word(t, x0, y0, x1, y1, 0.9) for t, x0, y0, x1, y1 in boxes], "ocr", 595.0, 842.0)


def _line_texts(page: PageText) -> list[str]:
    """Each line's words, phrase breaks ignored."""
    return [" ".join(p.text for p in line.phrases) for line in Document([page]).lines]


def test_a_dash_and_a_blurred_digit_pair_stay_on_their_line() -> None:
    # As a 200 dpi scan read "Établie le 25 janvier 2026 — Période du ...": the dash a sliver at mid
    # height, "25" blurred into a box half again as tall as its neighbours.
    page = _ocr_page([
        ("Établie", 62.5, 222.7, 90.0, 231.4), ("le", 93.1, 224.3, 99.8, 231.2),
        ("25", 103.0, 222.9, 109.9, 237.2), ("janvier", 108.1, 223.8, 142.6, 232.9),
        ("2026", 145.3, 224.1, 164.5, 231.4), ("—", 167.6, 228.2, 174.9, 229.2),
        ("Période", 178.0, 223.7, 208.0, 231.4), ("du", 210.8, 224.2, 220.1, 231.1),
        ("Montant", 62.5, 240.0, 96.0, 248.5), ("HT", 99.0, 240.1, 110.0, 248.4),
    ])  # fmt: skip
    lines = _line_texts(page)
    assert lines[0].startswith("Établie le 25 janvier 2026 — Période du")
    assert lines[1] == "Montant HT"


def test_a_table_rule_on_the_band_edge_joins_no_line() -> None:
    # A cell border OCR'd as "~" at the top edge of a header row must not cut "TVA Montant" in two.
    page = _ocr_page([
        ("Prix", 100.0, 476.0, 118.0, 485.0), ("HT", 121.0, 476.0, 131.0, 485.0),
        ("TVA", 200.0, 476.0, 218.0, 485.0), ("~", 221.0, 474.0, 226.0, 474.4),
        ("Montant", 229.0, 476.0, 262.0, 485.0), ("total", 265.0, 476.0, 286.0, 485.0),
    ])  # fmt: skip
    phrases = [p.text for line in Document([page]).lines for p in line.phrases]
    assert phrases == ["~", "Prix HT", "TVA Montant total"]


def _skewed_rows(slope: float) -> list[Box]:
    boxes: list[Box] = []
    for row in range(8):
        top = 100.0 + row * 13.0
        for column in range(9):
            x0 = 60.0 + column * 55.0
            y0 = top + slope * x0
            boxes.append((f"r{row}c{column}", x0, y0, x0 + 40.0, y0 + 8.0))
    return boxes


def test_lines_follow_the_residual_skew_of_a_photographed_page() -> None:
    # One degree left after de-skewing (a photo's perspective): the right end of a line sits lower than
    # the next line's left end.
    lines = group_ocr_lines([Word(t, x0, y0, x1, y1, 0.9) for t, x0, y0, x1, y1 in _skewed_rows(0.018)])
    assert [[w.text for w in line] for line in lines] == [
        [f"r{row}c{column}" for column in range(9)] for row in range(8)
    ]


def test_a_level_page_keeps_one_line_per_row() -> None:
    lines = group_ocr_lines([Word(t, x0, y0, x1, y1, 0.9) for t, x0, y0, x1, y1 in _skewed_rows(0.0)])
    assert [len(line) for line in lines] == [9] * 8
