"""All SQL about clients. Every query is scoped by organisation.

The figures of the client list (what is owed, overdue, the payment behaviour, the segment) come from one
GROUP BY over the organisation's invoices joined to the page of clients: never a query per client."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Any

from sqlalchemy import Date, Float, Integer, and_, case, cast, func, literal, or_, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.sql.selectable import Select, Subquery

from api.clients.policy import CURRENCY, CurrencyOwed, Totals
from api.dunning import policy as dunning_policy
from api.models import Client, Invoice, InvoiceStatus, Mandate, Reminder
from api.repository import Repository
from api.transactions.policy import OWED
from api.ttl_cache import FiguresCache

ACTIVE_MANDATE = "active"
# Every matching client's place by a figure, per organisation and query: a list of ids each (10,000 clients:
# about 1 MB), so fewer of them than of the home figures.
RANKINGS = FiguresCache(max_entries=64)


class paris_day(FunctionElement[date]):
    """The Europe/Paris calendar day of a stored moment, as api.clock.paris_day (what
    api/dunning/repository.py payment_history counts a payment's day with)."""

    type = Date()
    inherit_cache = True


@compiles(paris_day, "sqlite")
def _paris_day_sqlite(element: paris_day, compiler: SQLCompiler, **kw: Any) -> str:
    return f"paris_day({compiler.process(element.clauses, **kw)})"  # a Python function: api/db.py


@compiles(paris_day)
def _paris_day_postgresql(element: paris_day, compiler: SQLCompiler, **kw: Any) -> str:
    return f"CAST(({compiler.process(element.clauses, **kw)}) AT TIME ZONE 'Europe/Paris' AS DATE)"


class days_from(FunctionElement[int]):
    """days_from(start, end): whole days from one date to another, `(end - start).days` in Python."""

    type = Integer()
    inherit_cache = True


@compiles(days_from, "sqlite")
def _days_from_sqlite(element: days_from, compiler: SQLCompiler, **kw: Any) -> str:
    start, end = (compiler.process(c, **kw) for c in element.clauses)
    return f"CAST(julianday({end}) - julianday({start}) AS INTEGER)"


@compiles(days_from)
def _days_from_postgresql(element: days_from, compiler: SQLCompiler, **kw: Any) -> str:
    start, end = (compiler.process(c, **kw) for c in element.clauses)
    return f"({end} - {start})"


@dataclass(frozen=True)
class ListQuery:
    search: str | None = None  # a name (compared as api.clients.policy.name_key), SIREN digits or email
    name_key: str | None = None
    segment: str | None = None
    sort: str = "name"  # one of SORTS
    limit: int = 50
    offset: int = 0


class ClientRepository(Repository):
    def get(self, organisation_id: uuid.UUID, client_id: uuid.UUID) -> Client | None:
        return self.session.scalar(
            select(Client).where(Client.organisation_id == organisation_id, Client.id == client_id)
        )

    def find_by(self, organisation_id: uuid.UUID, **criteria: str) -> Client | None:
        statement = select(Client).where(Client.organisation_id == organisation_id)
        for column, value in criteria.items():
            statement = statement.where(getattr(Client, column) == value)
        return self.session.scalars(statement.order_by(Client.created_at).limit(1)).first()

    # ------------------------------------------------------------ the list and the figures

    def page(
        self, organisation_id: uuid.UUID, query: ListQuery, *, today: date
    ) -> tuple[list[tuple[Client, Totals]], int]:
        """One page of clients with their figures, and how many clients match.

        By name, the page's clients are chosen from the clients alone and only their invoices are summed.
        By a figure (or for a segment, which follows from the figures), every client's figures decide: that
        ranking is kept a few seconds per organisation (RANKINGS) unless its invoices or clients change,
        so that paging through it does not sum every invoice again for each page."""
        filters = _filters(organisation_id, query, None)
        if _needs_figures(query):
            key = (query.search, query.name_key, query.segment, query.sort, today)
            ranked = RANKINGS.get(organisation_id, key, partial(self._ranked, organisation_id, query, today))
            ids, total = ranked[query.offset : query.offset + query.limit], len(ranked)
        else:
            names = (
                (Client.name_key.desc(), Client.id.desc())
                if query.sort == "-name"
                else (Client.name_key, Client.id)
            )
            chosen = (
                select(Client.id).where(*filters).order_by(*names).limit(query.limit).offset(query.offset)
            )
            ids = list(self.session.scalars(chosen))
            total = int(self.session.scalar(select(func.count()).select_from(Client).where(*filters)) or 0)
        return self._with_figures(organisation_id, ids, today), total

    def _ranked(self, organisation_id: uuid.UUID, query: ListQuery, today: date) -> list[uuid.UUID]:
        """Every matching client's id in the list's order (one GROUP BY over the organisation's invoices)."""
        figures = _figures(organisation_id, today)
        columns = _columns(figures, None)
        statement = (
            select(Client.id)
            .outerjoin(figures, figures.c.client_id == Client.id)
            .where(*_filters(organisation_id, query, columns))
        )
        return list(self.session.scalars(_ordered(statement, query.sort, columns)))

    def _with_figures(
        self, organisation_id: uuid.UUID, ids: list[uuid.UUID], today: date
    ) -> list[tuple[Client, Totals]]:
        """These clients with their figures, in this order; only their invoices are read."""
        if not ids:
            return []
        figures = _figures(organisation_id, today, among=ids)
        mandates = _active_mandates(organisation_id, among=ids)
        columns = _columns(figures, mandates)
        statement = (
            select(Client, *columns.values())
            .outerjoin(figures, figures.c.client_id == Client.id)
            .outerjoin(mandates, mandates.c.client_id == Client.id)
            .where(Client.organisation_id == organisation_id, Client.id.in_(ids))
        )
        others = self._other_currencies(organisation_id, today, among=ids)
        found = {
            client.id: (client, _totals(values, others.get(client.id, ())))
            for client, *values in self.session.execute(statement)
        }
        return [found[i] for i in ids if i in found]

    def totals(self, organisation_id: uuid.UUID, client_id: uuid.UUID, *, today: date) -> Totals:
        figures = _figures(organisation_id, today, client_id=client_id)
        mandates = _active_mandates(organisation_id, client_id=client_id)
        statement = (
            select(*_columns(figures, mandates).values())
            .select_from(Client)
            .outerjoin(figures, figures.c.client_id == Client.id)
            .outerjoin(mandates, mandates.c.client_id == Client.id)
            .where(Client.organisation_id == organisation_id, Client.id == client_id)
        )
        row = self.session.execute(statement).one_or_none()
        if row is None:
            return Totals()
        others = self._other_currencies(organisation_id, today, among=[client_id])
        return _totals(list(row), others.get(client_id, ()))

    def _other_currencies(
        self, organisation_id: uuid.UUID, today: date, *, among: list[uuid.UUID]
    ) -> dict[uuid.UUID, tuple[CurrencyOwed, ...]]:
        """What these clients owe in currencies other than CURRENCY: one GROUP BY client and currency for
        the whole page, never added to the main figures."""
        owed = _owed()
        overdue = and_(owed, Invoice.due_date < today)
        statement = (
            select(
                Invoice.client_id,
                Invoice.currency,
                func.sum(Invoice.balance_due),
                func.sum(case((overdue, Invoice.balance_due), else_=0)),
            )
            .where(
                Invoice.organisation_id == organisation_id,
                Invoice.status == InvoiceStatus.ready,
                Invoice.client_id.in_(among),
                Invoice.currency != CURRENCY,
                owed,
            )
            .group_by(Invoice.client_id, Invoice.currency)
            .order_by(Invoice.client_id, Invoice.currency)
        )
        found: dict[uuid.UUID, tuple[CurrencyOwed, ...]] = {}
        for client_id, currency, amount, late in self.session.execute(statement):
            found[client_id] = (
                *found.get(client_id, ()),
                CurrencyOwed(currency, int(amount), int(late or 0)),
            )
        return found

    # ------------------------------------------------------------ one client's page

    def open_invoices(self, organisation_id: uuid.UUID, client_id: uuid.UUID, *, limit: int) -> list[Invoice]:
        statement = (
            select(Invoice)
            .where(*_of_client(organisation_id, client_id), _owed())
            .order_by(Invoice.due_date.desc().nulls_last(), Invoice.created_at.desc())
            .limit(limit)
        )
        return list(self.session.scalars(statement))

    def paid_invoices(self, organisation_id: uuid.UUID, client_id: uuid.UUID, *, limit: int) -> list[Invoice]:
        statement = (
            select(Invoice)
            .where(
                *_of_client(organisation_id, client_id),
                Invoice.collection_status == "paid",
                Invoice.paid_at.is_not(None),
            )
            .order_by(Invoice.paid_at.desc(), Invoice.created_at.desc())
            .limit(limit)
        )
        return list(self.session.scalars(statement))

    def reminders(
        self, organisation_id: uuid.UUID, client_id: uuid.UUID, *, limit: int
    ) -> list[tuple[Reminder, Invoice]]:
        statement = (
            select(Reminder, Invoice)
            .join(Invoice, Invoice.id == Reminder.invoice_id)
            .where(Reminder.organisation_id == organisation_id, Reminder.client_id == client_id)
            .order_by(func.coalesce(Reminder.sent_at, Reminder.created_at).desc(), Reminder.created_at.desc())
            .limit(limit)
        )
        return [(reminder, invoice) for reminder, invoice in self.session.execute(statement)]

    def active_mandate(self, organisation_id: uuid.UUID, client_id: uuid.UUID) -> Mandate | None:
        statement = (
            select(Mandate)
            .where(
                Mandate.organisation_id == organisation_id,
                Mandate.client_id == client_id,
                Mandate.status == ACTIVE_MANDATE,
            )
            .order_by(Mandate.created_at.desc())
            .limit(1)
        )
        return self.session.scalars(statement).first()


def _of_client(organisation_id: uuid.UUID, client_id: uuid.UUID) -> list[ColumnElement[bool]]:
    return [
        Invoice.organisation_id == organisation_id,
        Invoice.client_id == client_id,
        Invoice.status == InvoiceStatus.ready,
    ]


def _owed() -> ColumnElement[bool]:
    return and_(Invoice.collection_status.in_(OWED), Invoice.balance_due > 0)


def _figures(
    organisation_id: uuid.UUID,
    today: date,
    *,
    client_id: uuid.UUID | None = None,
    among: list[uuid.UUID] | None = None,
) -> Subquery:
    """Per client: what is owed and overdue, and the totals of its payment behaviour, counted as
    DunningRepository.payment_history does (paid invoices by their payment day, unpaid ones past due by
    today; cancelled ones and those without a due date left out) and summed as dunning.policy.behaviour."""
    # Amounts in the organisation's currency alone: the list ranks by them and the credit limit is in it.
    owed = _owed()
    owed_here = and_(owed, Invoice.currency == CURRENCY)
    overdue = and_(owed_here, Invoice.due_date < today)
    paid = and_(Invoice.collection_status == "paid", Invoice.paid_at.is_not(None))
    late_unpaid = and_(Invoice.collection_status != "paid", Invoice.due_date < today)
    counted = and_(
        Invoice.due_date.is_not(None), Invoice.collection_status != "cancelled", or_(paid, late_unpaid)
    )
    paid_on = case(
        (Invoice.collection_status == "paid", paris_day(Invoice.paid_at)), else_=literal(today, Date)
    )
    delay = days_from(Invoice.due_date, paid_on)
    days_late = case((delay > 0, delay), else_=0)  # dunning.policy.days_late: never negative
    conditions = [
        Invoice.organisation_id == organisation_id,
        Invoice.status == InvoiceStatus.ready,
        Invoice.client_id.is_not(None),
    ]
    if client_id is not None:
        conditions.append(Invoice.client_id == client_id)
    if among is not None:
        conditions.append(Invoice.client_id.in_(among))
    statement = (
        select(
            Invoice.client_id.label("client_id"),
            func.sum(case((owed_here, Invoice.balance_due), else_=0)).label("owed"),
            func.sum(case((overdue, Invoice.balance_due), else_=0)).label("overdue"),
            func.sum(case((owed, 1), else_=0)).label("open_invoices"),
            func.sum(case((counted, 1), else_=0)).label("counted"),
            func.sum(case((and_(counted, delay > 0), 1), else_=0)).label("paid_late"),
            func.sum(case((counted, days_late), else_=0)).label("total_days_late"),
        )
        .where(*conditions)
        .group_by(Invoice.client_id)
    )
    return statement.subquery("figures")


def _active_mandates(
    organisation_id: uuid.UUID, *, client_id: uuid.UUID | None = None, among: list[uuid.UUID] | None = None
) -> Subquery:
    conditions = [Mandate.organisation_id == organisation_id, Mandate.status == ACTIVE_MANDATE]
    if client_id is not None:
        conditions.append(Mandate.client_id == client_id)
    if among is not None:
        conditions.append(Mandate.client_id.in_(among))
    statement = (
        select(Mandate.client_id.label("client_id"), func.count().label("active"))
        .where(*conditions)
        .group_by(Mandate.client_id)
    )
    return statement.subquery("mandates")


def _columns(figures: Subquery, mandates: Subquery | None) -> dict[str, ColumnElement[Any]]:
    """The figures of one client row, zero for a client without invoices; the order of Totals' fields
    (without the mandate when `mandates` is None: what ranks and segments clients)."""
    values: dict[str, ColumnElement[Any]] = {
        name: func.coalesce(figures.c[name], 0)
        for name in ("owed", "overdue", "open_invoices", "counted", "paid_late", "total_days_late")
    }
    if mandates is not None:
        values["active_mandate"] = func.coalesce(mandates.c.active, 0)
    return values


def _totals(values: list[Any], others: tuple[CurrencyOwed, ...]) -> Totals:
    owed, overdue, open_invoices, counted, paid_late, total_days_late, active = (int(v) for v in values)
    return Totals(owed, overdue, open_invoices, counted, paid_late, total_days_late, active > 0, others)


def _average_days_late(columns: dict[str, ColumnElement[Any]]) -> ColumnElement[float]:
    """As dunning.policy.summarise, in double precision like Python's division: 0 without history."""
    counted = columns["counted"]
    return case(
        (counted > 0, cast(columns["total_days_late"], Float) / cast(counted, Float)), else_=literal(0.0)
    )


def _segment(columns: dict[str, ColumnElement[Any]]) -> ColumnElement[str]:
    """dunning.policy.segment_of in SQL, from the same rules: the override when a person set one."""
    counted = columns["counted"]
    average = _average_days_late(columns)
    share = case((counted > 0, cast(columns["paid_late"], Float) / cast(counted, Float)), else_=literal(0.0))
    rules = [
        (or_(average > rule.average_days_above, share > rule.share_late_above), literal(rule.segment))
        for rule in dunning_policy.SEGMENT_RULES
    ]
    computed = case(
        (counted == 0, literal(dunning_policy.NO_HISTORY_SEGMENT)),
        *rules,
        else_=literal(dunning_policy.UNFLAGGED_SEGMENT),
    )
    return case(
        (Client.segment_override.in_(dunning_policy.SEGMENTS), Client.segment_override), else_=computed
    )


def _needs_figures(query: ListQuery) -> bool:
    """Whether the figures choose the page: a sort by a figure, or a segment (policy.SORTS)."""
    return bool(query.segment) or query.sort.lstrip("-") not in ("name",)


def _filters(
    organisation_id: uuid.UUID, query: ListQuery, columns: dict[str, ColumnElement[Any]] | None
) -> list[ColumnElement[bool]]:
    """The clients the search asks for, and of the segment when `columns` (the figures) are given."""
    filters: list[ColumnElement[bool]] = [Client.organisation_id == organisation_id]
    text = (query.search or "").strip()
    if text:
        found: list[ColumnElement[bool]] = [func.lower(Client.email).contains(text.lower(), autoescape=True)]
        if query.name_key:
            found.append(Client.name_key.contains(query.name_key, autoescape=True))
        digits = "".join(c for c in text if c.isdigit())
        if len(digits) >= 3 and len(digits) == len("".join(text.split())):
            found.append(Client.siren.contains(digits, autoescape=True))
        filters.append(or_(*found))
    if query.segment and columns is not None:
        filters.append(_segment(columns) == query.segment)
    return filters


def _ordered(statement: Select[Any], sort: str, columns: dict[str, ColumnElement[Any]]) -> Select[Any]:
    """`sort` is one of policy.SORTS: a key, descending with a leading "-". Clients sharing a figure come
    by name, then id, so that pages never overlap."""
    descending, key = sort.startswith("-"), sort.lstrip("-")
    figure: ColumnElement[Any] | None = {
        "owed": columns["owed"],
        "overdue": columns["overdue"],
        "days_late": _average_days_late(columns),
    }.get(key)
    if figure is None:
        names = (Client.name_key.desc(), Client.id.desc()) if descending else (Client.name_key, Client.id)
        return statement.order_by(*names)
    return statement.order_by(figure.desc() if descending else figure.asc(), Client.name_key, Client.id)
