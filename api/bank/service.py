"""Importing bank statements and applying the credits they show to invoices. Never commits."""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass, field
from datetime import datetime, time

from sqlalchemy.orm import Session

from api.audit.service import record as audit
from api.bank.formats import CsvMapping, StatementError, StatementLine, parse_statement
from api.bank.matching import MatchDecision, OpenInvoice, match_lines
from api.bank.repository import BankRepository
from api.clock import PARIS, utc_now
from api.errors import BadRequest, Conflict, NotFound
from api.invoices.service import get_invoice
from api.models import BankLine, BankLineStatus, BankStatement
from api.organisations.service import Principal
from api.transactions import service as transactions
from api.transactions.policy import Fact


class UnreadableStatement(BadRequest):
    status_code = 422
    code = "unreadable_statement"


@dataclass
class ImportResult:
    statement: BankStatement
    already_imported: bool
    new_lines: int = 0
    known_lines: int = 0
    matched: list[BankLine] = field(default_factory=list)
    proposed: list[BankLine] = field(default_factory=list)
    unmatched: list[BankLine] = field(default_factory=list)


def mapping_from(spec: list[str] | None) -> CsvMapping | None:
    """["date=Date", "credit=Crédit"] → a CsvMapping: our field = the header in the file."""
    if not spec:
        return None
    pairs = dict(item.partition("=")[::2] for item in spec)
    options = {k: v for k, v in pairs.items() if k in ("date_format", "delimiter", "default_currency")}
    columns = {k: v for k, v in pairs.items() if k not in options and k != "decimal_comma"}
    try:
        return CsvMapping(**columns, **options, decimal_comma=pairs.get("decimal_comma", "yes") != "no")
    except (TypeError, ValueError) as exc:
        raise BadRequest(f"Bad CSV mapping: {exc}") from exc


def import_statement(
    session: Session, principal: Principal, data: bytes, *, filename: str | None, mapping: CsvMapping | None
) -> ImportResult:
    """Lines already imported (same file, or an overlapping statement) change nothing; sure matches are
    applied to the ledger, ambiguous ones are kept as proposals for a person to confirm."""
    repository = BankRepository(session)
    digest = hashlib.sha256(data).hexdigest()
    if existing := repository.statement_by_hash(principal.organisation_id, digest):
        return ImportResult(existing, already_imported=True, known_lines=existing.line_count)
    try:
        parsed = parse_statement(data, filename=filename, csv_mapping=mapping)
    except StatementError as exc:
        raise UnreadableStatement(str(exc)) from exc
    statement = repository.add(
        BankStatement(
            organisation_id=principal.organisation_id,
            filename=(filename or "")[:300] or None,
            format=parsed.format,
            sha256=digest,
            account=parsed.account,
            line_count=len(parsed.lines),
            imported_by=principal.actor,
            rejected=[{"line": r.line_no, "reason": r.reason} for r in parsed.rejected],
        )
    )
    new = [line for line in parsed.lines if _store_line(repository, principal, statement, line)]
    result = ImportResult(
        statement, already_imported=False, new_lines=len(new), known_lines=len(parsed.lines) - len(new)
    )
    _match(session, principal, statement, result)
    details = {"lines": len(parsed.lines), "new": len(new), "rejected": len(parsed.rejected)}
    audit(session, principal.organisation_id, principal.actor, "bank.statement_imported", "bank_statement",
          statement.id, details)  # fmt: skip
    return result


def _store_line(
    repository: BankRepository, principal: Principal, statement: BankStatement, line: StatementLine
) -> bool:
    values = {
        "organisation_id": principal.organisation_id,
        "statement_id": statement.id,
        "line_ref": line.line_ref[:200],
        "booking_date": line.booking_date,
        "amount": line.amount,
        "currency": line.currency,
        "payer_name": (line.payer_name or "")[:300] or None,
        "remittance": (line.remittance or "")[:1000] or None,
        "status": BankLineStatus.debit if line.amount <= 0 else BankLineStatus.unmatched,
        "invoice_ids": [],
        "candidates": [],
        "created_at": utc_now(),
    }
    return repository.insert_line(values) is not None


