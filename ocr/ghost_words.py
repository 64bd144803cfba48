"""Words OCR read twice: a bold or smeared word sometimes comes back as itself plus a second, shifted reading
of part of the same ink ("Cabinet abinet Montclair Montclair SAS" for "Cabinet Montclair SAS"). The second
reading lies over the first on the page and spells a piece of it: two printed words never overlap."""

from __future__ import annotations

from .layout import Word

# The share of the ghost's width that lies over the word it repeats.
_OVERLAP = 0.7


def without_ghosts(line: list[Word]) -> list[Word]:
    """`line` (left to right) without the words that re-read part of a word they lie over."""
    kept: list[Word] = []
    for word in line:
        if not any(_repeats(word, other) for other in kept[-2:]):
            kept.append(word)
    return kept


def _repeats(ghost: Word, word: Word) -> bool:
    width = ghost.x1 - ghost.x0
    overlap = min(ghost.x1, word.x1) - max(ghost.x0, word.x0)
    if width <= 0 or overlap < _OVERLAP * width:
        return False
    text = ghost.text.casefold()
    return len(text) >= 3 and text in word.text.casefold()
