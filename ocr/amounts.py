"""Money as written on invoices, parsed with Decimal: `1 234,56 €`, `1.234,56`, `1,234.56`, `-218,48`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

# Thin spaces, no-break spaces and apostrophes all serve as thousands separators in print.
_GROUPING = "\u00a0\u202f\u2009\u2007 '’"
_SIGNS = "-−–"

# One amount inside running text: optional sign, digits grouped by spaces/dots/commas, 1-2 decimals.
# A lone integer counts too; callers decide from context whether a bare integer can be money.
AMOUNT_PATTERN = re.compile(
    r"(?<![\w.,])"
    r"(?:(?P<sign>[-−–])\s?)?"
    r"(?P<num>\d{1,3}(?:[ \u00a0\u202f\u2009\u2007'’.,]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?)"
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


# Money in a printed line, more tolerant than AMOUNT_PATTERN because OCR and layouts bend it: a stray space
# after the decimal mark ("1 234, 56"), before it when a currency or the line's end follows ("33 361 ,58 €"),
# inside the cents before a currency ("470,1 5€"), a ';' or ':' read for the decimal comma ("193;77") or for
# the thousands space ("3:127,55"), a
# trailing minus ("56,87-"), a currency glued on ("12,00EUR", or a LaTeX
# "€" extracted as a lone "e": "7 600e"), whole units written ",-" or ".-" ("7 600,-"). Rates ("20 %"),
# durations ("30 jours"), counts of nights and guests ("5 nuit(s)", "2 pers."), dates and digits inside
# words or codes ("FA-2017") are not money.
_MONEY = re.compile(
    r"(?:(?<=EUR)|(?<=USD)|(?<=GBP)|(?<=CHF)|(?<![\w.,/+#@%]))(?<!\w[-−–])"
    r"(?P<sign>[-−–]\s?)?"
    r"(?P<whole>\d{1,3}(?:[ \u00a0\u202f\u2009\u2007'’.,]\d{3})+|\d{1,3}[:;]\d{3}(?=[.,]\d{2}(?!\d))|\d+)"
    r"(?:(?P<split_mark>[.,])(?P<split_fraction>\d\s\d)(?=\s?(?:[€$£]|EUR\b|$))"
    r"|(?P<mark>[.,])(?P<fraction>\d{1,2}|\s\d{2})|(?P<ocr_mark>[;:])(?P<ocr_fraction>\d{2})"
    r"|\s(?P<gap_mark>[.,])(?P<gap_fraction>\d{2})(?=\s?(?:[€$£]|EUR\b|$))"
    r"|(?P<whole_units>[.,][-–]{1,2})(?=\s|$|[€$£]))?"
    r"(?P<trailing_sign>-(?=\s|$))?"
    r"(?![.,;:]?\d|(?!EUR|USD|GBP|CHF|e\b)[^\W\d]|%|\s?%|\s?(?:"
    r"j|jours?|days?|tage?n?|d[ií]as|giorni|dagen|mois|months?|monate?n?|h|hours?|heures?|std|stunden|"
    r"nuits?|nights?|n[äa]chte|noches?|notti|nachten|nuit[ée]es?|pers|personnes?|persons?|people|personen|"
    r"personas|persone)\b)",
    re.IGNORECASE,
)
# What follows the integer part of a grouped number ("7" of "7 600"): a match ending there is a fragment.
_MORE_GROUPS = re.compile(r"[ \u00a0\u202f\u2009\u2007'’]\d{3}(?!\d)")
_LARGEST = Decimal(10) ** 10


@dataclass(frozen=True, slots=True)
class Money:
    value: Decimal
    start: int
    end: int
    cents: bool  # printed with two decimals, as money almost always is
    repaired: bool  # read through an OCR slip (";" or ":" for the decimal comma)


def money_spans(text: str, excluded: list[tuple[int, int]] | None = None) -> list[Money]:
    """Every amount of money in `text`, left to right; `excluded` spans (dates, say) are skipped."""
    found: list[Money] = []
    for match in _MONEY.finditer(text):
        if excluded and any(s <= match.start() < e or s < match.end() <= e for s, e in excluded):
            continue
        money = _money(match)
        if money is not None:
            found.append(money)
    return found


def _money(match: re.Match[str]) -> Money | None:
    slips = ("ocr_mark", "split_mark", "gap_mark")
    repaired = any(match.group(slip) is not None for slip in slips)
    fraction = next(
        (
            match.group(g)
            for g in ("fraction", "ocr_fraction", "split_fraction", "gap_fraction")
            if match.group(g)
        ),
        "",
    )
    fraction = fraction.replace(" ", "")
    mark = (
        match.group("mark")
        or match.group("split_mark")
        or match.group("gap_mark")
        or ("," if repaired else "")
    )
    whole_units = match.group("whole_units") is not None
    if not fraction and not whole_units and _MORE_GROUPS.match(match.string, match.end()):
        return None  # "7" of "7 600,00e": the rest of the number did not read as money
    whole = match.group("whole")
    if ":" in whole or ";" in whole:
        repaired, whole = True, whole.replace(":", "").replace(";", "")  # "3:127,55": a space read as ':'
    value = parse_amount(whole + (mark + fraction if fraction else ""))
    if value is None or abs(value) >= _LARGEST:
        return None
    if match.group("sign") or match.group("trailing_sign"):
        value = -value
    # "7 600,-" states whole units as surely as cents do.
    return Money(value, match.start(), match.end(), len(fraction) == 2 or whole_units, repaired)
