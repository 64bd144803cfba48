"""Pages built from words with positions, as a text layer gives them: 10 pt text, 5 pt a character, 3 pt
between words, so a test states the layout it reads."""

from __future__ import annotations

from collections.abc import Iterable

from ocr.layout import PageText, Word
from ocr.locate import Located, locate_fields

Placed = tuple[float, float, str]  # x, y (top), text; its words are set 3 pt apart
_HEIGHT, _CHAR, _GAP = 10.0, 5.0, 3.0


def placed_words(x: float, y: float, text: str) -> list[Word]:
    words: list[Word] = []
    for word in filter(None, text.split(" ")):
        words.append(Word(word, x, y, x + _CHAR * len(word), y + _HEIGHT))
        x += _CHAR * len(word) + _GAP
    return words


def placed_page(items: Iterable[Placed]) -> PageText:
    return PageText(1, [w for x, y, text in items for w in placed_words(x, y, text)], "text", 595.0, 842.0)


def locate_placed(items: Iterable[Placed]) -> Located:
    return locate_fields([placed_page(items)])


def placed_values(items: Iterable[Placed], names: Iterable[str]) -> dict[str, str | None]:
    """The value located for each of `names` (None when not found)."""
    fields = locate_placed(items).fields
    return {name: fields[name].value if name in fields else None for name in names}
