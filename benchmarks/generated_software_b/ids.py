"""Random but checksum-valid identifiers: SIREN/SIRET, VAT numbers, IBAN/BIC."""

from __future__ import annotations

import random
from collections.abc import Callable

from schwifty import IBAN
from stdnum import luhn
from stdnum.be import vat as be_vat
from stdnum.de import vat as de_vat
from stdnum.es import cif as es_cif
from stdnum.gb import vat as gb_vat
from stdnum.it import iva as it_iva
from stdnum.nl import btw as nl_btw

# Real bank codes, so that schwifty's registry yields the matching BIC.
BANKS: dict[str, list[tuple[str, str]]] = {
    "FR": [
        ("30004", "00812"),
        ("30003", "01234"),
        ("20041", "01005"),
        ("10278", "06000"),
        ("30002", "00550"),
    ],
    "DE": [("10070000", ""), ("50010517", ""), ("37040044", "")],
    "ES": [("0049", "1500"), ("2100", "0418")],
    "IT": [("03069", "09606")],
    "NL": [("INGB", ""), ("RABO", "")],
    "BE": [("310", ""), ("001", "")],
    "GB": [("NWBK", "601613")],
}
ACCOUNT_LEN = {"FR": 11, "DE": 10, "ES": 10, "IT": 12, "NL": 10, "BE": 7, "GB": 8}


def digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def siren(rng: random.Random) -> str:
    base = str(rng.randint(1, 9)) + digits(rng, 7)
    return base + luhn.calc_check_digit(base)


def siret(rng: random.Random, siren_: str) -> str:
    base = siren_ + "000" + str(rng.randint(1, 9))
    return base + luhn.calc_check_digit(base)


def fr_vat(siren_: str) -> str:
    key = (12 + 3 * (int(siren_) % 97)) % 97
    return f"FR{key:02d}{siren_}"


def _complete(rng: random.Random, make: Callable[[], str], valid: Callable[[str], bool]) -> str:
    """Draw candidates until one passes the official checksum (a handful of tries at most)."""
    while True:
        candidate = make()
        if valid(candidate):
            return candidate


def vat_id(rng: random.Random, country: str) -> str:
    """A valid VAT number for a non-French country, compact upper-case with its prefix."""
    if country == "DE":
        return "DE" + _complete(rng, lambda: str(rng.randint(1, 9)) + digits(rng, 8), de_vat.is_valid)
    if country == "IT":
        return "IT" + _complete(rng, lambda: digits(rng, 11), it_iva.is_valid)
    if country == "ES":
        return "ES" + _complete(rng, lambda: "B" + digits(rng, 8), es_cif.is_valid)
    if country == "NL":
        return "NL" + _complete(rng, lambda: digits(rng, 9), lambda s: nl_btw.is_valid(s + "B01")) + "B01"
    if country == "BE":
        return "BE" + _complete(rng, lambda: "0" + digits(rng, 9), be_vat.is_valid)
    if country == "GB":
        return "GB" + _complete(rng, lambda: digits(rng, 9), gb_vat.is_valid)
    return fr_vat(siren(rng))


def iban_bic(rng: random.Random, country: str) -> tuple[str, str]:
    bank, branch = rng.choice(BANKS[country])
    account = digits(rng, ACCOUNT_LEN[country])
    iban = IBAN.generate(country, bank_code=bank + branch, account_code=account)
    bic = iban.bic
    return str(iban.compact), str(bic) if bic is not None else ""


def group(s: str, size: int = 4) -> str:
    """'FR7630004...' -> 'FR76 3000 4...' as most software prints an IBAN."""
    return " ".join(s[i : i + size] for i in range(0, len(s), size))
