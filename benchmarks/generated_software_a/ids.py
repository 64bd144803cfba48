"""Random but valid company identifiers: SIREN/SIRET, VAT numbers per country, IBAN and BIC.

Check digits are computed here and verified with python-stdnum, so a reader that validates checksums
is never fooled by our own data.
"""

from __future__ import annotations

import random
import string

from schwifty import IBAN
from schwifty.exceptions import SchwiftyException
from stdnum import iban as std_iban
from stdnum import luhn
from stdnum.be import vat as be_vat
from stdnum.ch import uid as ch_uid
from stdnum.de import vat as de_vat
from stdnum.es import cif as es_cif
from stdnum.fr import siren as fr_siren
from stdnum.fr import siret as fr_siret
from stdnum.iso7064 import mod_11_10
from stdnum.it import iva as it_iva
from stdnum.nl import btw as nl_btw


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(string.digits) for _ in range(n))


def siren(rng: random.Random) -> str:
    body = str(rng.randint(1, 9)) + _digits(rng, 7)
    value = body + luhn.calc_check_digit(body)
    assert fr_siren.is_valid(value)
    return value


def siret(rng: random.Random, siren_: str) -> str:
    body = siren_ + "000" + str(rng.randint(1, 9))
    value = body + luhn.calc_check_digit(body)
    assert fr_siret.is_valid(value)
    return value


def fr_vat(siren_: str) -> str:
    key = (12 + 3 * (int(siren_) % 97)) % 97
    return f"FR{key:02d}{siren_}"


def be_vat_number(rng: random.Random) -> str:
    first = "0" + str(rng.randint(2, 9)) + _digits(rng, 6)
    value = f"BE{first}{97 - int(first) % 97:02d}"
    assert be_vat.is_valid(value)
    return value


def ch_uid_number(rng: random.Random) -> str:
    """The compact Swiss UID, 'CHE' and nine digits (printed as CHE-123.456.789 TVA/MWST)."""
    while True:
        body = _digits(rng, 8)
        check = ch_uid.calc_check_digit(body)
        if check != "10":
            value = f"CHE{body}{check}"
            assert ch_uid.is_valid(value)
            return value


def de_vat_number(rng: random.Random) -> str:
    body = str(rng.randint(1, 9)) + _digits(rng, 7)
    value = "DE" + body + mod_11_10.calc_check_digit(body)
    assert de_vat.is_valid(value)
    return value


def es_vat_number(rng: random.Random) -> str:
    body = rng.choice("AB") + _digits(rng, 7)
    value = "ES" + body + es_cif.calc_check_digits(body)[0]
    assert es_cif.is_valid(value[2:])
    return value


def it_vat_number(rng: random.Random) -> str:
    body = _digits(rng, 7) + rng.choice(["001", "002", "015", "021", "037", "058", "063"])
    value = "IT" + body + luhn.calc_check_digit(body)
    assert it_iva.is_valid(value[2:])
    return value


def nl_vat_number(rng: random.Random) -> str:
    while True:
        value = "NL" + _digits(rng, 9) + "B01"
        if value[2] != "0" and nl_btw.is_valid(value):
            return value


def vat_for(rng: random.Random, country: str, siren_: str | None) -> str:
    if country == "FR":
        assert siren_ is not None
        return fr_vat(siren_)
    makers = {
        "BE": be_vat_number,
        "CH": ch_uid_number,
        "DE": de_vat_number,
        "ES": es_vat_number,
        "IT": it_vat_number,
        "NL": nl_vat_number,
    }
    return makers[country](rng)


def _fr_rib_key(bank: str, branch: str, account: str) -> str:
    return f"{97 - (89 * int(bank) + 15 * int(branch) + 3 * int(account)) % 97:02d}"


# (bank code, BIC) pairs of real banks, so BIC and IBAN belong together on the page.
BANKS = {
    "FR": [
        ("30004", "BNPAFRPPXXX"),
        ("30003", "SOGEFRPP"),
        ("10207", "CCBPFRPPMTG"),
        ("20041", "PSSTFRPPPAR"),
        ("30066", "CMCIFRPP"),
        ("18206", "AGRIFRPP882"),
        ("17515", "CEPAFRPP751"),
    ],
    "BE": [("001", "GEBABEBB"), ("363", "BBRUBEBB"), ("068", "GKCCBEBB")],
    "CH": [("00230", "UBSWCHZH80A"), ("00700", "ZKBKCHZZ80A"), ("09000", "POFICHBEXXX")],
    "DE": [("37040044", "COBADEFFXXX"), ("50070010", "DEUTDEFFXXX"), ("70150000", "SSKMDEMMXXX")],
    "ES": [("2100", "CAIXESBBXXX"), ("0182", "BBVAESMMXXX"), ("0049", "BSCHESMMXXX")],
    "IT": [("03069", "BCITITMM"), ("02008", "UNCRITMMXXX")],
    "NL": [("INGB", "INGBNL2A"), ("ABNA", "ABNANL2A"), ("RABO", "RABONL2U")],
}


def _bban(rng: random.Random, country: str, bank: str) -> str:
    if country == "FR":
        branch, account = _digits(rng, 5), _digits(rng, 11)
        return bank + branch + account + _fr_rib_key(bank, branch, account)
    if country == "BE":
        body = bank + _digits(rng, 7)
        return body + f"{(int(body) % 97) or 97:02d}"
    if country == "CH":
        return bank + _digits(rng, 12)
    if country == "DE":
        return bank + _digits(rng, 10)
    if country == "ES":
        # The two national check digits are computed like the Spanish CCC.
        branch, account = _digits(rng, 4), _digits(rng, 10)
        weights = (1, 2, 4, 8, 5, 10, 9, 7, 3, 6)

        def dc(s: str) -> str:
            d = 11 - sum(int(c) * w for c, w in zip(s.rjust(10, "0"), weights, strict=True)) % 11
            return str({10: 1, 11: 0}.get(d, d))

        return bank + branch + dc("00" + bank + branch) + dc(account) + account
    if country == "IT":
        return rng.choice(string.ascii_uppercase) + bank + _digits(rng, 5) + _digits(rng, 12)
    return bank + _digits(rng, 10)  # NL


def iban_and_bic(rng: random.Random, country: str) -> tuple[str, str]:
    """Draw until schwifty accepts the national checksum too (German account keys, Italian CIN)."""
    bank, bic = rng.choice(BANKS[country])
    while True:
        bban = _bban(rng, country, bank)
        value = country + std_iban.calc_check_digits(country + "00" + bban) + bban
        try:
            IBAN(value, validate_bban=True)
        except SchwiftyException:
            continue
        assert std_iban.is_valid(value), value
        return value, bic


def group4(value: str) -> str:
    """An IBAN as banks print it, in groups of four."""
    return " ".join(value[i : i + 4] for i in range(0, len(value), 4))
