"""All SQL about the ledger: a fact is inserted once (the database refuses a copy), never updated."""

from __future__ import annotations

import uuid
from typing import Any, cast

from sqlalchemy import Table, select, tuple_, union_all

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
from api.repository import Repository, insert_many_ignoring_duplicates


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

    def insert_many(self, rows: list[dict[str, Any]]) -> set[tuple[uuid.UUID, str]]:
        """The ledger rows that were new, as (invoice id, dedupe key): the database refuses a copy."""
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
            .where(PaymentEntry.invoice_id.in_(invoice_ids))
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
            Collection.invoice_id.in_(invoice_ids), Collection.status == CollectionStatus.submitted
        )
        instalments = (
            select(InstalmentPlan.invoice_id, Instalment.amount, Instalment.provider_reference)
            .join(InstalmentPlan, InstalmentPlan.id == Instalment.plan_id)
            .where(
                InstalmentPlan.invoice_id.in_(invoice_ids), Instalment.status == InstalmentStatus.submitted
            )
        )
        rows = self.session.execute(union_all(collections, instalments))  # one round trip for both
        return [(invoice_id, amount, reference) for invoice_id, amount, reference in rows]
