"""All SQL about invoices and their corrections. Every query is scoped by organisation."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import Any, TypeVar

from sqlalchemy import Boolean, Date, Select, and_, case, func, literal, or_, select, tuple_
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import InstrumentedAttribute
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import ColumnElement, SQLColumnExpression
from sqlalchemy.sql.functions import FunctionElement

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
from api.pagination import CursorValue, Seek
from api.repository import Repository
from api.transactions.policy import OWED
from api.ttl_cache import FiguresCache

# How many invoices match each list asked for lately (its "N résultats" and "page N sur M"), kept 30 s per
# organisation unless its invoices or clients change (api/ttl_cache.py): counting a filter over a
# large book reads every invoice it matches.
COUNTS = FiguresCache()

Listed = Select[Invoice, str | None]  # an invoice and its client's name
_S = TypeVar("_S", bound=Select[*tuple[Any, ...]])
ListedRow = tuple[Invoice, str | None, tuple[CursorValue, ...]]  # ... and the values it is sorted by

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
        self,
        organisation_id: uuid.UUID,
        filters: ListFilters,
        *,
        today: date,
        limit: int,
        offset: int = 0,
        seek: Seek | None = None,
    ) -> tuple[list[ListedRow], int]:
        """One page of the invoices matching `filters` with their client's name and sort values, and how
        many match. The page starts at `seek` (keyset: read from the index where the page starts) when
        given, else after `offset` rows: then only the rows' keys are skipped, from the index, and the
        page's rows are read afterwards."""
        scoped = self._filtered(organisation_id, filters, today)
        counting = scoped.with_only_columns(func.count(Invoice.id)).order_by(None)
        total = COUNTS.get(organisation_id, (filters, today), lambda: self.session.scalar(counting) or 0)
        order = _Order(filters, today)
        statement = scoped.add_columns(*order.values)
        if seek is not None and order.accepts(seek.values):
            statement = order.sorted(statement.where(order.beyond(seek)), forward=seek.forward).limit(limit)
        elif offset:
            keys = (
                order.sorted(scoped.with_only_columns(Invoice.id), forward=True).limit(limit).offset(offset)
            )
            statement = order.sorted(statement.where(Invoice.id.in_(keys)), forward=True)
        else:
            statement = order.sorted(statement, forward=True).limit(limit)
        rows = [(invoice, name, tuple(values)) for invoice, name, *values in self.session.execute(statement)]
        return (rows[::-1] if seek is not None and not seek.forward else rows), total

    def each_match(
        self, organisation_id: uuid.UUID, filters: ListFilters, *, today: date, batch: int = 500
    ) -> Iterator[tuple[Invoice, str | None]]:
        """Every matching invoice in the list's order, fetched `batch` rows at a time (the CSV export)."""
        statement = _Order(filters, today).sorted(
            self._filtered(organisation_id, filters, today), forward=True
        )
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
            statement = statement.where(_text_condition(organisation_id, filters.search))
        return statement

    # -------------------------------------------------------------- what the invoice page and timeline read

    def client_choices(
        self, organisation_id: uuid.UUID, *, limit: int | None = None, including: uuid.UUID | None = None
    ) -> list[tuple[uuid.UUID, str]]:
        statement = (
            select(Client.id, Client.name)
            .where(Client.organisation_id == organisation_id)
            .order_by(func.lower(Client.name), Client.id)
            .limit(limit)
        )
        found = [(client_id, name) for client_id, name in self.session.execute(statement)]
        if including is not None and all(client_id != including for client_id, _ in found):
            chosen = self.client(organisation_id, including)
            found += [(chosen.id, chosen.name)] if chosen else []
        return found

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
        # start < cutoff, said so that both sides are ranges of ix_invoices_org_due_issue (migration 0022)
        started = or_(
            Invoice.due_date < cutoff, and_(Invoice.due_date.is_(None), Invoice.issue_date < cutoff)
        )
        where = (Invoice.organisation_id == organisation_id, Invoice.cancelled_at.is_(None),
                 Invoice.collection_status.in_(owed), started)  # fmt: skip
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


def _text_condition(organisation_id: uuid.UUID, words: str) -> ColumnElement[bool]:
    """The words anywhere in the number, the buyer's name read on the invoice or its client's name, in
    any case. Each is one LIKE a trigram index answers on PostgreSQL (migration 0022); the clients are
    found first, in their own table, so that the invoices' side needs no join: an OR of three index scans."""
    pattern = "%" + words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    named = select(Client.id).where(
        Client.organisation_id == organisation_id, Client.name.ilike(pattern, escape="\\")
    )
    return or_(
        Invoice.number.ilike(pattern, escape="\\"),
        Invoice.buyer_name.ilike(pattern, escape="\\"),
        any_of(Invoice.client_id, named),
    )


