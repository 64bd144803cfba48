"""Dates as a person types them, or copies them from a printed invoice, turned into a `datetime.date`.

The one reader of typed dates (the invoice review form and API; issue 16 puts it under every form). It
accepts `31/01/2026`, `31.01.2026`, `31-01-2026`, `31/01/26`, `2026-01-31`, `31 janvier 2026`,
`1er février 2026`, `31 Jan 2026` and `January 31, 2026`. Numbers are read day first, as in France and
Britain. What could be read two ways is refused with a coded reason (DateError), never guessed: a payment
chased a month early is worse than a question."""

from __future__ import annotations

import calendar
import re
from datetime import date

from ocr.dates import month_number  # the month names capture knows, French and English among them

MIN_YEAR, MAX_YEAR = 1900, 2100
# Two-digit years: 00-68 are 2000-2068 (as strptime reads them); 69-99 could be 1969 or 2069, refused.
TWO_DIGIT_PIVOT = 69
MAX_LENGTH = 40

_YEAR_FIRST = re.compile(r"(?P<year>\d{4})(?P<sep>[-/.])(?P<month>\d{1,2})(?P=sep)(?P<day>\d{1,2})")
_DAY_FIRST = re.compile(r"(?P<day>\d{1,2})(?P<sep>[-/.])(?P<month>\d{1,2})(?P=sep)(?P<year>\d{4}|\d{2})")
_ORDINAL = r"(?P<ordinal>er|ᵉʳ|st|nd|rd|th)?"
_DAY_NAMED = re.compile(rf"(?P<day>\d{{1,2}}){_ORDINAL}\.? (?P<name>[^\W\d_]+)\.? (?P<year>\d{{4}})")
_NAMED_DAY = re.compile(rf"(?P<name>[^\W\d_]+)\.? (?P<day>\d{{1,2}}){_ORDINAL},? (?P<year>\d{{4}})")


class DateError(ValueError):
    """Why a typed text is no date: a stable `code` and the `params` its message needs (ints and dates,
    which the web layer writes in the reader's language)."""

    def __init__(self, code: str, raw: str, **params: object) -> None:
        super().__init__(f"{code}: {raw!r}")
        self.code = code
        self.params = params


def parse_date(raw: str) -> date:
    """The date `raw` says, or DateError: date_format (no date we read), date_month_name (an unknown month
    word), date_no_such_month, date_no_such_day (params: days, the month's length), date_month_first (US
    order such as 12/31/2026; params: suggestion, the day-first date), date_two_digit_year (params: year),
    date_out_of_range (params: min, max)."""
    text = " ".join(raw.split()).lower()  # any run of spaces, no-break ones included, is one space
    if len(text) > MAX_LENGTH:
        raise DateError("date_format", raw)
    if match := _YEAR_FIRST.fullmatch(text):
        return _checked(raw, int(match["year"]), int(match["month"]), int(match["day"]))
    if match := _DAY_FIRST.fullmatch(text):
        return _day_first(raw, int(match["day"]), int(match["month"]), _year(raw, match["year"]))
    if match := _DAY_NAMED.fullmatch(text) or _NAMED_DAY.fullmatch(text):
        day = int(match["day"])
        if match["ordinal"] in ("er", "ᵉʳ") and day != 1:  # "1er" is the only French ordinal in a date
            raise DateError("date_format", raw)
        month = month_number(match["name"])
        if month is None:
            raise DateError("date_month_name", raw, word=match["name"])
        return _checked(raw, int(match["year"]), month, day)
    raise DateError("date_format", raw)


def _year(raw: str, digits: str) -> int:
    if len(digits) == 4:
        return int(digits)
    if int(digits) >= TWO_DIGIT_PIVOT:
        raise DateError("date_two_digit_year", raw, year=digits)
    return 2000 + int(digits)


def _day_first(raw: str, day: int, month: int, year: int) -> date:
    """Day first; a month above 12 whose swap makes a real date is US order, pointed out rather than
    swapped: 02/03/2026 would silently mean something else to the same writer."""
    if month > 12 and 1 <= day <= 12 and _real(year, day, month):
        raise DateError("date_month_first", raw, suggestion=date(year, day, month))
    return _checked(raw, year, month, day)


def _checked(raw: str, year: int, month: int, day: int) -> date:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise DateError("date_out_of_range", raw, min=MIN_YEAR, max=MAX_YEAR)
    if not 1 <= month <= 12:
        raise DateError("date_no_such_month", raw, month=month)
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        raise DateError("date_no_such_day", raw, days=days)
    return date(year, month, day)


def _real(year: int, month: int, day: int) -> bool:
    return (
        MIN_YEAR <= year <= MAX_YEAR and 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]
    )
