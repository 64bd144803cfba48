"""OFX statements, version 1 (SGML, leaf tags left open as French banks export them) and 2 (XML).

ofxtools reads the header, decodes the body with the declared charset and builds the element tree.
Its `convert()` is not used: it is all-or-nothing (one unreadable TRNAMT fails the whole file) and it
moves DTPOSTED to UTC, which turns "20240305000000[+1:CET]" into the 4th. The fields of each STMTTRN
are read here instead, so a bad transaction is rejected alone and dates stay as the bank wrote them.
ofxtools refuses some real exports as a whole (no OFX header, a CHARSET it does not know such as
UTF-8, a header field missing); those are read by a small scan of the STMTTRN blocks instead.
"""

from __future__ import annotations

import gc
import io
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from xml.sax.saxutils import unescape

from ofxtools.Parser import OFXTree

from api.bank.formats.lines import (
    ContentRefs,
    LineProblem,
    ParsedStatement,
    RejectedLine,
    StatementError,
    StatementLine,
    check_currency,
    clean_text,
    single,
    to_minor_units,
)

_ENTITIES = {"&nbsp;": " ", "&apos;": "'", "&quot;": '"'}
_LEAF = re.compile(r"<([A-Za-z0-9.]+)>([^<]*)")
_TRANSACTION = re.compile(r"<STMTTRN>(.*?)(?=</STMTTRN>|<STMTTRN>|</BANKTRANLIST>|\Z)", re.I | re.S)
_COMMENT = re.compile(rb"<!--.*?(?:-->|\Z)", re.S)
_CHARSETS = {"1252": "cp1252", "ISO-8859-1": "latin-1", "UTF-8": "utf-8"}


@dataclass(frozen=True)
class _Account:
    """One statement aggregate (STMTRS or CCSTMTRS) reduced to what we read from it."""

    account: str | None
    currency: str | None
    transactions: list[dict[str, str]]


def parse_ofx(data: bytes) -> ParsedStatement:
    data = _without_comments(data)
    accounts = list(_accounts_with_ofxtools(data) or _accounts_by_scan(data))
    if not accounts:
        raise StatementError(
            "The OFX file holds no bank or card statement (no STMTRS or CCSTMTRS).", "no_statement"
        )
    refs = ContentRefs()
    lines: list[StatementLine] = []
    rejected: list[RejectedLine] = []
    ordinal = 0
    for account in accounts:
        for fields in account.transactions:
            ordinal += 1
            try:
                lines.append(_line(fields, account.currency, refs, ordinal))
            except ValueError as exc:
                rejected.append(RejectedLine.of(ordinal, f"transaction {ordinal}: {exc}", exc))
    return ParsedStatement(
        format="ofx",
        account=single([a.account for a in accounts]),
        currency=single([a.currency for a in accounts]),
        lines=tuple(lines),
        rejected=tuple(rejected),
    )


def _without_comments(data: bytes) -> bytes:
    """XML comments are never data: a currency, an account or a transaction commented out is not there. An
    unclosed comment runs to the end of the file, as an XML reader would read it."""
    return _COMMENT.sub(b"", data)


def _accounts_with_ofxtools(data: bytes) -> list[_Account] | None:
    """None when ofxtools cannot read the file as a whole, so the scan gets its chance."""
    try:
        with _collector_paused():
            root = OFXTree().parse(io.BytesIO(data))
    except (SyntaxError, ValueError, LookupError):
        # ofxtools raises its header and parse errors as SyntaxError, a body its charset cannot decode
        # as UnicodeDecodeError (a ValueError), and a stray end tag as IndexError.
        return None
    statements = [*root.iter("STMTRS"), *root.iter("CCSTMTRS")]
    return [
        _Account(
            account=_leaf(stmt, "BANKACCTFROM/ACCTID") or _leaf(stmt, "CCACCTFROM/ACCTID"),
            currency=_leaf(stmt, "CURDEF"),
            transactions=[_tree_fields(trn) for trn in stmt.iter("STMTTRN")],
        )
        for stmt in statements
    ]


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The element tree of a large statement is a million objects that hold no garbage: the cyclic garbage
    collector, which walks through all of them at each of its full collections while they are made, is
    paused meanwhile (process-wide, for the second or so the file takes; it resumes after)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _tree_fields(transaction: ET.Element) -> dict[str, str]:
    fields: dict[str, str] = {}
    for element in transaction.iter():
        if len(element) == 0 and (text := clean_text(element.text)):
            # PAYEE/NAME lands on NAME: OFX allows one or the other, never both.
            fields.setdefault(element.tag.upper(), unescape(text, _ENTITIES) if "&" in text else text)
    # A CURRENCY/CURSYM is a leaf CURSYM: without one, the path is not looked for (100,000 times).
    if "CURSYM" in fields and (currency := _leaf(transaction, "CURRENCY/CURSYM")):
        fields["CURRENCY"] = currency
    return fields


