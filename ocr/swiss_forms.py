"""The Swiss limited company's form, "Sàrl" (société à responsabilité limitée), which OCR reads without its
grave accent ("Sarl"). French companies write "SARL" and sit at five-digit postcodes; Belgium has no SARL;
a "Sarl" heading an address at a four-digit postcode (Switzerland, Luxembourg) is the accented form."""

from __future__ import annotations

import re

from .document import Document
from .layout import Phrase

_BARE_FORM = re.compile(r"(?<=\s)Sarl$")
_FOUR_DIGIT_TOWN = re.compile(r"^(?:(?:CH|L)-?\s?)?\d{4}\s+[^\W\d]")


def with_swiss_form(name: str, phrase: Phrase, document: Document) -> str:
    """`name` (read by OCR from `phrase`) with its closing "Sarl" spelled "Sàrl" when its address is at a
    four-digit postcode: the address under the phrase it was read from or under another phrase printing
    it (a payment slip repeats the name, the postal block holds the address)."""
    if not _BARE_FORM.search(name):
        return name
    head = name[: -len("Sarl")].strip()
    printed = [phrase, *(p for p in document.phrases() if p is not phrase and p.text.startswith(head))]
    if not any(_at_four_digit_town(p, document) for p in printed):
        return name
    return _BARE_FORM.sub("Sàrl", name)


def _at_four_digit_town(phrase: Phrase, document: Document) -> bool:
    return any(_FOUR_DIGIT_TOWN.match(p.text) for p in document.block_after(phrase, max_lines=5))
