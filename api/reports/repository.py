"""All SQL of the receivables figures: aggregates over invoices and the ledger, never a row per invoice."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import and_, case, extract, func, or_, select

from api.clock import PARIS
from api.models import Invoice, InvoiceStatus, PaymentEntry
from api.repository import Repository

OWED = ("open", "partially_paid", "processing")
PAYABLE = func.coalesce(Invoice.amount_due, Invoice.total_incl_tax)  # transactions.service.payable_total


class ReportsRepository(Repository):
    def _owed(self, organisation_id: uuid.UUID) -> list[Any]:
        return [
            Invoice.organisation_id == organisation_id,
            Invoice.status == InvoiceStatus.ready,
            Invoice.collection_status.in_(OWED),
            Invoice.balance_due > 0,
        ]

    def _invoiced(self, organisation_id: uuid.UUID) -> list[Any]:
        return [
            Invoice.organisation_id == organisation_id,
            Invoice.status == InvoiceStatus.ready,
            Invoice.collection_status != "cancelled",
        ]

    def receivables(self, organisation_id: uuid.UUID, on: date) -> tuple[int, int]:
        """What is owed now in all, and the part not yet due."""
        not_due = or_(Invoice.due_date.is_(None), Invoice.due_date >= on)
        statement = select(
            func.coalesce(func.sum(Invoice.balance_due), 0),
            func.coalesce(func.sum(case((not_due, Invoice.balance_due), else_=0)), 0),
        ).where(*self._owed(organisation_id))
        total, current = self.session.execute(statement).one()
        return int(total), int(current)

    def aging(self, organisation_id: uuid.UUID, on: date, limits: list[date]) -> list[int]:
        """Owed amounts by due date: not due (or no date), then past due up to each of `limits` (newest
        first), then older: one row of sums."""
        buckets = [or_(Invoice.due_date.is_(None), Invoice.due_date >= on)]
        upper = on
        for limit in limits:
            buckets.append(and_(Invoice.due_date < upper, Invoice.due_date >= limit))
            upper = limit
        buckets.append(Invoice.due_date < upper)
        sums = [func.coalesce(func.sum(case((b, Invoice.balance_due), else_=0)), 0) for b in buckets]
        return [int(v) for v in self.session.execute(select(*sums).where(*self._owed(organisation_id))).one()]

    def forecast(self, organisation_id: uuid.UUID, on: date, horizons: list[date]) -> list[int]:
        """Owed amounts falling due by each horizon (late ones count as expected now)."""
        expected = Invoice.balance_due - Invoice.amount_processing  # a debit on its way is counted by itself
        sums = [
            func.coalesce(func.sum(case((Invoice.due_date <= h, expected), else_=0)), 0) for h in horizons
        ]
        statement = select(*sums).where(*self._owed(organisation_id), Invoice.due_date.is_not(None))
        return [int(v) for v in self.session.execute(statement).one()]

    def monthly_sales(
        self, organisation_id: uuid.UUID, since: date, until: date
    ) -> dict[tuple[int, int], int]:
        """Invoiced amounts incl. tax per (year, month) of issue, cancelled invoices excluded."""
        year, month = extract("year", Invoice.issue_date), extract("month", Invoice.issue_date)
        statement = (
            select(year, month, func.sum(Invoice.total_incl_tax))
            .where(*self._invoiced(organisation_id), Invoice.issue_date >= since, Invoice.issue_date <= until)
            .group_by(year, month)
        )
        return {(int(y), int(m)): int(total or 0) for y, m, total in self.session.execute(statement)}

    def owed_at(self, organisation_id: uuid.UUID, day: date) -> tuple[int, int]:
        """What was owed at the end of `day` (in all, and past due), counting an invoice owed in full until
        it was paid in full: partial payments before `day` are not reconstructed."""
        end = datetime.combine(day, time(23, 59, 59), PARIS)
        unpaid = or_(Invoice.paid_at.is_(None), Invoice.paid_at > end)
        statement = select(
            func.coalesce(func.sum(PAYABLE), 0),
            func.coalesce(func.sum(case((Invoice.due_date < day, PAYABLE), else_=0)), 0),
        ).where(*self._invoiced(organisation_id), Invoice.issue_date <= day, unpaid)
        total, overdue = self.session.execute(statement).one()
        return int(total), int(overdue)

    def falling_due(self, organisation_id: uuid.UUID, after: date, until: date) -> int:
        statement = select(func.coalesce(func.sum(PAYABLE), 0)).where(
            *self._invoiced(organisation_id), Invoice.due_date > after, Invoice.due_date <= until
        )
        return int(self.session.scalar(statement) or 0)

    def collected(self, organisation_id: uuid.UUID, after: date, until: date) -> int:
        """Payments confirmed in the period on invoices due by its end."""
        start = datetime.combine(after, time(23, 59, 59), PARIS)
        end = datetime.combine(until, time(23, 59, 59), PARIS)
        statement = (
            select(func.coalesce(func.sum(PaymentEntry.amount), 0))
            .join(Invoice, Invoice.id == PaymentEntry.invoice_id)
            .where(
                PaymentEntry.organisation_id == organisation_id,
                PaymentEntry.kind == "succeeded",
                PaymentEntry.occurred_at > start,
                PaymentEntry.occurred_at <= end,
                Invoice.due_date <= until,
            )
        )
        return int(self.session.scalar(statement) or 0)
