"""Find one typed value at the start of a piece of text: returns (value, start, end) or None.

Each finder is given the text that follows a label, so it only looks near the beginning.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING

from schwifty import BIC, IBAN
from schwifty.exceptions import SchwiftyException
from stdnum import util as stdnum_util

from .amounts import AMOUNT_PATTERN, format_amount, parse_amount
from .dates import DATE_PATTERN, date_from_match, parse_xml_date

if TYPE_CHECKING:
    from stdnum.util import NumberValidationModule

Found = tuple[str, int, int]
Finder = Callable[[str], Found | None]

_LEAD = re.compile(r"^[\s:.\-–#|]*")
# A text layer may carry a typographic hyphen or dash inside a number ("INV‑0417", LaTeX's "INV–0417"): the
# same number as with "-", read so.
_IDENTIFIER = re.compile(r"[A-Za-z0-9][A-Za-z0-9\-‐‑‒–−/._]*")
_DASHES = str.maketrans("‐‑‒–−", "-----")
_IBAN_SHAPE = re.compile(r"[A-Z]{2}\d{2}(?:\s?[A-Z0-9]{1,4}){3,8}")
_BIC_SHAPE = re.compile(r"\b[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}(?:[A-Z0-9]{3})?\b")
_VAT_SHAPE = re.compile(r"\b(?:[A-Z]{2}|EL)[ ]?[0-9A-Z][0-9A-Z .]{6,16}[0-9A-Z]\b")
_EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)*\.[a-z]{2,}", re.IGNORECASE)
_CURRENCY_CODE = re.compile(
    r"\b(EUR|USD|GBP|CHF|CAD|AUD|NZD|JPY|CNY|HKD|SGD|INR|ZAR|SEK|NOK|DKK|ISK|PLN|CZK|HUF|RON|BGN|XPF|XOF|XAF)\b"
)
# A currency named in words after a currency label ("Devise : euro", "Currency: Swiss francs").
_CURRENCY_NAMES = (
    (re.compile(r"\beuros?\b", re.IGNORECASE), "EUR"),
    (
        re.compile(
            r"\b(?:swiss\s+francs?|francs?\s+suisses?|schweizer\s+franken|franchi\s+svizzeri)\b", re.I
        ),
        "CHF",
    ),
    (re.compile(r"\b(?:pounds?\s+sterling|sterling|livres?\s+sterling|british\s+pounds?)\b", re.I), "GBP"),
    (re.compile(r"\b(?:us\s+dollars?|dollars?\s+am[ée]ricains?|us-dollar)\b", re.I), "USD"),
)
_COMPACT_DATE = re.compile(r"(?<!\d)(?:19|20)\d{6}(?!\d)")
_WINDOW = 40  # characters after a label in which its value must start


def find_amount(text: str) -> Found | None:
    for match in AMOUNT_PATTERN.finditer(text[:_WINDOW]):
        after = text[match.end() : match.end() + 2].strip()
        if after.startswith("%") or _inside_date(text, match.start()):
            continue
        value = parse_amount(match.group(0))
        if value is not None:
            return format_amount(value), match.start(), match.end()
    return None


def _inside_date(text: str, position: int) -> bool:
    return any(m.start() <= position < m.end() for m in DATE_PATTERN.finditer(text))


def find_date(text: str) -> Found | None:
    """The first real date near the start ("12 Stk 2026" has the shape of one but names no month)."""
    for match in DATE_PATTERN.finditer(text[: _WINDOW + 20]):
        parsed = date_from_match(match)
        if parsed is not None:
            return parsed.isoformat(), match.start(), match.end()
    return None


def find_labelled_date(text: str) -> Found | None:
    """After a date label a bare `20260815` is a date too (unlabelled, it could be any number)."""
    found = find_date(text)
    if found is not None:
        return found
    match = _COMPACT_DATE.search(text[:_WINDOW])
    parsed = None if match is None else parse_xml_date(match.group(0))
    return None if parsed is None or match is None else (parsed.isoformat(), match.start(), match.end())


def find_identifier(text: str) -> Found | None:
    """An invoice/order number: the first token that holds a digit and is not a date or an amount."""
    lead = _LEAD.match(text)
    start = lead.end() if lead else 0
    for match in _IDENTIFIER.finditer(text, start, min(len(text), start + _WINDOW)):
        token = match.group(0).translate(_DASHES).rstrip("._-/")
        if match.start() - start > 12:
            break  # too far from the label to be its value
        if text[match.start() - 1 : match.start()] == "(":
            continue  # "(380)": a document type code, not the number
        if any(c.isdigit() for c in token) and not _is_date(token) and not _is_decimal(token):
            after = match.start() + len(token)
            postcode = match.start() == 0 and len(token) in (4, 5) and _CITY.fullmatch(text, after)
            if token.isdigit() and (_STREET.match(text, after) or postcode):
                return (
                    None  # "84 rue des Tanneurs", "35000 Rennes": an address under a title, not a reference
                )
            return token, match.start(), match.start() + len(token)
    return None


# A city after a postcode, ending the text: "35000 Rennes", "80331 München", "1000 Bruxelles".
_CITY = re.compile(r"\s+[A-ZÀ-Ý][A-Za-zÀ-ÿ'\-]+(?:\s+[A-ZÀ-Ýa-zà-ÿ][A-Za-zÀ-ÿ'\-]*){0,3}\s*")
# The word after a street number, in the six languages: "12 rue", "7 Main Street", "3 Calle", "5 Via Roma".
_STREET = re.compile(
    r",?\s+(?:(?i:rue|avenue|boulevard|chemin|impasse|all[ée]e|place|route|quai|cours|calle|avenida|paseo|via|"
    r"viale|piazza|corso)\b|(?i:av|bd|avda)\.|[A-Z][a-z]+\s+(?i:street|road|lane|avenue|drive|way)\b|"
    r"[A-Z][a-z]+\s+(?i:st|rd)\.|[A-ZÄÖÜ][a-zäöüß]+(?:stra(?:ss|ß)e\b|str\.|weg\b|platz\b))",
)


# A reference printed as a short capital prefix and its digits: "PO 6726056", "CMD 177770" (not "NR 12").
_PREFIX = re.compile(r"(?P<prefix>[A-Z]{2,4}) (?=\d)")
_NUMBER_WORDS = frozenset({"NO", "NR", "NUM", "REF", "ID", "NUMB"})


def find_order_reference(text: str) -> Found | None:
    """An order reference; its capital prefix kept when a single space sets it apart from the digits."""
    found = find_identifier(text)
    if found is None:
        return None
    value, start, end = found
    lead = _LEAD.match(text)
    prefix = _PREFIX.match(text, lead.end() if lead else 0)
    if (
        prefix is None
        or prefix.end() != start
        or prefix.group("prefix") in _NUMBER_WORDS
        or not value.isdigit()
    ):
        return found
    return text[prefix.start() : end], prefix.start(), end


def find_invoice_number(text: str) -> Found | None:
    """An identifier, rejoined where OCR broke it after a separator ("FA-2024/ 001-B" is "FA-2024/001-B")."""
    found = find_identifier(text)
    if found is None:
        return None
    value, start, end = found
    while (joined := _BROKEN_AFTER_SEPARATOR.match(text, end)) is not None:
        if DATE_PATTERN.match(joined.group(2)):
            break  # "F-12. 05/01/2026": a date follows the number, it does not continue it
        value, end = value + joined.group(1) + joined.group(2), joined.end()
    if (tail := _DIGITS_ENDING.match(text, end)) is not None and len(value) + len(tail.group(1)) <= 20:
        # "N° LOC2025 128606", "N° || 651 11": a group of digits alone after the number, ending the text,
        # is the rest of it (OCR set a space in it, or the number is printed in groups).
        value, end = value + tail.group(1), tail.end(1)
    return _prefixed(text, value, start, end)


def _prefixed(text: str, value: str, start: int, end: int) -> Found:
    """ "INV 0417", "FAC 2026 0417": a short capital prefix set apart by one space is part of the number."""
    lead = _LEAD.match(text)
    prefix = _PREFIX.match(text, lead.end() if lead else 0)
    if prefix is None or prefix.end() != start or prefix.group("prefix") in _NUMBER_WORDS:
        return value, start, end
    return f"{prefix.group('prefix')} {value}", prefix.start(), end


def find_labelled_near_date(text: str) -> Found | None:
    """A date right after its label: "Échéance : 30 jours ... 05/01/2026" names terms, not that date.

    Words may stand between ("Date : le 5 mars 2026"), numbers only when a linking word leads to the date
    ("à 30 jours, soit le 06/01/2027").
    """
    found = find_labelled_date(text)
    if found is None:
        return None
    gap = text[: found[1]]
    if any(c.isdigit() for c in gap) and not _BRIDGE.search(gap):
        return None
    return found


_DIGITS_ENDING = re.compile(r"\s(?!(?:19|20)\d\d\s*$)(\d{1,8})\s*$")  # not a year: "INV-7 2026" is two
_BROKEN_AFTER_SEPARATOR = re.compile(r"([-/.]) ([A-Za-z]*\d[A-Za-z0-9\-/._]*)(?<![._\-/])")
# ... or the date set in brackets after the terms it results from: "Zahlungsziel: 14 Tage (19.03.2026)".
_BRIDGE = re.compile(
    r"(?:\b(?:soit(?:\s+le|\s+au)?|i\.e\.|d\.h\.|bis|le|am|on|by|until|before|avant|vor|antes|entro|voor)\s*:?|"
    r"[A-Za-zÀ-ÿ]\.?\s*[(\[])\s*$",
    re.IGNORECASE,
)


def _is_date(token: str) -> bool:
    """A token shaped and valid as a date ("26-02-2026"); "26-02-0417" has the shape but is a number."""
    match = DATE_PATTERN.fullmatch(token)
    return match is not None and date_from_match(match) is not None


def _is_decimal(token: str) -> bool:
    return bool(re.fullmatch(r"\d{1,3}(?:[.,]\d{3})*[.,]\d{2}", token))


def find_text(text: str) -> Found | None:
    lead = _LEAD.match(text)
    start = lead.end() if lead else 0
    value = text[start:].strip()
    return (value, start, start + len(value)) if len(value) >= 2 else None


def find_iban(text: str) -> Found | None:
    upper = text.upper()
    for match in _IBAN_SHAPE.finditer(upper):
        candidate = match.group(0)
        # Greedy shape: trim trailing groups until the checksum holds ("... 124 - BIC" never joins).
        while len(candidate) >= 15:
            compact = candidate.replace(" ", "")
            if is_valid_iban(compact):
                return compact, match.start(), match.start() + len(candidate)
            candidate = candidate[:-1].rstrip()
    return None


def is_valid_iban(compact: str) -> bool:
    try:
        IBAN(compact)
    except SchwiftyException:
        return False
    return True


def find_bic(text: str) -> Found | None:
    for match in _BIC_SHAPE.finditer(text[: _WINDOW + 20]):
        try:
            BIC(match.group(0))
        except SchwiftyException:
            continue
        return match.group(0), match.start(), match.end()
    return None


def find_vat_id(text: str) -> Found | None:
    for match in _VAT_SHAPE.finditer(text.upper()):
        candidate = match.group(0)
        while len(candidate) >= 8:
            compact = re.sub(r"[ .]", "", candidate)
            if valid_vat(compact):
                return compact, match.start(), match.start() + len(candidate)
            candidate = candidate[:-1].rstrip(" .")
    return None


def find_vat_shape(text: str) -> Found | None:
    """After an explicit VAT label: a VAT-shaped number even if its checksum fails (validation warns)."""
    found = find_vat_id(text)
    if found is not None:
        return found
    match = _VAT_SHAPE.search(text.upper()[:_WINDOW])
    if match is None or sum(c.isdigit() for c in match.group(0)) < 6:
        return None
    return re.sub(r"[ .]", "", match.group(0)), match.start(), match.end()


def valid_vat(compact: str) -> bool:
    country = "gr" if compact[:2] == "EL" else compact[:2].lower()
    module = _vat_module(country) if country.isalpha() else None
    return bool(module is not None and module.is_valid(compact))


@lru_cache(maxsize=512)
def _vat_module(country: str) -> NumberValidationModule | None:
    """stdnum's VAT module for a country, kept: the lookup imports by name on every call (40 µs when the
    country has none, the usual case for a capitalised word's first letters)."""
    return stdnum_util.get_cc_module(country, "vat")


