"""A read document as the locator sees it: lines of phrases per page, with neighbour lookups."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .dash_joins import with_dashes_joined
from .ghost_words import without_ghosts
from .label_spelling import respelled
from .layout import PageText, Phrase, page_phrases, split_phrases
from .letter_spacing import joined_letters
from .model import BBox
from .ocr_lines import group_ocr_lines


@dataclass(slots=True)
class Line:
    page: int
    index: int  # position in the document's line list
    phrases: list[Phrase]

    @property
    def y0(self) -> float:
        return min(p.y0 for p in self.phrases)

    @property
    def y1(self) -> float:
        return max(p.y1 for p in self.phrases)

    @property
    def text(self) -> str:
        return "  ".join(p.text for p in self.phrases)


def _lines_of(page: PageText) -> list[list[Phrase]]:
    """A text layer's words share baselines; OCR'd words are grouped along the page's residual skew, label
    words OCR misspelled put back first. Letter-spaced words ("I N V O I C E") are joined back
    (ocr/letter_spacing.py)."""
    if page.method != "ocr":
        lines = page_phrases(page)
    else:
        words = [respelled(w) for w in page.words]
        lines = [
            with_dashes_joined(split_phrases(without_ghosts(line), page.number), page.number)
            for line in group_ocr_lines(words)
            if line
        ]
    return [[joined_letters(phrase) for phrase in line] for line in lines]


class Document:
    def __init__(self, pages: list[PageText]) -> None:
        self.pages = {p.number: p for p in pages}
        self.lines: list[Line] = []
        for page in pages:
            for phrases in _lines_of(page):
                self.lines.append(Line(page.number, len(self.lines), phrases))
        self._line_of: dict[int, Line] = {id(p): line for line in self.lines for p in line.phrases}

    def phrases(self) -> Iterator[Phrase]:
        for line in self.lines:
            yield from line.phrases

    def line_of(self, phrase: Phrase) -> Line:
        return self._line_of[id(phrase)]

    def right_of(self, phrase: Phrase) -> Phrase | None:
        line = self.line_of(phrase)
        position = next(i for i, p in enumerate(line.phrases) if p is phrase)
        return line.phrases[position + 1] if position + 1 < len(line.phrases) else None

    def below(
        self, phrase: Phrase, max_lines: int = 2, x_range: tuple[float, float] | None = None
    ) -> Iterator[Phrase]:
        """Phrases under `phrase` (same page, next few lines) that overlap its horizontal extent."""
        left, right = x_range or (phrase.x0, phrase.x1)
        line = self.line_of(phrase)
        height = max(phrase.y1 - phrase.y0, 1.0)
        for following in self.lines[line.index + 1 : line.index + 1 + max_lines]:
            if following.page != line.page or following.y0 - line.y1 > height * 2.5 * max_lines:
                return
            for candidate in following.phrases:
                if candidate.x0 <= right and candidate.x1 >= left:
                    yield candidate

    def block_after(self, phrase: Phrase, max_lines: int = 8) -> list[Phrase]:
        """The phrases stacked under `phrase` with the same left edge: an address block, a label's section.

        The first line may be indented under its caption ("Seller" over an indented address).
        """
        block: list[Phrase] = []
        current, left = phrase, phrase.x0
        line = self.line_of(phrase)
        for following in self.lines[line.index + 1 : line.index + 1 + max_lines * 2]:
            height = max(current.y1 - current.y0, 1.0)
            # A caption is often set apart from its block by more than the block's own line spacing.
            reach = 3.0 if not block else 1.8
            if following.page != line.page or following.y0 - current.y1 > height * reach:
                break
            slack = max(height, 6.0)
            indent = slack * 3 if not block else slack
            aligned = [p for p in following.phrases if left - slack <= p.x0 <= left + indent]
            if aligned:
                current = aligned[0]
                left = current.x0
                block.append(current)
                if len(block) >= max_lines:
                    break
        return block

    def block_start(self, phrase: Phrase, max_lines: int = 8) -> Phrase:
        """The first phrase of the left-aligned block `phrase` belongs to (walking upwards)."""
        chain = self.chain_above(phrase, max_lines)
        return chain[-1] if chain else phrase

    def chain_above(self, phrase: Phrase, max_lines: int = 8) -> list[Phrase]:
        """The left-aligned phrases stacked above `phrase`, nearest first."""
        chain: list[Phrase] = []
        current = phrase
        for _ in range(max_lines):
            above = self._aligned_above(current, phrase.x0)
            if above is None:
                break
            chain.append(above)
            current = above
        return chain

    def _aligned_above(self, phrase: Phrase, x0: float) -> Phrase | None:
        """The phrase starting at `x0` just above; lines with nothing in this column are looked through."""
        line = self.line_of(phrase)
        height = max(phrase.y1 - phrase.y0, 1.0)
        for previous in reversed(self.lines[max(0, line.index - 3) : line.index]):
            # A name line is often set larger or further apart than the address under it.
            if previous.page != line.page or phrase.y0 - previous.y1 > height * 2.5:
                return None
            aligned = [p for p in previous.phrases if abs(p.x0 - x0) <= max(height, 6.0)]
            if aligned:
                return aligned[0]
            if any(p.x0 <= phrase.x1 and p.x1 >= phrase.x0 for p in previous.phrases):
                return None  # something else sits right above: the block ends here
        return None

    def normalised(self, page: int, box: BBox) -> BBox:
        return self.pages[page].normalise(box)

    def page_height(self, page: int) -> float:
        return self.pages[page].height
