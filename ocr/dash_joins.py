"""A dash between two words, as OCR boxes it: a flat sliver a fraction of the letters' height. Phrases are cut
where a gap is wider than about two character widths measured on the smaller of the two words, so the dash's
sliver of a height cuts "Nicolas Rousseau - Design" into three phrases where the text layer keeps one. The
dash is measured here against the words on either side of it instead, between words only: a dash before or
after an address, a number or a contact detail stays a separator of identity pieces, as rules on OCR'd
footers expect ("Studio Horizon SARL || - || 5 boulevard Voltaire")."""

from __future__ import annotations

from .layout import PHRASE_GAP, Phrase
from .name_cleaning import has_contact

_DASHES = frozenset("-–—")


def with_dashes_joined(phrases: list[Phrase], page: int) -> list[Phrase]:
    """`phrases` (one line, left to right), each lone dash set close between two of words joined to them."""
    joined: list[Phrase] = []
    index = 0
    while index < len(phrases):
        phrase = phrases[index]
        if joined and index + 1 < len(phrases) and _joins(phrases, index):
            joined[-1] = Phrase([*joined[-1].words, *phrase.words, *phrases[index + 1].words], page)
            index += 2
            continue
        joined.append(phrase)
        index += 1
    return joined


def _joins(phrases: list[Phrase], index: int) -> bool:
    """The dash at `index` joins two phrases of words, and is no link in a run of pieces ("Name - Form -
    SIRET ..."), whose pieces the name cleaning sets apart as it does on a text layer."""
    before, dash, after = phrases[index - 1], phrases[index], phrases[index + 1]
    links = [phrases[i] for i in (index - 2, index + 2) if 0 <= i < len(phrases)]
    if not _is_dash(dash) or any(_is_dash(p) for p in links):
        return False
    if not (_only_words(before.text) and _only_words(after.text)):
        return False
    left, mark, right = before.words[-1], dash.words[0], after.words[0]
    return mark.x0 - left.x1 <= PHRASE_GAP * left.height and right.x0 - mark.x1 <= PHRASE_GAP * right.height


def _only_words(text: str) -> bool:
    return not any(c.isdigit() for c in text) and not has_contact(text)


def _is_dash(phrase: Phrase) -> bool:
    return len(phrase.words) == 1 and bool(phrase.words[0].text) and not set(phrase.words[0].text) - _DASHES
