"""VAT numbers printed in their national form, without the country prefix the VAT register adds.

Italian invoices print the partita IVA as eleven digits after "P.IVA", Spanish ones the NIF/CIF as
"B00385674" after "CIF:". The label names the country and the number's own checksum confirms the reading,
so the value is the intra-community form ("IT04007050240", "ESB00385674") that the other fields use.
"""

from __future__ import annotations

import re

from stdnum.es import nif as es_nif
from stdnum.it import iva as it_iva

from .labels import compile_labels as _compile
from .values import Found

# Only labels that name one country's VAT register: "IVA" alone is also Spanish, "C.F." a tax code.
ITALIAN_LABEL = _compile(r"\b(?:p\.\s?iva|partita\s+iva)\s*:?")
SPANISH_LABEL = _compile(r"\b(?:(?:cif|nif)(?:\s*/\s*(?:cif|nif))?|n\.i\.f\.|c\.i\.f\.)\s*:?")

_WINDOW = 30
_ITALIAN = re.compile(r"(?<![\w.])(\d{11})(?![\w.]\d)")
_SPANISH = re.compile(r"(?<![\w.])([A-Z]-?\d{7}-?[0-9A-Z]|\d{8}-?[A-Z])(?![\w])")


def find_italian_vat(text: str) -> Found | None:
    match = _ITALIAN.search(text[:_WINDOW])
    if match is None or not it_iva.is_valid(match.group(1)):
        return None
    return "IT" + match.group(1), match.start(1), match.end(1)


def find_spanish_vat(text: str) -> Found | None:
    match = _SPANISH.search(text[:_WINDOW].upper())
    if match is None:
        return None
    compact = match.group(1).replace("-", "")
    if not es_nif.is_valid(compact):
        return None
    return "ES" + compact, match.start(1), match.end(1)
