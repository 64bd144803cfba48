"""How often ocr/ocr_repair.py sets a misread identifier right, leaves it alone, or makes it wrong.

Valid identifiers (IBANs of 16 SEPA countries from schwifty's registry, SIRENs, SIRETs, BICs, VAT numbers
of 10 countries; seeded, so runs compare) are printed as invoices print them, then 1 or 2 characters are
misread the way OCR does:
  - look-alike: a digit read as the letter it resembles or the reverse (0/O, 1/I, 5/S, 8/B, 2/Z, 6/G...),
    what the repair is for;
  - digit-for-digit (3 for 8, 7 for 1...), which no checksum can place: the repair must leave these alone.
A repair is right when it gives the printed value; closer when it sets some slips right and leaves others
(a BIC's location code has no checksum); wrong when it gives another value; "left" means no repair (the
value as read is kept, and validation flags it where a checksum fails).

Usage: python benchmarks/ocr_repair.py [--samples N] [--seed S]
"""

from __future__ import annotations

import argparse
import random
import string
import sys
from collections.abc import Callable
from pathlib import Path

from schwifty import IBAN

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ocr.ocr_repair import iban_classes, repair_bic, repair_company_number, repair_iban
from ocr.values import valid_vat
from ocr.vat_numbers import find_labelled_vat

_LOOKALIKE = {"0": "OD", "1": "IL", "5": "S", "8": "B", "2": "Z", "6": "G", "O": "0", "I": "1", "S": "5",
              "B": "8", "Z": "2", "G": "6", "D": "0", "L": "1"}  # fmt: skip
_DIGIT_SLIP = {"8": "36", "3": "8", "1": "7", "7": "1", "6": "58", "5": "6", "0": "8", "9": "8", "4": "1"}
_SEPA = ("AT", "BE", "CH", "DE", "ES", "FI", "FR", "GB", "IE", "IT", "LU", "MC", "NL", "PL", "PT", "SE")
_BICS = ("BNPAFRPP", "SOGEFRPP", "CMCIFR2A", "PSSTFRPPPAR", "AGRIFRPP882", "COBADEFFXXX", "BYLADEM1001",
         "BCITITMM", "DEUTDEFF", "INGBNL2A", "GEBABEBB", "BBVAESMM", "UBSWCHZH80A", "BARCGB22")  # fmt: skip


def _luhn_completed(rng: random.Random, prefix: str, length: int) -> str:
    """`prefix` and random digits up to `length`, the last one the Luhn key."""
    body = prefix + "".join(rng.choice(string.digits) for _ in range(length - 1 - len(prefix)))
    for last in string.digits:
        digits = [int(c) for c in body + last]
        total = sum(
            d if i % 2 == 0 else (d * 2 - 9 if d * 2 > 9 else d * 2) for i, d in enumerate(digits[::-1])
        )
        if total % 10 == 0:
            return body + last
    raise AssertionError("a Luhn key always exists")


def _digits_iban(rng: random.Random, country: str) -> str:
    """A valid IBAN of `country` whose free (letter or digit) positions hold digits, as most banks issue
    them; letters stay where the format wants letters (a British bank code, an Italian CIN)."""
    spec = str(IBAN.random(country_code=country, random=rng))
    classes = iban_classes(country) or ""
    bban = "".join(
        rng.choice(string.digits) if kind == "c" else char
        for char, kind in zip(spec[4:], classes[4:], strict=True)
    )
    numeric = "".join(str(int(c, 36)) for c in bban + country + "00")
    return f"{country}{98 - int(numeric) % 97:02d}{bban}"


def _misread(rng: random.Random, value: str, slips: int, table: dict[str, str]) -> str | None:
    positions = [i for i, c in enumerate(value) if c in table]
    if len(positions) < slips:
        return None
    chars = list(value)
    for i in rng.sample(positions, slips):
        chars[i] = rng.choice(table[chars[i]])
    return "".join(chars)


