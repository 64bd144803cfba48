"""Importing bank statements and applying the credits they show to invoices. Never commits."""

from __future__ import annotations

import gc
import hashlib
import uuid
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from itertools import islice
from typing import Any

from sqlalchemy.orm import Session

from api.audit.service import record as audit
from api.bank.formats import CsvMapping, StatementError, StatementLine, StatementStream, read_statement
from api.bank.formats.lines import LineProblem
from api.bank.matching import MatchDecision, Matcher, OpenInvoice, claim_once
from api.bank.reimport import FileLines, changed_by_id, changed_line, pair_changed
from api.bank.repository import BankRepository, NewLines, StoredLine, StoredLines
from api.clock import PARIS, utc_now
from api.errors import BadRequest, Conflict, NotFound
from api.invoices.service import get_invoice
from api.models import BankLine, BankLineStatus, BankStatement
from api.organisations.service import Principal
from api.transactions import service as transactions
from api.transactions.policy import Fact
from api.transactions.service import Posting


class UnreadableStatement(BadRequest):
    status_code = 422
    code = "unreadable_statement"


BATCH_LINES = 1000  # lines per multi-row INSERT
RESULT_LINES = 1000  # lines of each kind an import result lists; the counts are complete
STORED_REJECTIONS = 1000  # rejected lines kept with the statement; the count is complete
REEXPORT_SHARE = 2 / 3  # of an earlier statement's lines, on the days a file spans, found in it again


@dataclass
class ImportResult:
    """`matched`, `proposed` and `unmatched` list at most RESULT_LINES lines each (booking order); the
    `*_count` fields count them all."""

    statement: BankStatement
    already_imported: bool
    new_lines: int = 0
    known_lines: int = 0
    matched: list[BankLine] = field(default_factory=list)
    proposed: list[BankLine] = field(default_factory=list)
    unmatched: list[BankLine] = field(default_factory=list)
    matched_count: int = 0
    proposed_count: int = 0
    unmatched_count: int = 0
    rejected_count: int = 0
    duplicate_count: int = 0  # lines whose bank id came earlier in the file: reported, not imported
    changed_count: int = 0  # lines imported before that the file now writes otherwise: reported, not imported
    totals: dict[str, list[int]] = field(default_factory=dict)  # currency → [credits, debits] of the file


def mapping_from(spec: list[str] | None) -> CsvMapping | None:
    """["date=Date", "credit=Crédit", "amount=#3"] → a CsvMapping: our field = the column's header in the
    file, or its position (#1 is the first); "skip_rows=N": how many rows come before the first line."""
    if not spec:
        return None
    pairs = dict(item.partition("=")[::2] for item in spec)
    options = {k: v for k, v in pairs.items() if k in ("date_format", "delimiter", "default_currency")}
    columns = {k: v for k, v in pairs.items() if k not in options and k not in ("decimal_comma", "skip_rows")}
    try:
        skip = int(pairs["skip_rows"]) if pairs.get("skip_rows") else None
        if skip is not None and not 0 <= skip <= 1000:
            raise ValueError("skip_rows is between 0 and 1000")
        return CsvMapping(**columns, **options, decimal_comma=pairs.get("decimal_comma", "yes") != "no",
                          skip_rows=skip)  # fmt: skip
    except LineProblem as exc:
        raise BadRequest(f"Bad CSV mapping: {exc}", reason=f"bank.{exc.code}") from exc
    except (TypeError, ValueError) as exc:  # a field we do not know
        raise BadRequest(f"Bad CSV mapping: {exc}", reason="bank.mapping_unknown") from exc


