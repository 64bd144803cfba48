"""The dunning tick's two narrow tables: when each invoice is next looked at, and which looks the tick has
already handed to a job.

`dunning_schedule` follows `invoices.next_reminder_at`, one row per invoice that has a next look (none when
it is empty): the mapper events below write it in the same flush as the invoice, whatever code set the
column. A bulk UPDATE of `invoices.next_reminder_at` bypasses them and must write the schedule itself
(`api/dunning/schedule_repository.py`).

`dunning_claims` is the tick's lease: one row per invoice handed to a job, saying which look it covered
(`due_at`) and until when. The tick only ever appends to it (and drops the claims that ran out), so a tick
writes a few new pages instead of a page of every due invoice; after a checkpoint every page a statement
touches goes to the WAL whole, which is what a tick rewriting the due rows in place spent its time on.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, ForeignKey, Index, delete, event, inspect
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Mapped, Mapper, mapped_column
from sqlalchemy.orm.base import PASSIVE_NO_INITIALIZE

from api.models.base import Base
from api.models.invoice import Invoice


class DunningSchedule(Base):
    """When the dunning tick should look at an invoice again (the invoice's `next_reminder_at`)."""

    __tablename__ = "dunning_schedule"

    invoice_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("invoices.id", ondelete="CASCADE"), primary_key=True
    )
    organisation_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    next_reminder_at: Mapped[datetime]


# The tick's range scan; on PostgreSQL it carries the columns the tick needs, so it rarely reads the table.
Index(
    "ix_dunning_schedule_next_reminder_at",
    DunningSchedule.next_reminder_at,
    postgresql_include=["invoice_id", "organisation_id"],
)


class DunningClaim(Base):
    """An invoice's look `due_at` handed to a job, not to be handed out again before `leased_until` (unless
    the invoice's next look moves past `due_at`: the job that ran set a new one).

    No foreign keys, on purpose: PostgreSQL checks one by locking the parent row (FOR KEY SHARE), which
    writes to the invoice's page, the very write this table exists to avoid. A claim of a deleted invoice
    or organisation is dropped with the other claims that ran out, within the lease."""

    __tablename__ = "dunning_claims"

    invoice_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    organisation_id: Mapped[uuid.UUID]
    due_at: Mapped[datetime]
    leased_until: Mapped[datetime]


# ------------------------------------------------------------ keeping the schedule in step


def _write_schedule(connection: Connection, invoice: Invoice) -> None:
    table: Any = DunningSchedule.__table__
    moment = invoice.next_reminder_at
    if moment is None:
        connection.execute(delete(table).where(table.c.invoice_id == invoice.id))
        return
    insert = pg_insert if connection.dialect.name == "postgresql" else sqlite_insert
    statement = insert(table).values(
        invoice_id=invoice.id, organisation_id=invoice.organisation_id, next_reminder_at=moment
    )
    connection.execute(
        statement.on_conflict_do_update(
            index_elements=["invoice_id"], set_={"next_reminder_at": statement.excluded.next_reminder_at}
        )
    )


@event.listens_for(Invoice, "after_insert")
def _schedule_new_invoice(_mapper: Mapper[Invoice], connection: Connection, invoice: Invoice) -> None:
    if invoice.next_reminder_at is not None:
        _write_schedule(connection, invoice)


@event.listens_for(Invoice, "after_update")
def _reschedule_invoice(_mapper: Mapper[Invoice], connection: Connection, invoice: Invoice) -> None:
    # The state's own history of the one column: `.attrs` would build a view of every column of the
    # invoice first, which was a tenth of a webhook drain's CPU (each payment flushes its invoice).
    if inspect(invoice).get_history("next_reminder_at", PASSIVE_NO_INITIALIZE).has_changes():
        _write_schedule(connection, invoice)