# VAT numbers drawn at random until their checksum holds: prefix, letters before, digits, letters after.
_VAT_FORMS = (
    ("FR", "", 11, ""), ("DE", "", 9, ""), ("IT", "", 11, ""), ("BE", "0", 9, ""), ("NL", "", 9, "B01"),
    ("AT", "U", 8, ""), ("ES", "B", 8, ""), ("PT", "", 9, ""), ("PL", "", 10, ""), ("LU", "", 8, ""),
)  # fmt: skip


def _vat(rng: random.Random) -> str:
    while True:
        country, before, digits, after = rng.choice(_VAT_FORMS)
        value = country + before + "".join(rng.choice(string.digits) for _ in range(digits)) + after
        if valid_vat(value):
            return value


def _grouped(value: str, size: int) -> str:
    return " ".join(value[i : i + size] for i in range(0, len(value), size))


Case = tuple[str, str, Callable[[str], str | None]]  # printed value, how it is printed, the repair


def _cases(rng: random.Random, samples: int) -> dict[str, list[Case]]:
    def iban(text: str) -> str | None:
        found = repair_iban(text)
        return None if found is None else found[0]

    def company(count: int) -> Callable[[str], str | None]:
        finder = repair_company_number(count)
        return lambda text: None if (found := finder(text)) is None else found[0]

    def bic(country: str) -> Callable[[str], str | None]:
        return lambda text: None if (found := repair_bic(text, country)) is None else found[0]

    ibans = [_digits_iban(rng, rng.choice(_SEPA)) for _ in range(samples)]
    any_ibans = [str(IBAN.random(country_code=rng.choice(_SEPA), random=rng)) for _ in range(samples)]
    sirens = [_luhn_completed(rng, "", 9) for _ in range(samples)]
    sirets = [_luhn_completed(rng, siren, 14) for siren in sirens]

    def vat(text: str) -> str | None:
        found = find_labelled_vat(": " + text)
        return None if found is None else found[0]

    vats = [_vat(rng) for _ in range(samples)]
    return {
        "IBAN": [(v, _grouped(v, 4), iban) for v in ibans],
        "IBAN (alnum accounts)": [(v, _grouped(v, 4), iban) for v in any_ibans],
        "SIREN": [(v, _grouped(v, 3), company(9)) for v in sirens],
        "SIRET": [(v, f"{_grouped(v[:9], 3)} {v[9:]}", company(14)) for v in sirets],
        "BIC": [(v, v, bic(v[4:6])) for v in (rng.choice(_BICS) for _ in range(samples))],
        "VAT": [(v, v[:2] + v[2:], vat) for v in vats],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--samples", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=15)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    heads = " ".join(f"{h:>7}" for h in ("right", "closer", "left", "wrong"))
    print(f"{'identifier':<22} {'misreading':<18} {'cases':>6} {heads}")
    for kind, cases in _cases(rng, args.samples).items():
        for label, table, slips in (("1 look-alike", _LOOKALIKE, 1), ("2 look-alikes", _LOOKALIKE, 2),
                                    ("1 digit-for-digit", _DIGIT_SLIP, 1)):  # fmt: skip
            right = left = closer = wrong = total = 0
            for value, printed, fix in cases:
                misread = _misread(rng, printed, slips, table)
                if misread is None or misread.replace(" ", "") == value:
                    continue
                total += 1
                repaired = fix(misread)
                right += repaired == value
                unchanged = repaired is None or repaired == misread.replace(" ", "")  # kept as read
                left += unchanged
                if not unchanged and repaired is not None and repaired != value:
                    gained = _distance(repaired, value) < _distance(misread.replace(" ", ""), value)
                    closer += gained
                    wrong += not gained
            rates = " ".join(_pct(n, total) for n in (right, closer, left, wrong))
            print(f"{kind:<22} {label:<18} {total:>6} {rates}")
    return 0


def _distance(a: str, b: str) -> int:
    return sum(x != y for x, y in zip(a, b, strict=False)) + abs(len(a) - len(b))


def _pct(part: int, total: int) -> str:
    return f"{100 * part / total:6.1f}%" if total else "     -"


if __name__ == "__main__":
    raise SystemExit(main())
