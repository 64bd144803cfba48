"""Words with positions for the party tests: A4 points, y from the top, as a text layer gives them."""

from __future__ import annotations

from ocr.document import Document
from ocr.layout import PageText, Word
from ocr.parties import locate_parties

Text = tuple[float, float, float, str]  # x, y (top), font size, text


def page_of(lines: list[Text]) -> PageText:
    """Helvetica-like widths, one space between words."""
    words: list[Word] = []
    for x, y, size, text in lines:
        for token in text.split():
            width = 0.52 * size * len(token)
            words.append(Word(token, x, y, x + width, y + size))
            x += width + 0.28 * size
    return PageText(1, words, "text", 595.0, 842.0)


def parties_of(lines: list[Text]) -> dict[str, str]:
    return {name: c.value for name, c in locate_parties(Document([page_of(lines)])).items()}
