"""All SQL about invoices and their corrections. Every query is scoped by organisation."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Date, Select, and_, case, func, literal, or_, select
from sqlalchemy.sql.elements import ColumnElement

from api.invoices.policy import AGING_DAYS, ListFilters
from api.models import (
    AuditLog,
    Client,
    Document,
    Invoice,
    InvoiceCorrection,
    InvoiceStatus,
    Organisation,
    PaymentLink,
)
from api.repository import Repository
from api.transactions.policy import OWED

Listed = Select[Invoice, str | None]  # an invoice and its client's name

# Audit actions that belong on an invoice's timeline.
TIMELINE_ACTIONS = (
    "invoice.captured", "invoice.approved", "invoice.corrected", "invoice.cancelled", "invoice.pay_link_sent",
    "payment_link.opened",
)  # fmt: skip


class InvoiceRepository(Repository):
    def get(self, organisation_id: uuid.UUID, invoice_id: uuid.UUID) -> Invoice | None:
        return self.session.scalar(
            select(Invoice).where(Invoice.organisation_id == organisation_id, Invoice.id == invoice_id)
        )

    def get_for_document(self, document_id: uuid.UUID) -> Invoice | None:
        return self.session.scalar(select(Invoice).where(Invoice.document_id == document_id))

    def find_same_number(
        self, organisation_id: uuid.UUID, seller_key: str, number: str, *, excluding: uuid.UUID
    ) -> Invoice | None:
        statement = (
            select(Invoice)
            .where(
                Invoice.organisation_id == organisation_id,
                Invoice.seller_key == seller_key,
                Invoice.number == number,
                Invoice.id != excluding,
            )
            .order_by(Invoice.created_at)
            .limit(1)
        )
        return self.session.scalars(statement).first()

    def page(
        self, organisation_id: uuid.UUID, *, status: str | None, limit: int, offset: int
    ) -> tuple[list[Invoice], int]:
        scoped = select(Invoice).where(Invoice.organisation_id == organisation_id)
        if status:
            scoped = scoped.where(Invoice.status == status)
        total = self.session.scalar(select(func.count()).select_from(scoped.subquery())) or 0
        rows = self.session.scalars(
            scoped.order_by(Invoice.created_at.desc(), Invoice.id).limit(limit).offset(offset)
        )
        return list(rows), total

    def oldest_needing_review(
        self, organisation_id: uuid.UUID, *, excluding: uuid.UUID | None
    ) -> Invoice | None:
        statement = select(Invoice).where(
            Invoice.organisation_id == organisation_id, Invoice.status == InvoiceStatus.needs_review
        )
        if excluding is not None:
            statement = statement.where(Invoice.id != excluding)
        return self.session.scalars(statement.order_by(Invoice.created_at, Invoice.id).limit(1)).first()

    def corrections(self, organisation_id: uuid.UUID, invoice_id: uuid.UUID) -> list[InvoiceCorrection]:
        statement = (
            select(InvoiceCorrection)
            .where(
                InvoiceCorrection.organisation_id == organisation_id,
                InvoiceCorrection.invoice_id == invoice_id,
            )
            .order_by(InvoiceCorrection.created_at)
        )
        return list(self.session.scalars(statement))

    def document_page_counts(self, document_ids: list[uuid.UUID]) -> dict[uuid.UUID, int]:
        if not document_ids:
            return {}
        rows = self.session.execute(
            select(Document.id, Document.page_count).where(Document.id.in_(document_ids))
        )
        return {document_id: pages for document_id, pages in rows if pages}

    # -------------------------------------------------------------- the list, filtered and sorted in SQL

    def search(
        self, organisation_id: uuid.UUID, filters: ListFilters, *, today: date, limit: int, offset: int
    ) -> tuple[list[tuple[Invoice, str | None]], int]:
        """One page of the invoices matching `filters` with their client's name, and how many match."""
        scoped = self._filtered(organisation_id, filters, today)
        total = self.session.scalar(scoped.with_only_columns(func.count(Invoice.id)).order_by(None)) or 0
        statement = self._sorted(scoped, filters, today).limit(limit).offset(offset)
        rows = [(invoice, name) for invoice, name in self.session.execute(statement)]
        return rows, total

    def each_match(
        self, organisation_id: uuid.UUID, filters: ListFilters, *, today: date, batch: int = 500
    ) -> Iterator[tuple[Invoice, str | None]]:
        """Every matching invoice in the list's order, fetched `batch` rows at a time (the CSV export)."""
        statement = self._sorted(self._filtered(organisation_id, filters, today), filters, today)
        yield from self.session.execute(statement.execution_options(yield_per=batch))

    def _filtered(self, organisation_id: uuid.UUID, filters: ListFilters, today: date) -> Listed:
        statement: Listed = (
            select(Invoice, Client.name)
            .outerjoin(Client, Client.id == Invoice.client_id)
            .where(Invoice.organisation_id == organisation_id)
        )
        if filters.status:
            statement = statement.where(_status_condition(filters.status, today))
        if filters.client_id:
            statement = statement.where(Invoice.client_id == filters.client_id)
        if filters.aging:
            statement = statement.where(_aging_condition(filters.aging, today))
        if filters.amount_min is not None:
            statement = statement.where(Invoice.total_incl_tax >= filters.amount_min)
        if filters.amount_max is not None:
            statement = statement.where(Invoice.total_incl_tax <= filters.amount_max)
        if filters.search:
            words = filters.search
            statement = statement.where(
                or_(
                    Invoice.number.icontains(words, autoescape=True),
                    Invoice.buyer_name.icontains(words, autoescape=True),
                    Client.name.icontains(words, autoescape=True),
                )
            )
        return statement

    def _sorted(self, statement: Listed, filters: ListFilters, today: date) -> Listed:
        if filters.sort is None:
            return statement.order_by(Invoice.created_at.desc(), Invoice.id)
        key: Any
        descending = filters.descending
        if filters.sort == "days_overdue":
            # Days overdue = today - this day: more days is an earlier day. Invoices not late count as today.
            key = case((_overdue(today), Invoice.due_date), else_=literal(today, Date))
            descending = not descending
        else:
            key = {
                "due_date": Invoice.due_date,
                "issue_date": Invoice.issue_date,
                "amount": Invoice.total_incl_tax,
                "number": Invoice.number,
                "client": func.lower(func.coalesce(Client.name, Invoice.buyer_name)),
            }[filters.sort]
        ordered = key.desc() if descending else key.asc()
        return statement.order_by(ordered.nulls_last(), Invoice.created_at.desc(), Invoice.id)

    # -------------------------------------------------------------- what the invoice page and timeline read

    def client_choices(self, organisation_id: uuid.UUID) -> list[tuple[uuid.UUID, str]]:
        statement = (
            select(Client.id, Client.name)
            .where(Client.organisation_id == organisation_id)
            .order_by(func.lower(Client.name), Client.id)
        )
        return [(client_id, name) for client_id, name in self.session.execute(statement)]

    def client(self, organisation_id: uuid.UUID, client_id: uuid.UUID | None) -> Client | None:
        if client_id is None:
            return None
        return self.session.scalar(
            select(Client).where(Client.organisation_id == organisation_id, Client.id == client_id)
        )

    def sender(self, organisation_id: uuid.UUID) -> tuple[str, str | None]:
        """The organisation as its clients know it, and the address their answers go to."""
        columns = (Organisation.legal_name, Organisation.name, Organisation.contact_email)
        row = self.session.execute(select(*columns).where(Organisation.id == organisation_id)).first()
        return ("", None) if row is None else (row.legal_name or row.name, row.contact_email)

    def audit_of(self, organisation_id: uuid.UUID, invoice_id: uuid.UUID) -> list[AuditLog]:
        statement = select(AuditLog).where(
            AuditLog.organisation_id == organisation_id,
            AuditLog.object_id == invoice_id,
            AuditLog.action.in_(TIMELINE_ACTIONS),
        )
        return list(self.session.scalars(statement.order_by(AuditLog.created_at)))

    def links_of(self, organisation_id: uuid.UUID, invoice_id: uuid.UUID) -> list[PaymentLink]:
        statement = select(PaymentLink).where(
            PaymentLink.organisation_id == organisation_id, PaymentLink.invoice_id == invoice_id
        )
        return list(self.session.scalars(statement.order_by(PaymentLink.created_at)))

    def started_before(
        self, organisation_id: uuid.UUID, cutoff: date, *, owed: tuple[str, ...], limit: int
    ) -> tuple[int, list[Invoice]]:
        """Invoices still owed whose limitation period (from the due date, else the issue date) started
        before `cutoff` (api/invoices/limitation.py): how many, and the `limit` oldest."""
        start = func.coalesce(Invoice.due_date, Invoice.issue_date)
        where = (Invoice.organisation_id == organisation_id, Invoice.cancelled_at.is_(None),
                 Invoice.collection_status.in_(owed), start < cutoff)  # fmt: skip
        count = self.session.scalar(select(func.count()).select_from(Invoice).where(*where)) or 0
        rows = self.session.scalars(select(Invoice).where(*where).order_by(start, Invoice.id).limit(limit))
        return count, list(rows)


