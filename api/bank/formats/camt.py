"""ISO 20022 CAMT.053 bank-to-customer statements and CAMT.054 debit/credit notifications, every
`camt.05x.001.0x` version. A notification's entries (`Ntfctn/Ntry`) are read exactly like a statement's
(`Stmt/Ntry`).

Elements are found by local name whatever the namespace version; the few paths that moved between
versions (the party name under `Pty` from v08, the transaction amount directly under `TxDtls` from v03,
the status as a code from v06) are all tried.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from lxml import etree

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

Node = Any  # lxml ships no type information
NAMESPACE_PREFIX = "urn:iso:std:iso:20022:tech:xsd:"
# Message → (its group element, the element holding an account and its entries).
MESSAGES: dict[str, tuple[str, str]] = {
    "camt.053": ("BkToCstmrStmt", "Stmt"),
    "camt.054": ("BkToCstmrDbtCdtNtfctn", "Ntfctn"),
}
NOT_PROVIDED = "NOTPROVIDED"
MAX_REJECTED = 1000  # rejected entries a stream keeps (it counts them all)
PROLOG_BYTES = 65536  # bounds the DOCTYPE look on hostile input

# Statements come from outside: never fetch anything, never expand entities (billion laughs), and
# keep libxml2's limits on depth and text size (huge_tree=False).
_PARSER_OPTIONS: dict[str, Any] = {
    "resolve_entities": False, "no_network": True, "load_dtd": False, "huge_tree": False, "remove_pis": True,
}  # fmt: skip
_PROLOG_DOCTYPE = re.compile(rb"(?:\xef\xbb\xbf)?\s*(?:<\?.*?\?>\s*|<!--.*?-->\s*)*<!DOCTYPE", re.S)
_DTD_REFUSED = "XML files with a document type declaration (DTD) are refused."


def parse_camt(data: bytes) -> ParsedStatement:
    stream = CamtStream(data)
    lines = tuple(stream.lines())
    return ParsedStatement(format=stream.format, account=stream.account, currency=stream.currency,
                           lines=lines, rejected=tuple(stream.rejected))  # fmt: skip


class CamtStream:
    """The file read with lxml's iterparse: each entry (`Ntry`) becomes its lines as soon as it is read, then
    is cleared from the tree with what came before it, so a large statement never sits in memory whole.
    Refused when it is made (DTD, not XML, not CAMT.053); an XML error further down is raised by `lines()`.
    `account`, `currency` and `rejected` are complete once `lines()` is exhausted."""

    def __init__(self, data: bytes) -> None:
        # A bank statement never needs a DTD; one is only there to declare entities, so refuse it whole,
        # before libxml2 sees it and after (should the prolog hide it from this look).
        if _PROLOG_DOCTYPE.match(data[:PROLOG_BYTES]):
            raise StatementError(_DTD_REFUSED, "dtd")
        try:
            _, root = next(etree.iterparse(io.BytesIO(data), events=("start",), **_PARSER_OPTIONS))
        except etree.XMLSyntaxError as exc:
            raise StatementError(f"The file is not well-formed XML: {exc}.", "xml") from exc
        if root.getroottree().docinfo.internalDTD is not None:
            raise StatementError(_DTD_REFUSED, "dtd")
        namespace = str(etree.QName(root).namespace or "")
        message = (
            namespace.removeprefix(NAMESPACE_PREFIX)[:8] if namespace.startswith(NAMESPACE_PREFIX) else ""
        )
        if message not in MESSAGES:
            kind = namespace.rsplit(":", 1)[-1] or "without a namespace"
            raise StatementError(
                f"The XML file is not a CAMT.053 statement or CAMT.054 notification ({kind}).",
                "not_camt",
            )
        self.format = message
        self._group, self._item = MESSAGES[message]
        # The lines are read by a parser of their own that reports only the end of the three elements they
        # need (libxml2 filters the others, which were 1.6 million events to look at for 100,000 entries).
        self._events = etree.iterparse(io.BytesIO(data), events=("end",), tag=("{*}Ntry", "{*}Acct",
                                       f"{{*}}{self._item}"), **_PARSER_OPTIONS)  # fmt: skip
        self._accounts: list[str | None] = []
        self._currencies: list[str | None] = []
        self.rejected: list[RejectedLine] = []  # the first MAX_REJECTED
        self.rejected_count = 0

    @property
    def account(self) -> str | None:
        return single(self._accounts)

    @property
    def currency(self) -> str | None:
        return single(self._currencies)

    def lines(self) -> Iterator[StatementLine]:
        refs = ContentRefs()
        ordinal, statements = 0, 0
        account: str | None = None
        currency: str | None = None
        try:
            for _, element in self._events:
                name = _local(element)
                if name == "Ntry" and self._is_item(element.getparent()):
                    ordinal += 1
                    try:
                        yield from _entry_lines(element, currency, refs, ordinal)
                    except ValueError as exc:
                        self._reject(RejectedLine.of(ordinal, f"entry {ordinal}: {exc}", exc))
                    _forget(element)
                elif name == "Acct" and self._is_item(element.getparent()):
                    account, currency = _account(element.getparent()), _text(element, "{*}Ccy")
                elif name == self._item and self._is_item(element):
                    statements += 1
                    self._accounts.append(account)
                    self._currencies.append(currency)
                    account = currency = None
                    _forget(element)
        except etree.XMLSyntaxError as exc:
            raise StatementError(f"The file is not well-formed XML: {exc}.", "xml") from exc
        if not statements:
            where = f"{self._group}/{self._item}"
            raise StatementError(
                f"The {self.format.upper()} file holds no statement (no {where} element).", "no_statement"
            )

    def _is_item(self, node: Node) -> bool:
        """A `Stmt` (or `Ntfctn`) of this document's group: the only place accounts and entries are read."""
        if node is None or _local(node) != self._item:
            return False
        group = node.getparent()
        if group is None or _local(group) != self._group:
            return False
        root = group.getparent()
        return root is not None and root.getparent() is None  # the group is the document's child

    def _reject(self, rejected: RejectedLine) -> None:
        self.rejected_count += 1
        if len(self.rejected) < MAX_REJECTED:
            self.rejected.append(rejected)