def _match(session: Session, principal: Principal, statement: BankStatement, result: ImportResult) -> None:
    repository = BankRepository(session)
    credits = repository.lines(
        principal.organisation_id, statement_id=statement.id, status=BankLineStatus.unmatched
    )
    open_invoices = [
        OpenInvoice(str(i.id), i.number, i.buyer_name, i.balance_due or 0, i.currency)
        for i in repository.open_invoices(principal.organisation_id)
    ]
    by_ref = {line.line_ref: line for line in credits}
    for decision in match_lines([_as_statement_line(line) for line in credits], open_invoices):
        line = by_ref[decision.line_ref]
        _decide(session, principal, line, decision)
        {"matched": result.matched, "proposed": result.proposed}.get(line.status, result.unmatched).append(
            line
        )


def _as_statement_line(line: BankLine) -> StatementLine:
    return StatementLine(line.line_ref, line.booking_date, line.amount, line.currency, line.payer_name,
                         line.remittance, None)  # fmt: skip


def _decide(session: Session, principal: Principal, line: BankLine, decision: MatchDecision) -> None:
    line.reason = decision.reason[:300]
    if decision.outcome == "sure":
        _apply(session, principal, line, [uuid.UUID(i) for i in decision.invoice_ids])
    elif decision.outcome == "proposed":
        line.status, line.candidates = BankLineStatus.proposed, list(decision.candidates)


def _apply(session: Session, principal: Principal, line: BankLine, invoice_ids: list[uuid.UUID]) -> None:
    """The credit becomes ledger facts: the whole amount on one invoice, or each invoice's balance in turn."""
    moment = datetime.combine(line.booking_date, time(12), PARIS)
    for invoice_id, share in transactions.allocate(session, invoice_ids, line.amount):
        fact = Fact("bank", line.line_ref[:100], "succeeded", share, line.currency, moment)
        transactions.record(session, principal.organisation_id, invoice_id, fact, recorded_by=principal.actor,
                            method="transfer", note=(line.payer_name or None))  # fmt: skip
    line.status, line.invoice_ids = BankLineStatus.matched, [str(i) for i in invoice_ids]


def confirm(session: Session, principal: Principal, line_id: uuid.UUID, invoice_id: uuid.UUID) -> BankLine:
    """A person says which invoice a proposed (or unmatched) credit pays."""
    line = BankRepository(session).line(principal.organisation_id, line_id)
    if line is None:
        raise NotFound("No such bank line.")
    if line.status not in (BankLineStatus.proposed, BankLineStatus.unmatched):
        raise Conflict(f"This line is {line.status}.")
    invoice = get_invoice(session, principal, invoice_id)
    if invoice.currency != line.currency:
        raise BadRequest("The invoice and the credit are in different currencies.")
    _apply(session, principal, line, [invoice_id])
    line.reason = "confirmed by " + principal.actor[:180]
    return line


def dismiss(session: Session, principal: Principal, line_id: uuid.UUID) -> BankLine:
    line = BankRepository(session).line(principal.organisation_id, line_id)
    if line is None:
        raise NotFound("No such bank line.")
    if line.status not in (BankLineStatus.proposed, BankLineStatus.unmatched):
        raise Conflict(f"This line is {line.status}.")
    line.status = BankLineStatus.dismissed
    return line


def lines(session: Session, principal: Principal, *, status: str | None = None,
          statement_id: uuid.UUID | None = None) -> list[BankLine]:  # fmt: skip
    return BankRepository(session).lines(principal.organisation_id, status=status, statement_id=statement_id)


def statements(session: Session, principal: Principal) -> list[BankStatement]:
    return BankRepository(session).statements(principal.organisation_id)
