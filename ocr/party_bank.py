"""The seller's bank identifiers when OCR sets a label's value on a line of its own: "IBAN ... BIC" ends one
line and ": GENODEF1S04" is read a hair lower, so it is neither in the label's phrase nor right of it on its
line. The value is the next word to the right at the same height."""

from __future__ import annotations

import re
from collections.abc import Iterable

from .candidates import Candidate, label_hits
from .document import Document
from .layout import Phrase
from .ocr_repair import registered_bic, repair_bic, repair_iban
from .values import Finder, find_bic, find_iban


def values_beside(document: Document, labels: Iterable[re.Pattern[str]], finder: Finder) -> list[Candidate]:
    """Values `finder` accepts in the first phrase with letters or digits right of a label that ends its
    phrase, on a neighbouring line at the same height."""
    found: list[Candidate] = []
    for hit in label_hits(document, labels):
        if hit.phrase.text[hit.end :].strip(" :.-"):
            continue  # the label's phrase holds more: label_values has read it
        neighbour = _next_right(document, hit.phrase)
        value = None if neighbour is None else finder(neighbour.text)
        if neighbour is not None and value is not None:
            text, start, end = value
            found.append(Candidate(text, 0.9 * hit.strength, neighbour, start, end, hit.order))
    return found


def _next_right(document: Document, phrase: Phrase) -> Phrase | None:
    line = document.line_of(phrase)
    height = max(phrase.y1 - phrase.y0, 1.0)
    middle = (phrase.y0 + phrase.y1) / 2
    near = [
        p
        for other in document.lines[max(0, line.index - 1) : line.index + 2]
        if other.page == line.page and other is not line
        for p in other.phrases
        if p.x0 >= phrase.x1
        and abs((p.y0 + p.y1) / 2 - middle) <= 0.5 * height
        and any(c.isalnum() for c in p.text)
    ]
    return min(near, key=lambda p: p.x0, default=None)


# What may separate an IBAN from the BIC printed right after it: "... 270 - CMCIFR2A", "... 8017 (BCEELULL)".
_AFTER_IBAN = re.compile(r"[\s\-–/,;(]{1,4}([A-Z0-9]{8}(?:[A-Z0-9]{3})?)(?![A-Z0-9])")


def bic_after_iban(document: Document, iban: Candidate | None) -> Candidate | None:
    """A BIC printed with no label right after the IBAN: the bank's code is only taken when its country
    letters are the IBAN's country, the check a reader makes that the two belong together. OCR may set
    the dash and the code apart as phrases of their own ("... 270 || - || CMCIFR2A")."""
    if iban is None:
        return None
    phrase, start = iban.phrase, iban.end
    if not phrase.text[start:].strip(" -–/,;("):
        following = _next_on_line(document, phrase)
        if following is None:
            return None
        phrase, start = following, 0
    match = _AFTER_IBAN.match(" " + phrase.text[start:])
    found = None if match is None else find_bic(match.group(1))
    if found is not None and match is not None and found[0][4:6] == iban.value[:2]:
        begin = start + match.start(1) - 1
        value = registered_bic(found[0], iban.value[:2]) or found[0]
        return Candidate(value, 0.9 * iban.score, phrase, begin, begin + len(found[0]), iban.order)
    return _repaired_after(phrase, start, iban)


_SEPARATOR = re.compile(r"[\s\-–/,;(]{0,4}")


def _repaired_after(phrase: Phrase, start: int, iban: Candidate) -> Candidate | None:
    """The BIC after the IBAN read with OCR's slips ("CCBPF RPPNAN"): only a repair the IBAN's country
    letters confirm is taken."""
    separator = _SEPARATOR.match(phrase.text, start)
    begin = start if separator is None else separator.end()
    if begin == start and start > 0 and phrase.text[start - 1 : start].isalnum():
        return None  # glued to the IBAN: part of it, not a code after it
    found = repair_bic(phrase.text[begin:], iban.value[:2], anchored=True)
    if found is None:
        return None
    value, first, last = found
    return Candidate(value, 0.85 * iban.score, phrase, begin + first, begin + last, iban.order)


def _next_on_line(document: Document, phrase: Phrase) -> Phrase | None:
    """The next phrase with letters or digits after `phrase` on its line (past a lone dash)."""
    phrases = document.line_of(phrase).phrases
    position = next(i for i, p in enumerate(phrases) if p is phrase)
    return next((p for p in phrases[position + 1 :] if any(c.isalnum() for c in p.text)), None)


def _wrapped_under(document: Document, iban: Candidate) -> Phrase | None:
    """The start of the next line when the IBAN ends its line in a narrow column ("IBAN: DE89 3704 0044" over
    "0532 0130 00"): a phrase under it, starting between the label's left edge and the IBAN's."""
    line = document.line_of(iban.phrase)
    if line.index + 1 >= len(document.lines):
        return None
    under = document.lines[line.index + 1]
    height = max(iban.phrase.y1 - iban.phrase.y0, 1.0)
    if under.page != line.page or under.y0 - line.y1 > height:
        return None
    left, right = iban.phrase.x0 - height, iban.phrase.span_bbox(iban.start, iban.end)[0] + height
    return next((p for p in under.phrases if left <= p.x0 <= right), None)


def iban_across_phrases(document: Document, iban: Candidate | None) -> Candidate | None:
    """An IBAN whose checksum fails because OCR set its last groups apart as the next phrase on the line
    ("FR76 3000 3207 || 7600 0209 6462 619"), or the layout wrapped it onto the next line: the groups joined
    back, taken only when the checksum of the whole (repaired if need be) then holds."""
    if iban is None or find_iban(iban.value) is not None or iban.phrase.text[iban.end :].strip():
        return None
    following = _next_on_line(document, iban.phrase) or _wrapped_under(document, iban)
    if following is None or not following.text[:1].isalnum():
        return None
    text = iban.phrase.text[iban.start :] + " " + following.text
    found = find_iban(text) or repair_iban(text)
    if found is None or found[1] != 0 or found[2] <= len(iban.phrase.text) - iban.start + 1:
        return None
    return Candidate(found[0], 0.95 * iban.score, iban.phrase, iban.start, len(iban.phrase.text), iban.order)
