"""Dates as printed on invoices: `13/11/2017`, `13.11.17`, `2017-11-13`, `13 novembre 2017`, `13. März 2017`,
`November 13, 2017`. Day before month unless the numbers say otherwise (French and German usage)."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "janvier january januar jan janv jänner",
        "fevrier february februar feb fev fevr févr février",
        "mars march marz märz mar",
        "avril april avr apr",
        "mai may",
        "juin june juni jun",
        "juillet july juli jul juil",
        "aout august aug août",
        "septembre september sept sep",
        "octobre october oktober oct okt",
        "novembre november nov",
        "decembre december dezember dec dez décembre",
    ),
    start=1,
):
    for _name in _names.split():
        _MONTHS[_name] = _number

_MONTH_WORD = r"(?P<month_name>[A-Za-zÀ-ÿ]{3,9})\.?"
_NUMERIC = r"(?P<a>\d{1,2})\s?[/.\-]\s?(?P<b>\d{1,2})\s?[/.\-]\s?(?P<c>\d{4}|\d{2})"
_ISO = r"(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2})"
_DAY_MONTH_YEAR = r"(?P<d1>\d{1,2})(?:er|\.|st|nd|rd|th)?\s+" + _MONTH_WORD + r"\s+(?P<y1>\d{4})"
_MONTH_DAY_YEAR = _MONTH_WORD.replace("month_name", "month_name2") + r"\s+(?P<d2>\d{1,2}),?\s+(?P<y2>\d{4})"

DATE_PATTERN = re.compile(
    rf"(?<![\d])(?:{_ISO}|{_NUMERIC}|{_DAY_MONTH_YEAR}|{_MONTH_DAY_YEAR})(?![\d])", re.IGNORECASE
)


def parse_date(text: str) -> date | None:
    """The one date `text` holds (surrounding words allowed), or None."""
    match = DATE_PATTERN.search(text)
    return None if match is None else date_from_match(match)


def date_from_match(match: re.Match[str]) -> date | None:
    groups = match.groupdict()
    if groups["iy"]:
        return _safe_date(int(groups["iy"]), int(groups["im"]), int(groups["id"]))
    if groups["a"]:
        return _numeric_date(int(groups["a"]), int(groups["b"]), groups["c"])
    if groups["d1"]:
        return _named_date(groups["d1"], groups["month_name"], groups["y1"])
    return _named_date(groups["d2"], groups["month_name2"], groups["y2"])


def _numeric_date(first: int, second: int, year_text: str) -> date | None:
    year = int(year_text)
    if len(year_text) == 2:
        year += 2000  # invoices with two-digit years are this century
    if second > 12 >= first:
        first, second = second, first  # month first (US style), made certain by the numbers
    return _safe_date(year, second, first)


def _named_date(day: str, month_name: str, year: str) -> date | None:
    month = month_number(month_name)
    return None if month is None else _safe_date(int(year), month, int(day))


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
