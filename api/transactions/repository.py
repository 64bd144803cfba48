"""All SQL about the ledger: a fact is inserted once (the database refuses a copy), never updated."""

from __future__ import annotations

import json
import uuid
from datetime import date, datetime
from typing import Any, NamedTuple, cast

from sqlalchemy import (
    BigInteger,
    Boolean,
    ColumnElement,
    String,
    Table,
    Uuid,
    any_,
    bindparam,
    column,
    func,
    select,
    text,
    tuple_,
    union_all,
    update,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.sql import expression

from api.models import (
    Collection,
    CollectionStatus,
    Instalment,
    InstalmentPlan,
    InstalmentStatus,
    Invoice,
    PaymentAnomaly,
    PaymentEntry,
)
from api.models.base import UTCDateTime
from api.repository import Repository, insert_many_ignoring_duplicates

# The ledger columns a new fact sets, in this order (the id and the rest are the database's defaults).
ENTRY_COLUMNS = (
    "organisation_id", "invoice_id", "provider", "reference", "kind", "amount", "currency", "occurred_at",
    "dedupe_key", "method", "source_event_id", "recorded_by", "note", "created_at", "reverses_id",
    "overpaid_amount",
)  # fmt: skip
# PostgreSQL: the facts travel as one JSON array of arrays (encoded in C, read by the server) instead of a
# multi-row VALUES of 16 parameters a row, which psycopg spent longer splitting than the server inserting.
_PG_INSERT_ENTRIES = text(f"""
    INSERT INTO payment_entries (id, {", ".join(ENTRY_COLUMNS)})
    SELECT gen_random_uuid(), CAST(r->>0 AS uuid), CAST(r->>1 AS uuid), r->>2, r->>3, r->>4,
           CAST(r->>5 AS bigint), r->>6, CAST(r->>7 AS timestamptz), r->>8, r->>9, CAST(r->>10 AS uuid),
           r->>11, r->>12, CAST(r->>13 AS timestamptz), CAST(r->>14 AS uuid), CAST(r->>15 AS bigint)
    FROM jsonb_array_elements(CAST(:rows AS jsonb)) AS r
    ON CONFLICT (invoice_id, dedupe_key) DO NOTHING
    RETURNING invoice_id, dedupe_key
""")  # noqa: S608  # the column names are ours


class BalanceRow(NamedTuple):
    """What recomputing an invoice's balance reads of its row (no ORM object: an import may pay 25,000)."""

    id: uuid.UUID
    amount_due: int | None
    total_incl_tax: int | None
    cancelled_at: datetime | None
    collection_status: str
    status: str
    due_date: date | None
    next_reminder_at: datetime | None


# The columns write_balances sets, as the JSON rows it sends carry them.
_BALANCE_COLUMNS = (
    ("collection_status", String()), ("amount_paid", BigInteger()), ("amount_processing", BigInteger()),
    ("amount_refunded", BigInteger()), ("balance_due", BigInteger()), ("disputed", Boolean()),
    ("paid_at", UTCDateTime()),
)  # fmt: skip


class LedgerRepository(Repository):
    def lock_invoices(
        self, organisation_id: uuid.UUID, invoice_ids: list[uuid.UUID]
    ) -> dict[uuid.UUID, Invoice]:
        """The invoice rows, locked until commit, in id order: balances of one invoice are recomputed one at
        a time, and two transactions locking overlapping sets wait for each other instead of deadlocking."""
        statement = (
            select(Invoice)
            .where(Invoice.organisation_id == organisation_id, Invoice.id.in_(invoice_ids))
            .order_by(Invoice.id)
            .with_for_update()
            .execution_options(populate_existing=True)
        )
        return {invoice.id: invoice for invoice in self.session.scalars(statement)}

    def lock_balance_rows(
        self, organisation_id: uuid.UUID, invoice_ids: list[uuid.UUID]
    ) -> dict[uuid.UUID, BalanceRow]:
        """`lock_invoices` reading only what a balance needs, as plain rows: the same locks, in id order."""
        statement = (
            select(*(getattr(Invoice, name) for name in BalanceRow._fields))
            .where(Invoice.organisation_id == organisation_id, self._among(Invoice.id, invoice_ids))
            .order_by(Invoice.id)
            .with_for_update()
        )
        return {row[0]: BalanceRow(*row) for row in self.session.execute(statement)}

    def write_balances(self, changes: list[dict[str, Any]]) -> None:
        """Each dict: an invoice's `id` and every column of _BALANCE_COLUMNS. One UPDATE … FROM
        jsonb_to_recordset on PostgreSQL (the rows as one JSON parameter), an executemany by primary key
        elsewhere. ORM statements both, so that the caches watching invoices (api.ttl_cache) see them; the
        invoices this session holds are expired, so that none shows the balance from before."""
        if not changes:
            return
        if self.session.get_bind().dialect.name != "postgresql":
            self.session.execute(update(Invoice), changes)
        else:
            rows = (
                func.jsonb_to_recordset(expression.cast(bindparam("rows", type_=String()), JSONB))
                .table_valued(
                    column("id", Uuid()),
                    *(column(name, type_) for name, type_ in _BALANCE_COLUMNS),
                    column("updated_at", UTCDateTime()),
                )  # fmt: skip
                .render_derived(name="r", with_types=True)
            )
            values = {name: rows.c[name] for name, _ in (*_BALANCE_COLUMNS, ("updated_at", None))}
            statement = update(Invoice).where(Invoice.id == rows.c.id).values(values)
            self.session.execute(
                statement.execution_options(synchronize_session=False),
                {"rows": json.dumps(changes, default=str)},
            )
        changed = {change["id"] for change in changes}
        for held in list(self.session.identity_map.values()):
            if isinstance(held, Invoice) and held.id in changed:
                self.session.expire(held)

    def _among(self, column_: Any, ids: list[uuid.UUID]) -> ColumnElement[bool]:
        """column IN ids: on PostgreSQL as one array parameter (= ANY), not one parameter per id."""
        if self.session.get_bind().dialect.name == "postgresql":
            return cast(
                ColumnElement[bool], column_ == any_(bindparam("ids", ids, type_=ARRAY(Uuid()), unique=True))
            )
        return cast(ColumnElement[bool], column_.in_(ids))

    def insert_many(self, rows: list[dict[str, Any]]) -> set[tuple[uuid.UUID, str]]:
        """The ledger rows that were new, as (invoice id, dedupe key): the database refuses a copy (and a
        repeat within `rows` keeps the first)."""
        if rows and self.session.get_bind().dialect.name == "postgresql":
            values = json.dumps([[row[name] for name in ENTRY_COLUMNS] for row in rows], default=str)
            inserted = self.session.execute(_PG_INSERT_ENTRIES, {"rows": values})
            return {(invoice_id, key) for invoice_id, key in inserted}
        table = cast(Table, PaymentEntry.__table__)
        rows = [{"id": uuid.uuid4(), **row} for row in rows]
        key = ("invoice_id", "dedupe_key")
        new = insert_many_ignoring_duplicates(self.session, table, rows, key, returning=key)
        return {(invoice_id, key) for invoice_id, key in new}

    def entries_by_key(self, keys: set[tuple[uuid.UUID, str]]) -> dict[tuple[uuid.UUID, str], PaymentEntry]:
        if not keys:
            return {}
        statement = select(PaymentEntry).where(
            tuple_(PaymentEntry.invoice_id, PaymentEntry.dedupe_key).in_(sorted(keys))
        )
        return {(e.invoice_id, e.dedupe_key): e for e in self.session.scalars(statement)}

    def anomaly_keys(self, keys: set[tuple[uuid.UUID, str]]) -> set[tuple[uuid.UUID, str, int]]:
        """(invoice id, dedupe key, received amount) of the anomalies already kept for these facts."""
        if not keys:
            return set()
        statement = select(
            PaymentAnomaly.invoice_id, PaymentAnomaly.dedupe_key, PaymentAnomaly.received_amount
        ).where(tuple_(PaymentAnomaly.invoice_id, PaymentAnomaly.dedupe_key).in_(sorted(keys)))
        return {(invoice_id, key, amount) for invoice_id, key, amount in self.session.execute(statement)}

    def facts_of_invoices(self, invoice_ids: list[uuid.UUID]) -> list[tuple[Any, ...]]:
        """(invoice id, provider, reference, kind, amount, currency, occurred_at) of every ledger entry of
        the invoices, each invoice's in the order they happened: columns, not entries, for recomputing."""
        statement = (
            select(
                PaymentEntry.invoice_id,
                PaymentEntry.provider,
                PaymentEntry.reference,
                PaymentEntry.kind,
                PaymentEntry.amount,
                PaymentEntry.currency,
                PaymentEntry.occurred_at,
            )  # fmt: skip
            .where(self._among(PaymentEntry.invoice_id, invoice_ids))
            .order_by(PaymentEntry.invoice_id, PaymentEntry.occurred_at, PaymentEntry.created_at)
        )
        return [tuple(row) for row in self.session.execute(statement)]

    def entry(
        self, organisation_id: uuid.UUID, invoice_id: uuid.UUID, entry_id: uuid.UUID
    ) -> PaymentEntry | None:
        return self.session.scalar(
            select(PaymentEntry).where(
                PaymentEntry.organisation_id == organisation_id,
                PaymentEntry.invoice_id == invoice_id,
                PaymentEntry.id == entry_id,
            )
        )

    def reversal_of(self, organisation_id: uuid.UUID, entry_id: uuid.UUID) -> PaymentEntry | None:
        return self.session.scalar(
            select(PaymentEntry).where(
                PaymentEntry.organisation_id == organisation_id, PaymentEntry.reverses_id == entry_id
            )
        )

    def entries(self, invoice_id: uuid.UUID) -> list[PaymentEntry]:
        statement = select(PaymentEntry).where(PaymentEntry.invoice_id == invoice_id)
        return list(
            self.session.scalars(statement.order_by(PaymentEntry.occurred_at, PaymentEntry.created_at))
        )

    def invoices_paid_by(
        self, organisation_id: uuid.UUID, provider: str, references: list[str]
    ) -> dict[str, list[uuid.UUID]]:
        """For each payment reference, the invoices the ledger already holds facts of it for."""
        statement = select(PaymentEntry.reference, PaymentEntry.invoice_id).where(
            PaymentEntry.organisation_id == organisation_id,
            PaymentEntry.provider == provider,
            PaymentEntry.reference.in_(references),
        )
        found: dict[str, list[uuid.UUID]] = {}
        for reference, invoice_id in self.session.execute(statement.order_by(PaymentEntry.created_at)):
            if invoice_id not in found.setdefault(reference, []):
                found[reference].append(invoice_id)
        return found

    def amounts_of(
        self, organisation_id: uuid.UUID, provider: str, references: list[str]
    ) -> dict[str, tuple[int, str]]:
        """For each payment reference, the amount and currency a processing or succeeded fact gave it."""
        statement = select(PaymentEntry.reference, PaymentEntry.amount, PaymentEntry.currency).where(
            PaymentEntry.organisation_id == organisation_id,
            PaymentEntry.provider == provider,
            PaymentEntry.reference.in_(references),
            PaymentEntry.kind.in_(("processing", "succeeded")),
        )
        found: dict[str, tuple[int, str]] = {}
        for reference, amount, currency in self.session.execute(statement):
            found.setdefault(reference, (amount, currency))
        return found

    def anomalies(self, invoice_id: uuid.UUID) -> list[PaymentAnomaly]:
        statement = select(PaymentAnomaly).where(PaymentAnomaly.invoice_id == invoice_id)
        return list(self.session.scalars(statement.order_by(PaymentAnomaly.created_at)))

    def in_flight(self, invoice_ids: list[uuid.UUID]) -> list[tuple[uuid.UUID, int, str | None]]:
        """(invoice id, amount, provider reference) of the invoices' submitted collections and instalments:
        debits on their way, which no ledger fact may speak of yet."""
        collections = select(Collection.invoice_id, Collection.amount, Collection.provider_reference).where(
            self._among(Collection.invoice_id, invoice_ids), Collection.status == CollectionStatus.submitted
        )
        instalments = (
            select(InstalmentPlan.invoice_id, Instalment.amount, Instalment.provider_reference)
            .join(InstalmentPlan, InstalmentPlan.id == Instalment.plan_id)
            .where(
                self._among(InstalmentPlan.invoice_id, invoice_ids),
                Instalment.status == InstalmentStatus.submitted,
            )
        )
        rows = self.session.execute(union_all(collections, instalments))  # one round trip for both
        return [(invoice_id, amount, reference) for invoice_id, amount, reference in rows]
