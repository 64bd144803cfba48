"""All SQL about the inbox and the objects an event may be about."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from typing import Any, cast

from sqlalchemy import String, Table, bindparam, exists, func, literal, select, union_all
from sqlalchemy import cast as sql_cast
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.engine import Connection, Dialect, Engine

from api.jobs.repository import insert_jobs_from
from api.models import (
    Collection,
    InboxEvent,
    InboxStatus,
    Instalment,
    InstalmentPlan,
    Invoice,
    Job,
    JobStatus,
    Mandate,
    PaymentAttempt,
    ProviderAccount,
)
from api.repository import Repository, insert_many_ignoring_duplicates

# The inbox's unique key, the conflict target of both intakes: one row per event per receiving endpoint.
INBOX_KEY = ("organisation_id", "provider", "event_id")


class InboxRepository(Repository):
    def endpoint(self, endpoint_id: uuid.UUID, provider: str) -> ProviderAccount | None:
        account = self.session.get(ProviderAccount, endpoint_id)
        return account if account is not None and account.provider == provider else None

    def accounts(self, organisation_id: uuid.UUID | None) -> list[ProviderAccount]:
        statement = select(ProviderAccount).order_by(
            ProviderAccount.organisation_id, ProviderAccount.provider
        )
        if organisation_id is not None:
            statement = statement.where(ProviderAccount.organisation_id == organisation_id)
        return list(self.session.scalars(statement))

    def endpoint_secret(self, endpoint_id: uuid.UUID, provider: str) -> tuple[uuid.UUID, bytes | None] | None:
        """A webhook endpoint's organisation and encrypted signing secret: two columns, no ORM object, and
        a statement built once (building it for each delivery showed in the intake profile)."""
        row = self.session.execute(_ENDPOINT_SECRET, {"ident": endpoint_id, "provider": provider}).first()
        return None if row is None else (row[0], row[1])

    def store_many(self, rows: list[dict[str, Any]]) -> set[uuid.UUID]:
        """One INSERT … ON CONFLICT (organisation_id, provider, event_id) DO NOTHING RETURNING id for all the
        rows (each with its own id and every column): the ids of the rows that were new. Concurrent
        deliveries of one event wait for each other inside the database, so exactly one of them gets its id
        back. The key is per receiving endpoint: another organisation's event with the same id is new."""
        if not rows:
            return set()
        table = cast(Table, InboxEvent.__table__)
        new = insert_many_ignoring_duplicates(self.session, table, rows, INBOX_KEY, ("id",))
        return {ident for (ident,) in new}

    @property
    def set_based(self) -> bool:
        """Whether `store_into_jobs` can be used (PostgreSQL)."""
        return self.session.get_bind().dialect.name == "postgresql"

    def store_into_jobs(
        self, rows: list[dict[str, Any]], *, task: str, max_attempts: int, now: datetime
    ) -> list[tuple[uuid.UUID, uuid.UUID]]:
        """PostgreSQL: `store_many`, and a job of `task` for each new row, in one statement that is atomic
        on its own (the webhook intake runs it outside any transaction: one round trip, no BEGIN and COMMIT).
        Rows have every column, in the same order. Returns (job id, inbox row id) for each new row."""
        if not rows:
            return []
        columns = tuple(rows[0])
        statement = _store_into_jobs(len(rows), columns, task, max_attempts)
        params = {f"{column}_{n}": row[column] for n, row in enumerate(rows) for column in columns}
        found = self.session.execute(statement, {**params, "now": now})
        return [(job_id, uuid.UUID(body["event_row_id"])) for job_id, body in found]

    def store_signed(
        self, endpoint_id: uuid.UUID, provider: str, ciphertext: bytes, rows: list[dict[str, Any]]
    ) -> int | None:
        """A webhook delivery's events, verified with the secret whose ciphertext is `ciphertext`: each row
        inserted unless the inbox has its key, if and only if the endpoint still has that very ciphertext.
        Returns how many rows were new, or None when the endpoint's secret is no longer that one (changed,
        emptied, or the endpoint gone): nothing was stored. PostgreSQL: one statement, atomic on its own (the
        intake runs it outside any transaction), so a delivery costs one round trip once its secret is
        known. Rows have every column but the organisation's (the endpoint's), in the same order."""
        if self.set_based:
            columns = tuple(rows[0])
            sql = _store_signed_sql(self.session.get_bind().dialect, len(rows), columns)
            params = {f"{column}_{n}": _driver_value(row[column]) for n, row in enumerate(rows)
                      for column in columns}  # fmt: skip
            params.update(ident=endpoint_id, provider=provider, ciphertext=ciphertext)
            bind = self.session.get_bind()
            if (
                self.session.in_transaction()
                or not _commits_each_statement(bind)
                or not isinstance(bind, Engine)
            ):
                found = _run_prepared(self.session.connection(), sql, params)
            else:
                # The statement commits on its own, so a pooled connection of its own does what the
                # session's would, without the session's transaction bookkeeping: beginning and committing
                # it cost as much CPU as the statement's own trip to the driver.
                with bind.connect() as connection:
                    found = _run_prepared(connection, sql, params)
            return None if not found or not found[0] else int(found[1])
        organisation_id = self.session.execute(
            _ENDPOINT_WITH_SECRET, {"ident": endpoint_id, "provider": provider, "ciphertext": ciphertext}
        ).scalar()
        if organisation_id is None:
            return None
        return len(self.store_many([{**row, "organisation_id": organisation_id} for row in rows]))

    def claim_received(self, limit: int) -> list[uuid.UUID]:
        """Up to `limit` events waiting for their first processing, oldest first, locked until commit; on
        PostgreSQL, rows another drain holds are skipped rather than waited for."""
        statement = (
            select(InboxEvent.id)
            .where(InboxEvent.status == InboxStatus.received)
            .order_by(InboxEvent.created_at)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        return list(self.session.scalars(statement))

    def received_span(self) -> tuple[datetime, datetime] | None:
        """When the oldest and the newest events waiting for their first processing were stored (both ends
        of the drains' partial index); None when none is waiting."""
        oldest, newest = self.session.execute(
            select(func.min(InboxEvent.created_at), func.max(InboxEvent.created_at)).where(
                InboxEvent.status == InboxStatus.received
            )
        ).one()
        return None if oldest is None or newest is None else (oldest, newest)

    def enqueue_drain_unless_pending(self, task: str, *, max_attempts: int, now: datetime) -> list[uuid.UUID]:
        """A job of `task` unless one is pending and due already (it will start later and see what is
        stored by now): the ids of the jobs written, to dispatch after commit. One statement on PostgreSQL;
        two in the transaction on SQLite, whose one writer makes them as good as one."""
        # Due now: a failed drain's retry, due later, must not hold the new events back until then.
        if self.set_based:
            statement = _drain_unless_pending(task, max_attempts)
            return list(self.session.scalars(statement, {"now": now}))
        pending = exists().where(Job.name == task, Job.status == JobStatus.pending, Job.run_after <= now)
        if self.session.scalar(select(pending)):
            return []
        job = Job(name=task, payload={}, run_after=now, dispatched_at=now, max_attempts=max_attempts)
        self.session.add(job)
        self.session.flush()
        return [job.id]

    def locked_many(self, row_ids: list[uuid.UUID]) -> list[InboxEvent]:
        """The rows, locked until commit in id order (two batches sharing rows wait, never deadlock)."""
        statement = select(InboxEvent).where(InboxEvent.id.in_(row_ids)).order_by(InboxEvent.id)
        return list(self.session.scalars(statement.with_for_update()))

    def get(self, organisation_id: uuid.UUID, row_id: uuid.UUID) -> InboxEvent | None:
        row = self.session.get(InboxEvent, row_id)
        return row if row is not None and row.organisation_id == organisation_id else None

    def page(
        self, organisation_id: uuid.UUID, *, status: str | None, limit: int, offset: int
    ) -> tuple[list[InboxEvent], int]:
        statement = select(InboxEvent).where(InboxEvent.organisation_id == organisation_id)
        if status:
            statement = statement.where(InboxEvent.status == status)
        total = self.session.scalar(select(func.count()).select_from(statement.subquery())) or 0
        ordered = statement.order_by(InboxEvent.occurred_at.desc(), InboxEvent.id).limit(limit).offset(offset)
        return list(self.session.scalars(ordered)), total

    def waiting(
        self, *, older_than: datetime, max_attempts: int, limit: int = 500
    ) -> list[tuple[uuid.UUID, uuid.UUID]]:
        """Events left unprocessed (a lost job) or about objects unknown when they arrived."""
        statement = select(InboxEvent.organisation_id, InboxEvent.id).where(
            InboxEvent.status.in_((InboxStatus.received, InboxStatus.unmatched)),
            InboxEvent.created_at < older_than,
            InboxEvent.attempts < max_attempts,
        )
        return [(org, ident) for org, ident in self.session.execute(statement.limit(limit))]

    def counts(self, organisation_id: uuid.UUID) -> dict[str, int]:
        statement = (
            select(InboxEvent.status, func.count())
            .where(InboxEvent.organisation_id == organisation_id)
            .group_by(InboxEvent.status)
        )
        return {status: count for status, count in self.session.execute(statement)}


@dataclass
class NamedObjects:
    """Ids of our objects an event batch names, by the name it uses."""

    collections: dict[str, uuid.UUID] = field(default_factory=dict)
    instalments: dict[str, uuid.UUID] = field(default_factory=dict)
    attempts: set[uuid.UUID] = field(default_factory=set)
    attempts_by_reference: dict[str, uuid.UUID] = field(default_factory=dict)


class TargetRepository(Repository):
    """Our objects, looked up by the provider references an event carries; always within one tenant."""

    def invoice_ids(self, organisation_id: uuid.UUID, ids: list[str]) -> list[uuid.UUID]:
        wanted = [uuid.UUID(i) for i in ids if _is_uuid(i)]
        if not wanted:
            return []
        statement = select(Invoice.id).where(
            Invoice.organisation_id == organisation_id, Invoice.id.in_(wanted)
        )
        found = set(self.session.scalars(statement))
        return [i for i in wanted if i in found]

    def objects_named(
        self,
        organisation_id: uuid.UUID,
        *,
        references: list[str],
        attempt_ids: list[str],
        attempt_references: list[str],
    ) -> NamedObjects:
        """The collections and instalments whose payments are `references`, and the payment attempts with
        these ids or provider references, in one round trip: most events name none of them."""
        org, found = organisation_id, NamedObjects()
        if not references and not attempt_references:
            return found
        ids = [uuid.UUID(i) for i in attempt_ids if _is_uuid(i)]
        parts = [
            select(literal("collection"), Collection.provider_reference, Collection.id).where(
                Collection.organisation_id == org, Collection.provider_reference.in_(references)
            ),
            select(literal("instalment"), Instalment.provider_reference, Instalment.id).where(
                Instalment.organisation_id == org, Instalment.provider_reference.in_(references)
            ),
            select(literal("attempt"), PaymentAttempt.provider_reference, PaymentAttempt.id).where(
                PaymentAttempt.organisation_id == org,
                PaymentAttempt.id.in_(ids) | PaymentAttempt.provider_reference.in_(attempt_references),
            ),
        ]
        for kind, reference, ident in self.session.execute(union_all(*parts)):
            if kind == "attempt":
                found.attempts.add(ident)
                if reference:
                    found.attempts_by_reference.setdefault(reference, ident)
            else:
                getattr(found, f"{kind}s").setdefault(reference, ident)
        return found

    def load_collection(self, collection_id: uuid.UUID) -> Collection | None:
        return self.session.get(Collection, collection_id)

    def load_instalment(self, instalment_id: uuid.UUID) -> tuple[Instalment, InstalmentPlan] | None:
        instalment = self.session.get(Instalment, instalment_id)
        plan = None if instalment is None else self.session.get(InstalmentPlan, instalment.plan_id)
        return None if instalment is None or plan is None else (instalment, plan)

    def load_attempt(self, attempt_id: uuid.UUID) -> PaymentAttempt | None:
        return self.session.get(PaymentAttempt, attempt_id)

    def attempt(
        self, organisation_id: uuid.UUID, attempt_id: str | None, reference: str | None
    ) -> PaymentAttempt | None:
        statement = select(PaymentAttempt).where(PaymentAttempt.organisation_id == organisation_id)
        if attempt_id and _is_uuid(attempt_id):
            found = self.session.scalar(statement.where(PaymentAttempt.id == uuid.UUID(attempt_id)))
            if found is not None:
                return found
        if reference is None:
            return None
        return self.session.scalar(statement.where(PaymentAttempt.provider_reference == reference).limit(1))

    def plan(self, organisation_id: uuid.UUID, reference: str) -> InstalmentPlan | None:
        return self.session.scalar(
            select(InstalmentPlan)
            .where(
                InstalmentPlan.organisation_id == organisation_id,
                InstalmentPlan.provider_reference == reference,
            )
            .with_for_update()
        )

    def instalments(self, plan: InstalmentPlan) -> list[Instalment]:
        statement = select(Instalment).where(Instalment.plan_id == plan.id).order_by(Instalment.number)
        return list(self.session.scalars(statement))

    def mandate(self, organisation_id: uuid.UUID, reference: str) -> Mandate | None:
        statement = select(Mandate).where(
            Mandate.organisation_id == organisation_id,
            (Mandate.mandate_reference == reference) | (Mandate.reference == reference),
        )
        return self.session.scalar(statement.with_for_update().limit(1))


@lru_cache(maxsize=256)  # one per number of events in a delivery (at most 250) and task
def _store_into_jobs(count: int, columns: tuple[str, ...], task: str, max_attempts: int) -> Any:
    """Built once, with bound parameters (`{column}_{n}` and `now`): building and compiling this statement
    for each delivery cost more than everything else the intake does. Compiled once too for one event (a
    Stripe delivery); a multi-row VALUES is compiled for each GoCardless delivery, shared by its events."""
    table = cast(Table, InboxEvent.__table__)
    values = [
        {column: bindparam(f"{column}_{n}", type_=table.c[column].type) for column in columns}
        for n in range(count)
    ]
    new = (
        pg_insert(table)
        .values(values[0] if count == 1 else values)  # SQLAlchemy caches the compiled one-row form only
        .on_conflict_do_nothing(index_elements=list(INBOX_KEY))
        .returning(table.c.id, table.c.organisation_id)
        .cte("new")
    )
    payload = func.json_build_object("event_row_id", sql_cast(new.c.id, String))
    jobs = cast(Table, Job.__table__)
    return insert_jobs_from(
        new, organisation_id=new.c.organisation_id, payload=payload, task=task, max_attempts=max_attempts,
        now=bindparam("now", type_=jobs.c.created_at.type),
    ).returning(jobs.c.id, jobs.c.payload)  # fmt: skip


@lru_cache(maxsize=8)
def _drain_unless_pending(task: str, max_attempts: int) -> Any:
    """`enqueue_drain_unless_pending`'s statement on PostgreSQL, built once with `now` a bound parameter:
    building it at each wake cost more than running it."""
    now = bindparam("now", type_=cast(Table, Job.__table__).c.created_at.type)
    pending = exists().where(Job.name == task, Job.status == JobStatus.pending, Job.run_after <= now)
    source = select(literal(1).label("one")).where(~pending).subquery()
    return insert_jobs_from(
        source, organisation_id=None, payload=func.json_build_object(), task=task,
        max_attempts=max_attempts, now=now,
    ).returning(cast(Table, Job.__table__).c.id)  # fmt: skip


_ACCOUNTS = cast(Table, ProviderAccount.__table__)
_ENDPOINT_SECRET = select(_ACCOUNTS.c.organisation_id, _ACCOUNTS.c.encrypted_webhook_secret).where(
    _ACCOUNTS.c.id == bindparam("ident"), _ACCOUNTS.c.provider == bindparam("provider")
)
_ENDPOINT_WITH_SECRET = select(_ACCOUNTS.c.organisation_id).where(
    _ACCOUNTS.c.id == bindparam("ident"),
    _ACCOUNTS.c.provider == bindparam("provider"),
    _ACCOUNTS.c.encrypted_webhook_secret == bindparam("ciphertext"),
)


@lru_cache(maxsize=256)  # one per number of events in a delivery (at most 250)
def _store_signed_sql(dialect: Dialect, count: int, columns: tuple[str, ...]) -> str:
    """`_store_signed` as the driver's SQL (psycopg's `%(name)s` placeholders, every one cast to its
    column's type)."""
    return str(_store_signed(count, columns).compile(dialect=dialect))


def _commits_each_statement(bind: Engine | Connection) -> bool:
    """Whether every statement on `bind` commits on its own (the intake's sessions on PostgreSQL)."""
    return bind.get_execution_options().get("isolation_level") == "AUTOCOMMIT"


def _run_prepared(connection: Connection, sql: str, params: dict[str, Any]) -> Any:
    """Straight to the driver, as a server-side prepared statement: SQLAlchemy's execution and result
    machinery cost more than the statement's own work for a one-row answer. The row, or None."""
    driver = connection.connection.driver_connection
    return driver.execute(sql, params, prepare=True).fetchone()  # type: ignore[union-attr]


def _driver_value(value: Any) -> Any:
    """A column's value as psycopg takes it for the compiled `_store_signed` (a JSON column: its text)."""
    return json.dumps(value) if isinstance(value, dict) else value


def _store_signed(count: int, columns: tuple[str, ...]) -> Any:
    """WITH account AS (the endpoint, if its secret is still the one checked), new AS (INSERT … SELECT
    the rows, with the account's organisation, … ON CONFLICT DO NOTHING RETURNING id) SELECT whether the
    account matched, how many rows were new. Built once per number of rows, with bound parameters
    (`{column}_{n}`, `ident`, `provider`, `ciphertext`)."""
    table = cast(Table, InboxEvent.__table__)
    account = _ENDPOINT_WITH_SECRET.cte("account")
    selects = [
        select(
            account.c.organisation_id,
            *(bindparam(f"{column}_{n}", type_=table.c[column].type) for column in columns),
        )  # fmt: skip
        for n in range(count)
    ]
    rows = selects[0] if count == 1 else union_all(*selects)
    new = (
        pg_insert(table)
        .from_select(["organisation_id", *columns], rows)
        .on_conflict_do_nothing(index_elements=list(INBOX_KEY))
        .returning(table.c.id)
        .cte("new")
    )
    matched = select(func.count()).select_from(account).scalar_subquery()
    return select(matched, select(func.count()).select_from(new).scalar_subquery())


def _is_uuid(text: str) -> bool:
    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True
