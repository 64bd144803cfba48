"""French company numbers (SIREN 9 digits, SIRET 14 digits), checked with python-stdnum."""

from __future__ import annotations

import re

from stdnum.fr import siren as fr_siren
from stdnum.fr import siret as fr_siret


def digits_only(text: str) -> str:
    return re.sub(r"\D", "", text)


def is_valid_siren(number: str) -> bool:
    return bool(fr_siren.is_valid(number))


def is_valid_siret(number: str) -> bool:
    # La Poste's SIRETs (SIREN 356000000) use another checksum that stdnum knows about.
    return bool(fr_siret.is_valid(number))


def french_vat_from_siren(siren: str) -> str:
    """FR + 2-digit key + SIREN: the key derives from the SIREN, so each checks the other."""
    key = (12 + 3 * (int(siren) % 97)) % 97
    return f"FR{key:02d}{siren}"


def split_legal_id(value: str) -> tuple[str | None, str | None]:
    """(siren, siret) from a French legal registration number of 9 or 14 digits, else (None, None)."""
    number = digits_only(value)
    if len(number) == 14 and len(value.replace(" ", "")) == 14:
        return number[:9], number
    if len(number) == 9 and len(value.replace(" ", "")) == 9:
        return number, None
    return None, None
