"""CSV exports read through a column mapping, the way French banks write them.

The header row is the first of the leading rows that names every mapped column (exports often open
with a few lines about the account). Amounts go through `Decimal`, never float, and a value that
could be read two ways ("12.50" when the decimal separator is a comma) is rejected, not guessed.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from itertools import islice

from api.bank.formats.lines import (
    ContentRefs,
    CsvMapping,
    LineProblem,
    ParsedStatement,
    RejectedLine,
    StatementError,
    StatementLine,
    check_currency,
    clean_text,
    column_position,
    single,
    to_minor_units,
)

DELIMITERS = (";", ",", "\t")
HEADER_SEARCH_ROWS = 30
MAX_REJECTED = 1000  # rejected lines a stream keeps (it counts them all)
# A file whose first rows are all unreadable is not a statement: refused as a whole before more is read.
GARBAGE_ROWS = 1000
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})", re.ASCII)
_BLANKS = re.compile(r"[\s\u00a0\u202f]+")  # spaces, incl. the non-breaking ones of French numbers

Row = tuple[int, list[str]]  # (physical 1-based line the row starts on, cells)


def parse_csv(data: bytes, mapping: CsvMapping) -> ParsedStatement:
    stream = CsvStream(data, mapping)
    lines = tuple(stream.lines())
    return ParsedStatement(format="csv", account=None, currency=stream.currency, lines=lines,
                           rejected=tuple(stream.rejected))  # fmt: skip


class CsvStream:
    """The file read row by row: `lines()` yields each readable line as it is read; `rejected` and `currency`
    are complete once `lines()` is exhausted. The header (and the delimiter) is found when it is made, so an
    unreadable file is refused before anything is read further."""

    format = "csv"
    account: str | None = None

    def __init__(self, data: bytes, mapping: CsvMapping) -> None:
        self._text = _decode(data)
        self._mapping = mapping
        self._delimiter, self._header_at, header = _header(self._text, mapping)
        self._header = [_key(cell) for cell in header]
        self.rejected: list[RejectedLine] = []  # the first MAX_REJECTED
        self.rejected_count = 0
        self._currencies: set[str] = set()

    @property
    def currency(self) -> str | None:
        if not self._mapping.currency:
            return self._mapping.default_currency
        return single(list(self._currencies))

    def lines(self) -> Iterator[StatementLine]:
        refs = ContentRefs()
        read = _LineReader(self._header, self._mapping, refs)
        rows = enumerate(_rows(self._text, self._delimiter))
        read_any = False
        for index, (line_no, cells) in rows:
            if index <= self._header_at:
                continue
            try:
                line = read(cells, line_no)
            except ValueError as exc:
                self.rejected_count += 1
                if len(self.rejected) < MAX_REJECTED:
                    self.rejected.append(RejectedLine.of(line_no, str(exc), exc))
                if not read_any and self.rejected_count >= GARBAGE_ROWS:
                    raise StatementError(
                        f"None of the first {GARBAGE_ROWS} rows is a statement line.",
                        "garbage",
                        rows=GARBAGE_ROWS,
                    ) from None
                continue
            read_any = True
            if len(self._currencies) < 2:
                self._currencies.add(line.currency)
            yield line


class _LineReader:
    """`_line(_record(header, cells), mapping, refs)` for every row of one file, with what is the same for
    all of them worked out once: where each mapped column is, the currencies and dates already read (a
    statement repeats the same few hundred dates). Reads, and refuses, exactly as those do."""

    _MAX_DATES = 4096  # dates remembered (then forgotten all at once)

    def __init__(self, header: list[str], mapping: CsvMapping, refs: ContentRefs) -> None:
        self._header, self._mapping, self._refs = header, mapping, refs
        self._width = len(header)
        at = {key: index for index, key in enumerate(header)}  # the last of equal headers, as dict(zip(…))

        def index(column: str | None) -> int | None:
            if column is None:
                return None
            position = column_position(column)
            return at[_key(column)] if position is None else position  # the header has them all: see _header

        self._date: int = index(mapping.date)  # type: ignore[assignment]  # never None
        self._amount = index(mapping.amount)
        self._credit, self._debit = index(mapping.credit), index(mapping.debit)
        self._payer, self._reference = index(mapping.payer), index(mapping.reference)
        self._currency, self._id = index(mapping.currency), index(mapping.id)
        self._dates: dict[str, date] = {}
        self._currencies: dict[str, str] = {}

    def __call__(self, cells: list[str], line_no: int = 0) -> StatementLine:
        if len(cells) != self._width or not "".join(cells).strip():
            return _line(
                _record(self._header, cells), self._mapping, self._refs, line_no
            )  # refused, or trimmed
        mapping = self._mapping
        value = " ".join(cells[self._date].split())  # clean_text, but "" for nothing
        booking = self._dates.get(value) if value else None
        if booking is None:
            booking = _date(value or None, mapping.date_format)
            if len(self._dates) >= self._MAX_DATES:
                self._dates.clear()
            self._dates[value] = booking
        raw = clean_text(cells[self._currency]) if self._currency is not None else None
        raw = raw or mapping.default_currency
        currency = self._currencies.get(raw)
        if currency is None:
            currency = check_currency(raw)
            self._currencies[raw] = currency
        cell = self._cell
        credit, debit = cell(self._credit, cells), cell(self._debit, cells)
        minor = to_minor_units(_signed_amount(cell(self._amount, cells), credit, debit, mapping), currency)
        payer, remittance = cell(self._payer, cells), cell(self._reference, cells)
        _has_words(payer, remittance, mapping)
        bank_id = cell(self._id, cells)
        refs = self._refs
        line_ref = f"csv:{bank_id}" if bank_id else refs.ref(booking, minor, currency, payer, remittance)
        return StatementLine(line_ref, booking, minor, currency, payer, remittance, bank_id, line_no)

    @staticmethod
    def _cell(index: int | None, cells: list[str]) -> str | None:
        return (" ".join(cells[index].split()) or None) if index is not None else None  # clean_text


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise StatementError("The CSV file is neither UTF-8 nor Windows-1252 text.", "encoding")


def _header(text: str, mapping: CsvMapping) -> tuple[str, int, list[str]]:
    """The first delimiter under which the mapped header is among the leading rows, where, and that row."""
    if mapping.skip_rows is not None or not mapping.named_columns():
        return _start_by_position(text, mapping)
    best_missing: list[str] | None = None
    for delimiter in _delimiters(text, mapping):
        leading = list(islice(_rows(text, delimiter), HEADER_SEARCH_ROWS))
        missing = _missing_columns(leading, mapping)
        if isinstance(missing, int):
            return delimiter, missing, leading[missing][1]
        if best_missing is None or len(missing) < len(best_missing):
            best_missing = missing
    columns = ", ".join(best_missing or [])
    raise StatementError(
        f"The CSV header lacks the mapped column(s): {columns}.", "csv_columns", columns=columns
    )


def _start_by_position(text: str, mapping: CsvMapping) -> tuple[str, int, list[str]]:
    """For a mapping by position (or one that says how many rows to skip): the delimiter under which the first
    line is found, the index of the row before it, and a header: the file's own when the mapping also names
    columns, else "#1", "#2"… as wide as that first line."""
    named = [_key(column) for column in mapping.named_columns()]
    date_at = column_position(mapping.date)
    for delimiter in _delimiters(text, mapping):
        leading = list(islice(_rows(text, delimiter), HEADER_SEARCH_ROWS + (mapping.skip_rows or 0)))
        start = mapping.skip_rows
        if start is None:
            start = next((i for i, (_, cells) in enumerate(leading) if _dated(cells, date_at, mapping)), None)
        if start is None or start >= len(leading):
            continue
        if named:
            header = leading[start - 1][1] if start > 0 else []
            if any(column not in {_key(cell) for cell in header} for column in named):
                continue
            return delimiter, start - 1, header
        width = len(leading[start][1])
        return delimiter, start - 1, [f"#{n}" for n in range(1, width + 1)]
    raise StatementError(
        "No row of the CSV file has a date in the column given for it.", "csv_columns", columns=mapping.date
    )


def _dated(cells: list[str], date_at: int | None, mapping: CsvMapping) -> bool:
    if date_at is None or date_at >= len(cells):
        return False
    try:
        _date(" ".join(cells[date_at].split()) or None, mapping.date_format)
    except LineProblem:
        return False
    return True


def _trimmed(cells: list[str]) -> list[str]:
    """Without the empty cells a trailing delimiter leaves."""
    end = len(cells)
    while end and not cells[end - 1].strip():
        end -= 1
    return cells[:end]


def _delimiters(text: str, mapping: CsvMapping) -> list[str]:
    if mapping.delimiter:
        return [mapping.delimiter]
    try:
        sniffed = csv.Sniffer().sniff(text[:8192], delimiters="".join(DELIMITERS)).delimiter
    except csv.Error:
        return list(DELIMITERS)
    # The sniffer prefers "," whenever it is regular, and decimal commas are regular: the header
    # check decides, trying the sniffed delimiter first.
    return [sniffed, *(d for d in DELIMITERS if d != sniffed)]


def _rows(text: str, delimiter: str) -> Iterator[Row]:
    reader = csv.reader(_physical_lines(text), delimiter=delimiter)
    last = 0
    try:
        for cells in reader:
            # A quoted cell may hold line breaks: the row started that many physical lines earlier. A row read
            # from one physical line can only hold its end, in its last cell (at the end of the file).
            read, last = reader.line_num - last, reader.line_num
            if read == 1 and not (cells and "\n" in cells[-1]):
                yield last, cells
            else:
                yield last - sum(cell.count("\n") for cell in cells), cells
    except csv.Error as exc:
        raise StatementError(f"The CSV file cannot be read: {exc}.", "csv_unreadable") from exc


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")


def _physical_lines(text: str) -> Iterator[str]:
    """The lines of `text` with their ends, as `io.StringIO(text, newline="")` gives them, one at a time:
    a StringIO would first copy the whole text, at four bytes a character."""
    return map(re.Match.group, _LINE.finditer(text))


def _missing_columns(rows: list[Row], mapping: CsvMapping) -> int | list[str]:
    """The header row's index, or the mapped columns missing from the row that comes closest."""
    wanted = mapping.named_columns()
    best: list[str] = list(wanted)
    for index, (_, cells) in enumerate(rows[:HEADER_SEARCH_ROWS]):
        present = {_key(cell) for cell in cells}
        missing = [column for column in wanted if _key(column) not in present]
        if not missing:
            return index
        if len(missing) < len(best):
            best = missing
    return best


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _record(header: list[str], cells: list[str]) -> dict[str, str]:
    if not any(cell.strip() for cell in cells):
        raise LineProblem("empty line", "empty")
    # A trailing delimiter on data rows only is common and harmless.
    while len(cells) > len(header) and not cells[-1].strip():
        cells = cells[:-1]
    if len(cells) != len(header):
        raise LineProblem(f"expected {len(header)} columns, found {len(cells)}", "columns",
                          expected=len(header), found=len(cells))  # fmt: skip
    # Each cell also under its position, "#1" for the first, for the columns a mapping gives by position.
    return {**{f"#{n}": cell for n, cell in enumerate(cells, 1)}, **dict(zip(header, cells, strict=True))}


