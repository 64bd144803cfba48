"""Identifiers OCR misread, repaired by their own checksums.

OCR swaps characters that look alike (O/0, I/1, S/5, B/8, Z/2, G/6), sets a space inside a number and
reads a country's letter as a digit ("1T46..." for "IT46..."). Identifiers say which character class each
position holds (an IBAN's country letters, check digits and per-country BBAN format; a SIREN's digits) and
carry a checksum. A reading is repaired only where a character breaks its position's class (or, in a
position that allows both, is a letter that looks like a digit), within a budget of two substitutions, and
only when exactly ONE of the readings within that budget passes the checksum: when several do, nothing is
invented and the caller keeps what was read.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator
from functools import lru_cache

from schwifty import registry
from schwifty.exceptions import SchwiftyException

from .company_ids import french_vat_from_siren, is_valid_siren, is_valid_siret
from .values import Found, is_valid_iban

# What a character OCR read may have been printed as, by the class the position needs.
_AS_DIGIT = {
    "O": "0", "D": "0", "Q": "0", "U": "0", "I": "1", "L": "1", "J": "1", "|": "1",
    "S": "5", "B": "8", "Z": "2", "G": "6", "T": "7", "A": "4",
}  # fmt: skip
_AS_LETTER = {"0": "OD", "1": "IL", "5": "S", "8": "B", "2": "Z", "6": "G", "4": "A", "7": "T"}
# Letters in a position that allows both a letter and a digit which OCR often reads for a digit.
_OPTIONAL_DIGIT = {"O": "0", "D": "0", "I": "1", "L": "1", "S": "5", "B": "8", "Z": "2", "G": "6"}
BUDGET = 2  # substitutions
_MAX_CANDIDATES = 4096  # readings checked for one value: a bound, never reached by a real identifier

Classes = str  # one character per position: "a" letter, "n" digit, "c" letter or digit


def repair(
    read: str,
    classes: Classes,
    is_valid: Callable[[str], bool],
    budget: int = BUDGET,
    *,
    optional: bool = True,
) -> str | None:
    """The one reading within `budget` substitutions of `read` that fits `classes` and `is_valid`, or None
    (none, several, or `read` needs more). `optional` also tries digits for the digit-like letters of
    positions that allow both (only where a checksum, not a mere shape, judges the readings)."""
    if len(read) != len(classes):
        return None
    forced: list[tuple[int, str]] = []  # positions that must change, with what they may become
    choosable: list[tuple[int, str]] = []
    for position, (char, kind) in enumerate(zip(read, classes, strict=True)):
        if _fits(char, kind):
            if optional and kind == "c" and char in _OPTIONAL_DIGIT:
                choosable.append((position, _OPTIONAL_DIGIT[char]))
            continue
        choices = _AS_DIGIT.get(char, "") if kind == "n" else _AS_LETTER.get(char, "")
        if not choices:
            return None
        forced.append((position, choices))
    if len(forced) > budget:
        return None
    if len(choosable) > budget:
        choosable = []  # many digit-like letters where letters are allowed: letters printed, not slips
    valid: set[str] = set()
    for count, candidate in enumerate(_readings(read, forced, choosable, budget - len(forced))):
        if count >= _MAX_CANDIDATES:
            return None
        if candidate != read and is_valid(candidate):
            valid.add(candidate)
            if len(valid) > 1:
                return None
    return valid.pop() if valid else None


def _fits(char: str, kind: str) -> bool:
    if kind == "n":
        return char.isascii() and char.isdigit()
    if kind == "a":
        return char.isascii() and char.isalpha() and char.isupper()
    return char.isascii() and (char.isdigit() or (char.isalpha() and char.isupper()))


def _readings(
    read: str, forced: list[tuple[int, str]], optional: list[tuple[int, str]], spare: int
) -> Iterator[str]:
    chars = list(read)
    for picks in itertools.product(*(choices for _, choices in forced)):
        for (position, _), pick in zip(forced, picks, strict=True):
            chars[position] = pick
        for size in range(min(spare, len(optional)) + 1):
            for group in itertools.combinations(optional, size):
                changed = chars.copy()
                for position, digit in group:
                    changed[position] = digit
                yield "".join(changed)


# --- IBAN ------------------------------------------------------------------------------------------------

_SPEC_PART = re.compile(r"(\d+)!([nace])")
# A run of characters that may hold an IBAN read with slips: letters, digits, single spaces between groups.
_RUN = re.compile(r"[A-Z0-9|](?:[ ]{0,2}[A-Z0-9|]){13,40}")
_STRAY_MARK = re.compile(r"(?<=[A-Z0-9])[!'`´](?=[ ]?[A-Z0-9])")
# A country's two letters and its check digits, the first of which OCR may read as a letter ("GBO2NWBK...").
_IBAN_START = re.compile(r"(?<![A-Z0-9])([A-Z]{2})(?:[0-9]|[ODQIL|SZB](?=[0-9]))")
_WINDOW = 50
_SPACE = re.compile(" ")


@lru_cache(maxsize=128)
def iban_classes(country: str) -> Classes | None:
    """Each position's class for `country`'s IBAN ("FR2!n5!n5!n11!c2!n" -> "aann..."), None if unknown."""
    try:
        spec = registry.get_iban_spec(country)
    except (SchwiftyException, KeyError, ValueError):
        return None
    body = spec.iban_spec[2:]
    parts = _SPEC_PART.findall(body)
    if "".join(f"{n}!{k}" for n, k in parts) != body:
        return None
    classes = "aa" + "".join(("c" if kind == "e" else kind) * int(n) for n, kind in parts)
    return classes if len(classes) == spec.iban_length else None


def repair_iban(text: str) -> Found | None:
    """After an IBAN label: the one IBAN a misread run of characters can be repaired to, as (value, start,
    end) in `text`. The country letters may have been read as digits, so each country they may be is tried
    with its own length and format; the readings of all countries together must leave exactly one."""
    upper = _without_stray_marks(text[:_WINDOW].upper())
    for match in _RUN.finditer(upper):
        for start in _group_starts(upper, match.start(), match.end()):
            found = _repair_iban_at(upper, start, match.end())
            if found is not None:
                return found
    return None


def find_repaired_iban(text: str) -> Found | None:
    """Anywhere on the page, with no label to say an IBAN is there: only a run that starts with a country's
    two letters as printed and a check digit ("RIB : FR7! 6 9426 ...", the first maybe read as a letter:
    "GBO2 NWBK ..."), repaired as after a label."""
    upper = _without_stray_marks(text.upper())
    for start in _IBAN_START.finditer(upper):
        run = _RUN.match(upper, start.start())
        found = None if run is None else _repair_iban_at(upper, start.start(), run.end(), {start.group(1)})
        if found is not None:
            return found
    return None


def _without_stray_marks(text: str) -> str:
    """A speck OCR read as a mark inside a number ("FR7! 6 9426") set to a space: same length, so the
    positions found still point into the text."""
    return _STRAY_MARK.sub(" ", text)


def _group_starts(text: str, start: int, end: int) -> list[int]:
    """Where an IBAN may begin in a run: its first group, or after up to two words ("Compte 1T46...");
    never inside a number, where some later group could pass for a country misread."""
    starts = [start]
    for space in _SPACE.finditer(text, start, end):
        if len(starts) == 3 or any(c.isdigit() for c in text[starts[-1] : space.start()]):
            break
        starts.append(space.end())
    return starts


def _repair_iban_at(text: str, start: int, end: int, countries: set[str] | None = None) -> Found | None:
    positions = [i for i in range(start, end) if text[i] != " "]
    compact = "".join(text[i] for i in positions)
    repaired: set[str] = set()
    for country in country_readings(compact[:2]) if countries is None else countries:
        classes = iban_classes(country)
        if classes is None or len(compact) < len(classes):
            continue
        read = compact[: len(classes)]
        # Valid as read once stray marks are dropped and groups joined: that reading, which find_iban missed.
        value = read if is_valid_iban(read) else repair(read, classes, is_valid_iban)
        if value is not None:
            repaired.add(value)
    if len(repaired) != 1:
        return None
    value = repaired.pop()
    return value, start, positions[len(value) - 1] + 1


def country_readings(read: str) -> set[str]:
    """The country codes two characters may be: as read, or with a digit read for a letter."""
    options = [_AS_LETTER.get(c, "") + (c if c.isalpha() else "") for c in read]
    return {a + b for a in options[0] for b in options[1]} if len(options) == 2 else set()


# --- SIREN, SIRET ----------------------------------------------------------------------------------------

_DIGITS_RUN = {
    count: re.compile(rf"(?<![A-Z0-9])[A-Z0-9|](?:[ .]?[A-Z0-9|]){{{count - 1}}}(?![A-Z0-9])")
    for count in (9, 14)
}
_COMPANY_CHECK = {9: is_valid_siren, 14: is_valid_siret}


def repair_company_number(count: int) -> Callable[[str], Found | None]:
    """A finder for a SIREN (9) or SIRET (14) after its label whose digits OCR read partly as letters
    ("310 3O8 994 000 22"): the digits' Luhn key must accept exactly one reading."""
    pattern, check = _DIGITS_RUN[count], _COMPANY_CHECK[count]

    def finder(text: str) -> Found | None:
        upper = text[:_WINDOW].upper()
        for match in pattern.finditer(upper):
            read = re.sub(r"[ .]", "", match.group(0))
            if sum(c.isdigit() for c in read) < count - BUDGET:
                continue  # a word or a reference, not a number with a slip
            value = repair(read, "n" * count, check)
            if value is not None:
                return value, match.start(), match.end()
        return None

    return finder