class any_of(FunctionElement[bool]):
    """any_of(column, select): the column is one of the select's values. PostgreSQL reads the values first
    (= ANY(ARRAY(...))) and can then use an index on the column, also inside an OR; elsewhere IN (...)."""

    type = Boolean()
    inherit_cache = True

    def __init__(self, column: ColumnElement[Any] | InstrumentedAttribute[Any], values: Select[Any]) -> None:
        super().__init__(column, values.scalar_subquery())


@compiles(any_of)
def _any_of(element: any_of, compiler: SQLCompiler, **kw: Any) -> str:
    column, values = (compiler.process(c, **kw) for c in element.clauses)
    return f"{column} IN {values}"


@compiles(any_of, "postgresql")
def _any_of_postgresql(element: any_of, compiler: SQLCompiler, **kw: Any) -> str:
    column, values = (compiler.process(c, **kw) for c in element.clauses)
    return f"{column} = ANY(ARRAY{values})"


class _Order:
    """The list's order: the sort key (if any) in the direction asked with empty values last, then the
    newest captured first, then by id; and the keyset condition of the rows beyond a given row.

    `values` are what a row is sorted by (the key, created_at, id): selected with each row, they are
    the cursor of the page that starts after it (api.pagination.Seek)."""

    def __init__(self, filters: ListFilters, today: date) -> None:
        self.key: SQLColumnExpression[Any] | None = None
        self.descending = filters.descending
        self.key_type: type = date
        if filters.sort == "days_overdue" and filters.status == "overdue":
            self.key = Invoice.due_date  # all late: the case below is their due date, which an index orders
            self.descending = not self.descending
        elif filters.sort == "days_overdue":
            # Days overdue = today - this day: more days is an earlier day. Invoices not late count as today.
            self.key = case((_overdue(today), Invoice.due_date), else_=literal(today, Date))
            self.descending = not self.descending
        elif filters.sort is not None:
            self.key, self.key_type = {
                "due_date": (Invoice.due_date, date),
                "issue_date": (Invoice.issue_date, date),
                "amount": (Invoice.total_incl_tax, int),
                "number": (Invoice.number, str),
                "client": (func.lower(func.coalesce(Client.name, Invoice.buyer_name)), str),
            }[filters.sort]
        tail: list[SQLColumnExpression[Any]] = [Invoice.created_at, Invoice.id]
        self.values = tail if self.key is None else [self.key, *tail]

    def accepts(self, values: tuple[CursorValue, ...]) -> bool:
        """Whether `values` can be this order's: as many, each of its column's type (else a hand-made
        cursor, or one of another sort, is not used)."""
        kinds: list[type | tuple[type, ...]] = [datetime, uuid.UUID]
        if self.key is not None:
            kinds.insert(0, (self.key_type, type(None)))
        return len(values) == len(kinds) and all(
            isinstance(value, kind) and not isinstance(value, bool)
            for value, kind in zip(values, kinds, strict=True)
        )

    def sorted(self, statement: _S, *, forward: bool) -> _S:
        """`statement` in the list's order, or in the reverse order (a page read backwards)."""
        tail = (Invoice.created_at.desc(), Invoice.id.desc()) if forward else (Invoice.created_at, Invoice.id)
        if self.key is None:
            return statement.order_by(*tail)
        ascending = self.descending != forward
        key = self.key.asc() if ascending else self.key.desc()
        return statement.order_by(key.nulls_last() if forward else key.nulls_first(), *tail)

    def beyond(self, seek: Seek) -> ColumnElement[bool]:
        """The rows after `seek.values` in the list's order (forward), else the rows before them."""
        *head, created_at, invoice_id = seek.values
        at = tuple_(literal(created_at, Invoice.created_at.type), literal(invoice_id, Invoice.id.type))
        later = tuple_(Invoice.created_at, Invoice.id)
        tail = later < at if seek.forward else later > at  # newest first: later rows were created earlier
        if self.key is None:
            return tail
        key, (value,) = self.key, head
        if value is None:  # empty values come last
            return (
                and_(key.is_(None), tail)
                if seek.forward
                else or_(key.is_not(None), and_(key.is_(None), tail))
            )
        bound = literal(value)  # a date, an amount or a text: its type follows from the value
        past = (key < bound) if self.descending == seek.forward else (key > bound)
        if seek.forward:
            return or_(past, key.is_(None), and_(key == bound, tail))
        return or_(past, and_(key == bound, tail))