def _local(node: Node) -> str:
    tag = node.tag
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def _forget(element: Node) -> None:
    """Drop a read element and its earlier siblings: what iterparse has built so far is not kept."""
    element.clear(keep_tail=True)
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


def _account(stmt: Node) -> str | None:
    return _text(stmt, "{*}Acct/{*}Id/{*}IBAN") or _text(stmt, "{*}Acct/{*}Id/{*}Othr/{*}Id")


def _entry_lines(
    entry: Node, stmt_currency: str | None, refs: ContentRefs, ordinal: int = 0
) -> list[StatementLine]:
    status = _text(entry, "{*}Sts/{*}Cd") or _text(entry, "{*}Sts")
    if status not in (None, "BOOK"):
        raise LineProblem(f"status {status} is not a booked entry", "not_booked", status=status)
    booking = _booking_date(entry)
    sign = _sign(_text(entry, "{*}CdtDbtInd"))
    amount, currency = _amount(entry.find("{*}Amt"), stmt_currency)
    details = entry.findall("{*}NtryDtls/{*}TxDtls")
    # A batch booked as one entry is split only when every transaction carries its own amount;
    # otherwise the entry stays one line so the booked total is never lost or invented.
    if len(details) > 1 and all(_tx_amount_node(tx) is not None for tx in details):
        return [
            _tx_line(entry, tx, index, booking, sign, currency, refs, ordinal)
            for index, tx in enumerate(details, start=1)
        ]
    payer = next((p for p in (_party(tx, sign) for tx in details) if p), None)
    remittance = " ".join(r for r in (_remittance(tx) for tx in details) if r) or None
    remittance = remittance or _text(entry, "{*}AddtlNtryInf")
    servicer_ref = _servicer_ref(entry, details)
    bank_ref = servicer_ref or _text(entry, "{*}NtryRef")
    minor = sign * to_minor_units(amount, currency)
    line_ref = _entry_line_ref(entry, booking, servicer_ref) or refs.ref(
        booking, minor, currency, payer, remittance
    )
    return [StatementLine(line_ref, booking, minor, currency, payer, remittance, bank_ref, ordinal)]


def _tx_line(
    entry: Node,
    tx: Node,
    index: int,
    booking: date,
    sign: int,
    currency: str,
    refs: ContentRefs,
    ordinal: int,
) -> StatementLine:
    tx_indicator = _text(tx, "{*}CdtDbtInd")
    tx_sign = _sign(tx_indicator) if tx_indicator else sign
    amount, tx_currency = _amount(_tx_amount_node(tx), currency)
    minor = tx_sign * to_minor_units(amount, tx_currency)
    payer, remittance = _party(tx, tx_sign), _remittance(tx) or _text(entry, "{*}AddtlNtryInf")
    tx_ref = _text(tx, "{*}Refs/{*}AcctSvcrRef")
    entry_ref = _entry_line_ref(entry, booking, _servicer_ref(entry, []))
    if tx_ref:
        line_ref = f"camt:{tx_ref}"
    elif entry_ref:
        line_ref = f"{entry_ref}/{index}"
    else:
        line_ref = refs.ref(booking, minor, tx_currency, payer, remittance)
    bank_ref = tx_ref or _servicer_ref(entry, []) or _text(entry, "{*}NtryRef")
    return StatementLine(line_ref, booking, minor, tx_currency, payer, remittance, bank_ref, ordinal)


def _entry_line_ref(entry: Node, booking: date, servicer_ref: str | None) -> str | None:
    """`servicer_ref`: the entry's `_servicer_ref`, already looked for."""
    if servicer_ref:
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
                raise LineProblem(
                    f"{value!r} is not a date", "date", value=value, format="2026-12-31"
                ) from None
    raise LineProblem("no booking or value date", "no_date")


def _sign(indicator: str | None) -> int:
    if indicator == "CRDT":
        return 1
    if indicator == "DBIT":
        return -1
    raise ValueError(f"credit/debit indicator {indicator!r} is neither CRDT nor DBIT")


def _amount(node: Node, fallback_currency: str | None) -> tuple[Decimal, str]:
    if node is None or not (node.text or "").strip():
        raise LineProblem("no amount", "no_amount")
    try:
        amount = Decimal(node.text.strip())
    except InvalidOperation:
        raise LineProblem(
            f"{node.text.strip()!r} is not an amount", "not_an_amount", value=node.text.strip()
        ) from None
    if not amount.is_finite() or amount < 0:
        raise LineProblem(f"{node.text.strip()!r} is not an amount", "not_an_amount", value=node.text.strip())
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