def import_statement(
    session: Session, principal: Principal, data: bytes, *, filename: str | None, mapping: CsvMapping | None
) -> ImportResult:
    """Lines already imported (same file, or an overlapping statement) change nothing; sure matches are
    applied to the ledger, ambiguous ones are kept as proposals for a person to confirm.

    Set-based and streamed: the file is read line by line, each batch of BATCH_LINES lines is judged against
    the open invoices (read once) and inserted with one multi-row INSERT … ON CONFLICT DO NOTHING that carries
    the reason of the lines nothing matches; only lines that match something are written again, once every
    line is known (an invoice is claimed "sure" by one line of the statement only)."""
    repository = BankRepository(session)
    digest = hashlib.sha256(data).hexdigest()
    if existing := repository.statement_by_hash(principal.organisation_id, digest):
        return ImportResult(existing, already_imported=True, known_lines=existing.line_count)
    try:
        stream = read_statement(data, filename=filename, csv_mapping=mapping)
    except StatementError as exc:
        raise _unreadable(exc) from exc
    statement = repository.add(
        BankStatement(
            organisation_id=principal.organisation_id,
            filename=(filename or "")[:300] or None,
            format=stream.format,
            sha256=digest,
            imported_by=principal.actor,
        )
    )
    with _collector_paused():  # a million objects that hold no garbage: nothing to look for meanwhile
        open_invoices = repository.open_invoices(principal.organisation_id)
        matcher = Matcher([OpenInvoice(str(id_), number, buyer, balance, currency)
                           for id_, number, buyer, balance, currency in open_invoices])  # fmt: skip
        del open_invoices
    # The matcher lives as long as the import: out of the garbage collector's sight until it ends, or each
    # of the dozen full collections an import of 100,000 lines triggers walks through it again (a third of
    # the import's CPU time). Process-wide, but only what the collector looks at, never what it frees:
    # garbage already there is collected once the import ends (or another import in parallel ends).
    gc.freeze()
    try:
        return _import(session, principal, repository, statement, stream, matcher, (data, filename, mapping))
    finally:
        gc.unfreeze()


@contextmanager
def _collector_paused() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _import(
    session: Session, principal: Principal, repository: BankRepository, statement: BankStatement,
    stream: StatementStream, matcher: Matcher, source: tuple[bytes, str | None, CsvMapping | None],
) -> ImportResult:  # fmt: skip
    """`import_statement` once the statement row is added and the matcher built."""
    result = ImportResult(statement, already_imported=False)
    found: list[_Found] = []  # the new credits that match something
    total = 0
    file_lines = FileLines()
    batches = _prepare(
        stream.lines(), matcher, principal.organisation_id, statement.id, utc_now(), file_lines
    )
    overlap = session.get_bind().dialect.name == "postgresql"  # SQLite connections stay on their thread
    # PostgreSQL: while one batch is inserted (the server working, this process waiting, the GIL released),
    # the next is read and judged. The session is used by one thread at a time: a batch is handed over only
    # once the previous one is stored, and nothing else touches the session meanwhile.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="bank-import") as inserter:
        pending: Future[list[_Found]] | None = None
        try:
            for batch in batches:
                total += batch.size
                if pending is not None:
                    found += pending.result()
                    pending = None
                if overlap:
                    pending = inserter.submit(_store_batch, repository, batch, result, file_lines)
                else:
                    found += _store_batch(repository, batch, result, file_lines)
            if pending is not None:
                found += pending.result()
                pending = None
        except StatementError as exc:  # a CSV file that turns unreadable further down: nothing is kept
            raise _unreadable(exc) from exc
        finally:
            if pending is not None:  # an error while reading: the session is ours again before it propagates
                pending.exception()
    statement.account, statement.line_count = stream.account, total
    if file_lines.known_content and result.new_lines:
        found = _drop_changed(session, statement, file_lines, found, result, source)
    reported = sorted([*stream.rejected, *file_lines.reports], key=lambda r: r.line_no)
    statement.rejected = [{"line": r.line_no, "reason": r.reason, "code": r.code, "params": r.params}
                          for r in reported[:STORED_REJECTIONS]]  # fmt: skip
    result.rejected_count = stream.rejected_count
    result.duplicate_count, result.changed_count = file_lines.duplicates, file_lines.changed
    result.known_lines = total - file_lines.duplicates - result.new_lines - file_lines.changed
    result.totals = file_lines.totals
    _settle(session, principal, statement, found, result)
    details = {"lines": total, "new": result.new_lines, "rejected": stream.rejected_count,
               "duplicates": file_lines.duplicates, "changed": file_lines.changed}  # fmt: skip
    audit(session, principal.organisation_id, principal.actor, "bank.statement_imported", "bank_statement",
          statement.id, details)  # fmt: skip
    return result


