"""All SQL about imported statements and their lines."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, select, text, update

from api.models import BankLine, BankStatement, Invoice, InvoiceStatus
from api.repository import Repository, insert_many_ignoring_duplicates

_FIELDS = ("line_ref", "booking_date", "amount", "currency", "payer_name", "remittance", "status", "reason")
# The batch travels as one JSON array of arrays (encoded in C, read by the server), the ids are made there.
_PG_INSERT_LINES = text("""
    INSERT INTO bank_lines (organisation_id, statement_id, created_at, invoice_ids, candidates, id,
                            line_ref, booking_date, amount, currency, payer_name, remittance, status, reason)
    SELECT :organisation_id, :statement_id, :created_at, CAST('[]' AS json), CAST('[]' AS json),
           gen_random_uuid(), r->>0, CAST(r->>1 AS date), CAST(r->>2 AS bigint), r->>3, r->>4, r->>5, r->>6,
           r->>7
    FROM jsonb_array_elements(CAST(:lines AS jsonb)) AS r
    ON CONFLICT (organisation_id, line_ref) DO NOTHING
    RETURNING id, line_ref
""")


# The columns update_lines sets from a JSON row `r` on PostgreSQL, and how.
_JSON_UPDATABLE = {
    "status": "r->>'status'",
    "reason": "r->>'reason'",
    "invoice_ids": "CAST(r->'invoice_ids' AS json)",
    "candidates": "CAST(r->'candidates' AS json)",
}

# A statement line to insert: these columns' values, in this order.
NewLine = tuple[str, date, int, str, str | None, str | None, str, str | None]


@dataclass
class NewLines:
    """Lines of one statement to insert, which share their statement, time and empty lists."""

    organisation_id: uuid.UUID
    statement_id: uuid.UUID
    created_at: datetime
    lines: list[NewLine]


class BankRepository(Repository):
    def statement_by_hash(self, organisation_id: uuid.UUID, sha256: str) -> BankStatement | None:
        return self.session.scalar(
            select(BankStatement).where(
                BankStatement.organisation_id == organisation_id, BankStatement.sha256 == sha256
            )
        )

    def insert_lines(self, new: NewLines) -> list[tuple[uuid.UUID, str]]:
        """Many lines of one statement in one INSERT … ON CONFLICT DO NOTHING: (id, line_ref) of those that
        were new; a line imported before (same bank reference, from this file or another) is left as it was.
        PostgreSQL: the lines travel as one JSON parameter (INSERT … SELECT FROM jsonb_array_elements), a
        statement of four parameters whatever the number of lines; SQLite: a multi-row executemany."""
        if not new.lines:
            return []
        shared = {"organisation_id": new.organisation_id, "statement_id": new.statement_id,
                  "created_at": new.created_at}  # fmt: skip
        if self.session.get_bind().dialect.name != "postgresql":
            rows = [{"id": uuid.uuid4(), **shared, **dict(zip(_FIELDS, line, strict=True)), "invoice_ids": [],
                     "candidates": []} for line in new.lines]  # fmt: skip
            table: Any = BankLine.__table__
            inserted = insert_many_ignoring_duplicates(
                self.session, table, rows, ("organisation_id", "line_ref"), ("id", "line_ref")
            )
            return [(row[0], row[1]) for row in inserted]
        lines = json.dumps(new.lines, default=date.isoformat)
        found = self.session.execute(_PG_INSERT_LINES, {**shared, "lines": lines}).all()
        return [(row[0], row[1]) for row in found]

    def update_lines(self, changes: list[dict[str, Any]]) -> None:
        """Each dict: the line's `id` and the columns to change, the same columns in each. PostgreSQL: one
        UPDATE … FROM jsonb_array_elements (the rows as one JSON parameter); SQLite: an executemany by primary
        key."""
        if not changes:
            return
        columns = [column for column in changes[0] if column != "id"]
        if self.session.get_bind().dialect.name != "postgresql" or not set(columns) <= set(_JSON_UPDATABLE):
            self.session.execute(update(BankLine), changes)
            return
        assignments = ", ".join(f"{column} = {_JSON_UPDATABLE[column]}" for column in columns)
        rows = "jsonb_array_elements(CAST(:rows AS jsonb)) AS r"
        statement = text(f"UPDATE bank_lines AS l SET {assignments} FROM {rows} "  # noqa: S608  # names are ours
                         "WHERE l.id = CAST(r->>'id' AS uuid)")  # fmt: skip
        self.session.flush()  # the UPDATE bypasses the session: nothing of it may wait in the unit of work
        self.session.execute(statement, {"rows": json.dumps(changes, default=str)})

    def lines(self, organisation_id: uuid.UUID, *, statement_id: uuid.UUID | None = None,
              status: str | None = None, ids: list[uuid.UUID] | None = None,
              limit: int | None = None) -> list[BankLine]:  # fmt: skip
        statement = select(BankLine).where(BankLine.organisation_id == organisation_id)
        if statement_id is not None:
            statement = statement.where(BankLine.statement_id == statement_id)
        if status is not None:
            statement = statement.where(BankLine.status == status)
        if ids is not None:
            statement = statement.where(BankLine.id.in_(ids))
        statement = statement.order_by(BankLine.booking_date, BankLine.line_ref)
        return list(self.session.scalars(statement if limit is None else statement.limit(limit)))

    def line(self, organisation_id: uuid.UUID, line_id: uuid.UUID) -> BankLine | None:
        statement = select(BankLine).where(
            BankLine.organisation_id == organisation_id, BankLine.id == line_id
        )
        return self.session.scalar(statement.with_for_update())

    def open_invoices(
        self, organisation_id: uuid.UUID
    ) -> list[tuple[uuid.UUID, str | None, str | None, int, str]]:
        """Invoices a transfer may pay (ready, not cancelled, something still due): their id, number, buyer,
        balance and currency only; an organisation may have 100,000 of them."""
        statement = select(
            Invoice.id, Invoice.number, Invoice.buyer_name, Invoice.balance_due, Invoice.currency
        ).where(
            Invoice.organisation_id == organisation_id,
            Invoice.status == InvoiceStatus.ready,
            Invoice.cancelled_at.is_(None),
            Invoice.balance_due > 0,
        )
        return [(row[0], row[1], row[2], row[3] or 0, row[4]) for row in self.session.execute(statement)]

    def statements(self, organisation_id: uuid.UUID) -> list[BankStatement]:
        statement = select(BankStatement).where(BankStatement.organisation_id == organisation_id)
        return list(self.session.scalars(statement.order_by(BankStatement.created_at.desc()).limit(100)))


# What a stored line says, to tell whether a line read again has changed: these columns, in this order.
StoredLine = tuple[uuid.UUID, str, date, int, str, str | None, str | None, str]


def _stored_columns() -> tuple[Any, ...]:
    return (BankLine.id, BankLine.line_ref, BankLine.booking_date, BankLine.amount, BankLine.currency,
            BankLine.payer_name, BankLine.remittance, BankLine.status)  # fmt: skip


class StoredLines(Repository):
    """The lines a statement read again is compared with (see api.bank.reimport)."""

    def by_refs(self, organisation_id: uuid.UUID, refs: list[str]) -> list[StoredLine]:
        statement = select(*_stored_columns()).where(
            BankLine.organisation_id == organisation_id, BankLine.line_ref.in_(refs)
        )
        return [tuple(row) for row in self.session.execute(statement)]

    def of_statement(self, statement_id: uuid.UUID, *, content_refs: bool) -> list[StoredLine]:
        statement = select(*_stored_columns()).where(BankLine.statement_id == statement_id)
        if content_refs:
            statement = statement.where(BankLine.line_ref.startswith("sha256:"))
        return [tuple(row) for row in self.session.execute(statement)]

    def statements_holding(self, organisation_id: uuid.UUID, refs: list[str]) -> list[uuid.UUID]:
        statement = select(BankLine.statement_id).where(
            BankLine.organisation_id == organisation_id, BankLine.line_ref.in_(refs)
        )
        return list(self.session.scalars(statement.distinct()))

    def of_statements_between(
        self, statement_ids: list[uuid.UUID], first: date, last: date
    ) -> list[StoredLine]:
        """Lines of these statements booked between the two dates whose ref is a content hash."""
        statement = select(*_stored_columns()).where(
            BankLine.statement_id.in_(statement_ids),
            BankLine.booking_date.between(first, last),
            BankLine.line_ref.startswith("sha256:"),
        )
        return [tuple(row) for row in self.session.execute(statement)]

    def delete(self, ids: list[uuid.UUID]) -> None:
        for start in range(0, len(ids), 1000):
            self.session.execute(delete(BankLine).where(BankLine.id.in_(ids[start : start + 1000])))


def open_invoices_matching(
    session: Any, organisation_id: uuid.UUID, currency: str, text: str, *, limit: int
) -> list[Invoice]:
    """Open invoices in this currency whose number or buyer holds `text` (any case), oldest due first."""
    pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    statement = (
        select(Invoice)
        .where(
            Invoice.organisation_id == organisation_id,
            Invoice.status == InvoiceStatus.ready,
            Invoice.cancelled_at.is_(None),
            Invoice.balance_due > 0,
            Invoice.currency == currency,
            Invoice.number.ilike(pattern, escape="\\") | Invoice.buyer_name.ilike(pattern, escape="\\"),
        )
        .order_by(Invoice.due_date.nulls_last(), Invoice.number)
        .limit(limit)
    )
    return list(session.scalars(statement))
