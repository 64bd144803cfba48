"""Dates as printed on invoices: `13/11/2017`, `13.11.17`, `2017-11-13`, `13 novembre 2017`, `13. März 2017`,
`November 13, 2017`, `13-Nov-2017`, `13-Nov-17`, `13 de noviembre de 2017`; month names in French, English,
German, Spanish, Italian and Dutch. Day before month unless the numbers say otherwise (French and German
usage), or the caller knows the document writes month first (`month_first`)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import date

_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "janvier january januar jan janv jänner enero ene gennaio gen januari",
        "fevrier february februar feb fev fevr févr février febrero febbraio februari",
        "mars march marz märz mar marzo maart mrt",
        "avril april avr apr abril abr aprile",
        "mai may mayo maggio mag mei",
        "juin june juni jun junio giugno giu",
        "juillet july juli jul juil julio luglio lug",
        "aout august aug août agosto ago augustus",
        "septembre september sept sep septiembre setiembre settembre set",
        "octobre october oktober oct okt octubre ottobre ott",
        "novembre november nov noviembre",
        "decembre december dezember dec dez décembre diciembre dicembre dic",
    ),
    start=1,
):
    for _name in _names.split():
        _MONTHS[_name] = _number

_MONTH_WORD = r"(?P<month_name>[A-Za-zÀ-ÿ]{3,10})\.?"
# OCR may split a year after its first or third digit ("16/10/2 025", "16/10/202 5"): a one- or three-digit
# year is no date, so these are one.
# It may also set a space between a month's two digits ("04.1 1.2026"): between separators that is no date
# but the month read apart.
_NUMERIC = (
    r"(?P<a>\d{1,2})\s?[/.\-]\s?(?P<b>\d{1,2}|[01]\s\d(?=[/.\-]))\s?[/.\-]\s?"
    r"(?P<c>\d{4}|(?:1\s9|2\s0)\d{2}|(?:19|20)\d\s\d|\d{2})"
)
# ISO, and year first with slashes or dots as some ERP layouts print it ("2026/03/05", "2026.03.05").
_ISO = r"(?P<iy>\d{4})(?P<isep>[-/.])(?P<im>\d{2})(?P=isep)(?P<id>\d{2})"
# "13 Nov 2017", "13-Nov-2017", "13. März 2017", "13 de noviembre de 2017"; "13-Nov-17", "13 Nov '17": a
# two-digit year only after a dash, a slash or an apostrophe ("13 Nov 17" could be a day, a month, a count).
_DAY_MONTH_YEAR = (
    r"(?P<d1>\d{1,2}|\b[lI](?=er\s))(?:er|\.|st|nd|rd|th|º)?(?:\s+(?:de|of)\s+|\s+|-|/)"
    + _MONTH_WORD
    + r"(?:(?:\s+de\s+|,?\s+|-|/)(?P<y1>\d{4})|(?:-|/|\s*')(?P<y1s>\d{2}))"
)
# (OCR reads the "1" of "1er" as "l" or "I": "ler décembre 2025".)
# "November 13, 2017", "Nov. 13th 2017"; "Oct 11,2025" as OCR may read it, the space after the comma lost.
_MONTH_DAY_YEAR = (
    _MONTH_WORD.replace("month_name", "month_name2")
    + r"\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?(?:,\s*|\s+)(?P<y2>\d{4})"
)

DATE_PATTERN = re.compile(
    rf"(?<![\d])(?:{_ISO}|{_NUMERIC}|{_DAY_MONTH_YEAR}|{_MONTH_DAY_YEAR})(?![\d])", re.IGNORECASE
)


def parse_date(text: str) -> date | None:
    """The one date `text` holds (surrounding words allowed), or None."""
    match = DATE_PATTERN.search(text)
    return None if match is None else date_from_match(match)


def date_from_match(match: re.Match[str], month_first: bool = False) -> date | None:
    groups = match.groupdict()
    if groups["iy"]:
        return _safe_date(int(groups["iy"]), int(groups["im"]), int(groups["id"]))
    if groups["a"]:
        return _numeric_date(int(groups["a"]), int(groups["b"].replace(" ", "")), groups["c"], month_first)
    if groups["d1"]:
        return _named_date(groups["d1"], groups["month_name"], groups["y1"] or f"20{groups['y1s']}")
    return _named_date(groups["d2"], groups["month_name2"], groups["y2"])


def _numeric_date(first: int, second: int, year_text: str, month_first: bool = False) -> date | None:
    year_text = year_text.replace(" ", "")
    year = int(year_text)
    if len(year_text) == 2:
        year += 2000  # invoices with two-digit years are this century
    if second > 12 >= first or (month_first and first <= 12):
        first, second = second, first  # month first (US style), made certain by the numbers or the document
    return _safe_date(year, second, first)


def numeric_order(texts: Iterable[str]) -> bool:
    """Whether a document writes dates month first: its unambiguous numeric dates say so (03/25/2026) more
    often than they say day first (25/03/2026). Without evidence, day first."""
    return order_evidence(texts) > 0


def order_evidence(texts: Iterable[str]) -> int:
    """How many more unambiguous numeric dates are written month first than day first (0: no evidence)."""
    day_first, month_first = order_counts(texts)
    return month_first - day_first


def order_counts(texts: Iterable[str]) -> tuple[int, int]:
    """How many numeric dates are unambiguously written day first, and how many month first."""
    day_first = month_first = 0
    for text in texts:
        for match in _NUMERIC_DATE.finditer(text):
            first, second = int(match.group("a")), int(match.group("b").replace(" ", ""))
            day_first += first > 12 >= second
            month_first += second > 12 >= first
    return day_first, month_first


_NUMERIC_DATE = re.compile(rf"(?<![\d/.\-]){_NUMERIC}(?![\d/.\-]\d)")


def _named_date(day: str, month_name: str, year: str) -> date | None:
    month = month_number(month_name)
    number = 1 if day in ("l", "I") else int(day)  # "ler": OCR's "1er"
    return None if month is None else _safe_date(int(year), month, number)


def month_number(name: str) -> int | None:
    key = name.lower().rstrip(".")
    if key in _MONTHS:
        return _MONTHS[key]
    plain = "".join(c for c in unicodedata.normalize("NFKD", key) if not unicodedata.combining(c))
    return _MONTHS.get(plain)


def _safe_date(year: int, month: int, day: int) -> date | None:
    if not 1900 <= year <= 2100:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_xml_date(text: str) -> date | None:
    """CII format 102 (`20171113`), or ISO (`2017-11-13`) which UBL uses and some CII writers emit."""
    digits = text.strip()
    if re.fullmatch(r"\d{8}", digits):
        return _safe_date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:T.*)?", digits)
    return None if match is None else _safe_date(*(int(g) for g in match.groups()))