def batched(lines: Iterable[StatementLine], size: int) -> Iterator[tuple[StatementLine, ...]]:
    iterator = iter(lines)
    while batch := tuple(islice(iterator, size)):
        yield batch


@dataclass(frozen=True)
class _Found:
    order: tuple[date, str]  # the order lines are settled in: booking date, then line_ref
    line_id: uuid.UUID | None
    decision: MatchDecision
    rank: int
    amount: int  # what a sure line's facts need, so that it is never loaded back
    currency: str
    payer: str | None


@dataclass
class _Batch:
    """BATCH_LINES lines ready to insert; the credits judged "none" carry their reason already."""

    size: int
    rows: NewLines
    judged: dict[str, _Found]  # the credits that match something, by line_ref (their ids still unknown)
    unmatched: set[str]
    line_nos: list[int]  # each row's line in the file


def _prepare(
    lines: Iterable[StatementLine], matcher: Matcher, organisation_id: uuid.UUID, statement_id: uuid.UUID,
    now: datetime, file_lines: FileLines,
) -> Iterator[_Batch]:  # fmt: skip
    """The lines read and judged a batch at a time (pure: no session); a repeated bank id is left out."""
    debit, unmatched = BankLineStatus.debit, BankLineStatus.unmatched
    ordinal = 0
    for lines_of_batch in batched(lines, BATCH_LINES):
        batch = _Batch(len(lines_of_batch), NewLines(organisation_id, statement_id, now, []), {}, set(), [])
        rows = batch.rows.lines
        for line in lines_of_batch:
            ordinal += 1
            if not file_lines.take(line, ordinal):
                continue
            batch.line_nos.append(line.line_no or ordinal)
            line_ref = line.line_ref[:200]
            reason = None
            if line.amount > 0:
                decision, rank = matcher.judge(line)
                if decision.outcome == "none":
                    reason = decision.reason[:300]
                    batch.unmatched.add(line_ref)
                else:
                    batch.judged[line_ref] = _Found((line.booking_date, line_ref), None, decision, rank,
                                                    line.amount, line.currency, line.payer_name)  # fmt: skip
            rows.append((
                line_ref, line.booking_date, line.amount, line.currency,
                (line.payer_name or "")[:300] or None, (line.remittance or "")[:1000] or None,
                debit if line.amount <= 0 else unmatched, reason,
            ))  # fmt: skip
        yield batch


def _store_batch(
    repository: BankRepository, batch: _Batch, result: ImportResult, file_lines: FileLines
) -> list[_Found]:
    """One multi-row INSERT; the new credits that match something, with their ids, to be settled. The lines
    already stored are compared with what the file says now (see api.bank.reimport)."""
    new = repository.insert_lines(batch.rows)
    if len(new) < len(batch.rows.lines):
        _known(repository, batch, {ref for _, ref in new}, file_lines)
    result.new_lines += len(new)
    result.unmatched_count += sum(1 for _, line_ref in new if line_ref in batch.unmatched)
    return [replace(batch.judged[ref], line_id=line_id) for line_id, ref in new if ref in batch.judged]


def _known(repository: BankRepository, batch: _Batch, new_refs: set[str], file_lines: FileLines) -> None:
    known = [
        (row, no) for row, no in zip(batch.rows.lines, batch.line_nos, strict=True) if row[0] not in new_refs
    ]
    by_id = [(row, no) for row, no in known if not row[0].startswith("sha256:")]
    if by_id:
        stored = StoredLines(repository.session).by_refs(
            batch.rows.organisation_id, [row[0] for row, _ in by_id]
        )
        changed_by_id(by_id, stored, file_lines)
    file_lines.known_content.update(row[0] for row, _ in known if row[0].startswith("sha256:"))