# --- BIC -------------------------------------------------------------------------------------------------

_BIC_CLASSES = {8: "aaaaaacc", 11: "aaaaaaccccc"}
# Letters OCR reads for one another in a BIC's country code, when the IBAN's country says which it was.
_LOOKALIKE_LETTERS = {
    "E": "F", "F": "EP", "P": "FR", "R": "P", "O": "DQ", "D": "O", "Q": "O", "I": "LT",
    "L": "I", "T": "I", "C": "G", "G": "C", "U": "V", "V": "U", "M": "N", "N": "M",
}  # fmt: skip
_BIC_RUN = re.compile(r"(?<![A-Z0-9])[A-Z0-9](?:[ ]?[A-Z0-9]){7,10}(?![A-Z0-9])")


def repair_bic(text: str, country: str, *, anchored: bool = False) -> Found | None:
    """A BIC read with slips, confirmed by the IBAN's `country`: a space inside it ("CCBPF RPPNAN"), digits
    in its letter positions ("8NPAFRPP"), or one letter of its country code that looks like the IBAN's
    ("BNPAERPP" beside an FR IBAN). A BIC has no checksum: where the bank directory knows exactly one of its
    readings, that one; else its bank-code digits are only read as letters when each has one letter it may
    be and the country letters then agree with the IBAN's. `anchored`: the BIC must start `text`."""
    window = text[: _WINDOW + 10]
    matches = [_BIC_RUN.match(window)] if anchored else list(_BIC_RUN.finditer(window))
    for match in filter(None, matches):
        read = match.group(0).replace(" ", "")
        if len(read) not in _BIC_CLASSES or match.group(0).count(" ") > 1:
            continue
        classes = _BIC_CLASSES[len(read)]
        value = registered_bic(read, country) or repair(
            read, classes, lambda v: _bic_country(v) == country, optional=False
        )
        if value is None and read[4:6] != country and _one_lookalike(read[4:6], country):
            value = read[:4] + country + read[6:]
        if value is not None or read[4:6] == country:
            return value or read, match.start(), match.end()
    return None