def find_digits(count: int) -> Finder:
    """A number of exactly `count` digits, possibly printed in groups ("999 999 998 00010")."""
    pattern = re.compile(rf"(?<!\d)\d(?:[ .]?\d){{{count - 1}}}(?!\d)")

    def finder(text: str) -> Found | None:
        match = pattern.search(text[:_WINDOW])
        return None if match is None else (re.sub(r"\D", "", match.group(0)), match.start(), match.end())

    return finder


def find_email(text: str) -> Found | None:
    match = _EMAIL.search(text)
    return None if match is None else (match.group(0), match.start(), match.end())


def find_currency_code(text: str) -> Found | None:
    found = find_any_currency_code(text[:_WINDOW])
    if found is not None:
        return found
    for pattern, code in _CURRENCY_NAMES:
        if (match := pattern.search(text[:_WINDOW])) is not None:
            return code, match.start(), match.end()
    return None


def find_any_currency_code(text: str) -> Found | None:
    """A currency code anywhere in the text: a column heading "Amount USD" may end a long row."""
    match = _CURRENCY_CODE.search(text)
    return None if match is None else (match.group(1), match.start(1), match.end(1))


def find_iban_shape(text: str) -> Found | None:
    """After an explicit IBAN label: the IBAN-shaped text even if its checksum fails (validation warns)."""
    found = find_iban(text)
    if found is not None:
        return found
    match = _IBAN_SHAPE.search(text.upper()[:_WINDOW])
    return None if match is None else (match.group(0).replace(" ", ""), match.start(), match.end())