def _cancelled() -> ColumnElement[bool]:
    return or_(Invoice.cancelled_at.is_not(None), Invoice.collection_status == "cancelled")


def _collectable() -> ColumnElement[bool]:
    return and_(Invoice.status == InvoiceStatus.ready, Invoice.cancelled_at.is_(None))


def _overdue(today: date) -> ColumnElement[bool]:
    return and_(_collectable(), Invoice.collection_status.in_(OWED), Invoice.due_date < today)


def _status_condition(status: str, today: date) -> ColumnElement[bool]:
    """The invoices a person means by each status of the filter (policy.VIEW_STATUSES)."""
    live = Invoice.cancelled_at.is_(None)
    conditions: dict[str, ColumnElement[bool]] = {
        "to_review": and_(Invoice.status == InvoiceStatus.needs_review, live),
        "open": and_(_collectable(), Invoice.collection_status == "open",
                     or_(Invoice.due_date.is_(None), Invoice.due_date >= today)),
        "overdue": and_(_collectable(), Invoice.collection_status.in_(("open", "partially_paid")),
                        Invoice.due_date < today),
        "processing": and_(live, Invoice.collection_status == "processing"),
        "partially_paid": and_(live, Invoice.collection_status == "partially_paid"),
        "paid": and_(live, Invoice.collection_status == "paid"),
        "cancelled": _cancelled(),
        "disputed": Invoice.disputed.is_(True),
        "ready": and_(Invoice.status == InvoiceStatus.ready, live),  # approved (older addresses)
    }  # fmt: skip
    return conditions[status]


def _aging_condition(bucket: str, today: date) -> ColumnElement[bool]:
    """Invoices still owed whose due date is `bucket` days behind today (policy.AGING_DAYS)."""
    least, most = AGING_DAYS[bucket]
    conditions = [_collectable(), Invoice.collection_status.in_(OWED), Invoice.due_date.is_not(None)]
    if least is not None:  # at least `least` days late: due on or before today - least
        conditions.append(Invoice.due_date <= today - timedelta(days=least))
    if most is not None:
        conditions.append(Invoice.due_date >= today - timedelta(days=most))
    return and_(*conditions)