def _drop_changed(
    session: Session, statement: BankStatement, file_lines: FileLines, found: list[_Found],
    result: ImportResult, source: tuple[bytes, str | None, CsvMapping | None],
) -> list[_Found]:  # fmt: skip
    """New lines without a bank id that are lines of an overlapping statement changed since: reported and
    removed (before anything is applied); the credits left to settle."""
    if file_lines.first is None or file_lines.last is None:
        return found
    stored = StoredLines(session)
    overlapping = stored.statements_holding(statement.organisation_id, list(file_lines.known_content)[:1000])
    vanished: list[StoredLine] = []
    for statement_id in overlapping:
        earlier = stored.of_statements_between([statement_id], file_lines.first, file_lines.last)
        missing = [line for line in earlier if line[1] not in file_lines.known_content]
        # Only a re-export of that statement's days (most of its lines there again) has lines "changed": a
        # statement that merely overlaps this one has lines outside it, not changed ones.
        if len(missing) <= len(earlier) * (1 - REEXPORT_SHARE):
            vanished += missing
    pairs = pair_changed(stored.of_statement(statement.id, content_refs=True), vanished) if vanished else []
    if not pairs:
        return found
    line_nos = _line_numbers(source, {new[1] for new, _ in pairs})
    for new, before in pairs:
        file_lines.changed += 1
        file_lines.report(changed_line(line_nos.get(new[1], 0), before, new))
    dropped = {new[0] for new, _ in pairs}
    stored.delete(list(dropped))
    result.new_lines -= len(dropped)
    result.unmatched_count -= sum(1 for new, _ in pairs if new[7] == BankLineStatus.unmatched)
    return [f for f in found if f.line_id not in dropped]


def _line_numbers(source: tuple[bytes, str | None, CsvMapping | None], refs: set[str]) -> dict[str, int]:
    """Where these lines are in the file: read again (only when some changed line is to be reported)."""
    data, filename, mapping = source
    return {line.line_ref: line.line_no for line in read_statement(data, filename=filename,
                                                                  csv_mapping=mapping).lines()
            if line.line_ref in refs}  # fmt: skip


def _settle(
    session: Session,
    principal: Principal,
    statement: BankStatement,
    found: list[_Found],
    result: ImportResult,
) -> None:
    """The new credits that match something, in booking order: each invoice claimed "sure" once; sure ones
    applied to the ledger (at most one line per open invoice), proposals written in batches."""
    repository = BankRepository(session)
    found.sort(key=lambda f: f.order)
    decisions = claim_once([(f.decision, f.rank) for f in found])
    proposals: list[dict[str, Any]] = []
    proposed_ids: list[uuid.UUID] = []
    sure: dict[uuid.UUID, MatchDecision] = {
        f.line_id: decision
        for f, decision in zip(found, decisions, strict=True)
        if decision.outcome == "sure" and f.line_id is not None
    }
    for f, decision in zip(found, decisions, strict=True):
        if decision.outcome == "proposed":
            reason = decision.reason[:300]
            proposals.append({"id": f.line_id, "status": BankLineStatus.proposed, "reason": reason,
                              "candidates": list(decision.candidates)})  # fmt: skip
            proposed_ids.append(f.line_id)  # type: ignore[arg-type]  # set once inserted
            if len(proposals) == BATCH_LINES:
                repository.update_lines(proposals)
                proposals = []
    repository.update_lines(proposals)
    applied = [(f, decision) for f, decision in zip(found, decisions, strict=True) if f.line_id in sure]
    for start in range(0, len(applied), BATCH_LINES):
        _record_sure(session, principal, applied[start : start + BATCH_LINES])
    if applied:  # the first lines, in booking order, as `found` is
        ids = [f.line_id for f, _ in applied[:RESULT_LINES] if f.line_id is not None]
        result.matched = repository.lines(principal.organisation_id, ids=ids)
    result.matched_count, result.proposed_count = len(sure), len(proposed_ids)
    if proposed_ids:
        result.proposed = repository.lines(principal.organisation_id, ids=proposed_ids[:RESULT_LINES])
    if result.unmatched_count:
        result.unmatched = repository.lines(principal.organisation_id, statement_id=statement.id,
                                            status=BankLineStatus.unmatched, limit=RESULT_LINES)  # fmt: skip


