"""The words a capture read, in a compact JSON-able form, so a correction made later can be learned from
without reading the file again. Bounded: the first pages and words only."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .layout import PageText, Word
from .model import Method

MAX_PAGES = 4
MAX_WORDS = 2500  # per page; an invoice page holds a few hundred
_FORMAT = 1


def pages_to_dict(pages: Sequence[PageText]) -> dict[str, Any]:
    """{"v": 1, "pages": [{"n", "w", "h", "m", "words": [[text, x0, y0, x1, y1, confidence], ...]}]}."""
    return {
        "v": _FORMAT,
        "pages": [
            {
                "n": page.number,
                "w": round(page.width, 2),
                "h": round(page.height, 2),
                "m": page.method,
                "words": [
                    [
                        w.text,
                        round(w.x0, 1),
                        round(w.y0, 1),
                        round(w.x1, 1),
                        round(w.y1, 1),
                        round(w.confidence, 2),
                    ]
                    for w in page.words[:MAX_WORDS]
                ],
            }  # fmt: skip
            for page in pages[:MAX_PAGES]
        ],
    }


def pages_from_dict(data: dict[str, Any]) -> list[PageText]:
    """The pages `pages_to_dict` stored; an unknown format gives no pages (nothing to learn from)."""
    if not isinstance(data, dict) or data.get("v") != _FORMAT:
        return []
    pages = []
    for page in data.get("pages") or []:
        words = [
            Word(str(t), float(x0), float(y0), float(x1), float(y1), float(c))
            for t, x0, y0, x1, y1, c in page["words"]
        ]
        method: Method = "text" if page["m"] == "text" else "ocr"
        pages.append(PageText(int(page["n"]), words, method, float(page["w"]), float(page["h"])))
    return pages
