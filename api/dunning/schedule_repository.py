"""The dunning tick's SQL on its two narrow tables (api/models/dunning_schedule.py): the looks that are due
and not yet handed out, claimed by appending to `dunning_claims`; the claims that ran out, dropped; and the
schedule written for many invoices at once, where a bulk UPDATE skips the mapper events."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, delete, exists, literal, or_, select, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from api.models import DunningClaim, DunningSchedule, Invoice

Claims: Any = DunningClaim.__table__  # Core tables: INSERT … SELECT … ON CONFLICT, no ORM bookkeeping
Schedule: Any = DunningSchedule.__table__


def _insert(dialect: str) -> Any:
    return pg_insert if dialect == "postgresql" else sqlite_insert


def due(now: datetime, limit: int) -> Select[Any]:
    """Up to `limit` looks that have come and that no live claim covers, soonest first: a range scan of the
    schedule's index, each row checked against the claims by invoice id (a claim covers the look it was
    taken for, or an earlier one, until its lease ends)."""
    claimed = exists().where(
        Claims.c.invoice_id == Schedule.c.invoice_id,
        Claims.c.leased_until > now,
        # Not an equality: the planner would then be free to merge-join on the moment, and many invoices
        # share one (09:00 on a business day, a wake-up's `now`): that join is quadratic in them.
        Claims.c.due_at >= Schedule.c.next_reminder_at,
    )
    return (
        select(Schedule.c.invoice_id, Schedule.c.organisation_id, Schedule.c.next_reminder_at)
        .where(Schedule.c.next_reminder_at <= now, ~claimed)
        .order_by(Schedule.c.next_reminder_at)
        .limit(limit)
    )


def claim(dialect: str, *, now: datetime, lease_until: datetime, limit: int) -> Any:
    """INSERT INTO dunning_claims … SELECT the due looks … RETURNING invoice_id, organisation_id.

    A claim already there for the invoice is replaced only if it no longer covers the look: two ticks at
    once both see a look unclaimed, the second waits on the first's key and then claims nothing."""
    # The due rows' own SELECT, not a subquery of it: SQLite reads "ON CONFLICT" right after a FROM
    # clause as a join's ON; the WHERE in between settles it.
    rows = due(now, limit).add_columns(literal(lease_until, Claims.c.leased_until.type))
    statement = _insert(dialect)(Claims).from_select(
        ["invoice_id", "organisation_id", "due_at", "leased_until"], rows
    )
    incoming = statement.excluded
    return statement.on_conflict_do_update(
        index_elements=["invoice_id"],
        set_={"organisation_id": incoming.organisation_id, "due_at": incoming.due_at,
              "leased_until": incoming.leased_until},
        where=or_(Claims.c.leased_until <= now, Claims.c.due_at < incoming.due_at),
    ).returning(Claims.c.invoice_id, Claims.c.organisation_id)  # fmt: skip


def probe_claims_by_key(session: Session) -> None:
    """PostgreSQL, for the rest of the transaction: no sequential scans, so the claim looks each due row up in
    the claims' key. The planner otherwise scans the claims table once per due row when it believes it
    empty (just vacuumed, or a plan cached while it was), and the claim fills that table as it runs: a tick
    of 60,000 due took a minute instead of a second that way."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SET LOCAL enable_seqscan = off"))


def drop_spent_claims(session: Session, *, now: datetime) -> int:
    """Claims whose lease ran out cover nothing any more: the table keeps about one lease's worth of rows,
    so each claim is a short append and the claims' key stays small."""
    result = session.execute(delete(Claims).where(Claims.c.leased_until <= now))
    return int(result.rowcount)  # type: ignore[attr-defined]


def schedule_invoices(session: Session, conditions: list[ColumnElement[bool]], moment: datetime) -> None:
    """The schedule rows of the invoices matching `conditions` (on `Invoice`), at `moment`: the set-based
    companion of an UPDATE of their `next_reminder_at`."""
    dialect = session.get_bind().dialect.name
    rows = select(Invoice.id, Invoice.organisation_id, literal(moment, Schedule.c.next_reminder_at.type))
    statement = _insert(dialect)(Schedule).from_select(
        ["invoice_id", "organisation_id", "next_reminder_at"], rows.where(and_(*conditions))
    )
    session.execute(
        statement.on_conflict_do_update(
            index_elements=["invoice_id"], set_={"next_reminder_at": statement.excluded.next_reminder_at}
        )
    )
