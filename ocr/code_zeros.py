"""Zeros OCR read as the letter O inside a reference's hexadecimal or alphanumeric groups.

Tesseract's French and English models read a "0" among letters as an "O" ("INV-FF0D-8000" read
"INV-FFOD-8000", "9F0693A4" read "9FO693A4"). A group of a reference is taken for a code, and its O for a
0, only when everything else in it is a hexadecimal digit and either a digit stands in it or it follows
the reference's prefix beside a group of digits; a prefix ("LOC2025...", "FOR-2603-767") and any group
holding another letter ("TOSL110", "INVOICE") keep their O.
"""

from __future__ import annotations

import re

_GROUPS = re.compile(r"[A-Za-z0-9]+|[^A-Za-z0-9]+")
_HEX_OR_O = re.compile(r"[0-9A-FO]{4,}")
_DIGITS = re.compile(r"[0-9]+")
# Words spelled with hexadecimal letters and O only, which a reference may carry as a word.
_WORDS = frozenset(
    {"CODE", "DECO", "COCO", "FOOD", "DODO", "ABODE", "DECODE", "BOOB", "OBOE", "COED", "DEBOO"}
)


def with_zeros(reference: str) -> str:
    """`reference` as OCR read it, with the O of its code groups read back as the 0 printed."""
    if "O" not in reference:
        return reference
    parts = _GROUPS.findall(reference)
    groups = [i for i, part in enumerate(parts) if part[0].isalnum()]
    digit_group = any(_DIGITS.fullmatch(parts[i]) for i in groups)
    for rank, index in enumerate(groups):
        group = parts[index]
        if "O" not in group or not _HEX_OR_O.fullmatch(group) or group in _WORDS:
            continue
        has_digit = any(c.isdigit() for c in group)
        if has_digit and len(groups) > 1:
            # Letters before the group's first digit are a prefix ("CO2609-0778", an order): kept.
            prefix = len(group) - len(group.lstrip("ABCDEFO"))
            parts[index] = group[:prefix] + group[prefix:].replace("O", "0")
        elif rank > 0 and digit_group:
            parts[index] = group.replace("O", "0")
    return "".join(parts)
