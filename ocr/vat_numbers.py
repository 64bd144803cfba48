"""VAT numbers as the parties read them: glued to the end of their caption, or misread by OCR.

A caption the label patterns only partly cover ("TVA intracom. FR17770654267") leaves a word's tail before
the number ("com. FR17..."), and a letter O read for a zero ("FRO4785351735") breaks the checksum. The
number's own checksum says which reading is right, so no reading is accepted that it refuses, except the
plain shape after an explicit label (validation then warns).
"""

from __future__ import annotations

import re

from stdnum.ch import uid as ch_uid

from .ocr_repair import country_readings, repair_vat
from .values import Found, find_vat_id, find_vat_shape, valid_vat

# Where a VAT number may start inside a labelled value: a country prefix followed by a digit (or by a
# letter OCR reads for a digit) after a non-letter, e.g. the "FR" of "com. FR17770654267".
_START = re.compile(
    r"(?<![A-Z0-9])(AT|BE|BG|CY|CZ|DE|DK|EE|EL|ES|FI|FR|GB|HR|HU|IE|IT|LT|LU|LV|MT|NL|PL|PT|RO|SE|SI|SK|"
    r"XI|CH|CHE|NO|IS|LI)[ ]?[A-Z]?[\dODQILSBZG]"
)
_WINDOW = 40
# A country prefix with one letter read as a digit ("1E" for IE, "8E" for BE), at the value's start.
_MISREAD_PREFIX = re.compile(r"^[\s:.]*([0-9][A-Z]|[A-Z][0-9])(?=[ ]?[0-9A-Z]{7,13}\b)")
# A Swiss business number (UID) as invoices print it: "CHE-173.798.357 TVA". The VAT register's suffix
# (MWST, TVA, IVA, TPV) is a language's word, not part of the number.
_SWISS_UID = re.compile(r"(?<![A-Z0-9])CHE[- ]?(\d{3})[. ]?(\d{3})[. ]?(\d{3})(?!\d)")


def find_labelled_vat(text: str) -> Found | None:
    """After a VAT label: a valid number (repaired if need be) wherever it starts in the window, else the
    number's shape as before."""
    return find_valid_vat(text[:_WINDOW]) or find_vat_shape(text)


def find_valid_vat(text: str) -> Found | None:
    """A VAT number whose checksum holds: as printed, from a country prefix inside a longer word run, or
    with OCR's letter-for-digit slips in its digits repaired."""
    upper = text.upper()
    swiss = _SWISS_UID.search(upper)
    if swiss is not None and ch_uid.is_valid("CHE" + "".join(swiss.groups())):
        return "CHE" + "".join(swiss.groups()), swiss.start(), swiss.end()
    found = find_vat_id(text)
    if found is not None:
        return found
    misread = _MISREAD_PREFIX.match(upper)
    if misread is not None:  # "1E5148068G": the country's letter read as a digit
        found = _with_country_misread(misread.group(1), upper[misread.end() :])
        if found is not None:
            return found[0], misread.start(1), misread.end() + found[2] - 2
    for match in _START.finditer(upper):
        rest = upper[match.start() :]
        found = find_vat_id(rest) or _repaired(match.group(1), rest[len(match.group(1)) :])
        if found is not None:
            value, start, end = found
            return value, match.start() + start, match.start() + end
    return None


def _with_country_misread(prefix: str, rest: str) -> Found | None:
    """A number whose country prefix has a letter read as a digit ("0E" may be DE or OE): of the countries
    the prefix may be, exactly one must give a valid number."""
    readings: dict[str, Found] = {}
    for country in country_readings(prefix):
        found = find_vat_id(country + rest)
        if found is not None and found[1] == 0:
            readings[found[0]] = found
    return next(iter(readings.values())) if len(readings) == 1 else None


def _repaired(country: str, text: str) -> Found | None:
    """ "FRO4785351735" -> FR04785351735 when only that reading passes the checksum. The country prefix is
    kept; the country's format says which positions hold digits (ocr_repair)."""
    found = repair_vat(country, text, valid_vat)
    return None if found is None else (found[0], 0, len(country) + found[2])