def _line(record: dict[str, str], mapping: CsvMapping, refs: ContentRefs, line_no: int = 0) -> StatementLine:
    def cell(column: str | None) -> str | None:
        return clean_text(record.get(_key(column))) if column else None

    booking = _date(cell(mapping.date), mapping.date_format)
    currency = check_currency(cell(mapping.currency) or mapping.default_currency)
    amount = _signed_amount(cell(mapping.amount), cell(mapping.credit), cell(mapping.debit), mapping)
    minor = to_minor_units(amount, currency)
    payer, remittance, bank_id = cell(mapping.payer), cell(mapping.reference), cell(mapping.id)
    _has_words(payer, remittance, mapping)
    line_ref = f"csv:{bank_id}" if bank_id else refs.ref(booking, minor, currency, payer, remittance)
    return StatementLine(line_ref, booking, minor, currency, payer, remittance, bank_id, line_no)


def _has_words(payer: str | None, remittance: str | None, mapping: CsvMapping) -> None:
    """A row with a date and an amount but no words where the label or payer should be is the balance or a
    total some exports end with ("06/03/2026;12345,67;;;"), not a transaction."""
    if (mapping.payer or mapping.reference) and not payer and not remittance:
        raise LineProblem("no label nor payer: a balance or total row, not a transaction", "no_label")


