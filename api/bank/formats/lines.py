"""What every statement format is read into, and the helpers the format readers share.

Amounts are signed integers in the currency's minor units (credits positive, debits negative), never
floats. `line_ref` is the identity used to recognise a line already imported: the bank's own id when
the format carries one, otherwise a hash of the line's content and its occurrence number in the file.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache

from babel.numbers import get_currency_precision as _babel_currency_precision

# The largest amount a line may carry, in minor units: api.money.MAX_MINOR_UNITS (this module imports none of
# the application; tests/api/bank/test_absurd_amounts.py holds the two equal).
MAX_MINOR_UNITS = 10**12

CURRENCY_CODE = re.compile(r"[A-Z]{3}")


class StatementError(ValueError):
    """The file as a whole cannot be read as a bank statement; `reason` says why in English, `code` and
    `params` let a page say it in its reader's language."""

    def __init__(self, reason: str, code: str = "unreadable", **params: object) -> None:
        super().__init__(reason)
        self.reason = reason
        self.code, self.params = code, params


class LineProblem(ValueError):
    """Why a line (or a column mapping) cannot be read: English text, and a `code` with `params` for pages."""

    def __init__(self, message: str, code: str, **params: object) -> None:
        super().__init__(message)
        self.code, self.params = code, params


@dataclass(frozen=True)
class StatementLine:
    line_ref: str
    booking_date: date
    amount: int
    currency: str
    payer_name: str | None  # the counterparty: who paid a credit, who was paid by a debit
    remittance: str | None
    bank_reference: str | None  # the bank's own id for the line, when the format has one
    line_no: int = 0  # where the line is in its file (as RejectedLine.line_no), for reports; 0 when unknown


@dataclass(frozen=True)
class RejectedLine:
    """A line that could not be read. `line_no` is the physical 1-based line for CSV, and the
    1-based ordinal of the entry (CAMT `Ntry`) or transaction (OFX `STMTTRN`) in the file otherwise."""

    line_no: int
    reason: str
    code: str | None = None  # a LineProblem's code; None when the reader only has the English reason
    params: dict[str, object] | None = None

    @classmethod
    def of(cls, line_no: int, reason: str, exc: Exception) -> RejectedLine:
        if isinstance(exc, LineProblem):
            return cls(line_no, reason, exc.code, exc.params)
        return cls(line_no, reason)


@dataclass(frozen=True)
class ParsedStatement:
    format: str  # "camt.053", "ofx" or "csv"
    account: str | None
    currency: str | None
    lines: tuple[StatementLine, ...]
    rejected: tuple[RejectedLine, ...]


POSITION = re.compile(r"#([1-9][0-9]{0,2})")


def column_position(column: str | None) -> int | None:
    """The 0-based index of a column given by position ("#3" is the third), None for one given by name."""
    found = POSITION.fullmatch(column.strip()) if column else None
    return int(found[1]) - 1 if found else None


@dataclass(frozen=True)
class CsvMapping:
    """Which column holds each field: its header, or its position written "#1", "#2"… (a real export may head
    two columns alike, such as a signed amount and a running balance both called "Solde"). Either `amount`
    (signed) or `credit`/`debit` columns. `skip_rows`: the rows before the first line (preamble and header),
    found from the header (or, by position, from the first row with a date) when None."""

    date: str
    amount: str | None = None
    credit: str | None = None
    debit: str | None = None
    payer: str | None = None
    reference: str | None = None
    currency: str | None = None
    id: str | None = None
    date_format: str = "%d/%m/%Y"
    decimal_comma: bool = True
    delimiter: str | None = None
    default_currency: str = "EUR"
    skip_rows: int | None = None

    def __post_init__(self) -> None:
        if self.amount is None and self.credit is None and self.debit is None:
            raise LineProblem(
                "a CSV mapping needs an amount column, or credit and/or debit columns", "mapping_no_amount"
            )
        if self.amount is not None and (self.credit is not None or self.debit is not None):
            raise LineProblem(
                "a CSV mapping has either an amount column or credit/debit columns, not both", "mapping_both"
            )

    def columns(self) -> tuple[str, ...]:
        named = (self.date, self.amount, self.credit, self.debit, self.payer, self.reference)
        return tuple(dict.fromkeys(c for c in (*named, self.currency, self.id) if c is not None))

    def named_columns(self) -> tuple[str, ...]:
        """The columns given by their header (those the header row must name)."""
        return tuple(c for c in self.columns() if column_position(c) is None)


