"""Reading a bank statement file: CAMT.053 XML, OFX (v1 SGML or v2 XML) or CSV, with a column mapping or
recognised without one (`csv_detect`).

The format is recognised from the content, not the file name, which only makes error messages say
which file they are about. Pure: no database, no web framework.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

from api.bank.formats.camt import CamtStream, parse_camt
from api.bank.formats.csv_detect import detect_csv
from api.bank.formats.csv_mapping import CsvStream, parse_csv
from api.bank.formats.lines import CsvMapping, ParsedStatement, RejectedLine, StatementError, StatementLine
from api.bank.formats.ofx import parse_ofx

__all__ = [
    "CsvMapping",
    "ParsedStatement",
    "RejectedLine",
    "StatementError",
    "StatementLine",
    "StatementStream",
    "parse_statement",
    "read_statement",
]

SNIFF_BYTES = 4096


def parse_statement(
    data: bytes, *, filename: str | None = None, csv_mapping: CsvMapping | None = None
) -> ParsedStatement:
    """The statement's lines, with the lines that could not be read reported apart.

    Raises StatementError when the file is none of the formats or cannot be read as a whole.
    """
    try:
        return _parse(data, csv_mapping)
    except StatementError as exc:
        if filename:
            raise _named(exc, filename) from exc
        raise


class StatementStream(Protocol):
    """A statement read as its lines are wanted: `rejected`, `account` and `currency` are complete once
    `lines()` is exhausted."""

    format: str

    @property
    def account(self) -> str | None: ...

    @property
    def currency(self) -> str | None: ...

    @property
    def rejected(self) -> list[RejectedLine]: ...

    @property
    def rejected_count(self) -> int: ...

    def lines(self) -> Iterator[StatementLine]: ...


class _Read:
    """A statement read whole (OFX, bounded by the upload limit) seen as a stream."""

    def __init__(self, parsed: ParsedStatement) -> None:
        self.format, self.account, self.currency = parsed.format, parsed.account, parsed.currency
        self.rejected = list(parsed.rejected)
        self.rejected_count = len(parsed.rejected)
        self._lines = parsed.lines

    def lines(self) -> Iterator[StatementLine]:
        yield from self._lines


class _Named:
    """Errors met while reading the lines name the file, as those met before do."""

    def __init__(self, stream: StatementStream, filename: str | None) -> None:
        self._stream, self._filename = stream, filename
        self.format = stream.format

    @property
    def account(self) -> str | None:
        return self._stream.account

    @property
    def currency(self) -> str | None:
        return self._stream.currency

    @property
    def rejected(self) -> list[RejectedLine]:
        return self._stream.rejected

    @property
    def rejected_count(self) -> int:
        return self._stream.rejected_count

    def lines(self) -> Iterator[StatementLine]:
        try:
            yield from self._stream.lines()
        except StatementError as exc:
            raise _named(exc, self._filename) from exc


def read_statement(
    data: bytes, *, filename: str | None = None, csv_mapping: CsvMapping | None = None
) -> StatementStream:
    """`parse_statement` as a stream: a CSV statement is read row by row and a CAMT.053 one entry by entry
    (iterparse, each entry cleared once read) as its lines are consumed, so a large one never sits in memory
    as objects; OFX is read whole by ofxtools (bounded by the upload limit). Raises StatementError as
    `parse_statement` does, and also while the lines are read (a file that turns unreadable further down)."""
    try:
        stream = _stream(data, csv_mapping)
    except StatementError as exc:
        raise _named(exc, filename) from exc
    return _Named(stream, filename)


def _named(exc: StatementError, filename: str | None) -> StatementError:
    if not filename:
        return exc
    return StatementError(f"{filename}: {exc.reason}", exc.code, **exc.params)


def _stream(data: bytes, csv_mapping: CsvMapping | None) -> StatementStream:
    head = data[:SNIFF_BYTES].lstrip(b"\xef\xbb\xbf \t\r\n")
    _refuse_unsupported(head)
    upper = head.upper()
    if b"OFXHEADER" in upper or b"<OFX>" in upper:
        return _Read(parse_ofx(data))  # ofxtools reads the whole file
    if head.startswith(b"<"):
        return CamtStream(data)
    return CsvStream(data, csv_mapping or detect_csv(data).mapping)


def _parse(data: bytes, csv_mapping: CsvMapping | None) -> ParsedStatement:
    head = data[:SNIFF_BYTES].lstrip(b"\xef\xbb\xbf \t\r\n")
    _refuse_unsupported(head)
    upper = head.upper()
    if b"OFXHEADER" in upper or b"<OFX>" in upper:
        return parse_ofx(data)
    if head.startswith(b"<"):
        return parse_camt(data)
    return parse_csv(data, csv_mapping or detect_csv(data).mapping)


def _refuse_unsupported(head: bytes) -> None:
    if not head:
        raise StatementError("The file is empty.", "empty")
    if head.startswith(b"%PDF"):
        raise StatementError(
            "PDF statements cannot be read; export CAMT.053, OFX or CSV from your bank.", "pdf"
        )
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise StatementError(
            "UTF-16 text is not supported; export the file as UTF-8 or Windows-1252.", "utf16"
        )
    if b"\x00" in head:
        raise StatementError("The file is binary, not a CAMT.053, OFX or CSV statement.", "binary")
