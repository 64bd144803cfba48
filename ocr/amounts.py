"""Money as written on invoices, parsed with Decimal: `1 234,56 €`, `1.234,56`, `1,234.56`, `-218,48`."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

# Thin spaces, no-break spaces and apostrophes all serve as thousands separators in print.
_GROUPING = "\u00a0\u202f\u2009 '’"
_SIGNS = "-−–"

# One amount inside running text: optional sign, digits grouped by spaces/dots/commas, 1-2 decimals.
# A lone integer counts too; callers decide from context whether a bare integer can be money.
AMOUNT_PATTERN = re.compile(
    r"(?<![\w.,])"
    r"(?:(?P<sign>[-−–])\s?)?"
    r"(?P<num>\d{1,3}(?:[ \u00a0\u202f'’.,]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?)"
    r"(?![\w]|[.,]\d)"
)


def parse_amount(text: str) -> Decimal | None:
    """The Decimal a printed amount stands for, or None when it is not one amount."""
    cleaned = re.sub(r"(?i)eur|€|\$|£|chf|usd|gbp", "", text).strip()
    negative = cleaned.startswith(tuple(_SIGNS)) or (cleaned.startswith("(") and cleaned.endswith(")"))
    cleaned = cleaned.strip("()" + _SIGNS + " ")
    for char in _GROUPING:
        cleaned = cleaned.replace(char, "")
    if not cleaned or not re.fullmatch(r"\d[\d.,]*", cleaned):
        return None
    number = _normalise_separators(cleaned)
    if number is None:
        return None
    try:
        value = Decimal(number)
    except InvalidOperation:
        return None
    return -value if negative else value


def _normalise_separators(digits: str) -> str | None:
    """Decide which of `.` and `,` is the decimal mark and drop the other."""
    last_dot, last_comma = digits.rfind("."), digits.rfind(",")
    if last_dot >= 0 and last_comma >= 0:
        decimal_mark = "." if last_dot > last_comma else ","
    elif last_dot < 0 and last_comma < 0:
        return digits
    else:
        mark = "." if last_dot >= 0 else ","
        decimals = len(digits) - digits.rfind(mark) - 1
        # Repeated, or followed by exactly three digits: grouping ("1.234", "1,234,567"), unless
        # the integer part is 0 ("0,125" is a decimal).
        repeated = digits.count(mark) > 1
        if repeated or (decimals == 3 and not digits.startswith("0" + mark)):
            return digits.replace(mark, "") if _well_grouped(digits, mark) else None
        decimal_mark = mark
    grouping = "," if decimal_mark == "." else "."
    whole, _, fraction = digits.rpartition(decimal_mark)
    if grouping in fraction or (grouping in whole and not _well_grouped(whole, grouping)):
        return None
    return whole.replace(grouping, "") + "." + fraction


def _well_grouped(digits: str, mark: str) -> bool:
    head, *groups = digits.split(mark)
    return 1 <= len(head) <= 3 and all(len(g) == 3 for g in groups)


def format_amount(value: Decimal) -> str:
    """Plain decimal string, never exponent notation: Decimal("1E+2") -> "100"."""
    text = format(value, "f")
    return "0" if text in ("-0", "") else text


def parse_xml_decimal(text: str) -> Decimal | None:
    """An xs:decimal (`1234.50`, `-3`); a printed form (`1 234,50`) is tolerated as some writers emit it."""
    stripped = text.strip()
    if re.fullmatch(r"[-+]?(\d+(\.\d*)?|\.\d+)", stripped):
        return Decimal(stripped)
    return parse_amount(stripped)
