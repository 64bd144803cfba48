"""All SQL about the ledger: a fact is inserted once (the database refuses a copy), never updated."""

from __future__ import annotations

import uuid
from functools import lru_cache
from typing import Any

from sqlalchemy import select, union_all
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.sql.elements import ClauseElement

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
from api.repository import Repository


def insert_ignoring_duplicates(session: Any, table: Any, values: dict[str, Any], conflict: list[str]) -> Any:
    """INSERT … ON CONFLICT DO NOTHING RETURNING id: None when the row was already there. Concurrent
    inserts of one key wait for each other inside the database, so exactly one of them gets an id."""
    dialect = session.get_bind().dialect.name
    if any(isinstance(value, ClauseElement) for value in values.values()):
        insert = pg_insert if dialect == "postgresql" else sqlite_insert
        statement = insert(table).values(**values).on_conflict_do_nothing(index_elements=conflict)
        return session.execute(statement.returning(table.c.id)).scalar()
    # Plain values travel as parameters of a statement built once: building and hashing a new statement
    # for each call was a measurable part of processing a webhook event.
    return session.execute(_insert_or_nothing(dialect, table, tuple(conflict)), values).scalar()


@lru_cache(maxsize=64)
def _insert_or_nothing(dialect: str, table: Any, conflict: tuple[str, ...]) -> Any:
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    return insert(table).on_conflict_do_nothing(index_elements=list(conflict)).returning(table.c.id)


class LedgerRepository(Repository):
    def lock_invoice(self, organisation_id: uuid.UUID, invoice_id: uuid.UUID) -> Invoice | None:
        """The invoice row, locked until commit: balances of one invoice are recomputed one at a time."""
        statement = select(Invoice).where(
            Invoice.organisation_id == organisation_id, Invoice.id == invoice_id
        )
        return self.session.scalar(statement.with_for_update().execution_options(populate_existing=True))

    def insert(self, values: dict[str, Any]) -> bool:
        values = {"id": uuid.uuid4(), **values}
        inserted = insert_ignoring_duplicates(
            self.session, PaymentEntry.__table__, values, ["invoice_id", "dedupe_key"]
        )
        return inserted is not None

    def entry(self, invoice_id: uuid.UUID, dedupe_key: str) -> PaymentEntry | None:
        return self.session.scalar(
            select(PaymentEntry).where(
                PaymentEntry.invoice_id == invoice_id, PaymentEntry.dedupe_key == dedupe_key
            )
        )

    def entries(self, invoice_id: uuid.UUID) -> list[PaymentEntry]:
        statement = select(PaymentEntry).where(PaymentEntry.invoice_id == invoice_id)
        return list(
            self.session.scalars(statement.order_by(PaymentEntry.occurred_at, PaymentEntry.created_at))
        )

    def invoices_paid_by(self, organisation_id: uuid.UUID, provider: str, reference: str) -> list[uuid.UUID]:
        statement = select(PaymentEntry.invoice_id).where(
            PaymentEntry.organisation_id == organisation_id,
            PaymentEntry.provider == provider,
            PaymentEntry.reference == reference,
        )
        return list(dict.fromkeys(self.session.scalars(statement)))

    def amount_of(self, organisation_id: uuid.UUID, provider: str, reference: str) -> tuple[int, str] | None:
        statement = select(PaymentEntry.amount, PaymentEntry.currency).where(
            PaymentEntry.organisation_id == organisation_id,
            PaymentEntry.provider == provider,
            PaymentEntry.reference == reference,
            PaymentEntry.kind.in_(("processing", "succeeded")),
        )
        row = self.session.execute(statement.limit(1)).first()
        return None if row is None else (row[0], row[1])

    def anomalies(self, invoice_id: uuid.UUID) -> list[PaymentAnomaly]:
        statement = select(PaymentAnomaly).where(PaymentAnomaly.invoice_id == invoice_id)
        return list(self.session.scalars(statement.order_by(PaymentAnomaly.created_at)))

    def has_anomaly(self, invoice_id: uuid.UUID, dedupe_key: str, amount: int) -> bool:
        statement = select(PaymentAnomaly.id).where(
            PaymentAnomaly.invoice_id == invoice_id,
            PaymentAnomaly.dedupe_key == dedupe_key,
            PaymentAnomaly.received_amount == amount,
        )
        return self.session.scalar(statement.limit(1)) is not None

    def in_flight(self, invoice_id: uuid.UUID, known_references: set[str]) -> int:
        """Submitted collections and instalments of the invoice that no ledger fact speaks of yet."""
        collections = select(Collection.amount, Collection.provider_reference).where(
            Collection.invoice_id == invoice_id, Collection.status == CollectionStatus.submitted
        )
        instalments = (
            select(Instalment.amount, Instalment.provider_reference)
            .join(InstalmentPlan, InstalmentPlan.id == Instalment.plan_id)
            .where(InstalmentPlan.invoice_id == invoice_id, Instalment.status == InstalmentStatus.submitted)
        )
        rows = self.session.execute(union_all(collections, instalments))  # one round trip for both
        return sum(amount for amount, reference in rows if reference not in known_references)
