"""Recognising a bank's CSV export without a column mapping.

Banks each write their own CSV: BNP Paribas, Société Générale, Crédit Agricole, LCL, Crédit Mutuel/CIC, La
Banque Postale, Boursorama, Qonto, Shine... Rather than a list of their exact files (which change), the
detector reads what any of them shows: the leading rows under each delimiter, the first rows that hold a date
and an amount (the lines), the row just above them when it is made of words (the header; LCL writes none),
then each column's header (synonyms, accents and case ignored) and the shape of its values (dates, amounts
with a decimal comma or point, words). The amount is a signed column, or a credit/debit pair; a running
balance ("Solde") is recognised by its header or, when the headers do not tell (two columns headed alike, or
no header), by its values: each balance is the one before plus the line's amount.

The result is a mapping BY POSITION ("#3"), so headers named alike never matter, with the rows to skip
(account number, period lines...), the delimiter, the date format and the decimal separator. Pure.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from itertools import islice

from api.bank.formats.csv_mapping import DELIMITERS, _decimal, _decode, _rows, _trimmed
from api.bank.formats.lines import CsvMapping, LineProblem, StatementError

SAMPLE_ROWS = 80  # leading rows looked at
SAMPLE_CHARS = 256 * 1024  # of the text, where they are looked for
SAMPLE_LINES = 50  # lines whose values decide each column's shape
PREVIEW_LINES = 10
MOSTLY = 0.8  # the share of a column's values that must have a shape for the column to have it

DATE_FORMATS = (
    "%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%y", "%m/%d/%Y", "%Y/%m/%d",
)  # fmt: skip
TIME_SUFFIXES = ("", " %H:%M:%S", " %H:%M", "T%H:%M:%S")
_DATE_LIKE = re.compile(r"\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?")
_DECIMALS = re.compile(r"[.,]\d{1,2}(?:\s*(?:€|EUR))?$")
_COMMA_DECIMALS = re.compile(r",\d{1,2}(?:\s*(?:€|EUR))?$")
_CODE = re.compile(r"[A-Za-z]{3}")

# Header words → role, tried in this order on the header folded to lower-case ASCII words ("Montant(FRANCS)"
# is "montant francs": ignored before it could be an amount; "Date de valeur" is a date, ranked after others).
HEADER_ROLES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (role, re.compile(pattern))
    for role, pattern in (
        ("ignored", r"franc|\btype\b|categor|pointage|\bstatut\b|\bstatus\b|method|\bmoyen\b|\bheure\b"
                    r"|\btime\b|\btva\b|\bvat\b|\bcheque\b|\bcarte\b|\bcard\b|\bmembre\b|initiat"),
        ("balance", r"\bsolde|balance\b|accountbalance"),
        ("currency", r"\bdevise|\bcurrency|\bmonnaie"),
        ("id", r"^id$|\bid\b.*\btransaction|\btransaction id\b|\bidentifiant\b|\bfitid\b"),
        ("date", r"\bdate|dateop|dateval|\bjour\b|\bsettlement\b"),
        ("debit", r"\bdebit|\bdepense|\bsortie|\bdecaiss|\bwithdrawal|\bmoney out\b|\bpaid out\b"),
        ("credit", r"\bcredit|\brecette|\bentree|\bencaiss|\bdeposit|\bmoney in\b|\bpaid in\b"),
        ("amount", r"montant|\bamount|\bsomme\b|\bvaleur\b"),
        ("payer", r"contrepartie|counterpart|\btiers\b|beneficiaire|emetteur|donneur|payeur|\bpayer\b|\bnom\b"
                  r"|\bname\b|\bcrediteur\b|\bdebiteur\b"),
        ("reference", r"libelle|\blabel\b|description|\bdetail|\bmotif|reference|communication|\bmemo\b"
                      r"|intitule|\bnature\b|\boperation\b|\bcomment"),
    )
)  # fmt: skip


@dataclass(frozen=True)
class Column:
    """One column of the export as the detector read it: `role` is a CsvMapping field, "balance", or None
    (not read)."""

    position: int  # 1-based
    header: str | None
    role: str | None
    samples: tuple[str, ...]


@dataclass(frozen=True)
class Detection:
    mapping: CsvMapping  # by position
    delimiter: str
    header: tuple[str, ...] | None  # the header row's cells, None when the export has none
    columns: tuple[Column, ...]
    lines: tuple[tuple[int, tuple[str, ...]], ...]  # the first lines: (physical line number, cells)


def detect_csv(data: bytes) -> Detection:
    """The export's columns, read from its leading rows. Raises StatementError("needs_mapping") when the file
    shows no dated lines with an amount, or when which column is the amount cannot be told."""
    text = _decode(data)[:SAMPLE_CHARS]  # the leading rows are all it reads: a huge file costs no more
    best: tuple[str, list[tuple[int, list[str]]], list[int]] | None = None
    for delimiter in DELIMITERS:
        leading = _leading_rows(text, delimiter)
        dated = [index for index, (_, cells) in enumerate(leading) if _is_line(cells)]
        if dated and (best is None or len(dated) > len(best[2])):
            best = (delimiter, leading, dated)
    if best is None:
        raise _unknown("no row holds both a date and an amount")
    delimiter, leading, dated = best
    # The lines are the dated rows of the most common width: a preamble row may hold a date and an amount too
    # ("Solde au 06/03/2026;12 345,67"), but rarely as many cells as the table below it.
    widths = Counter(len(leading[i][1]) for i in dated)
    width = max(widths, key=lambda w: (widths[w], w))
    dated = [i for i in dated if len(leading[i][1]) == width]
    first = dated[0]
    lines = [(leading[i][0], leading[i][1]) for i in dated]
    header = _header(leading, first, width)
    sample = [cells for _, cells in lines[:SAMPLE_LINES]]
    columns = _columns(header, sample, width)
    mapping, roles = _mapping(columns, sample, delimiter, first)
    return Detection(
        mapping=mapping,
        delimiter=delimiter,
        header=tuple(header) if header else None,
        columns=tuple(Column(c.position, c.header, roles.get(c.position), c.samples) for c in columns),
        lines=tuple((line_no, tuple(cells)) for line_no, cells in lines[:PREVIEW_LINES]),
    )


def _leading_rows(text: str, delimiter: str) -> list[tuple[int, list[str]]]:
    """The first SAMPLE_ROWS rows, or those before a row the csv module cannot read (such as the last one, cut
    at SAMPLE_CHARS inside its quotes)."""
    leading: list[tuple[int, list[str]]] = []
    try:
        leading.extend(islice(_rows(text, delimiter), SAMPLE_ROWS))
    except StatementError:
        pass  # keeps what was read before
    return leading


def fold(header: str) -> str:
    """A header as lower-case ASCII words: "Libellé_complet_opération" → "libelle complet operation"."""
    decomposed = unicodedata.normalize("NFKD", header)
    ascii_only = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", ascii_only).split())


def header_role(header: str | None) -> str | None:
    words = fold(header or "")
    if not words:
        return None
    return next((role for role, pattern in HEADER_ROLES if pattern.search(words)), None)


def _unknown(why: str) -> StatementError:
    return StatementError(
        f"The CSV file's columns were not recognised ({why}); give its column mapping.", "needs_mapping"
    )


def _is_line(cells: list[str]) -> bool:
    """A statement line: at least three cells, one of them a date and another an amount with decimals."""
    values = [" ".join(cell.split()) for cell in cells]
    if sum(1 for v in values if v) < 3:
        return False
    return any(_date_format(v) for v in values) and any(_is_amount(v) and _DECIMALS.search(v) for v in values)


def _padded(cells: list[str], width: int) -> list[str]:
    trimmed = _trimmed(cells)
    return trimmed + [""] * (width - len(trimmed))


def _header(leading: list[tuple[int, list[str]]], first: int, width: int) -> list[str] | None:
    """The row above the first line when it is words (no date, no amount) naming two columns or more."""
    if first == 0:
        return None
    cells = leading[first - 1][1]
    values = [" ".join(cell.split()) for cell in cells]
    named = [v for v in values if v]
    if len(named) < 2 or len(_trimmed(cells)) > width:
        return None
    if any(_date_format(v) or _is_amount(v) for v in named):
        return None
    return _padded(cells, width)[:width]


def _columns(header: list[str] | None, lines: list[list[str]], width: int) -> list[Column]:
    return [
        Column(
            position=index + 1,
            header=(header[index] or None) if header else None,
            role=None,
            samples=tuple(" ".join(cells[index].split()) for cells in lines),
        )
        for index in range(width)
    ]


def _mapping(
    columns: list[Column], lines: list[list[str]], delimiter: str, first: int
) -> tuple[CsvMapping, dict[int, str]]:
    """The mapping the columns' headers and values make, and each read column's role by position."""
    roles = {c.position: header_role(c.header) for c in columns}
    shapes = {c.position: _shape(c.samples) for c in columns}
    chosen: dict[str, int] = {}

    dates = [c.position for c in columns if shapes[c.position] == "date"]
    if not dates:
        raise _unknown("no column of dates")
    dated = [p for p in dates if roles[p] == "date"]
    # The day the bank booked the line rather than its value date ("Date de valeur", "dateVal").
    booking = [p for p in dated if not re.search(r"valeur|dateval|value", fold(columns[p - 1].header or ""))]
    chosen["date"] = (booking or dated or dates)[0]

    numbers = [
        c.position
        for c in columns
        if shapes[c.position] in ("amount", "number") and roles[c.position] != "ignored"
    ]
    by_role = {
        role: [p for p in numbers if roles[p] == role] for role in ("credit", "debit", "amount", "balance")
    }
    if by_role["credit"] or by_role["debit"]:
        if by_role["credit"]:
            chosen["credit"] = by_role["credit"][0]
        if by_role["debit"]:
            chosen["debit"] = by_role["debit"][0]
    elif by_role["amount"]:
        chosen["amount"] = by_role["amount"][0]
    else:
        candidates = [p for p in numbers if shapes[p] == "amount" and roles[p] in (None, "balance")]
        chosen["amount"] = _amount_by_values(candidates, lines)
    amount_columns = [chosen[k] for k in ("amount", "credit", "debit") if k in chosen]
    balance = next((p for p in numbers if p not in amount_columns and (roles[p] == "balance" or
                    _is_running_balance(_values(lines, p), _signed(lines, chosen)))), None)  # fmt: skip

    taken = set(amount_columns) | {chosen["date"], *([balance] if balance else [])}
    texts = [c.position for c in columns if c.position not in taken and shapes[c.position] == "text"]
    for role in ("currency", "id", "payer"):
        found = [p for p in texts if roles[p] == role]
        if role == "currency":
            found = [p for p in found if all(_CODE.fullmatch(v) for v in _values(lines, p) if v)]
        if found:
            chosen[role] = found[0]
            taken.add(found[0])
    labels = [p for p in texts if p not in taken and roles[p] == "reference"]
    unnamed = [p for p in texts if p not in taken and roles[p] is None]
    if labels or unnamed:
        # The fullest text: "libellé complet" rather than "libellé court", a label rather than a category.
        chosen["reference"] = max(labels or unnamed, key=lambda p: sum(map(len, _values(lines, p))))

    read = {position: role for role, position in chosen.items()}
    if balance:
        read[balance] = "balance"
    samples = [v for p in amount_columns for v in _values(lines, p) if v]
    date_format = _column_date_format(_values(lines, chosen["date"]))
    mapping = CsvMapping(
        **{role: f"#{position}" for role, position in chosen.items()},
        date_format=date_format or DATE_FORMATS[0],
        decimal_comma=_decimal_comma(samples),
        delimiter=delimiter,
        skip_rows=first,
    )
    return mapping, read


def _values(lines: list[list[str]], position: int) -> list[str]:
    return [cells[position - 1] if position - 1 < len(cells) else "" for cells in lines]


def _shape(samples: tuple[str, ...]) -> str:
    values = [v for v in samples if v]
    if not values:
        return "empty"
    if _mostly(values, lambda v: _date_format(v) is not None):
        return "date"
    if _mostly(values, _is_amount):
        with_decimals = sum(1 for v in values if _DECIMALS.search(v))
        return "amount" if with_decimals * 2 >= len(values) else "number"
    return "text"


def _mostly(values: list[str], test: Callable[[str], bool]) -> bool:
    return sum(1 for v in values if test(v)) >= MOSTLY * len(values)


def _date_format(value: str) -> str | None:
    if not _DATE_LIKE.fullmatch(value):
        return None
    for date_format in DATE_FORMATS:
        for suffix in TIME_SUFFIXES:
            try:
                # A calendar date (its time, when written, dropped): no timezone to attach.
                datetime.strptime(value, date_format + suffix)  # noqa: DTZ007
            except ValueError:
                continue
            return date_format + suffix
    return None


def _column_date_format(values: list[str]) -> str | None:
    """The first format every date of the column is read with (day first, as French exports write them)."""
    present = [v for v in values if v]
    for date_format in DATE_FORMATS:
        for suffix in TIME_SUFFIXES:
            try:
                for value in present:
                    datetime.strptime(value, date_format + suffix)  # noqa: DTZ007
            except ValueError:
                continue
            return date_format + suffix
    return None


def _is_amount(value: str) -> bool:
    return _number(value) is not None


def _number(value: str) -> Decimal | None:
    for decimal_comma in (True, False):
        try:
            return _decimal(value, decimal_comma)
        except LineProblem:
            continue
    return None


def _decimal_comma(samples: list[str]) -> bool:
    commas = sum(1 for v in samples if _COMMA_DECIMALS.search(v))
    points = sum(1 for v in samples if _DECIMALS.search(v)) - commas
    return commas >= points


def _signed(lines: list[list[str]], chosen: dict[str, int]) -> list[Decimal | None]:
    """Each line's signed amount under the chosen columns (None where it cannot be read)."""
    if "amount" in chosen:
        return [_number(v) for v in _values(lines, chosen["amount"])]
    credits = _values(lines, chosen["credit"]) if "credit" in chosen else [""] * len(lines)
    debits = _values(lines, chosen["debit"]) if "debit" in chosen else [""] * len(lines)
    signed: list[Decimal | None] = []
    for credit, debit in zip(credits, debits, strict=True):
        c, d = _number(credit), _number(debit)
        signed.append(None if c is None or d is None else abs(c) - abs(d))
    return signed


def _amount_by_values(candidates: list[int], lines: list[list[str]]) -> int:
    """The amount among numeric columns the headers do not tell apart: alone, or the one the other is the
    running balance of."""
    if len(candidates) == 1:
        return candidates[0]
    for amount in candidates:
        for balance in candidates:
            if balance != amount and _is_running_balance(
                _values(lines, balance), [_number(v) for v in _values(lines, amount)]
            ):
                return amount
    why = "no amount column" if not candidates else "which column is the amount cannot be told"
    raise _unknown(why)


def _is_running_balance(balances: list[str], amounts: list[Decimal | None]) -> bool:
    """Each balance is the previous one plus the line's amount (oldest line first), or the next one plus the
    previous line's (newest first), for most pairs of consecutive lines."""
    values = [_number(v) for v in balances]
    pairs = ascending = descending = 0
    for i in range(1, len(values)):
        before, now = values[i - 1], values[i]
        if before is None or now is None:
            continue
        pairs += 1
        ascending += amounts[i] is not None and now - before == amounts[i]
        descending += amounts[i - 1] is not None and before - now == amounts[i - 1]
    return pairs > 0 and max(ascending, descending) >= max(1, MOSTLY * pairs)
