"""Reading a bank statement file: CAMT.053 XML, OFX (v1 SGML or v2 XML) or CSV with a column mapping.

The format is recognised from the content, not the file name, which only makes error messages say
which file they are about. Pure: no database, no web framework.
"""

from __future__ import annotations

from api.bank.formats.camt import parse_camt
from api.bank.formats.csv_mapping import parse_csv
from api.bank.formats.lines import CsvMapping, ParsedStatement, RejectedLine, StatementError, StatementLine
from api.bank.formats.ofx import parse_ofx

__all__ = [
    "CsvMapping",
    "ParsedStatement",
    "RejectedLine",
    "StatementError",
    "StatementLine",
    "parse_statement",
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
            raise StatementError(f"{filename}: {exc.reason}") from exc
        raise


def _parse(data: bytes, csv_mapping: CsvMapping | None) -> ParsedStatement:
    head = data[:SNIFF_BYTES].lstrip(b"\xef\xbb\xbf \t\r\n")
    _refuse_unsupported(head)
    upper = head.upper()
    if b"OFXHEADER" in upper or b"<OFX>" in upper:
        return parse_ofx(data)
    if head.startswith(b"<"):
        return parse_camt(data)
    if csv_mapping is None:
        raise StatementError(
            "The file is neither a CAMT.053 nor an OFX statement; reading it as CSV needs a column mapping."
        )
    return parse_csv(data, csv_mapping)


def _refuse_unsupported(head: bytes) -> None:
    if not head:
        raise StatementError("The file is empty.")
    if head.startswith(b"%PDF"):
        raise StatementError("PDF statements cannot be read; export CAMT.053, OFX or CSV from your bank.")
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise StatementError("UTF-16 text is not supported; export the file as UTF-8 or Windows-1252.")
    if b"\x00" in head:
        raise StatementError("The file is binary, not a CAMT.053, OFX or CSV statement.")