def registered_bic(read: str, country: str) -> str | None:
    """A BIC the bank directory (schwifty's registry) does not know, whose slips leave exactly one reading it
    knows in the IBAN's country ("S0GEFRPP": SOGEFRPP is a bank, SDGEFRPP none; "CMCIFRZA": CMCIFR2A)."""
    if _known_bic(read):
        return None
    return repair(read, _BIC_CLASSES[len(read)], lambda v: v[4:6] == country and _known_bic(v))


def _known_bic(value: str) -> bool:
    """In the directory as read, or as its head office (8 characters) or with the XXX branch code."""
    forms = (value, value[:8]) if len(value) == 11 else (value, value + "XXX")
    return any(registry.get_banks_by_bic(form) for form in forms)


def _bic_country(value: str) -> str:
    return value[4:6] if value[:6].isalpha() else ""


def _one_lookalike(read: str, country: str) -> bool:
    """The two letters differ from `country` in exactly one, a letter OCR reads for the other."""
    if not read.isalpha() or len(read) != 2:
        return False
    differing = [(r, c) for r, c in zip(read, country, strict=True) if r != c]
    return len(differing) == 1 and differing[0][1] in _LOOKALIKE_LETTERS.get(differing[0][0], "")


# --- One SIREN printed three times ------------------------------------------------------------------------

