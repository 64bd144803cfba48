"""All SQL of the receivables figures: aggregates over invoices and the ledger, never a row per invoice."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import ColumnElement, and_, case, exists, extract, false, func, or_, select, text, union
from sqlalchemy.orm import aliased

from api.clock import PARIS
from api.invoices.repository import any_of
from api.models import (
    Client,
    Collection,
    DunningHold,
    HoldKind,
    Instalment,
    InstalmentPlan,
    Invoice,
    InvoiceStatus,
    Mandate,
    PaymentEntry,
    Reminder,
)
from api.reports.policy import DIRECT_DEBITS, DUE_DATES, INSTALMENTS
from api.repository import Repository
from api.transactions.policy import OWED

PAYABLE = func.coalesce(Invoice.amount_due, Invoice.total_incl_tax)  # transactions.service.payable_total
LIVE_PLANS = ("pending", "active")  # models.instalment.InstalmentPlanStatus
PENDING_INSTALMENTS = ("planned", "submitted")
PENDING_COLLECTIONS = ("planned", "notified", "submitted")  # models.collection.CollectionStatus
SEPA_CURRENCY = "EUR"  # collections.repository: only EUR invoices are debited automatically
FAILED_KINDS = ("failed", "charged_back")


@dataclass(frozen=True)
class AttentionRow:
    """One line of the home page's "to do today": the invoice it is about and what to show of it."""

    invoice_id: uuid.UUID
    number: str | None
    party: str | None  # the client's name, else the buyer read on the invoice
    amount: int | None
    currency: str
    on: date | None  # the day it concerns: received, scheduled, due, failed
    kind: str | None = None  # a task's channel, a failed payment's kind
    reference_id: uuid.UUID | None = None  # the reminder of a task


def _least(a: Any, b: Any) -> ColumnElement[Any]:
    """LEAST(a, b) on both SQLite and PostgreSQL."""
    return case((a < b, a), else_=b)


