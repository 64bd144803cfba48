"""How a buyer read from an invoice is recognised as a known client. Pure rules, table-tested."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from stdnum.fr import siren as siren_number
from stdnum.fr import tva


@dataclass(frozen=True)
class BuyerIdentity:
    name: str
    siren: str | None = None
    vat_id: str | None = None
    email: str | None = None
    address: str | None = None


def name_key(name: str) -> str:
    """Case, accents, punctuation and spacing do not make another company."""
    decomposed = unicodedata.normalize("NFKD", name)
    ascii_only = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", " ", ascii_only.casefold()).strip()


def siren_of(siren: str | None, siret: str | None, vat_id: str | None) -> str | None:
    """The SIREN, from the SIREN itself, the first nine digits of a SIRET, or a French VAT number."""
    for candidate in (siren, (siret or "")[:9] or None):
        if candidate and siren_number.is_valid(candidate):
            return siren_number.compact(candidate)
    if vat_id and tva.is_valid(vat_id):
        digits = tva.compact(vat_id)[-9:]
        if siren_number.is_valid(digits):
            return digits
    return None


def clean_vat_id(vat_id: str | None) -> str | None:
    if not vat_id:
        return None
    return re.sub(r"[\s.\-]", "", vat_id).upper() or None