def _record_sure(session: Session, principal: Principal, applied: list[tuple[_Found, MatchDecision]]) -> None:
    """`_apply_many` for new credits judged sure, from what the import read of them (not loaded back): their
    facts recorded in one go, then their rows marked matched in one executemany."""
    postings = []
    for f, decision in applied:
        booking_date, line_ref = f.order
        moment = datetime.combine(booking_date, time(12), PARIS)
        invoice_ids = [uuid.UUID(i) for i in decision.invoice_ids]
        for invoice_id, share in transactions.allocate(session, invoice_ids, f.amount):
            fact = Fact("bank", line_ref[:100], "succeeded", share, f.currency, moment)
            postings.append(
                Posting(invoice_id, fact, principal.actor, "transfer", note=(f.payer or "")[:300] or None)
            )
    if postings:
        transactions.record_facts(session, principal.organisation_id, postings)
    BankRepository(session).update_lines([
        {"id": f.line_id, "status": BankLineStatus.matched, "invoice_ids": list(decision.invoice_ids),
         "reason": decision.reason[:300]}
        for f, decision in applied
    ])  # fmt: skip


def _apply(session: Session, principal: Principal, line: BankLine, invoice_ids: list[uuid.UUID]) -> None:
    """The credit becomes ledger facts: the whole amount on one invoice, or each invoice's balance in turn."""
    _apply_many(session, principal, [(line, invoice_ids)])


def _apply_many(
    session: Session, principal: Principal, applied: list[tuple[BankLine, list[uuid.UUID]]]
) -> None:
    """`_apply` for credits that pay different invoices (each invoice paid by one of them at most): their
    facts recorded in one go, in the order given (the invoices locked, the facts inserted and the balances
    recomputed in a few statements rather than a few per credit)."""
    postings = []
    for line, invoice_ids in applied:
        moment = datetime.combine(line.booking_date, time(12), PARIS)
        for invoice_id, share in transactions.allocate(session, invoice_ids, line.amount):
            fact = Fact("bank", line.line_ref[:100], "succeeded", share, line.currency, moment)
            postings.append(
                Posting(invoice_id, fact, principal.actor, "transfer", note=(line.payer_name or None))
            )
    if postings:
        transactions.record_many(session, principal.organisation_id, postings)
    for line, invoice_ids in applied:
        line.status, line.invoice_ids = BankLineStatus.matched, [str(i) for i in invoice_ids]


def confirm(session: Session, principal: Principal, line_id: uuid.UUID, invoice_id: uuid.UUID) -> BankLine:
    """A person says which invoice a proposed (or unmatched) credit pays."""
    line = BankRepository(session).line(principal.organisation_id, line_id)
    if line is None:
        raise NotFound("No such bank line.", reason="bank.no_line")
    _still_open(line)
    invoice = get_invoice(session, principal, invoice_id)
    if invoice.currency != line.currency:
        raise BadRequest("The invoice and the credit are in different currencies.", reason="bank.currencies")
    _apply(session, principal, line, [invoice_id])
    line.reason = "confirmed by " + principal.actor[:180]
    return line


def dismiss(session: Session, principal: Principal, line_id: uuid.UUID) -> BankLine:
    line = BankRepository(session).line(principal.organisation_id, line_id)
    if line is None:
        raise NotFound("No such bank line.", reason="bank.no_line")
    _still_open(line)
    line.status = BankLineStatus.dismissed
    return line


def lines(session: Session, principal: Principal, *, status: str | None = None,
          statement_id: uuid.UUID | None = None) -> list[BankLine]:  # fmt: skip
    return BankRepository(session).lines(principal.organisation_id, status=status, statement_id=statement_id)


def statements(session: Session, principal: Principal) -> list[BankStatement]:
    return BankRepository(session).statements(principal.organisation_id)


def _still_open(line: BankLine) -> None:
    if line.status not in (BankLineStatus.proposed, BankLineStatus.unmatched):
        raise Conflict(f"This line is {line.status}.", reason=f"bank.line_{line.status}")


def _unreadable(exc: StatementError) -> UnreadableStatement:
    return UnreadableStatement(str(exc), reason=f"bank.file_{exc.code}", params=exc.params)