class ReportsRepository(Repository):
    def without_jit(self) -> None:
        """PostgreSQL compiles a query whose estimated cost is high (the figures' aggregates over every
        invoice are) to machine code first: a second or more of compiling for a few tens of milliseconds
        of work. Off until the transaction ends."""
        if self.session.get_bind().dialect.name == "postgresql":
            self.session.execute(text("SET LOCAL jit = off"))

    def _owed(self, organisation_id: uuid.UUID) -> list[Any]:
        return [
            Invoice.organisation_id == organisation_id,
            Invoice.status == InvoiceStatus.ready,
            Invoice.collection_status.in_(OWED),
            Invoice.balance_due > 0,
        ]

    def _invoiced(self, organisation_id: uuid.UUID, currency: str) -> list[Any]:
        """Issued invoices in one currency: the ratios never add two currencies up."""
        return [
            Invoice.organisation_id == organisation_id,
            Invoice.status == InvoiceStatus.ready,
            Invoice.collection_status != "cancelled",
            Invoice.currency == currency,
        ]

    def aging(
        self, organisation_id: uuid.UUID, on: date, limits: list[date]
    ) -> dict[str, list[tuple[int, int]]]:
        """Per currency, owed amounts and how many invoices, by due date: not due (or no date), then past
        due up to each of `limits` (newest first), then older: one row of sums per currency."""
        buckets = [or_(Invoice.due_date.is_(None), Invoice.due_date >= on)]
        upper = on
        for limit in limits:
            buckets.append(and_(Invoice.due_date < upper, Invoice.due_date >= limit))
            upper = limit
        buckets.append(Invoice.due_date < upper)
        sums = [func.coalesce(func.sum(case((b, Invoice.balance_due), else_=0)), 0) for b in buckets]
        counts = [func.coalesce(func.sum(case((b, 1), else_=0)), 0) for b in buckets]
        statement = (
            select(Invoice.currency, *sums, *counts)
            .where(*self._owed(organisation_id))
            .group_by(Invoice.currency)
        )
        found = {}
        for currency, *values in self.session.execute(statement):
            row = [int(v) for v in values]
            found[currency] = list(zip(row[: len(buckets)], row[len(buckets) :], strict=True))
        return found

    def forecast(
        self, organisation_id: uuid.UUID, horizons: list[date], *, earliest_charge: date
    ) -> dict[str, dict[str, list[int]]]:
        """Per currency and source, the cash expected by each horizon (late amounts count as expected
        now), with the rules of policy.expected_cash in one aggregate query: each owed invoice's balance
        split between its pending instalments, else its pending collection, else its active mandate, else
        payments on their way, and the rest at its due date. `earliest_charge`: the first day a debit not yet
        announced can be taken (today plus the pre-notification period)."""
        org = organisation_id
        plans = (
            select(
                InstalmentPlan.invoice_id.label("invoice_id"),
                func.sum(Instalment.amount).label("total"),
                *_sums_by_horizon(Instalment.amount, Instalment.due_date, horizons),
            )
            .join(Instalment, Instalment.plan_id == InstalmentPlan.id)
            .where(
                InstalmentPlan.organisation_id == org,
                InstalmentPlan.status.in_(LIVE_PLANS),
                Instalment.status.in_(PENDING_INSTALMENTS),
            )
            .group_by(InstalmentPlan.invoice_id)
            .subquery()
        )
        debits = (
            select(
                Collection.invoice_id.label("invoice_id"),
                func.sum(Collection.amount).label("total"),
                *_sums_by_horizon(Collection.amount, Collection.charge_date, horizons),
            )
            .where(Collection.organisation_id == org, Collection.status.in_(PENDING_COLLECTIONS))
            .group_by(Collection.invoice_id)
            .subquery()
        )
        mandates = (
            select(
                Mandate.client_id.label("client_id"),
                func.max(Mandate.next_possible_charge_date).label("next"),
            )
            .where(Mandate.organisation_id == org, Mandate.status == "active")
            .group_by(Mandate.client_id)
            .subquery()
        )
        # Invoices with a plan or a debit that is not cancelled: read once and joined, not looked up per
        # invoice and per horizon (each column repeats the condition).
        covering = union(
            select(InstalmentPlan.invoice_id.label("invoice_id")).where(
                InstalmentPlan.organisation_id == org, InstalmentPlan.status != "cancelled"
            ),
            select(Collection.invoice_id.label("invoice_id")).where(
                Collection.organisation_id == org, Collection.status != "cancelled"
            ),
        ).subquery("covering")
        balance = Invoice.balance_due
        has_plan, has_debit = plans.c.invoice_id.is_not(None), debits.c.invoice_id.is_not(None)
        # What collections.repository.collectable_invoices will plan: nothing else covers it.
        covered = covering.c.invoice_id.is_not(None)
        by_mandate = and_(
            ~has_plan, ~has_debit, mandates.c.client_id.is_not(None), Invoice.collection_status == "open",
            Invoice.cancelled_at.is_(None), Invoice.due_date.is_not(None), Invoice.currency == SEPA_CURRENCY,
            ~covered,
        )  # fmt: skip
        on_its_way = case(
            (Invoice.amount_processing > 0, _least(Invoice.amount_processing, balance)), else_=0
        )
        scheduled = case(
            (has_plan, _least(plans.c.total, balance)),
            (has_debit, _least(debits.c.total, balance)),
            (by_mandate, balance),
            else_=on_its_way,
        )
        columns: dict[str, list[ColumnElement[Any]]] = {DUE_DATES: [], INSTALMENTS: [], DIRECT_DEBITS: []}
        for i, horizon in enumerate(horizons):
            charged = (
                and_(Invoice.due_date <= horizon, or_(mandates.c.next.is_(None), mandates.c.next <= horizon))
                if earliest_charge <= horizon
                else false()
            )
            columns[INSTALMENTS].append(case((has_plan, _least(plans.c[f"by_{i}"], balance)), else_=0))
            columns[DIRECT_DEBITS].append(
                case(
                    (has_plan, 0),
                    (has_debit, _least(debits.c[f"by_{i}"], balance)),
                    (and_(by_mandate, charged), balance),
                    else_=0,
                )
            )
            rest = case((Invoice.due_date <= horizon, balance - scheduled), else_=0)
            now = case((or_(has_plan, has_debit, by_mandate), 0), else_=on_its_way)
            columns[DUE_DATES].append(rest + now)
        sums = [func.coalesce(func.sum(c), 0) for source in columns.values() for c in source]
        statement = (
            select(Invoice.currency, *sums)
            .select_from(Invoice)
            .outerjoin(plans, plans.c.invoice_id == Invoice.id)
            .outerjoin(debits, debits.c.invoice_id == Invoice.id)
            .outerjoin(mandates, mandates.c.client_id == Invoice.client_id)
            .outerjoin(covering, covering.c.invoice_id == Invoice.id)
            .where(*self._owed(org))
            .group_by(Invoice.currency)
        )
        n, found = len(horizons), {}
        for currency, *values in self.session.execute(statement):
            row = [int(v) for v in values]
            found[currency] = {source: row[k * n : (k + 1) * n] for k, source in enumerate(columns)}
        return found

    def monthly_sales(
        self, organisation_id: uuid.UUID, since: date, until: date, currency: str
    ) -> dict[tuple[int, int], int]:
        """Invoiced amounts incl. tax in `currency` per (year, month) of issue, cancelled invoices
        excluded."""
        year, month = extract("year", Invoice.issue_date), extract("month", Invoice.issue_date)
        statement = (
            select(year, month, func.sum(Invoice.total_incl_tax))
            .where(
                *self._invoiced(organisation_id, currency),
                Invoice.issue_date >= since,
                Invoice.issue_date <= until,
            )
            .group_by(year, month)
        )
        return {(int(y), int(m)): int(total or 0) for y, m, total in self.session.execute(statement)}

    def owed_at(self, organisation_id: uuid.UUID, day: date, currency: str) -> tuple[int, int]:
        """What was owed in `currency` at the end of `day` (in all, and past due), counting an invoice
        owed in full until it was paid in full: partial payments before `day` are not reconstructed."""
        end = datetime.combine(day, time(23, 59, 59), PARIS)
        unpaid = or_(Invoice.paid_at.is_(None), Invoice.paid_at > end)
        statement = select(
            func.coalesce(func.sum(PAYABLE), 0),
            func.coalesce(func.sum(case((Invoice.due_date < day, PAYABLE), else_=0)), 0),
        ).where(*self._invoiced(organisation_id, currency), Invoice.issue_date <= day, unpaid)
        total, overdue = self.session.execute(statement).one()
        return int(total), int(overdue)

    def falling_due(self, organisation_id: uuid.UUID, after: date, until: date, currency: str) -> int:
        statement = select(func.coalesce(func.sum(PAYABLE), 0)).where(
            *self._invoiced(organisation_id, currency), Invoice.due_date > after, Invoice.due_date <= until
        )
        return int(self.session.scalar(statement) or 0)

    def collected(self, organisation_id: uuid.UUID, after: date, until: date, currency: str) -> int:
        """Payments confirmed in the period on invoices in `currency` due by its end (a manual payment
        reversed since was never collected)."""
        start = datetime.combine(after, time(23, 59, 59), PARIS)
        end = datetime.combine(until, time(23, 59, 59), PARIS)
        reversal = aliased(PaymentEntry)
        reversed_ = exists().where(reversal.reverses_id == PaymentEntry.id)
        statement = (
            select(func.coalesce(func.sum(PaymentEntry.amount), 0))
            .join(Invoice, Invoice.id == PaymentEntry.invoice_id)
            .where(
                PaymentEntry.organisation_id == organisation_id,
                PaymentEntry.kind == "succeeded",
                ~reversed_,
                PaymentEntry.occurred_at > start,
                PaymentEntry.occurred_at <= end,
                Invoice.due_date <= until,
                Invoice.currency == currency,
            )
        )
        return int(self.session.scalar(statement) or 0)

    def has_invoices(self, organisation_id: uuid.UUID) -> bool:
        statement = select(Invoice.id).where(Invoice.organisation_id == organisation_id).limit(1)
        return self.session.scalar(statement) is not None

    # ------------------------------------------------------------------ what needs attention today

    def _party(self) -> ColumnElement[Any]:
        return func.coalesce(Client.name, Invoice.buyer_name)

    def reviews_waiting(self, organisation_id: uuid.UUID, limit: int) -> tuple[int, list[AttentionRow]]:
        """Captured invoices waiting for a person to check them, oldest first."""
        where = [Invoice.organisation_id == organisation_id, Invoice.status == InvoiceStatus.needs_review]
        count = self.session.scalar(select(func.count()).select_from(Invoice).where(*where)) or 0
        statement = (
            select(
                Invoice.id,
                Invoice.number,
                self._party(),
                Invoice.total_incl_tax,
                Invoice.currency,
                Invoice.created_at,
            )  # fmt: skip
            .outerjoin(Client, Client.id == Invoice.client_id)
            .where(*where)
            .order_by(Invoice.created_at, Invoice.id)
            .limit(limit)
        )
        rows = [
            AttentionRow(i, number, party, total, currency, _paris_day(created))
            for i, number, party, total, currency, created in self.session.execute(statement)
        ]
        return int(count), rows

    def open_tasks(self, organisation_id: uuid.UUID, limit: int) -> tuple[int, list[AttentionRow]]:
        """Dunning steps a person carries out (calls, letters, hand-offs), the earliest scheduled first."""
        where = [Reminder.organisation_id == organisation_id, Reminder.task_state == "open"]
        count = self.session.scalar(select(func.count()).select_from(Reminder).where(*where)) or 0
        statement = (
            select(
                Invoice.id,
                Invoice.number,
                self._party(),
                Reminder.amount_due,
                Reminder.currency,
                Reminder.scheduled_on,
                Reminder.channel,
                Reminder.id,
            )  # fmt: skip
            .join(Invoice, Invoice.id == Reminder.invoice_id)
            .outerjoin(Client, Client.id == Invoice.client_id)
            .where(*where)
            .order_by(Reminder.scheduled_on, Reminder.created_at, Reminder.id)
            .limit(limit)
        )
        return int(count), [AttentionRow(*row) for row in self.session.execute(statement)]

    def open_disputes(self, organisation_id: uuid.UUID, limit: int) -> tuple[int, list[AttentionRow]]:
        """Owed invoices the client contests: a dispute hold in force, or a provider dispute or
        chargeback on the ledger; the earliest due first."""
        held = any_of(  # so that PostgreSQL can use an index on each side of the OR below
            Invoice.id,
            select(DunningHold.invoice_id).where(
                DunningHold.organisation_id == organisation_id,
                DunningHold.kind == HoldKind.dispute,
                DunningHold.ended_at.is_(None),
            ),
        )
        where = [*self._owed(organisation_id), or_(Invoice.disputed.is_(True), held)]
        count = self.session.scalar(select(func.count()).select_from(Invoice).where(*where)) or 0
        statement = (
            select(
                Invoice.id,
                Invoice.number,
                self._party(),
                Invoice.balance_due,
                Invoice.currency,
                Invoice.due_date,
            )  # fmt: skip
            .outerjoin(Client, Client.id == Invoice.client_id)
            .where(*where)
            .order_by(Invoice.due_date.is_(None), Invoice.due_date, Invoice.id)
            .limit(limit)
        )
        return int(count), [AttentionRow(*row) for row in self.session.execute(statement)]

    def failed_payments(
        self, organisation_id: uuid.UUID, since: datetime, limit: int
    ) -> tuple[int, list[AttentionRow]]:
        """Debits refused and chargebacks recorded since `since` on invoices still owed, newest first."""
        where = [
            PaymentEntry.organisation_id == organisation_id,
            PaymentEntry.kind.in_(FAILED_KINDS),
            PaymentEntry.occurred_at >= since,
            *self._owed(organisation_id),
        ]
        counted = select(func.count()).select_from(PaymentEntry)
        counted = counted.join(Invoice, Invoice.id == PaymentEntry.invoice_id).where(*where)
        count = self.session.scalar(counted) or 0
        statement = (
            select(
                Invoice.id,
                Invoice.number,
                self._party(),
                PaymentEntry.amount,
                PaymentEntry.currency,
                PaymentEntry.occurred_at,
                PaymentEntry.kind,
            )  # fmt: skip
            .join(Invoice, Invoice.id == PaymentEntry.invoice_id)
            .outerjoin(Client, Client.id == Invoice.client_id)
            .where(*where)
            .order_by(PaymentEntry.occurred_at.desc(), PaymentEntry.id)
            .limit(limit)
        )
        rows = [
            AttentionRow(i, number, party, amount, currency, _paris_day(at), kind)
            for i, number, party, amount, currency, at, kind in self.session.execute(statement)
        ]
        return int(count), rows


def _paris_day(at: datetime) -> date:
    """A stored timestamp's day in Paris (SQLite gives it back without its zone: it was stored in UTC)."""
    return (at if at.tzinfo else at.replace(tzinfo=UTC)).astimezone(PARIS).date()


def _sums_by_horizon(amount: Any, day: Any, horizons: list[date]) -> list[Any]:
    """`by_0`, `by_1`…: the sum of `amount` whose `day` falls by each horizon."""
    return [func.sum(case((day <= h, amount), else_=0)).label(f"by_{i}") for i, h in enumerate(horizons)]
