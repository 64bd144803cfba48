"""All SQL about dunning: the tick's claim of due invoices (statements in schedule_repository.py),
the reminder rows (inserted once per invoice and step), holds, the organisation's policy, sequences and
templates, and a client's payment history."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, fields
from datetime import date, datetime
from typing import Any

from sqlalchemy import Row, String, and_, cast, func, literal, or_, select, tuple_, update

from api.clock import paris_day, utc_now
from api.dunning import schedule_repository as schedule
from api.jobs.repository import insert_jobs_from
from api.models import (
    Client,
    Document,
    DunningHold,
    DunningPolicy,
    DunningSequence,
    Invoice,
    InvoiceStatus,
    Job,
    Organisation,
    PaymentSettings,
    Reminder,
    ReminderStatus,
    ReminderTemplate,
)
from api.pagination import Seek
from api.repository import Repository, insert_ignoring_duplicates

CHASEABLE = ("open", "partially_paid", "processing")


@dataclass(frozen=True, slots=True)
class OutboxRow:
    """One line of the outbox page (reminders sent): what it shows of the reminder and of its invoice."""

    id: uuid.UUID
    written: datetime  # the list's order, newest first (then by id): a page's cursor
    at: datetime  # sent, else written
    invoice_id: uuid.UUID
    invoice_number: str | None
    buyer_name: str | None
    step_key: str
    channel: str
    to_address: str | None
    status: str
    attempts: int
    error: str | None
    task_state: str | None
    delivery: str | None  # the snapshot's "delivery": "outbox" when only written to the local folder
    has_text: bool  # the snapshot keeps the message's text: it can be read on its own page


@dataclass(frozen=True, slots=True)
class ReminderLine:
    """One reminder as the API's list gives it: its columns but the snapshot and the letter's path."""

    id: uuid.UUID
    invoice_id: uuid.UUID
    client_id: uuid.UUID | None
    step_key: str
    kind: str
    channel: str
    tone: str | None
    scheduled_on: date
    status: str
    attempts: int
    error: str | None
    to_address: str | None
    message_id: str | None
    sent_at: datetime | None
    amount_due: int | None
    currency: str
    task_state: str | None
    task_outcome: str | None
    has_letter: bool


LINE_COLUMNS = tuple(f.name for f in fields(ReminderLine))[:-1]  # in field order, all but has_letter


def _outbox_row(row: Row[*tuple[Any, ...]]) -> OutboxRow:
    return OutboxRow(
        row.id, row.created_at, row.sent_at or row.created_at, row.invoice_id, row.number, row.buyer_name,
        row.step_key, row.channel, row.to_address, row.status, row.attempts, row.error, row.task_state,
        row.delivery, bool(row.text_length),
    )  # fmt: skip


class DunningRepository(Repository):
    # ------------------------------------------------------------ the tick

    def claim_due(
        self, *, now: datetime, lease_until: datetime, limit: int
    ) -> list[tuple[uuid.UUID, uuid.UUID]]:
        """Claim up to `limit` due invoices until `lease_until` and return them: one range scan of the narrow
        schedule and one append to the claims, so two ticks never hand out one look while its job is pending
        and no invoice row is written."""
        statement = schedule.claim(self._dialect, now=now, lease_until=lease_until, limit=limit)
        schedule.probe_claims_by_key(self.session)
        return [(row.invoice_id, row.organisation_id) for row in self.session.execute(statement)]

    def claim_into_jobs(
        self, *, now: datetime, lease_until: datetime, limit: int, task: str, max_attempts: int
    ) -> list[uuid.UUID]:
        """PostgreSQL: the claim and one job per claimed invoice in a single statement, so the rows never
        travel to Python and back (the tick's cost at a million invoices was mostly that round trip)."""
        claimed = schedule.claim("postgresql", now=now, lease_until=lease_until, limit=limit).cte("claimed")
        payload = func.json_build_object(
            "tenant", cast(claimed.c.organisation_id, String), "invoice", cast(claimed.c.invoice_id, String)
        )
        statement = insert_jobs_from(
            claimed, organisation_id=claimed.c.organisation_id, payload=payload, task=task,
            max_attempts=max_attempts, now=now,
        ).returning(Job.id)  # fmt: skip
        schedule.probe_claims_by_key(self.session)
        return list(self.session.scalars(statement))

    def drop_spent_claims(self, *, now: datetime) -> int:
        return schedule.drop_spent_claims(self.session, now=now)

    def wake(self, organisation_id: uuid.UUID, *, now: datetime, client_id: uuid.UUID | None = None) -> int:
        """Ask the tick to look at every chaseable invoice again (a sequence changed, a pause ended)."""
        conditions = [
            Invoice.organisation_id == organisation_id,
            Invoice.status == InvoiceStatus.ready,
            Invoice.collection_status.in_(CHASEABLE),
            Invoice.due_date.is_not(None),
        ]
        if client_id is not None:
            conditions.append(Invoice.client_id == client_id)
        statement = update(Invoice).where(*conditions).values(next_reminder_at=now)
        result = self.session.execute(statement.execution_options(synchronize_session=False))
        schedule.schedule_invoices(self.session, conditions, now)  # a bulk UPDATE skips the mapper events
        return int(result.rowcount)  # type: ignore[attr-defined]

    @property
    def _dialect(self) -> str:
        return self.session.get_bind().dialect.name

    def stale_sending(self, *, before: datetime) -> list[Reminder]:
        statement = select(Reminder).where(
            Reminder.status == ReminderStatus.sending, Reminder.updated_at < before
        )
        return list(self.session.scalars(statement))

    # ------------------------------------------------------------ one invoice

    def lock_invoice(self, organisation_id: uuid.UUID, invoice_id: uuid.UUID) -> Invoice | None:
        statement = select(Invoice).where(
            Invoice.organisation_id == organisation_id, Invoice.id == invoice_id
        )
        return self.session.scalar(statement.with_for_update().execution_options(populate_existing=True))

    def client(self, client_id: uuid.UUID | None) -> Client | None:
        return None if client_id is None else self.session.get(Client, client_id)

    def organisation(self, organisation_id: uuid.UUID) -> Organisation:
        found = self.session.get(Organisation, organisation_id)
        assert found is not None
        return found

    def steps_done(self, invoice_id: uuid.UUID) -> set[str]:
        statement = select(Reminder.step_key).where(Reminder.invoice_id == invoice_id)
        return set(self.session.scalars(statement))

    def insert_reminder(self, invoice: Invoice, step_key: str, **values: Any) -> uuid.UUID | None:
        """The row of one step (or announcement) of `invoice`; None when it already has one: the database,
        not the caller, decides who sends."""
        now = utc_now()
        row = {
            "id": uuid.uuid4(), "organisation_id": invoice.organisation_id, "invoice_id": invoice.id,
            "client_id": invoice.client_id, "step_key": step_key, "currency": invoice.currency, "attempts": 0,
            "snapshot": {}, "created_at": now, "updated_at": now, **values,
        }  # fmt: skip
        inserted: uuid.UUID | None = insert_ignoring_duplicates(
            self.session, Reminder.__table__, row, ["invoice_id", "step_key"]
        )
        return inserted

    def reminder(self, organisation_id: uuid.UUID, reminder_id: uuid.UUID) -> Reminder | None:
        found = self.session.get(Reminder, reminder_id, populate_existing=True)
        return found if found is not None and found.organisation_id == organisation_id else None

    def reminder_by_key(self, invoice_id: uuid.UUID, step_key: str) -> Reminder | None:
        statement = select(Reminder).where(Reminder.invoice_id == invoice_id, Reminder.step_key == step_key)
        return self.session.scalar(statement.execution_options(populate_existing=True))

    def sent_to_client_since(self, client_id: uuid.UUID, since: datetime) -> list[Reminder]:
        statement = select(Reminder).where(
            Reminder.client_id == client_id,
            Reminder.status.in_(ReminderStatus.delivered),
            Reminder.kind == "reminder",
            Reminder.sent_at >= since,
        )
        return list(self.session.scalars(statement))

    def reminders_of(self, invoice_id: uuid.UUID) -> list[Reminder]:
        statement = select(Reminder).where(Reminder.invoice_id == invoice_id).order_by(Reminder.created_at)
        return list(self.session.scalars(statement))

    def active_holds(self, invoice: Invoice) -> list[DunningHold]:
        scope = [DunningHold.invoice_id == invoice.id]
        if invoice.client_id is not None:
            scope.append(and_(DunningHold.client_id == invoice.client_id, DunningHold.invoice_id.is_(None)))
        statement = select(DunningHold).where(
            DunningHold.organisation_id == invoice.organisation_id,
            DunningHold.ended_at.is_(None),
            or_(*scope),
        )
        return list(self.session.scalars(statement))

    def holds_of(self, invoice_id: uuid.UUID) -> list[DunningHold]:
        statement = select(DunningHold).where(DunningHold.invoice_id == invoice_id)
        return list(self.session.scalars(statement.order_by(DunningHold.created_at)))

    def hold(self, organisation_id: uuid.UUID, hold_id: uuid.UUID) -> DunningHold | None:
        found = self.session.get(DunningHold, hold_id)
        return found if found is not None and found.organisation_id == organisation_id else None

    def client_holds(self, organisation_id: uuid.UUID, client_id: uuid.UUID) -> list[DunningHold]:
        statement = select(DunningHold).where(
            DunningHold.organisation_id == organisation_id,
            DunningHold.client_id == client_id,
            DunningHold.invoice_id.is_(None),
            DunningHold.ended_at.is_(None),
        )
        return list(self.session.scalars(statement))

    def payment_history(self, client_id: uuid.UUID, *, today: date) -> list[tuple[date, date]]:
        """(due date, paid date) of paid invoices, and (due date, today) of those unpaid past due."""
        statement = select(Invoice.due_date, Invoice.paid_at, Invoice.collection_status).where(
            Invoice.client_id == client_id,
            Invoice.status == InvoiceStatus.ready,
            Invoice.due_date.is_not(None),
            Invoice.collection_status != "cancelled",
        )
        history: list[tuple[date, date]] = []
        for due, paid_at, status in self.session.execute(statement):
            if due is None:
                continue
            if status == "paid" and paid_at is not None:
                history.append((due, paris_day(paid_at)))
            elif status != "paid" and due < today:
                history.append((due, today))
        return history

    def other_overdue(self, invoice: Invoice, *, today: date) -> list[Invoice]:
        if invoice.client_id is None:
            return []
        statement = select(Invoice).where(
            Invoice.organisation_id == invoice.organisation_id,
            Invoice.client_id == invoice.client_id,
            Invoice.id != invoice.id,
            Invoice.status == InvoiceStatus.ready,
            Invoice.collection_status.in_(("open", "partially_paid")),
            Invoice.due_date < today,
        )
        return list(self.session.scalars(statement.order_by(Invoice.due_date).limit(20)))

    def document(self, document_id: uuid.UUID | None) -> Document | None:
        return None if document_id is None else self.session.get(Document, document_id)

    def iban(self, organisation_id: uuid.UUID) -> str | None:
        statement = select(PaymentSettings.iban).where(PaymentSettings.organisation_id == organisation_id)
        return self.session.scalar(statement)

    # ------------------------------------------------------------ settings

    def policy(self, organisation_id: uuid.UUID) -> DunningPolicy | None:
        statement = select(DunningPolicy).where(DunningPolicy.organisation_id == organisation_id)
        return self.session.scalar(statement)

    def sequences(self, organisation_id: uuid.UUID) -> list[DunningSequence]:
        statement = select(DunningSequence).where(DunningSequence.organisation_id == organisation_id)
        return list(self.session.scalars(statement.order_by(DunningSequence.segment)))

    def templates(self, organisation_id: uuid.UUID) -> list[ReminderTemplate]:
        statement = select(ReminderTemplate).where(ReminderTemplate.organisation_id == organisation_id)
        return list(self.session.scalars(statement))

    def remove_template(self, organisation_id: uuid.UUID, key: str, language: str) -> None:
        for row in self.templates(organisation_id):
            if (row.key, row.language) == (key, language):
                self.session.delete(row)
        self.session.flush()

    # ------------------------------------------------------------ lists

    def open_tasks(self, organisation_id: uuid.UUID) -> list[tuple[Reminder, Invoice, Client | None]]:
        statement = (
            select(Reminder, Invoice, Client)
            .join(Invoice, Invoice.id == Reminder.invoice_id)
            .outerjoin(Client, Client.id == Reminder.client_id)
            .where(Reminder.organisation_id == organisation_id, Reminder.task_state == "open")
            .order_by(Reminder.scheduled_on, Reminder.created_at)
        )
        return [(r, i, c) for r, i, c in self.session.execute(statement)]

    def recent(self, organisation_id: uuid.UUID, *, status: str | None, limit: int) -> list[ReminderLine]:
        """The `limit` newest reminders (of one status), newest first, ties broken by id: the first entries
        of ix_reminders_org_created (or _org_status_created) read backwards, with only the columns the API's
        list answers with (no snapshot: kilobytes a reminder, and no invoice: the list never shows one)."""
        has_letter = Reminder.letter_path.is_not(None).label("has_letter")
        columns = [getattr(Reminder, name) for name in LINE_COLUMNS]
        statement = select(*columns, has_letter).where(Reminder.organisation_id == organisation_id)
        if status:
            statement = statement.where(Reminder.status == status)
        statement = statement.order_by(Reminder.created_at.desc(), Reminder.id.desc()).limit(limit)
        return [ReminderLine(**row._mapping) for row in self.session.execute(statement)]

    def outbox(
        self, organisation_id: uuid.UUID, *, status: str | None, limit: int, seek: Seek | None = None
    ) -> list[OutboxRow]:
        """The `limit` newest reminders (of one status), or those just older (newer) than `seek`'s, newest
        first, with only the columns the page shows: the snapshot (subject, text, HTML, figures: kilobytes
        a reminder) stays in the database but for two facts, and of the invoice only its number and buyer,
        looked up by key for these rows (ix_reminders_org_created or _org_status_created, read in order)."""
        snapshot = Reminder.snapshot
        statement = (
            select(
                Reminder.id, Reminder.sent_at, Reminder.created_at, Reminder.invoice_id, Invoice.number,
                Invoice.buyer_name, Reminder.step_key, Reminder.channel, Reminder.to_address, Reminder.status,
                Reminder.attempts, Reminder.error, Reminder.task_state,
                snapshot["delivery"].as_string().label("delivery"),
                func.length(snapshot["text"].as_string()).label("text_length"),
            )
            .join(Invoice, Invoice.id == Reminder.invoice_id)
            .where(Reminder.organisation_id == organisation_id)
        )  # fmt: skip
        if status:
            statement = statement.where(Reminder.status == status)
        key = tuple_(Reminder.created_at, Reminder.id)
        newer = seek is not None and not seek.forward
        if seek is not None:
            written, reminder_id = seek.values
            at = tuple_(literal(written, Reminder.created_at.type), literal(reminder_id, Reminder.id.type))
            statement = statement.where(key > at if newer else key < at)
        order = (
            (Reminder.created_at, Reminder.id) if newer else (Reminder.created_at.desc(), Reminder.id.desc())
        )
        rows = [_outbox_row(row) for row in self.session.execute(statement.order_by(*order).limit(limit))]
        return rows[::-1] if newer else rows  # the ones just newer were read oldest first

    def count_by_status(self, organisation_id: uuid.UUID) -> dict[str, int]:
        statement = (
            select(Reminder.status, func.count())
            .where(Reminder.organisation_id == organisation_id)
            .group_by(Reminder.status)
        )
        return {status: int(count) for status, count in self.session.execute(statement)}
