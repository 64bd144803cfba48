"""ISO 20022 CAMT.053 bank-to-customer statements, every `camt.053.001.0x` version.

Elements are found by local name whatever the namespace version; the few paths that moved between
versions (the party name under `Pty` from v08, the transaction amount directly under `TxDtls` from v03,
the status as a code from v06) are all tried.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from lxml import etree

from api.bank.formats.lines import (
    ContentRefs,
    ParsedStatement,
    RejectedLine,
    StatementError,
    StatementLine,
    check_currency,
    clean_text,
    single,
    to_minor_units,
)

Node = Any  # lxml ships no type information
NAMESPACE_PREFIX = "urn:iso:std:iso:20022:tech:xsd:camt.053."
NOT_PROVIDED = "NOTPROVIDED"
PROLOG_BYTES = 65536  # bounds the DOCTYPE look on hostile input

# Statements come from outside: never fetch anything, never expand entities (billion laughs), and
# keep libxml2's limits on depth and text size (huge_tree=False).
_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_pis=True
)
_PROLOG_DOCTYPE = re.compile(rb"(?:\xef\xbb\xbf)?\s*(?:<\?.*?\?>\s*|<!--.*?-->\s*)*<!DOCTYPE", re.S)
_DTD_REFUSED = "XML files with a document type declaration (DTD) are refused."


def parse_camt(data: bytes) -> ParsedStatement:
    statements = _document(data).findall("{*}BkToCstmrStmt/{*}Stmt")
    if not statements:
        raise StatementError("The CAMT.053 file holds no statement (no BkToCstmrStmt/Stmt element).")
    refs = ContentRefs()
    lines: list[StatementLine] = []
    rejected: list[RejectedLine] = []
    entries = [(entry, stmt) for stmt in statements for entry in stmt.findall("{*}Ntry")]
    for ordinal, (entry, stmt) in enumerate(entries, start=1):
        try:
            lines.extend(_entry_lines(entry, _text(stmt, "{*}Acct/{*}Ccy"), refs))
        except ValueError as exc:
            rejected.append(RejectedLine(ordinal, f"entry {ordinal}: {exc}"))
    return ParsedStatement(
        format="camt.053",
        account=single([_account(stmt) for stmt in statements]),
        currency=single([_text(stmt, "{*}Acct/{*}Ccy") for stmt in statements]),
        lines=tuple(lines),
        rejected=tuple(rejected),
    )


def _document(data: bytes) -> Node:
    # A bank statement never needs a DTD; one is only there to declare entities, so refuse it whole,
    # before libxml2 sees it and after (should the prolog hide it from this look).
    if _PROLOG_DOCTYPE.match(data[:PROLOG_BYTES]):
        raise StatementError(_DTD_REFUSED)
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise StatementError(f"The file is not well-formed XML: {exc}.") from exc
    if root.getroottree().docinfo.internalDTD is not None:
        raise StatementError(_DTD_REFUSED)
    namespace = str(etree.QName(root).namespace or "")
    if not namespace.startswith(NAMESPACE_PREFIX):
        kind = namespace.rsplit(":", 1)[-1] or "without a namespace"
        raise StatementError(f"The XML file is not a CAMT.053 statement ({kind}); export camt.053.")
    return root


def _account(stmt: Node) -> str | None:
    return _text(stmt, "{*}Acct/{*}Id/{*}IBAN") or _text(stmt, "{*}Acct/{*}Id/{*}Othr/{*}Id")


def _entry_lines(entry: Node, stmt_currency: str | None, refs: ContentRefs) -> list[StatementLine]:
    status = _text(entry, "{*}Sts/{*}Cd") or _text(entry, "{*}Sts")
    if status not in (None, "BOOK"):
        raise ValueError(f"status {status} is not a booked entry")
    booking = _booking_date(entry)
    sign = _sign(_text(entry, "{*}CdtDbtInd"))
    amount, currency = _amount(entry.find("{*}Amt"), stmt_currency)
    details = entry.findall("{*}NtryDtls/{*}TxDtls")
    # A batch booked as one entry is split only when every transaction carries its own amount;
    # otherwise the entry stays one line so the booked total is never lost or invented.
    if len(details) > 1 and all(_tx_amount_node(tx) is not None for tx in details):
        return [
            _tx_line(entry, tx, index, booking, sign, currency, refs)
            for index, tx in enumerate(details, start=1)
        ]
    payer = next((p for p in (_party(tx, sign) for tx in details) if p), None)
    remittance = " ".join(r for r in (_remittance(tx) for tx in details) if r) or None
    remittance = remittance or _text(entry, "{*}AddtlNtryInf")
    bank_ref = _servicer_ref(entry, details) or _text(entry, "{*}NtryRef")
    minor = sign * to_minor_units(amount, currency)
    line_ref = _entry_line_ref(entry, booking, details) or refs.ref(
        booking, minor, currency, payer, remittance
    )
    return [StatementLine(line_ref, booking, minor, currency, payer, remittance, bank_ref)]


def _tx_line(
    entry: Node, tx: Node, index: int, booking: date, sign: int, currency: str, refs: ContentRefs
) -> StatementLine:
    tx_indicator = _text(tx, "{*}CdtDbtInd")
    tx_sign = _sign(tx_indicator) if tx_indicator else sign
    amount, tx_currency = _amount(_tx_amount_node(tx), currency)
    minor = tx_sign * to_minor_units(amount, tx_currency)
    payer, remittance = _party(tx, tx_sign), _remittance(tx) or _text(entry, "{*}AddtlNtryInf")
    tx_ref = _text(tx, "{*}Refs/{*}AcctSvcrRef")
    entry_ref = _entry_line_ref(entry, booking, [])
    if tx_ref:
        line_ref = f"camt:{tx_ref}"
    elif entry_ref:
        line_ref = f"{entry_ref}/{index}"
    else:
        line_ref = refs.ref(booking, minor, tx_currency, payer, remittance)
    bank_ref = tx_ref or _servicer_ref(entry, []) or _text(entry, "{*}NtryRef")
    return StatementLine(line_ref, booking, minor, tx_currency, payer, remittance, bank_ref)


def _entry_line_ref(entry: Node, booking: date, details: list[Node]) -> str | None:
    if servicer_ref := _servicer_ref(entry, details):
        return f"camt:{servicer_ref}"
    # NtryRef is only unique within one statement; the booking date keeps it apart from the same
    # number in another day's statement.
    if entry_ref := _text(entry, "{*}NtryRef"):
        return f"camt-ntry:{entry_ref}@{booking.isoformat()}"
    return None


def _servicer_ref(entry: Node, details: list[Node]) -> str | None:
    """The bank's unique reference: the entry's, or that of its only transaction."""
    own = _text(entry, "{*}AcctSvcrRef")
    if own or len(details) != 1:
        return own
    return _text(details[0], "{*}Refs/{*}AcctSvcrRef")


def _booking_date(entry: Node) -> date:
    for path in ("{*}BookgDt/{*}Dt", "{*}BookgDt/{*}DtTm", "{*}ValDt/{*}Dt", "{*}ValDt/{*}DtTm"):
        if value := _text(entry, path):
            # The date as the bank wrote it: converting a DtTm to UTC could move it to another day.
            try:
                return date.fromisoformat(value[:10])
            except ValueError:
                raise ValueError(f"{value!r} is not a date") from None
    raise ValueError("no booking or value date")


def _sign(indicator: str | None) -> int:
    if indicator == "CRDT":
        return 1
    if indicator == "DBIT":
        return -1
    raise ValueError(f"credit/debit indicator {indicator!r} is neither CRDT nor DBIT")


def _amount(node: Node, fallback_currency: str | None) -> tuple[Decimal, str]:
    if node is None or not (node.text or "").strip():
        raise ValueError("no amount")
    try:
        amount = Decimal(node.text.strip())
    except InvalidOperation:
        raise ValueError(f"{node.text.strip()!r} is not an amount") from None
    if not amount.is_finite() or amount < 0:
        raise ValueError(f"{node.text.strip()!r} is not an amount")
    return amount, check_currency(node.get("Ccy") or fallback_currency)


def _tx_amount_node(tx: Node) -> Node:
    found = tx.find("{*}Amt")
    return found if found is not None else tx.find("{*}AmtDtls/{*}TxAmt/{*}Amt")


def _party(tx: Node, sign: int) -> str | None:
    # The counterparty: the debtor paid us a credit, the creditor received our debit.
    role = "Dbtr" if sign > 0 else "Cdtr"
    for party in (role, f"Ultmt{role}"):
        base = f"{{*}}RltdPties/{{*}}{party}"
        if name := _text(tx, f"{base}/{{*}}Nm") or _text(tx, f"{base}/{{*}}Pty/{{*}}Nm"):
            return name
    return None


def _remittance(tx: Node) -> str | None:
    parts = [clean_text(node.text) for node in tx.findall("{*}RmtInf/{*}Ustrd")]
    parts += [clean_text(node.text) for node in tx.findall("{*}RmtInf/{*}Strd/{*}CdtrRefInf/{*}Ref")]
    joined = " ".join(p for p in parts if p and p != NOT_PROVIDED)
    return joined or _text(tx, "{*}AddtlTxInf")


def _text(node: Node, path: str) -> str | None:
    found = node.find(path)
    return None if found is None else clean_text(found.text)