_FRENCH_VAT = re.compile(r"FR[0-9A-Z]{2}\d{9}")


def siren_readings(siren: str | None, siret: str | None, vat: str | None) -> list[str]:
    """The SIREN as each French identifier of one party prints it, where that printing checks out: the
    SIREN's own Luhn key, the SIRET's, or the French VAT key, which derives from the SIREN."""
    readings = []
    if siren is not None and len(siren) == 9 and is_valid_siren(siren):
        readings.append(siren)
    if siret is not None and len(siret) == 14 and is_valid_siret(siret) and is_valid_siren(siret[:9]):
        readings.append(siret[:9])
    if vat is not None and _FRENCH_VAT.fullmatch(vat) and french_vat_from_siren(vat[4:]) == vat:
        readings.append(vat[4:])
    return readings


def agreed_siren(readings: list[str]) -> str | None:
    """The SIREN every valid reading gives, None when there is none or they disagree."""
    return readings[0] if readings and len(set(readings)) == 1 else None


def with_siren(kind: str, read: str, siren: str) -> str | None:
    """`read` (a SIREN, SIRET or French VAT number whose key fails) set right by the SIREN the party's other
    identifiers agree on, when at most two of its digits differ from it and the result checks out."""
    if kind == "siren":
        value = siren
    elif kind == "siret":
        value = siren + read[9:] if len(read) == 14 else ""
        if not is_valid_siret(value):
            return None
    else:
        value = french_vat_from_siren(siren) if _FRENCH_VAT.fullmatch(read) else ""
    if len(value) != len(read) or value == read:
        return None
    return value if sum(a != b for a, b in zip(value, read, strict=True)) <= BUDGET else None


# --- VAT numbers -----------------------------------------------------------------------------------------