def _date(value: str | None, date_format: str) -> date:
    if not value:
        raise LineProblem("no date", "no_date")
    if date_format == "%d/%m/%Y" and (numbers := _DAY_MONTH_YEAR.fullmatch(value)):
        try:  # what strptime reads, without its cost (a second for 100,000 lines)
            return date(int(numbers[3]), int(numbers[2]), int(numbers[1]))
        except ValueError:
            pass  # strptime below gives the message
    try:
        # A calendar date without a time: no timezone to attach.
        return datetime.strptime(value, date_format).date()  # noqa: DTZ007
    except ValueError:
        raise LineProblem(f"date {value!r} is not a date written as {date_format}", "date", value=value,
                          format=_readable_format(date_format)) from None  # fmt: skip


def _readable_format(date_format: str) -> str:
    """%d/%m/%Y as an example date, 31/12/2026: digits read alike in every language, JJ/MM/AAAA would not."""
    return date_format.replace("%d", "31").replace("%m", "12").replace("%Y", "2026").replace("%y", "26")


def _signed_amount(amount: str | None, credit: str | None, debit: str | None, mapping: CsvMapping) -> Decimal:
    """From the clean text of the mapped amount, credit and debit columns (None for an unmapped one)."""
    if mapping.amount:
        signed = _decimal(amount, mapping.decimal_comma)
    else:
        # Banks write debits as "12,50" or "-12,50" in the debit column; the column gives the sign.
        credited = abs(_decimal(credit, mapping.decimal_comma))
        debited = abs(_decimal(debit, mapping.decimal_comma))
        if credited and debited:
            raise LineProblem("both a credit and a debit amount", "credit_and_debit")
        signed = credited or -debited
    if not signed:
        raise LineProblem("no amount", "no_amount")
    return signed


def _number_pattern(group: str, point: str) -> re.Pattern[str]:
    grouped, decimals = rf"\d{{1,3}}({re.escape(group)}\d{{3}})+", rf"({re.escape(point)}\d+)?"
    return re.compile(rf"[+-]?({grouped}|\d+){decimals}")


_NUMBERS = {True: (".", ",", _number_pattern(".", ",")), False: (",", ".", _number_pattern(",", "."))}


def _decimal(value: str | None, decimal_comma: bool) -> Decimal:
    """Reads "1 234,56", "-12,00", "+3,5" (or "1,234.56" without decimal comma); 0 for nothing."""
    if not value:
        return Decimal(0)
    compact = _BLANKS.sub("", value).removesuffix("€")
    if not compact:
        return Decimal(0)
    group, point, pattern = _NUMBERS[decimal_comma]
    if not pattern.fullmatch(compact):
        raise LineProblem(f"amount {value!r} is not a number written with a decimal {point!r}", "amount",
                          value=value, point=point)  # fmt: skip
    try:
        return Decimal(compact.replace(group, "").replace(point, "."))
    except InvalidOperation:
        raise LineProblem(f"amount {value!r} is not a number", "amount", value=value, point=point) from None
