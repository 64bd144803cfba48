"""All SQL about imported statements and their lines."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select, update

from api.models import BankLine, BankStatement, Invoice, InvoiceStatus
from api.repository import Repository
from api.transactions.repository import insert_many_ignoring_duplicates


class BankRepository(Repository):
    def statement_by_hash(self, organisation_id: uuid.UUID, sha256: str) -> BankStatement | None:
        return self.session.scalar(
            select(BankStatement).where(
                BankStatement.organisation_id == organisation_id, BankStatement.sha256 == sha256
            )
        )

    def insert_lines(self, rows: list[dict[str, Any]]) -> list[tuple[uuid.UUID, str]]:
        """Many lines in one multi-row INSERT … ON CONFLICT DO NOTHING: (id, line_ref) of those that were new;
        a line imported before (same bank reference, from this file or another) is left as it was."""
        new = insert_many_ignoring_duplicates(
            self.session, BankLine.__table__, [{"id": uuid.uuid4(), **row} for row in rows],  # type: ignore[arg-type]
            ("organisation_id", "line_ref"), ("id", "line_ref"),
        )  # fmt: skip
        return [(row[0], row[1]) for row in new]

    def update_lines(self, changes: list[dict[str, Any]]) -> None:
        """Each dict: the line's `id` and the columns to change (one executemany by primary key)."""
        if changes:
            self.session.execute(update(BankLine), changes)

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

    def open_invoices(self, organisation_id: uuid.UUID) -> list[Invoice]:
        """Invoices a transfer may pay: ready, not cancelled, something still due."""
        statement = select(Invoice).where(
            Invoice.organisation_id == organisation_id,
            Invoice.status == InvoiceStatus.ready,
            Invoice.cancelled_at.is_(None),
            Invoice.balance_due > 0,
        )
        return list(self.session.scalars(statement))

    def statements(self, organisation_id: uuid.UUID) -> list[BankStatement]:
        statement = select(BankStatement).where(BankStatement.organisation_id == organisation_id)
        return list(self.session.scalars(statement.order_by(BankStatement.created_at.desc()).limit(100)))