def to_minor_units(amount: Decimal, currency: str) -> int:
    """Exact conversion; a value with more decimals than the currency has is refused, not rounded."""
    if not amount.is_finite():
        raise LineProblem(f"{amount} is not an amount", "not_an_amount", value=str(amount))
    if amount.adjusted() > 18:  # before any arithmetic, which would overflow the decimal context
        raise LineProblem(f"{amount} is beyond the largest amount accepted", "too_large", value=str(amount))
    minor = amount.scaleb(get_currency_precision(currency))
    if minor != minor.to_integral_value():
        raise LineProblem(f"{amount} has more decimals than {currency} allows", "decimals", value=str(amount),
                          currency=currency)  # fmt: skip
    if abs(minor) > MAX_MINOR_UNITS:  # a BIGINT column overflows at 9.2e18 (a 500 on PostgreSQL)
        raise LineProblem(f"{amount} is beyond the largest amount accepted", "too_large", value=str(amount))
    return int(minor)


@lru_cache(maxsize=1024)
def get_currency_precision(currency: str) -> int:
    """babel's, remembered: it is asked once per line of a statement."""
    return _babel_currency_precision(currency)


def check_currency(code: str | None) -> str:
    cleaned = (code or "").strip().upper()
    if not CURRENCY_CODE.fullmatch(cleaned):
        raise LineProblem(f"{code!r} is not a currency code", "currency", value=str(code or ""))
    return cleaned


def clean_text(value: str | None) -> str | None:
    """Collapses the runs of spaces banks pad fields with; None for nothing."""
    if value is None:
        return None
    collapsed = " ".join(value.split())
    return collapsed or None


class ContentRefs:
    """Content-hash line refs for formats without a bank id.

    The occurrence number keeps two genuinely identical transactions in one file (two coffees at the
    same price on the same day) as two lines, while a re-import of the same file yields the same refs.
    """

    def __init__(self) -> None:
        # Keyed by 64 bits of the content's hash rather than the content: a statement of 300,000 lines keeps
        # 300,000 small integers, not 300,000 texts. Two contents sharing 64 bits (never seen in practice)
        # would only number their lines on from each other, the same way at every import of the file.
        self._seen: Counter[int] = Counter()

    def ref(self, booking_date: date, amount: int, currency: str, *texts: str | None) -> str:
        content = "\x1f".join([booking_date.isoformat(), str(amount), currency, *map(_fold, texts)])
        encoded = content.encode()
        key = int.from_bytes(hashlib.blake2b(encoded, digest_size=8).digest())
        self._seen[key] += 1
        digest = hashlib.sha256(b"%b\x1e%d" % (encoded, self._seen[key])).hexdigest()
        return f"sha256:{digest}"


def _fold(text: str | None) -> str:
    # Re-exports of the same line may differ in case, spacing or Unicode form; the ref must not.
    if text is None:
        return ""
    if text.isascii():  # NFC changes no ASCII text and casefold() is lower() on it: the common case
        return " ".join(text.lower().split())
    return " ".join(unicodedata.normalize("NFC", text or "").casefold().split())


def single(values: list[str | None]) -> str | None:
    """The one value all statements in a file share, or None when they differ or none is known."""
    distinct = {v for v in values if v}
    return distinct.pop() if len(distinct) == 1 else None