# Each country's VAT number after its prefix, as position classes (EU, EFTA, UK): where letters belong
# ("ATU...", "...B01", a Spanish company's letter first or a person's letter last, a French key), a letter
# is no slip. A country not listed
# only has its digit-like letters tried, as positions that allow both.
_N = "n"
_VAT_FORMATS: dict[str, tuple[Classes, ...]] = {
    "AT": ("a" + _N * 8,), "BE": (_N * 10,), "BG": (_N * 9, _N * 10), "CY": (_N * 8 + "a",),
    "CZ": (_N * 8, _N * 9, _N * 10), "DE": (_N * 9,), "DK": (_N * 8,), "EE": (_N * 9,), "EL": (_N * 9,),
    "ES": ("a" + _N * 7 + "c", _N * 8 + "a"), "FI": (_N * 8,), "FR": ("cc" + _N * 9,), "HR": (_N * 11,),
    "HU": (_N * 8,),
    "IT": (_N * 11,), "LT": (_N * 9, _N * 12), "LU": (_N * 8,), "LV": (_N * 11,), "MT": (_N * 8,),
    "NL": (_N * 9 + "a" + _N * 2,), "PL": (_N * 10,), "PT": (_N * 9,), "SE": (_N * 12,), "SI": (_N * 8,),
    "SK": (_N * 10,), "GB": (_N * 9, _N * 12), "XI": (_N * 9, _N * 12), "NO": (_N * 9,),
}  # fmt: skip
# A Spanish person's NIF ends in a letter key, one chance in 23 of passing by luck: one slip at most there.
_WEAK_KEY = {_N * 8 + "a"}
_VAT_BODY = re.compile(r"[ ]?([0-9A-Z|](?:[ .]?[0-9A-Z|]){6,14})")


def repair_vat(country: str, text: str, is_valid: Callable[[str], bool]) -> Found | None:
    """The number after a VAT `country` prefix ("FR" of "FRO4785351735") repaired by its checksum: a
    reading of each length the country uses, ending where a group of the print ends, must leave exactly
    one valid number (`is_valid` judges the whole, prefix included). Returns (value, 0, end in text)."""
    match = _VAT_BODY.match(text)
    if match is None:
        return None
    body = match.group(1)
    ends = {len(body[:i].replace(" ", "").replace(".", "")): i for i in range(1, len(body) + 1)
            if i == len(body) or body[i] in " ."}  # fmt: skip
    formats = _VAT_FORMATS.get(country) or tuple("c" * n for n in sorted(ends) if n >= 8)
    repaired: dict[str, int] = {}
    for classes in formats:
        if len(classes) not in ends:
            continue
        read = body[: ends[len(classes)]].replace(" ", "").replace(".", "")
        budget = 1 if classes in _WEAK_KEY else BUDGET
        value = repair(read, classes, lambda v: is_valid(country + v), budget)
        if value is not None:
            repaired[country + value] = match.start(1) + ends[len(classes)]
    if len(repaired) != 1:
        return None
    value, end = repaired.popitem()
    return value, 0, end


_PARTIAL_NUMBER = re.compile(r"(?<![0-9A-Z])\d(?:[ .]?\d){6,14}(?!\d)")
_NIC = 5  # a SIRET is the SIREN and a 5-digit establishment number
_OVERLAP = 2  # digits of the SIREN the partial reading must still show


def find_partial_number(text: str) -> Found | None:
    """7 to 15 digits after a SIRET label: a SIRET whose leading digits OCR lost ("SIRET || 1400073"), or
    with a digit dropped or doubled."""
    match = _PARTIAL_NUMBER.search(text[:_WINDOW])
    return None if match is None else (re.sub(r"\D", "", match.group(0)), match.start(), match.end())


def completed_siret(read: str, siren: str) -> str | None:
    """The SIRET `read` is the end of (or has one digit dropped or doubled in its SIREN part), set right by
    the party's SIREN printed elsewhere: the digits read before the establishment number must end that
    SIREN (or be it with one digit dropped or doubled) and the whole must pass the SIRET's Luhn key."""
    head = read[:-_NIC]
    lost = _OVERLAP <= len(head) < len(siren) and siren.endswith(head)
    if not lost and not _one_digit_apart(head, siren):
        return None
    value = siren + read[-_NIC:]
    return value if is_valid_siret(value) else None


def _one_digit_apart(read: str, siren: str) -> bool:
    """`read` is `siren` with one digit dropped or doubled (the SIRET's Luhn key then judges its NIC)."""
    shorter, longer = sorted((read, siren), key=len)
    if len(longer) - len(shorter) != 1:
        return False
    return any(longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer)))