def _leaf(element: ET.Element, path: str) -> str | None:
    found = element.find(path)
    return None if found is None else clean_text(found.text)


def _accounts_by_scan(data: bytes) -> Iterator[_Account]:
    text = _decode(data)
    # Card statements use CCSTMTRS; both hold the same BANKTRANLIST.
    for chunk in re.split(r"<(?:CC)?STMTRS>", text, flags=re.I)[1:]:
        yield _Account(
            account=_scan_leaf(chunk, "ACCTID"),
            currency=_scan_leaf(chunk, "CURDEF"),
            transactions=[_scan_fields(block) for block in _TRANSACTION.findall(chunk)],
        )


def _decode(data: bytes) -> str:
    declared = re.search(rb"CHARSET:\s*([\w-]+)", data[:1024])
    codec = _CHARSETS.get(declared.group(1).decode().upper(), "") if declared else ""
    for candidate in filter(None, (codec, "utf-8", "cp1252")):
        try:
            return data.decode(candidate)
        except UnicodeDecodeError:
            continue
    raise StatementError("The OFX file is neither UTF-8 nor Windows-1252 text.", "encoding")


def _scan_fields(block: str) -> dict[str, str]:
    fields: dict[str, str] = {}
    for tag, value in _LEAF.findall(block):
        if text := clean_text(value):
            fields.setdefault(tag.upper(), unescape(text, _ENTITIES))
    currency = re.search(r"<CURRENCY>\s*(?:<CURRATE>[^<]*)?\s*<CURSYM>\s*([A-Za-z]{3})", block, re.I)
    if currency:
        fields["CURRENCY"] = currency.group(1)
    else:
        fields.pop("CURSYM", None)  # an ORIGCURRENCY's: the amount is in the statement currency
    return fields


def _scan_leaf(chunk: str, tag: str) -> str | None:
    found = re.search(rf"<{tag}>([^<]*)", chunk, re.I)
    return clean_text(found.group(1)) if found else None


def _line(
    fields: dict[str, str], statement_currency: str | None, refs: ContentRefs, line_no: int
) -> StatementLine:
    booking = _date(fields.get("DTPOSTED"))
    declared = fields.get("CURRENCY") or statement_currency
    if declared is None:
        raise LineProblem(
            "no currency: the statement has no CURDEF and the transaction no CURRENCY", "no_currency"
        )
    currency = check_currency(declared)
    minor = to_minor_units(_amount(fields.get("TRNAMT")), currency)
    payer, memo, fitid = fields.get("NAME"), fields.get("MEMO"), fields.get("FITID")
    line_ref = f"ofx:{fitid}" if fitid else refs.ref(booking, minor, currency, payer, memo)
    return StatementLine(line_ref, booking, minor, currency, payer, memo, fitid, line_no)


def _date(value: str | None) -> date:
    # The calendar date the bank wrote; the time and zone that may follow are ignored on purpose.
    if not value:
        raise LineProblem("no DTPOSTED", "no_date")
    digits = value[:8]
    if not re.fullmatch(r"\d{8}", digits):
        raise LineProblem(f"DTPOSTED {value!r} is not a date", "not_a_date", value=value)
    try:
        return date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        raise LineProblem(f"DTPOSTED {value!r} is not a date", "not_a_date", value=value) from None


def _amount(value: str | None) -> Decimal:
    if not value:
        raise LineProblem("no TRNAMT", "no_amount")
    # Some French banks write the decimal separator as a comma, against the spec.
    cleaned = value.replace(" ", "").replace(",", ".") if "." not in value else value.replace(" ", "")
    try:
        amount = Decimal(cleaned)
    except InvalidOperation:
        raise LineProblem(f"TRNAMT {value!r} is not an amount", "not_an_amount", value=value) from None
    if not amount.is_finite():
        raise LineProblem(f"TRNAMT {value!r} is not an amount", "not_an_amount", value=value)
    return amount
